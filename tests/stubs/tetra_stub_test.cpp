// The generated Tetra stubs (document and upstream forms) over loopback: `call` gets its typed
// result or typed error; a subscription is a stream of several item types keyed by group, each
// group's items reach its own stream, pushes for other groups reach the typed push handlers,
// cancel() and unsubscribe on its own end the server's stream; the upstream form's ping gets a
// pong and its navigation notice reaches its handler.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "stub_support.hpp"
#include "tetra/tetra_client.hpp"
#include "tetra/tetra_server.hpp"
#include "tetra_upstream/tetra_upstream_client.hpp"
#include "tetra_upstream/tetra_upstream_server.hpp"

using namespace std::chrono_literals;
using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;

namespace {

class Components : public tetra::stub::Handlers<> {
 public:
  void on_call(Session&, const tetra::Call& request, tetra::stub::CallReply reply) override {
    if (request.method == "fail") {
      tetra::CallError error;
      error.error.code = "E_METHOD";
      error.error.message = "no such method";
      return reply(error);
    }
    tetra::CallResponse response;
    response.result = wirekit::Json("\"" + request.component_id + "." + request.method + "\"");
    reply(response);
  }

  void on_subscribe(Session&, const tetra::Subscribe& request,
                    tetra::stub::SubscribeStream stream) override {
    tetra::SubscriptionResponse ok;
    ok.group = request.group;
    stream.push(ok);
    std::lock_guard<std::mutex> lock(m_);
    groups_.emplace(request.group, stream);
  }

  void on_stream_cancelled(Session&, wirekit::StreamId) override { cancelled.push(1); }

  // As the document's section 5: an unsubscribe is answered with status "unsubscribed".
  void on_unsubscribe(Session& session, const tetra::Unsubscribe& request) override {
    unsubscribed.push(request.group);
    tetra::SubscriptionResponse done;
    done.group = request.group;
    done.status = tetra::SubscriptionStatus::kUnsubscribed;
    server().send(session.id(), done);
  }

  /// An update to every stream of `group`; how many took it.
  int update(const std::string& group, const std::string& data) {
    std::lock_guard<std::mutex> lock(m_);
    int n = 0;
    auto range = groups_.equal_range(group);
    for (auto it = range.first; it != range.second; ++it) {
      tetra::ComponentUpdateData u;
      u.group = group;
      u.data = wirekit::Json(data);
      if (it->second.push(u)) ++n;
      tetra::Notify notify;
      notify.group = group;
      notify.event_name = "updated";
      notify.data = wirekit::Json(data);
      it->second.push(notify);
    }
    return n;
  }

  Inbox<int> cancelled;
  Inbox<std::string> unsubscribed;  // the group of each unsubscribe

 private:
  std::mutex m_;
  std::multimap<std::string, tetra::stub::SubscribeStream> groups_;
};

std::string describe(const tetra::stub::SubscribeItem& item) {
  return std::visit(
      [](const auto& m) -> std::string {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, tetra::SubscriptionResponse>)
          return std::string(tetra::to_string(m.status)) + " " + m.group;
        else if constexpr (std::is_same_v<M, tetra::ComponentUpdateData>)
          return "data " + m.group + " " + m.data.text;
        else
          return "notify " + m.group + " " + m.event_name;
      },
      item);
}

}  // namespace

TEST_CASE("tetra stubs: call gets its typed result or typed error", "[stubs][tetra]") {
  Components components;
  tetra::stub::Server<> server(components);
  server.start();
  tetra::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  tetra::Call call;
  call.component_id = "counter";
  call.method = "increment";
  auto ok = get(client.call(call));
  REQUIRE(ok.ok());
  CHECK(ok.reply()->result.text == "\"counter.increment\"");
  REQUIRE(ok.reply()->id.has_value());  // the stub filled the id the reply echoes
  call.method = "fail";
  auto failed = get(client.call(call));
  REQUIRE(failed.error<tetra::CallError>() != nullptr);
  CHECK(failed.error<tetra::CallError>()->error.code == "E_METHOD");
}

TEST_CASE("tetra stubs: each group's items reach its own stream until cancelled",
          "[stubs][tetra]") {
  Components components;
  tetra::stub::Server<> server(components);
  server.start();
  Inbox<std::string> pushed;  // outlives the client, whose handlers write here
  Inbox<std::string> a, b;    // outlives the client, whose handlers write here
  Inbox<std::string> b_ends;  // outlives the client, whose handlers write here
  tetra::stub::Client client;
  client.on_component_update_data(
      [&](const tetra::ComponentUpdateData& m) { pushed.push("push " + m.group); });
  client.on_subscription_response([&](const tetra::SubscriptionResponse& m) {
    pushed.push(std::string(tetra::to_string(m.status)) + " " + m.group);
  });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  tetra::Subscribe sub;
  sub.group = "a";
  auto handle_a = client.subscribe(
      sub, [&](const tetra::stub::SubscribeItem& item) { a.push(describe(item)); });
  sub.group = "b";
  auto handle_b = client.subscribe(
      sub, [&](const tetra::stub::SubscribeItem& item) { b.push(describe(item)); },
      [&](const tetra::stub::SubscribeEnd& end) { b_ends.push(end.error.to_string()); });
  CHECK(a.wait_for(1) == std::vector<std::string>{"subscribed a"});
  CHECK(b.wait_for(1) == std::vector<std::string>{"subscribed b"});

  CHECK(components.update("a", "1") == 1);
  CHECK(a.wait_for(3) == std::vector<std::string>{"subscribed a", "data a 1", "notify a updated"});
  CHECK(b.size() == 1);

  // cancel() sends unsubscribe: the server's stream ends and its on_unsubscribe answers; the
  // answer, for a stream the client already closed, reaches the typed push handler.
  handle_a.cancel();
  CHECK(components.cancelled.wait_for(1).size() == 1);
  CHECK(components.unsubscribed.wait_for(1) == std::vector<std::string>{"a"});
  CHECK(pushed.wait_for(1) == std::vector<std::string>{"unsubscribed a"});
  CHECK(components.update("a", "2") == 0);
  CHECK(components.update("b", "3") == 1);
  CHECK(b.wait_for(3).size() == 3);
  CHECK(a.size() == 3);

  // A push for a group with no stream goes to the typed push handler.
  const auto ids = server.connections();
  REQUIRE(ids.size() == 1);
  tetra::ComponentUpdateData loose;
  loose.group = "c";
  loose.data = wirekit::Json("0");
  CHECK(server.send(ids[0], loose));
  CHECK(pushed.wait_for(2) == std::vector<std::string>{"unsubscribed a", "push c"});
  (void)handle_b;

  // unsubscribe sent on its own does what cancel() does: the server ends b's stream and the
  // client ends its stream b too (before, it stayed open and took the answer as an item); the
  // answer reaches the typed push handler.
  tetra::Unsubscribe leave;
  leave.group = "b";
  CHECK(client.unsubscribe(leave));
  CHECK(b_ends.wait_for(1) == std::vector<std::string>{"cancelled: stream cancelled"});
  CHECK(components.unsubscribed.wait_for(2) == std::vector<std::string>{"a", "b"});
  CHECK(components.cancelled.wait_for(2).size() == 2);
  CHECK(pushed.wait_for(3).back() == "unsubscribed b");
  CHECK(components.update("b", "4") == 0);
  CHECK(b.size() == 3);
}

namespace {

class Upstream : public tetra_upstream::stub::Handlers<> {
 public:
  void on_ping(Session&, const tetra_upstream::Ping&,
               tetra_upstream::stub::PingReply reply) override {
    reply(tetra_upstream::Pong{});
  }
  void on_subscribe(Session&, const tetra_upstream::Subscribe& request,
                    tetra_upstream::stub::SubscribeStream stream) override {
    tetra_upstream::SubscriptionResponse ok;
    ok.group = request.group;
    stream.push(ok);
    tetra_upstream::ComponentCreated created;
    created.group = request.group;
    created.data = wirekit::Json("{}");
    created.component_id = "c1";
    stream.push(created);
  }
  void on_unsubscribe(Session&, const tetra_upstream::Unsubscribe& request) override {
    unsubscribed.push(request.group);
  }
  void on_navigation(Session&, const tetra_upstream::Navigation& notice) override {
    navigated.push(notice.payload.path);
  }

  Inbox<std::string> unsubscribed;  // the group of each unsubscribe
  Inbox<std::string> navigated;     // the path of each navigation
};

}  // namespace

TEST_CASE("tetra upstream stubs: ping gets pong, subscribe streams its items, navigation arrives",
          "[stubs][tetra]") {
  Upstream upstream;
  tetra_upstream::stub::Server<> server(upstream);
  server.start();
  Inbox<int> pongs;          // outlives the client, whose handlers write here
  Inbox<std::string> items;  // outlives the client, whose handlers write here
  tetra_upstream::stub::Client client;
  client.on_pong([&](const tetra_upstream::Pong&) { pongs.push(1); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  CHECK(client.ping(tetra_upstream::Ping{}).get().reply());  // correlation: next
  CHECK(pongs.size() == 0);                                  // the pong answered the ping: no push

  tetra_upstream::Subscribe sub;
  sub.group = "g";
  auto handle = client.subscribe(sub, [&](const tetra_upstream::stub::SubscribeItem& item) {
    items.push(
        std::visit([](const auto& m) { return std::string(m.kName) + " " + m.group; }, item));
  });
  CHECK(items.wait_for(2) ==
        std::vector<std::string>{"SubscriptionResponse g", "ComponentCreated g"});
  handle.cancel();  // sends unsubscribe
  CHECK(upstream.unsubscribed.wait_for(1) == std::vector<std::string>{"g"});

  tetra_upstream::Navigation navigation;
  navigation.payload.path = "/items/2";
  CHECK(client.navigation(navigation));
  CHECK(upstream.navigated.wait_for(1) == std::vector<std::string>{"/items/2"});
}
