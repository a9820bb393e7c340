// The raw contender of the transport benchmark: websocketpp 0.8.2 on standalone Asio, with the
// same configurations the wirekit runtime uses (config::asio, config::asio_client), an echo
// server that sends every frame back as it came, and clients that count replies. No JSON, no
// correlation: the floor a runtime on websocketpp is measured against.
#include <algorithm>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <asio.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>
#include <websocketpp/server.hpp>

#include "transport_contenders.hpp"
#include "transport_loop.hpp"

namespace transport_bench {
namespace {

using Hdl = websocketpp::connection_hdl;
constexpr auto kText = websocketpp::frame::opcode::text;

template <class Endpoint>
void quiet(Endpoint& ep, asio::io_context& io) {
  ep.clear_access_channels(websocketpp::log::alevel::all);
  ep.clear_error_channels(websocketpp::log::elevel::all);
  ep.init_asio(&io);
}

class RawServer final : public ServerSide {
 public:
  using Endpoint = websocketpp::server<websocketpp::config::asio>;

  RawServer() : tick_(sample_tick_frame()) {
    quiet(ep_, io_);
    ep_.set_reuse_addr(true);
    ep_.set_open_handler([this](Hdl h) {
      std::lock_guard<std::mutex> lock(mutex_);
      open_.insert(h);
    });
    ep_.set_close_handler([this](Hdl h) {
      std::lock_guard<std::mutex> lock(mutex_);
      open_.erase(h);
    });
    ep_.set_message_handler([this](Hdl h, Endpoint::message_ptr msg) {
      std::error_code ec;
      ep_.send(h, msg->get_payload(), msg->get_opcode(), ec);
    });
    ep_.listen(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    asio::error_code aec;
    port_ = ep_.get_local_endpoint(aec).port();
    ep_.start_accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RawServer() override {
    asio::post(io_, [this] {
      std::error_code ec;
      ep_.stop_listening(ec);
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& h : open_) ep_.close(h, websocketpp::close::status::going_away, "", ec);
    });
    // Let the close handshakes finish, then stop what is left.
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (connections() > 0 && std::chrono::steady_clock::now() < end)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    io_.stop();
    thread_.join();
  }

  std::uint16_t port() const override { return port_; }
  std::size_t connections() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return open_.size();
  }
  void broadcast(std::int64_t) override {
    asio::post(io_, [this] {
      std::error_code ec;
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& h : open_) ep_.send(h, tick_, kText, ec);
    });
  }

 private:
  asio::io_context io_;
  Endpoint ep_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  const std::string tick_;
  mutable std::mutex mutex_;
  std::set<Hdl, std::owner_less<Hdl>> open_;
};

class RawClients final : public ClientSide {
 public:
  using Endpoint = websocketpp::client<websocketpp::config::asio_client>;

  RawClients() : ping_(sample_ping_frame()), work_(asio::make_work_guard(io_)) {
    quiet(ep_, io_);
    ep_.set_message_handler([this](Hdl h, Endpoint::message_ptr) { received(h); });
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RawClients() override {
    asio::post(io_, [this] {
      std::error_code ec;
      for (const auto& h : connections_) ep_.close(h, websocketpp::close::status::normal, "", ec);
    });
    work_.reset();
    thread_.join();
  }

  void connect(std::uint16_t port, std::size_t count) override {
    auto opening = std::make_shared<Opening>();
    opening->uri = "ws://127.0.0.1:" + std::to_string(port) + "/pingpong";
    opening->count = count;
    auto all_open = opening->done.get_future();
    asio::post(io_, [this, opening] {
      for (std::size_t i = 0; i < kOpeningAtOnce && opening->started < opening->count; ++i)
        start_one(opening);
    });
    all_open.get();
    if (!opening->error.empty()) throw std::runtime_error("raw connect: " + opening->error);
  }

  double round_trips(std::size_t window, std::size_t total, Pacing pacing) override {
    const auto start = std::chrono::steady_clock::now();
    const Hdl h = connections_.at(0);
    if (pacing == Pacing::blocking) {
      // The raw counterpart of request_future().get(): the user thread hands the send to the
      // loop and waits for the loop to hand the reply back.
      for (std::size_t i = 0; i < total; ++i) {
        std::promise<void> reply;
        asio::post(io_, [this, &reply, h] {
          expect(1, [&reply] { reply.set_value(); });
          send(h);
        });
        reply.get_future().get();
      }
    } else {
      std::promise<void> finished;
      asio::post(io_, [&, h] {
        sent_ = 0;
        total_ = total;
        expect(total, [&finished] { finished.set_value(); });
        refill_ = [this, h] {
          if (sent_ < total_) send(h);
        };
        for (std::size_t i = 0; i < window && sent_ < total_; ++i) send(h);
      });
      finished.get_future().get();
      asio::post(io_, [this] { refill_ = nullptr; });
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  void one_round_trip_each() override {
    std::promise<void> done;
    asio::post(io_, [&] {
      expect(connections_.size(), [&done] { done.set_value(); });
      for (const auto& h : connections_) send(h);
    });
    done.get_future().get();
  }

  void on_push(std::function<void()> handler) override {
    run_on_loop(io_, [&] { on_push_ = std::move(handler); });  // the loop thread reads it
  }

 private:
  // Opening handshakes under way, shared by their handlers (which may run after connect()
  // returned, e.g. a late failure). Loop-thread state; `done` is set once.
  struct Opening {
    std::string uri;
    std::size_t count = 0;
    std::size_t started = 0;
    std::size_t opened = 0;
    bool finished = false;
    std::string error;
    std::promise<void> done;
  };
  // At most this many opening handshakes at once, so the listen backlog never overflows.
  static constexpr std::size_t kOpeningAtOnce = 256;

  void start_one(const std::shared_ptr<Opening>& opening) {
    std::error_code ec;
    auto con = ep_.get_connection(opening->uri, ec);
    if (ec) return fail_opening(*opening, ec.message());
    ++opening->started;
    con->set_open_handler([this, opening](Hdl h) {
      connections_.push_back(h);
      if (opening->started < opening->count) start_one(opening);
      if (++opening->opened == opening->count && !opening->finished) {
        opening->finished = true;
        opening->done.set_value();
      }
    });
    con->set_fail_handler([opening](Hdl) { fail_opening(*opening, "a connection failed"); });
    ep_.connect(con);
  }
  static void fail_opening(Opening& opening, const std::string& error) {
    if (opening.finished) return;
    opening.finished = true;
    opening.error = error;
    opening.done.set_value();
  }

  void send(const Hdl& h) {
    std::error_code ec;
    ep_.send(h, ping_, kText, ec);
    ++sent_;
  }
  // The next `count` frames are replies; `done` runs after the last one.
  void expect(std::size_t count, std::function<void()> done) {
    pending_ = count;
    done_ = std::move(done);
  }
  void received(const Hdl&) {
    if (pending_ == 0) {
      if (on_push_) on_push_();
      return;
    }
    if (--pending_ == 0) {
      auto done = std::move(done_);
      done_ = nullptr;
      done();
      return;
    }
    if (refill_) refill_();
  }

  const std::string ping_;
  asio::io_context io_;
  Endpoint ep_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
  std::vector<Hdl> connections_;
  // Loop-thread state of the measure under way.
  std::size_t sent_ = 0;
  std::size_t total_ = 0;
  std::size_t pending_ = 0;
  std::function<void()> done_;
  std::function<void()> refill_;
  std::function<void()> on_push_;
};

}  // namespace

std::unique_ptr<ServerSide> make_raw_server() { return std::make_unique<RawServer>(); }
std::unique_ptr<ClientSide> make_raw_clients() { return std::make_unique<RawClients>(); }

}  // namespace transport_bench
