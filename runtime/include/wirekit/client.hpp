// wirekit::Client: a WebSocket (ws://) client whose session rules come from a ProtocolSpec.
//
// Threading model: the Client owns one asio::io_context run on one thread, started by
// the constructor and joined by stop() (and the destructor). Every handler (on_open,
// on_message, on_close, on_reconnected, request callbacks) and every RequestBuilder /
// EventBuilder runs on that thread. Register handlers before connect(). send(),
// request(), cancel(), send_event(), send_ack() and close() may be called from any
// thread: from another thread they post to the loop and return at once (posted
// operations run in call order); from inside a handler they run at once, so what
// user code writes keeps its order relative to what the runtime writes itself (an
// undecodable reply, an auto-ack after the handler returns). connect() blocks and must not be
// called from a handler; neither may stop() or the destructor.
//
// Requests (spec.correlation): kind echo: the runtime makes a per-connection unique id
// (decimal counter), build(id) writes it into request_field, the reply carrying it in
// response_field completes the request. Kind sequence: the client counts the text frames
// it sends as the server does (the reset message sets the counter); build(id) receives
// the seq the frame will get, and the reply whose seq_field equals it completes the
// request. A request whose text is the handshake's first message completes with the
// handshake's success message. Replies may come in any order. Matched replies go only to
// the request's callback; every other message goes to on_message. A request fails with
// a SessionErrc after its timeout, on cancel(), or at once when the connection closes
// (pending requests are never resent after a reconnection).
//
// Backpressure: as for wirekit::Server, a send that would push the unsent data past
// send_queue_max_bytes closes the connection with 1008.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wirekit/backoff.hpp"
#include "wirekit/close_info.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/protocol_spec.hpp"
#include "wirekit/session_error.hpp"
#include "wirekit/session_messages.hpp"

namespace wirekit {

using RequestId = std::uint64_t;
/// Makes the request's text around the correlation id the runtime chose.
using RequestBuilder = std::function<std::string(std::string_view id)>;
using ReplyCallback = std::function<void(Reply)>;

struct RequestOptions {
  /// Per-request timeout; nullopt: ClientOptions::request_timeout_ms, else
  /// spec.correlation.timeout_ms. 0: no timeout.
  std::optional<std::uint32_t> timeout_ms;
};

struct ClientOptions {
  std::size_t max_message_bytes = 0;            ///< 0: spec.transport.max_message_bytes
  std::size_t send_queue_max_bytes = 8u << 20;  ///< see the header comment
  std::uint32_t connect_timeout_ms = 5000;      ///< TCP connect plus WebSocket upgrade
  std::uint32_t close_timeout_ms = 1000;        ///< wait for the peer's close frame, then drop TCP
  std::optional<std::uint32_t> request_timeout_ms;
  std::optional<std::uint32_t> handshake_within_ms;  ///< overrides spec.session.handshake.within_ms
  std::optional<std::uint32_t>
      ack_deadline_ms;   ///< overrides the spec's and the negotiated deadline
  bool auto_ack = true;  ///< ack incoming events after on_message returns
  /// Decode every incoming payload with the generated codec (ProtocolSpec::validate) and
  /// treat one that breaks a field rule like the schema says: the close code for
  /// missing_field / wrong_type / invalid_value if it has one, else as undecodable.
  bool validate_payloads = true;
  ReconnectOptions reconnect;
  /// Extra upgrade request headers, e.g. {"Authorization", "Bearer <token>"}.
  std::vector<std::pair<std::string, std::string>> headers;
};

class Client {
 public:
  /// `spec` must outlive the Client.
  explicit Client(const ProtocolSpec& spec, ClientOptions options = {});
  /// Stops like stop(), but without calling handlers any more: what they use may already
  /// be destroyed. Call stop() first to see the final on_close call.
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// After the first successful connect (and its handshake message, if set).
  void on_open(std::function<void()> handler);
  void on_message(std::function<void(const Incoming&)> handler);
  /// Each time the connection ends (also before each reconnection attempt series).
  void on_close(std::function<void(const CloseInfo&)> handler);
  /// After each successful reconnection, so SDK code can restore state (resubscribe...).
  void on_reconnected(std::function<void(Client&)> handler);
  /// Reconnection gave up after ReconnectOptions::max_attempts failed attempts.
  void on_gave_up(std::function<void()> handler);
  /// A message sent first on every connection, including each reconnection (the
  /// handshake's first message, e.g. IDENTIFY).
  void set_handshake(std::function<std::string()> build);

  /// Connects to ws://host:port<path> (path defaults to spec.transport.path) and waits
  /// until the connection is open or failed.
  ConnectResult connect(const std::string& host, std::uint16_t port, std::string path = {});
  bool is_open() const noexcept;

  /// Sends a text frame; dropped when there is no open connection.
  void send(std::string text);
  /// Sends build(id) and calls `done` once with the reply or the error.
  RequestId request(RequestBuilder build, ReplyCallback done, RequestOptions options = {});
  std::future<Reply> request_future(RequestBuilder build, RequestOptions options = {});
  /// Fails the request with SessionErrc::cancelled if it is still pending.
  void cancel(RequestId id);

  /// Ack kind: stamps a fresh UUID and Timestamp::now(), sends build(id, sent_at) and
  /// tracks the event until the peer acks it.
  void send_event(EventBuilder build);
  void send_ack(std::string event_id);

  /// Closes the connection (no reconnection follows).
  void close(std::uint16_t code = 1000, std::string reason = {});
  /// Closes, fails pending requests with SessionErrc::stopped and joins the loop thread.
  void stop();

  std::size_t pending_requests() const;
  std::size_t pending_acks() const;
  /// The seq the next counted frame will get (kind sequence).
  std::int64_t next_seq() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wirekit
