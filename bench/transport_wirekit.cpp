// The wirekit contender of the transport benchmark: a wirekit::Server answering each Ping with a
// Pong, and wirekit::Clients on one shared io_context, both speaking the generated ping-pong SDK
// (bench/pingpong.yaml) the way application code would.
#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <asio.hpp>

#include <pingpong/pingpong_codec.hpp>
#include <pingpong/pingpong_protocol.hpp>
#include <wirekit/client.hpp>
#include <wirekit/codegen/make_outgoing.hpp>
#include <wirekit/run_until_ready.hpp>
#include <wirekit/server.hpp>

#include "transport_contenders.hpp"
#include "transport_loop.hpp"

namespace transport_bench {
namespace {

// Padding that brings an encoded message to `bytes` given its text without padding.
std::string padding(std::size_t bytes, const std::string& without) {
  return std::string(bytes > without.size() ? bytes - without.size() : 0, 'x');
}

const std::string& ping_payload() {
  static const std::string payload = [] {
    pingpong::Ping ping;
    ping.id = "12345";
    ping.seq = 12345;
    return padding(kFrameBytes, pingpong::encode(ping));
  }();
  return payload;
}

const std::string& tick_payload() {
  static const std::string payload = [] {
    pingpong::Tick tick;
    tick.round = 123;
    return padding(kBroadcastBytes, pingpong::encode(tick));
  }();
  return payload;
}

class WirekitServer final : public ServerSide {
 public:
  WirekitServer() {
    server_.on_open([this](wirekit::ConnectionId id) {
      std::lock_guard<std::mutex> lock(mutex_);
      open_.push_back(id);
    });
    server_.on_close([this](wirekit::ConnectionId id, const wirekit::CloseInfo&) {
      std::lock_guard<std::mutex> lock(mutex_);
      open_.erase(std::remove(open_.begin(), open_.end(), id), open_.end());
    });
    server_.on_message([this](wirekit::ConnectionId id, const wirekit::Incoming& m) {
      auto* ping = std::get_if<pingpong::Ping>(m.value.get<pingpong::ToServer>());
      if (!ping) return;
      pingpong::Pong pong;
      pong.id = std::move(ping->id);
      pong.seq = ping->seq;
      pong.payload = std::move(ping->payload);
      server_.send(id, wirekit::make_outgoing<pingpong::detail::Hooks>(pong));
    });
    server_.start();
  }
  ~WirekitServer() override { server_.stop(); }

  std::uint16_t port() const override { return server_.port(); }
  std::size_t connections() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return open_.size();
  }
  void broadcast(std::int64_t round) override {
    pingpong::Tick tick;
    tick.round = round;
    tick.payload = tick_payload();
    std::vector<wirekit::ConnectionId> to;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      to = open_;
    }
    server_.broadcast(to, wirekit::make_outgoing<pingpong::detail::Hooks>(tick));
  }

 private:
  wirekit::Server server_{pingpong::protocol_spec()};
  mutable std::mutex mutex_;
  std::vector<wirekit::ConnectionId> open_;
};

class WirekitClients final : public ClientSide {
 public:
  WirekitClients() : work_(asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}
  ~WirekitClients() override {
    if (driven_) {
      std::thread runner([this] { driven_io_.run(); });  // its shutdown runs on its loop
      driven_->stop();
      driven_io_.stop();
      runner.join();
    }
    for (auto& c : clients_) c->stop();
    clients_.clear();
    work_.reset();
    thread_.join();
  }

  void connect(std::uint16_t port, std::size_t count) override {
    port_ = port;
    for (std::size_t i = 0; i < count; ++i) {
      wirekit::ClientOptions options;
      options.io_context = &io_;
      auto client = std::make_unique<wirekit::Client>(pingpong::protocol_spec(), options);
      client->on_message([this](const wirekit::Incoming& m) {
        if (std::get_if<pingpong::Tick>(m.value.get<pingpong::ToClient>()) && on_push_) on_push_();
      });
      const auto result = client->connect("127.0.0.1", port);
      if (!result) throw std::runtime_error("wirekit connect: " + result.message);
      clients_.push_back(std::move(client));
    }
  }

  double round_trips(std::size_t window, std::size_t total, Pacing pacing) override {
    wirekit::Client& client = *clients_.at(0);
    const auto start = std::chrono::steady_clock::now();
    if (pacing == Pacing::blocking) {
      for (std::size_t i = 0; i < total; ++i) {
        const auto reply = client.request_future(ping_text(i)).get();
        if (!reply) throw std::runtime_error("wirekit request: " + reply.message);
      }
    } else if (pacing == Pacing::driving) {
      wirekit::Client& own = driven();
      for (std::size_t i = 0; i < total; ++i) {
        const auto reply = wirekit::run_until_ready(driven_io_, own.request_future(ping_text(i)));
        if (!reply) throw std::runtime_error("wirekit request: " + reply.message);
      }
    } else {
      Window run(client, total);
      asio::post(io_, [&run, window] {
        for (std::size_t i = 0; i < window && run.sent < run.total; ++i) run.issue();
      });
      run.finished.get_future().get();
      if (!run.error.empty()) throw std::runtime_error("wirekit request: " + run.error);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  void one_round_trip_each() override {
    std::promise<void> done;
    std::size_t replies = 0;
    std::string error;
    asio::post(io_, [&] {
      for (auto& c : clients_)
        c->request_message(
            [](std::string_view id) {
              pingpong::Ping ping;
              ping.id = std::string(id);
              ping.payload = ping_payload();
              return wirekit::make_outgoing<pingpong::detail::Hooks>(ping);
            },
            [&](wirekit::ReplyView&& r) {
              if (!r.ok()) error = std::string(r.error_message);
              if (++replies == clients_.size()) done.set_value();
            });
    });
    done.get_future().get();
    if (!error.empty()) throw std::runtime_error("wirekit request: " + error);
  }

  void on_push(std::function<void()> handler) override {
    run_on_loop(io_, [&] { on_push_ = std::move(handler); });  // the loop thread reads it
  }

 private:
  // The raw-text builder of Ping number `i`, as request_future() takes it.
  static std::function<std::string(std::string_view)> ping_text(std::size_t i) {
    return [i](std::string_view id) {
      pingpong::Ping ping;
      ping.id = std::string(id);
      ping.seq = static_cast<std::int64_t>(i);
      ping.payload = ping_payload();
      return pingpong::encode(ping);
    };
  }

  // The client for Pacing::driving, on a loop that only the measuring thread runs; connected
  // on first use, by that thread running the loop too.
  wirekit::Client& driven() {
    if (!driven_) {
      wirekit::ClientOptions options;
      options.io_context = &driven_io_;
      driven_ = std::make_unique<wirekit::Client>(pingpong::protocol_spec(), options);
      const auto result =
          wirekit::run_until_ready(driven_io_, driven_->connect_future("127.0.0.1", port_));
      if (!result) throw std::runtime_error("wirekit connect: " + result.message);
    }
    return *driven_;
  }

  // A window of callback-paced requests; lives on the loop thread.
  struct Window {
    Window(wirekit::Client& c, std::size_t n) : client(c), total(n) {}

    wirekit::Client& client;
    std::size_t total;
    std::size_t sent = 0;
    std::size_t done = 0;
    std::string error;
    std::promise<void> finished;

    void issue() {
      const auto seq = static_cast<std::int64_t>(sent++);
      client.request_message(
          [seq](std::string_view id) {
            pingpong::Ping ping;
            ping.id = std::string(id);
            ping.seq = seq;
            ping.payload = ping_payload();
            return wirekit::make_outgoing<pingpong::detail::Hooks>(ping);
          },
          [this](wirekit::ReplyView&& r) {
            if (!r.ok())
              error = std::string(r.error_message);
            else if (r.message != pingpong::detail::message_index::kPong)
              error = "not a Pong";
            if (++done == total)
              finished.set_value();
            else if (sent < total)
              issue();
          });
    }
  };

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
  std::vector<std::unique_ptr<wirekit::Client>> clients_;
  std::function<void()> on_push_;
  std::uint16_t port_ = 0;
  asio::io_context driven_io_;
  std::unique_ptr<wirekit::Client> driven_;
};

}  // namespace

std::unique_ptr<ServerSide> make_wirekit_server() { return std::make_unique<WirekitServer>(); }
std::unique_ptr<ClientSide> make_wirekit_clients() { return std::make_unique<WirekitClients>(); }

std::string sample_ping_frame() {
  pingpong::Ping ping;
  ping.id = "12345";
  ping.seq = 12345;
  ping.payload = ping_payload();
  return pingpong::encode(ping);
}

std::string sample_tick_frame() {
  pingpong::Tick tick;
  tick.round = 123;
  tick.payload = tick_payload();
  return pingpong::encode(tick);
}

}  // namespace transport_bench
