// Internal: the transport-independent rules of one connection, shared by Server and
// Client: handshake enforcement, sequence counting, event/ack tracking and the close
// policy for violations. Runs only on its owner's io_context thread.
#pragma once

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "wirekit/ack_tracker.hpp"
#include "wirekit/frame_inspector.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/protocol_spec.hpp"
#include "wirekit/rate_limiter.hpp"
#include "wirekit/sequence_counter.hpp"
#include "wirekit/session_messages.hpp"

namespace wirekit::detail {

struct SessionConfig {
  Side local = Side::client;  ///< Side::server or Side::client
  std::optional<std::uint32_t> handshake_within_ms;
  std::optional<std::uint32_t> ack_deadline_ms;
  bool auto_ack = true;
  bool validate_payloads = true;  ///< decode each payload with spec.validate, when set
};

struct SessionTransport {
  std::function<void(const std::string&)> write;                 ///< write one text frame
  std::function<void(std::uint16_t, const std::string&)> close;  ///< start a close
};

/// Server only: builds the reply to an undecodable payload, or nullopt to close.
using UndecodableHook = std::function<std::optional<std::string>(std::string_view error,
                                                                 std::optional<std::int64_t> seq)>;

class SessionCore : public std::enable_shared_from_this<SessionCore> {
 public:
  struct WriteInfo {
    std::optional<std::int64_t> seq;  ///< the payload's seq when this side counts what it sends
    bool handshake = false;           ///< the payload was the handshake's first message
  };

  SessionCore(const ProtocolSpec& spec, SessionConfig config, asio::io_context& loop,
              SessionTransport transport);

  void start();
  /// Cancels the timers; afterwards nothing more is written or closed.
  void shutdown();
  bool closed() const noexcept { return closed_; }

  WriteInfo write_text(const std::string& text);
  /// Stamps id and sent_at, writes the event and tracks it until acked. Returns the id.
  std::string write_event(const EventBuilder& build);
  void write_ack(const std::string& event_id);

  /// Applies the session rules to an incoming text; returns the message for user code,
  /// or nullopt when the runtime consumed it (an ack) or closed the connection.
  std::optional<Incoming> on_text(std::string_view text);
  std::optional<Incoming> on_binary(std::string_view data);
  /// After user code handled `message`: acks an incoming event unless taken over.
  void after_delivery(const Incoming& message);

  /// Closes with the spec's code for `condition`.
  void violation(Condition condition, const std::string& reason);
  /// The post-handshake policy for an undecodable payload: the server replies (hook,
  /// or the spec's undecodable reply) and keeps the connection; otherwise close.
  void undecodable(const std::string& error, std::optional<std::int64_t> seq);
  void close(std::uint16_t code, const std::string& reason);

  void set_undecodable_hook(UndecodableHook hook) { undecodable_hook_ = std::move(hook); }
  /// The frame on_text parsed last (to read correlation fields).
  const FrameInspector& last_frame() const noexcept { return in_frame_; }
  std::size_t pending_acks() const noexcept { return acks_.pending(); }
  std::size_t remembered_acks() const noexcept { return acks_.remembered(); }
  /// The seq the next counted payload gets.
  std::int64_t next_seq() const noexcept { return counter_.next(); }
  bool awaiting_handshake() const noexcept { return awaiting_peer_handshake_; }

 private:
  /// Counts a peer message against the schema's rate limit; closes when it is exceeded.
  bool within_rate_limit();
  /// The condition a codec error breaks (missing_field, wrong_type, invalid_value or
  /// undecodable).
  static Condition condition_of(DecodeError::Kind kind) noexcept;
  Side peer() const noexcept { return config_.local == Side::server ? Side::client : Side::server; }
  void read_negotiated_deadline(const FrameInspector& frame);
  std::optional<std::uint32_t> ack_deadline() const noexcept;
  void arm_ack_timer();

  const ProtocolSpec& spec_;
  SessionConfig config_;
  SessionTransport transport_;
  asio::steady_timer handshake_timer_;
  asio::steady_timer ack_timer_;
  std::optional<AckTracker::Clock::time_point> ack_timer_at_;
  FrameInspector in_frame_;
  FrameInspector out_frame_;
  SequenceCounter counter_;
  AckTracker acks_;
  RateLimiter rate_;  ///< the peer's message rate, enforced by the server
  UndecodableHook undecodable_hook_;
  std::optional<std::uint32_t> negotiated_deadline_ms_;
  bool awaiting_peer_handshake_ = false;
  bool sent_own_handshake_ = false;
  bool awaiting_peer_success_ = false;  ///< sent our handshake; the peer must answer it first
  bool closed_ = false;
};

/// Cuts a close reason to the 123 bytes a close frame allows, on a UTF-8 boundary.
std::string clip_close_reason(std::string reason);

}  // namespace wirekit::detail
