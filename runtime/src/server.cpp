#include "wirekit/server.hpp"

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <asio/executor_work_guard.hpp>
#include <asio/post.hpp>
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include "close_info_of.hpp"
#include "session_core.hpp"
#include "wirekit/close_policy.hpp"

namespace wirekit {

namespace {
using WsServer = websocketpp::server<websocketpp::config::asio>;
using Hdl = websocketpp::connection_hdl;
}  // namespace

struct Server::Impl {
  struct Conn {
    Hdl hdl;
    std::shared_ptr<detail::SessionCore> core;
    bool closed_locally = false;
    std::optional<std::int64_t> last_seq;
    bool last_was_handshake = false;
  };

  Impl(const ProtocolSpec& s, ServerOptions o) : spec(s), options(std::move(o)) {}

  const ProtocolSpec& spec;
  ServerOptions options;
  // Destroyed in reverse order: connections and timers first, the io_context last.
  asio::io_context loop;
  WsServer ws;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::unique_ptr<asio::steady_timer> shutdown_timer;
  std::unordered_map<ConnectionId, Conn> conns;
  std::map<Hdl, ConnectionId, std::owner_less<Hdl>> ids;
  ConnectionId next_id = 0;
  std::thread thread;
  std::thread::id loop_thread_id;
  std::atomic<bool> running{false};
  std::atomic<std::uint16_t> bound_port{0};
  std::atomic<std::size_t> connection_count{0};
  bool stopping = false;

  std::function<void(ConnectionId)> on_open;
  std::function<void(ConnectionId, const Incoming&)> on_message;
  std::function<void(ConnectionId, const CloseInfo&)> on_close;
  std::function<std::optional<std::string>(ConnectionId, std::string_view,
                                           std::optional<std::int64_t>)>
      on_undecodable;

  Conn* find(ConnectionId id) {
    auto it = conns.find(id);
    return it == conns.end() ? nullptr : &it->second;
  }

  /// Runs `f` on the loop: at once when called from a handler (so server code's writes
  /// keep their order relative to the runtime's own), else posted.
  template <class F>
  void post(F&& f) {
    if (!running.load()) return;
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

  void write(ConnectionId id, const std::string& text) {
    Conn* c = find(id);
    if (!c) return;
    std::error_code ec;
    auto con = ws.get_con_from_hdl(c->hdl, ec);
    if (ec) return;
    if (con->get_buffered_amount() + text.size() > options.send_queue_max_bytes) {
      c->core->close(1008, "send queue full");
      return;
    }
    ws.send(c->hdl, text, websocketpp::frame::opcode::text, ec);
  }

  void close_transport(ConnectionId id, std::uint16_t code, const std::string& reason) {
    Conn* c = find(id);
    if (!c) return;
    c->closed_locally = true;
    std::error_code ec;
    ws.close(c->hdl, code, reason, ec);
  }

  bool validate(Hdl hdl) {
    auto con = ws.get_con_from_hdl(hdl);
    std::string resource = con->get_resource();
    resource = resource.substr(0, resource.find('?'));
    if (resource != spec.transport.path) {
      con->set_status(websocketpp::http::status_code::not_found);
      return false;
    }
    if (!spec.transport.subprotocol.empty()) {
      const auto& offered = con->get_requested_subprotocols();
      const std::string wanted(spec.transport.subprotocol);
      if (std::find(offered.begin(), offered.end(), wanted) == offered.end()) {
        con->set_status(websocketpp::http::status_code::bad_request);
        con->set_body("subprotocol " + wanted + " required");
        return false;
      }
      con->select_subprotocol(wanted);
    }
    if (spec.transport.bearer_auth && options.authorize) {
      const std::string header = con->get_request_header("Authorization");
      const std::string prefix = "Bearer ";
      if (header.compare(0, prefix.size(), prefix) != 0 ||
          !options.authorize(std::string_view(header).substr(prefix.size()))) {
        con->set_status(websocketpp::http::status_code::unauthorized);
        return false;
      }
    }
    return true;
  }

  void opened(Hdl hdl) {
    if (stopping) {
      std::error_code ec;
      ws.close(hdl, 1001, "server stopping", ec);
      return;
    }
    const ConnectionId id = ++next_id;
    detail::SessionConfig config;
    config.local = Side::server;
    config.handshake_within_ms = options.handshake_within_ms;
    config.ack_deadline_ms = options.ack_deadline_ms;
    config.auto_ack = options.auto_ack;
    config.validate_payloads = options.validate_payloads;
    detail::SessionTransport transport;
    transport.write = [this, id](const std::string& text) { write(id, text); };
    transport.close = [this, id](std::uint16_t code, const std::string& reason) {
      close_transport(id, code, reason);
    };
    auto core = std::make_shared<detail::SessionCore>(spec, config, loop, std::move(transport));
    if (on_undecodable)
      core->set_undecodable_hook(
          [this, id](std::string_view error, std::optional<std::int64_t> seq) {
            return on_undecodable(id, error, seq);
          });
    conns.emplace(id, Conn{hdl, core, false, std::nullopt, false});
    ids.emplace(hdl, id);
    connection_count.store(conns.size());
    core->start();
    if (on_open) on_open(id);
  }

  void message(Hdl hdl, WsServer::message_ptr msg) {
    auto it = ids.find(hdl);
    if (it == ids.end()) return;
    const ConnectionId id = it->second;
    Conn* c = find(id);
    if (!c) return;
    auto core = c->core;
    const std::string& payload = msg->get_payload();
    auto in = msg->get_opcode() == websocketpp::frame::opcode::text ? core->on_text(payload)
                                                                    : core->on_binary(payload);
    if (!in) return;
    c->last_seq = in->seq;
    c->last_was_handshake = in->handshake;
    if (on_message) on_message(id, *in);
    core->after_delivery(*in);
  }

  void closed(Hdl hdl) {
    auto it = ids.find(hdl);
    if (it == ids.end()) return;
    const ConnectionId id = it->second;
    ids.erase(it);
    auto cit = conns.find(id);
    if (cit == conns.end()) return;
    Conn conn = std::move(cit->second);
    conns.erase(cit);
    connection_count.store(conns.size());
    conn.core->shutdown();
    CloseInfo info;
    std::error_code ec;
    if (auto con = ws.get_con_from_hdl(hdl, ec); !ec)
      info = detail::close_info_of(con, conn.closed_locally);
    if (on_close) on_close(id, info);
    if (stopping && conns.empty()) finish_shutdown();
  }

  void begin_shutdown() {
    stopping = true;
    std::error_code ec;
    ws.stop_listening(ec);
    for (auto& [id, c] : conns) {
      c.core->shutdown();
      c.closed_locally = true;
      ws.close(c.hdl, 1001, "server stopping", ec);
    }
    shutdown_timer = std::make_unique<asio::steady_timer>(loop);
    shutdown_timer->expires_after(std::chrono::milliseconds(options.shutdown_grace_ms));
    shutdown_timer->async_wait([this](const std::error_code& e) {
      if (!e) loop.stop();
    });
    if (conns.empty()) finish_shutdown();
  }

  void finish_shutdown() {
    work.reset();
    if (shutdown_timer) shutdown_timer->cancel();
    // Connections still in their opening handshake would keep the loop alive.
    loop.stop();
  }
};

Server::Server(const ProtocolSpec& spec, ServerOptions options)
    : impl_(std::make_unique<Impl>(spec, std::move(options))) {}

Server::~Server() {
  // The objects handlers use may already be gone (members declared after the Server, locals
  // declared after it): the destructor stops without calling them.
  Impl& d = *impl_;
  if (d.running.exchange(false))
    asio::post(d.loop, [&d] {
      d.on_open = nullptr;
      d.on_message = nullptr;
      d.on_close = nullptr;
      d.on_undecodable = nullptr;
      d.begin_shutdown();
    });
  if (d.thread.joinable() && std::this_thread::get_id() != d.loop_thread_id) d.thread.join();
}

void Server::on_open(std::function<void(ConnectionId)> handler) {
  impl_->on_open = std::move(handler);
}
void Server::on_message(std::function<void(ConnectionId, const Incoming&)> handler) {
  impl_->on_message = std::move(handler);
}
void Server::on_close(std::function<void(ConnectionId, const CloseInfo&)> handler) {
  impl_->on_close = std::move(handler);
}
void Server::on_undecodable(std::function<std::optional<std::string>(ConnectionId, std::string_view,
                                                                     std::optional<std::int64_t>)>
                                handler) {
  impl_->on_undecodable = std::move(handler);
}

void Server::start() {
  Impl& d = *impl_;
  if (d.running.load() || d.stopping) throw std::runtime_error("wirekit::Server: already started");
  d.ws.clear_access_channels(websocketpp::log::alevel::all);
  d.ws.clear_error_channels(websocketpp::log::elevel::all);
  std::error_code ec;
  d.ws.init_asio(&d.loop, ec);
  if (ec) throw std::runtime_error("wirekit::Server: " + ec.message());
  d.ws.set_reuse_addr(true);
  d.ws.set_max_message_size(d.options.max_message_bytes ? d.options.max_message_bytes
                                                        : d.spec.transport.max_message_bytes);
  d.ws.set_close_handshake_timeout(static_cast<long>(d.options.close_timeout_ms));
  d.ws.set_validate_handler([&d](Hdl h) { return d.validate(h); });
  d.ws.set_open_handler([&d](Hdl h) { d.opened(h); });
  d.ws.set_message_handler([&d](Hdl h, WsServer::message_ptr m) { d.message(h, std::move(m)); });
  d.ws.set_close_handler([&d](Hdl h) { d.closed(h); });

  asio::error_code aec;
  auto address = asio::ip::make_address(d.options.host, aec);
  if (aec) throw std::runtime_error("wirekit::Server: bad host " + d.options.host);
  d.ws.listen(asio::ip::tcp::endpoint(address, d.options.port), ec);
  if (ec) throw std::runtime_error("wirekit::Server: cannot listen: " + ec.message());
  d.bound_port.store(d.ws.get_local_endpoint(aec).port());
  d.ws.start_accept(ec);
  if (ec) throw std::runtime_error("wirekit::Server: cannot accept: " + ec.message());
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

std::uint16_t Server::port() const noexcept { return impl_->bound_port.load(); }

void Server::stop() {
  Impl& d = *impl_;
  if (d.running.exchange(false)) asio::post(d.loop, [&d] { d.begin_shutdown(); });
  if (d.thread.joinable() && std::this_thread::get_id() != d.loop_thread_id) d.thread.join();
}

void Server::send(ConnectionId connection, std::string text) {
  impl_->post([d = impl_.get(), connection, text = std::move(text)] {
    if (auto* c = d->find(connection)) c->core->write_text(text);
  });
}

void Server::send_event(ConnectionId connection, EventBuilder build) {
  impl_->post([d = impl_.get(), connection, build = std::move(build)] {
    if (auto* c = d->find(connection)) c->core->write_event(build);
  });
}

void Server::send_ack(ConnectionId connection, std::string event_id) {
  impl_->post([d = impl_.get(), connection, event_id = std::move(event_id)] {
    if (auto* c = d->find(connection)) c->core->write_ack(event_id);
  });
}

void Server::close(ConnectionId connection, std::uint16_t code, std::string reason) {
  impl_->post([d = impl_.get(), connection, code, reason = std::move(reason)] {
    if (auto* c = d->find(connection)) c->core->close(code, reason);
  });
}

bool Server::close_named(ConnectionId connection, std::string_view code_name, std::string reason) {
  const std::uint16_t code = impl_->spec.close_code_named(code_name);
  if (code == 0) return false;
  close(connection, code, reason.empty() ? std::string(code_name) : std::move(reason));
  return true;
}

void Server::report_violation(ConnectionId connection, Condition condition, std::string reason) {
  impl_->post([d = impl_.get(), connection, condition, reason = std::move(reason)] {
    if (auto* c = d->find(connection)) c->core->violation(condition, reason);
  });
}

void Server::report_undecodable(ConnectionId connection, std::string error) {
  impl_->post([d = impl_.get(), connection, error = std::move(error)] {
    auto* c = d->find(connection);
    if (!c) return;
    if (c->last_was_handshake || c->core->awaiting_handshake())
      c->core->violation(Condition::handshake_undecodable, error);
    else
      c->core->undecodable(error, c->last_seq);
  });
}

std::size_t Server::connection_count() const { return impl_->connection_count.load(); }

std::size_t Server::pending_acks(ConnectionId connection) const {
  Impl& d = *impl_;
  return d.run_on_loop([&d, connection]() -> std::size_t {
    auto* c = d.find(connection);
    return c ? c->core->pending_acks() : 0;
  });
}

}  // namespace wirekit
