// Internal: what the session's rules may ask of the connection they run on. The session core
// implements it; unit tests can implement it without a socket.
#pragma once

#include <asio/io_context.hpp>
#include <asio/io_context_strand.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "wirekit/condition.hpp"
#include "wirekit/protocol_spec.hpp"

namespace wirekit::detail {

/// The options of one connection's session, from ServerOptions / ClientOptions.
struct SessionConfig {
  Side local = Side::client;                         ///< the side this endpoint plays
  std::optional<std::uint32_t> handshake_within_ms;  ///< overrides the schema's
  std::optional<std::uint32_t> ack_deadline_ms;      ///< overrides the schema's and negotiated
  bool auto_ack = true;  ///< ack incoming events after their handler returns
  /// EndpointOptions::log (owned by the endpoint, which outlives its sessions); null: stderr.
  const std::function<void(std::string_view)>* log = nullptr;
};

class SessionServices {
 public:
  /// The loop the connection's timers run on, and the strand serialising its handlers.
  virtual asio::io_context& loop() = 0;
  virtual asio::io_context::strand& strand() = 0;
  /// Writes one text frame the runtime made itself (an ack).
  virtual void write_runtime_text(const std::string& text) = 0;
  /// Closes with the schema's code for `condition`.
  virtual void violation(Condition condition, const std::string& reason) = 0;
  /// The peer acknowledged the event this side sent with `id` (ack correlation).
  virtual void acked(const std::string& id) { (void)id; }

 protected:
  ~SessionServices() = default;
};

}  // namespace wirekit::detail
