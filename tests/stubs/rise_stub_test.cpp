// The generated Rise stubs (the 0.14 wire form and the document's) over loopback: `sub` opens a
// stream whose `up` items arrive now and on every change, keyed by model path; cancel() sends
// `unsub` and ends the stream on both sides; `evt` gets its typed `evt-res`, with and without
// `error`.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "rise/rise_client.hpp"
#include "rise/rise_server.hpp"
#include "rise_0_14/rise_0_14_client.hpp"
#include "rise_0_14/rise_0_14_server.hpp"
#include "stub_support.hpp"

using namespace std::chrono_literals;
using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;

namespace {

// A model server: each key holds a JSON value; subscribers get it now and on each change.
// `Stubs` is the protocol's stub namespace seen through a traits struct.
template <class Traits>
class Models : public Traits::Handlers {
 public:
  using Session = typename Traits::Handlers::Session;
  using Stream = typename Traits::SubStream;

  void on_sub(Session&, const typename Traits::Sub& request, Stream stream) override {
    std::lock_guard<std::mutex> lock(m_);
    for (const auto& key : request.keys) {
      auto it = values_.find(key);
      if (it != values_.end()) stream.push(up(key, it->second));
    }
    streams_.push_back({request.keys, stream});
    opened.push(static_cast<int>(request.keys.size()));
  }
  void on_stream_cancelled(Session&, wirekit::StreamId id) override { cancelled.push(id); }
  void on_unsub(Session&, const typename Traits::Unsub& request) override {
    std::string keys;
    for (const auto& k : request.keys) keys += (keys.empty() ? "" : ",") + k;
    unsubs.push(keys);
  }

  /// Sets a value and pushes it to every open stream naming the key; returns how many got it.
  int set(const std::string& key, const std::string& json) {
    std::lock_guard<std::mutex> lock(m_);
    values_[key] = json;
    int pushed = 0;
    for (auto& [keys, stream] : streams_)
      for (const auto& k : keys)
        if (k == key && stream.push(up(key, json))) ++pushed;
    return pushed;
  }

  Inbox<int> opened;
  Inbox<wirekit::StreamId> cancelled;
  Inbox<std::string> unsubs;  // the keys of each unsub, comma-separated

 private:
  static typename Traits::Up up(const std::string& key, const std::string& json) {
    typename Traits::Up u;
    u.key = key;
    u.val = wirekit::Json(json);
    return u;
  }

  std::mutex m_;
  std::map<std::string, std::string> values_{{"counter", "1"}, {"title", "\"hi\""}};
  std::vector<std::pair<std::vector<std::string>, Stream>> streams_;
};

struct Rise014 {
  using Handlers = rise_0_14::stub::Handlers<>;
  using Server = rise_0_14::stub::Server<>;
  using Client = rise_0_14::stub::Client;
  using SubStream = rise_0_14::stub::SubStream;
  using SubEnd = rise_0_14::stub::SubEnd;
  using Sub = rise_0_14::Sub;
  using Unsub = rise_0_14::Unsub;
  using Up = rise_0_14::Up;
  static std::string value(const Up& u) { return u.val ? u.val->text : "undefined"; }
};
struct RiseDocument {
  using Handlers = rise::stub::Handlers<>;
  using Server = rise::stub::Server<>;
  using Client = rise::stub::Client;
  using SubStream = rise::stub::SubStream;
  using SubEnd = rise::stub::SubEnd;
  using Sub = rise::Sub;
  using Unsub = rise::Unsub;
  using Up = rise::Up;
  static std::string value(const Up& u) { return u.val.text; }
};

// 0.14 event handling: one model answers, one fails.
class Models014 : public Models<Rise014> {
 public:
  void on_evt(Session&, const rise_0_14::Evt& request, rise_0_14::stub::EvtReply reply) override {
    rise_0_14::EvtRes res;
    if (request.target.component == "broken") res.error = true;
    res.payload = wirekit::Json("\"" + request.target.prop_key + "\"");
    reply(res);
  }
};

class ModelsDocument : public Models<RiseDocument> {
 public:
  void on_evt(Session&, const rise::Evt& request, rise::stub::EvtReply reply) override {
    rise::EvtRes res;
    if (request.event.target.component == "broken") res.res.error = true;
    reply(res);
  }
};

template <class Traits, class Server>
void check_streams(Server& server_handlers) {
  typename Traits::Server server(server_handlers);
  server.start();
  Inbox<std::string> items;  // outlives the client, whose handlers write here
  Inbox<int> ends;           // outlives the client, whose handlers write here
  typename Traits::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  typename Traits::Sub sub;
  sub.keys = {"counter", "title", "unknown"};
  auto handle = client.sub(
      sub, [&](const typename Traits::Up& up) { items.push(up.key + "=" + Traits::value(up)); },
      [&](const typename Traits::SubEnd& end) { ends.push(static_cast<int>(end.error.code)); });
  // Now: one up per known key; an unknown key gets nothing.
  CHECK(items.wait_for(2) == std::vector<std::string>{"counter=1", "title=\"hi\""});
  CHECK(server_handlers.opened.wait_for(1) == std::vector<int>{3});

  // On change.
  CHECK(server_handlers.set("counter", "2") == 1);
  CHECK(server_handlers.set("other", "0") == 0);
  CHECK(items.wait_for(3).back() == "counter=2");

  // Cancel: unsub reaches the server, which closes the stream; later pushes go nowhere.
  handle.cancel();
  CHECK(ends.wait_for(1) == std::vector<int>{static_cast<int>(wirekit::SessionErrc::cancelled)});
  CHECK(server_handlers.cancelled.wait_for(1).size() == 1);
  CHECK(server_handlers.unsubs.wait_for(1) == std::vector<std::string>{"counter,title,unknown"});
  CHECK(server_handlers.set("counter", "3") == 0);
  std::this_thread::sleep_for(50ms);
  CHECK(items.size() == 3);

  // unsub sent on its own (no handle): the server's on_unsub gets its keys, and the open stream
  // naming that key stops, on the server and on the client; a stream naming other keys goes on.
  Inbox<std::string> other;  // outlives the client, whose handlers write here
  sub.keys = {"counter"};
  client.sub(sub, [&](const typename Traits::Up& up) { items.push(up.key); });
  sub.keys = {"title"};
  client.sub(sub, [&](const typename Traits::Up& up) { other.push(up.key); });
  CHECK(items.wait_for(4).back() == "counter");
  CHECK(other.wait_for(1) == std::vector<std::string>{"title"});
  typename Traits::Unsub unsub;
  unsub.keys = {"counter"};
  CHECK(client.unsub(unsub));
  CHECK(server_handlers.unsubs.wait_for(2).back() == "counter");
  CHECK(server_handlers.cancelled.wait_for(2).size() == 2);
  CHECK(server_handlers.set("counter", "4") == 0);
  CHECK(server_handlers.set("title", "\"ho\"") == 1);
  CHECK(other.wait_for(2) == std::vector<std::string>{"title", "title"});
  CHECK(items.size() == 4);
}

template <class Traits, class Server>
void check_overlapping_subs(Server& server_handlers) {
  typename Traits::Server server(server_handlers);
  server.start();
  Inbox<std::string> wide, narrow;  // outlive the client, whose handlers write here
  typename Traits::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  typename Traits::Sub sub;
  sub.keys = {"counter", "title"};
  auto both = client.sub(
      sub, [&](const typename Traits::Up& up) { wide.push(up.key + "=" + Traits::value(up)); });
  REQUIRE(wide.wait_for(2).size() == 2);
  sub.keys = {"counter"};
  auto one = client.sub(
      sub, [&](const typename Traits::Up& up) { narrow.push(up.key + "=" + Traits::value(up)); });
  REQUIRE(server_handlers.opened.wait_for(2).size() == 2);
  // The narrow sub's own first up ("counter=1") reaches both handles: both hold "counter".
  CHECK(narrow.wait_for(1) == std::vector<std::string>{"counter=1"});
  CHECK(wide.wait_for(3).back() == "counter=1");
  // One change, pushed on each of the server's two streams: every handle gets every up.
  CHECK(server_handlers.set("counter", "5") == 2);
  CHECK(narrow.wait_for(3) == std::vector<std::string>{"counter=1", "counter=5", "counter=5"});
  CHECK(wide.wait_for(5).size() == 5);

  // Cancelling the wide sub unsubs only "title": "counter" is still held by the narrow one.
  both.cancel();
  CHECK(server_handlers.unsubs.wait_for(1) == std::vector<std::string>{"title"});
  CHECK(server_handlers.set("counter", "6") == 2);  // the wide stream keeps "counter" too
  CHECK(narrow.wait_for(5).back() == "counter=6");
  CHECK(wide.size() == 5);
  one.cancel();
  CHECK(server_handlers.unsubs.wait_for(2) == std::vector<std::string>{"title", "counter"});
  CHECK(server_handlers.cancelled.wait_for(2).size() == 2);
}

}  // namespace

TEST_CASE("rise 0.14 stubs: overlapping subs each get every up; unsub only for unheld keys",
          "[stubs][rise]") {
  Models014 models;
  check_overlapping_subs<Rise014>(models);
}

TEST_CASE("rise document stubs: overlapping subs each get every up; unsub only for unheld keys",
          "[stubs][rise]") {
  ModelsDocument models;
  check_overlapping_subs<RiseDocument>(models);
}

TEST_CASE("rise 0.14 stubs: sub streams up now and on change until cancelled", "[stubs][rise]") {
  Models014 models;
  check_streams<Rise014>(models);
}

TEST_CASE("rise document stubs: sub streams up now and on change until cancelled",
          "[stubs][rise]") {
  ModelsDocument models;
  check_streams<RiseDocument>(models);
}

TEST_CASE("rise 0.14 stubs: evt gets its typed evt-res, with and without error", "[stubs][rise]") {
  Models014 models;
  rise_0_14::stub::Server<> server(models);
  server.start();
  rise_0_14::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  rise_0_14::Evt evt;
  evt.target.component = "button";
  evt.target.prop_key = "onPress";
  auto ok = get(client.evt(evt));
  REQUIRE(ok.ok());
  CHECK_FALSE(ok.reply()->error.has_value());
  REQUIRE(ok.reply()->payload.has_value());
  CHECK(ok.reply()->payload->text == "\"onPress\"");
  CHECK_FALSE(ok.reply()->key.empty());  // the stub chose the key the reply echoes

  evt.target.component = "broken";
  auto failed = get(client.evt(evt));
  REQUIRE(failed.ok());
  CHECK(failed.reply()->error == true);
}

TEST_CASE("rise document stubs: evt-res with error", "[stubs][rise]") {
  ModelsDocument models;
  rise::stub::Server<> server(models);
  server.start();
  rise::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  rise::Evt evt;
  evt.event.target.component = "broken";
  auto failed = get(client.evt(evt));
  REQUIRE(failed.ok());
  CHECK(failed.reply()->res.error == true);
  evt.event.target.component = "fine";
  auto fine = get(client.evt(evt));
  REQUIRE(fine.ok());
  CHECK_FALSE(fine.reply()->res.error.has_value());
}
