#include "wirekit/client.hpp"

#include <asio/post.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

#include "endpoint/endpoint_core.hpp"
#include "session/deadline_queue.hpp"
#include "session/request_table.hpp"
#include "transport/text_frame.hpp"
#include "transport/tls_context.hpp"
#include "transport/ws_wire.hpp"
#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit {

using detail::Connection;
using detail::ConnectionPtr;

namespace {

/// The websocketpp half of a Client, whatever its configuration (plain or TLS).
class ClientGlue {
 public:
  virtual ~ClientGlue() = default;
  /// Starts connecting; the outcome reaches the Impl. Returns an error text when the
  /// connection cannot even be created (a bad URI).
  virtual std::optional<std::string> connect(const std::string& uri, const std::string& host) = 0;
};

// A pending request's answer: the reply as received.
ReplyView reply_view(const Incoming& in) {
  ReplyView r;
  r.text = in.text;
  r.message = in.message;
  r.value = in.value;
  return r;
}

ReplyView failure(SessionErrc errc, std::string_view message) {
  ReplyView r;
  r.error = errc;
  r.error_message = message;
  return r;
}

SessionError session_error(SessionErrc errc, std::string message) {
  SessionError e;
  e.code = errc;
  e.message = std::move(message);
  return e;
}

}  // namespace

struct Client::Impl final : detail::ConnectionEvents {
  template <class Config>
  class WsGlue;

  Impl(const ProtocolSpec& s, ClientOptions o)
      : spec(s),
        options(std::move(o)),
        core(spec, options, /*refuse_when_full=*/true),
        deadlines(core.loop(), [this](std::uint64_t key, std::uint64_t id) { expired(key, id); }) {}

  struct ClientStream {
    /// Shared so that a call survives its handler cancelling its own stream.
    std::shared_ptr<const StreamHandler> on_item;
    StreamEndHandler on_end;
  };

  const ProtocolSpec& spec;
  ClientOptions options;
  detail::EndpointCore core;  // before glue: the websocketpp endpoint goes first
  detail::OrderedPost order;  ///< the user's calls, run on the loop (post())
  std::unique_ptr<ClientGlue> glue;
  std::atomic<bool> running{true};
  std::atomic<bool> open_flag{false};
  std::atomic<RequestId> next_request_id{0};
  std::atomic<StreamId> next_stream_id{0};
  std::uint64_t next_stream_key = 0;  ///< loop-side: the last generated stream key

  // Loop-side state.
  ConnectionPtr connection;  ///< the open connection, its handshake maybe still under way
  bool ready = false;        ///< the handshake is complete
  bool connecting = false;
  bool user_closed = false;
  bool stopping = false;
  std::uint32_t attempt = 0;
  std::string host, path;
  std::uint16_t port = 0;
  std::shared_ptr<std::promise<ConnectResult>> connect_promise;
  std::unique_ptr<asio::steady_timer> connect_timer, reconnect_timer, shutdown_timer;
  detail::RequestTable requests;
  /// Keys of `correlation: next` requests, oldest first (some may have completed since).
  static constexpr std::uint64_t kAwaitsNextKey = std::uint64_t{1} << 63;
  std::deque<std::uint64_t> awaiting_next;
  std::uint64_t next_ticket = 0;
  detail::DeadlineQueue deadlines;
  std::unordered_map<StreamId, ClientStream> streams;
  std::vector<detail::StreamRegistry::Match> stream_matches;  ///< reused for each message

  // The user's handlers (the destructor clears them all at once).
  struct Handlers {
    std::function<void(const Incoming&)> on_message;
    std::function<void(const Incoming&)> on_handshake;
    std::function<void(const CloseInfo&)> on_close;
    std::function<void()> on_reconnected;
    std::function<void()> on_gave_up;
    std::function<void(const DecodeError&, std::string_view)> on_undecodable;
    std::function<void()> on_drain;
  };
  Handlers handlers;
  std::unordered_map<std::string, AckHandler> ack_waiters;  ///< events sent with an AckHandler
  std::function<Outgoing()> handshake;

  /// Runs `f` on the loop: at once from a handler, else queued; in call order either way.
  template <class F>
  void post(F&& f) {
    order.run(core.loop(), std::forward<F>(f));
  }

  template <class F>
  auto run_on_loop(F f) -> decltype(f()) {
    if (!running.load() || core.on_loop_thread()) return f();
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    asio::post(core.loop(), [&task] { task(); });
    return result.get();
  }

  // ---- connecting ---------------------------------------------------------------------------

  /// Queues a connect on the loop; the future is set when it succeeds or fails (bounded by
  /// connect_timeout_ms once the loop runs it). `claimed`, if given, is set by whichever of
  /// the loop and a waiting caller comes first; the queued connect does nothing if it lost.
  std::future<ConnectResult> begin_connect(const std::string& host, std::uint16_t port,
                                           std::string path,
                                           std::shared_ptr<std::atomic<bool>> claimed);
  /// On the loop: starts connecting unless stopping or already connected.
  void connect_on_loop(std::shared_ptr<std::promise<ConnectResult>> promise,
                       const std::string& to_host, std::uint16_t to_port, std::string to_path);

  void finish_connect(ConnectResult result) {
    if (connect_timer) connect_timer->cancel();
    if (!connect_promise) return;
    connect_promise->set_value(std::move(result));
    connect_promise.reset();
  }

  void start_connect() {
    connecting = true;
    const std::string uri =
        std::string(options.tls ? "wss://" : "ws://") + host + ":" + std::to_string(port) + path;
    if (auto error = glue->connect(uri, host)) connect_failed(*error, 0);
  }

  void connect_failed(const std::string& message, int http_status) {
    connecting = false;
    if (connect_promise) {
      ConnectResult r;
      r.error = SessionErrc::connect_failed;
      r.message = message;
      r.http_status = http_status;
      finish_connect(std::move(r));
    } else if (!stopping && !user_closed) {
      schedule_reconnect();
    }
  }

  void schedule_reconnect() {
    const auto& rc = options.reconnect;
    if (rc.max_attempts != 0 && attempt >= rc.max_attempts) {
      if (handlers.on_gave_up) handlers.on_gave_up();
      return;
    }
    const auto delay = backoff_delay_ms(rc, attempt++);
    if (!reconnect_timer) reconnect_timer = std::make_unique<asio::steady_timer>(core.loop());
    reconnect_timer->expires_after(std::chrono::milliseconds(delay));
    reconnect_timer->async_wait(core.guarded([this](const std::error_code& ec) {
      if (!ec && !stopping && !user_closed) start_connect();
    }));
  }

  /// The WebSocket is open: the protocol's handshake starts.
  ConnectionPtr opened(std::unique_ptr<detail::Wire> wire) {
    connecting = false;
    connection = core.add(std::move(wire), Side::client, *this);
    connection->session().start();
    open_flag.store(true);
    attempt = 0;
    if (handshake) write(handshake());
    const auto& hs = spec.session.handshake;
    const bool waits = hs.present() && (hs.from == Side::server || hs.success != kNoMessage);
    if (!waits) handshake_done(nullptr);
    return connection;
  }

  void handshake_done(const Incoming* message) {
    ready = true;
    if (message && handlers.on_handshake) handlers.on_handshake(*message);
    // A connect() waits for this connection; otherwise it is a reconnection.
    if (connect_promise) {
      finish_connect(ConnectResult{});
    } else if (handlers.on_reconnected) {
      handlers.on_reconnected();
    }
  }

  void closed(const ConnectionPtr& c) {
    if (c != connection) return;
    const CloseInfo info = c->on_closed();
    const bool was_ready = ready;
    core.remove(c->id());
    connection.reset();
    ready = false;
    open_flag.store(false);
    const std::string why = "connection closed: " + std::to_string(info.code) +
                            (info.reason.empty() ? std::string() : " " + info.reason);
    fail_all(stopping ? SessionErrc::stopped : SessionErrc::disconnected, why);
    if (stopping) {
      finish_shutdown();
      return;
    }
    if (connect_promise) {  // closed before the handshake completed
      ConnectResult r;
      r.error = SessionErrc::handshake_failed;
      r.message = why;
      r.close = info;
      finish_connect(std::move(r));
      return;
    }
    (void)was_ready;
    if (handlers.on_close) handlers.on_close(info);
    if (!user_closed && options.reconnect.enabled) schedule_reconnect();
  }

  // ---- writing ------------------------------------------------------------------------------

  detail::OutgoingFacts facts(const Outgoing& message) const {
    if (message.message >= 0) return detail::OutgoingFacts(message);
    return detail::facts_of(spec, message.text, Side::client);
  }

  /// Writes on the open connection; false when there is none or its queue is full.
  bool write(const Outgoing& message) {
    if (!connection || connection->session().closed()) return false;
    if (connection->queued_bytes() > core.send_queue_max_bytes()) return false;
    connection->session().write(message.text, facts(message));
    cancels_streams(message);
    return true;
  }

  // ---- requests -----------------------------------------------------------------------------

  void issue(RequestId id, RequestBuilder& build, ReplyHandler done, RequestOptions ro) {
    if (stopping) return done(failure(SessionErrc::stopped, "client stopped"));
    if (!connection || !ready)
      return done(failure(SessionErrc::not_connected, "no connection with a completed handshake"));
    if (connection->queued_bytes() > core.send_queue_max_bytes())
      return done(failure(SessionErrc::queue_full, "send queue full"));
    auto& correlation = connection->session().correlation();
    std::string id_text;
    std::optional<std::uint64_t> key = correlation.next_request_key(id_text);
    const Outgoing message = build(id_text);
    const detail::OutgoingFacts f = facts(message);
    const auto info = connection->session().write(message.text, f);
    cancels_streams(message);
    if (!key && info.seq && *info.seq >= 0) key = static_cast<std::uint64_t>(*info.seq);
    if (const RequestSpec* rs = spec.request_of(f.message); rs && rs->awaits_next) {
      key = kAwaitsNextKey | ++next_ticket;  // apart from every id and seq key
      awaiting_next.push_back(*key);
    }
    if (!key)
      return done(failure(SessionErrc::uncorrelated,
                          "the protocol gives no way to match a reply to this request"));
    const std::uint32_t timeout =
        ro.timeout_ms.value_or(options.request_timeout_ms.value_or(spec.correlation.timeout_ms));
    if (auto old = requests.insert(
            *key, detail::RequestTable::Pending{id, f.message, timeout, std::move(done)}))
      old->done(failure(SessionErrc::cancelled, "superseded by a request with the same id"));
    if (timeout > 0)
      deadlines.add(detail::DeadlineQueue::Clock::now() + std::chrono::milliseconds(timeout), *key,
                    id);
  }

  void expired(std::uint64_t key, std::uint64_t id) {
    const auto* p = requests.find(key);
    if (!p || p->id != id) return;
    auto pending = requests.take(key);
    const std::string message = "no reply within " + std::to_string(pending->timeout_ms) + " ms";
    pending->done(failure(SessionErrc::timeout, message));
  }

  void fail_all(SessionErrc errc, const std::string& message) {
    deadlines.clear();
    awaiting_next.clear();
    auto waiters = std::move(ack_waiters);
    ack_waiters.clear();
    for (auto& [id, acked] : waiters) acked(session_error(errc, message));
    for (auto& p : requests.take_all()) p.done(failure(errc, message));
    auto all = std::move(streams);
    streams.clear();
    for (auto& [id, s] : all) {
      StreamEnd end;
      end.reason = StreamEnd::Reason::session;
      end.error = session_error(errc, message);
      if (s.on_end) s.on_end(end);
    }
  }

  /// Whether `message` answers the oldest request waiting for the next of its replies
  /// (`correlation: next`); completes it if so. Keys of requests that timed out or were
  /// cancelled are dropped on the way.
  bool complete_next(const Incoming& in) {
    for (auto it = awaiting_next.begin(); it != awaiting_next.end();) {
      const auto* p = requests.find(*it);
      if (!p) {
        it = awaiting_next.erase(it);
        continue;
      }
      const RequestSpec* rs = spec.request_of(p->request);
      if (!rs || !rs->answered_by(in.message)) {
        ++it;
        continue;
      }
      auto pending = requests.take(*it);
      awaiting_next.erase(it);
      pending->done(reply_view(in));
      return true;
    }
    return false;
  }

  /// Whether `message` is a reply to a pending request; completes it if so.
  bool complete_request(Connection& c, const Incoming& in) {
    if (requests.size() == 0 || !in.header) return false;
    if (!awaiting_next.empty() && complete_next(in)) return true;
    const auto key = c.session().correlation().reply_key(*in.header);
    if (!key) return false;
    auto pending = requests.take(*key);
    if (!pending) return false;
    const RequestSpec* rs = spec.request_of(pending->request);
    if (rs && !rs->answered_by(in.message)) {
      const std::string message = "got " + std::string(spec.message_name(in.message)) + ": " +
                                  std::string(in.text.substr(0, 200));
      pending->done(failure(SessionErrc::unexpected_reply, message));
      return true;
    }
    pending->done(reply_view(in));
    return true;
  }

  /// Whether `message` belongs to open streams; hands it to each of them if so.
  bool stream_message(Connection& c, Incoming& in) {
    if (streams.empty() || !in.header) return false;
    auto& matched = stream_matches;
    if (!c.streams.match(in.message, in.header->stream_conditions, in.header->stream_keys, matched))
      return false;
    // A handler may open or end streams (and so reuse stream_matches): work on a copy when
    // several streams share the message, which is rare.
    std::vector<detail::StreamRegistry::Match> several;
    if (matched.size() > 1) several = matched;
    const auto& each = matched.size() > 1 ? several : matched;
    const std::size_t count = each.size();
    for (std::size_t i = 0; i < count; ++i) {
      const auto m = each[i];
      in.shared = i + 1 < count;
      auto it = streams.find(m.stream);
      if (it == streams.end()) continue;
      if (m.role == StreamRole::item) {
        if (const auto handler = it->second.on_item) (*handler)(in);
        continue;
      }
      ClientStream s = std::move(it->second);
      streams.erase(it);
      StreamEnd end;
      end.reason = m.role == StreamRole::end ? StreamEnd::Reason::ended : StreamEnd::Reason::failed;
      end.message = &in;
      if (s.on_end) s.on_end(end);
    }
    in.shared = false;
    return true;
  }

  /// Ends stream `id` as cancelled (its registry entry is already gone).
  void end_cancelled(StreamId id, const char* why) {
    auto it = streams.find(id);
    if (it == streams.end()) return;
    ClientStream s = std::move(it->second);
    streams.erase(it);
    StreamEnd e;
    e.reason = StreamEnd::Reason::session;
    e.error = session_error(SessionErrc::cancelled, why);
    if (s.on_end) s.on_end(e);
  }

  /// A message this side sends that is a stream's cancel message (sent by its own stub
  /// method, not through a handle): ends every open stream it names, as the server does.
  void cancels_streams(const Outgoing& message) {
    if (streams.empty() || !connection || message.message < 0 || message.stream_keys.empty())
      return;
    for (StreamId id : connection->streams.cancel(message.message, KeyList(message.stream_keys)))
      end_cancelled(id, "stream cancelled");
  }

  // ---- ConnectionEvents ---------------------------------------------------------------------

  void deliver(Connection& c, Incoming& in) override {
    if (!ready && !in.binary) {
      const auto& hs = spec.session.handshake;
      if ((hs.from == Side::server && in.handshake) ||
          (hs.from == Side::client && in.message == hs.success)) {
        handshake_done(&in);
        return;
      }
    }
    if (complete_request(c, in) || stream_message(c, in)) return;
    if (handlers.on_message) handlers.on_message(in);
  }

  MessageIndex expected_reply(Connection& c, std::string_view correlation_id,
                              const MessageIndex* candidates, std::size_t count) override {
    FrameHeader h;
    h.correlation_id = correlation_id;
    const auto key = c.session().correlation().reply_key(h);
    const auto* p = key ? requests.find(*key) : nullptr;
    const RequestSpec* rs = p ? spec.request_of(p->request) : nullptr;
    for (std::size_t i = 0; i < count; ++i)
      if (!rs || rs->answered_by(candidates[i])) return p ? candidates[i] : kNoMessage;
    return kNoMessage;
  }

  std::optional<std::string> undecodable(Connection& c, const DecodeError& error,
                                         std::optional<std::int64_t>) override {
    (void)c;
    if (handlers.on_undecodable) handlers.on_undecodable(error, current_text);
    return std::nullopt;
  }

  void drained(Connection&) override {
    if (handlers.on_drain) handlers.on_drain();
  }

  void acked(Connection&, const std::string& event_id) override {
    auto it = ack_waiters.find(event_id);
    if (it == ack_waiters.end()) return;
    AckHandler handler = std::move(it->second);
    ack_waiters.erase(it);
    handler(SessionError{});
  }

  std::string_view current_text;  ///< the frame being handled, for on_undecodable

  // ---- shutdown -----------------------------------------------------------------------------

  void begin_shutdown() {
    stopping = true;
    if (reconnect_timer) reconnect_timer->cancel();
    fail_all(SessionErrc::stopped, "client stopped");
    ConnectResult r;
    r.error = SessionErrc::stopped;
    r.message = "client stopped";
    finish_connect(std::move(r));
    if (!connection) {
      finish_shutdown();
      return;
    }
    connection->session().close(1001, "client stopping");
    shutdown_timer = std::make_unique<asio::steady_timer>(
        core.loop(), std::chrono::milliseconds(options.shutdown_grace_ms));
    // Guarded: an expired timer is not cancelled by its destruction, and its handler may still
    // be queued on a user's loop when the client is gone.
    shutdown_timer->async_wait(core.guarded([this](const std::error_code& e) {
      if (!e) finish_shutdown();
    }));
  }

  void finish_shutdown() {
    if (shutdown_timer) shutdown_timer->cancel();
    if (connect_timer) connect_timer->cancel();
    deadlines.clear();
    core.finish_shutdown();
  }
};

template <class Config>
class Client::Impl::WsGlue final : public ClientGlue {
 public:
  using Endpoint = websocketpp::client<Config>;
  using Hdl = websocketpp::connection_hdl;

  explicit WsGlue(Impl& impl) : impl_(impl) {
    detail::init_endpoint(ws_, impl_.core.loop(), "wirekit::Client");
    if constexpr (std::is_same_v<Config, websocketpp::config::asio_tls_client>) {
      // Late (after the client is gone): a context of its own, which the guarded open or
      // fail handler then ignores.
      ws_.set_tls_init_handler([this, guard = impl_.core.guard()](Hdl) {
        auto alive = guard.lock();
        return alive ? tls_context_
                     : std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
      });
      ws_.set_socket_init_handler(
          impl_.core.guarded([this](Hdl, asio::ssl::stream<asio::ip::tcp::socket>& socket) {
            SSL_set_tlsext_host_name(socket.native_handle(), host_.c_str());  // SNI
          }));
    }
  }

  std::optional<std::string> connect(const std::string& uri, const std::string& host) override {
    host_ = host;
    if constexpr (std::is_same_v<Config, websocketpp::config::asio_tls_client>) {
      // Made here, not in the TLS init handler, so an unusable CA file is a connect error
      // instead of an exception through the loop.
      tls_refused_->clear();
      try {
        tls_context_ = detail::make_client_tls_context(*impl_.options.tls, host, tls_refused_);
      } catch (const std::exception& e) {
        return std::string(e.what());
      }
    }
    std::error_code ec;
    auto con = ws_.get_connection(uri, ec);
    if (ec) return "bad uri " + uri + ": " + ec.message();
    const TransportSpec& t = impl_.spec.transport;
    if (!t.subprotocol.empty()) con->add_subprotocol(std::string(t.subprotocol), ec);
    for (const auto& [name, value] : impl_.options.headers) con->append_header(name, value);
    con->set_open_handshake_timeout(static_cast<long>(impl_.options.connect_timeout_ms));
    con->set_close_handshake_timeout(static_cast<long>(impl_.options.close_timeout_ms));
    con->set_max_message_size(impl_.core.max_message_bytes());
    con->set_open_handler(impl_.core.guarded([this](Hdl h) { opened(h); }));
    con->set_fail_handler(impl_.core.guarded([this](Hdl h) { failed(h); }));
    ws_.connect(con);
    return std::nullopt;
  }

 private:
  void opened(Hdl h) {
    std::error_code ec;
    auto con = ws_.get_con_from_hdl(h, ec);
    if (ec) return;
    // websocketpp's client does not record the selected subprotocol; read the header.
    const TransportSpec& t = impl_.spec.transport;
    if (!t.subprotocol.empty() &&
        con->get_response_header("Sec-WebSocket-Protocol") != t.subprotocol) {
      con->close(1002, "subprotocol not selected", ec);
      impl_.connect_failed("server did not select subprotocol " + std::string(t.subprotocol), 0);
      return;
    }
    auto connection = impl_.opened(std::make_unique<detail::WsWire<Endpoint>>(con));
    std::weak_ptr<Connection> weak = connection;
    con->set_message_handler(
        impl_.core.guarded([this, weak](Hdl, typename Endpoint::message_ptr msg) {
          auto c = weak.lock();
          if (!c) return;
          impl_.current_text = msg->get_payload();
          c->on_frame(msg->get_opcode() != websocketpp::frame::opcode::text, msg->get_payload());
          impl_.current_text = {};
        }));
    con->set_close_handler(impl_.core.guarded([this, weak](Hdl) {
      if (auto c = weak.lock()) impl_.closed(c);
    }));
  }

  void failed(Hdl h) {
    std::error_code ec;
    auto con = ws_.get_con_from_hdl(h, ec);
    std::string message = ec ? ec.message() : con->get_ec().message();
    if (!tls_refused_->empty()) message += ": " + *tls_refused_;
    int status = 0;
    if (!ec && con->get_response_code() != websocketpp::http::status_code::uninitialized) {
      status = static_cast<int>(con->get_response_code());
      message += " (HTTP " + std::to_string(status) + ")";
    }
    impl_.connect_failed(message, status);
  }

  Impl& impl_;
  Endpoint ws_;
  std::string host_;
  std::shared_ptr<asio::ssl::context> tls_context_;  ///< wss://: made by each connect()
  /// wss://: why the certificate verification refused the server ("" when it did not).
  std::shared_ptr<std::string> tls_refused_ = std::make_shared<std::string>();
};

Client::Client(const ProtocolSpec& spec, ClientOptions options)
    : impl_(std::make_unique<Impl>(spec, std::move(options))) {
  Impl& d = *impl_;
  if (d.options.tls)
    d.glue = std::make_unique<Impl::WsGlue<websocketpp::config::asio_tls_client>>(d);
  else
    d.glue = std::make_unique<Impl::WsGlue<websocketpp::config::asio_client>>(d);
  d.core.start();
}

Client::~Client() {
  // As for Server: the destructor stops without calling handlers, whose objects may be gone.
  Impl& d = *impl_;
  d.core.stop(d.running, [&d] {
    d.handlers = {};
    d.begin_shutdown();
  });
}

void Client::on_message(std::function<void(const Incoming&)> handler) {
  impl_->handlers.on_message = std::move(handler);
}
void Client::on_handshake(std::function<void(const Incoming&)> handler) {
  impl_->handlers.on_handshake = std::move(handler);
}
void Client::on_close(std::function<void(const CloseInfo&)> handler) {
  impl_->handlers.on_close = std::move(handler);
}
void Client::on_reconnected(std::function<void()> handler) {
  impl_->handlers.on_reconnected = std::move(handler);
}
void Client::on_gave_up(std::function<void()> handler) {
  impl_->handlers.on_gave_up = std::move(handler);
}
void Client::on_undecodable(std::function<void(const DecodeError&, std::string_view)> handler) {
  impl_->handlers.on_undecodable = std::move(handler);
}
void Client::on_drain(std::function<void()> handler) {
  impl_->handlers.on_drain = std::move(handler);
}
void Client::set_handshake(std::function<Outgoing()> build) { impl_->handshake = std::move(build); }

std::future<ConnectResult> Client::Impl::begin_connect(const std::string& host, std::uint16_t port,
                                                       std::string path,
                                                       std::shared_ptr<std::atomic<bool>> claimed) {
  auto promise = std::make_shared<std::promise<ConnectResult>>();
  auto result = promise->get_future();
  // Guarded: a connect_future() may still be queued when the Client is destroyed.
  asio::post(core.loop(),
             core.guarded([this, promise, claimed, host, port, path = std::move(path)]() mutable {
               if (claimed && claimed->exchange(true)) return;
               connect_on_loop(std::move(promise), host, port, std::move(path));
             }));
  return result;
}

void Client::Impl::connect_on_loop(std::shared_ptr<std::promise<ConnectResult>> promise,
                                   const std::string& to_host, std::uint16_t to_port,
                                   std::string to_path) {
  if (stopping) {
    promise->set_value(ConnectResult{SessionErrc::stopped, "client stopped", {}, 0});
    return;
  }
  if (connection || connect_promise || connecting) {
    promise->set_value(
        ConnectResult{SessionErrc::connect_failed, "already connected or connecting", {}, 0});
    return;
  }
  host = to_host;
  port = to_port;
  path = to_path.empty() ? std::string(spec.transport.path) : std::move(to_path);
  user_closed = false;
  attempt = 0;
  connect_promise = std::move(promise);
  connect_timer = std::make_unique<asio::steady_timer>(
      core.loop(), std::chrono::milliseconds(options.connect_timeout_ms));
  connect_timer->async_wait(core.guarded([this](const std::error_code& ec) {
    if (ec || !connect_promise) return;
    ConnectResult r;
    r.error = SessionErrc::timeout;
    r.message = "not connected within " + std::to_string(options.connect_timeout_ms) + " ms";
    finish_connect(std::move(r));
    user_closed = true;  // no reconnection for a connect that timed out
    if (connection) connection->session().close(1000, "connect timed out");
  }));
  start_connect();
}

std::future<ConnectResult> Client::connect_future(const std::string& host, std::uint16_t port,
                                                  std::string path) {
  if (!impl_->running.load()) {
    std::promise<ConnectResult> stopped;
    stopped.set_value(ConnectResult{SessionErrc::stopped, "client stopped", {}, 0});
    return stopped.get_future();
  }
  return impl_->begin_connect(host, port, std::move(path), nullptr);
}

ConnectResult Client::connect(const std::string& host, std::uint16_t port, std::string path) {
  Impl& d = *impl_;
  if (!d.running.load()) return ConnectResult{SessionErrc::stopped, "client stopped", {}, 0};
  // Waiting on the loop thread for work queued to that same thread would never end.
  if (d.core.on_loop_thread())
    return ConnectResult{SessionErrc::connect_failed,
                         "connect() called on the client's loop thread, which it would block",
                         {},
                         0};
  // Whoever sets this first decides: the loop (it starts connecting and its connect timer ends
  // the wait) or this thread (nobody ran the loop in time; the queued connect is dropped).
  auto claimed = std::make_shared<std::atomic<bool>>(false);
  auto result = d.begin_connect(host, port, std::move(path), claimed);
  const auto timeout = std::chrono::milliseconds(d.options.connect_timeout_ms);
  if (result.wait_for(timeout) != std::future_status::ready && !claimed->exchange(true))
    return ConnectResult{SessionErrc::timeout,
                         "not connected within " + std::to_string(d.options.connect_timeout_ms) +
                             " ms (is the client's io_context running?)",
                         {},
                         0};
  return result.get();
}

bool Client::is_open() const noexcept { return impl_->open_flag.load(); }

bool Client::send(Outgoing message) {
  if (!impl_->running.load()) return false;
  if (impl_->order.runs_now(impl_->core.on_loop_thread())) return impl_->write(message);
  impl_->post([d = impl_.get(), message = std::move(message)] { d->write(message); });
  return impl_->open_flag.load();
}

bool Client::send(std::string text) {
  return detail::valid_utf8(text) && send(Outgoing(std::move(text)));
}

RequestId Client::request_message(RequestBuilder build, ReplyHandler done, RequestOptions options) {
  const RequestId id = ++impl_->next_request_id;
  if (!impl_->running.load()) {
    done(failure(SessionErrc::stopped, "client stopped"));
    return id;
  }
  impl_->post([d = impl_.get(), id, build = std::move(build), done = std::move(done),
               options]() mutable { d->issue(id, build, std::move(done), options); });
  return id;
}

RequestId Client::request(std::function<std::string(std::string_view)> build,
                          std::function<void(Reply)> done, RequestOptions options) {
  return request_message(
      [build = std::move(build)](std::string_view id) { return Outgoing(build(id)); },
      [done = std::move(done)](const ReplyView& view) {
        Reply r;
        r.error = view.error;
        if (view.ok())
          r.text = std::string(view.text);
        else
          r.message = std::string(view.error_message);
        done(std::move(r));
      },
      options);
}

std::future<Reply> Client::request_future(std::function<std::string(std::string_view)> build,
                                          RequestOptions options) {
  auto promise = std::make_shared<std::promise<Reply>>();
  auto future = promise->get_future();
  request(
      std::move(build), [promise](Reply r) { promise->set_value(std::move(r)); }, options);
  return future;
}

void Client::cancel(RequestId id) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), id] {
    if (auto p = d->requests.take_id(id)) p->done(failure(SessionErrc::cancelled, "cancelled"));
  });
}

StreamId Client::open_stream(StreamBuilder build, StreamHandler on_item, StreamEndHandler on_end) {
  const StreamId id = ++impl_->next_stream_id;
  auto fail = [](StreamEndHandler& end, SessionErrc errc, std::string message) {
    StreamEnd e;
    e.reason = StreamEnd::Reason::session;
    e.error = session_error(errc, std::move(message));
    if (end) end(e);
  };
  if (!impl_->running.load()) {
    fail(on_end, SessionErrc::stopped, "client stopped");
    return id;
  }
  impl_->post([d = impl_.get(), id, fail, build = std::move(build), on_item = std::move(on_item),
               on_end = std::move(on_end)]() mutable {
    if (!d->connection || !d->ready)
      return fail(on_end, SessionErrc::not_connected, "no connection with a completed handshake");
    Outgoing request = build({});
    const StreamSpec* s = d->spec.stream_of(d->facts(request).message);
    if (!s) return fail(on_end, SessionErrc::uncorrelated, "not a stream's opening message");
    if (s->generated_key && request.stream_keys.size() == 1 && request.stream_keys[0].empty())
      request = build(std::to_string(++d->next_stream_key));
    if (s->generated_key && d->connection->streams.holds(*s, KeyList(request.stream_keys)))
      return fail(on_end, SessionErrc::duplicate_stream_key,
                  "a stream with this key is still open");
    d->connection->streams.open(id, *s, request.stream_keys);
    d->streams.emplace(
        id, Impl::ClientStream{
                on_item ? std::make_shared<const StreamHandler>(std::move(on_item)) : nullptr,
                std::move(on_end)});
    if (!d->write(request)) {
      d->connection->streams.close(id);
      auto node = d->streams.extract(id);
      fail(node.mapped().on_end, SessionErrc::queue_full, "send queue full");
    }
  });
  return id;
}

void Client::cancel_stream(StreamId stream, CancelBuilder cancel) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), stream, cancel = std::move(cancel)] {
    if (d->streams.find(stream) == d->streams.end()) return;
    std::vector<std::string> released;
    if (d->connection && d->connection->streams.close(stream, &released) && cancel &&
        !released.empty())
      for (const Outgoing& message : cancel(released)) d->write(message);
    d->end_cancelled(stream, "stream cancelled");
  });
}

void Client::drop_stream(StreamId stream) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), stream] {
    if (d->connection) d->connection->streams.close(stream);
    d->end_cancelled(stream, "stream dropped");
  });
}

std::string Client::send_event(EventBuilder build, AckHandler acked) {
  std::string id = Uuid::generate().to_string();
  if (!impl_->running.load()) {
    if (acked) acked(session_error(SessionErrc::stopped, "client stopped"));
    return id;
  }
  impl_->post([d = impl_.get(), id, build = std::move(build), acked = std::move(acked)]() mutable {
    if (!d->connection || !d->ready) {
      if (acked) acked(session_error(SessionErrc::not_connected, "no open connection"));
      return;
    }
    if (acked) d->ack_waiters.emplace(id, std::move(acked));
    const Outgoing event = build(id, Timestamp::now().str());
    d->connection->session().write_event(id, event.text, d->facts(event));
  });
  return id;
}

void Client::send_ack(std::string event_id) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), event_id = std::move(event_id)] {
    if (d->connection) d->connection->session().write_ack(event_id);
  });
}

void Client::close(std::uint16_t code, std::string reason) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), code, reason = std::move(reason)] {
    d->user_closed = true;
    if (d->reconnect_timer) d->reconnect_timer->cancel();
    if (d->connection) d->connection->session().close(code, reason);
  });
}

void Client::stop() {
  Impl& d = *impl_;
  d.core.stop(d.running, [&d] { d.begin_shutdown(); });
}

std::size_t Client::pending_requests() const {
  Impl& d = *impl_;
  return d.run_on_loop([&d] { return d.requests.size(); });
}

std::size_t Client::pending_acks() const {
  Impl& d = *impl_;
  return d.run_on_loop([&d]() -> std::size_t {
    return d.connection ? d.connection->session().correlation().pending_acks() : 0;
  });
}

std::size_t Client::queued_bytes() const {
  Impl& d = *impl_;
  return d.run_on_loop(
      [&d]() -> std::size_t { return d.connection ? d.connection->queued_bytes() : 0; });
}

std::int64_t Client::next_seq() const {
  Impl& d = *impl_;
  return d.run_on_loop([&d]() -> std::int64_t {
    if (d.connection) return d.connection->session().correlation().next_seq();
    const auto* seq = d.spec.correlation.as<SequenceCorrelation>();
    return seq ? seq->start : 0;
  });
}

}  // namespace wirekit
