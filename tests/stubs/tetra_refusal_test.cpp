// Tetra answers a refused subscribe, and an unsubscribe, with the same subscription.response as
// an accepted one: the schemas end the stream by the value of its `status` (`when:`). A refused
// stream fails with the typed response and stops taking the group's later pushes; a status
// "unsubscribed" ends it normally; a server pushing such a response ends its own side too; a
// server with no subscribe handler refuses with status "error".
#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

#include "stub_support.hpp"
#include "tetra/tetra_client.hpp"
#include "tetra/tetra_server.hpp"
#include "tetra_upstream/tetra_upstream_client.hpp"
#include "tetra_upstream/tetra_upstream_server.hpp"

using wirekit::stub_test::Inbox;

namespace {

// Accepts every group but "locked"; keeps each stream.
class Gatekeeper : public tetra_upstream::stub::Handlers<> {
 public:
  void on_subscribe(Session&, const tetra_upstream::Subscribe& request,
                    tetra_upstream::stub::SubscribeStream stream) override {
    tetra_upstream::SubscriptionResponse answer;
    answer.group = request.group;
    if (request.group == "locked") {
      answer.status = tetra_upstream::SubscriptionStatus::kError;
      answer.message = "not allowed";
    }
    stream.push(answer);
    std::lock_guard<std::mutex> lock(m_);
    streams_.push_back(stream);
    opened.push(request.group);
  }
  tetra_upstream::stub::SubscribeStream stream(std::size_t i) {
    std::lock_guard<std::mutex> lock(m_);
    return streams_.at(i);
  }
  Inbox<std::string> opened;

 private:
  std::mutex m_;
  std::vector<tetra_upstream::stub::SubscribeStream> streams_;
};

// What one subscription saw: its items' kinds, then how it ended.
struct Seen {
  Inbox<std::string> items;
  Inbox<std::string> ends;

  wirekit::StreamHandle subscribe(tetra_upstream::stub::Client& client, const std::string& group) {
    tetra_upstream::Subscribe sub;
    sub.group = group;
    return client.subscribe(
        sub,
        [this](const tetra_upstream::stub::SubscribeItem& item) {
          items.push(std::visit([](const auto& m) { return std::string(m.kName); }, item));
        },
        [this](const tetra_upstream::stub::SubscribeEnd& end) {
          const auto* response = end.get<tetra_upstream::SubscriptionResponse>();
          std::string what = end.failed() ? "failed" : end.ended() ? "ended" : "session";
          if (response)
            what += " " + std::string(tetra_upstream::to_string(response->status)) + " " +
                    response->group + " " + response->message.value_or("-");
          ends.push(what);
        });
  }
};

}  // namespace

TEST_CASE("tetra upstream stubs: a refused subscribe fails its stream, typed",
          "[stubs][tetra][streams]") {
  Gatekeeper gate;
  tetra_upstream::stub::Server<> server(gate);
  server.start();
  Seen locked, open;                  // outlive the client, whose handlers write here
  Inbox<std::string> created_pushes;  // outlives the client, whose handlers write here
  tetra_upstream::stub::Client client;
  client.on_component_created(
      [&](const tetra_upstream::ComponentCreated& m) { created_pushes.push(m.group); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  locked.subscribe(client, "locked");
  open.subscribe(client, "open");
  CHECK(locked.ends.wait_for(1) == std::vector<std::string>{"failed error locked not allowed"});
  CHECK(open.items.wait_for(1) == std::vector<std::string>{"SubscriptionResponse"});
  REQUIRE(gate.opened.wait_for(2).size() == 2);
  // The server's side ended when it pushed the refusal.
  CHECK_FALSE(gate.stream(0).is_open());
  CHECK(gate.stream(1).is_open());
  // A later push for the refused group is no longer swallowed by its stream.
  tetra_upstream::ComponentCreated created;
  created.group = "locked";
  created.component_id = "c1";
  created.data = wirekit::Json("{}");
  CHECK(server.send(server.connections().at(0), created));
  CHECK(created_pushes.wait_for(1) == std::vector<std::string>{"locked"});
  CHECK(locked.items.size() == 0);
}

TEST_CASE("tetra upstream stubs: status unsubscribed ends the stream normally",
          "[stubs][tetra][streams]") {
  Gatekeeper gate;
  tetra_upstream::stub::Server<> server(gate);
  server.start();
  Seen seen;  // outlives the client, whose handlers write here
  tetra_upstream::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  seen.subscribe(client, "g");
  REQUIRE(gate.opened.wait_for(1).size() == 1);
  tetra_upstream::SubscriptionResponse done;
  done.group = "g";
  done.status = tetra_upstream::SubscriptionStatus::kUnsubscribed;
  CHECK(gate.stream(0).push(done));
  CHECK(seen.ends.wait_for(1) == std::vector<std::string>{"ended unsubscribed g -"});
  CHECK(seen.items.wait_for(1) == std::vector<std::string>{"SubscriptionResponse"});
  CHECK_FALSE(gate.stream(0).is_open());
}

TEST_CASE("tetra stubs: a server with no subscribe handler refuses with status error",
          "[stubs][tetra][streams]") {
  tetra::stub::Handlers<> nobody;
  tetra::stub::Server<> server(nobody);
  server.start();
  Inbox<std::string> ends;  // outlives the client, whose handlers write here
  tetra::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  tetra::Subscribe sub;
  sub.group = "g";
  client.subscribe(
      sub, [](const tetra::stub::SubscribeItem&) {},
      [&](const tetra::stub::SubscribeEnd& end) {
        const auto* response = end.get<tetra::SubscriptionResponse>();
        ends.push(std::string(end.failed() ? "failed " : "other ") +
                  std::string(response ? tetra::to_string(response->status) : "-"));
      });
  CHECK(ends.wait_for(1) == std::vector<std::string>{"failed error"});
}
