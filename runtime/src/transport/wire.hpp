// Internal: one WebSocket connection as the endpoint core sees it, whatever websocketpp
// endpoint type (server or client, plain or TLS) carries it. Every call runs on the
// connection's strand.
#pragma once

#include <asio/io_context_strand.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include "memory/memory_budget.hpp"
#include "wirekit/close_info.hpp"

namespace wirekit::detail {

class Wire {
 public:
  virtual ~Wire() = default;
  /// Queues a text frame, counted in `held` (null: not counted) until it is written. Nothing
  /// is sent when `text` is not valid UTF-8 or the connection is no longer open.
  virtual void send_text(const std::string& text, const HeldBytes& held) = 0;
  /// Bytes queued for sending and not yet written to the socket.
  virtual std::size_t buffered() const = 0;
  virtual void close(std::uint16_t code, const std::string& reason) = 0;
  virtual void pause_reading() = 0;
  virtual void resume_reading() = 0;
  /// The strand every handler of this connection runs on.
  virtual asio::io_context::strand& strand() = 0;
  /// How the connection ended; `closed_locally`: this side started the close.
  virtual CloseInfo close_info(bool closed_locally) const = 0;
};

}  // namespace wirekit::detail
