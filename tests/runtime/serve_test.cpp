// serve_until_signal (and the stubs' run()): ready gets the port, SIGINT or SIGTERM stops the
// server cleanly and is returned, and the server is not left running.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <future>
#include <thread>

#include <wirekit/client.hpp>
#include <wirekit/serve.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

/// Runs serve_until_signal on a thread; port() waits until it is ready.
class Serving {
 public:
  explicit Serving(Server& server)
      : thread_([this, &server] {
          returned_ =
              serve_until_signal(server, [this](std::uint16_t port) { ready_.set_value(port); });
        }) {}
  ~Serving() {
    if (thread_.joinable()) thread_.join();
  }
  std::uint16_t port() { return ready_future_.get(); }
  int join() {
    thread_.join();
    return returned_;
  }

 private:
  std::promise<std::uint16_t> ready_;
  std::future<std::uint16_t> ready_future_ = ready_.get_future();
  int returned_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("serve_until_signal: SIGTERM stops the server cleanly and is returned",
          "[runtime][serve]") {
  Server server(plain_spec());
  Serving serving(server);
  const std::uint16_t port = serving.port();
  CHECK(port != 0);
  CHECK(server.running());
  Client client(plain_spec());
  std::promise<CloseInfo> closed;
  std::atomic<bool> first{true};
  client.on_close([&](const CloseInfo& info) {  // before connect(), as handlers are set
    if (first.exchange(false)) closed.set_value(info);
  });
  REQUIRE(client.connect("127.0.0.1", port).ok());
  // The server has the connection (not only the client), so stopping closes it with 1001.
  REQUIRE(wait_until([&] { return server.connection_count() == 1; }));
  REQUIRE(::kill(::getpid(), SIGTERM) == 0);
  CHECK(serving.join() == SIGTERM);
  CHECK_FALSE(server.running());
  auto close = closed.get_future();
  REQUIRE(close.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  CHECK(close.get().code == 1001);
}

TEST_CASE("serve_until_signal: a server started already serves on until SIGINT",
          "[runtime][serve]") {
  Server server(plain_spec());
  server.start();
  const std::uint16_t started_on = server.port();
  Serving serving(server);
  CHECK(serving.port() == started_on);
  REQUIRE(::kill(::getpid(), SIGINT) == 0);
  CHECK(serving.join() == SIGINT);
  CHECK_FALSE(server.running());
}
