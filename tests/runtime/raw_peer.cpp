#include "raw_peer.hpp"

#include <websocketpp/base64/base64.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>
#include <websocketpp/sha1/sha1.hpp>

#include <mutex>
#include <thread>

namespace wirekit::test {

struct RawPeer::Impl {
  using WsClient = websocketpp::client<websocketpp::config::asio_client>;
  enum class State { connecting, open, failed, closed };

  explicit Impl(RawPeer& owner) : owner(owner) {
    ws.clear_access_channels(websocketpp::log::alevel::all);
    ws.clear_error_channels(websocketpp::log::elevel::all);
    ws.init_asio();
    ws.start_perpetual();
    ws.set_open_handler([this](websocketpp::connection_hdl) { set_state(State::open); });
    ws.set_fail_handler([this](websocketpp::connection_hdl h) {
      auto con = ws.get_con_from_hdl(h);
      {
        std::lock_guard<std::mutex> lock(m);
        http_status = static_cast<int>(con->get_response_code());
      }
      set_state(State::failed);
    });
    ws.set_message_handler([this](websocketpp::connection_hdl, WsClient::message_ptr message) {
      this->owner.texts.push(message->get_payload());
    });
    ws.set_close_handler([this](websocketpp::connection_hdl h) {
      auto con = ws.get_con_from_hdl(h);
      CloseInfo info;
      info.code = con->get_remote_close_code();
      info.reason = con->get_remote_close_reason();
      info.by_peer = true;
      this->owner.closes.push(info);
      set_state(State::closed);
    });
    thread = std::thread([this] { ws.run(); });
  }

  ~Impl() {
    ws.stop_perpetual();
    std::error_code ec;
    if (state() == State::open) ws.close(hdl, 1000, "", ec);
    wait_until([this] { return state() != State::open; }, 500ms);
    ws.stop();
    thread.join();
  }

  void set_state(State s) {
    std::lock_guard<std::mutex> lock(m);
    state_ = s;
  }
  State state() const {
    std::lock_guard<std::mutex> lock(m);
    return state_;
  }

  RawPeer& owner;
  WsClient ws;
  websocketpp::connection_hdl hdl;
  std::thread thread;
  mutable std::mutex m;
  State state_ = State::connecting;
  int http_status = 0;
};

RawPeer::RawPeer() : impl_(std::make_unique<Impl>(*this)) {}

// The client thread is stopped (in ~Impl) before texts and closes, which it writes to, go.
RawPeer::~RawPeer() { impl_.reset(); }

bool RawPeer::connect(std::uint16_t port, const std::string& path, const std::string& subprotocol) {
  std::error_code ec;
  auto con = impl_->ws.get_connection("ws://127.0.0.1:" + std::to_string(port) + path, ec);
  if (ec) return false;
  if (!subprotocol.empty()) con->add_subprotocol(subprotocol);
  impl_->hdl = con->get_handle();
  impl_->ws.connect(con);
  wait_until([this] { return impl_->state() != Impl::State::connecting; });
  return impl_->state() == Impl::State::open;
}

void RawPeer::send_text(const std::string& text) {
  std::error_code ec;
  impl_->ws.send(impl_->hdl, text, websocketpp::frame::opcode::text, ec);
}

void RawPeer::send_binary(const std::string& data) {
  std::error_code ec;
  impl_->ws.send(impl_->hdl, data, websocketpp::frame::opcode::binary, ec);
}

void RawPeer::close(std::uint16_t code, const std::string& reason) {
  std::error_code ec;
  impl_->ws.close(impl_->hdl, code, reason, ec);
}

std::string RawPeer::subprotocol() {
  std::error_code ec;
  auto con = impl_->ws.get_con_from_hdl(impl_->hdl, ec);
  // websocketpp's client does not record the selected subprotocol; read the header.
  return ec ? std::string() : con->get_response_header("Sec-WebSocket-Protocol");
}

int RawPeer::http_status() const {
  std::lock_guard<std::mutex> lock(impl_->m);
  return impl_->http_status;
}

std::optional<CloseInfo> RawPeer::wait_close(std::chrono::milliseconds timeout) {
  if (!closes.wait_for(1, timeout)) return std::nullopt;
  return closes.at(0);
}

std::string websocket_accept(const std::string& request) {
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

bool StalledTcpPeer::connect(std::uint16_t port, const std::string& path,
                             const std::string& subprotocol) {
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

bool StalledTcpPeer::write_raw(const std::string& bytes) {
  std::error_code ec;
  asio::write(socket_, asio::buffer(bytes), ec);
  return !ec;
}

std::string masked_text_frame(const std::string& payload) {
  std::string frame;
  frame += static_cast<char>(0x81);  // FIN, text
  const std::uint64_t n = payload.size();
  if (n < 126) {
    frame += static_cast<char>(0x80 | n);
  } else if (n <= 0xffff) {
    frame += static_cast<char>(0x80 | 126);
    for (int shift = 8; shift >= 0; shift -= 8) frame += static_cast<char>((n >> shift) & 0xff);
  } else {
    frame += static_cast<char>(0x80 | 127);
    for (int shift = 56; shift >= 0; shift -= 8) frame += static_cast<char>((n >> shift) & 0xff);
  }
  frame.append(4, '\0');  // masking key 0
  return frame + payload;
}

}  // namespace wirekit::test
