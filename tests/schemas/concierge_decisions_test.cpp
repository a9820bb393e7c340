// concierge.md contradicts itself in places; concierge.yaml follows the upstream server.
#include <catch2/catch.hpp>

#include "concierge/concierge_codec.hpp"
#include "concierge/concierge_protocol.hpp"

TEST_CASE("SERVICE_CREATE exists and the prose's CREATE_SERVICE does not", "[concierge]") {
  auto ok = concierge::decode_to_server(R"({"type":"SERVICE_CREATE","service":"s"})");
  REQUIRE(ok.ok());
  CHECK(std::holds_alternative<concierge::ServiceCreate>(*ok));
  auto bad = concierge::decode_to_server(R"({"type":"CREATE_SERVICE","service":"s"})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == wirekit::DecodeError::Kind::unknown_tag);
  CHECK(bad.error().path == "type");
}

TEST_CASE("SERVICE_DELETE is answered by SERVICE_DELETE_RESULT", "[concierge]") {
  const auto& spec = concierge::protocol_spec();
  namespace mi = concierge::detail::message_index;
  const wirekit::RequestSpec* del = spec.request_of(mi::kServiceDelete);
  REQUIRE(del != nullptr);
  CHECK(del->responses == std::vector<wirekit::MessageIndex>{mi::kServiceDeleteResult});
  CHECK(del->errors == std::vector<wirekit::MessageIndex>{mi::kInvalidService, mi::kBad});
}

TEST_CASE("the fetch-all reply is tagged SERVICE_FETCH_ALL_RESULT", "[concierge]") {
  auto all =
      concierge::decode_to_client(R"({"type":"SERVICE_FETCH_ALL_RESULT","seq":4,"services":[]})");
  REQUIRE(all.ok());
  REQUIRE(std::holds_alternative<concierge::ServiceFetchAllResult>(*all));
  CHECK(std::get<concierge::ServiceFetchAllResult>(*all).seq == 4);
  // The document's "SERVICE_FETCH_RESULT" stays the single-service reply.
  auto one = concierge::decode_to_client(R"({"type":"SERVICE_FETCH_RESULT","services":[]})");
  REQUIRE_FALSE(one.ok());
  CHECK(one.error().kind == wirekit::DecodeError::Kind::missing_field);
  CHECK(one.error().path == "service");
}

TEST_CASE("MESSAGE has origin, a tagged target and free-form data", "[concierge]") {
  auto m = concierge::decode_to_server(
      R"({"type":"MESSAGE","target":{"type":"SERVICE_CLIENT_UUID","service":"s",)"
      R"("uuid":"123e4567-e89b-12d3-a456-426614174000"},"data":[1,{"a":null}]})");
  REQUIRE(m.ok());
  const auto& message = std::get<concierge::Message>(*m);
  CHECK_FALSE(message.origin.has_value());
  const auto& target = std::get<concierge::TargetServiceClientUuid>(message.target);
  CHECK(target.service == "s");
  CHECK(target.uuid.str() == "123e4567-e89b-12d3-a456-426614174000");
  CHECK(message.data.text == R"([1,{"a":null}])");
}

TEST_CASE("absent optional fields are written as null, as upstream does", "[concierge]") {
  concierge::Identify identify;
  identify.name = "a";
  identify.version = "0.2.0";
  CHECK(
      concierge::encode(identify) ==
      R"({"type":"IDENTIFY","name":"a","nickname":null,"version":"0.2.0","secret":null,"tags":[]})");
}

TEST_CASE("IDENTIFY's tags default to [] and secret may be absent", "[concierge]") {
  auto m =
      concierge::decode<concierge::Identify>(R"({"type":"IDENTIFY","name":"a","version":"1"})");
  REQUIRE(m.ok());
  CHECK(m->tags.empty());
  CHECK_FALSE(m->secret.has_value());
}

TEST_CASE("the session table carries the handshake and every close code", "[concierge]") {
  const auto& spec = concierge::protocol_spec();
  CHECK(spec.transport.subprotocol == "ert-concierge");
  CHECK(spec.transport.unoffered_subprotocol == wirekit::TransportSpec::Unoffered::accept);
  CHECK(spec.transport.path == "/ws");
  CHECK(spec.transport.default_port == 64209);
  namespace mi = concierge::detail::message_index;
  CHECK(spec.session.handshake.first == mi::kIdentify);
  CHECK(spec.session.handshake.within_ms == 5000);
  CHECK(spec.session.handshake.success == mi::kHello);
  REQUIRE(spec.session.replies_to_undecodable);
  CHECK(spec.codec.undecodable_reply("missing field `name`", 3) ==
        R"({"type":"ERROR_PROTOCOL","seq":3,"desc":"missing field `name`"})");
  REQUIRE(spec.session.replies_to_repeated_handshake);
  CHECK(spec.codec.repeated_handshake_reply(std::nullopt) == R"({"type":"ERROR_UNSUPPORTED"})");
  CHECK(spec.close_code_for(wirekit::Condition::handshake_timeout) == 4004);
  CHECK(spec.close_code_for(wirekit::Condition::handshake_wrong_message) == 4003);
  CHECK(spec.close_code_for(wirekit::Condition::handshake_undecodable) == 4002);
  CHECK(spec.close_code_named("DUPLICATE_AUTH") == 4005);
  CHECK(spec.close_code_named("BAD_SECRET") == 4006);
  CHECK(spec.close_code_named("BAD_VERSION") == 4007);
  CHECK(spec.close_code_named("BAD_AUTH") == 4008);
  CHECK(spec.close_code_named("UNKNOWN") == 4000);
  const auto* sequence = spec.correlation.as<wirekit::SequenceCorrelation>();
  REQUIRE(sequence != nullptr);
  CHECK(sequence->start == 0);
  CHECK_FALSE(sequence->counts_handshake);
  CHECK(sequence->reset == mi::kSelfSetSeq);
  concierge::SelfSetSeq reset;
  reset.seq = 42;
  wirekit::FrameHeader header;
  concierge::detail::Hooks::header_of(reset, header);
  CHECK(header.counter_reset == 42);
}
