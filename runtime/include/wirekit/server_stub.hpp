// What every generated server stub (<name>_server.hpp) is built from: a wirekit::Server, a
// per-connection Session carrying a user state object, typed replies that fill in the
// correlation themselves, the handshake's accept-or-refuse, stream writers and typed sends.
// `ToClient` is the protocol's generated variant of the messages the server sends; `Hooks` its
// generated `<name>::detail::Hooks`, through which the stub fills in correlation.
//
// Replies, stream writers and sends may be used later (after async work) and from any thread,
// as long as the server stub lives.
//
// Named groups (wirekit/groups.hpp): a session or a stream joins a group by name, and
// send_to_group() reaches every member, a session by a plain send, a stream by a push (as its
// StreamWriter pushes). A closed session, and a stream that ends, fails or is cancelled, leaves
// its groups by itself.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "wirekit/codegen/make_outgoing.hpp"
#include "wirekit/codegen/reply_to.hpp"
#include "wirekit/codegen/server_access.hpp"
#include "wirekit/outcome.hpp"
#include "wirekit/outgoing.hpp"
#include "wirekit/serve.hpp"
#include "wirekit/server.hpp"

namespace wirekit {

/// The state type of a server stub whose user keeps none per connection.
struct NoState {};

template <class State, class ToClient, class Hooks>
class ServerStub;

/// One connection as a handler sees it.
template <class State>
class Session {
 public:
  Session(Server& server, ConnectionId id, State& state, std::optional<std::int64_t> seq,
          std::atomic<bool>* handshaken = nullptr)
      : server_(&server), id_(id), state_(&state), seq_(seq), handshaken_(handshaken) {}
  ConnectionId id() const noexcept { return id_; }
  /// Whether the session counts as handshaken, and so is listed by connections() and reached
  /// by broadcast(): see ServerStub::connections().
  bool handshaken() const noexcept { return !handshaken_ || handshaken_->load(); }
  /// The seq of the payload being handled (sequence correlation), else nullopt.
  std::optional<std::int64_t> seq() const noexcept { return seq_; }
  /// The user's state for this connection, created when it opened.
  State& state() noexcept { return *state_; }
  /// Closes the connection with `code` (e.g. one of the protocol's close_code constants).
  void close(std::uint16_t code, std::string reason = {}) {
    server_->close(id_, code, std::move(reason));
  }

 private:
  Server* server_;
  ConnectionId id_;
  State* state_;
  std::optional<std::int64_t> seq_;
  std::atomic<bool>* handshaken_;
  template <class, class, class>
  friend class ServerStub;
};

/// A handshake handler's decision: accept with the typed success message, or refuse with a
/// close code (one of the protocol's close_code constants) and a reason.
template <class Success>
class Accept {
 public:
  struct Refusal {
    std::uint16_t code = 0;
    std::string reason;
  };
  Accept(Success message) : value_(std::move(message)) {}  // NOLINT: implicit
  Accept(Refusal refusal) : value_(std::move(refusal)) {}  // NOLINT: implicit
  static Accept refuse(std::uint16_t code, std::string reason) {
    return Accept(Refusal{code, std::move(reason)});
  }
  Success* accepted() noexcept { return std::get_if<Success>(&value_); }
  const Refusal* refused() const noexcept { return std::get_if<Refusal>(&value_); }

 private:
  std::variant<Success, Refusal> value_;
};

template <class Successes, class Errors, class Hooks>
class Responder;

/// Answers one request with one of its replies or errors (the schema's `interactions`),
/// filling in the correlation. Copies share one answer: only the first call sends.
/// `reply(x)` returns nothing, so a void handler may end with `return reply(x);`; send(x)
/// does the same and says whether it was sent.
template <class... S, class... E, class Hooks>
class Responder<OneOf<S...>, OneOf<E...>, Hooks> {
 public:
  Responder(Server& server, ConnectionId connection, ReplyTo to)
      : server_(&server),
        connection_(connection),
        to_(std::make_shared<ReplyTo>(std::move(to))),
        answered_(std::make_shared<std::atomic<bool>>(false)) {}

  /// Sends `reply` (unless this request was already answered).
  template <class M, class = std::enable_if_t<detail::one_of_v<M, S..., E...>>>
  void operator()(M reply) const {
    send(std::move(reply));
  }
  /// Sends `reply`; false when this request was already answered or the connection is gone.
  template <class M, class = std::enable_if_t<detail::one_of_v<M, S..., E...>>>
  bool send(M reply) const {
    if (answered_->exchange(true)) return false;
    Hooks::set_reply_to(reply, *to_);
    return server_->send(connection_, make_outgoing<Hooks>(reply));
  }
  bool answered() const noexcept { return answered_->load(); }
  ConnectionId connection() const noexcept { return connection_; }

 private:
  Server* server_;
  ConnectionId connection_;
  std::shared_ptr<const ReplyTo> to_;
  std::shared_ptr<std::atomic<bool>> answered_;
};

namespace detail {
/// Whether the protocol has a `Hooks::set_stream_key(M&, std::string_view)`: generated for the
/// messages of streams with a generated key.
template <class Hooks, class M, class = void>
struct has_stream_key : std::false_type {};
template <class Hooks, class M>
struct has_stream_key<
    Hooks, M, std::void_t<decltype(Hooks::set_stream_key(std::declval<M&>(), std::string_view()))>>
    : std::true_type {};

/// Pushes an encoded message on an open stream as StreamWriter::push does: nothing when the
/// stream no longer takes it, and an item that is one of the stream's ends or failures by its
/// value ends the stream.
inline bool push_on_stream(Server& server, ConnectionId connection, StreamId stream, Outgoing out) {
  const StreamRole role = ServerAccess::stream_role(server, connection, stream, out);
  if (role == StreamRole::none) return false;
  const bool sent = server.send(connection, std::move(out));
  if (role == StreamRole::end || role == StreamRole::failure) server.end_stream(connection, stream);
  return sent;
}
}  // namespace detail

template <class Items, class Ends, class Hooks>
class StreamWriter;

/// The server's side of one stream a client opened: push items until it ends, the client
/// cancels it, or the connection closes. When the schema has the runtime fill in the stream's
/// key (`key: {generated: true}`), the writer stamps the request's key into every item and end
/// it sends (through the protocol's generated `Hooks::set_stream_key`).
template <class... I, class... End, class Hooks>
class StreamWriter<OneOf<I...>, OneOf<End...>, Hooks> {
 public:
  StreamWriter(Server& server, ConnectionId connection, StreamId id)
      : server_(&server), connection_(connection), id_(id) {
    if (std::string key = detail::ServerAccess::generated_stream_key(server, connection, id);
        !key.empty())
      key_ = std::make_shared<const std::string>(std::move(key));
  }

  /// Sends one item; false once the stream is no longer open, or when the client has
  /// cancelled the item's key (a partial cancel) while the stream goes on for its other keys.
  /// An item whose value makes it one of the stream's ends or failures (`when:` in the
  /// schema) ends the stream, as end() does.
  template <class M, class = std::enable_if_t<detail::one_of_v<M, I...>>>
  bool push(const M& item) const {
    return detail::push_on_stream(*server_, connection_, id_, outgoing(item));
  }
  /// Ends the stream, sending one of its end or failure messages when the schema has them.
  template <class M, class = std::enable_if_t<detail::one_of_v<M, End...>>>
  bool end(const M& message) const {
    if (!is_open()) return false;
    const bool sent = server_->send(connection_, outgoing(message));
    server_->end_stream(connection_, id_);
    return sent;
  }
  /// Ends the stream without a message.
  void end() const { server_->end_stream(connection_, id_); }
  bool is_open() const { return server_->stream_open(connection_, id_); }
  StreamId id() const noexcept { return id_; }
  ConnectionId connection() const noexcept { return connection_; }
  /// The key the runtime generated for the stream (empty when the schema has none).
  const std::string& key() const noexcept {
    static const std::string none;
    return key_ ? *key_ : none;
  }

 private:
  template <class M>
  Outgoing outgoing(const M& message) const {
    if constexpr (detail::has_stream_key<Hooks, M>::value) {
      if (key_) {
        M stamped = message;
        Hooks::set_stream_key(stamped, *key_);
        return make_outgoing<Hooks>(stamped);
      }
    }
    return make_outgoing<Hooks>(message);
  }

  Server* server_;
  ConnectionId connection_;
  StreamId id_;
  std::shared_ptr<const std::string> key_;
};

/// The runtime half of a generated server: connections and their state, typed sends.
template <class State, class ToClient, class Hooks>
class ServerStub {
 public:
  ServerStub(const ProtocolSpec& spec, ServerOptions options)
      : server_(spec, std::move(options)), handshake_(handshake_kind(spec)) {
    server_.on_open([this](ConnectionId id) {
      auto entry = std::make_shared<Entry>();
      entry->handshaken.store(handshake_ == Handshake::none);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        entries_[id] = entry;
      }
      server_.set_user_data(id, entry);
      Session<State> session(server_, id, entry->state, std::nullopt, &entry->handshaken);
      opened(session);  // sends the handshake's first message when the server opens it
      if (handshake_ == Handshake::server_opens) entry->handshaken.store(true);
    });
    server_.on_close([this](ConnectionId id, const CloseInfo& info) {
      std::shared_ptr<Entry> entry;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = entries_.find(id);
        if (it == entries_.end()) return;
        entry = std::move(it->second);
        entries_.erase(it);
      }
      Session<State> session(server_, id, entry->state, std::nullopt, &entry->handshaken);
      closed(session, info);
    });
    server_.on_message([this](ConnectionId id, const Incoming& in) {
      Entry* found = in.user_data.get<Entry>();
      if (!found) return;  // opened before this stub's on_open was set: not one of its own
      Entry& entry = *found;
      if (handshake_ == Handshake::client_opens_unanswered && in.handshake)
        entry.handshaken.store(true);
      Session<State> session(server_, id, entry.state, in.seq, &entry.handshaken);
      dispatch(session, in);
    });
    server_.on_stream_cancelled([this](ConnectionId id, StreamId stream) {
      if (auto entry = entry_of(id)) {
        Session<State> session(server_, id, entry->state, std::nullopt, &entry->handshaken);
        stream_cancelled(session, stream);
      }
    });
  }
  /// The generated server's destructor stops first: handlers are virtual.
  virtual ~ServerStub() = default;
  ServerStub(const ServerStub&) = delete;
  ServerStub& operator=(const ServerStub&) = delete;

  void start() { server_.start(); }
  void stop() { server_.stop(); }
  std::uint16_t port() const noexcept { return server_.port(); }
  /// Serves until SIGINT or SIGTERM (wirekit::serve_until_signal): starts unless started,
  /// calls `ready` with the port listened on, waits for the signal, stops cleanly and returns
  /// its number. A program's main() ends with it; no signal handling by hand.
  int run(const std::function<void(std::uint16_t port)>& ready = {}) {
    return serve_until_signal(server_, ready);
  }

  /// Sends one of the messages the server sends to one connection; false when it is gone.
  template <class M, class = std::enable_if_t<std::is_constructible_v<ToClient, const M&>>>
  bool send(ConnectionId to, const M& message) {
    return server_.send(to, make_outgoing<Hooks>(message));
  }
  /// To each of `to`, encoded once.
  template <class M, class = std::enable_if_t<std::is_constructible_v<ToClient, const M&>>>
  void send(const std::vector<ConnectionId>& to, const M& message) {
    server_.broadcast(to, make_outgoing<Hooks>(message));
  }
  /// To every connection connections() lists but `except` (0: none), encoded once: sessions
  /// still in their handshake get nothing.
  template <class M, class = std::enable_if_t<std::is_constructible_v<ToClient, const M&>>>
  void broadcast(const M& message, ConnectionId except = 0) {
    server_.broadcast(connections(except), make_outgoing<Hooks>(message));
  }
  /// The open connections past their handshake, but `except`, in no particular order. For a
  /// handshake the client opens: once its handler accepted and the success message was sent
  /// (without a success message in the schema: once the first message arrived); a refused or
  /// pending one is never listed. For a handshake the server opens: once on_open returned, its
  /// first message sent. Without a handshake: from on_open on. (Session::handshaken().)
  std::vector<ConnectionId> connections(ConnectionId except = 0) const {
    return listing(except, /*handshaking_too=*/false);
  }
  /// Every open connection (on_open ran), those still in their handshake too, but `except`.
  std::vector<ConnectionId> all_connections(ConnectionId except = 0) const {
    return listing(except, /*handshaking_too=*/true);
  }
  /// The state of an open connection (handshaken or not), or null.
  std::shared_ptr<State> state_of(ConnectionId id) const {
    auto entry = entry_of(id);
    return entry ? std::shared_ptr<State>(entry, &entry->state) : nullptr;
  }

  // ---- named groups (wirekit/groups.hpp) ----------------------------------------------------
  // A session, or a stream a client opened, joins a group by name; send_to_group() reaches
  // every member. A closed connection leaves its groups after on_close has run (so on_close
  // still sees groups_of() and members()); a stream leaves them when it ends, fails or closes
  // with its connection, and when the client cancels it, once the cancel message's handlers
  // (on_stream_cancelled, then the message's own) have run.

  /// Puts the session in `group`; false when it was in it already or has closed.
  bool join(const std::string& group, ConnectionId session) { return server_.join(group, session); }
  bool join(const std::string& group, const Session<State>& session) {
    return join(group, session.id());
  }
  /// Puts the stream in `group`: a send to the group is pushed on it. False when it was in it
  /// already or is no longer open.
  template <class Items, class Ends>
  bool join(const std::string& group, const StreamWriter<Items, Ends, Hooks>& stream) {
    return server_.join(group, stream.connection(), stream.id());
  }
  /// Takes the session (not its streams) out of `group`; false when it was not in it.
  bool leave(const std::string& group, ConnectionId session) {
    return server_.leave(group, session);
  }
  bool leave(const std::string& group, const Session<State>& session) {
    return leave(group, session.id());
  }
  template <class Items, class Ends>
  bool leave(const std::string& group, const StreamWriter<Items, Ends, Hooks>& stream) {
    return server_.leave(group, stream.connection(), stream.id());
  }
  /// Takes `member` (a session or a stream) out of `group`.
  bool leave(const std::string& group, const GroupMember& member) {
    return server_.leave(group, member.connection, member.stream);
  }
  /// The members of `group` (sessions: stream 0; streams), in the order they joined.
  std::vector<GroupMember> members(const std::string& group) const {
    return server_.groups().members(group);
  }
  /// The groups the session (not its streams) is in, by name.
  std::vector<std::string> groups_of(ConnectionId session) const {
    return server_.groups().groups_of(GroupMember{session, 0});
  }
  std::vector<std::string> groups_of(const Session<State>& session) const {
    return groups_of(session.id());
  }
  template <class Items, class Ends>
  std::vector<std::string> groups_of(const StreamWriter<Items, Ends, Hooks>& stream) const {
    return server_.groups().groups_of(GroupMember{stream.connection(), stream.id()});
  }
  /// Sends `message` to every member of `group` but those of connection `except` (0: none): a
  /// plain send to a session; on a stream, a push as its StreamWriter does (its generated key
  /// stamped in; an end or failure ends it; a stream that does not take the message is
  /// skipped). Encoded once, except for streams with a generated key, once per stream. Returns
  /// how many members it went to (sessions, and streams that took it).
  template <class M, class = std::enable_if_t<std::is_constructible_v<ToClient, const M&>>>
  std::size_t send_to_group(const std::string& group, const M& message, ConnectionId except = 0) {
    std::optional<Outgoing> once;
    const auto encoded = [&]() -> const Outgoing& {
      if (!once) once = make_outgoing<Hooks>(message);
      return *once;
    };
    std::vector<ConnectionId> sessions;
    std::size_t reached = 0;
    for (const GroupMember& member : server_.groups().members(group)) {
      if (member.connection == except) continue;
      if (member.is_session()) {
        sessions.push_back(member.connection);
        continue;
      }
      std::string key;
      if constexpr (detail::has_stream_key<Hooks, M>::value)
        key = detail::ServerAccess::generated_stream_key(server_, member.connection, member.stream);
      Outgoing out;
      if (key.empty()) {
        out = encoded();
      } else if constexpr (detail::has_stream_key<Hooks, M>::value) {
        M stamped = message;
        Hooks::set_stream_key(stamped, key);
        out = make_outgoing<Hooks>(stamped);
      }
      if (detail::push_on_stream(server_, member.connection, member.stream, std::move(out)))
        ++reached;
    }
    if (!sessions.empty()) {
      server_.broadcast(sessions, encoded());
      reached += sessions.size();
    }
    return reached;
  }
  /// The runtime server underneath, for what the stub does not cover.
  Server& runtime() noexcept { return server_; }

 protected:
  virtual void opened(Session<State>& session) = 0;
  virtual void closed(Session<State>& session, const CloseInfo& info) = 0;
  virtual void dispatch(Session<State>& session, const Incoming& in) = 0;
  virtual void stream_cancelled(Session<State>& session, StreamId stream) = 0;

  /// The handshake's decision: send the success message, or close.
  /// An accepted session is listed (connections()) once its success message is on its way:
  /// a broadcast never reaches it before that message.
  template <class Success>
  void answer_handshake(Session<State>& session, Accept<Success> decision) {
    if (const auto* refusal = decision.refused()) {
      session.close(refusal->code, refusal->reason);
    } else {
      server_.send(session.id(), make_outgoing<Hooks>(*decision.accepted()));
      if (session.handshaken_) session.handshaken_->store(true);
    }
  }
  /// A request nobody handles: the schema's undecodable reply (with the payload's seq), or a
  /// close with its undecodable code when it has none.
  void unhandled(Session<State>& session, const char* what) {
    server_.report_undecodable(session.id(), std::string("no handler for ") + what, session.seq());
  }
  /// Ack correlation: sends `event` stamped with a fresh id and the current time.
  template <class Event>
  void send_event(ConnectionId to, Event event) {
    server_.send_event(
        to, [event = std::move(event)](std::string_view id, std::string_view sent_at) mutable {
          Hooks::stamp_event(event, id, sent_at);
          return make_outgoing<Hooks>(event);
        });
  }
  static ReplyTo reply_to(const Incoming& in) {
    return ReplyTo{std::string(in.correlation_id), in.seq};
  }

  Server server_;

 private:
  /// What the stub keeps per connection (the runtime's user data): the user's state and
  /// whether the handshake completed.
  struct Entry {
    State state{};
    std::atomic<bool> handshaken{false};
  };
  std::shared_ptr<Entry> entry_of(ConnectionId id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : it->second;
  }
  std::vector<ConnectionId> listing(ConnectionId except, bool handshaking_too) const {
    std::vector<ConnectionId> out;
    std::lock_guard<std::mutex> lock(mutex_);
    out.reserve(entries_.size());
    for (const auto& [id, entry] : entries_)
      if (id != except && (handshaking_too || entry->handshaken.load())) out.push_back(id);
    return out;
  }

  /// When a session counts as handshaken (listed by connections()).
  enum class Handshake {
    none,                     ///< no handshake: from on_open on
    server_opens,             ///< once on_open returned (the server's first message sent)
    client_opens,             ///< once answer_handshake() sent the success message
    client_opens_unanswered,  ///< the client's first message is the whole handshake: once
                              ///< it arrived
  };
  static Handshake handshake_kind(const ProtocolSpec& spec) {
    const HandshakeSpec& h = spec.session.handshake;
    if (!h.present()) return Handshake::none;
    if (h.from == Side::server) return Handshake::server_opens;
    return h.success == kNoMessage ? Handshake::client_opens_unanswered : Handshake::client_opens;
  }
  const Handshake handshake_;
  mutable std::mutex mutex_;
  std::unordered_map<ConnectionId, std::shared_ptr<Entry>> entries_;
};

}  // namespace wirekit
