// Options Server and Client share: limits, flow control, deadlines, shutdown and the loop they
// run on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace asio {
class io_context;
}  // namespace asio

namespace wirekit {

/// Per-connection flow control of what the endpoint sends. When a connection's unsent data
/// passes `high_watermark_bytes` while another connection's handler writes to it, that other
/// connection is paused (its frames are not read) until the queue drains below
/// `low_watermark_bytes`: senders slow down to the pace of their slowest recipient instead of
/// the recipient losing messages. A connection that stays above the high watermark for
/// `stall_timeout_ms` is closed with 1008 ("send queue stalled").
struct FlowControlOptions {
  std::size_t high_watermark_bytes = 1u << 20;
  std::size_t low_watermark_bytes = 256u << 10;
  std::uint32_t stall_timeout_ms = 30000;
};

struct EndpointOptions {
  /// Largest incoming message; 0: the schema's transport.max_message_bytes. A larger one
  /// closes the connection with 1009.
  std::size_t max_message_bytes = 0;
  /// Hard bound on a connection's unsent data, counted before each new message: a message is
  /// queued when less than this is already waiting, so one message (up to the maximum size)
  /// never closes a healthy connection by itself. Past it the connection is closed with 1008
  /// ("send queue full"). 0: 4 x the maximum message size.
  std::size_t send_queue_max_bytes = 0;
  FlowControlOptions flow;
  /// How long to wait for the peer's close frame before dropping TCP.
  std::uint32_t close_timeout_ms = 1000;
  /// stop(): how long to wait for connections to close cleanly.
  std::uint32_t shutdown_grace_ms = 300;
  std::optional<std::uint32_t> handshake_within_ms;  ///< overrides the schema's handshake deadline
  std::optional<std::uint32_t> ack_deadline_ms;      ///< overrides the schema's and negotiated
  /// Ack incoming events after their handler returns (see Incoming::take_over_ack).
  bool auto_ack = true;
  /// Receives one line for each payload the endpoint drops by the schema's rule
  /// (`session.invalid: ignore`), e.g. "ignored from client: unknown type 'x'". Empty: the
  /// line goes to stderr. Called on the connection's strand.
  std::function<void(std::string_view line)> log;
  /// Run on this io_context, which the caller runs (io.run()) and keeps alive longer than the
  /// Server or Client. Several Servers and Clients may share one; a Server's may also be run
  /// by several threads. Null: the object starts and joins a thread of its own.
  asio::io_context* io_context = nullptr;
};

}  // namespace wirekit
