// What a generated protocol hands the runtime, without a network: the one-pass decode hook and
// the header it reports, the messages the runtime writes through the codec, close codes.
#include <catch2/catch.hpp>

#include <string>

#include <wirekit/close_policy.hpp>
#include <wirekit/json_lookup.hpp>

#include "json/key_text.hpp"

#include "test_specs.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

/// Records what CodecHooks::decode reports.
struct Recorder final : InboundSink {
  MessageIndex message = -2;
  std::optional<std::int64_t> seq, counter_reset;
  std::string correlation_id, event_id, error, deadline_path;
  std::vector<std::string> keys;
  MessageIndex answer = kNoMessage;  ///< what expected_reply answers
  std::string asked;                 ///< the correlation id it was asked about

  MessageIndex expected_reply(std::string_view id, const MessageIndex* candidates,
                              std::size_t count) override {
    asked = std::string(id);
    for (std::size_t i = 0; i < count; ++i)
      if (candidates[i] == answer) return answer;
    return kNoMessage;
  }
  void on_decoded(const FrameHeader& h, TypedRef value) override {
    REQUIRE(value);
    message = h.message;
    seq = h.seq;
    counter_reset = h.counter_reset;
    correlation_id = std::string(h.correlation_id);
    event_id = std::string(h.event_id);
    deadline_path = std::string(h.ack_deadline_path);
    h.stream_keys.for_each([this](std::string_view k) { keys.emplace_back(k); });
  }
  void on_undecodable(const DecodeError& e) override { error = e.to_string(); }
};

Recorder decode(const ProtocolSpec& spec, std::string_view text, Side from,
                MessageIndex answer = kNoMessage) {
  Recorder r;
  r.answer = answer;
  spec.codec.decode(text, from, r);
  return r;
}

}  // namespace

TEST_CASE("decode hook: the message index and the session fields, in one pass",
          "[runtime][hooks]") {
  auto r = decode(sequence_spec(), R"({"seq":4,"type":"OK"})", Side::server);
  CHECK(r.message == rt_sequence::detail::message_index::kOk);
  CHECK(r.seq == 4);
  r = decode(sequence_spec(), R"({"type":"SELF_SET_SEQ","seq":40})", Side::client);
  CHECK(r.message == rt_sequence::detail::message_index::kSelfSetSeq);
  CHECK(r.counter_reset == 40);
  CHECK_FALSE(r.seq);  // a client's payload carries no reply number
  r = decode(ack_spec(),
             R"({"type":"event","id":"6f1c2a8e-0000-4000-8000-000000000001",)"
             R"("sent_at":"2026-11-21T10:00:00.000001+00:00","payload":{"ack_timeout_ms":250}})",
             Side::server);
  CHECK(r.message == rt_ack::detail::message_index::kEvent);
  CHECK(r.event_id == "6f1c2a8e-0000-4000-8000-000000000001");
  CHECK(r.deadline_path == "payload.ack_timeout_ms");
  r = decode(echo_spec(), R"({"id":"17","action":"registerHostClient","payload":{}})",
             Side::client);
  CHECK(r.message == rt_echo::detail::message_index::kRegisterHostClient);
  CHECK(r.correlation_id == "17");
}

TEST_CASE("decode hook: the sender's direction decides which tags are valid", "[runtime][hooks]") {
  CHECK(decode(sequence_spec(), R"({"type":"HELLO"})", Side::server).message ==
        rt_sequence::detail::message_index::kHello);
  CHECK(decode(sequence_spec(), R"({"type":"HELLO"})", Side::client).error ==
        R"(type: unknown message "HELLO")");
  CHECK(decode(sequence_spec(), R"({"type":"MESSAGE"})", Side::client).message ==
        rt_sequence::detail::message_index::kMessage);  // from: both
  CHECK(decode(sequence_spec(), R"({"name":"x"})", Side::client).error ==
        R"(type: the message has no "type" saying what it is)");
  CHECK(decode(sequence_spec(), "[1]", Side::client).error == "expected a JSON object");
  CHECK(decode(plain_spec(), R"({"type":"anything","n":1})", Side::client).message ==
        rt_plain::detail::message_index::kAnything);
}

TEST_CASE("decode hook: replies sharing a tag are decoded as their request expects",
          "[runtime][hooks]") {
  const std::string reply = R"({"id":"7","action":"","payload":{"result":"ok"}})";
  auto r =
      decode(echo_spec(), reply, Side::server, rt_echo::detail::message_index::kCommandResponse);
  CHECK(r.asked == "7");
  CHECK(r.message == rt_echo::detail::message_index::kCommandResponse);
  r = decode(echo_spec(), reply, Side::server, rt_echo::detail::message_index::kResponse);
  CHECK(r.message == rt_echo::detail::message_index::kResponse);
  r = decode(echo_spec(), reply, Side::server, kNoMessage);  // no pending request expects it
  CHECK_THAT(r.error, Catch::Contains("is shared by Response, CommandResponse"));
}

TEST_CASE("the runtime's own messages are written by the generated codec", "[runtime][hooks]") {
  CHECK(ack_spec().codec.ack("6f1c2a8e-0000-4000-8000-000000000001",
                             "2026-11-21T10:00:00.000001+00:00") ==
        R"({"type":"ack","id":"6f1c2a8e-0000-4000-8000-000000000001",)"
        R"("sent_at":"2026-11-21T10:00:00.000001+00:00"})");
  CHECK(sequence_spec().codec.undecodable_reply("bad \"x\"", std::int64_t{3}) ==
        R"({"type":"ERROR_PROTOCOL","seq":3,"desc":"bad \"x\""})");
  CHECK(sequence_spec().codec.undecodable_reply("e", std::nullopt) ==
        R"({"type":"ERROR_PROTOCOL","desc":"e"})");
  CHECK(sequence_spec().codec.repeated_handshake_reply(std::int64_t{0}) ==
        R"({"type":"ERROR_UNSUPPORTED","seq":0})");
  CHECK(json::integer_at(R"({"payload":{"ack_timeout_ms":2500.0}})", "payload.ack_timeout_ms") ==
        2500);
  CHECK_FALSE(json::integer_at(R"({"payload":{}})", "payload.ack_timeout_ms"));
  CHECK_FALSE(json::integer_at("not json", "a"));
  CHECK(json::integer_at(R"({"a/b":{"c~d":7}})", "a/b.c~d") == 7);
  // A reply's correlation id read out of a payload that did not decode.
  CHECK(json::key_text_at(R"({"id":"r-\u0031","x":[}")", "id") == std::nullopt);
  CHECK(json::key_text_at(R"({"id":"r-\u0031","x":true})", "id") == "r-1");
  CHECK(json::key_text_at(R"({"id":42})", "id") == "42");
  CHECK_FALSE(json::key_text_at(R"({"id":4.5})", "id"));
  CHECK_FALSE(json::key_text_at(R"({"ref":"a"})", "id"));
}

TEST_CASE("close codes come from the spec, with standard fallbacks", "[runtime][hooks]") {
  CHECK(close_code(sequence_spec(), Condition::handshake_timeout) == 4004);
  CHECK(close_code(sequence_spec(), Condition::handshake_wrong_message) == 4003);
  CHECK(close_code(ack_spec(), Condition::binary_frame) == 4001);
  CHECK(close_code(plain_spec(), Condition::binary_frame) == 1003);
  CHECK(close_code(plain_spec(), Condition::too_large) == 1009);
  CHECK(close_code(plain_spec(), Condition::undecodable) == 1007);
  CHECK(close_code(plain_spec(), Condition::ack_timeout) == 1008);
  CHECK(close_code(plain_spec(), Condition::internal_error) == 1011);
  CHECK(sequence_spec().close_code_named("DUPLICATE_AUTH") == 4005);
  CHECK(to_string(Condition::ack_duplicate) == "ack_duplicate");
  CHECK(condition_named("rate_limit") == Condition::rate_limit);
  CHECK_FALSE(condition_named("sometimes"));
}
