// The spec-driven pieces without a network: reading frames, tag checks, close codes and
// the messages the runtime writes itself.
#include <catch2/catch.hpp>

#include <wirekit/close_policy.hpp>
#include <wirekit/frame_inspector.hpp>
#include <wirekit/session_messages.hpp>

#include "test_specs.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("frame inspector reads top-level members and dotted paths", "[runtime][frame]") {
  FrameInspector f;
  REQUIRE(
      f.parse(R"({"type":"event","id":"x","seq":7,"n":"7","payload":{"ack_timeout_ms":2500.0}})"));
  CHECK(f.string_member("type") == "event");
  CHECK(f.id_member("id") == "x");
  CHECK(f.id_member("seq") == "7");
  CHECK(f.integer_member("seq") == 7);
  CHECK_FALSE(f.integer_member("n"));
  CHECK(f.integer_at("payload.ack_timeout_ms") == 2500);
  CHECK_FALSE(f.integer_at("payload.missing"));
  CHECK_FALSE(f.string_member("missing"));
  CHECK(f.has_member("payload"));

  CHECK_FALSE(f.parse("[1]"));
  CHECK(f.error() == "not a JSON object");
  CHECK_FALSE(f.string_member("type"));
  CHECK_FALSE(f.parse(R"({"a":1)"));
  CHECK_THAT(f.error(), Catch::StartsWith("invalid JSON"));
  CHECK_FALSE(f.parse(""));
}

TEST_CASE("tag check uses the messages the sender may send", "[runtime][frame]") {
  FrameInspector f;
  REQUIRE(f.parse(R"({"type":"HELLO"})"));
  CHECK(check_tag(concierge_spec(), Side::server, f).ok());
  CHECK(check_tag(concierge_spec(), Side::client, f).error == "unknown type 'HELLO'");
  REQUIRE(f.parse(R"({"type":"MESSAGE"})"));
  CHECK(check_tag(concierge_spec(), Side::client, f).ok());  // from: both
  REQUIRE(f.parse(R"({"type":5})"));
  CHECK(check_tag(concierge_spec(), Side::client, f).error == "tag 'type' is not a string");
  REQUIRE(f.parse(R"({"name":"x"})"));
  CHECK(check_tag(concierge_spec(), Side::client, f).error == "missing tag 'type'");
  CHECK(check_tag(plain_spec(), Side::client, f).ok());
  REQUIRE(f.parse(R"({"id":"1","action":"","payload":{}})"));
  CHECK(check_tag(flet_spec(), Side::server, f).tag.empty());
  CHECK(check_tag(flet_spec(), Side::server, f).ok());

  ProtocolSpec untagged = plain_spec();
  MessageSpec bare{};
  bare.name = "Bare";
  bare.untagged = true;
  bare.from = Side::client;
  untagged.messages = {bare};
  REQUIRE(f.parse(R"({"x":1})"));
  CHECK(check_tag(untagged, Side::client, f).ok());
  CHECK_FALSE(check_tag(untagged, Side::server, f).ok());
}

TEST_CASE("close codes come from the spec, with standard fallbacks", "[runtime][frame]") {
  CHECK(close_code(concierge_spec(), Condition::handshake_timeout) == 4004);
  CHECK(close_code(concierge_spec(), Condition::handshake_wrong_message) == 4003);
  CHECK(close_code(event_ack_sync_spec(), Condition::binary_frame) == 4001);
  CHECK(close_code(plain_spec(), Condition::binary_frame) == 1003);
  CHECK(close_code(plain_spec(), Condition::too_large) == 1009);
  CHECK(close_code(plain_spec(), Condition::undecodable) == 1007);
  CHECK(close_code(plain_spec(), Condition::ack_timeout) == 1008);
  CHECK(close_code(plain_spec(), Condition::internal_error) == 1011);
  CHECK(concierge_spec().close_code_named("DUPLICATE_AUTH") == 4005);
  CHECK(std::string(to_string(Condition::ack_duplicate)) == "ack_duplicate");
}

TEST_CASE("the runtime's own messages follow the spec's names", "[runtime][frame]") {
  CHECK(build_ack(event_ack_sync_spec(), "abc", "2026-11-21T10:00:00.000001+00:00") ==
        R"({"type":"ack","id":"abc","sent_at":"2026-11-21T10:00:00.000001+00:00"})");
  CHECK(build_undecodable_reply(concierge_spec(), "bad \"x\"", std::int64_t{3}) ==
        R"({"type":"ERROR_PROTOCOL","seq":3,"desc":"bad \"x\""})");
  CHECK(build_undecodable_reply(concierge_spec(), "e", std::nullopt) ==
        R"({"type":"ERROR_PROTOCOL","desc":"e"})");
  CHECK(dotted_to_pointer("payload.ack_timeout_ms") == "/payload/ack_timeout_ms");
}
