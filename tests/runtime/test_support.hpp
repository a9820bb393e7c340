// Helpers for the runtime tests: waiting, thread-safe collections, and misbehaving raw
// peers (a websocketpp client that can send binary frames, a TCP peer that never reads).
#pragma once

#include <asio.hpp>
#include <websocketpp/base64/base64.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>
#include <websocketpp/sha1/sha1.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <simdjson.h>

#include <wirekit/close_info.hpp>

namespace wirekit::test {

using namespace std::chrono_literals;

/// A top-level member of a JSON object text: a string, or an integer as its digits; "" when
/// absent or of another type.
inline std::string json_member(std::string_view text, std::string_view key) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size()).get(root)) return {};
  auto member = root[key];
  std::string_view s;
  if (member.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  std::int64_t i = 0;
  if (member.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  return {};
}

/// Polls `pred` until it holds or `timeout` passes.
template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout = 3000ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

/// A thread-safe list that tests append to from callbacks and read from the test thread.
template <class T>
class Inbox {
 public:
  void push(T value) {
    std::lock_guard<std::mutex> lock(m_);
    items_.push_back(std::move(value));
    cv_.notify_all();
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(m_);
    return items_.size();
  }
  std::vector<T> items() const {
    std::lock_guard<std::mutex> lock(m_);
    return items_;
  }
  T at(std::size_t i) const {
    std::lock_guard<std::mutex> lock(m_);
    return items_.at(i);
  }
  /// Waits until at least n items arrived.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout = 3000ms) const {
    std::unique_lock<std::mutex> lock(m_);
    return cv_.wait_for(lock, timeout, [&] { return items_.size() >= n; });
  }

 private:
  mutable std::mutex m_;
  mutable std::condition_variable cv_;
  std::vector<T> items_;
};

/// A bare websocketpp client on its own thread: sends whatever it is told (binary frames
/// included), records texts and the close it sees, and applies no protocol rules.
class RawPeer {
 public:
  using WsClient = websocketpp::client<websocketpp::config::asio_client>;

  RawPeer() {
    ws_.clear_access_channels(websocketpp::log::alevel::all);
    ws_.clear_error_channels(websocketpp::log::elevel::all);
    ws_.init_asio();
    ws_.start_perpetual();
    ws_.set_open_handler([this](websocketpp::connection_hdl) { set_state(State::open); });
    ws_.set_fail_handler([this](websocketpp::connection_hdl h) {
      auto con = ws_.get_con_from_hdl(h);
      http_status_ = static_cast<int>(con->get_response_code());
      set_state(State::failed);
    });
    ws_.set_message_handler([this](websocketpp::connection_hdl, WsClient::message_ptr m) {
      texts.push(m->get_payload());
    });
    ws_.set_close_handler([this](websocketpp::connection_hdl h) {
      auto con = ws_.get_con_from_hdl(h);
      CloseInfo info;
      info.code = con->get_remote_close_code();
      info.reason = con->get_remote_close_reason();
      info.by_peer = true;
      closes.push(info);
      set_state(State::closed);
    });
    thread_ = std::thread([this] { ws_.run(); });
  }

  ~RawPeer() {
    ws_.stop_perpetual();
    std::error_code ec;
    if (state() == State::open) ws_.close(hdl_, 1000, "", ec);
    wait_until([this] { return state() != State::open; }, 500ms);
    ws_.stop();
    thread_.join();
  }

  /// Connects to ws://127.0.0.1:port<path>; true once open.
  bool connect(std::uint16_t port, const std::string& path, const std::string& subprotocol = {}) {
    std::error_code ec;
    auto con = ws_.get_connection("ws://127.0.0.1:" + std::to_string(port) + path, ec);
    if (ec) return false;
    if (!subprotocol.empty()) con->add_subprotocol(subprotocol);
    hdl_ = con->get_handle();
    ws_.connect(con);
    wait_until([this] { return state() != State::connecting; });
    return state() == State::open;
  }

  void send_text(const std::string& text) {
    std::error_code ec;
    ws_.send(hdl_, text, websocketpp::frame::opcode::text, ec);
  }
  void send_binary(const std::string& data) {
    std::error_code ec;
    ws_.send(hdl_, data, websocketpp::frame::opcode::binary, ec);
  }
  void close(std::uint16_t code, const std::string& reason) {
    std::error_code ec;
    ws_.close(hdl_, code, reason, ec);
  }
  std::string subprotocol() {
    std::error_code ec;
    auto con = ws_.get_con_from_hdl(hdl_, ec);
    // websocketpp's client does not record the selected subprotocol; read the header.
    return ec ? std::string() : con->get_response_header("Sec-WebSocket-Protocol");
  }
  int http_status() const { return http_status_; }
  /// The close the peer sent; waits for it.
  std::optional<CloseInfo> wait_close(std::chrono::milliseconds timeout = 3000ms) {
    if (!closes.wait_for(1, timeout)) return std::nullopt;
    return closes.at(0);
  }

  Inbox<std::string> texts;
  Inbox<CloseInfo> closes;

 private:
  enum class State { connecting, open, failed, closed };
  void set_state(State s) {
    std::lock_guard<std::mutex> lock(m_);
    state_ = s;
  }
  State state() const {
    std::lock_guard<std::mutex> lock(m_);
    return state_;
  }

  WsClient ws_;
  websocketpp::connection_hdl hdl_;
  std::thread thread_;
  mutable std::mutex m_;
  State state_ = State::connecting;
  int http_status_ = 0;
};

/// The Sec-WebSocket-Accept value for an upgrade request's Sec-WebSocket-Key.
inline std::string websocket_accept(const std::string& request) {
  const std::string header = "Sec-WebSocket-Key: ";
  const auto at = request.find(header);
  if (at == std::string::npos) return {};
  const auto start = at + header.size();
  const std::string key = request.substr(start, request.find("\r\n", start) - start);
  unsigned char digest[20];
  const std::string magic = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  websocketpp::sha1::calc(magic.data(), magic.size(), digest);
  return websocketpp::base64_encode(digest, 20);
}

/// Opens a WebSocket by hand over TCP, then never reads again (a stalled consumer).
class StalledTcpPeer {
 public:
  /// True once the server accepted the upgrade.
  bool connect(std::uint16_t port, const std::string& path, const std::string& subprotocol = {}) {
    std::error_code ec;
    socket_.open(asio::ip::tcp::v4(), ec);
    socket_.set_option(asio::socket_base::receive_buffer_size(4096), ec);
    socket_.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    if (ec) return false;
    std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    if (!subprotocol.empty()) request += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
    request += "\r\n";
    asio::write(socket_, asio::buffer(request), ec);
    if (ec) return false;
    asio::streambuf response;
    asio::read_until(socket_, response, "\r\n\r\n", ec);
    if (ec) return false;
    std::string head(asio::buffers_begin(response.data()), asio::buffers_end(response.data()));
    return head.rfind("HTTP/1.1 101", 0) == 0;
  }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_{io_};
};

}  // namespace wirekit::test
