// Handshake rules from spec.session.handshake: deadline, wrong first message, binary or
// undecodable first frame, success; and the client-side deadline when the server speaks
// first (event-ack-sync).
#include <catch2/catch.hpp>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {
ServerOptions quick_handshake() {
  ServerOptions o;
  o.handshake_within_ms = 80;
  return o;
}
}  // namespace

TEST_CASE("handshake: no IDENTIFY within the deadline closes with 4004", "[runtime][handshake]") {
  Server server(sequence_spec(), quick_handshake());
  server.start();
  RawPeer raw;
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(raw.connect(server.port(), "/ws", "ert-concierge"));
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4004);
  CHECK(close->reason == "no IDENTIFY within 80 ms");
  CHECK(std::chrono::steady_clock::now() - t0 >= 80ms);
}

TEST_CASE("handshake: another payload first closes with 4003", "[runtime][handshake]") {
  Inbox<std::string> delivered;
  Server server(sequence_spec(), quick_handshake());
  server.on_message([&](ConnectionId, const Incoming& m) { delivered.push(std::string(m.tag)); });
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws", "ert-concierge"));
  raw.send_text(R"({"type":"SELF_FETCH"})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4003);
  CHECK(close->reason == "expected IDENTIFY first, got SELF_FETCH");
  CHECK(delivered.size() == 0);
}

TEST_CASE("handshake: a binary first frame closes with 4002", "[runtime][handshake]") {
  Server server(sequence_spec(), quick_handshake());
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws", "ert-concierge"));
  raw.send_binary("IDENTIFY");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4002);
}

TEST_CASE("handshake: an undecodable first frame closes with 4002 and the decode error",
          "[runtime][handshake]") {
  Server server(sequence_spec(), quick_handshake());
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws", "ert-concierge"));
  raw.send_text(R"({"type": IDENTIFY})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4002);
  CHECK_THAT(close->reason, Catch::StartsWith("invalid JSON"));
}

TEST_CASE("handshake: server code rejecting the IDENTIFY it decoded closes with 4002",
          "[runtime][handshake]") {
  Server server(sequence_spec(), quick_handshake());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    if (m.handshake) server.report_undecodable(id, "missing field `version`", m.seq, m.handshake);
  });
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws", "ert-concierge"));
  raw.send_text(R"({"type":"IDENTIFY","name":"x"})");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4002);
  CHECK(close->reason == "missing field `version`");
}

TEST_CASE("handshake: IDENTIFY in time is delivered and cancels the deadline",
          "[runtime][handshake]") {
  Inbox<bool> handshakes;
  Inbox<CloseInfo> closes;
  Server server(sequence_spec(), quick_handshake());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    handshakes.push(m.handshake);
    if (m.handshake)
      server.send(
          id,
          R"({"type":"HELLO","uuid":"6f1c2a8e-0000-4000-8000-000000000001","version":"0.2.0"})");
  });
  server.start();
  Inbox<std::string> hello;
  Client client(sequence_spec());
  client.on_close([&](const CloseInfo& c) { closes.push(c); });
  client.set_handshake(
      [] { return std::string(R"({"type":"IDENTIFY","name":"n","version":"0.2.0","tags":[]})"); });
  client.on_handshake([&](const Incoming& m) { hello.push(std::string(m.tag)); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());  // returns once HELLO arrived
  REQUIRE(hello.size() == 1);
  CHECK(hello.at(0) == "HELLO");
  std::this_thread::sleep_for(150ms);  // past the 80 ms deadline
  CHECK(client.is_open());
  CHECK(closes.size() == 0);
  CHECK(handshakes.at(0));
}

TEST_CASE("handshake: connect fails with the close code when the server refuses",
          "[runtime][handshake]") {
  Server server(sequence_spec());
  server.on_message(
      [&](ConnectionId id, const Incoming&) { server.close_named(id, "BAD_SECRET"); });
  server.start();
  Client client(sequence_spec());
  client.set_handshake([] {
    return std::string(R"({"type":"IDENTIFY","name":"n","version":"0.2.0","secret":"no"})");
  });
  const ConnectResult r = client.connect("127.0.0.1", server.port());
  CHECK(r.error == SessionErrc::handshake_failed);
  REQUIRE(r.close);
  CHECK(r.close->code == 4006);
  CHECK(r.close->reason == "BAD_SECRET");
  CHECK_THAT(r.message, Catch::Contains("4006 BAD_SECRET"));
  CHECK_FALSE(client.is_open());
}

TEST_CASE("handshake from the server: the client enforces the deadline", "[runtime][handshake]") {
  Server server(ack_spec());  // sends nothing
  server.start();
  ClientOptions options;
  options.handshake_within_ms = 60;
  Client client(ack_spec(), options);
  // connect() waits for the server's handshake message, so it reports the failure.
  const auto result = client.connect("127.0.0.1", server.port());
  CHECK(result.error == SessionErrc::handshake_failed);
  // The schema gives no handshake_timeout code: 1008.
  CHECK(result.message == "connection closed: 1008 no event within 60 ms");
  REQUIRE(result.close);
  CHECK(result.close->code == 1008);
  CHECK_FALSE(result.close->by_peer);
  CHECK_FALSE(client.is_open());
}

TEST_CASE("handshake from the server: connect returns once its event was handled and acked",
          "[runtime][handshake]") {
  Inbox<std::string> server_got;
  Inbox<std::string> client_got;
  Server server(ack_spec());
  server.on_open([&](ConnectionId id) {
    server.send_event(id, [](std::string_view eid, std::string_view at) {
      return R"({"type":"event","id":")" + std::string(eid) + R"(","sent_at":")" + std::string(at) +
             R"(","payload":{"ack_timeout_ms":5000}})";
    });
  });
  server.on_message(
      [&](ConnectionId, const Incoming& in) { server_got.push(std::string(in.text)); });
  server.start();
  Client client(ack_spec());
  client.on_handshake([&](const Incoming& in) { client_got.push(std::string(in.text)); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  REQUIRE(client_got.size() == 1);  // the handshake event came before connect returned
  CHECK_THAT(client_got.at(0), Catch::Contains(R"("payload":{"ack_timeout_ms":5000})"));
  // Talking at once is fine: the ack went out first.
  client.send_event([](std::string_view eid, std::string_view at) {
    return R"({"type":"event","id":")" + std::string(eid) + R"(","sent_at":")" + std::string(at) +
           R"(","payload":{"n":1}})";
  });
  REQUIRE(server_got.wait_for(1));
  CHECK_THAT(server_got.at(0), Catch::Contains(R"("payload":{"n":1})"));
  CHECK(client.is_open());
}

TEST_CASE("handshake from the server: an ack first is the wrong message", "[runtime][handshake]") {
  Inbox<CloseInfo> server_closes;
  Server server(ack_spec());
  server.on_open([&](ConnectionId id) {
    server.send(
        id,
        R"({"type":"ack","id":"6f1c2a8e-0000-4000-8000-000000000001","sent_at":"2026-11-21T10:00:00.000000+00:00"})");
  });
  server.on_close([&](ConnectionId, const CloseInfo& c) { server_closes.push(c); });
  server.start();
  Client client(ack_spec());
  CHECK(client.connect("127.0.0.1", server.port()).error == SessionErrc::handshake_failed);
  REQUIRE(server_closes.wait_for(1));
  CHECK(server_closes.at(0).code == 1008);
  CHECK(server_closes.at(0).reason == "expected event first, got ack");
  CHECK(server_closes.at(0).by_peer);
}
