// event-ack-sync's rules enforced by the runtime from the generated sync tables: field rules
// through the generated codec (4003/4004/4005), the handshake Event that must be acked first
// (1008), and acks matched case-insensitively.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <string>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "sync/sync_codec.hpp"
#include "sync/sync_protocol.hpp"

using namespace std::chrono_literals;

namespace {

constexpr const char* kUuid = "123e4567-e89b-42d3-a456-426614174000";
constexpr const char* kSentAt = "2026-11-21T10:00:00.123456+00:00";

// A sync server that opens every connection with the handshake Event.
struct SyncServer {
  wirekit::Server server{event_sync::protocol_spec()};
  explicit SyncServer(
      std::function<void(wirekit::ConnectionId, const wirekit::Incoming&)> on_message = {}) {
    if (on_message) server.on_message(std::move(on_message));
    server.on_open([this](wirekit::ConnectionId id) {
      server.send_event(id, [](std::string_view event_id, std::string_view sent_at) {
        return R"({"type":"event","id":")" + std::string(event_id) + R"(","sent_at":")" +
               std::string(sent_at) +
               R"(","status":"ok","reason":null,"payload":{"ack_timeout_ms":2000}})";
      });
    });
    server.start();
  }
};

// A client that does not ack by itself: the test writes what it sends.
struct RawSyncClient {
  std::promise<std::string> handshake_id;
  std::promise<std::uint16_t> closed_with;
  wirekit::Client client{event_sync::protocol_spec(), [] {
                           wirekit::ClientOptions o;
                           o.auto_ack = false;
                           return o;
                         }()};
  RawSyncClient() {
    client.on_handshake([this](const wirekit::Incoming& in) {
      in.take_over_ack();
      handshake_id.set_value(std::string(in.event_id));
    });
    client.on_close([this](const wirekit::CloseInfo& info) { closed_with.set_value(info.code); });
  }
  ~RawSyncClient() { client.stop(); }  // before the promises its handlers use

  std::string connect(std::uint16_t port) {
    REQUIRE(client.connect("127.0.0.1", port).ok());
    auto id = handshake_id.get_future();
    REQUIRE(id.wait_for(2s) == std::future_status::ready);
    return id.get();
  }
  std::uint16_t close_code() {
    auto code = closed_with.get_future();
    REQUIRE(code.wait_for(2s) == std::future_status::ready);
    return code.get();
  }
};

std::string ack(const std::string& id, bool with_sent_at = true) {
  return R"({"type":"ack","id":")" + id + "\"" +
         (with_sent_at ? std::string(R"(,"sent_at":")") + kSentAt + "\"" : "") + "}";
}

std::string event(const std::string& id_json, const std::string& sent_at_json) {
  return R"({"type":"event","id":)" + id_json + R"(,"sent_at":)" + sent_at_json +
         R"(,"status":"ok","reason":null,"payload":{}})";
}

}  // namespace

TEST_CASE("sync: an ack without sent_at closes with 4003 (missing field)", "[e2e][sync]") {
  SyncServer s;
  RawSyncClient c;
  const std::string id = c.connect(s.server.port());
  c.client.send(ack(id, false));
  CHECK(c.close_code() == event_sync::close_code::kMissingField);
}

TEST_CASE("sync: an event id that is a number closes with 4004 (wrong type)", "[e2e][sync]") {
  SyncServer s;
  RawSyncClient c;
  c.client.send(ack(c.connect(s.server.port())));
  c.client.send(event("5", std::string("\"") + kSentAt + "\""));
  CHECK(c.close_code() == event_sync::close_code::kWrongType);
}

TEST_CASE("sync: an event whose sent_at is not a timestamp closes with 4005", "[e2e][sync]") {
  SyncServer s;
  RawSyncClient c;
  c.client.send(ack(c.connect(s.server.port())));
  c.client.send(event(std::string("\"") + kUuid + "\"", R"("yesterday")"));
  CHECK(c.close_code() == event_sync::close_code::kInvalidValue);
}

TEST_CASE("sync: talking before acking the handshake Event closes with 1008", "[e2e][sync]") {
  SyncServer s;
  RawSyncClient c;
  c.connect(s.server.port());
  c.client.send(event(std::string("\"") + kUuid + "\"", std::string("\"") + kSentAt + "\""));
  CHECK(c.close_code() == event_sync::close_code::kPolicyViolation);
}

TEST_CASE("sync: an ack in upper case acks the event; a valid event is delivered", "[e2e][sync]") {
  std::promise<std::string> delivered;
  SyncServer s([&](wirekit::ConnectionId, const wirekit::Incoming& in) {
    delivered.set_value(std::string(in.text));
  });
  RawSyncClient c;
  std::string id = c.connect(s.server.port());
  for (char& ch : id) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  c.client.send(ack(id));
  const std::string text =
      event(std::string("\"") + kUuid + "\"", std::string("\"") + kSentAt + "\"");
  c.client.send(text);
  auto got = delivered.get_future();
  REQUIRE(got.wait_for(2s) == std::future_status::ready);
  CHECK(got.get() == text);
}
