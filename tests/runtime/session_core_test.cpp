// The session core without a socket: a Connection over a fake Wire (it records the frames
// written and the closes) on an io_context the test runs, driven with the generated test
// protocols. Each rule of an incoming frame is checked by what the core writes, closes and
// delivers.
#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "endpoint/connection.hpp"
#include "endpoint/endpoint_core.hpp"
#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;
using wirekit::detail::Connection;

namespace {

struct Closed {
  std::uint16_t code;
  std::string reason;
};

/// The transport seam: records what the session writes and how it closes.
class FakeWire final : public detail::Wire {
 public:
  explicit FakeWire(asio::io_context& io) : strand_(io) {}
  void send_text(const std::string& text, const detail::HeldBytes&) override {
    sent.push_back(text);
  }
  std::size_t buffered() const override { return 0; }
  void close(std::uint16_t code, const std::string& reason) override {
    closes.push_back({code, reason});
  }
  void pause_reading() override {}
  void resume_reading() override {}
  asio::io_context::strand& strand() override { return strand_; }
  CloseInfo close_info(bool closed_locally) const override {
    CloseInfo info;
    if (!closes.empty()) info.code = closes.back().code;
    info.by_peer = !closed_locally;
    return info;
  }

  std::vector<std::string> sent;
  std::vector<Closed> closes;

 private:
  asio::io_context::strand strand_;
};

/// What the role above the session was handed.
struct Delivered {
  std::string tag;
  std::string text;
  std::optional<std::int64_t> seq;
  bool handshake = false;
  bool binary = false;
  std::string event_id;
};

/// One session of `spec` playing `side`, over a FakeWire.
class Harness final : public detail::ConnectionEvents {
 public:
  Harness(const ProtocolSpec& spec, Side side, EndpointOptions options = {})
      : spec_(spec), side_(side), core_(spec_, with_loop(options, io), /*refuse_when_full=*/false) {
    auto wire = std::make_unique<FakeWire>(io);
    wire_ = wire.get();
    connection_ = core_.add(std::move(wire), side, *this);
    connection_->session().start();
  }
  ~Harness() { connection_->on_closed(); }

  /// An incoming text frame.
  void receive(std::string_view text) { connection_->on_frame(false, text); }
  void receive_binary(std::string_view data) { connection_->on_frame(true, data); }
  /// A payload this side sends, with the facts the codec reads from it.
  detail::SessionCore::WriteInfo send(const std::string& text) {
    return session().write(text, detail::facts_of(spec_, text, side_));
  }
  detail::SessionCore& session() { return connection_->session(); }

  const std::vector<std::string>& sent() const { return wire_->sent; }
  const std::vector<Closed>& closes() const { return wire_->closes; }

  std::vector<Delivered> delivered;
  std::vector<DecodeError> undecodables;
  /// What on_undecodable answers (nullopt: the default policy).
  std::optional<std::string> undecodable_answer;
  asio::io_context io;

 private:
  static EndpointOptions with_loop(EndpointOptions options, asio::io_context& io) {
    options.io_context = &io;
    return options;
  }
  void deliver(Connection&, Incoming& in) override {
    Delivered d;
    d.tag = std::string(in.tag);
    d.text = std::string(in.text);
    d.seq = in.seq;
    d.handshake = in.handshake;
    d.binary = in.binary;
    d.event_id = std::string(in.event_id);
    delivered.push_back(std::move(d));
  }
  MessageIndex expected_reply(Connection&, std::string_view, const MessageIndex* candidates,
                              std::size_t count) override {
    return count ? candidates[0] : kNoMessage;
  }
  std::optional<std::string> undecodable(Connection&, const DecodeError& error,
                                         std::optional<std::int64_t>) override {
    undecodables.push_back(error);
    return undecodable_answer;
  }
  void drained(Connection&) override {}

  const ProtocolSpec& spec_;
  Side side_;
  detail::EndpointCore core_;
  FakeWire* wire_ = nullptr;
  detail::ConnectionPtr connection_;
};

constexpr const char* kIdentify = R"({"type":"IDENTIFY","name":"svc","version":"1"})";

}  // namespace

// ---- handshake ------------------------------------------------------------------------------

TEST_CASE("session core: another message before IDENTIFY closes with 4003, nothing delivered",
          "[runtime][session_core]") {
  Harness h(sequence_spec(), Side::server);
  h.receive(R"({"type":"SELF_FETCH"})");
  REQUIRE(h.closes().size() == 1);
  CHECK(h.closes()[0].code == 4003);
  CHECK(h.closes()[0].reason == "expected IDENTIFY first, got SELF_FETCH");
  CHECK(h.delivered.empty());
  CHECK(h.sent().empty());
  // A closed session ignores what still arrives.
  h.receive(kIdentify);
  CHECK(h.delivered.empty());
  CHECK(h.closes().size() == 1);
}

TEST_CASE("session core: an undecodable or binary first frame closes with 4002",
          "[runtime][session_core]") {
  SECTION("undecodable") {
    Harness h(sequence_spec(), Side::server);
    h.receive(R"({"type":"IDENTIFY")");
    REQUIRE(h.closes().size() == 1);
    CHECK(h.closes()[0].code == 4002);
    CHECK_THAT(h.closes()[0].reason, Catch::StartsWith("invalid JSON"));
  }
  SECTION("binary") {
    Harness h(sequence_spec(), Side::server);
    h.receive_binary("IDENTIFY");
    REQUIRE(h.closes().size() == 1);
    CHECK(h.closes()[0].code == 4002);
    CHECK(h.closes()[0].reason == "binary frame during the handshake");
  }
}

TEST_CASE("session core: no IDENTIFY within the deadline closes with 4004",
          "[runtime][session_core]") {
  EndpointOptions options;
  options.handshake_within_ms = 20;
  SECTION("nothing arrives") {
    Harness h(sequence_spec(), Side::server, options);
    h.io.run_for(std::chrono::milliseconds(10));
    CHECK(h.closes().empty());  // not before the deadline
    h.io.run_for(std::chrono::milliseconds(200));
    REQUIRE(h.closes().size() == 1);
    CHECK(h.closes()[0].code == 4004);
    CHECK(h.closes()[0].reason == "no IDENTIFY within 20 ms");
  }
  SECTION("IDENTIFY in time cancels the deadline") {
    Harness h(sequence_spec(), Side::server, options);
    h.receive(kIdentify);
    h.io.run_for(std::chrono::milliseconds(100));
    CHECK(h.closes().empty());
    REQUIRE(h.delivered.size() == 1);
    CHECK(h.delivered[0].tag == "IDENTIFY");
    CHECK(h.delivered[0].handshake);
    CHECK_FALSE(h.delivered[0].seq);  // counts: after_handshake
  }
}

TEST_CASE("session core: a second IDENTIFY gets ERROR_UNSUPPORTED with its seq, undelivered",
          "[runtime][session_core]") {
  Harness h(sequence_spec(), Side::server);
  h.receive(kIdentify);
  h.receive(R"({"type":"SELF_FETCH"})");
  h.receive(kIdentify);
  REQUIRE(h.sent().size() == 1);
  CHECK(h.sent()[0] == R"({"type":"ERROR_UNSUPPORTED","seq":1})");
  REQUIRE(h.delivered.size() == 2);
  CHECK(h.delivered[1].tag == "SELF_FETCH");
  CHECK(h.closes().empty());
  // The repeated IDENTIFY was counted: the next payload is 2.
  h.receive(R"({"type":"SELF_FETCH"})");
  REQUIRE(h.delivered.size() == 3);
  CHECK(h.delivered[2].seq == 2);
}

// ---- sequence numbers -----------------------------------------------------------------------

TEST_CASE("session core: a server numbers what it receives after the handshake; reset sets it",
          "[runtime][session_core]") {
  Harness h(sequence_spec(), Side::server);
  h.receive(kIdentify);
  h.receive(R"({"type":"SELF_FETCH"})");
  h.receive(R"({"type":"MESSAGE","data":1})");
  h.receive(R"({"type":"SELF_SET_SEQ","seq":10})");
  h.receive(R"({"type":"SELF_FETCH"})");
  REQUIRE(h.delivered.size() == 5);
  CHECK_FALSE(h.delivered[0].seq);
  CHECK(h.delivered[1].seq == 0);
  CHECK(h.delivered[2].seq == 1);
  CHECK(h.delivered[3].seq == 10);  // the reset message gets the value it carries
  CHECK(h.delivered[4].seq == 11);
  CHECK(h.session().correlation().next_seq() == 12);
  CHECK(h.closes().empty());
}

TEST_CASE("session core: a client numbers what it sends the same way", "[runtime][session_core]") {
  Harness h(sequence_spec(), Side::client);
  const auto identify = h.send(kIdentify);
  CHECK(identify.handshake);
  CHECK_FALSE(identify.seq);
  CHECK(h.send(R"({"type":"SELF_FETCH"})").seq == 0);
  CHECK(h.send(R"({"type":"SELF_SET_SEQ","seq":5})").seq == 5);
  CHECK(h.send(R"({"type":"MESSAGE"})").seq == 6);
  CHECK(h.sent().size() == 4);
  CHECK(h.sent()[1] == R"({"type":"SELF_FETCH"})");
  // Replies carry the number of the payload they answer; the client reads it, it counts nothing.
  h.receive(R"({"type":"HELLO"})");
  h.receive(R"({"type":"OK","seq":6})");
  REQUIRE(h.delivered.size() == 2);
  CHECK(h.delivered[1].seq == 6);
  CHECK(h.session().correlation().next_seq() == 7);
}

TEST_CASE("session core: an undecodable payload gets ERROR_PROTOCOL with its seq",
          "[runtime][session_core]") {
  Harness h(sequence_spec(), Side::server);
  h.receive(kIdentify);
  h.receive(R"({"type":"SELF_FETCH"})");
  h.receive(R"({"type":"NO_SUCH_THING"})");
  h.receive(R"({"type":"SELF_SET_SEQ","seq":"ten"})");
  REQUIRE(h.sent().size() == 2);
  CHECK(h.sent()[0] ==
        R"({"type":"ERROR_PROTOCOL","seq":1,"desc":"type: unknown message \"NO_SUCH_THING\""})");
  CHECK_THAT(h.sent()[1], Catch::StartsWith(R"({"type":"ERROR_PROTOCOL","seq":2,"desc":")"));
  REQUIRE(h.undecodables.size() == 2);
  CHECK(h.undecodables[1].kind == DecodeError::Kind::wrong_type);
  CHECK(h.delivered.size() == 2);  // IDENTIFY, SELF_FETCH
  CHECK(h.closes().empty());
}

TEST_CASE("session core: the role's answer replaces the schema's undecodable reply",
          "[runtime][session_core]") {
  Harness h(sequence_spec(), Side::server);
  h.undecodable_answer = R"({"type":"ERROR_PROTOCOL","seq":0,"desc":"mine"})";
  h.receive(kIdentify);
  h.receive("[1,2]");
  REQUIRE(h.sent().size() == 1);
  CHECK(h.sent()[0] == R"({"type":"ERROR_PROTOCOL","seq":0,"desc":"mine"})");
}

TEST_CASE("session core: session.invalid decides per direction: close, reply or ignore",
          "[runtime][session_core]") {
  ProtocolSpec spec = sequence_spec();
  std::vector<std::string> lines;
  EndpointOptions options;
  options.log = [&](std::string_view line) { lines.emplace_back(line); };
  SECTION("a server told to close does not reply ERROR_PROTOCOL") {
    spec.session.invalid_from_client = InvalidPolicy::close;
    Harness h(spec, Side::server, options);
    h.receive(kIdentify);
    h.receive(R"({"type":"NO_SUCH_THING"})");
    CHECK(h.sent().empty());
    REQUIRE(h.closes().size() == 1);
    CHECK(h.closes()[0].code == 1007);  // rt_sequence maps no code to undecodable
    CHECK(h.closes()[0].reason == R"(type: unknown message "NO_SUCH_THING")");
  }
  SECTION("a server told to ignore logs one line and reads on") {
    spec.session.invalid_from_client = InvalidPolicy::ignore;
    Harness h(spec, Side::server, options);
    h.receive(kIdentify);
    h.receive(R"({"type":"NO_SUCH_THING"})");
    h.receive(R"({"type":"SELF_FETCH"})");
    CHECK(h.sent().empty());
    CHECK(h.closes().empty());
    CHECK(lines == std::vector<std::string>{R"(ignored from client: type: unknown message )"
                                            R"("NO_SUCH_THING")"});
    REQUIRE(h.delivered.size() == 2);
    CHECK(h.delivered[1].tag == "SELF_FETCH");
    CHECK(h.delivered[1].seq == 1);  // every text frame is counted, the ignored one too
  }
  SECTION("a client told to close closes, though no code is mapped to undecodable") {
    spec.session.invalid_from_server = InvalidPolicy::close;
    Harness h(spec, Side::client, options);
    h.send(kIdentify);
    h.receive(R"({"type":"HELLO"})");
    h.receive(R"({"type":"NEWS"})");
    REQUIRE(h.closes().size() == 1);
    CHECK(h.closes()[0].code == 1007);
  }
  SECTION("by default that client ignores it silently") {
    Harness h(spec, Side::client, options);
    h.send(kIdentify);
    h.receive(R"({"type":"HELLO"})");
    h.receive(R"({"type":"NEWS"})");
    CHECK(h.closes().empty());
    CHECK(lines.empty());
  }
}

TEST_CASE("session core: a repeated handshake closes with the code mapped to it",
          "[runtime][session_core]") {
  ProtocolSpec spec = sequence_spec();
  spec.session.replies_to_repeated_handshake = false;
  spec.session.close_codes.push_back(
      CloseCodeSpec{4429, "TOO_MANY", {Condition::repeated_handshake}});
  Harness h(spec, Side::server);
  h.receive(kIdentify);
  h.receive(kIdentify);
  CHECK(h.sent().empty());
  REQUIRE(h.closes().size() == 1);
  CHECK(h.closes()[0].code == 4429);
  CHECK(h.closes()[0].reason == "repeated IDENTIFY");
  CHECK(h.delivered.size() == 1);
}

TEST_CASE("session core: a message allowed before the handshake is delivered, the deadline runs",
          "[runtime][session_core]") {
  ProtocolSpec spec = sequence_spec();
  MessageIndex self_fetch = kNoMessage;
  for (std::size_t i = 0; i < spec.messages.size(); ++i)
    if (spec.messages[i].tag == "SELF_FETCH") self_fetch = static_cast<MessageIndex>(i);
  REQUIRE(self_fetch != kNoMessage);
  spec.session.handshake.allowed_before.push_back(self_fetch);
  Harness h(spec, Side::server);
  h.receive(R"({"type":"SELF_FETCH"})");
  CHECK(h.closes().empty());
  CHECK(h.session().awaiting_handshake());
  h.receive(kIdentify);
  CHECK_FALSE(h.session().awaiting_handshake());
  REQUIRE(h.delivered.size() == 2);
  CHECK_FALSE(h.delivered[0].handshake);
  CHECK(h.delivered[1].handshake);
}

// ---- acks -----------------------------------------------------------------------------------

namespace {
constexpr const char* kEventId = "0b9cf2a4-5a47-4bd7-9a8e-1f2d3c4b5a69";
constexpr const char* kOtherId = "7c1e3a52-9f0b-4d6e-8a21-3b4c5d6e7f80";

std::string event(const std::string& id) {
  return R"({"type":"event","id":")" + id + R"(","sent_at":"2026-11-21T10:00:00.123456+00:00"})";
}
std::string ack(const std::string& id) {
  return R"({"type":"ack","id":")" + id + R"(","sent_at":"2026-11-21T10:00:00.123456+00:00"})";
}

/// A server session of rt_ack whose handshake event `kEventId` the client has acked.
void open_ack_session(Harness& h) {
  h.session().write_event(kEventId, event(kEventId),
                          detail::facts_of(ack_spec(), event(kEventId), Side::server));
  CHECK(h.session().correlation().pending_acks() == 1);
  h.receive(ack(kEventId));
  CHECK(h.session().correlation().pending_acks() == 0);
  CHECK(h.delivered.empty());  // acks are the runtime's
  CHECK(h.closes().empty());
}
}  // namespace

TEST_CASE("session core: an ack for an unknown event closes with 4010, a second ack with 4011",
          "[runtime][session_core]") {
  const auto [acked, code, reason] = GENERATE(table<std::string, std::uint16_t, std::string>({
      {kOtherId, 4010, std::string("ack for unknown event ") + kOtherId},
      {kEventId, 4011, std::string("duplicate ack for event ") + kEventId},
  }));
  Harness h(ack_spec(), Side::server);
  open_ack_session(h);
  h.receive(ack(acked));
  REQUIRE(h.closes().size() == 1);
  CHECK(h.closes()[0].code == code);
  CHECK(h.closes()[0].reason == reason);
}

TEST_CASE("session core: an ack id differing only in case acks the event",
          "[runtime][session_core]") {
  Harness h(ack_spec(), Side::server);
  open_ack_session(h);
  h.session().write_event(kOtherId, event(kOtherId),
                          detail::facts_of(ack_spec(), event(kOtherId), Side::server));
  std::string upper = kOtherId;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  h.receive(ack(upper));
  CHECK(h.closes().empty());
  CHECK(h.session().correlation().pending_acks() == 0);
}

TEST_CASE("session core: the server's handshake wants the client's ack first",
          "[runtime][session_core]") {
  Harness h(ack_spec(), Side::server);
  h.session().write_event(kEventId, event(kEventId),
                          detail::facts_of(ack_spec(), event(kEventId), Side::server));
  h.receive(event(kOtherId));
  REQUIRE(h.closes().size() == 1);
  CHECK(h.closes()[0].code == 1008);  // rt_ack maps no code to handshake_wrong_message
  CHECK(h.closes()[0].reason == "expected ack first, got event");
}

TEST_CASE("session core: a client acks each event after delivering it", "[runtime][session_core]") {
  Harness h(ack_spec(), Side::client);
  h.receive(event(kEventId));
  REQUIRE(h.delivered.size() == 1);
  CHECK(h.delivered[0].handshake);
  CHECK(h.delivered[0].event_id == kEventId);
  REQUIRE(h.sent().size() == 1);
  CHECK(json_member(h.sent()[0], "type") == "ack");
  CHECK(json_member(h.sent()[0], "id") == kEventId);
  // rt_ack closes for what does not decode, on the client too.
  h.receive("not json");
  REQUIRE(h.closes().size() == 1);
  CHECK(h.closes()[0].code == 4002);
}

// ---- frame rules ----------------------------------------------------------------------------

TEST_CASE("session core: a server closes a peer over the rate limit with 1008; a client does not",
          "[runtime][session_core]") {
  ProtocolSpec spec = plain_spec();
  spec.session.rate_limit.messages = 3;
  spec.session.rate_limit.per_ms = 60000;
  const Side side = GENERATE(Side::server, Side::client);
  Harness h(spec, side);
  for (int i = 0; i < 5; ++i) h.receive(R"({"n":)" + std::to_string(i) + "}");
  if (side == Side::server) {
    CHECK(h.delivered.size() == 3);
    REQUIRE(h.closes().size() == 1);
    CHECK(h.closes()[0].code == 1008);
    CHECK(h.closes()[0].reason == "more than 3 messages in 60000 ms");
  } else {
    CHECK(h.delivered.size() == 5);
    CHECK(h.closes().empty());
  }
}

TEST_CASE("session core: a binary frame after the handshake closes with 1003",
          "[runtime][session_core]") {
  Harness h(sequence_spec(), Side::server);
  h.receive(kIdentify);
  h.receive_binary(std::string("\x01\x02", 2));
  REQUIRE(h.closes().size() == 1);
  CHECK(h.closes()[0].code == 1003);
  CHECK(h.closes()[0].reason == "binary frame");
  CHECK(h.delivered.size() == 1);
}

TEST_CASE("session core: a binary frame is delivered when the spec allows them",
          "[runtime][session_core]") {
  ProtocolSpec spec = plain_spec();
  spec.transport.text_only = false;
  Harness h(spec, Side::server);
  h.receive_binary(std::string("\x01\x02", 2));
  REQUIRE(h.delivered.size() == 1);
  CHECK(h.delivered[0].binary);
  CHECK(h.delivered[0].text == std::string("\x01\x02", 2));
  CHECK(h.closes().empty());
}

TEST_CASE("session core: nothing is written after a close", "[runtime][session_core]") {
  Harness h(plain_spec(), Side::server);
  h.session().close(4000, std::string(200, 'x'));
  REQUIRE(h.closes().size() == 1);
  CHECK(h.closes()[0].reason.size() == 123);  // a close frame's limit
  h.send(R"({"late":true})");
  h.session().close(4001, "again");
  CHECK(h.sent().empty());
  CHECK(h.closes().size() == 1);
}
