// The schema's message rate limit (event-ack-sync: 10 messages in 5 s, else 1008).
#include <catch2/catch.hpp>

#include <atomic>

#include <wirekit/rate_limiter.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;
using namespace std::chrono_literals;

TEST_CASE("rate limiter: at most N in any window, memory bounded", "[runtime][rate]") {
  RateLimiter limiter(3, 1000);
  const auto t0 = RateLimiter::Clock::time_point{} + 10s;
  CHECK(limiter.allow(t0));
  CHECK(limiter.allow(t0 + 100ms));
  CHECK(limiter.allow(t0 + 200ms));
  CHECK_FALSE(limiter.allow(t0 + 300ms));  // fourth within the same second
  CHECK(limiter.allow(t0 + 1000ms));       // the first has left the window
  CHECK_FALSE(limiter.allow(t0 + 1050ms));
  CHECK(limiter.allow(t0 + 5000ms));
  RateLimiter off(0, 1000);
  for (int i = 0; i < 1000; ++i) CHECK(off.allow(t0));
}

TEST_CASE("rate limit: a peer over the limit is closed with the schema's code", "[runtime][rate]") {
  std::atomic<int> delivered{0};
  ProtocolSpec spec = plain_spec();
  spec.session.rate_limit.messages = 3;
  spec.session.rate_limit.per_ms = 10000;
  spec.session.close_codes.push_back(close_code(1008, "POLICY_VIOLATION", {Condition::rate_limit}));
  Server server(spec);
  server.on_message([&](ConnectionId, const Incoming&) { ++delivered; });
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/plain"));
  for (int i = 0; i < 4; ++i) raw.send_text(R"({"type":"x"})");
  const auto closed = raw.wait_close();
  REQUIRE(closed);
  CHECK(closed->code == 1008);
  CHECK_THAT(closed->reason, Catch::Contains("more than 3 messages in 10000 ms"));
  CHECK(delivered.load() == 3);
}

TEST_CASE("rate limit: messages within the limit keep the connection open", "[runtime][rate]") {
  Inbox<std::string> seen;
  ProtocolSpec spec = plain_spec();
  spec.session.rate_limit.messages = 5;
  spec.session.rate_limit.per_ms = 10000;
  Server server(spec);
  server.on_message([&](ConnectionId id, const Incoming& in) {
    seen.push(std::string(in.tag));
    server.send(id, R"({"type":"ok"})");
  });
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/plain"));
  for (int i = 0; i < 5; ++i) raw.send_text(R"({"type":"x"})");
  REQUIRE(raw.texts.wait_for(5));
  CHECK(seen.size() == 5);
  CHECK(raw.closes.size() == 0);
}
