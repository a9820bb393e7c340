// Internal: the accept loop of a websocketpp server endpoint, run on a strand of its own.
//
// websocketpp's own loop (`start_accept`) re-arms the acceptor inside the accept handler, on
// the new connection's strand; on a thread pool, `stop_listening()` from another thread then
// closes the acceptor while that handler re-arms it (a data race ThreadSanitizer reports).
// Here every acceptor operation runs on one strand, and stopping detaches the endpoint under a
// lock, so a late accept handler never reaches an endpoint that is being destroyed.
#pragma once

#include <asio/bind_executor.hpp>
#include <asio/dispatch.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <asio/strand.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>

namespace wirekit::detail {

template <class Endpoint>
class Listener final : public std::enable_shared_from_this<Listener<Endpoint>> {
 public:
  Listener(Endpoint& ws, asio::io_context& loop)
      : ws_(&ws), strand_(asio::make_strand(loop)), acceptor_(loop) {}

  /// Binds and listens; returns the bound port. Throws std::runtime_error.
  std::uint16_t listen(const asio::ip::tcp::endpoint& at) {
    std::error_code ec;
    acceptor_.open(at.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(at, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("wirekit::Server: cannot listen: " + ec.message());
    return acceptor_.local_endpoint().port();
  }

  /// Starts accepting connections (from any thread).
  void start() {
    asio::dispatch(strand_, [self = this->shared_from_this()] { self->accept_next(); });
  }

  /// Stops accepting (from any thread): returns once no accept handler uses the endpoint.
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ws_ = nullptr;
    }
    asio::dispatch(strand_, [self = this->shared_from_this()] {
      std::error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_.cancel();
    });
  }

 private:
  // On the strand.
  void accept_next() {
    std::lock_guard<std::mutex> lock(mutex_);
    accept_next_locked();
  }

  // On the strand, with the mutex held.
  void accept_next_locked() {
    if (!ws_ || !acceptor_.is_open()) return;
    typename Endpoint::connection_ptr con = ws_->get_connection();
    if (!con) return;
    acceptor_.async_accept(
        con->get_raw_socket(),
        asio::bind_executor(strand_, [self = this->shared_from_this(), con](std::error_code ec) {
          self->accepted(con, ec);
        }));
  }

  // On the strand.
  void accepted(const typename Endpoint::connection_ptr& con, std::error_code ec) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!ws_) return;  // stopped: the connection is dropped unopened
      if (!ec) {
        // The connection's own handlers run on its strand, as websocketpp's accept loop does.
        asio::dispatch(*con->get_strand(), [con] { con->start(); });
        accept_next_locked();
        return;
      }
      if (ec == asio::error::operation_aborted) return;
    }
    // Any other accept error (out of file descriptors, a reset) costs that one connection; a
    // short pause keeps a persistent one (EMFILE) from spinning the loop.
    retry_.expires_after(std::chrono::milliseconds(10));
    retry_.async_wait(asio::bind_executor(
        strand_, [self = this->shared_from_this()](std::error_code) { self->accept_next(); }));
  }

  std::mutex mutex_;
  Endpoint* ws_;  // null once stopped
  asio::strand<asio::io_context::executor_type> strand_;
  asio::ip::tcp::acceptor acceptor_;
  asio::steady_timer retry_{acceptor_.get_executor()};
};

}  // namespace wirekit::detail
