// The kv server's handlers (Store) and the generated kv client stub over loopback: a request
// answered by its reply or its error reply, a stream until cancelled, a push to the other
// clients, and the protocol's close code for a frame that is not a kv message.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kv/kv_client.hpp"
#include "store.hpp"

using namespace std::chrono_literals;

namespace {

/// What a handler received, in order; the test thread waits on it.
template <class T>
class Inbox {
 public:
  void push(T value) {
    std::lock_guard<std::mutex> lock(m_);
    items_.push_back(std::move(value));
    cv_.notify_all();
  }
  /// Waits until at least `n` items arrived (up to 3 s); returns all of them.
  std::vector<T> wait_for(std::size_t n) {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait_for(lock, 3s, [&] { return items_.size() >= n; });
    return items_;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<T> items_;
};

kv::Put put(const std::string& key, const std::string& value) {
  kv::Put p;
  p.key = key;
  p.value = value;
  return p;
}

kv::stub::PutOutcome get(std::future<kv::stub::PutOutcome> future) {
  REQUIRE(future.wait_for(3s) == std::future_status::ready);
  return future.get();
}

std::string describe(const kv::Changed& c) {
  return c.key + "=" + c.value + "@" + std::to_string(c.version);
}

/// A kv server on a free loopback port, running the Store.
struct Running {
  Running() { server.start(); }
  kv_app::Store store;
  kv::stub::Server<> server{store};
};

}  // namespace

TEST_CASE("put is answered by Stored, or by Rejected for an empty key", "[kv]") {
  Running app;
  kv::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", app.server.port()).ok());

  auto first = get(client.put(put("colour", "red")));
  REQUIRE(first.ok());
  CHECK(first.reply()->key == "colour");
  CHECK(first.reply()->version == 1);
  auto second = get(client.put(put("colour", "blue")));
  REQUIRE(second.ok());
  CHECK(second.reply()->version == 2);

  auto refused = get(client.put(put("", "x")));
  CHECK_FALSE(refused.ok());
  REQUIRE(refused.error<kv::Rejected>() != nullptr);
  CHECK(refused.error<kv::Rejected>()->reason == "the key is empty");
}

TEST_CASE("watch gets the current value and each change until cancelled", "[kv]") {
  Running app;
  kv::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", app.server.port()).ok());
  REQUIRE(get(client.put(put("door", "open"))).ok());

  Inbox<std::string> changes;
  Inbox<wirekit::StreamEnd::Reason> ends;
  kv::Watch watch;
  watch.key = "door";
  auto handle = client.watch(
      watch, [&](const kv::Changed& c) { changes.push(describe(c)); },
      [&](const kv::stub::WatchEnd& end) { ends.push(end.reason); });
  CHECK(changes.wait_for(1) == std::vector<std::string>{"door=open@1"});
  REQUIRE(get(client.put(put("door", "shut"))).ok());
  REQUIRE(get(client.put(put("window", "open"))).ok());  // another key: not watched
  CHECK(changes.wait_for(2) == std::vector<std::string>{"door=open@1", "door=shut@2"});
  CHECK(app.store.watchers("door") == 1);

  handle.cancel();  // sends unwatch
  CHECK(ends.wait_for(1) ==
        std::vector<wirekit::StreamEnd::Reason>{wirekit::StreamEnd::Reason::session});
  for (int i = 0; i < 300 && app.store.watchers("door") > 0; ++i) std::this_thread::sleep_for(10ms);
  CHECK(app.store.watchers("door") == 0);
  REQUIRE(get(client.put(put("door", "ajar"))).ok());
  CHECK(changes.wait_for(2).size() == 2);
}

TEST_CASE("a put is pushed as a notice to every other client", "[kv]") {
  Running app;
  kv::stub::Client alice, bob;
  Inbox<std::string> to_alice, to_bob;
  alice.on_notice([&](const kv::Notice& n) { to_alice.push(n.text); });
  bob.on_notice([&](const kv::Notice& n) { to_bob.push(n.text); });
  REQUIRE(alice.connect("127.0.0.1", app.server.port()).ok());
  REQUIRE(bob.connect("127.0.0.1", app.server.port()).ok());

  REQUIRE(get(alice.put(put("lamp", "on"))).ok());
  CHECK(to_bob.wait_for(1) == std::vector<std::string>{"lamp is now version 1"});
  REQUIRE(get(bob.put(put("lamp", "off"))).ok());
  CHECK(to_alice.wait_for(1) == std::vector<std::string>{"lamp is now version 2"});
  CHECK(to_bob.wait_for(2) == std::vector<std::string>{"lamp is now version 1"});
}

TEST_CASE("a frame that is not a kv message closes with BAD_MESSAGE", "[kv]") {
  Running app;
  kv::stub::Client client;
  Inbox<wirekit::CloseInfo> closes;
  client.on_close([&](const wirekit::CloseInfo& c) { closes.push(c); });
  REQUIRE(client.connect("127.0.0.1", app.server.port()).ok());

  REQUIRE(client.runtime().send(std::string(R"({"type":"put","key":"k"})")));  // no value
  const auto closed = closes.wait_for(1);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].code == kv::close_code::kBadMessage);
  CHECK(closed[0].code == 4001);
  CHECK(closed[0].by_peer);
  CHECK(closed[0].reason.find("value") != std::string::npos);
}
