// Echo correlation (Flet): ids made by the runtime, replies out of order, timeouts,
// cancellation, the peer vanishing mid-request, the future API, unmatched messages.
#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <wirekit/client.hpp>
#include <wirekit/run_until_ready.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

std::string register_request(std::string_view id, const std::string& page) {
  return R"({"id":")" + std::string(id) +
         R"(","action":"registerHostClient","payload":{"pageName":")" + page + "\"}}";
}

// Runs on the server's loop thread: no Catch2 assertions here (they are not thread-safe).
std::string reply_to(std::string_view request_text, const std::string& body) {
  return R"({"id":")" + json_member(request_text, "id") + R"(","action":"","payload":)" + body +
         "}";
}

/// A Flet-like server that holds requests until told to answer them.
struct HoldingServer {
  Inbox<std::pair<ConnectionId, std::string>> requests;
  Server server{echo_spec()};
  HoldingServer() {
    server.on_message([this](ConnectionId id, const Incoming& m) {
      requests.push({id, std::string(m.text)});
    });
    server.start();
  }
};

}  // namespace

TEST_CASE("echo: a request completes with the reply carrying its id", "[runtime][correlation]") {
  Inbox<Reply> replies;
  Inbox<std::string> ids;
  Server server(echo_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    server.send(id, reply_to(m.text, R"({"sessionID":"0"})"));
  });
  server.start();
  Client client(echo_spec());
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  client.request(
      [&](std::string_view id) {
        ids.push(std::string(id));
        return register_request(id, "p");
      },
      [&](Reply r) { replies.push(std::move(r)); });
  REQUIRE(replies.wait_for(1));
  const Reply r = replies.at(0);
  REQUIRE(r.ok());
  CHECK(r.text == R"({"id":")" + ids.at(0) + R"(","action":"","payload":{"sessionID":"0"}})");
  CHECK(client.pending_requests() == 0);
}

TEST_CASE("echo: replies out of order complete the right requests", "[runtime][correlation]") {
  Inbox<int> done;
  HoldingServer hs;
  Client client(echo_spec());
  REQUIRE(client.connect("127.0.0.1", hs.server.port()).ok());

  std::mutex m;
  std::map<std::string, std::string> answers;  // page -> reply payload
  for (const std::string page : {"a", "b", "c"})
    client.request([page](std::string_view id) { return register_request(id, page); },
                   [&, page](Reply r) {
                     std::lock_guard<std::mutex> lock(m);
                     answers[page] = r.ok() ? r.text : "error";
                     done.push(1);
                   });
  REQUIRE(hs.requests.wait_for(3));
  CHECK(client.pending_requests() == 3);
  // Answer c, a, b, each with its own page name.
  for (int i : {2, 0, 1}) {
    auto [conn, text] = hs.requests.at(static_cast<std::size_t>(i));
    const std::string page = std::string(1, static_cast<char>('a' + i));
    hs.server.send(conn, reply_to(text, R"({"pageName":")" + page + "\"}"));
  }
  REQUIRE(done.wait_for(3));
  std::lock_guard<std::mutex> lock(m);
  for (const std::string page : {"a", "b", "c"})
    CHECK_THAT(answers[page], Catch::Contains(R"("pageName":")" + page + "\""));
}

TEST_CASE("echo: pushes go to on_message, a reply no request waits for to on_undecodable",
          "[runtime][correlation]") {
  Inbox<std::string> unmatched;
  Inbox<std::string> orphans;
  Server server(echo_spec());
  server.on_open([&](ConnectionId id) {
    server.send(id, R"({"id":"","action":"sessionCreated","payload":{"sessionID":"7"}})");
    server.send(id, R"({"id":"999","action":"","payload":{}})");
  });
  server.start();
  Client client(echo_spec());
  client.on_message(
      [&](const Incoming& m) { unmatched.push(std::string(m.tag) + "|" + std::string(m.text)); });
  // Replies share the action "": without the request it answers, its type is unknown.
  client.on_undecodable([&](const DecodeError& e, std::string_view text) {
    orphans.push(std::string(to_string(e.kind)) + "|" + std::string(text));
  });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  REQUIRE(unmatched.wait_for(1));
  CHECK(unmatched.at(0) ==
        R"(sessionCreated|{"id":"","action":"sessionCreated","payload":{"sessionID":"7"}})");
  REQUIRE(orphans.wait_for(1));
  CHECK(orphans.at(0) == R"(ambiguous_tag|{"id":"999","action":"","payload":{}})");
  CHECK(client.is_open());
}

TEST_CASE("echo: a request with no reply times out with its own timeout",
          "[runtime][correlation]") {
  HoldingServer hs;
  Client client(echo_spec());
  REQUIRE(client.connect("127.0.0.1", hs.server.port()).ok());
  RequestOptions fast;
  fast.timeout_ms = 50;
  const auto t0 = std::chrono::steady_clock::now();
  auto future =
      client.request_future([](std::string_view id) { return register_request(id, "t"); }, fast);
  REQUIRE(future.wait_for(2s) == std::future_status::ready);
  const Reply r = future.get();
  CHECK(r.error == SessionErrc::timeout);
  CHECK_THAT(r.message, Catch::Contains("50 ms"));
  CHECK(std::chrono::steady_clock::now() - t0 >= 50ms);
  CHECK(client.pending_requests() == 0);
  CHECK(client.is_open());
}

TEST_CASE("echo: the client option sets the default timeout", "[runtime][correlation]") {
  HoldingServer hs;
  ClientOptions options;
  options.request_timeout_ms = 30;
  Client client(echo_spec(), options);
  REQUIRE(client.connect("127.0.0.1", hs.server.port()).ok());
  auto future =
      client.request_future([](std::string_view id) { return register_request(id, "t"); });
  REQUIRE(future.wait_for(2s) == std::future_status::ready);
  CHECK(future.get().error == SessionErrc::timeout);
}

TEST_CASE("echo: a cancelled request fails with cancelled and ignores a late reply",
          "[runtime][correlation]") {
  Inbox<std::string> unmatched;
  Inbox<Reply> replies;
  HoldingServer hs;
  Client client(echo_spec());
  client.on_undecodable(
      [&](const DecodeError&, std::string_view text) { unmatched.push(std::string(text)); });
  REQUIRE(client.connect("127.0.0.1", hs.server.port()).ok());
  const RequestId id = client.request([](std::string_view i) { return register_request(i, "x"); },
                                      [&](Reply r) { replies.push(std::move(r)); });
  REQUIRE(hs.requests.wait_for(1));
  client.cancel(id);
  REQUIRE(replies.wait_for(1));
  CHECK(replies.at(0).error == SessionErrc::cancelled);
  auto [conn, text] = hs.requests.at(0);
  hs.server.send(conn, reply_to(text, "{}"));
  REQUIRE(unmatched.wait_for(1));  // the late reply is an orphan
  CHECK(replies.size() == 1);
}

TEST_CASE("echo: every pending request fails at once when the peer vanishes",
          "[runtime][correlation]") {
  HoldingServer hs;
  Client client(echo_spec());
  REQUIRE(client.connect("127.0.0.1", hs.server.port()).ok());
  std::vector<std::future<Reply>> futures;
  for (int i = 0; i < 5; ++i)
    futures.push_back(
        client.request_future([](std::string_view id) { return register_request(id, "v"); }));
  REQUIRE(hs.requests.wait_for(5));
  const auto t0 = std::chrono::steady_clock::now();
  hs.server.stop();
  for (auto& f : futures) {
    REQUIRE(f.wait_for(2s) == std::future_status::ready);
    const Reply r = f.get();
    CHECK(r.error == SessionErrc::disconnected);
    CHECK_THAT(r.message, Catch::Contains("1001"));
  }
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  CHECK(client.pending_requests() == 0);
}

TEST_CASE("echo: a request without a connection fails with not_connected",
          "[runtime][correlation]") {
  Client client(echo_spec());
  auto future =
      client.request_future([](std::string_view id) { return register_request(id, "n"); });
  REQUIRE(future.wait_for(1s) == std::future_status::ready);
  CHECK(future.get().error == SessionErrc::not_connected);
}

TEST_CASE("echo: a request on a stopped client fails with stopped", "[runtime][correlation]") {
  Client client(echo_spec());
  client.stop();
  auto future =
      client.request_future([](std::string_view id) { return register_request(id, "s"); });
  REQUIRE(future.wait_for(1s) == std::future_status::ready);
  CHECK(future.get().error == SessionErrc::stopped);
}

TEST_CASE("echo: ids are unique per connection", "[runtime][correlation]") {
  HoldingServer hs;
  Client client(echo_spec());
  REQUIRE(client.connect("127.0.0.1", hs.server.port()).ok());
  for (int i = 0; i < 50; ++i)
    client.request([](std::string_view id) { return register_request(id, "u"); }, [](Reply) {});
  REQUIRE(hs.requests.wait_for(50));
  std::set<std::string> ids;
  for (const auto& [conn, text] : hs.requests.items()) ids.insert(json_member(text, "id"));
  CHECK(ids.size() == 50);
  CHECK(ids.count("") == 0);
}

TEST_CASE(
    "echo: on a loop the caller runs, run_until_ready completes connect and requests on "
    "the caller's thread",
    "[runtime][correlation][user_loop]") {
  Server server(echo_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    server.send(id, reply_to(m.text, R"({"sessionID":")" + json_member(m.text, "id") + "\"}"));
  });
  server.start();
  asio::io_context io;  // run by nobody but this thread, inside run_until_ready
  ClientOptions co;
  co.io_context = &io;
  Client client(echo_spec(), co);
  const auto here = std::this_thread::get_id();

  const ConnectResult connected =
      run_until_ready(io, client.connect_future("127.0.0.1", server.port()));
  INFO(connected.message);
  REQUIRE(connected.ok());
  CHECK(client.is_open());

  for (const std::string page : {"a", "b", "c"}) {
    std::string sent_id;
    auto reply = client.request_future([&](std::string_view id) {
      sent_id = std::string(id);
      return register_request(id, page);
    });
    const Reply r = run_until_ready(io, reply);
    REQUIRE(r.ok());
    CHECK(r.text ==
          R"({"id":")" + sent_id + R"(","action":"","payload":{"sessionID":")" + sent_id + "\"}}");
  }
  // The reply is read and handled on this thread: nothing passes between threads.
  std::promise<std::thread::id> done_on;
  auto done = done_on.get_future();
  client.request([](std::string_view id) { return register_request(id, "d"); },
                 [&](Reply r) { done_on.set_value(r.ok() ? std::this_thread::get_id() : here); });
  CHECK(run_until_ready(io, done) == here);

  // From a handler of the loop it would wait for itself: refused.
  std::string refused;
  asio::post(io, [&] {
    std::promise<int> never;
    auto f = never.get_future();
    try {
      run_until_ready(io, f);
    } catch (const std::logic_error& e) {
      refused = e.what();
    }
  });
  REQUIRE(wait_until([&] {
    io.poll();
    return !refused.empty();
  }));
  CHECK(refused == "wirekit::run_until_ready called from a handler of its own loop");

  std::thread runner([&io] { io.run(); });  // the client's shutdown runs on its loop
  client.stop();
  CHECK_FALSE(client.is_open());
  io.stop();
  runner.join();

  // A stopped loop runs nothing: the wait is future.get()'s, here ended by another thread.
  std::promise<int> later;
  auto value = later.get_future();
  std::thread setter([&later] {
    std::this_thread::sleep_for(20ms);
    later.set_value(7);
  });
  CHECK(run_until_ready(io, value) == 7);
  setter.join();
}
