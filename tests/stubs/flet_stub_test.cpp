// The generated Flet stubs over loopback: echo correlation filled in by the stubs (the user
// never writes `id`), replies that share the tag "" decoded as the type their request expects,
// even interleaved, one-way messages, and pushes to typed handlers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "flet/flet_client.hpp"
#include "flet/flet_server.hpp"
#include "stub_support.hpp"

using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;

namespace {

class Host : public flet::stub::Handlers<> {
 public:
  void on_register_host_client(Session& session, const flet::RegisterHostClient& request,
                               flet::stub::RegisterHostClientReply reply) override {
    ids.push(request.id);
    flet::RegisterHostClientResponse response;
    response.session_id = "s1";
    response.page_name = request.page_name;
    response.host_client_id = "h-" + request.page_name;
    reply(response);
    flet::SessionCreated created;
    created.page_name = request.page_name;
    created.session_id = "s1";
    server().send(session.id(), created);
  }

  void on_page_command_from_host(Session&, const flet::PageCommandFromHost& request,
                                 flet::stub::PageCommandFromHostReply reply) override {
    ids.push(request.id);
    flet::PageCommandResponse response;
    response.result = request.command.name + ":" +
                      std::to_string(request.command.values ? request.command.values->size() : 0);
    reply(response);
  }

  void on_page_commands_batch_from_host(Session&, const flet::PageCommandsBatchFromHost& request,
                                        flet::stub::PageCommandsBatchFromHostReply reply) override {
    flet::PageCommandsBatchResponse response;
    response.results = std::vector<std::string>{};
    for (const auto& c : request.commands) response.results->push_back(c.name);
    reply(response);
  }

  void on_inactive_app_from_host(Session&, const flet::InactiveAppFromHost& m) override {
    inactive.push(m.page_name);
  }

  Inbox<std::string> ids;
  Inbox<std::string> inactive;
};

flet::Command command(const std::string& name, std::vector<std::string> values = {}) {
  flet::Command c;
  c.name = name;
  c.values = std::move(values);
  return c;
}

}  // namespace

TEST_CASE("flet stubs: typed replies correlated by id the stub fills in", "[stubs][flet]") {
  Host host;
  flet::stub::Server<> server(host);
  server.start();
  Inbox<std::string> sessions;  // outlives the client, whose handlers write here
  flet::stub::Client client;
  client.on_session_created(
      [&](const flet::SessionCreated& m) { sessions.push(m.page_name + "/" + m.session_id); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  flet::RegisterHostClient reg;
  reg.page_name = "counter";
  auto registered = get(client.register_host_client(reg));
  REQUIRE(registered.ok());
  CHECK(registered.reply()->host_client_id == "h-counter");
  CHECK(registered.reply()->session_id == "s1");
  CHECK_FALSE(registered.reply()->id.empty());
  CHECK(sessions.wait_for(1) == std::vector<std::string>{"counter/s1"});
  // The request carried the id the reply echoes.
  CHECK(host.ids.wait_for(1).front() == registered.reply()->id);
}

TEST_CASE("flet stubs: replies sharing the tag \"\" decode as their request expects",
          "[stubs][flet]") {
  Host host;
  flet::stub::Server<> server(host);
  server.start();
  flet::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  // Interleaved: both reply types are tagged "" on the wire.
  std::vector<std::future<flet::stub::PageCommandFromHostOutcome>> singles;
  std::vector<std::future<flet::stub::PageCommandsBatchFromHostOutcome>> batches;
  for (int i = 0; i < 10; ++i) {
    flet::PageCommandFromHost one;
    one.page_name = "p";
    one.session_id = "s1";
    one.command = command("add", std::vector<std::string>(static_cast<std::size_t>(i), "x"));
    singles.push_back(client.page_command_from_host(one));
    flet::PageCommandsBatchFromHost batch;
    batch.page_name = "p";
    batch.session_id = "s1";
    batch.commands = {command("get"), command("set" + std::to_string(i))};
    batches.push_back(client.page_commands_batch_from_host(batch));
  }
  for (int i = 0; i < 10; ++i) {
    auto one = get(std::move(singles[static_cast<std::size_t>(i)]));
    REQUIRE(one.ok());
    CHECK(one.reply()->result == "add:" + std::to_string(i));
    auto batch = get(std::move(batches[static_cast<std::size_t>(i)]));
    REQUIRE(batch.ok());
    REQUIRE(batch.reply()->results.has_value());
    CHECK(*batch.reply()->results == std::vector<std::string>{"get", "set" + std::to_string(i)});
  }
  // Every request got a distinct id.
  auto ids = host.ids.wait_for(10);
  std::sort(ids.begin(), ids.end());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

TEST_CASE("flet stubs: one-way messages return once queued and reach their handler",
          "[stubs][flet]") {
  Host host;
  flet::stub::Server<> server(host);
  server.start();
  flet::stub::Client client;
  CHECK_FALSE(client.inactive_app_from_host(flet::InactiveAppFromHost{}));  // not connected
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  flet::InactiveAppFromHost inactive;
  inactive.page_name = "counter";
  CHECK(client.inactive_app_from_host(inactive));
  CHECK(host.inactive.wait_for(1) == std::vector<std::string>{"counter"});
}

TEST_CASE("flet stubs: server pushes reach the typed handler of their message", "[stubs][flet]") {
  Host host;
  flet::stub::Server<> server(host);
  server.start();
  Inbox<std::string> events;  // outlives the client, whose handlers write here
  flet::stub::Client client;
  client.on_page_event_to_host([&](const flet::PageEventToHost& e) {
    events.push(e.event_target + ":" + e.event_name + ":" + e.event_data);
  });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  std::vector<wirekit::ConnectionId> ids;
  for (int i = 0; i < 100 && ids.empty(); ++i) {
    ids = server.connections();
    if (ids.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(ids.size() == 1);
  flet::PageEventToHost e;
  e.page_name = "p";
  e.session_id = "s1";
  e.event_target = "_3";
  e.event_name = "click";
  e.event_data = "x";
  CHECK(server.send(ids[0], e));
  CHECK(events.wait_for(1) == std::vector<std::string>{"_3:click:x"});
}
