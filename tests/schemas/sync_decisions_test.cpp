// event-ack-sync.md elides its handshake and ack deadline; sync.yaml defines them.
#include <catch2/catch.hpp>

#include "sync/sync_codec.hpp"
#include "sync/sync_protocol.hpp"

TEST_CASE("the handshake is the server's first Event carrying the ack deadline", "[sync]") {
  const auto& spec = event_sync::protocol_spec();
  CHECK(spec.session.handshake.present());
  CHECK(spec.session.handshake.first == event_sync::detail::message_index::kEvent);
  CHECK(spec.session.handshake.from == wirekit::Side::server);
  CHECK(spec.session.ack_deadline_ms == 10000);
  const auto* ack = spec.correlation.as<wirekit::AckCorrelation>();
  REQUIRE(ack != nullptr);
  CHECK(ack->event == event_sync::detail::message_index::kEvent);
  CHECK(ack->ack == event_sync::detail::message_index::kAck);
  // The deadline travels in the handshake Event's free-form payload.
  event_sync::Event event;
  wirekit::FrameHeader header;
  event_sync::detail::Hooks::header_of(event, header);
  CHECK(header.ack_deadline_path == "payload.ack_timeout_ms");
  // The ack hook stamps the id and sent_at fields.
  CHECK(spec.codec.ack("123e4567-e89b-12d3-a456-426614174000", "2026-11-21T10:00:00+00:00") ==
        R"({"type":"ack","id":"123e4567-e89b-12d3-a456-426614174000",)"
        R"("sent_at":"2026-11-21T10:00:00+00:00"})");
}

TEST_CASE("close codes follow the document and the implementation", "[sync]") {
  const auto& spec = event_sync::protocol_spec();
  CHECK(spec.close_code_for(wirekit::Condition::binary_frame) == 4001);
  CHECK(spec.close_code_for(wirekit::Condition::undecodable) == 4002);
  CHECK(spec.close_code_for(wirekit::Condition::missing_field) == 4003);
  CHECK(spec.close_code_for(wirekit::Condition::wrong_type) == 4004);
  CHECK(spec.close_code_for(wirekit::Condition::invalid_value) == 4005);
  CHECK(spec.close_code_for(wirekit::Condition::ack_unknown) == 4005);
  CHECK(spec.close_code_for(wirekit::Condition::ack_duplicate) == 4005);
  CHECK(spec.close_code_for(wirekit::Condition::ack_timeout) == 1008);
  CHECK(spec.close_code_for(wirekit::Condition::rate_limit) == 1008);
  CHECK(spec.session.rate_limit.messages == 10);
  CHECK(spec.session.rate_limit.per_ms == 5000);
  CHECK(spec.transport.bearer_auth);
}

TEST_CASE("sent_at keeps microseconds and the offset", "[sync]") {
  auto e = event_sync::decode<event_sync::Ack>(
      R"({"type":"ack","id":"123e4567-e89b-12d3-a456-426614174000",)"
      R"("sent_at":"2026-11-21T10:00:00.123456+00:00"})");
  REQUIRE(e.ok());
  CHECK(e->sent_at.str() == "2026-11-21T10:00:00.123456+00:00");
  auto bad = event_sync::decode<event_sync::Ack>(
      R"({"type":"ack","id":"123e4567-e89b-12d3-a456-426614174000","sent_at":"yesterday"})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == wirekit::DecodeError::Kind::invalid_value);
  CHECK(bad.error().path == "sent_at");
}

TEST_CASE("an Event's payload must be an object, as the implementation declares", "[sync]") {
  const std::string head =
      R"({"type":"event","id":"123e4567-e89b-12d3-a456-426614174000",)"
      R"("sent_at":"2026-11-21T10:00:00Z","status":"ok","reason":null,"payload":)";
  auto number = event_sync::decode_to_server(head + "5}");
  REQUIRE_FALSE(number.ok());
  CHECK(number.error().kind == wirekit::DecodeError::Kind::wrong_type);
  CHECK(number.error().path == "payload");
  auto object = event_sync::decode_to_server(head + R"({"doors":[1,2]}})");
  REQUIRE(object.ok());
  CHECK(std::get<event_sync::Event>(*object).payload.text == R"({"doors":[1,2]})");
  event_sync::Event empty;
  CHECK(event_sync::encode(empty).find(R"("payload":{})") != std::string::npos);
}
