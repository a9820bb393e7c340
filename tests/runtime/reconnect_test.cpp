// Reconnection: exponential backoff with jitter, re-running the handshake, hooks, and
// pending requests failing on the drop instead of being resent.
#include <catch2/catch.hpp>

#include <wirekit/backoff.hpp>
#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("backoff grows exponentially, is capped, and jitter stays in bounds",
          "[runtime][reconnect]") {
  ReconnectOptions o;
  o.initial_ms = 100;
  o.max_ms = 1000;
  o.multiplier = 2.0;
  o.jitter = 0.2;
  CHECK(backoff_delay_ms(o, 0, 1.0) == 100);
  CHECK(backoff_delay_ms(o, 1, 1.0) == 200);
  CHECK(backoff_delay_ms(o, 3, 1.0) == 800);
  CHECK(backoff_delay_ms(o, 4, 1.0) == 1000);
  CHECK(backoff_delay_ms(o, 60, 1.0) == 1000);
  CHECK(backoff_delay_ms(o, 0, 0.8) == 80);
  CHECK(backoff_delay_ms(o, 0, 5.0) == 120);  // clamped to 1 + jitter
  for (int i = 0; i < 200; ++i) {
    const auto d = backoff_delay_ms(o, 2);
    CHECK(d >= 320);
    CHECK(d <= 480);
  }
}

TEST_CASE("reconnect: the client reconnects, re-sends its handshake and calls the hook",
          "[runtime][reconnect]") {
  Inbox<std::pair<ConnectionId, std::string>> got;
  Inbox<int> reconnected;
  Inbox<CloseInfo> closes;
  Server server(sequence_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    got.push({id, std::string(m.tag)});
    if (m.handshake) server.send(id, std::string(R"({"type":"HELLO"})"));
  });
  server.start();

  ClientOptions options;
  options.reconnect.enabled = true;
  options.reconnect.initial_ms = 20;
  options.reconnect.max_ms = 100;
  Client client(sequence_spec(), options);
  client.set_handshake(
      [] { return std::string(R"({"type":"IDENTIFY","name":"r","version":"0.2.0","tags":[]})"); });
  client.on_close([&](const CloseInfo& c) { closes.push(c); });
  client.on_reconnected([&] {
    client.send(R"({"type":"SELF_FETCH"})");
    reconnected.push(1);
  });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  REQUIRE(got.wait_for(1));
  const ConnectionId first = got.at(0).first;
  CHECK(got.at(0).second == "IDENTIFY");

  server.close(first, 1011, "server restarting");
  REQUIRE(closes.wait_for(1));
  CHECK(closes.at(0).code == 1011);
  REQUIRE(reconnected.wait_for(1));
  REQUIRE(got.wait_for(2));
  CHECK(got.at(1).first != first);
  CHECK(got.at(1).second == "IDENTIFY");
  CHECK(client.is_open());
  // The hook's message (an unknown type after IDENTIFY) reached the new connection:
  // the server answers with ERROR_PROTOCOL rather than closing.
  CHECK(wait_until([&] { return server.connection_count() == 1; }));
}

TEST_CASE("reconnect: pending requests fail on the drop and are not resent",
          "[runtime][reconnect]") {
  Inbox<std::pair<ConnectionId, std::string>> requests;
  Inbox<int> reconnected;
  Server server(echo_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    requests.push({id, std::string(m.text)});
  });
  server.start();
  ClientOptions options;
  options.reconnect.enabled = true;
  options.reconnect.initial_ms = 10;
  Client client(echo_spec(), options);
  client.on_reconnected([&] { reconnected.push(1); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  auto pending = client.request_future([](std::string_view id) {
    return R"({"id":")" + std::string(id) + R"(","action":"registerHostClient","payload":{}})";
  });
  REQUIRE(requests.wait_for(1));
  server.close(requests.at(0).first, 1012, "bye");
  REQUIRE(pending.wait_for(2s) == std::future_status::ready);
  const Reply r = pending.get();
  CHECK(r.error == SessionErrc::disconnected);
  CHECK_THAT(r.message, Catch::Contains("1012 bye"));
  REQUIRE(reconnected.wait_for(1));
  std::this_thread::sleep_for(30ms);
  CHECK(requests.size() == 1);
  CHECK(client.pending_requests() == 0);
}

TEST_CASE("reconnect: gives up after max_attempts when the server is gone",
          "[runtime][reconnect]") {
  Inbox<int> gave_up;
  auto server = std::make_unique<Server>(plain_spec());
  server->start();
  ClientOptions options;
  options.reconnect.enabled = true;
  options.reconnect.initial_ms = 5;
  options.reconnect.max_ms = 20;
  options.reconnect.max_attempts = 3;
  Client client(plain_spec(), options);
  client.on_gave_up([&] { gave_up.push(1); });
  REQUIRE(client.connect("127.0.0.1", server->port()).ok());
  server.reset();
  REQUIRE(gave_up.wait_for(1));
  CHECK_FALSE(client.is_open());
}

TEST_CASE("reconnect: a user close does not reconnect", "[runtime][reconnect]") {
  Inbox<int> opens;
  Server server(plain_spec());
  server.on_open([&](ConnectionId) { opens.push(1); });
  server.start();
  ClientOptions options;
  options.reconnect.enabled = true;
  options.reconnect.initial_ms = 5;
  Client client(plain_spec(), options);
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  REQUIRE(opens.wait_for(1));
  client.close(1000, "done");
  std::this_thread::sleep_for(60ms);
  CHECK(opens.size() == 1);
  CHECK_FALSE(client.is_open());
}

TEST_CASE("reconnect: connect() after close() returns once the new connection is open",
          "[runtime][reconnect]") {
  Inbox<std::string> got;
  Server server(plain_spec());
  server.on_message([&](ConnectionId id, const Incoming& in) {
    server.send(id, R"({"pong":)" + std::string(in.text) + "}");
  });
  server.start();
  ClientOptions options;
  options.connect_timeout_ms = 2000;
  Client client(plain_spec(), options);
  int reconnected = 0;
  client.on_reconnected([&] { ++reconnected; });
  client.on_message([&](const Incoming& in) { got.push(std::string(in.text)); });
  for (int round = 0; round < 3; ++round) {
    const ConnectResult r = client.connect("127.0.0.1", server.port());
    INFO("round " << round << ": " << r.message);
    REQUIRE(r.ok());
    REQUIRE(client.send(R"({"round":)" + std::to_string(round) + "}"));
    REQUIRE(got.wait_for(static_cast<std::size_t>(round) + 1));
    CHECK(got.at(static_cast<std::size_t>(round)) ==
          R"({"pong":{"round":)" + std::to_string(round) + "}}");
    client.close();
    REQUIRE(wait_until([&] { return !client.is_open() && server.connection_count() == 0; }));
  }
  client.stop();
  CHECK(reconnected == 0);  // explicit connects are not reconnections
}
