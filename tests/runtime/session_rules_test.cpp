// The session rules of issue 19 §2, each said by a schema key of graphql_ws.yaml and proved
// through its generated stubs over loopback: messages allowed before the handshake, a
// repeated handshake closed with a code, invalid payloads per direction, min_length, a
// subprotocol the client did not offer, an interaction answered by the next reply, omit or
// null for unset fields and a per-message stub name.
#include <catch2/catch.hpp>

#include <wirekit/server.hpp>

#include <mutex>
#include <string>
#include <vector>

#include "graphql_ws/graphql_ws_client.hpp"
#include "graphql_ws/graphql_ws_codec.hpp"
#include "graphql_ws/graphql_ws_server.hpp"
#include "raw_peer.hpp"
#include "test_support.hpp"

using namespace wirekit::test;

namespace {

constexpr const char* kPath = "/graphql";
constexpr const char* kSubprotocol = "graphql-transport-ws";

class Gateway : public graphql_ws::stub::Handlers<> {
 public:
  wirekit::Accept<graphql_ws::ConnectionAck> on_connection_init(
      Session&, const graphql_ws::ConnectionInit&) override {
    inits.push(1);
    return graphql_ws::ConnectionAck{};
  }
  void on_ping(Session&, const graphql_ws::Ping&, graphql_ws::stub::PingReply reply) override {
    std::lock_guard<std::mutex> lock(m_);
    if (answer_pings) {
      graphql_ws::Pong pong;
      pong.payload = wirekit::JsonObject(R"({"n":)" + std::to_string(++pongs_) + "}");
      reply(pong);
    }
    pings.push(1);
  }
  void on_complete_operation(Session&, const graphql_ws::Complete& m) override {
    completed.push(m.id);
  }

  bool answer_pings = true;
  Inbox<int> inits, pings;
  Inbox<std::string> completed;

 private:
  std::mutex m_;
  int pongs_ = 0;
};

struct Fixture {
  Gateway gateway;
  graphql_ws::stub::Server<> server{gateway};
  Fixture() { server.start(); }

  /// A raw peer through the upgrade (offering the subprotocol) and the handshake.
  void handshake(RawPeer& raw) {
    REQUIRE(raw.connect(server.port(), kPath, kSubprotocol));
    raw.send_text(R"({"type":"connection_init"})");
    REQUIRE(raw.texts.wait_for(1));
    REQUIRE(raw.texts.at(0) == R"({"type":"connection_ack"})");
  }
};

}  // namespace

TEST_CASE("session rules: a Ping before ConnectionInit is answered, the handshake still waits",
          "[runtime][session_rules]") {
  Fixture f;
  RawPeer raw;
  REQUIRE(raw.connect(f.server.port(), kPath, kSubprotocol));
  raw.send_text(R"({"type":"ping"})");
  REQUIRE(raw.texts.wait_for(1));
  CHECK(raw.texts.at(0) == R"({"type":"pong","payload":{"n":1}})");
  raw.send_text(R"({"type":"pong"})");  // also allowed before: delivered, handshake goes on
  raw.send_text(R"({"type":"connection_init"})");
  REQUIRE(raw.texts.wait_for(2));
  CHECK(raw.texts.at(1) == R"({"type":"connection_ack"})");
  CHECK(f.gateway.inits.size() == 1);
  CHECK(f.server.connections().size() == 1);
}

TEST_CASE("session rules: without allowed_before, a Ping first breaks the handshake",
          "[runtime][session_rules]") {
  wirekit::ProtocolSpec strict = graphql_ws::protocol_spec();
  strict.session.handshake.allowed_before.clear();
  wirekit::Server server(strict);
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), kPath, kSubprotocol));
  raw.send_text(R"({"type":"ping"})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4401);
  CHECK(close->reason == "expected connection_init first, got ping");
}

TEST_CASE("session rules: a second ConnectionInit closes with 4429", "[runtime][session_rules]") {
  Fixture f;
  RawPeer raw;
  f.handshake(raw);
  raw.send_text(R"({"type":"connection_init"})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4429);
  CHECK(close->reason == "repeated connection_init");
  CHECK(f.gateway.inits.size() == 1);
}

TEST_CASE("session rules: an unknown message from the client closes with 4400",
          "[runtime][session_rules]") {
  Fixture f;
  RawPeer raw;
  f.handshake(raw);
  raw.send_text(R"({"type":"subscribe_all"})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4400);
  CHECK_THAT(close->reason, Catch::Contains("subscribe_all"));
}

TEST_CASE("session rules: an unknown message from the server is ignored with one log line",
          "[runtime][session_rules]") {
  Fixture f;
  Inbox<std::string> lines, pongs;
  wirekit::ClientOptions options;
  options.log = [&](std::string_view line) { lines.push(std::string(line)); };
  graphql_ws::stub::Client client(options);
  client.on_pong([&](const graphql_ws::Pong&) { pongs.push("pong"); });
  REQUIRE(client.connect("127.0.0.1", f.server.port(), graphql_ws::ConnectionInit{}).ok());
  const auto id = f.server.connections().at(0);
  f.server.runtime().send(id, std::string(R"({"type":"server_news"})"));
  f.server.runtime().send(id, std::string(R"({"type":"pong"})"));
  REQUIRE(pongs.wait_for(1));  // the session went on past the unknown message
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines.at(0), Catch::StartsWith("ignored from server: "));
  CHECK_THAT(lines.at(0), Catch::Contains("server_news"));
  CHECK(client.is_open());
}

TEST_CASE("session rules: an empty operation id breaks min_length", "[runtime][session_rules]") {
  auto decoded = graphql_ws::decode<graphql_ws::Subscribe>(
      R"({"type":"subscribe","id":"","payload":{"query":"{ a }"}})");
  REQUIRE_FALSE(decoded);
  CHECK(decoded.error().kind == wirekit::DecodeError::Kind::invalid_value);
  CHECK(decoded.error().to_string() == "id: shorter than 1 bytes (0)");
  CHECK(graphql_ws::decode<graphql_ws::Subscribe>(
      R"({"type":"subscribe","id":"1","payload":{"query":"{ a }"}})"));

  Fixture f;
  RawPeer raw;
  f.handshake(raw);
  raw.send_text(R"({"type":"complete","id":""})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4400);
  CHECK(close->reason == "id: shorter than 1 bytes (0)");
}

TEST_CASE("session rules: a client not offering the subprotocol is accepted, then closed 4406",
          "[runtime][session_rules]") {
  Fixture f;
  RawPeer none;
  // The upgrade succeeds (connect() may already see the close that follows it): a refused
  // upgrade would get HTTP 400 and no close frame at all.
  (void)none.connect(f.server.port(), kPath);
  CHECK(none.http_status() != 400);
  auto close = none.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4406);
  CHECK(close->reason == "subprotocol graphql-transport-ws not offered");

  RawPeer offered;
  f.handshake(offered);
  CHECK(offered.subprotocol() == kSubprotocol);
}

TEST_CASE("session rules: ping() awaits the next Pong, oldest Ping first",
          "[runtime][session_rules]") {
  Fixture f;
  graphql_ws::stub::Client client;
  Inbox<std::string> unsolicited;
  client.on_pong([&](const graphql_ws::Pong&) { unsolicited.push("pong"); });
  REQUIRE(client.connect("127.0.0.1", f.server.port(), graphql_ws::ConnectionInit{}).ok());
  auto first = client.ping(graphql_ws::Ping{});
  auto second = client.ping(graphql_ws::Ping{});
  const auto a = first.get();
  const auto b = second.get();
  REQUIRE(a.reply());
  REQUIRE(b.reply());
  CHECK(a.reply()->payload->text == R"({"n":1})");
  CHECK(b.reply()->payload->text == R"({"n":2})");
  // A Pong no Ping waits for goes to on_pong.
  f.server.runtime().send(f.server.connections().at(0), std::string(R"({"type":"pong"})"));
  CHECK(unsolicited.wait_for(1));
}

TEST_CASE("session rules: ping() times out when no Pong comes", "[runtime][session_rules]") {
  Fixture f;
  f.gateway.answer_pings = false;
  graphql_ws::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.server.port(), graphql_ws::ConnectionInit{}).ok());
  wirekit::RequestOptions quick;
  quick.timeout_ms = 100;
  const auto outcome = client.ping(graphql_ws::Ping{}, quick).get();
  REQUIRE(outcome.session_error());
  CHECK(outcome.session_error()->code == wirekit::SessionErrc::timeout);
  CHECK(f.gateway.pings.size() == 1);
}

TEST_CASE("session rules: unset fields are omitted or written as null, as the schema says",
          "[runtime][session_rules]") {
  graphql_ws::Subscribe s;
  s.id = "7";
  s.payload.query = "{ a }";
  // operationName (unset: omit) and extensions (unset_fields: omit) are left out; variables
  // (unset: null) is written as null.
  CHECK(graphql_ws::encode(s) ==
        R"({"type":"subscribe","id":"7","payload":{"query":"{ a }","variables":null}})");
  s.payload.operation_name = "Op";
  CHECK(
      graphql_ws::encode(s) ==
      R"({"type":"subscribe","id":"7","payload":{"operationName":"Op","query":"{ a }","variables":null}})");
  // What it writes reads back; null and absent both read as unset.
  auto back = graphql_ws::decode<graphql_ws::Subscribe>(graphql_ws::encode(s));
  REQUIRE(back);
  CHECK(back.value().payload.operation_name == "Op");
  CHECK_FALSE(back.value().payload.variables);
  CHECK(graphql_ws::encode(graphql_ws::ConnectionInit{}) == R"({"type":"connection_init"})");
}

TEST_CASE("session rules: Complete's stub name is complete_operation", "[runtime][session_rules]") {
  Fixture f;
  graphql_ws::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.server.port(), graphql_ws::ConnectionInit{}).ok());
  graphql_ws::Complete done;
  done.id = "op-1";
  CHECK(client.complete_operation(done));
  CHECK(f.gateway.completed.wait_for(1));
  CHECK(f.gateway.completed.at(0) == "op-1");
}
