// wirekit::Server: a WebSocket (ws://) server whose session rules come from a ProtocolSpec.
//
// Threading model: the Server owns one asio::io_context run on one thread that it
// starts in start() and joins in stop(). Every handler (on_open, on_message, on_close,
// on_undecodable) runs on that thread, one at a time, so server code needs no locks for
// state touched only from handlers. Register handlers before start(). send(),
// send_event(), send_ack(), close*() and report_violation() may be called from any
// thread: from another thread they post to the loop and return at once (posted
// operations run in call order); from inside a handler they run at once, so what
// user code writes keeps its order relative to what the runtime writes itself (an
// undecodable reply, an auto-ack after the handler returns). The query functions (pending_acks,
// ...) run on the loop and wait for it. Do not call stop() or the destructor from a handler.
//
// Backpressure: each connection's unsent data is bounded by
// ServerOptions::send_queue_max_bytes. A send that would exceed it closes that
// connection with 1008 ("send queue full") instead of queueing; since a peer that does
// not read never receives the close frame, the TCP connection is dropped
// close_timeout_ms later. Other connections are not affected.
//
// A message larger than the maximum size closes the connection with 1009 (the
// WebSocket library enforces the limit while reading; Condition::too_large's schema code
// is not used for it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "wirekit/close_info.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/protocol_spec.hpp"
#include "wirekit/session_messages.hpp"

namespace wirekit {

using ConnectionId = std::uint64_t;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;                       ///< 0: an ephemeral port, see Server::port()
  std::size_t max_message_bytes = 0;            ///< 0: spec.transport.max_message_bytes
  std::size_t send_queue_max_bytes = 8u << 20;  ///< per connection, see the header comment
  std::uint32_t close_timeout_ms = 1000;        ///< wait for the peer's close frame, then drop TCP
  std::uint32_t shutdown_grace_ms = 300;        ///< stop(): wait this long for clean closes
  std::optional<std::uint32_t> handshake_within_ms;  ///< overrides spec.session.handshake.within_ms
  std::optional<std::uint32_t>
      ack_deadline_ms;  ///< overrides the spec's and the negotiated deadline
  bool auto_ack =
      true;  ///< ack incoming events after on_message returns (see Incoming::take_over_ack)
  /// Decode every incoming payload with the generated codec (ProtocolSpec::validate) and
  /// treat one that breaks a field rule like the schema says: the close code for
  /// missing_field / wrong_type / invalid_value if it has one, else as undecodable.
  bool validate_payloads = true;
  /// For specs with bearer auth (transport.bearer_auth): called with the token of the
  /// upgrade's "Authorization: Bearer <token>" header; false, or no such header, refuses
  /// the upgrade with 401. Unset: every upgrade is accepted.
  std::function<bool(std::string_view token)> authorize;
};

class Server {
 public:
  /// `spec` must outlive the Server.
  explicit Server(const ProtocolSpec& spec, ServerOptions options = {});
  /// Stops like stop(), but without calling handlers any more: what they use may already
  /// be destroyed. Call stop() first to see the final on_close calls.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void on_open(std::function<void(ConnectionId)> handler);
  void on_message(std::function<void(ConnectionId, const Incoming&)> handler);
  void on_close(std::function<void(ConnectionId, const CloseInfo&)> handler);
  /// After the handshake, for a payload that is not a valid message (not a JSON object,
  /// no or unknown tag), or one server code reports with report_undecodable(): return
  /// the reply to send (the connection stays open) or nullopt to close with the spec's
  /// undecodable code. Without this handler the runtime sends
  /// {"<tag_key>":"<undecodable_reply_tag>","<seq_field>":seq,"desc":error} when the
  /// spec names such a reply, and closes otherwise.
  void on_undecodable(std::function<std::optional<std::string>(ConnectionId, std::string_view error,
                                                               std::optional<std::int64_t> seq)>
                          handler);

  /// Listens and starts the loop thread. Throws std::runtime_error when it cannot listen.
  void start();
  /// The port listened on (the ephemeral one when ServerOptions::port was 0).
  std::uint16_t port() const noexcept;
  /// Closes every connection with 1001, stops listening and joins the loop thread;
  /// returns within about shutdown_grace_ms. Idempotent.
  void stop();

  void send(ConnectionId connection, std::string text);
  /// Ack kind: stamps a fresh UUID and Timestamp::now(), sends build(id, sent_at) and
  /// tracks the event until the peer acks it.
  void send_event(ConnectionId connection, EventBuilder build);
  /// Ack kind: acknowledges an event whose acking server code took over.
  void send_ack(ConnectionId connection, std::string event_id);
  void close(ConnectionId connection, std::uint16_t code, std::string reason = {});
  /// Closes with the spec's code of that name (e.g. "DUPLICATE_AUTH"); false when the
  /// spec has no such name (nothing is closed then).
  bool close_named(ConnectionId connection, std::string_view code_name, std::string reason = {});
  /// Closes with the spec's code for `condition` (e.g. missing_field found by a codec).
  void report_violation(ConnectionId connection, Condition condition, std::string reason);
  /// Applies the undecodable policy (reply or close, as on_undecodable describes) to the
  /// payload being handled, e.g. when the generated codec rejects it. During the
  /// handshake this closes with the handshake_undecodable code.
  void report_undecodable(ConnectionId connection, std::string error);

  std::size_t connection_count() const;
  /// Ack kind: events sent on `connection` not yet acked (0 for an unknown connection).
  std::size_t pending_acks(ConnectionId connection) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wirekit
