// wirekit::Server: a WebSocket server (ws:// or wss://) whose session rules come from a
// ProtocolSpec. Generated server stubs (<name>_server.hpp) are built on it; it can also be used
// directly with raw JSON text.
//
// Threading: the Server runs on its own thread (started by start(), joined by stop()) or on an
// io_context the user owns (EndpointOptions::io_context), which one or several threads may run.
// Handlers of one connection never run concurrently; with several threads, handlers of
// different connections may, so state they share needs a lock. On the own thread (the default)
// every handler runs on that one thread, one at a time. Register handlers before start().
// send(), send_event(), close() and the like may be called from any thread: from the
// connection's own handler they run at once, so what server code writes keeps its order
// relative to what the runtime writes itself (an undecodable reply, an auto-ack); otherwise
// they are queued to that connection in call order. Do not call stop() or the destructor from a
// handler. The destructor stops without calling handlers any more: what they use may already be
// gone. Call stop() first to see the final on_close calls. With a user io_context, call stop()
// from another thread while the loop runs (or destroy the Server after the loop has stopped).
//
// Flow control and limits: see EndpointOptions. A message larger than the maximum size closes
// its connection with 1009.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/close_info.hpp"
#include "wirekit/endpoint_options.hpp"
#include "wirekit/groups.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/outgoing.hpp"
#include "wirekit/protocol_spec.hpp"
#include "wirekit/tls_options.hpp"
#include "wirekit/typed_ref.hpp"

namespace wirekit {

using ConnectionId = std::uint64_t;
namespace detail {
class ServerAccess;
}

struct ServerOptions : EndpointOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  ///< 0: an ephemeral port, see Server::port()
  /// For specs with bearer auth (transport.bearer_auth): called with the token of the
  /// upgrade's "Authorization: Bearer <token>" header; false, or no such header, refuses the
  /// upgrade with 401. Unset: every upgrade is accepted.
  std::function<bool(std::string_view token)> authorize;
  /// Serve wss:// with this certificate and key.
  std::optional<ServerTlsOptions> tls;
  /// Bound on the memory all connections hold in messages: incoming messages while they are
  /// handled plus every connection's unsent data. At the bound, an incoming message closes its
  /// connection with 1013 ("server memory limit reached", try again later) before it is
  /// handled, and new upgrades are refused with HTTP 503. 0: no bound.
  std::size_t memory_limit_bytes = std::size_t{1} << 30;
  /// Hand memory back to the system: blocks of 1 MiB or more (large messages and their
  /// decoding) are mapped on their own and unmapped when freed, and free heap memory is
  /// trimmed when the messages held fall under 1 MiB after passing 8 MiB, and 1 s after the
  /// last connection closes (or after every 64 closes). With glibc this sets M_MMAP_THRESHOLD
  /// for the whole process at start(). The trim after a message over 1 MiB has been handled
  /// happens either way; false leaves the threshold alone and skips the other trims.
  bool return_memory_to_system = true;
  /// Where the server keeps its named groups (Server::join); null: a LocalGroupStore of its own.
  /// A cluster backplane supplies its store here (see wirekit/groups.hpp).
  std::shared_ptr<GroupStore> groups;
};

class Server {
 public:
  /// `spec` must outlive the Server.
  explicit Server(const ProtocolSpec& spec, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void on_open(std::function<void(ConnectionId)> handler);
  /// Every message that passed the session rules (a generated server stub dispatches here).
  void on_message(std::function<void(ConnectionId, const Incoming&)> handler);
  void on_close(std::function<void(ConnectionId, const CloseInfo&)> handler);
  /// After the handshake, for a payload that does not decode (or one server code reports with
  /// report_undecodable()) and that breaks no rule the schema closes for: the reply to send
  /// (the connection stays open), or nullopt for the schema's undecodable reply when it has
  /// one, else a close with its undecodable code.
  void on_undecodable(std::function<std::optional<std::string>(
                          ConnectionId, const DecodeError& error, std::optional<std::int64_t> seq)>
                          handler);
  /// A connection's unsent data fell below the low watermark after passing the high one.
  void on_drain(std::function<void(ConnectionId)> handler);
  /// A client cancelled a stream it opened (the schema's cancel message named all its keys).
  void on_stream_cancelled(std::function<void(ConnectionId, StreamId)> handler);

  /// Listens and starts the loop thread (own loop). Throws std::runtime_error when it cannot.
  void start();
  /// The port listened on (the ephemeral one when ServerOptions::port was 0).
  std::uint16_t port() const noexcept;
  /// True from start() until stop().
  bool running() const noexcept;
  /// Closes every connection with 1001, stops listening and (own loop) joins the loop thread;
  /// returns within about shutdown_grace_ms. Idempotent.
  void stop();

  /// Sends a payload encoded by a generated codec, with its header (`<name>::detail::Hooks`).
  /// False when the connection is unknown or closed.
  bool send(ConnectionId connection, Outgoing message);
  /// Sends raw JSON text (the runtime decodes it to apply the session rules). False also
  /// when `text` is not valid UTF-8, which a text frame must be; nothing is sent then.
  bool send(ConnectionId connection, std::string text);
  /// Sends the same payload to each connection; it is encoded once.
  void broadcast(const std::vector<ConnectionId>& connections, const Outgoing& message);
  /// Ack correlation: sends an event stamped with a fresh UUID and the current time by
  /// `build(id, sent_at)`, and tracks it until the peer acks it.
  void send_event(ConnectionId connection, EventBuilder build);
  /// Ack correlation: acknowledges an event whose ack server code took over.
  void send_ack(ConnectionId connection, std::string event_id);
  void close(ConnectionId connection, std::uint16_t code, std::string reason = {});
  /// Closes with the spec's code of that name (e.g. "DUPLICATE_AUTH"); false when the spec has
  /// no such name (nothing is closed then).
  bool close_named(ConnectionId connection, std::string_view code_name, std::string reason = {});
  /// Closes with the spec's code for `condition`.
  void report_violation(ConnectionId connection, Condition condition, std::string reason);
  /// Applies the undecodable policy (as on_undecodable describes) to the payload with `seq`,
  /// e.g. when server code finds a value invalid. During the handshake (`handshake`: the
  /// payload was the handshake's first message) it closes with the handshake_undecodable code.
  void report_undecodable(ConnectionId connection, std::string error,
                          std::optional<std::int64_t> seq, bool handshake = false);

  /// Flow control: the connection's unsent bytes, and pausing reading from it.
  std::size_t queued_bytes(ConnectionId connection) const;
  void pause_reading(ConnectionId connection);
  void resume_reading(ConnectionId connection);

  /// Data kept with the connection until it closes, handed to every on_message call as
  /// `Incoming::user_data` (read it with `in.user_data.get<T>()`). Set it in on_open.
  /// (Generated server stubs keep their per-connection state here.)
  template <class T>
  void set_user_data(ConnectionId connection, std::shared_ptr<T> data) {
    const TypedRef ref = data ? TypedRef(*data) : TypedRef();
    keep_user_data(connection, std::move(data), ref);
  }

  /// Ends a stream server code opened (the runtime stops matching it); no message is sent.
  void end_stream(ConnectionId connection, StreamId stream);
  /// Whether the stream is still open (not ended, cancelled or closed with its connection).
  bool stream_open(ConnectionId connection, StreamId stream) const;

  /// Named groups (wirekit/groups.hpp): puts the connection's session (`stream` 0) or one of
  /// its open streams in `group`. False when it was in it already, or when the connection (or
  /// stream) is no longer open: a closed connection leaves every group, and so does a stream
  /// that ends (end_stream(), an end or failure pushed) or closes with its connection, and one
  /// the client cancels. The leave follows on_close, or the cancel message's handlers
  /// (on_stream_cancelled, then on_message), so these still see the groups.
  bool join(const std::string& group, ConnectionId connection, StreamId stream = 0);
  /// Takes the session or stream out of `group`; false when it was not in it.
  bool leave(const std::string& group, ConnectionId connection, StreamId stream = 0);
  /// The membership store (its members() and groups_of()).
  GroupStore& groups() const noexcept;

  std::size_t connection_count() const;
  /// What the memory bound (ServerOptions::memory_limit_bytes) counts now; 0 without one.
  std::size_t memory_held() const;
  /// Ack correlation: events sent on `connection` not yet acked (0 for an unknown connection).
  std::size_t pending_acks(ConnectionId connection) const;

 private:
  friend class detail::ServerAccess;
  void keep_user_data(ConnectionId connection, std::shared_ptr<void> owner, TypedRef data);
  /// The key of an open stream whose schema has the runtime fill it in (the client's
  /// generated id, which the stream writer stamps into items and ends); empty otherwise.
  std::string generated_stream_key(ConnectionId connection, StreamId stream) const;
  /// What `message` is to the open stream (an item, or by its value an end or failure);
  /// none when the stream is not open, or when both the item and the stream have keys and
  /// none of the item's is among those the client has not cancelled (a cancel may name only
  /// some of a stream's keys).
  StreamRole stream_role(ConnectionId connection, StreamId stream, const Outgoing& message) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wirekit
