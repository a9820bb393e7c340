#include "wirekit/serve.hpp"

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <csignal>

namespace wirekit {

int serve_until_signal(Server& server, const std::function<void(std::uint16_t port)>& ready) {
  asio::io_context io;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&received](const std::error_code& ec, int signal) {
    if (!ec) received = signal;
  });
  if (!server.running()) server.start();
  if (ready) ready(server.port());
  io.run();  // returns once the wait above completed
  server.stop();
  return received;
}

}  // namespace wirekit
