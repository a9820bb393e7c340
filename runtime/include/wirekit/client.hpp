// wirekit::Client: a WebSocket client (ws:// or wss://) whose session rules come from a
// ProtocolSpec. Generated client stubs (<name>_client.hpp) are built on it; it can also be used
// directly with raw JSON text.
//
// Threading: the Client runs on its own thread (started by the constructor, joined by stop()
// and the destructor) or on an io_context the user owns and runs on ONE thread
// (EndpointOptions::io_context; several Clients and Servers may share it). Every handler,
// callback and builder runs on that thread, one at a time. Register handlers before connect().
// Every other function may be called from any thread: from a handler it runs at once, so what
// user code writes keeps its order relative to what the runtime writes itself; otherwise it is
// queued to the loop in call order. connect() and the query functions wait for the loop, so do
// not call them from a handler (connect() there fails at once); neither stop() nor the
// destructor.
//
// Requests: the runtime chooses each request's correlation (echo: a fresh id the builder writes
// into the request; sequence: the number the request gets) and completes the request with the
// reply that carries it, in any order. A request fails with a SessionErrc after its timeout, on
// cancel(), or at once when the connection closes (requests are never resent after a
// reconnection).
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
#include "wirekit/endpoint_options.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/outgoing.hpp"
#include "wirekit/protocol_spec.hpp"
#include "wirekit/session_error.hpp"
#include "wirekit/stream_end.hpp"
#include "wirekit/tls_options.hpp"

namespace wirekit {

using RequestId = std::uint64_t;

struct RequestOptions {
  /// Per-request timeout; nullopt: ClientOptions::request_timeout_ms, else the schema's
  /// correlation.timeout_ms. 0: no timeout.
  std::optional<std::uint32_t> timeout_ms;
};

struct ClientOptions : EndpointOptions {
  /// TCP connect, TLS, the WebSocket upgrade and the protocol's handshake together.
  std::uint32_t connect_timeout_ms = 5000;
  std::optional<std::uint32_t> request_timeout_ms;
  ReconnectOptions reconnect;
  /// Extra upgrade request headers, e.g. {"Authorization", "Bearer <token>"}.
  std::vector<std::pair<std::string, std::string>> headers;
  /// Connect with wss://, verifying the server as these options say.
  std::optional<ClientTlsOptions> tls;
};

class Client {
 public:
  /// Makes the request's payload around the correlation id the runtime chose.
  using RequestBuilder = std::function<Outgoing(std::string_view id)>;
  using ReplyHandler = std::function<void(ReplyView&&)>;
  using StreamHandler = std::function<void(const Incoming&)>;
  using StreamEndHandler = std::function<void(const StreamEnd&)>;
  /// Makes a stream's opening message; `key` is a fresh id when the schema has the runtime
  /// fill in the stream's key (StreamSpec::generated_key), else empty.
  using StreamBuilder = std::function<Outgoing(std::string_view key)>;
  /// Makes the cancel message(s) for `keys`: those of a cancelled stream no other open stream
  /// of the same kind still holds.
  using CancelBuilder = std::function<std::vector<Outgoing>(const std::vector<std::string>& keys)>;

  /// `spec` must outlive the Client.
  explicit Client(const ProtocolSpec& spec, ClientOptions options = {});
  /// Stops like stop(), but without calling handlers any more: what they use may already be
  /// gone. Call stop() first to see the final on_close call.
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Every message that is not a reply to a pending request, a stream's message or the
  /// handshake's.
  void on_message(std::function<void(const Incoming&)> handler);
  /// The handshake's message each time a connection completes it: the server's success reply
  /// when the client opens the handshake, the server's first message when the server does.
  void on_handshake(std::function<void(const Incoming&)> handler);
  /// Each time an open connection ends.
  void on_close(std::function<void(const CloseInfo&)> handler);
  /// After each successful reconnection (and its handshake), to restore state.
  void on_reconnected(std::function<void()> handler);
  /// Reconnection gave up after ReconnectOptions::max_attempts failed attempts.
  void on_gave_up(std::function<void()> handler);
  /// A message that did not decode (or a reply nobody waits for); the session goes on unless
  /// the schema closes for it.
  void on_undecodable(std::function<void(const DecodeError&, std::string_view text)> handler);
  /// The send queue fell below the low watermark after passing the high one.
  void on_drain(std::function<void()> handler);
  /// The message sent first on every connection (the handshake's first message, e.g.
  /// IDENTIFY), each reconnection included: a generated message's Outgoing, or raw text (the
  /// runtime then decodes it to apply the session rules).
  void set_handshake(std::function<Outgoing()> build);

  /// Connects to ws[s]://host:port<path> (path defaults to the schema's) and waits until the
  /// connection is open and the protocol's handshake is complete, or failed. On the loop
  /// thread it fails at once (SessionErrc::connect_failed); when no thread runs a user
  /// io_context it gives up after connect_timeout_ms (SessionErrc::timeout).
  ConnectResult connect(const std::string& host, std::uint16_t port, std::string path = {});
  /// As connect(), without waiting: the future is set once the connection is open and its
  /// handshake complete, or failed (within connect_timeout_ms of the loop starting it). For a
  /// caller that runs the client's io_context itself (wirekit/run_until_ready.hpp), or a
  /// handler on the loop thread, where connect() would block the loop it waits for.
  std::future<ConnectResult> connect_future(const std::string& host, std::uint16_t port,
                                            std::string path = {});
  bool is_open() const noexcept;

  /// Sends a payload; false when there is no open connection or the queue is full.
  bool send(Outgoing message);
  /// Sends raw JSON text (the runtime decodes it to apply the session rules). False also
  /// when `text` is not valid UTF-8, which a text frame must be; nothing is sent then.
  bool send(std::string text);

  /// Sends build(id) and calls `done` once, on the loop, with the reply or the error.
  RequestId request_message(RequestBuilder build, ReplyHandler done, RequestOptions options = {});
  /// Raw text: sends build(id) and calls `done` with a copy of the reply's text.
  RequestId request(std::function<std::string(std::string_view id)> build,
                    std::function<void(Reply)> done, RequestOptions options = {});
  std::future<Reply> request_future(std::function<std::string(std::string_view id)> build,
                                    RequestOptions options = {});
  /// Fails the request with SessionErrc::cancelled if it is still pending.
  void cancel(RequestId id);

  /// Sends the stream's opening message `build` makes and routes the stream's messages to
  /// `on_item` until an end or failure message, cancel_stream(), drop_stream(), a cancel
  /// message naming all its keys, or the connection's end, each reported once to `on_end`.
  /// Several streams may hold one key: each gets every item and each is ended by an end or
  /// failure for it. A generated key (StreamSpec::generated_key) still open on another stream
  /// is refused (SessionErrc::duplicate_stream_key).
  StreamId open_stream(StreamBuilder build, StreamHandler on_item, StreamEndHandler on_end);
  /// Ends the stream as cancelled and sends the cancel messages `cancel` makes for the keys no
  /// other open stream of the same kind still holds (none when every key is still held).
  void cancel_stream(StreamId stream, CancelBuilder cancel = {});
  /// Ends the stream as cancelled without sending anything (a stream the peer never
  /// registered, e.g. one it refused).
  void drop_stream(StreamId stream);
  /// Gives the stream `timeout_ms` for one more item than the `items_seen` it has delivered
  /// to its item handler: when none arrives by then, the stream is cancelled as by
  /// cancel_stream(stream, cancel), except that its end handler is told SessionErrc::timeout.
  /// Nothing happens when it has delivered more already or has ended.
  void expect_stream_item(StreamId stream, std::uint64_t items_seen, std::uint32_t timeout_ms,
                          CancelBuilder cancel = {});

  /// Ack correlation: sends an event stamped with a fresh UUID and the current time by
  /// `build(id, sent_at)` and tracks it until the peer acks it; returns the id. `acked`, if
  /// given, is called once: with code `ok` when the peer acks the event, else with why it
  /// will not be (not_connected, disconnected when the connection ends first, which includes
  /// a missed ack deadline, stopped).
  std::string send_event(EventBuilder build, AckHandler acked = {});
  void send_ack(std::string event_id);

  /// Closes the connection (no reconnection follows).
  void close(std::uint16_t code = 1000, std::string reason = {});
  /// Closes, fails pending requests and streams with SessionErrc::stopped, and joins the loop
  /// thread (own loop).
  void stop();

  std::size_t pending_requests() const;
  std::size_t pending_acks() const;
  std::size_t queued_bytes() const;
  /// The seq the next counted payload gets (sequence correlation).
  std::int64_t next_seq() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wirekit
