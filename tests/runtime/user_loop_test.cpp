// Server and Client on an asio::io_context the user owns (EndpointOptions::io_context): one
// loop thread hosting a Server and two Clients, a Server on a two-thread pool, and what
// connect() does when called on the loop thread (it would wait for itself: it fails at once).
#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <map>
#include <set>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

/// An io_context run by `threads` threads of the test until the loop runs out of work.
class UserLoop {
 public:
  explicit UserLoop(int threads) : io(threads), work_(asio::make_work_guard(io)) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io.run(); });
  }
  ~UserLoop() {
    io.stop();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  bool runs_here() const {
    for (const auto& t : threads_)
      if (t.get_id() == std::this_thread::get_id()) return true;
    return false;
  }
  /// Drops the work guard and waits for io.run() to return in every thread: true when the
  /// loop ran out of work (nothing of a stopped Server or Client kept it alive).
  bool finishes(std::chrono::milliseconds timeout = 3000ms) {
    work_.reset();
    const bool done = wait_until([this] { return io.stopped(); }, timeout);
    io.stop();
    for (auto& t : threads_) t.join();
    return done;
  }

  asio::io_context io;

 private:
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

/// Records whether every call happened on the loop's threads.
struct ThreadCheck {
  std::atomic<int> calls{0};
  std::atomic<int> elsewhere{0};
  void note(const UserLoop& loop) {
    ++calls;
    if (!loop.runs_here()) ++elsewhere;
  }
};

}  // namespace

TEST_CASE("user loop: one thread runs a Server and two Clients", "[runtime][user_loop]") {
  UserLoop loop(1);
  ThreadCheck handlers;
  Inbox<std::pair<ConnectionId, CloseInfo>> server_closes;

  ServerOptions so;
  so.io_context = &loop.io;
  Server server(plain_spec(), so);
  server.on_open([&](ConnectionId) { handlers.note(loop); });
  server.on_message([&](ConnectionId id, const Incoming& in) {
    handlers.note(loop);
    server.send(id, R"({"pong":)" + std::string(in.text) + "}");
  });
  server.on_close([&](ConnectionId id, const CloseInfo& info) {
    handlers.note(loop);
    server_closes.push({id, info});
  });
  server.start();

  ClientOptions co;
  co.io_context = &loop.io;
  Client a(plain_spec(), co);
  Client b(plain_spec(), co);
  Inbox<std::string> got_a, got_b;
  a.on_message([&](const Incoming& in) {
    handlers.note(loop);
    got_a.push(std::string(in.text));
  });
  b.on_message([&](const Incoming& in) {
    handlers.note(loop);
    got_b.push(std::string(in.text));
  });

  // connect() from the test's thread waits while the loop thread does the work.
  REQUIRE(a.connect("127.0.0.1", server.port()).ok());
  REQUIRE(b.connect("127.0.0.1", server.port()).ok());
  REQUIRE(wait_until([&] { return server.connection_count() == 2; }));
  for (int i = 0; i < 3; ++i) {
    REQUIRE(a.send(R"({"from":"a","n":)" + std::to_string(i) + "}"));
    REQUIRE(b.send(R"({"from":"b","n":)" + std::to_string(i) + "}"));
  }
  REQUIRE(got_a.wait_for(3));
  REQUIRE(got_b.wait_for(3));
  CHECK(got_a.items() == std::vector<std::string>{R"({"pong":{"from":"a","n":0}})",
                                                  R"({"pong":{"from":"a","n":1}})",
                                                  R"({"pong":{"from":"a","n":2}})"});
  CHECK(got_b.items() == std::vector<std::string>{R"({"pong":{"from":"b","n":0}})",
                                                  R"({"pong":{"from":"b","n":1}})",
                                                  R"({"pong":{"from":"b","n":2}})"});
  // Queries from another thread wait for the loop too.
  CHECK(a.queued_bytes() == 0);
  CHECK(a.pending_requests() == 0);

  const auto t0 = std::chrono::steady_clock::now();
  a.stop();
  REQUIRE(server_closes.wait_for(1));
  CHECK(server_closes.at(0).second.code == 1001);
  CHECK(server_closes.at(0).second.reason == "client stopping");
  CHECK(server_closes.at(0).second.by_peer);
  server.stop();  // closes b with 1001
  b.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
  REQUIRE(server_closes.wait_for(2));
  CHECK(server_closes.at(1).second.code == 1001);
  CHECK(server_closes.at(1).second.reason == "server stopping");
  CHECK_FALSE(server_closes.at(1).second.by_peer);
  CHECK(server.connection_count() == 0);

  CHECK(handlers.calls.load() == 2 + 6 + 6 + 2);  // opens, messages, replies, closes
  CHECK(handlers.elsewhere.load() == 0);
  CHECK(loop.finishes());
}

TEST_CASE("user loop: connect() on the loop thread fails at once instead of waiting for itself",
          "[runtime][user_loop]") {
  UserLoop loop(1);
  ServerOptions so;
  so.io_context = &loop.io;
  Server server(plain_spec(), so);
  server.start();
  ClientOptions co;
  co.io_context = &loop.io;
  Client client(plain_spec(), co);

  std::promise<ConnectResult> on_loop;
  asio::post(loop.io, [&] { on_loop.set_value(client.connect("127.0.0.1", server.port())); });
  auto result = on_loop.get_future();
  REQUIRE(result.wait_for(3s) == std::future_status::ready);
  const ConnectResult r = result.get();
  CHECK(r.error == SessionErrc::connect_failed);
  CHECK(r.message == "connect() called on the client's loop thread, which it would block");
  CHECK_FALSE(client.is_open());

  // From another thread the same client connects.
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  CHECK(client.is_open());
  client.stop();
  server.stop();
  CHECK(loop.finishes());
}

TEST_CASE("own loop: connect() from the client's own handler fails at once",
          "[runtime][user_loop]") {
  Server server(plain_spec());
  server.on_message([&](ConnectionId id, const Incoming&) { server.close(id, 4000, "bye"); });
  server.start();
  Client client(plain_spec());
  Inbox<ConnectResult> reconnects;
  client.on_close(
      [&](const CloseInfo&) { reconnects.push(client.connect("127.0.0.1", server.port())); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  client.send(R"({"close":"me"})");
  REQUIRE(reconnects.wait_for(1));
  CHECK(reconnects.at(0).error == SessionErrc::connect_failed);
  CHECK(reconnects.at(0).message ==
        "connect() called on the client's loop thread, which it would block");
  // Called from the test's thread it works again.
  const ConnectResult again = client.connect("127.0.0.1", server.port());
  INFO(again.message);
  REQUIRE(again.ok());
}

TEST_CASE("user loop: connect() while nobody runs the loop gives up after the connect timeout",
          "[runtime][user_loop]") {
  asio::io_context idle;  // never run
  ClientOptions co;
  co.io_context = &idle;
  co.connect_timeout_ms = 100;
  Client client(plain_spec(), co);
  const auto t0 = std::chrono::steady_clock::now();
  const ConnectResult r = client.connect("127.0.0.1", 1);
  CHECK(r.error == SessionErrc::timeout);
  CHECK(r.message == "not connected within 100 ms (is the client's io_context running?)");
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
}

TEST_CASE("user loop: a Server on a two-thread pool serves four clients", "[runtime][user_loop]") {
  constexpr int kClients = 4;
  constexpr int kMessages = 50;
  UserLoop pool(2);
  ThreadCheck handlers;
  std::mutex m;
  std::map<ConnectionId, std::shared_ptr<std::atomic<int>>> busy;  // handlers running, per id
  std::atomic<int> overlaps{0};

  ServerOptions so;
  so.io_context = &pool.io;
  Server server(plain_spec(), so);
  server.on_open([&](ConnectionId id) {
    handlers.note(pool);
    std::lock_guard<std::mutex> lock(m);
    busy[id] = std::make_shared<std::atomic<int>>(0);
  });
  server.on_message([&](ConnectionId id, const Incoming& in) {
    handlers.note(pool);
    std::shared_ptr<std::atomic<int>> running;
    {
      std::lock_guard<std::mutex> lock(m);
      running = busy.at(id);
    }
    if (++*running != 1) ++overlaps;  // handlers of one connection never overlap
    std::this_thread::sleep_for(std::chrono::microseconds(50));
    server.send(id, R"({"pong":)" + std::string(in.text) + "}");
    --*running;
  });
  server.start();

  std::vector<std::unique_ptr<Client>> clients;
  std::vector<std::unique_ptr<Inbox<std::string>>> got;
  Inbox<CloseInfo> client_closes;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::make_unique<Client>(plain_spec()));  // each on its own thread
    got.push_back(std::make_unique<Inbox<std::string>>());
    auto* inbox = got.back().get();
    clients.back()->on_message([inbox](const Incoming& in) { inbox->push(std::string(in.text)); });
    clients.back()->on_close([&](const CloseInfo& info) { client_closes.push(info); });
    REQUIRE(clients.back()->connect("127.0.0.1", server.port()).ok());
  }
  for (int i = 0; i < kMessages; ++i)
    for (int c = 0; c < kClients; ++c) clients[c]->send(R"({"n":)" + std::to_string(i) + "}");
  for (int c = 0; c < kClients; ++c) {
    REQUIRE(got[c]->wait_for(kMessages));
    const auto items = got[c]->items();
    for (int i = 0; i < kMessages; ++i)
      CHECK(items.at(i) == R"({"pong":{"n":)" + std::to_string(i) + "}}");
  }
  CHECK(overlaps.load() == 0);
  CHECK(server.connection_count() == kClients);

  const auto t0 = std::chrono::steady_clock::now();
  server.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
  REQUIRE(client_closes.wait_for(kClients));
  for (const auto& info : client_closes.items()) {
    CHECK(info.code == 1001);
    CHECK(info.reason == "server stopping");
  }
  CHECK(server.connection_count() == 0);
  CHECK(handlers.calls.load() == kClients + kClients * kMessages);
  CHECK(handlers.elsewhere.load() == 0);
  for (auto& c : clients) c->stop();
  CHECK(pool.finishes());
}

TEST_CASE("user loop: destroying a Client waits for a busy loop to run its shutdown",
          "[runtime][user_loop]") {
  Inbox<CloseInfo> server_closes;
  Server server(plain_spec());
  server.on_close([&](ConnectionId, const CloseInfo& info) { server_closes.push(info); });
  server.start();

  UserLoop loop(1);
  std::atomic<int> client_handlers{0};
  auto t0 = std::chrono::steady_clock::now();
  {
    ClientOptions co;
    co.io_context = &loop.io;
    co.shutdown_grace_ms = 100;
    Client client(plain_spec(), co);
    client.on_close([&](const CloseInfo&) { ++client_handlers; });
    REQUIRE(client.connect("127.0.0.1", server.port()).ok());
    // The loop is busy for longer than the grace time plus a second, the wait the destructor
    // used to allow before it freed what the queued shutdown then used.
    asio::post(loop.io, [] { std::this_thread::sleep_for(1500ms); });
    t0 = std::chrono::steady_clock::now();
  }
  const auto waited = std::chrono::steady_clock::now() - t0;
  CHECK(waited >= 1400ms);
  CHECK(waited < 5s);
  // The shutdown ran: the server saw the client's close frame, not a dropped socket.
  REQUIRE(server_closes.wait_for(1));
  CHECK(server_closes.at(0).code == 1001);
  CHECK(server_closes.at(0).reason == "client stopping");
  CHECK(client_handlers.load() == 0);
  CHECK(loop.finishes());
}

TEST_CASE("user loop: destroying a Client on a stopped loop returns at once",
          "[runtime][user_loop]") {
  Inbox<CloseInfo> server_closes;
  Server server(plain_spec());
  server.on_close([&](ConnectionId, const CloseInfo& info) { server_closes.push(info); });
  server.start();
  auto io = std::make_unique<asio::io_context>();
  auto work = asio::make_work_guard(*io);
  std::thread runner([&io] { io->run(); });
  ClientOptions co;
  co.io_context = io.get();
  auto client = std::make_unique<Client>(plain_spec(), co);
  REQUIRE(client->connect("127.0.0.1", server.port()).ok());
  io->stop();
  runner.join();
  const auto t0 = std::chrono::steady_clock::now();
  client.reset();
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  // Run later, the loop runs nothing of the gone client (the abandoned shutdown sends no close
  // frame); the connection ends when the io_context is destroyed.
  io->restart();
  io->run_for(200ms);
  CHECK(server.connection_count() == 1);
  CHECK(server_closes.size() == 0);
  work.reset();
  io.reset();
  REQUIRE(server_closes.wait_for(1));
  CHECK(server_closes.at(0).code == 1006);
}

TEST_CASE("user loop: a send from another thread stays ahead of a later one from the loop",
          "[runtime][user_loop]") {
  // The loop is busy in a task when another thread sends "a"; strictly after that, the task
  // itself (on the loop's thread, where a send may run at once) sends "b": "a" goes first.
  UserLoop loop(1);
  Inbox<std::string> at_server;
  Inbox<std::string> at_client;
  ServerOptions so;
  so.io_context = &loop.io;
  Server server(plain_spec(), so);
  Inbox<ConnectionId> opened;
  server.on_open([&](ConnectionId id) { opened.push(id); });
  server.on_message(
      [&](ConnectionId, const Incoming& in) { at_server.push(std::string(in.text)); });
  server.start();
  ClientOptions co;
  co.io_context = &loop.io;
  Client client(plain_spec(), co);
  client.on_message([&](const Incoming& in) { at_client.push(std::string(in.text)); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  REQUIRE(opened.wait_for(1));
  const ConnectionId id = opened.at(0);

  std::promise<void> first_sent;
  auto sent = first_sent.get_future();
  asio::post(loop.io, [&] {
    sent.wait();
    client.send(R"({"n":"b"})");
    server.send(id, R"({"n":"b"})");
  });
  client.send(R"({"n":"a"})");
  server.send(id, R"({"n":"a"})");
  first_sent.set_value();

  REQUIRE(at_server.wait_for(2));
  CHECK(at_server.items() == std::vector<std::string>{R"({"n":"a"})", R"({"n":"b"})"});
  REQUIRE(at_client.wait_for(2));
  CHECK(at_client.items() == std::vector<std::string>{R"({"n":"a"})", R"({"n":"b"})"});
  client.stop();
  server.stop();
  CHECK(loop.finishes());
}
