// Streams in their general form, through a test schema (feed.yaml) generated at build time:
// items routed by key, a normal end and a failure end reported to the client with their typed
// message, cancel reaching the server, a dropped connection ending the stream, and a StreamReader
// taking the items one at a time.
// feed_shared_keys_test.cpp: several handles on one key.
#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "feed_support.hpp"

using namespace feed_test;
using wirekit::stub_test::get;

TEST_CASE("feed stubs: items by key, then a normal end with its typed message",
          "[stubs][streams]") {
  Seen seen;  // before the client: its shutdown may still report to it
  Fixture f;
  seen.watch(f.client, {"a", "b"});
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  auto stream = f.topics.stream(0);
  CHECK(stream.push(item("a", 1)));
  CHECK(stream.push(item("b", 2)));
  CHECK(seen.items.wait_for(2) == std::vector<std::string>{"a=1", "b=2"});
  feed::Done done;
  done.topic = "a";
  CHECK(stream.end(done));
  CHECK(seen.ends.wait_for(1) == std::vector<std::string>{"ended by done a (ended)"});
  CHECK_FALSE(stream.is_open());
  CHECK_FALSE(stream.push(item("b", 3)));  // the stream is over on both sides
}

TEST_CASE("feed stubs: a failure ends the stream with its typed message", "[stubs][streams]") {
  Seen seen;  // before the client: its shutdown may still report to it
  Fixture f;
  seen.watch(f.client, {"x"});
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  feed::Failed failed;
  failed.topic = "x";
  failed.reason = "sensor gone";
  CHECK(f.topics.stream(0).end(failed));
  CHECK(seen.ends.wait_for(1) == std::vector<std::string>{"failed x: sensor gone"});
  CHECK(seen.items.size() == 0);
}

TEST_CASE("feed stubs: two streams, one cancelled: the server learns it, the other goes on",
          "[stubs][streams]") {
  Seen first, second;  // before the client: its shutdown ends `second`'s stream
  Fixture f;
  auto handle = first.watch(f.client, {"a"});
  second.watch(f.client, {"b"});
  REQUIRE(f.topics.opened.wait_for(2).size() == 2);
  handle.cancel();
  CHECK(first.ends.wait_for(1) == std::vector<std::string>{"session cancelled"});
  CHECK(f.topics.cancelled.wait_for(1).size() == 1);
  CHECK_FALSE(f.topics.stream(0).is_open());
  CHECK(f.topics.stream(1).push(item("b", 7)));
  CHECK(second.items.wait_for(1) == std::vector<std::string>{"b=7"});
  CHECK(first.items.size() == 0);
}

TEST_CASE("feed stubs: a dropped connection ends every open stream", "[stubs][streams]") {
  Seen seen;  // before the client: its shutdown may still report to it
  Fixture f;
  seen.watch(f.client, {"a"});
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  f.server.runtime().close(f.server.connections().at(0), 4000, "bye");
  CHECK(seen.ends.wait_for(1) == std::vector<std::string>{"session disconnected"});
}

TEST_CASE("feed stubs: a cancel naming some of a stream's keys stops only those",
          "[stubs][streams]") {
  // Found against the real Rise 0.14 server, which drops each key an `unsub` names: our
  // StreamWriter kept pushing items of cancelled keys while the stream was open for others.
  Seen seen;  // outlives the client, whose handlers write here
  Fixture f;
  seen.watch(f.client, {"a", "b"});
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  feed::Unwatch some;
  some.topics = {"a"};
  REQUIRE(f.client.unwatch(some));
  auto stream = f.topics.stream(0);
  // Once the server has read the cancel, items of "a" are refused; "b" goes on.
  CHECK(wirekit::stub_test::eventually([&] { return !stream.push(item("a", 1)); }));
  CHECK(stream.is_open());
  CHECK(stream.push(item("b", 2)));
  // Items of "a" pushed before the server read the cancel may have arrived first.
  CHECK(wirekit::stub_test::eventually([&] {
    const auto items = seen.items.wait_for(0);
    return !items.empty() && items.back() == "b=2";
  }));
}

TEST_CASE("feed stubs: a stream no handler takes fails with the schema's failure",
          "[stubs][streams]") {
  // Before, the default handler ended the stream silently and the client waited forever.
  Seen seen;  // before the client: its shutdown may still report to it
  feed::stub::Handlers<> nobody;
  feed::stub::Server<> server(nobody);
  server.start();
  feed::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  seen.watch(client, {"x", "y"});
  CHECK(seen.ends.wait_for(1) == std::vector<std::string>{"failed x: no handler for Watch"});
}

TEST_CASE("feed stubs: a handle cancelled from its own item handler ends once",
          "[stubs][streams]") {
  Inbox<std::string> items, ends;  // before the client: its handlers write here
  std::mutex m;
  wirekit::StreamHandle handle;
  Fixture f;
  feed::Watch w;
  w.topics = {"a"};
  {
    std::lock_guard<std::mutex> lock(m);
    handle = f.client.watch(
        w,
        [&](const feed::Item& i) {
          items.push(i.topic + "=" + std::to_string(i.value));
          std::lock_guard<std::mutex> guard(m);
          handle.cancel();  // runs at once on the loop, while this handler runs
        },
        [&](const feed::stub::WatchEnd& end) { ends.push(end.error.to_string()); });
  }
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  CHECK(f.topics.stream(0).push(item("a", 1)));
  CHECK(ends.wait_for(1) == std::vector<std::string>{"cancelled: stream cancelled"});
  CHECK(f.topics.cancelled.wait_for(1).size() == 1);
  CHECK(items.wait_for(1) == std::vector<std::string>{"a=1"});
  CHECK(ends.size() == 1);
}

TEST_CASE("feed stubs: a StreamReader takes the items one at a time, then how it ended",
          "[stubs][streams]") {
  Fixture f;
  feed::Watch w;
  w.topics = {"r", "s"};
  auto reader = f.client.watch(w);
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  auto stream = f.topics.stream(0);
  CHECK(stream.push(item("r", 1)));
  CHECK(stream.push(item("s", 2)));
  auto first = get(reader.next());
  REQUIRE(first.has_value());
  CHECK(first->topic == "r");
  CHECK(first->value == 1);
  auto second = get(reader.next());
  REQUIRE(second.has_value());
  CHECK(second->value == 2);
  CHECK_FALSE(reader.end().has_value());
  feed::Failed failed;
  failed.topic = "s";
  failed.reason = "gone";
  CHECK(stream.end(failed));
  CHECK_FALSE(get(reader.next()).has_value());
  REQUIRE(reader.end().has_value());
  CHECK(reader.end()->failed());
  REQUIRE(reader.end()->get<feed::Failed>() != nullptr);
  CHECK(reader.end()->get<feed::Failed>()->reason == "gone");
}

TEST_CASE("feed stubs: a StreamReader dropped with its stream open cancels it",
          "[stubs][streams]") {
  Fixture f;
  {
    feed::Watch w;
    w.topics = {"t"};
    auto reader = f.client.watch(w);
    REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  }
  CHECK(f.topics.cancelled.wait_for(1).size() == 1);
  CHECK_FALSE(f.topics.stream(0).is_open());
}

TEST_CASE("feed stubs: StreamReader::next(timeout) cancels a stream that stays silent",
          "[stubs][streams]") {
  using std::chrono::milliseconds;
  Fixture f;
  feed::Watch w;
  w.topics = {"quiet"};
  auto reader = f.client.watch(w);
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  auto stream = f.topics.stream(0);

  SECTION("an item in time is returned and the stream goes on") {
    auto waiting = reader.next(milliseconds(200));
    CHECK(stream.push(item("quiet", 1)));
    auto got = get(std::move(waiting));
    REQUIRE(got.has_value());
    CHECK(got->value == 1);
    // The deadline was met: after it has passed, the stream is still open.
    std::this_thread::sleep_for(milliseconds(400));
    CHECK_FALSE(reader.end().has_value());
    CHECK(stream.is_open());
    CHECK(stream.push(item("quiet", 2)));
    auto next = get(reader.next(milliseconds(2000)));
    REQUIRE(next.has_value());
    CHECK(next->value == 2);
    CHECK(f.topics.cancelled.size() == 0);
  }
  SECTION("no item in time: nullopt, end() says timeout, the server gets the cancel") {
    const auto asked = std::chrono::steady_clock::now();
    auto got = get(reader.next(milliseconds(150)));
    const auto waited = std::chrono::steady_clock::now() - asked;
    CHECK_FALSE(got.has_value());
    REQUIRE(reader.end().has_value());
    CHECK(reader.end()->reason == wirekit::StreamEnd::Reason::session);
    CHECK(reader.end()->error.code == wirekit::SessionErrc::timeout);
    CHECK(waited >= milliseconds(150));
    CHECK(f.topics.cancelled.wait_for(1).size() == 1);
    REQUIRE(wirekit::stub_test::eventually([&] { return !stream.is_open(); }));
    // Nothing is pushed on it any more.
    CHECK_FALSE(stream.push(item("quiet", 3)));
  }
}
