// The server-wide memory bound (ServerOptions::memory_limit_bytes): what all connections hold
// in messages is counted; at the bound a new message gets 1013 and a new upgrade 503, and
// the server takes both again once the memory is freed.
#include <catch2/catch.hpp>

#include <string>

#include <wirekit/server.hpp>

#include "raw_peer.hpp"
#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("at the server-wide memory limit a message gets 1013 and an upgrade 503",
          "[runtime][memory]") {
  constexpr std::size_t kLimit = 512 * 1024;
  Inbox<ConnectionId> opened;
  Inbox<std::string> handled;
  ServerOptions options;
  options.memory_limit_bytes = kLimit;
  options.send_queue_max_bytes = 64u << 20;  // the per-connection bound is not what trips
  options.flow.stall_timeout_ms = 0;
  options.close_timeout_ms = 100;
  Server server(plain_spec(), options);
  server.on_open([&](ConnectionId id) { opened.push(id); });
  server.on_message([&](ConnectionId, const Incoming& m) { handled.push(std::string(m.text)); });
  server.start();
  CHECK(server.memory_held() == 0);

  RawPeer talker;
  REQUIRE(talker.connect(server.port(), "/plain"));
  talker.send_text(R"({"n":1})");
  REQUIRE(handled.wait_for(1));
  CHECK(handled.at(0) == R"({"n":1})");

  // A consumer that never reads: what the server sends it stays queued (kernel buffers first).
  auto stalled = std::make_unique<StalledTcpPeer>();
  REQUIRE(stalled->connect(server.port(), "/plain"));
  REQUIRE(opened.wait_for(2));
  const ConnectionId slow = opened.at(1);
  // Kernel buffers take a few megabytes before writes stay pending: queue far more than
  // they hold, so what stays held is well past the limit.
  const std::string chunk = R"({"pad":")" + std::string(64 * 1024, 'z') + "\"}";
  constexpr std::size_t kQueued = 16u << 20;
  bool stuck = false;
  for (int round = 0; round < 200 && !stuck; ++round) {
    for (int i = 0; i < 64 && server.memory_held() < kQueued; ++i) server.send(slow, chunk);
    std::this_thread::sleep_for(50ms);
    stuck = server.memory_held() >= kQueued / 2;
  }
  REQUIRE(stuck);

  // A new message is refused before it is handled, with a close the peer can act on.
  talker.send_text(R"({"n":2})");
  const auto close = talker.wait_close();
  REQUIRE(close);
  CHECK(close->code == 1013);
  CHECK(close->reason == "server memory limit reached");
  CHECK(handled.size() == 1);

  // A new upgrade is refused.
  RawPeer late;
  CHECK_FALSE(late.connect(server.port(), "/plain"));
  CHECK(late.http_status() == 503);

  // The stalled consumer leaves: its queue is freed and the server takes connections again.
  stalled.reset();
  REQUIRE(wait_until([&] { return server.memory_held() < kLimit / 4; }, 5000ms));
  RawPeer again;
  REQUIRE(again.connect(server.port(), "/plain"));
  again.send_text(R"({"n":3})");
  REQUIRE(handled.wait_for(2));
  CHECK(handled.at(1) == R"({"n":3})");
}

TEST_CASE("without a memory limit nothing is counted", "[runtime][memory]") {
  Inbox<std::string> handled;
  ServerOptions options;
  options.memory_limit_bytes = 0;
  Server server(plain_spec(), options);
  server.on_message([&](ConnectionId id, const Incoming& m) {
    server.send(id, std::string(m.text));
    handled.push(std::string(m.text));
  });
  server.start();
  RawPeer peer;
  REQUIRE(peer.connect(server.port(), "/plain"));
  peer.send_text(R"({"n":1})");
  REQUIRE(peer.texts.wait_for(1));
  CHECK(peer.texts.at(0) == R"({"n":1})");
  CHECK(server.memory_held() == 0);
}
