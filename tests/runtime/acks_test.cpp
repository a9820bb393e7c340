// Events and acks (event-ack-sync): stamping, auto-acks, out-of-order acks, duplicate
// and unknown acks, the ack deadline (negotiated in the handshake), flat memory.
#include <catch2/catch.hpp>

#include <wirekit/ack_tracker.hpp>
#include <wirekit/client.hpp>
#include <wirekit/server.hpp>
#include <wirekit/timestamp.hpp>
#include <wirekit/uuid.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

std::string event_text(std::string_view id, std::string_view sent_at,
                       const std::string& payload = "{}") {
  return R"({"type":"event","id":")" + std::string(id) + R"(","sent_at":")" + std::string(sent_at) +
         R"(","status":"ok","reason":null,"payload":)" + payload + "}";
}

std::string ack_text(const std::string& id) {
  return R"({"type":"ack","id":")" + id + R"(","sent_at":"2026-11-21T10:00:00.123456+00:00"})";
}

std::string member(const std::string& text, std::string_view key) { return json_member(text, key); }

/// A server that opens with the handshake event, then records what it receives.
struct EventServer {
  explicit EventServer(ServerOptions options = {},
                       std::string handshake_payload = R"({"ack_timeout_ms":5000})")
      : server(ack_spec(), options) {
    server.on_open([this, handshake_payload](ConnectionId id) {
      opened.push(id);
      server.send_event(id, [handshake_payload](std::string_view eid, std::string_view at) {
        return event_text(eid, at, handshake_payload);
      });
    });
    server.on_message(
        [this](ConnectionId, const Incoming& m) { received.push(std::string(m.text)); });
    server.on_close([this](ConnectionId, const CloseInfo& c) { closes.push(c); });
    server.start();
  }
  Inbox<ConnectionId> opened;
  Inbox<std::string> received;
  Inbox<CloseInfo> closes;
  Server server;
};

}  // namespace

TEST_CASE("ack tracker: acks in any order, duplicates and unknown ids", "[runtime][acks]") {
  AckTracker t(2);
  const auto now = AckTracker::Clock::now();
  t.track("a", now + 10ms);
  t.track("b", now + 5ms);
  t.track("c", std::nullopt);
  CHECK(t.pending() == 3);
  CHECK(t.next_deadline() == now + 5ms);
  CHECK_FALSE(t.overdue(now));
  CHECK(t.overdue(now + 6ms) == "b");
  CHECK(t.acknowledge("b") == AckTracker::Result::acked);
  CHECK(t.acknowledge("c") == AckTracker::Result::acked);
  CHECK(t.acknowledge("b") == AckTracker::Result::duplicate);
  CHECK(t.acknowledge("zzz") == AckTracker::Result::unknown);
  CHECK(t.next_deadline() == now + 10ms);
  CHECK(t.acknowledge("a") == AckTracker::Result::acked);
  CHECK(t.pending() == 0);
  CHECK(t.remembered() == 2);  // bounded: "b" was forgotten
  CHECK(t.acknowledge("b") == AckTracker::Result::unknown);
  CHECK_FALSE(t.next_deadline());
}

TEST_CASE("acks: events carry a fresh UUID and timestamp, and the client acks them",
          "[runtime][acks]") {
  Inbox<std::string> events;
  EventServer es;
  Client client(ack_spec());
  // The server's first event opens the handshake: it reaches on_handshake.
  client.on_handshake(
      [&](const Incoming& m) { events.push(std::string(m.event_id) + "|" + std::string(m.text)); });
  REQUIRE(client.connect("127.0.0.1", es.server.port()).ok());
  REQUIRE(es.opened.wait_for(1));
  REQUIRE(events.wait_for(1));
  const std::string first = events.at(0);
  const std::string id = first.substr(0, first.find('|'));
  const std::string text = first.substr(first.find('|') + 1);
  CHECK(Uuid::parse(id));
  CHECK(Timestamp::parse(member(text, "sent_at")));
  CHECK(wait_until([&] { return es.server.pending_acks(es.opened.at(0)) == 0; }));
  CHECK(es.closes.size() == 0);
}

TEST_CASE("acks: many events both ways leave nothing pending", "[runtime][acks]") {
  Inbox<int> client_got;
  EventServer es;
  Client client(ack_spec());
  client.on_message([&](const Incoming&) { client_got.push(1); });
  REQUIRE(client.connect("127.0.0.1", es.server.port()).ok());
  REQUIRE(es.opened.wait_for(1));
  const ConnectionId conn = es.opened.at(0);
  constexpr int n = 500;
  for (int i = 0; i < n; ++i) {
    es.server.send_event(conn, [i](std::string_view id, std::string_view at) {
      return event_text(id, at, R"({"i":)" + std::to_string(i) + "}");
    });
    client.send_event([](std::string_view id, std::string_view at) { return event_text(id, at); });
  }
  REQUIRE(client_got.wait_for(n));  // the handshake's event went to on_handshake
  REQUIRE(es.received.wait_for(n));
  CHECK(
      wait_until([&] { return es.server.pending_acks(conn) == 0 && client.pending_acks() == 0; }));
  CHECK(es.closes.size() == 0);
  CHECK(client.is_open());
}

TEST_CASE("acks: out-of-order acks are accepted; a duplicate closes with 4011", "[runtime][acks]") {
  EventServer es;
  RawPeer raw;
  REQUIRE(raw.connect(es.server.port(), "/ws/user"));
  REQUIRE(es.opened.wait_for(1));
  const ConnectionId conn = es.opened.at(0);
  for (int i = 0; i < 3; ++i)
    es.server.send_event(
        conn, [](std::string_view id, std::string_view at) { return event_text(id, at); });
  REQUIRE(raw.texts.wait_for(4));
  std::vector<std::string> ids;
  for (const auto& t : raw.texts.items()) ids.push_back(member(t, "id"));
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) raw.send_text(ack_text(*it));
  CHECK(wait_until([&] { return es.server.pending_acks(conn) == 0; }));
  CHECK(es.closes.size() == 0);

  raw.send_text(ack_text(ids[1]));
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4011);
  CHECK(close->reason == "duplicate ack for event " + ids[1]);
}

TEST_CASE("acks: an ack for an event never sent closes with 4010", "[runtime][acks]") {
  EventServer es;
  RawPeer raw;
  REQUIRE(raw.connect(es.server.port(), "/ws/user"));
  REQUIRE(raw.texts.wait_for(1));
  raw.send_text(ack_text(Uuid::generate().to_string()));
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4010);
  CHECK_THAT(close->reason, Catch::StartsWith("ack for unknown event "));
}

TEST_CASE("acks: a missing ack past the negotiated deadline closes with 4012", "[runtime][acks]") {
  EventServer es({}, R"({"ack_timeout_ms":60})");
  RawPeer raw;  // never acks
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(raw.connect(es.server.port(), "/ws/user"));
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4012);
  CHECK_THAT(close->reason, Catch::EndsWith("not acknowledged within 60 ms"));
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  CHECK(elapsed >= 60ms);
  CHECK(elapsed < 2s);
}

TEST_CASE("acks: the client enforces the deadline the server's first event negotiated",
          "[runtime][acks]") {
  Inbox<CloseInfo> closes;
  Inbox<int> handshake;
  EventServer es({}, R"({"ack_timeout_ms":50})");
  es.server.on_message([](ConnectionId, const Incoming& m) { m.take_over_ack(); });  // never acks
  Client client(ack_spec());
  client.on_handshake([&](const Incoming&) { handshake.push(1); });
  client.on_close([&](const CloseInfo& c) { closes.push(c); });
  REQUIRE(client.connect("127.0.0.1", es.server.port()).ok());
  REQUIRE(handshake.wait_for(1));  // the deadline is known once the first event arrived
  client.send_event([](std::string_view id, std::string_view at) { return event_text(id, at); });
  REQUIRE(closes.wait_for(1));
  CHECK(closes.at(0).code == 4012);
  CHECK_THAT(closes.at(0).reason, Catch::EndsWith("within 50 ms"));
}

TEST_CASE("acks: user code can take over acking", "[runtime][acks]") {
  Inbox<std::string> held;
  EventServer es;
  ClientOptions options;
  Client client(ack_spec(), options);
  client.on_handshake([&](const Incoming& m) {
    m.take_over_ack();
    held.push(std::string(m.event_id));
  });
  REQUIRE(client.connect("127.0.0.1", es.server.port()).ok());
  REQUIRE(es.opened.wait_for(1));
  const ConnectionId conn = es.opened.at(0);
  REQUIRE(held.wait_for(1));
  std::this_thread::sleep_for(30ms);
  CHECK(es.server.pending_acks(conn) == 1);
  client.send_ack(held.at(0));
  CHECK(wait_until([&] { return es.server.pending_acks(conn) == 0; }));
}

TEST_CASE("acks: an event without an id closes with the missing_field code", "[runtime][acks]") {
  EventServer es;
  RawPeer raw;
  REQUIRE(raw.connect(es.server.port(), "/ws/user"));
  raw.send_text(R"({"type":"event","sent_at":"2026-11-21T10:00:00.000000+00:00","payload":{}})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4003);
}
