// Event/Ack sync: every example of tests/data/sync/ decodes to the expected message. Both
// messages may come from either side, so each file is decoded in both directions.
#include <string>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "sync/sync_codec.hpp"

using codec_test::expect_alternative;
using codec_test::read_data;

namespace {
constexpr const char* kSentAt = "2026-11-21T10:00:00.123456+00:00";
}  // namespace

TEST_CASE("sync example event.json", "[codec][examples][sync]") {
  const auto text = read_data("sync/event.json");
  const auto to_server = event_sync::decode_to_server(text);
  const auto to_client = event_sync::decode_to_client(text);
  for (const auto* r : {&to_server, &to_client}) {
    const auto& m = expect_alternative<event_sync::Event>(*r);
    CHECK(m.id.str() == "9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c");
    CHECK(m.sent_at.str() == kSentAt);
    CHECK(m.status == event_sync::Status::kOk);
    CHECK_FALSE(m.reason.has_value());  // null in the file
    CHECK(m.payload.text == R"({
    "state": {
      "doors": 2
    }
  })");
  }
}

TEST_CASE("sync example ack.json", "[codec][examples][sync]") {
  const auto text = read_data("sync/ack.json");
  const auto to_server = event_sync::decode_to_server(text);
  const auto to_client = event_sync::decode_to_client(text);
  for (const auto* r : {&to_server, &to_client}) {
    const auto& m = expect_alternative<event_sync::Ack>(*r);
    CHECK(m.id.str() == "9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c");
    CHECK(m.sent_at.str() == kSentAt);
  }
}

TEST_CASE("sync example handshake_event.json", "[codec][examples][sync]") {
  const auto r = event_sync::decode_to_client(read_data("sync/handshake_event.json"));
  const auto& m = expect_alternative<event_sync::Event>(r);
  CHECK(m.id.str() == "1c4e7a2b-5d8f-4b3a-9c6e-0f1a2b3c4d5e");
  CHECK(m.sent_at.str() == kSentAt);
  CHECK(m.status == event_sync::Status::kOk);
  CHECK_FALSE(m.reason.has_value());
  CHECK(m.payload.text == R"({
    "ack_timeout_ms": 10000
  })");
}
