// Several handles on one key (two components subscribing to one topic): each gets every item,
// an end for the key ends each of them, and the cancel message goes out only for keys no other
// open handle still holds; the cancel message sent through its own method ends every handle
// on its keys; drop() ends a handle without telling the server.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "feed_support.hpp"

using namespace feed_test;
using namespace std::chrono_literals;
using wirekit::stub_test::eventually;

TEST_CASE("feed stubs: two handles on one key both get every item", "[stubs][streams]") {
  Seen first, second;  // before the client: its shutdown ends their streams
  Fixture f;
  first.watch(f.client, {"a"});
  second.watch(f.client, {"a"});
  REQUIRE(f.topics.opened.wait_for(2).size() == 2);
  CHECK(f.topics.stream(0).push(item("a", 1)));  // one message on the wire
  CHECK(first.items.wait_for(1) == std::vector<std::string>{"a=1"});
  CHECK(second.items.wait_for(1) == std::vector<std::string>{"a=1"});
}

TEST_CASE("feed stubs: the cancel goes out when the last handle on a key is cancelled",
          "[stubs][streams]") {
  Seen first, second;  // before the client: its shutdown ends their streams
  Fixture f;
  auto one = first.watch(f.client, {"a"});
  auto two = second.watch(f.client, {"a"});
  REQUIRE(f.topics.opened.wait_for(2).size() == 2);
  one.cancel();
  CHECK(first.ends.wait_for(1) == std::vector<std::string>{"session cancelled"});
  // No unwatch was sent: both server streams are still open and the second handle goes on.
  CHECK(f.topics.stream(0).push(item("a", 2)));
  CHECK(second.items.wait_for(1) == std::vector<std::string>{"a=2"});
  CHECK(f.topics.cancelled.size() == 0);
  CHECK(f.topics.stream(0).is_open());
  CHECK(first.items.size() == 0);
  two.cancel();
  // The unwatch for "a" ends every server stream on it.
  CHECK(f.topics.cancelled.wait_for(2).size() == 2);
  CHECK_FALSE(f.topics.stream(0).is_open());
  CHECK_FALSE(f.topics.stream(1).is_open());
  CHECK(second.ends.wait_for(1) == std::vector<std::string>{"session cancelled"});
}

TEST_CASE("feed stubs: a cancel names only the keys no other handle holds", "[stubs][streams]") {
  Seen wide, narrow;  // before the client: its shutdown ends their streams
  Fixture f;
  auto both = wide.watch(f.client, {"a", "b"});
  narrow.watch(f.client, {"b"});
  REQUIRE(f.topics.opened.wait_for(2).size() == 2);
  both.cancel();  // sends unwatch [a]: "b" is still held by `narrow`
  auto stream = f.topics.stream(0);
  CHECK(eventually([&] { return !stream.push(item("a", 1)); }));
  CHECK(stream.is_open());  // the server still sends "b" on it
  CHECK(stream.push(item("b", 2)));
  CHECK(narrow.items.wait_for(1) == std::vector<std::string>{"b=2"});
  CHECK(wide.items.size() == 0);
  CHECK(f.topics.cancelled.size() == 0);
}

TEST_CASE("feed stubs: an end for a key ends every handle on it", "[stubs][streams]") {
  Seen first, second, other;  // before the client: its shutdown ends their streams
  Fixture f;
  first.watch(f.client, {"a"});
  second.watch(f.client, {"a", "b"});
  other.watch(f.client, {"b"});
  REQUIRE(f.topics.opened.wait_for(3).size() == 3);
  feed::Done done;
  done.topic = "a";
  CHECK(f.topics.stream(0).end(done));
  CHECK(first.ends.wait_for(1) == std::vector<std::string>{"ended by done a (ended)"});
  CHECK(second.ends.wait_for(1) == std::vector<std::string>{"ended by done a (ended)"});
  CHECK(f.topics.stream(2).push(item("b", 3)));
  CHECK(other.items.wait_for(1) == std::vector<std::string>{"b=3"});
  CHECK(other.ends.size() == 0);
  CHECK(second.items.size() == 0);
}

TEST_CASE("feed stubs: the cancel message's own method ends every handle on its keys",
          "[stubs][streams]") {
  Seen first, second, other;  // before the client: its shutdown ends their streams
  Fixture f;
  first.watch(f.client, {"a"});
  second.watch(f.client, {"a"});
  other.watch(f.client, {"b"});
  REQUIRE(f.topics.opened.wait_for(3).size() == 3);
  feed::Unwatch stop;
  stop.topics = {"a"};
  REQUIRE(f.client.unwatch(stop));
  // The client ends what the server ends: both handles on "a", and both server streams.
  CHECK(first.ends.wait_for(1) == std::vector<std::string>{"session cancelled"});
  CHECK(second.ends.wait_for(1) == std::vector<std::string>{"session cancelled"});
  CHECK(f.topics.cancelled.wait_for(2).size() == 2);
  CHECK(f.topics.stream(2).push(item("b", 1)));
  CHECK(other.items.wait_for(1) == std::vector<std::string>{"b=1"});
  CHECK(other.ends.size() == 0);
}

TEST_CASE("feed stubs: drop() ends a handle without telling the server", "[stubs][streams]") {
  Seen seen, probe;  // before the client: its shutdown ends their streams
  Fixture f;
  feed::Watch w;
  w.topics = {"a"};
  wirekit::stub_test::Inbox<std::string> dropped;
  auto handle = f.client.watch(
      w, [](const feed::Item&) {},
      [&dropped](const feed::stub::WatchEnd& end) { dropped.push(end.error.to_string()); });
  REQUIRE(f.topics.opened.wait_for(1).size() == 1);
  handle.drop();
  CHECK(dropped.wait_for(1) == std::vector<std::string>{"cancelled: stream dropped"});
  // A later stream on another key proves the client has gone on: no unwatch came before it.
  probe.watch(f.client, {"b"});
  REQUIRE(f.topics.opened.wait_for(2).size() == 2);
  CHECK(f.topics.cancelled.size() == 0);
  CHECK(f.topics.stream(0).is_open());
  CHECK(f.topics.stream(0).push(item("a", 1)));
  CHECK(f.topics.stream(1).push(item("b", 2)));
  CHECK(probe.items.wait_for(1) == std::vector<std::string>{"b=2"});
  CHECK(seen.items.size() == 0);
}
