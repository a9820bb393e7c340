// Internal: the transport-independent rules of one connection, shared by Server and Client.
// Each incoming frame goes through the steps in order: frame rules (text only, rate limit), one
// decode by the generated codec, the handshake, correlation (sequence numbers, acks), the reply
// policy for what did not decode, then delivery. Outgoing payloads pass the handshake and
// correlation rules too. Runs only on its connection's strand; testable without a socket
// through SessionTransport and SessionDelivery.
#pragma once

#include <asio/io_context.hpp>
#include <asio/io_context_strand.hpp>
#include <asio/steady_timer.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "session/correlation.hpp"
#include "session/session_services.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/outgoing.hpp"
#include "wirekit/protocol_spec.hpp"
#include "wirekit/rate_limiter.hpp"

namespace wirekit::detail {

/// The connection below a session.
class SessionTransport {
 public:
  virtual void write(const std::string& text) = 0;
  virtual void close(std::uint16_t code, const std::string& reason) = 0;

 protected:
  ~SessionTransport() = default;
};

/// The role above a session (Server or Client): receives what user code should see.
class SessionDelivery {
 public:
  virtual void deliver(Incoming& message) = 0;
  /// A reply sharing its tag with others (Flet's ""): which candidate its request expects.
  virtual MessageIndex expected_reply(std::string_view correlation_id,
                                      const MessageIndex* candidates, std::size_t count) = 0;
  /// A payload that did not decode and breaks no rule the schema closes for: the reply to
  /// send (the session stays open), or nullopt for the default policy.
  virtual std::optional<std::string> undecodable(const DecodeError& error,
                                                 std::optional<std::int64_t> seq) = 0;
  /// The peer acknowledged an event this side sent (ack correlation).
  virtual void acked(const std::string& event_id) { (void)event_id; }

 protected:
  ~SessionDelivery() = default;
};

/// The facts of a payload this side encoded without a header (raw sends): decodes it.
MessageFacts decoded_facts(const ProtocolSpec& spec, std::string_view text, Side from);
/// The facts of `message`: its own, or (raw text) decoded from it.
inline MessageFacts facts_of(const ProtocolSpec& spec, const Outgoing& message, Side from) {
  return message.has_facts() ? message.facts : decoded_facts(spec, message.text, from);
}

class SessionCore final : public InboundSink, public SessionServices {
 public:
  struct WriteInfo {
    std::optional<std::int64_t> seq;  ///< the payload's seq when this side counts what it sends
    bool handshake = false;           ///< the payload was the handshake's first message
  };

  SessionCore(const ProtocolSpec& spec, SessionConfig config, asio::io_context& loop,
              asio::io_context::strand& strand, SessionTransport& transport,
              SessionDelivery& delivery);
  ~SessionCore();
  SessionCore(const SessionCore&) = delete;
  SessionCore& operator=(const SessionCore&) = delete;

  /// Arms the handshake deadline when the peer opens the handshake.
  void start();
  /// Cancels the timers; afterwards nothing more is written or closed.
  void shutdown();
  bool closed() const noexcept { return closed_; }

  /// One incoming frame.
  void on_frame(bool binary, std::string_view payload);

  WriteInfo write(const std::string& text, const MessageFacts& facts);
  /// Writes an event stamped with `id` and tracks it until acked.
  void write_event(const std::string& id, const std::string& text, const MessageFacts& facts);
  void write_ack(std::string_view event_id);

  void close(std::uint16_t code, const std::string& reason);
  /// The post-handshake policy for a payload server code found invalid: a reply (delivery's,
  /// or the schema's undecodable reply) keeps the session; otherwise it closes. During the
  /// handshake it closes with the handshake_undecodable code.
  void undecodable(const std::string& error, std::optional<std::int64_t> seq, bool handshake);

  Correlation& correlation() noexcept { return *correlation_; }
  bool awaiting_handshake() const noexcept { return awaiting_peer_handshake_; }

  // SessionServices
  asio::io_context& loop() override { return loop_; }
  asio::io_context::strand& strand() override { return strand_; }
  void write_runtime_text(const std::string& text) override;
  void violation(Condition condition, const std::string& reason) override;
  void acked(const std::string& id) override { delivery_.acked(id); }

 private:
  // InboundSink: the codec's outcome for the frame being handled.
  MessageIndex expected_reply(std::string_view correlation_id, const MessageIndex* candidates,
                              std::size_t count) override;
  void on_decoded(const FrameHeader& header, TypedRef value) override;
  void on_undecodable(const DecodeError& error) override;

  // The steps of an incoming frame.
  bool frame_rules(bool binary);
  void binary_frame(std::string_view data);
  bool first_is(const FrameHeader& header, MessageIndex expected);
  bool handshake_step(const FrameHeader& header, bool& is_handshake);
  bool peer_success_step(const FrameHeader& header);
  bool repeated_handshake_step(const FrameHeader& header, bool is_handshake,
                               std::optional<std::int64_t> seq);
  void deliver(const FrameHeader& header, TypedRef value, bool is_handshake,
               std::optional<std::int64_t> seq);
  /// A reply (the role's, else the schema's) or a close, for what did not decode.
  void undecodable_policy(const DecodeError& error, std::optional<std::int64_t> seq);

  /// One line through SessionConfig::log, else to stderr.
  void log_line(const std::string& line);

  Side peer() const noexcept { return config_.local == Side::server ? Side::client : Side::server; }

  const ProtocolSpec& spec_;
  SessionConfig config_;
  asio::io_context& loop_;
  asio::io_context::strand& strand_;
  SessionTransport& transport_;
  SessionDelivery& delivery_;
  std::unique_ptr<Correlation> correlation_;
  asio::steady_timer handshake_timer_;
  RateLimiter rate_;       ///< the peer's message rate, enforced by a server
  std::string_view text_;  ///< the payload being handled
  bool awaiting_peer_handshake_ = false;
  bool sent_own_handshake_ = false;
  bool awaiting_peer_success_ = false;  ///< sent our handshake; the peer must answer it first
  bool closed_ = false;
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

/// Cuts a close reason to the 123 bytes a close frame allows, on a UTF-8 boundary.
std::string clip_close_reason(std::string reason);

}  // namespace wirekit::detail
