#include "wirekit/client.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <asio/executor_work_guard.hpp>
#include <asio/post.hpp>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

#include "close_info_of.hpp"
#include "session_core.hpp"

namespace wirekit {

namespace {
using WsClient = websocketpp::client<websocketpp::config::asio_client>;
using Hdl = websocketpp::connection_hdl;

/// The correlation key of a pending handshake request (never a decimal id).
constexpr std::string_view kHandshakeKey = "\x01handshake";

bool same(const Hdl& a, const Hdl& b) { return !a.owner_before(b) && !b.owner_before(a); }

Reply failure(SessionErrc errc, std::string message) {
  Reply r;
  r.error = errc;
  r.message = std::move(message);
  return r;
}
}  // namespace

struct Client::Impl {
  struct Pending {
    std::string key;
    ReplyCallback done;
    std::unique_ptr<asio::steady_timer> timer;
  };

  Impl(Client& o, const ProtocolSpec& s, ClientOptions opts)
      : owner(o), spec(s), options(std::move(opts)) {}

  Client& owner;
  const ProtocolSpec& spec;
  ClientOptions options;
  // Destroyed in reverse order: timers and the session first, the io_context last.
  asio::io_context loop;
  WsClient ws;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::thread thread;
  std::thread::id loop_thread_id;
  std::atomic<bool> running{false};
  std::atomic<bool> open_flag{false};
  std::atomic<RequestId> next_request_id{0};

  // Loop-thread state.
  std::unique_ptr<asio::steady_timer> reconnect_timer;
  std::unique_ptr<asio::steady_timer> shutdown_timer;
  std::shared_ptr<detail::SessionCore> core;
  Hdl hdl;
  bool open = false;
  bool closed_locally = false;
  bool user_closed = false;
  bool stopping = false;
  bool ever_opened = false;
  std::uint32_t attempt = 0;
  std::uint64_t next_echo_id = 0;
  std::string host, path;
  std::uint16_t port = 0;
  std::shared_ptr<std::promise<ConnectResult>> connect_promise;
  bool awaiting_server_handshake = false;  ///< open, but the server's first message not handled
  std::unordered_map<RequestId, Pending> pending;
  std::unordered_map<std::string, RequestId> by_key;

  std::function<void()> on_open;
  std::function<void(const Incoming&)> on_message;
  std::function<void(const CloseInfo&)> on_close;
  std::function<void(Client&)> on_reconnected;
  std::function<void()> on_gave_up;
  std::function<std::string()> handshake;

  /// Runs `f` on the loop: at once when called from a handler (so user writes keep
  /// their order relative to the runtime's own), else posted.
  template <class F>
  void post(F&& f) {
    if (std::this_thread::get_id() == loop_thread_id)
      f();
    else
      asio::post(loop, std::forward<F>(f));
  }

  template <class F>
  auto run_on_loop(F f) -> decltype(f()) {
    if (!running.load() || std::this_thread::get_id() == loop_thread_id) return f();
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    asio::post(loop, [&task] { task(); });
    return result.get();
  }

  void finish_connect(ConnectResult result) {
    if (!connect_promise) return;
    connect_promise->set_value(std::move(result));
    connect_promise.reset();
  }

  void start_connect() {
    std::error_code ec;
    const std::string uri = "ws://" + host + ":" + std::to_string(port) + path;
    auto con = ws.get_connection(uri, ec);
    if (ec) {
      connect_failed("bad uri " + uri + ": " + ec.message());
      return;
    }
    if (!spec.transport.subprotocol.empty())
      con->add_subprotocol(std::string(spec.transport.subprotocol), ec);
    for (const auto& [name, value] : options.headers) con->append_header(name, value);
    con->set_open_handshake_timeout(static_cast<long>(options.connect_timeout_ms));
    con->set_close_handshake_timeout(static_cast<long>(options.close_timeout_ms));
    con->set_max_message_size(options.max_message_bytes ? options.max_message_bytes
                                                        : spec.transport.max_message_bytes);
    hdl = con->get_handle();
    closed_locally = false;
    ws.connect(con);
  }

  void connect_failed(const std::string& message) {
    if (connect_promise) {
      ConnectResult r;
      r.error = SessionErrc::connect_failed;
      r.message = message;
      finish_connect(std::move(r));
    } else if (!stopping && !user_closed) {
      schedule_reconnect();
    }
  }

  void schedule_reconnect() {
    const auto& rc = options.reconnect;
    if (rc.max_attempts != 0 && attempt >= rc.max_attempts) {
      if (on_gave_up) on_gave_up();
      return;
    }
    const auto delay = backoff_delay_ms(rc, attempt++);
    if (!reconnect_timer) reconnect_timer = std::make_unique<asio::steady_timer>(loop);
    reconnect_timer->expires_after(std::chrono::milliseconds(delay));
    reconnect_timer->async_wait([this](const std::error_code& ec) {
      if (!ec && !stopping && !user_closed) start_connect();
    });
  }

  void write(const std::string& text) {
    std::error_code ec;
    auto con = ws.get_con_from_hdl(hdl, ec);
    if (ec) return;
    if (con->get_buffered_amount() + text.size() > options.send_queue_max_bytes) {
      if (core) core->close(1008, "send queue full");
      return;
    }
    ws.send(hdl, text, websocketpp::frame::opcode::text, ec);
  }

  void close_transport(std::uint16_t code, const std::string& reason) {
    closed_locally = true;
    std::error_code ec;
    ws.close(hdl, code, reason, ec);
  }

  void opened(Hdl h) {
    if (!same(h, hdl)) return;
    std::error_code ec;
    auto con = ws.get_con_from_hdl(h, ec);
    if (ec) return;
    // websocketpp's client does not record the selected subprotocol; read the header.
    if (!spec.transport.subprotocol.empty() &&
        con->get_response_header("Sec-WebSocket-Protocol") != spec.transport.subprotocol) {
      close_transport(1002, "subprotocol not selected");
      connect_failed("server did not select subprotocol " +
                     std::string(spec.transport.subprotocol));
      return;
    }
    detail::SessionConfig config;
    config.local = Side::client;
    config.handshake_within_ms = options.handshake_within_ms;
    config.ack_deadline_ms = options.ack_deadline_ms;
    config.auto_ack = options.auto_ack;
    config.validate_payloads = options.validate_payloads;
    detail::SessionTransport transport;
    transport.write = [this](const std::string& text) { write(text); };
    transport.close = [this](std::uint16_t code, const std::string& reason) {
      close_transport(code, reason);
    };
    core = std::make_shared<detail::SessionCore>(spec, config, loop, std::move(transport));
    core->start();
    open = true;
    open_flag.store(true);
    attempt = 0;
    if (handshake) core->write_text(handshake());
    // When the server opens the handshake (event-ack-sync), the session is usable once its
    // first message has been handled (and acked): until then the client must not talk.
    const auto& hs = spec.session.handshake;
    awaiting_server_handshake = hs.present && hs.from == Side::server;
    if (!awaiting_server_handshake) session_ready();
  }

  void session_ready() {
    if (!ever_opened) {
      ever_opened = true;
      if (on_open) on_open();
      finish_connect(ConnectResult{});
    } else if (on_reconnected) {
      on_reconnected(owner);
    }
  }

  void failed(Hdl h) {
    if (!same(h, hdl)) return;
    std::error_code ec;
    auto con = ws.get_con_from_hdl(h, ec);
    std::string message = ec ? ec.message() : con->get_ec().message();
    if (!ec && con->get_response_code() != websocketpp::http::status_code::uninitialized)
      message += " (HTTP " + std::to_string(static_cast<int>(con->get_response_code())) + ")";
    connect_failed(message);
  }

  void closed(Hdl h) {
    if (!same(h, hdl)) return;
    const bool was_open = open;
    open = false;
    open_flag.store(false);
    if (core) core->shutdown();
    core.reset();
    CloseInfo info;
    std::error_code ec;
    if (auto con = ws.get_con_from_hdl(h, ec); !ec)
      info = detail::close_info_of(con, closed_locally);
    fail_all(stopping ? SessionErrc::stopped : SessionErrc::disconnected,
             "connection closed: " + std::to_string(info.code) +
                 (info.reason.empty() ? std::string() : " " + info.reason));
    if (stopping) {
      finish_shutdown();
      return;
    }
    if (connect_promise) {  // closed before the server's handshake message
      connect_failed("connection closed during the handshake: " + std::to_string(info.code) +
                     (info.reason.empty() ? std::string() : " " + info.reason));
      return;
    }
    if (!was_open) return;
    if (on_close) on_close(info);
    if (!user_closed && options.reconnect.enabled) schedule_reconnect();
  }

  void message(Hdl h, WsClient::message_ptr msg) {
    if (!same(h, hdl) || !core) return;
    auto session = core;
    const std::string& payload = msg->get_payload();
    auto in = msg->get_opcode() == websocketpp::frame::opcode::text ? session->on_text(payload)
                                                                    : session->on_binary(payload);
    if (!in) return;
    if (!pending.empty() && !in->binary) {
      std::optional<std::string> key;
      const auto& corr = spec.correlation;
      const auto& success = spec.session.handshake.success_tag;
      if (!success.empty() && in->tag == success && by_key.count(std::string(kHandshakeKey)))
        key = std::string(kHandshakeKey);
      else if (corr.kind == CorrelationKind::echo)
        key = session->last_frame().id_member(corr.response_field);
      else if (corr.kind == CorrelationKind::sequence && in->seq)
        key = std::to_string(*in->seq);
      if (key) {
        if (auto it = by_key.find(*key); it != by_key.end()) {
          Reply reply;
          reply.text = std::string(in->text);
          complete(it->second, std::move(reply));
          session->after_delivery(*in);
          return;
        }
      }
    }
    if (on_message) on_message(*in);
    session->after_delivery(*in);
    if (awaiting_server_handshake && in->handshake) {
      awaiting_server_handshake = false;
      session_ready();
    }
  }

  void issue(RequestId id, const RequestBuilder& build, ReplyCallback done, RequestOptions ro) {
    if (!open || !core) {
      done(failure(stopping ? SessionErrc::stopped : SessionErrc::not_connected,
                   "no open connection"));
      return;
    }
    const auto& corr = spec.correlation;
    std::string wire_id;
    if (corr.kind == CorrelationKind::echo)
      wire_id = std::to_string(++next_echo_id);
    else if (corr.kind == CorrelationKind::sequence)
      wire_id = std::to_string(core->next_seq());
    auto session = core;
    const auto info = session->write_text(build(wire_id));
    std::string key;
    if (info.handshake && !spec.session.handshake.success_tag.empty())
      key = std::string(kHandshakeKey);
    else if (corr.kind == CorrelationKind::echo)
      key = wire_id;
    else if (corr.kind == CorrelationKind::sequence && info.seq)
      key = std::to_string(*info.seq);
    else {
      done(failure(SessionErrc::uncorrelated,
                   "the protocol gives no way to match a reply to this request"));
      return;
    }
    Pending p;
    p.key = key;
    p.done = std::move(done);
    const std::uint32_t timeout =
        ro.timeout_ms.value_or(options.request_timeout_ms.value_or(corr.timeout_ms));
    if (timeout > 0) {
      p.timer = std::make_unique<asio::steady_timer>(loop, std::chrono::milliseconds(timeout));
      p.timer->async_wait([this, id, timeout](const std::error_code& ec) {
        if (!ec)
          complete(id, failure(SessionErrc::timeout,
                               "no reply within " + std::to_string(timeout) + " ms"));
      });
    }
    if (auto old = by_key.find(key); old != by_key.end())
      complete(old->second,
               failure(SessionErrc::cancelled, "superseded by a request with the same id"));
    by_key[key] = id;
    pending.emplace(id, std::move(p));
  }

  void complete(RequestId id, Reply reply) {
    auto it = pending.find(id);
    if (it == pending.end()) return;
    Pending p = std::move(it->second);
    pending.erase(it);
    if (auto k = by_key.find(p.key); k != by_key.end() && k->second == id) by_key.erase(k);
    if (p.timer) p.timer->cancel();
    p.done(std::move(reply));
  }

  void fail_all(SessionErrc errc, const std::string& message) {
    auto all = std::move(pending);
    pending.clear();
    by_key.clear();
    for (auto& [id, p] : all) {
      if (p.timer) p.timer->cancel();
      p.done(failure(errc, message));
    }
  }

  void begin_shutdown() {
    stopping = true;
    if (reconnect_timer) reconnect_timer->cancel();
    fail_all(SessionErrc::stopped, "client stopped");
    ConnectResult r;
    r.error = SessionErrc::stopped;
    r.message = "client stopped";
    finish_connect(std::move(r));
    std::error_code ec;
    auto con = ws.get_con_from_hdl(hdl, ec);
    if (ec || con->get_state() == websocketpp::session::state::closed) {
      finish_shutdown();
      return;
    }
    if (core)
      core->close(1001, "client stopping");
    else
      ws.close(hdl, 1001, "client stopping", ec);
    shutdown_timer = std::make_unique<asio::steady_timer>(loop, std::chrono::milliseconds(300));
    shutdown_timer->async_wait([this](const std::error_code& e) {
      if (!e) loop.stop();
    });
  }

  void finish_shutdown() {
    work.reset();
    if (shutdown_timer) shutdown_timer->cancel();
    loop.stop();
  }
};

Client::Client(const ProtocolSpec& spec, ClientOptions options)
    : impl_(std::make_unique<Impl>(*this, spec, std::move(options))) {
  Impl& d = *impl_;
  d.ws.clear_access_channels(websocketpp::log::alevel::all);
  d.ws.clear_error_channels(websocketpp::log::elevel::all);
  std::error_code ec;
  d.ws.init_asio(&d.loop, ec);
  if (ec) throw std::runtime_error("wirekit::Client: " + ec.message());
  d.ws.set_open_handler([&d](Hdl h) { d.opened(h); });
  d.ws.set_fail_handler([&d](Hdl h) { d.failed(h); });
  d.ws.set_close_handler([&d](Hdl h) { d.closed(h); });
  d.ws.set_message_handler([&d](Hdl h, WsClient::message_ptr m) { d.message(h, std::move(m)); });
  d.work.emplace(d.loop.get_executor());
  d.running.store(true);
  std::promise<void> go;
  d.thread = std::thread([&d, ready = go.get_future()] {
    ready.wait();
    d.loop.run();
  });
  d.loop_thread_id = d.thread.get_id();
  go.set_value();
}

Client::~Client() {
  // As for Server: the destructor stops without calling handlers, whose objects may be gone.
  Impl& d = *impl_;
  if (d.running.exchange(false))
    asio::post(d.loop, [&d] {
      d.on_open = nullptr;
      d.on_message = nullptr;
      d.on_close = nullptr;
      d.on_reconnected = nullptr;
      d.on_gave_up = nullptr;
      d.begin_shutdown();
    });
  if (d.thread.joinable() && std::this_thread::get_id() != d.loop_thread_id) d.thread.join();
}

void Client::on_open(std::function<void()> handler) { impl_->on_open = std::move(handler); }
void Client::on_message(std::function<void(const Incoming&)> handler) {
  impl_->on_message = std::move(handler);
}
void Client::on_close(std::function<void(const CloseInfo&)> handler) {
  impl_->on_close = std::move(handler);
}
void Client::on_reconnected(std::function<void(Client&)> handler) {
  impl_->on_reconnected = std::move(handler);
}
void Client::on_gave_up(std::function<void()> handler) { impl_->on_gave_up = std::move(handler); }
void Client::set_handshake(std::function<std::string()> build) {
  impl_->handshake = std::move(build);
}

ConnectResult Client::connect(const std::string& host, std::uint16_t port, std::string path) {
  Impl& d = *impl_;
  if (!d.running.load()) return ConnectResult{SessionErrc::stopped, "client stopped"};
  auto promise = std::make_shared<std::promise<ConnectResult>>();
  auto result = promise->get_future();
  asio::post(d.loop, [&d, promise, host, port, path = std::move(path)]() mutable {
    if (d.open || d.connect_promise) {
      promise->set_value(
          ConnectResult{SessionErrc::connect_failed, "already connected or connecting"});
      return;
    }
    d.host = host;
    d.port = port;
    d.path = path.empty() ? std::string(d.spec.transport.path) : std::move(path);
    d.user_closed = false;
    d.attempt = 0;
    d.connect_promise = std::move(promise);
    d.start_connect();
  });
  return result.get();
}

bool Client::is_open() const noexcept { return impl_->open_flag.load(); }

void Client::send(std::string text) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), text = std::move(text)] {
    if (d->open && d->core) d->core->write_text(text);
  });
}

RequestId Client::request(RequestBuilder build, ReplyCallback done, RequestOptions options) {
  const RequestId id = ++impl_->next_request_id;
  if (!impl_->running.load()) {
    done(failure(SessionErrc::stopped, "client stopped"));
    return id;
  }
  impl_->post([d = impl_.get(), id, build = std::move(build), done = std::move(done),
               options]() mutable { d->issue(id, build, std::move(done), options); });
  return id;
}

std::future<Reply> Client::request_future(RequestBuilder build, RequestOptions options) {
  auto promise = std::make_shared<std::promise<Reply>>();
  auto future = promise->get_future();
  request(
      std::move(build), [promise](Reply r) { promise->set_value(std::move(r)); }, options);
  return future;
}

void Client::cancel(RequestId id) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), id] {
    d->complete(id, failure(SessionErrc::cancelled, "request cancelled"));
  });
}

void Client::send_event(EventBuilder build) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), build = std::move(build)] {
    if (d->open && d->core) d->core->write_event(build);
  });
}

void Client::send_ack(std::string event_id) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), event_id = std::move(event_id)] {
    if (d->open && d->core) d->core->write_ack(event_id);
  });
}

void Client::close(std::uint16_t code, std::string reason) {
  if (!impl_->running.load()) return;
  impl_->post([d = impl_.get(), code, reason = std::move(reason)] {
    d->user_closed = true;
    if (d->reconnect_timer) d->reconnect_timer->cancel();
    if (d->core) d->core->close(code, reason);
  });
}

void Client::stop() {
  Impl& d = *impl_;
  if (d.running.exchange(false)) asio::post(d.loop, [&d] { d.begin_shutdown(); });
  if (d.thread.joinable() && std::this_thread::get_id() != d.loop_thread_id) d.thread.join();
}

std::size_t Client::pending_requests() const {
  Impl& d = *impl_;
  return d.run_on_loop([&d] { return d.pending.size(); });
}

std::size_t Client::pending_acks() const {
  Impl& d = *impl_;
  return d.run_on_loop([&d]() -> std::size_t { return d.core ? d.core->pending_acks() : 0; });
}

std::int64_t Client::next_seq() const {
  Impl& d = *impl_;
  return d.run_on_loop([&d] { return d.core ? d.core->next_seq() : d.spec.correlation.seq_start; });
}

}  // namespace wirekit
