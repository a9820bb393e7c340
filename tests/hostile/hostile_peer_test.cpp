// Hostile peers against one concierge server: malformed frames, floods, stalls and vanishing
// peers. Each case asserts the exact reaction and that a well-behaved client connected to the
// same server before the attack is still served after it.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <wirekit/server.hpp>
#include <wirekit/uuid.hpp>

#include "concierge/concierge_codec.hpp"
#include "concierge/concierge_protocol.hpp"
#include "raw_socket.hpp"
#include "test_support.hpp"

using namespace std::chrono_literals;
using namespace wirekit;
using wirekit::hostile::Frame;
using wirekit::hostile::RawSocket;
using wirekit::test::Inbox;
using wirekit::test::json_member;
using wirekit::test::wait_until;
namespace op = wirekit::hostile;

namespace {

constexpr std::size_t kMaxMessage = 2u << 20;
const std::string kIdentify = R"({"type":"IDENTIFY","name":"%","version":"0.2.0"})";
const std::string kMessage = R"({"type":"MESSAGE","target":{"type":"ALL"},"data":1})";

std::string identify(const std::string& name) {
  std::string text = kIdentify;
  return text.replace(text.find('%'), 1, name);
}

// The server under attack: concierge's spec with a small handler that greets IDENTIFY with
// HELLO and answers everything else OK with its seq.
class Gateway {
 public:
  Gateway() : server_(concierge::protocol_spec(), options()) {
    server_.on_message([this](ConnectionId id, const Incoming& m) {
      if (m.message == concierge::detail::message_index::kIdentify) {
        concierge::Hello hello;
        hello.uuid = *Uuid::parse("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f");
        hello.version = "0.2.0";
        server_.send(id, concierge::encode(hello));
        return;
      }
      if (m.text.find("\"slow\"") != std::string_view::npos) std::this_thread::sleep_for(200ms);
      concierge::Ok ok;
      ok.seq = m.seq;
      sends_after_request_.push(server_.send(id, concierge::encode(ok)));
    });
    server_.on_close([this](ConnectionId, const CloseInfo& info) { closes_.push(info); });
    server_.start();
  }

  std::uint16_t port() const { return server_.port(); }
  Server& server() { return server_; }
  Inbox<CloseInfo>& closes() { return closes_; }
  Inbox<bool>& sends_after_request() { return sends_after_request_; }

 private:
  static ServerOptions options() {
    ServerOptions o;
    o.max_message_bytes = kMaxMessage;
    o.handshake_within_ms = 500;  // the schema's 5 s, shortened; the close code stays 4004
    return o;
  }

  Inbox<CloseInfo> closes_;
  Inbox<bool> sends_after_request_;
  Server server_;
};

// A peer that follows the protocol: identifies, then sends MESSAGEs and expects OK with the
// number of each.
class GoodClient {
 public:
  explicit GoodClient(std::uint16_t port) {
    REQUIRE(socket_.open(port, "/ws", "ert-concierge"));
    REQUIRE(socket_.send_frame(op::kText, identify("good")));
    const auto hello = socket_.read_text(3000ms);
    REQUIRE(hello);
    REQUIRE(json_member(*hello, "type") == "HELLO");
  }
  /// Sends one MESSAGE and checks its OK carries the next seq.
  void check_served() {
    REQUIRE(socket_.send_frame(op::kText, kMessage));
    const auto reply = socket_.read_text(3000ms);
    REQUIRE(reply);
    CHECK(json_member(*reply, "type") == "OK");
    CHECK(json_member(*reply, "seq") == std::to_string(seq_++));
  }

 private:
  RawSocket socket_;
  int seq_ = 0;
};

// An attacker that has identified as `name`.
void identify_as(RawSocket& s, std::uint16_t port, const std::string& name) {
  REQUIRE(s.open(port, "/ws", "ert-concierge"));
  REQUIRE(s.send_frame(op::kText, identify(name)));
  const auto hello = s.read_text(3000ms);
  REQUIRE(hello);
  REQUIRE(json_member(*hello, "type") == "HELLO");
}

std::uint16_t close_code_of(RawSocket& s) {
  const auto close = s.wait_close(3000ms);
  return close ? close->close_code() : 0;
}

}  // namespace

TEST_CASE("no IDENTIFY within the deadline closes with 4004", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  RawSocket silent;
  REQUIRE(silent.open(gateway.port(), "/ws", "ert-concierge"));
  const auto close = silent.wait_close(3000ms);
  REQUIRE(close);
  CHECK(close->close_code() == 4004);
  CHECK(close->close_reason() == "no IDENTIFY within 500 ms");
  good.check_served();
}

TEST_CASE("a binary frame closes with 4002 before IDENTIFY and 1003 after", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  RawSocket before;
  REQUIRE(before.open(gateway.port(), "/ws", "ert-concierge"));
  REQUIRE(before.send_frame(op::kBinary, std::string("\x00\x01\xff", 3)));
  CHECK(close_code_of(before) == 4002);
  RawSocket after;
  identify_as(after, gateway.port(), "after");
  REQUIRE(after.send_frame(op::kBinary, "bin"));
  CHECK(close_code_of(after) == 1003);
  good.check_served();
}

TEST_CASE("a text frame of invalid UTF-8 closes with 1007", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  RawSocket s;
  identify_as(s, gateway.port(), "utf8");
  REQUIRE(s.send_frame(op::kText, "{\"type\":\"MESSAGE\",\"data\":\"\xC3\x28\"}"));
  CHECK(close_code_of(s) == 1007);
  good.check_served();
}

TEST_CASE("JSON nested 100,000 deep: 4002 before IDENTIFY, ERROR_PROTOCOL after", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  RawSocket before;
  REQUIRE(before.open(gateway.port(), "/ws", "ert-concierge"));
  REQUIRE(before.send_frame(op::kText, deep));
  CHECK(close_code_of(before) == 4002);

  RawSocket after;
  identify_as(after, gateway.port(), "deep");
  REQUIRE(after.send_frame(op::kText,
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":)" + deep + "}"));
  const auto reply = after.read_text(3000ms);
  REQUIRE(reply);
  CHECK(json_member(*reply, "type") == "ERROR_PROTOCOL");
  CHECK(json_member(*reply, "seq") == "0");
  CHECK_THAT(json_member(*reply, "desc"), Catch::Contains("data"));
  // The connection stays open and keeps counting.
  REQUIRE(after.send_frame(op::kText, kMessage));
  const auto ok = after.read_text(3000ms);
  REQUIRE(ok);
  CHECK(json_member(*ok, "seq") == "1");
  good.check_served();
}

TEST_CASE("a 1 MB IDENTIFY name is refused with 4002 naming the limit", "[hostile][limits]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  RawSocket s;
  REQUIRE(s.open(gateway.port(), "/ws", "ert-concierge"));
  REQUIRE(s.send_frame(op::kText, identify(std::string(1 << 20, 'a'))));
  const auto close = s.wait_close(3000ms);
  REQUIRE(close);
  CHECK(close->close_code() == 4002);
  CHECK(close->close_reason() == "name: longer than 256 bytes (1048576)");
  good.check_served();
}

TEST_CASE("1 MB of garbage: refused as JSON, as frames and as an upgrade", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  SECTION("as a text frame after IDENTIFY: ERROR_PROTOCOL, the connection stays") {
    RawSocket s;
    identify_as(s, gateway.port(), "garbage");
    REQUIRE(s.send_frame(op::kText, std::string(1 << 20, 'g')));
    const auto reply = s.read_text(3000ms);
    REQUIRE(reply);
    CHECK(json_member(*reply, "type") == "ERROR_PROTOCOL");
    CHECK(json_member(*reply, "seq") == "0");
  }
  SECTION("as raw bytes after the upgrade: 1002 protocol error") {
    RawSocket s;
    identify_as(s, gateway.port(), "bytes");
    s.write(std::string(1 << 20, '\xFF'));  // reserved bits set: not a valid frame
    CHECK(close_code_of(s) == 1002);
  }
  SECTION("instead of an upgrade request: dropped") {
    RawSocket s;
    REQUIRE(s.connect(gateway.port()));
    s.write(std::string(1 << 20, 'x'));
    CHECK(s.dropped_within(5000ms));
  }
  good.check_served();
}

TEST_CASE("an oversized message gets a 1009 close frame before TCP is dropped", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  RawSocket s;
  identify_as(s, gateway.port(), "big");
  s.send_frame(op::kText, std::string(kMaxMessage + 1, ' '));
  const auto close = s.wait_close(3000ms);
  REQUIRE(close);
  CHECK(close->close_code() == 1009);
  CHECK(s.dropped_within(3000ms));
  good.check_served();
}

TEST_CASE("a slowloris upgrade is dropped after the open handshake timeout", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  RawSocket slow;
  REQUIRE(slow.connect(gateway.port()));
  const std::string request = RawSocket::upgrade_request("/ws", "ert-concierge");
  const auto start = std::chrono::steady_clock::now();
  bool dropped = false;
  // One byte every 100 ms: the request would take about 20 s to complete.
  for (std::size_t i = 0; i + 4 < request.size() && !dropped; ++i) {
    if (!slow.write(request.substr(i, 1))) break;
    dropped = slow.dropped_within(100ms);
    if (i % 10 == 0) good.check_served();
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(dropped);
  CHECK(elapsed >= 4s);
  CHECK(elapsed < 8s);
  good.check_served();
}

TEST_CASE("fragmented frames are reassembled; orphan continuations close with 1002", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  SECTION("a message in three fragments is one message") {
    RawSocket s;
    identify_as(s, gateway.port(), "fragments");
    REQUIRE(s.send_frame(op::kText, kMessage.substr(0, 10), false));
    REQUIRE(s.send_frame(op::kContinuation, kMessage.substr(10, 20), false));
    REQUIRE(s.send_frame(op::kContinuation, kMessage.substr(30), true));
    const auto reply = s.read_text(3000ms);
    REQUIRE(reply);
    CHECK(json_member(*reply, "type") == "OK");
    CHECK(json_member(*reply, "seq") == "0");
  }
  SECTION("a continuation frame with no message to continue") {
    RawSocket s;
    identify_as(s, gateway.port(), "orphan");
    REQUIRE(s.send_frame(op::kContinuation, "tail"));
    CHECK(close_code_of(s) == 1002);
  }
  SECTION("a new text frame while a fragmented one is open") {
    RawSocket s;
    identify_as(s, gateway.port(), "interleaved");
    REQUIRE(s.send_frame(op::kText, "{\"type\":", false));
    REQUIRE(s.send_frame(op::kText, kMessage));
    CHECK(close_code_of(s) == 1002);
  }
  good.check_served();
}

TEST_CASE("a peer that vanishes mid-request leaves the server serving others", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  {
    RawSocket s;
    identify_as(s, gateway.port(), "vanishing");
    REQUIRE(s.send_frame(op::kText, R"({"type":"MESSAGE","target":{"type":"ALL"},"data":"slow"})"));
    s.drop();  // gone while the handler still works on the request
  }
  // The handler finished its reply although its peer was gone.
  REQUIRE(gateway.sends_after_request().wait_for(1));
  REQUIRE(gateway.closes().wait_for(1));
  CHECK(gateway.closes().at(0).code == 1006);
  CHECK(gateway.closes().at(0).by_peer);
  good.check_served();
  CHECK(gateway.server().connection_count() == 1);
}

TEST_CASE("idle TCP connections and rapid connect cycles do not starve others", "[hostile]") {
  Gateway gateway;
  GoodClient good(gateway.port());
  {
    std::vector<std::unique_ptr<RawSocket>> idle;
    for (int i = 0; i < 200; ++i) {
      idle.push_back(std::make_unique<RawSocket>());
      REQUIRE(idle.back()->connect(gateway.port()));
    }
    good.check_served();
  }
  for (int i = 0; i < 300; ++i) {
    RawSocket s;
    identify_as(s, gateway.port(), "cycle" + std::to_string(i));
    if (i % 2) s.send_frame(op::kClose, std::string("\x03\xe8", 2));
  }
  good.check_served();
  // Generous: 300 departures under the sanitizers on a loaded machine.
  CHECK(wait_until([&] { return gateway.server().connection_count() == 1; }, 15000ms));
}
