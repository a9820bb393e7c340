// Internal: Wire over a websocketpp connection (server or client, plain or TLS).
#pragma once

#include <websocketpp/frame.hpp>

#include <stdexcept>
#include <string>
#include <system_error>

#include "endpoint/close_info_of.hpp"
#include "transport/text_frame.hpp"
#include "transport/wire.hpp"

namespace wirekit::detail {

/// Sets up a websocketpp endpoint on `loop` with its logging off (errors reach handlers).
template <class Endpoint>
void init_endpoint(Endpoint& ws, asio::io_context& loop, const char* role) {
  ws.clear_access_channels(websocketpp::log::alevel::all);
  ws.clear_error_channels(websocketpp::log::elevel::all);
  std::error_code ec;
  ws.init_asio(&loop, ec);
  if (ec) throw std::runtime_error(std::string(role) + ": " + ec.message());
}

template <class Endpoint>
class WsWire final : public Wire {
 public:
  using ConnectionPtr = typename Endpoint::connection_ptr;
  using Message = typename Endpoint::connection_type::message_type;

  explicit WsWire(ConnectionPtr con) : con_(std::move(con)), masked_(!con_->is_server()) {}

  void send_text(const std::string& text, const HeldBytes& held) override {
    if (auto frame = text_frame<Message>(text, masked_, held)) con_->send(frame);
  }
  std::size_t buffered() const override { return con_->get_buffered_amount(); }
  void close(std::uint16_t code, const std::string& reason) override {
    std::error_code ec;
    con_->close(code, reason, ec);
  }
  // Called inside the read handler (Connection::pause_reading): websocketpp's own
  // pause_reading() posts, which lets the handler start the next read first; setting the flag
  // at once means no read is in flight while paused.
  void pause_reading() override { con_->handle_pause_reading(); }
  void resume_reading() override { con_->resume_reading(); }
  asio::io_context::strand& strand() override { return *con_->get_strand(); }
  CloseInfo close_info(bool closed_locally) const override {
    return close_info_of(con_, closed_locally);
  }

 private:
  ConnectionPtr con_;
  bool masked_;  ///< a client's frames are masked (RFC 6455 section 5.3)
};

}  // namespace wirekit::detail
