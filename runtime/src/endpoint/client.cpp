#include "wirekit/client.hpp"

#include <asio/post.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

#include <atomic>
#include <cassert>
#include <chrono>
#include <stdexcept>
#include <type_traits>

#include "endpoint/client_lifecycle.hpp"
#include "endpoint/client_outcomes.hpp"
#include "endpoint/client_requests.hpp"
#include "endpoint/client_streams.hpp"
#include "endpoint/endpoint_core.hpp"
#include "transport/text_frame.hpp"
#include "transport/tls_context.hpp"
#include "transport/ws_wire.hpp"
#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit {

using detail::ClientState;
using detail::Connection;
using detail::ConnectionPtr;
using detail::failure;
using detail::session_end;
using detail::session_error;

namespace {

/// The websocketpp half of a Client, whatever its configuration (plain or TLS).
class ClientGlue {
 public:
  virtual ~ClientGlue() = default;
  /// Starts connecting; the outcome reaches the Impl. Returns an error text when the
  /// connection cannot even be created (a bad URI).
  virtual std::optional<std::string> connect(const std::string& uri, const std::string& host) = 0;
};

}  // namespace

// The Client's loop-side core: the connection's lifecycle (detail::ClientLifecycle), the
// websocketpp glue, and the routing of what arrives to pending requests and acks
// (detail::ClientRequests), stream handles (detail::ClientStreams) or the user's handlers.
struct Client::Impl final : detail::ConnectionEvents {
  template <class Config>
  class WsGlue;

  Impl(const ProtocolSpec& s, ClientOptions o)
      : spec(s),
        options(std::move(o)),
        core(spec, options, /*refuse_when_full=*/true),
        requests(spec, core.loop()),
        streams(core.loop(), [this](StreamId stream, const CancelBuilder& cancel) {
          cancel_stream(stream, cancel, SessionErrc::timeout, "no stream item in time");
        }) {}

  const ProtocolSpec& spec;
  ClientOptions options;
  detail::EndpointCore core;  // before glue: the websocketpp endpoint goes first
  detail::OrderedPost order;  ///< the user's calls, run on the loop (post())
  std::unique_ptr<ClientGlue> glue;
  std::atomic<bool> running{true};
  /// For is_open() on any thread: a WebSocket is open (handshaking or open, until the
  /// transport reports it closed).
  std::atomic<bool> open_flag{false};
  std::atomic<RequestId> next_request_id{0};
  std::atomic<StreamId> next_stream_id{0};
  std::uint64_t next_stream_key = 0;  ///< loop-side: the last generated stream key

  // Loop-side state.
  detail::ClientLifecycle lifecycle;
  ConnectionPtr connection;  ///< the open connection, its handshake maybe still under way
  std::uint32_t attempt = 0;
  std::string host, path;
  std::uint16_t port = 0;
  std::shared_ptr<std::promise<ConnectResult>> connect_promise;
  std::unique_ptr<asio::steady_timer> connect_timer, reconnect_timer, shutdown_timer;
  detail::ClientRequests requests;
  detail::ClientStreams streams;

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

  /// A transition the client's own logic makes: the table allows it by construction.
  void move_to(ClientState next) {
    const bool moved = lifecycle.to(next);
    assert(moved && "illegal client state transition");
    (void)moved;
  }

  /// The handshake completed on the current connection: requests may be sent.
  bool ready() const noexcept { return lifecycle.is(ClientState::open); }

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
    move_to(ClientState::connecting);
    const std::string uri =
        std::string(options.tls ? "wss://" : "ws://") + host + ":" + std::to_string(port) + path;
    if (auto error = glue->connect(uri, host)) connect_failed(*error, 0);
  }

  void connect_failed(const std::string& message, int http_status) {
    if (lifecycle.stopping()) return;
    if (connect_promise) {
      move_to(ClientState::closed);
      ConnectResult r;
      r.error = SessionErrc::connect_failed;
      r.message = message;
      r.http_status = http_status;
      finish_connect(std::move(r));
    } else if (lifecycle.reconnect_suppressed()) {
      move_to(ClientState::closed);
    } else {
      schedule_reconnect();
    }
  }

  /// The connection is lost (or an attempt failed) and it may come back: waits for the next
  /// attempt, unless the attempts are spent.
  void schedule_reconnect() {
    const auto& rc = options.reconnect;
    if (rc.max_attempts != 0 && attempt >= rc.max_attempts) {
      move_to(ClientState::closed);
      if (handlers.on_gave_up) handlers.on_gave_up();
      return;
    }
    move_to(ClientState::reconnect_wait);
    const auto delay = backoff_delay_ms(rc, attempt++);
    if (!reconnect_timer) reconnect_timer = std::make_unique<asio::steady_timer>(core.loop());
    reconnect_timer->expires_after(std::chrono::milliseconds(delay));
    reconnect_timer->async_wait(core.guarded([this](const std::error_code& ec) {
      if (!ec && lifecycle.is(ClientState::reconnect_wait)) start_connect();
    }));
  }

  /// The WebSocket is open: the protocol's handshake starts.
  ConnectionPtr opened(std::unique_ptr<detail::Wire> wire) {
    // Stopping: the connection is added all the same, for the shutdown to close it.
    if (!lifecycle.stopping()) move_to(ClientState::handshaking);
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
    if (!lifecycle.to(ClientState::open)) return;  // stopping, or the session closed on it
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
    core.remove(c->id());
    connection.reset();
    open_flag.store(false);
    const std::string why = "connection closed: " + std::to_string(info.code) +
                            (info.reason.empty() ? std::string() : " " + info.reason);
    fail_all(lifecycle.stopping() ? SessionErrc::stopped : SessionErrc::disconnected, why);
    if (lifecycle.stopping()) {  // stop(), maybe from one of the handlers fail_all called
      finish_shutdown();
      return;
    }
    if (connect_promise) {  // closed before the handshake completed
      move_to(ClientState::closed);
      ConnectResult r;
      r.error = SessionErrc::handshake_failed;
      r.message = why;
      r.close = info;
      finish_connect(std::move(r));
      return;
    }
    // The state stays where it was during on_close, which may still call close().
    if (handlers.on_close) handlers.on_close(info);
    if (lifecycle.stopping()) return;  // on_close called stop()
    if (!lifecycle.reconnect_suppressed() && options.reconnect.enabled)
      schedule_reconnect();
    else
      move_to(ClientState::closed);
  }

  // ---- writing ------------------------------------------------------------------------------

  /// Writes on the open connection; false when there is none or its queue is full.
  bool write(const Outgoing& message) {
    if (!connection || connection->session().closed()) return false;
    if (connection->queued_bytes() > core.send_queue_max_bytes()) return false;
    connection->session().write(message.text, detail::facts_of(spec, message, Side::client));
    streams.cancelled_by(*connection, message);
    return true;
  }

  // ---- streams ------------------------------------------------------------------------------

  /// Ends an open stream with `errc`, sending the cancel messages `cancel` makes for the keys
  /// no other open stream of its kind still holds.
  void cancel_stream(StreamId stream, const CancelBuilder& cancel, SessionErrc errc,
                     const char* why) {
    if (!streams.holds(stream)) return;
    std::vector<std::string> released;
    if (connection && connection->streams.close(stream, &released) && cancel && !released.empty())
      for (const Outgoing& message : cancel(released)) write(message);
    streams.end(stream, errc, why);
  }

  // ---- requests -----------------------------------------------------------------------------

  void issue(RequestId id, RequestBuilder& build, ReplyHandler done, RequestOptions ro) {
    if (lifecycle.stopping()) return done(failure(SessionErrc::stopped, "client stopped"));
    if (!connection || !ready())
      return done(failure(SessionErrc::not_connected, "no connection with a completed handshake"));
    if (connection->queued_bytes() > core.send_queue_max_bytes())
      return done(failure(SessionErrc::queue_full, "send queue full"));
    auto& correlation = connection->session().correlation();
    std::string id_text;
    std::optional<std::uint64_t> key = correlation.next_request_key(id_text);
    const Outgoing message = build(id_text);
    const MessageFacts f = detail::facts_of(spec, message, Side::client);
    const auto info = connection->session().write(message.text, f);
    streams.cancelled_by(*connection, message);
    if (!key && info.seq && *info.seq >= 0) key = static_cast<std::uint64_t>(*info.seq);
    const std::uint32_t timeout =
        ro.timeout_ms.value_or(options.request_timeout_ms.value_or(spec.correlation.timeout_ms));
    requests.add(key, id, f.message, timeout, std::move(done));
  }

  void fail_all(SessionErrc errc, const std::string& message) {
    requests.fail_all(errc, message);
    streams.fail_all(errc, message);
  }

  // ---- ConnectionEvents ---------------------------------------------------------------------

  void deliver(Connection& c, Incoming& in) override {
    if (lifecycle.is(ClientState::handshaking) && !in.binary) {
      const auto& hs = spec.session.handshake;
      if ((hs.from == Side::server && in.handshake) ||
          (hs.from == Side::client && in.message == hs.success)) {
        handshake_done(&in);
        return;
      }
    }
    if (requests.complete(c, in) || streams.route(c, in)) return;
    if (handlers.on_message) handlers.on_message(in);
  }

  MessageIndex expected_reply(Connection& c, std::string_view correlation_id,
                              const MessageIndex* candidates, std::size_t count) override {
    return requests.expected_reply(c, correlation_id, candidates, count);
  }

  std::optional<std::string> undecodable(Connection& c, const DecodeError& error,
                                         std::optional<std::int64_t>) override {
    if (handlers.on_undecodable) handlers.on_undecodable(error, current_text);
    // A reply that names its request still answers it, with the decode error; the session
    // then treats the frame as the schema's invalid_from_server says, as for any other.
    requests.complete_undecodable(c, current_text, error);
    return std::nullopt;
  }

  void drained(Connection&) override {
    if (handlers.on_drain) handlers.on_drain();
  }

  void acked(Connection&, const std::string& event_id) override { requests.acked(event_id); }

  std::string_view current_text;  ///< the frame being handled, for on_undecodable

  // ---- shutdown -----------------------------------------------------------------------------

  void begin_shutdown() {
    if (!lifecycle.to(ClientState::stopping)) return;  // already stopping
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

  /// Ends the shutdown; may run twice (the connection closed, the grace expired), the second
  /// time in state stopped already.
  void finish_shutdown() {
    lifecycle.to(ClientState::stopped);
    if (shutdown_timer) shutdown_timer->cancel();
    if (connect_timer) connect_timer->cancel();
    requests.stop_timeouts();
    streams.stop_timeouts();
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
  if (lifecycle.stopping()) {
    promise->set_value(ConnectResult{SessionErrc::stopped, "client stopped", {}, 0});
    return;
  }
  if (lifecycle.busy() || connect_promise) {
    promise->set_value(
        ConnectResult{SessionErrc::connect_failed, "already connected or connecting", {}, 0});
    return;
  }
  host = to_host;
  port = to_port;
  path = to_path.empty() ? std::string(spec.transport.path) : std::move(to_path);
  lifecycle.suppress_reconnect(false);
  if (reconnect_timer) reconnect_timer->cancel();  // this attempt replaces the pending one
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
    lifecycle.suppress_reconnect(true);  // no reconnection for a connect that timed out
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
      [done = std::move(done)](ReplyView&& view) {
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
  impl_->post([d = impl_.get(), id] { d->requests.cancel(id); });
}

StreamId Client::open_stream(StreamBuilder build, StreamHandler on_item, StreamEndHandler on_end) {
  const StreamId id = ++impl_->next_stream_id;
  auto fail = [](StreamEndHandler& end, SessionErrc errc, std::string message) {
    if (end) end(session_end(errc, std::move(message)));
  };
  if (!impl_->running.load()) {
    fail(on_end, SessionErrc::stopped, "client stopped");
    return id;
  }
  impl_->post([d = impl_.get(), id, fail, build = std::move(build), on_item = std::move(on_item),
               on_end = std::move(on_end)]() mutable {
    if (!d->connection || !d->ready())
      return fail(on_end, SessionErrc::not_connected, "no connection with a completed handshake");
    Outgoing request = build({});
    const StreamSpec* s =
        d->spec.stream_of(detail::facts_of(d->spec, request, Side::client).message);
    if (!s) return fail(on_end, SessionErrc::uncorrelated, "not a stream's opening message");
    if (s->generated_key && request.stream_keys.size() == 1 && request.stream_keys[0].empty())
      request = build(std::to_string(++d->next_stream_key));
    if (s->generated_key && d->connection->streams.holds(*s, KeyList(request.stream_keys)))
      return fail(on_end, SessionErrc::duplicate_stream_key,
                  "a stream with this key is still open");
    d->streams.open(*d->connection, id, *s, request.stream_keys, std::move(on_item),
                    std::move(on_end));
    if (!d->write(request)) {
      d->connection->streams.close(id);
      d->streams.end(id, SessionErrc::queue_full, "send queue full");
    }
  });
  return id;
}

void Client::cancel_stream(StreamId stream, CancelBuilder cancel) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), stream, cancel = std::move(cancel)] {
    d->cancel_stream(stream, cancel, SessionErrc::cancelled, "stream cancelled");
  });
}

void Client::expect_stream_item(StreamId stream, std::uint64_t items_seen, std::uint32_t timeout_ms,
                                CancelBuilder cancel) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), stream, items_seen, timeout_ms, cancel = std::move(cancel)] {
    d->streams.expect_item(stream, items_seen, timeout_ms, cancel);
  });
}

void Client::drop_stream(StreamId stream) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), stream] {
    if (d->connection) d->connection->streams.close(stream);
    d->streams.end(stream, SessionErrc::cancelled, "stream dropped");
  });
}

std::string Client::send_event(EventBuilder build, AckHandler acked) {
  std::string id = Uuid::generate().to_string();
  if (!impl_->running.load()) {
    if (acked) acked(session_error(SessionErrc::stopped, "client stopped"));
    return id;
  }
  impl_->post([d = impl_.get(), id, build = std::move(build), acked = std::move(acked)]() mutable {
    if (!d->connection || !d->ready()) {
      if (acked) acked(session_error(SessionErrc::not_connected, "no open connection"));
      return;
    }
    if (acked) d->requests.await_ack(id, std::move(acked));
    const Outgoing event = build(id, Timestamp::now().str());
    d->connection->session().write_event(id, event.text,
                                         detail::facts_of(d->spec, event, Side::client));
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
    d->lifecycle.suppress_reconnect(true);
    if (d->reconnect_timer) d->reconnect_timer->cancel();
    if (d->lifecycle.is(ClientState::reconnect_wait)) d->move_to(ClientState::closed);
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
