// The example servers as their users run them: a process with --host/--port, one "listening
// on" line on stdout, one stderr line per connection, --help, and exit status 0 on SIGTERM.
#include <catch2/catch.hpp>

#include <string>
#include <type_traits>
#include <vector>

#include "child_process.hpp"
#include "concierge/concierge_client.hpp"
#include "example_programs.hpp"
#include "flet/flet_client.hpp"
#include "rise/rise_client.hpp"
#include "rise_0_14/rise_0_14_client.hpp"
#include "stub_support.hpp"
#include "sync/sync_client.hpp"
#include "tetra/tetra_client.hpp"
#include "tetra_upstream/tetra_upstream_client.hpp"

namespace {

using wirekit::test::binary;
using wirekit::test::port_of;

concierge::Identify identify(const std::string& name, std::optional<std::string> secret = {}) {
  concierge::Identify id;
  id.name = name;
  id.version = "0.2.0";
  id.secret = std::move(secret);
  return id;
}

}  // namespace

TEST_CASE("concierge-server: --help names its options and exits 0", "[examples]") {
  wirekit::test::ChildProcess p({binary("concierge-server"), "--help"});
  const std::string help = p.rest_of_out();
  CHECK(p.wait() == 0);
  CHECK_THAT(help, Catch::Contains("--host") && Catch::Contains("--port") &&
                       Catch::Contains("--secret") && Catch::Contains("default 64209"));
}

TEST_CASE("concierge-server: a bad option is a usage error", "[examples]") {
  wirekit::test::ChildProcess p({binary("concierge-server"), "--port", "lots"});
  CHECK(p.wait() == 2);
}

TEST_CASE("concierge-server: listens, logs connections, serves, stops on SIGTERM", "[examples]") {
  wirekit::test::ChildProcess p({binary("concierge-server"), "--port", "0"});
  const std::uint16_t port = port_of(p.out_line(), "/ws");
  {
    concierge::stub::Client client;
    auto hello = client.connect("127.0.0.1", port, identify("alice"));
    REQUIRE(hello.ok());
    CHECK(hello->version == "0.2.0");
    CHECK_THAT(p.err_line(), Catch::Matches("connection [0-9]+ opened"));
    client.close(1000, "bye");
    CHECK_THAT(p.err_line(), Catch::Matches("connection [0-9]+ closed: 1000 bye"));
  }
  {
    // Started without --secret: an IDENTIFY carrying one is refused, as upstream does.
    concierge::stub::Client client;
    auto refused = client.connect("127.0.0.1", port, identify("bob", "x"));
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.result.close.has_value());
    CHECK(refused.result.close->code == 4006);
  }
  CHECK(p.terminate() == 0);
}

TEST_CASE("concierge-server: --secret is required of IDENTIFY; SIGINT stops it", "[examples]") {
  wirekit::test::ChildProcess p({binary("concierge-server"), "--port", "0", "--secret", "s3"});
  const std::uint16_t port = port_of(p.out_line(), "/ws");
  concierge::stub::Client wrong;
  auto refused = wrong.connect("127.0.0.1", port, identify("bob", "nope"));
  REQUIRE(refused.result.close.has_value());
  CHECK(refused.result.close->code == 4006);
  concierge::stub::Client right;
  CHECK(right.connect("127.0.0.1", port, identify("carol", "s3")).ok());
  right.stop();
  CHECK(p.interrupt() == 0);
}

TEST_CASE("rise-server: 0.14 form by default: sub, up on change, evt with and without error",
          "[examples]") {
  using wirekit::stub_test::get;
  wirekit::test::ChildProcess p({binary("rise-server"), "--port", "0"});
  const std::uint16_t port = port_of(p.out_line(), "/");
  rise_0_14::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", port).ok());
  wirekit::stub_test::Inbox<std::string> ups;
  rise_0_14::Sub sub;
  sub.keys = {"counter", "list"};
  auto handle = client.sub(sub, [&](const rise_0_14::Up& up) {
    ups.push(up.key + "=" + up.val.value_or(wirekit::Json("undefined")).text);
  });
  CHECK(ups.wait_for(2) == std::vector<std::string>{"counter=0", "list=[]"});

  rise_0_14::Evt evt;
  evt.target.path = {wirekit::Json("\"events\""), wirekit::Json("\"increment\"")};
  auto res = get(client.evt(evt));
  REQUIRE(res.ok());
  CHECK_FALSE(res.reply()->error.has_value());
  CHECK(res.reply()->payload->text == "1");
  CHECK(ups.wait_for(3).back() == "counter=1");

  evt.target.path[1] = wirekit::Json("\"append\"");
  evt.payload = {wirekit::Json("\"milk\"")};
  res = get(client.evt(evt));
  CHECK(res.reply()->payload->text == "[\"milk\"]");
  CHECK(ups.wait_for(4).back() == "list=[\"milk\"]");

  evt.target.path[1] = wirekit::Json("\"fail\"");
  res = get(client.evt(evt));
  REQUIRE(res.ok());
  CHECK(res.reply()->error == true);
  CHECK(res.reply()->payload->text == "{}");
  handle.cancel();
  client.stop();
  CHECK(p.terminate() == 0);
}

TEST_CASE("rise-server --wire document speaks the document's form", "[examples]") {
  using wirekit::stub_test::get;
  wirekit::test::ChildProcess p({binary("rise-server"), "--port", "0", "--wire", "document"});
  const std::uint16_t port = port_of(p.out_line(), "/");
  rise::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", port).ok());
  rise::Evt evt;
  evt.event.target.path = {wirekit::Json("\"events\""), wirekit::Json("\"increment\"")};
  auto res = get(client.evt(evt));
  REQUIRE(res.ok());
  CHECK(res.reply()->res.payload->text == "1");
  evt.event.target.path[1] = wirekit::Json("\"fail\"");
  res = get(client.evt(evt));
  CHECK(res.reply()->res.error == true);
  client.stop();
  CHECK(p.interrupt() == 0);
}

TEST_CASE("sync-server: bearer token, handshake deadline, stored States sent back on recovery",
          "[examples]") {
  wirekit::test::ChildProcess p(
      {binary("sync-server"), "--port", "0", "--token", "t0k", "--ack-ms", "3000"});
  const std::uint16_t port = port_of(p.out_line(), "/ws/user");
  {
    event_sync::stub::Client anonymous;
    auto refused = anonymous.connect("127.0.0.1", port);
    CHECK(refused.result.http_status == 401);
  }
  wirekit::ClientOptions options;
  options.headers = {{"Authorization", "Bearer t0k"}};
  auto event = [](std::string payload) {
    event_sync::Event e;
    e.status = event_sync::Status::kOk;
    e.payload = wirekit::JsonObject(std::move(payload));
    return e;
  };
  {
    event_sync::stub::Client writer(options);
    auto first = writer.connect("127.0.0.1", port);
    REQUIRE(first.ok());
    CHECK(first->payload.text == R"({"ack_timeout_ms":3000})");
    wirekit::stub_test::Inbox<int> acked;
    for (const char* state : {R"({"door":"open"})", R"({"door":"closed"})"})
      writer.event(event(state),
                   [&](const wirekit::SessionError& e) { acked.push(static_cast<int>(e.code)); });
    CHECK(acked.wait_for(2) == std::vector<int>{0, 0});
  }
  event_sync::stub::Client reader(options);
  wirekit::stub_test::Inbox<std::string> states;
  reader.on_event([&](const event_sync::Event& e) { states.push(e.payload.text); });
  REQUIRE(reader.connect("127.0.0.1", port).ok());
  reader.event(event(R"({"recover":1})"));
  // The handshake's Event first (the handler sees every Event), then the stored States.
  CHECK(states.wait_for(3) == std::vector<std::string>{R"({"ack_timeout_ms":3000})",
                                                       R"({"door":"open"})",
                                                       R"({"door":"closed"})"});

  // A fatal status is a violation the server closes with 4005.
  wirekit::stub_test::Inbox<std::uint16_t> closes;
  reader.on_close([&](const wirekit::CloseInfo& c) { closes.push(c.code); });
  event_sync::Event fatal = event("{}");
  fatal.status = event_sync::Status::kFatal;
  reader.event(fatal);
  CHECK(closes.wait_for(1) == std::vector<std::uint16_t>{4005});
  reader.stop();
  CHECK(p.terminate() == 0);
}

TEST_CASE("tetra-server: group members get update_data and notify; call answered or refused",
          "[examples]") {
  using wirekit::stub_test::get;
  wirekit::test::ChildProcess p({binary("tetra-server"), "--port", "0"});
  const std::uint16_t port = port_of(p.out_line(), "/ws/tetra/");
  tetra::stub::Client member, caller;
  REQUIRE(member.connect("127.0.0.1", port).ok());
  REQUIRE(caller.connect("127.0.0.1", port).ok());
  wirekit::stub_test::Inbox<std::string> items;
  tetra::Subscribe sub;
  sub.group = "counter";
  member.subscribe(sub, [&](const tetra::stub::SubscribeItem& item) {
    items.push(std::visit([](const auto& m) { return std::string(m.kName); }, item));
  });
  CHECK(items.wait_for(1) == std::vector<std::string>{"SubscriptionResponse"});
  tetra::Call call;
  call.component_id = "counter";
  call.method = "update";
  call.args = {wirekit::Json("41")};
  auto ok = get(caller.call(call));
  REQUIRE(ok.ok());
  CHECK(ok.reply()->result.text == "41");
  CHECK(items.wait_for(3) ==
        std::vector<std::string>{"SubscriptionResponse", "ComponentUpdateData", "Notify"});
  call.method = "explode";
  auto refused = get(caller.call(call));
  REQUIRE(refused.error<tetra::CallError>() != nullptr);
  CHECK(refused.error<tetra::CallError>()->error.code == "unknown_method");
  member.stop();
  caller.stop();
  CHECK(p.terminate() == 0);
}

TEST_CASE("tetra-server refuses a private group: the stream fails with its typed response",
          "[examples]") {
  wirekit::test::ChildProcess p({binary("tetra-server"), "--port", "0"});
  const std::uint16_t port = port_of(p.out_line(), "/ws/tetra/");
  tetra::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", port).ok());
  wirekit::stub_test::Inbox<std::string> ends;
  tetra::Subscribe sub;
  sub.group = "private:admin";
  client.subscribe(
      sub, [](const tetra::stub::SubscribeItem&) {},
      [&](const tetra::stub::SubscribeEnd& end) {
        const auto* refusal = end.get<tetra::SubscriptionResponse>();
        ends.push(std::string(end.failed() ? "failed: " : "other: ") +
                  (refusal ? refusal->message.value_or("-") : "no message"));
      });
  CHECK(ends.wait_for(1) == std::vector<std::string>{"failed: private group"});
  client.stop();
  CHECK(p.terminate() == 0);
}

TEST_CASE("tetra-server --wire upstream: ping and pong, subscriptions, refusals, pushes",
          "[examples]") {
  wirekit::test::ChildProcess p(
      {binary("tetra-server"), "--port", "0", "--wire", "upstream", "--tick", "50"});
  const std::uint16_t port = port_of(p.out_line(), "/ws/tetra/");
  tetra_upstream::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", port).ok());
  CHECK(client.ping(tetra_upstream::Ping{}).get().reply());
  wirekit::stub_test::Inbox<std::string> items;
  tetra_upstream::Subscribe sub;
  sub.group = "room";
  auto room = client.subscribe(sub, [&](const tetra_upstream::stub::SubscribeItem& item) {
    items.push(std::visit(
        [](const auto& m) {
          using M = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<M, tetra_upstream::SubscriptionResponse>)
            return "status " + std::to_string(static_cast<int>(m.status));
          else
            return std::string(m.kName);
        },
        item));
  });
  // Subscribed, then the ticks' component.data_changed pushes; no component.created.
  const auto got = items.wait_for(3);
  CHECK(got ==
        std::vector<std::string>{"status " + std::to_string(static_cast<int>(
                                                 tetra_upstream::SubscriptionStatus::kSubscribed)),
                                 "ComponentDataChanged", "ComponentDataChanged"});
  client.stop();
  CHECK(p.interrupt() == 0);
}

TEST_CASE("flet-server: sessions, page commands and batches on an in-memory page", "[examples]") {
  using wirekit::stub_test::get;
  wirekit::test::ChildProcess p({binary("flet-server"), "--port", "0"});
  const std::uint16_t port = port_of(p.out_line(), "/ws");
  flet::stub::Client host, web;
  wirekit::stub_test::Inbox<std::string> host_saw;
  host.on_session_created(
      [&](const flet::SessionCreated& m) { host_saw.push("created " + m.session_id); });
  host.on_page_event_to_host(
      [&](const flet::PageEventToHost& m) { host_saw.push(m.event_target + " " + m.event_name); });
  REQUIRE(host.connect("127.0.0.1", port).ok());
  REQUIRE(web.connect("127.0.0.1", port).ok());
  flet::RegisterHostClient reg;
  reg.page_name = "counter";
  REQUIRE(get(host.register_host_client(reg)).ok());
  flet::RegisterWebClient browser;
  browser.page_name = "counter";
  auto joined = get(web.register_web_client(browser));
  REQUIRE(joined.ok());
  REQUIRE(joined.reply()->session.has_value());
  const std::string session = joined.reply()->session->id;
  CHECK(host_saw.wait_for(2) == std::vector<std::string>{"created " + session, "page connect"});

  auto command = [&](std::string name, std::vector<std::string> values) {
    flet::PageCommandFromHost c;
    c.page_name = "counter";
    c.session_id = session;
    c.command.name = std::move(name);
    c.command.values = std::move(values);
    return c;
  };
  auto added = get(host.page_command_from_host(command("add", {"a", "b"})));
  REQUIRE(added.ok());
  CHECK(added.reply()->result == "_1 _2");
  auto set = command("set", {"_1"});
  set.command.attrs = std::map<std::string, std::string>{{"value", "42"}};
  CHECK(get(host.page_command_from_host(set)).reply()->error.empty());
  CHECK(get(host.page_command_from_host(command("get", {"_1", "value"}))).reply()->result == "42");

  // A command the protocol never answers times out on the caller's side.
  wirekit::RequestOptions quick;
  quick.timeout_ms = 200;
  auto silent = get(host.page_command_from_host(command("setf", {"_1"}), quick));
  REQUIRE(silent.session_error() != nullptr);
  CHECK(silent.session_error()->code == wirekit::SessionErrc::timeout);

  flet::PageCommandsBatchFromHost batch;
  batch.page_name = "counter";
  batch.session_id = session;
  batch.commands = {command("add", {"c"}).command, command("get", {"_1", "value"}).command};
  auto results = get(host.page_commands_batch_from_host(batch));
  REQUIRE(results.ok());
  CHECK(*results.reply()->results == std::vector<std::string>{"_3", "42"});
  host.stop();
  web.stop();
  CHECK(p.terminate() == 0);
}
