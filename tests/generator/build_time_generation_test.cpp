// The chat SDK is generated at build time by wirekit_generate() from tests/generator/chat.yaml,
// a protocol that is none of the five: the generated code works like the checked-in SDKs.
#include <catch2/catch.hpp>

#include "chat/chat_codec.hpp"
#include "chat/chat_protocol.hpp"

TEST_CASE("a build-time generated SDK encodes and decodes", "[build-time]") {
  chat::Line line;
  line.id = "7";
  line.user.name = "ada";
  line.user.mood = chat::Mood::kGrumpy;
  line.text = "hi \"all\"";
  line.reactions = std::map<std::string, std::int64_t>{{"+1", 3}};
  const std::string text = chat::encode(line);
  CHECK(text ==
        R"({"kind":"line","id":"7","user":{"name":"ada","mood":"grumpy","tags":[],"karma":10},)"
        R"("text":"hi \"all\"","reactions":{"+1":3}})");
  auto decoded = chat::decode_to_client(text);
  REQUIRE(decoded.ok());
  REQUIRE(std::holds_alternative<chat::Line>(*decoded));
  CHECK(std::get<chat::Line>(*decoded) == line);
}

TEST_CASE("defaults apply when fields are absent", "[build-time]") {
  auto decoded = chat::decode<chat::Line>(R"({"kind":"line","user":{"name":"bo"},"text":"x"})");
  REQUIRE(decoded.ok());
  CHECK(decoded->user.karma == 10);
  CHECK(decoded->user.tags.empty());
  CHECK_FALSE(decoded->user.mood.has_value());
  CHECK_FALSE(decoded->id.has_value());
}

TEST_CASE("the generated session table reflects the schema", "[build-time]") {
  const auto& spec = chat::protocol_spec();
  CHECK(spec.name == "chat");
  CHECK(spec.tag_key == "kind");
  CHECK(spec.transport.path == "/chat");
  CHECK(spec.transport.subprotocol == "chat-v1");
  CHECK(spec.transport.max_message_bytes == 65536);
  CHECK(spec.correlation.as<wirekit::EchoCorrelation>() != nullptr);
  CHECK(spec.correlation.timeout_ms == 10000);
  CHECK(spec.close_code_for(wirekit::Condition::binary_frame) == 4001);
  CHECK(spec.close_code_named("BAD_JSON") == 4002);
  CHECK(chat::close_code::kNotText == 4001);
  REQUIRE(spec.messages.size() == 3);
  CHECK(spec.messages[0].tag == "say");
  CHECK(spec.messages[0].from == wirekit::Side::client);
  REQUIRE(spec.requests.size() == 1);
  CHECK(spec.message_name(spec.requests[0].request) == "Say");
  REQUIRE(spec.requests[0].responses.size() == 1);
  CHECK(spec.message_name(spec.requests[0].responses[0]) == "Said");
}

TEST_CASE("a Result default-initialized for a decoder holds the schema's defaults",
          "[build-time]") {
  // decode<T>() builds its result this way: default member initializers, no zeroing first.
  wirekit::Result<chat::User> user(wirekit::default_init);
  REQUIRE(user.ok());
  CHECK(user->karma == 10);
  CHECK(user->tags.empty());
  CHECK_FALSE(user->mood.has_value());
  CHECK(user->name.empty());
  // Arguments, or none, still value-initialize.
  CHECK(wirekit::Result<std::int64_t>(std::in_place).value() == 0);
  CHECK(wirekit::Result<std::int64_t>(std::in_place, 7).value() == 7);
}

#include "edge/edge_codec.hpp"

TEST_CASE("edge cases generate working code", "[build-time]") {
  // An empty message in a nested-body envelope: the body may be absent or empty.
  CHECK(edge::encode(edge::Ping{}) == R"({"type":"ping"})");
  CHECK(edge::decode<edge::Ping>(R"({"type":"ping"})").ok());
  CHECK(edge::decode<edge::Ping>(R"({"type":"ping","payload":{}})").ok());
  const auto not_object = edge::decode<edge::Ping>(R"({"type":"ping","payload":3})");
  REQUIRE_FALSE(not_object.ok());
  CHECK(not_object.error().path == "payload");
  // The server sends nothing: its decoder knows no message.
  const auto none = edge::decode_to_client(R"({"type":"ping"})");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().kind == wirekit::DecodeError::Kind::unknown_tag);
  edge::Note note;
  note.text = "C:\\";
  CHECK(edge::encode(edge::ToServer{note}) == R"({"type":"note","payload":{"text":"C:\\"}})");
}

TEST_CASE("a message giving its tag twice is rejected", "[build-time]") {
  const auto twice =
      edge::decode_to_server(R"({"type":"note","payload":{"text":"x"},"type":"ping"})");
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().kind == wirekit::DecodeError::Kind::invalid_value);
  CHECK(twice.error().path == "type");
}

#include "edge/edge_server.hpp"

namespace {

// Server code keyed by a schema type named State, in a schema with types named Handlers,
// Server and Session: the generated stub's own names hide none of them.
class EdgeHandlers : public edge::stub::Handlers<edge::State> {
 public:
  void on_message(Session& session, const edge::Message& message) override {
    session.state().level = static_cast<std::int64_t>(message.handlers.names.size());
    host = message.server.host;
  }
  std::string host;
};

}  // namespace

TEST_CASE("schema types named like the generated code's own names compile and decode",
          "[build-time]") {
  const auto message = edge::decode<edge::Message>(
      R"({"type":"message","payload":{"session":{"state":{"level":2}},"server":{"host":"h"},)"
      R"("handlers":{"names":["a","b","c"]}}})");
  REQUIRE(message.ok());
  CHECK(message.value().session.state.level == 2);
  CHECK(message.value().server.host == "h");
  CHECK(message.value().handlers.names == std::vector<std::string>{"a", "b", "c"});
  EdgeHandlers handlers;
  edge::stub::Server<edge::State> server(handlers);
  edge::State state;
  edge::stub::Server<edge::State>::Session session(server.runtime(), 1, state, std::nullopt);
  handlers.on_message(session, message.value());
  CHECK(state.level == 3);
  CHECK(handlers.host == "h");
}
