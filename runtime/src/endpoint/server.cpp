#include "wirekit/server.hpp"

#include <asio/post.hpp>
#include <websocketpp/config/asio.hpp>
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

#include <algorithm>
#include <atomic>
#include <future>
#include <stdexcept>
#include <type_traits>

#include "endpoint/endpoint_core.hpp"
#include "memory/free_memory.hpp"
#include "transport/listener.hpp"
#include "transport/text_frame.hpp"
#include "transport/tls_context.hpp"
#include "transport/ws_wire.hpp"
#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit {

using detail::Connection;
using detail::ConnectionPtr;

namespace {

/// The websocketpp half of a Server, whatever its configuration (plain or TLS).
class ServerGlue {
 public:
  virtual ~ServerGlue() = default;
  /// Throws std::runtime_error when it cannot listen.
  virtual void listen(const std::string& host, std::uint16_t port) = 0;
  virtual std::uint16_t port() const = 0;
  virtual void stop_listening() = 0;
};

}  // namespace

struct Server::Impl final : detail::ConnectionEvents {
  template <class Config>
  class WsGlue;

  Impl(const ProtocolSpec& s, ServerOptions o)
      : spec(s),
        options(std::move(o)),
        core(spec, options, /*refuse_when_full=*/false, options.memory_limit_bytes,
             options.return_memory_to_system),
        groups(options.groups ? options.groups : std::make_shared<LocalGroupStore>()) {}

  const ProtocolSpec& spec;
  ServerOptions options;
  detail::EndpointCore core;  // before glue: the websocketpp endpoint goes first
  std::unique_ptr<ServerGlue> glue;
  std::atomic<bool> running{false};
  bool stopping = false;  // loop-side
  std::unique_ptr<asio::steady_timer> shutdown_timer;
  std::shared_ptr<GroupStore> groups;

  // The user's handlers (the destructor clears them all at once).
  struct Handlers {
    std::function<void(ConnectionId)> on_open;
    std::function<void(ConnectionId, const Incoming&)> on_message;
    std::function<void(ConnectionId, const CloseInfo&)> on_close;
    std::function<std::optional<std::string>(ConnectionId, const DecodeError&,
                                             std::optional<std::int64_t>)>
        on_undecodable;
    std::function<void(ConnectionId)> on_drain;
    std::function<void(ConnectionId, StreamId)> on_stream_cancelled;
  };
  Handlers handlers;

  // ---- called by the glue on the connection's strand ----------------------------------------

  /// A new connection passed the upgrade; returns it, or null when the server is stopping.
  ConnectionPtr opened(std::unique_ptr<detail::Wire> wire) {
    if (stopping) return nullptr;
    auto connection = core.add(std::move(wire), Side::server, *this);
    connection->session().start();
    if (handlers.on_open) handlers.on_open(connection->id());
    return connection;
  }

  void closed(const ConnectionPtr& connection) {
    const CloseInfo info = connection->on_closed();
    connection->streams.close_all();
    core.remove(connection->id());
    if (handlers.on_close) handlers.on_close(connection->id(), info);
    // After on_close, which may still look at the groups the connection was in.
    groups->leave_connection(connection->id());
    if (stopping && core.size() == 0) finish_shutdown();
  }

  // ---- ConnectionEvents ---------------------------------------------------------------------

  void deliver(Connection& c, Incoming& in) override {
    in.user_data = c.user_data;
    std::vector<StreamId> cancelled;
    if (in.header) {
      if (const StreamSpec* s = spec.stream_of(in.message)) {
        // A key still open: refused with the schema's close code when it maps one (e.g.
        // graphql-transport-ws 4409), else one more stream on that key.
        if (const std::uint16_t code = spec.close_code_for(Condition::duplicate_stream_key);
            code != 0 && c.streams.holds(*s, in.header->stream_keys)) {
          std::string key;
          in.header->stream_keys.for_each([&](std::string_view k) {
            if (key.empty()) key = std::string(k);
          });
          c.session().close(code, "a stream with key " + key.substr(0, 64) + " is already open");
          return;
        }
        std::vector<std::string> keys;
        in.header->stream_keys.for_each([&](std::string_view k) { keys.emplace_back(k); });
        in.stream = ++c.last_stream;
        c.streams.open(in.stream, *s, std::move(keys));
      }
      cancelled = c.streams.cancel(in.message, in.header->stream_keys);
      for (StreamId ended : cancelled)
        if (handlers.on_stream_cancelled) handlers.on_stream_cancelled(c.id(), ended);
    }
    if (handlers.on_message) handlers.on_message(c.id(), in);
    // After the cancel's handlers, which may still look at the groups the streams were in.
    for (StreamId ended : cancelled) groups->leave_all(GroupMember{c.id(), ended});
  }

  MessageIndex expected_reply(Connection&, std::string_view, const MessageIndex*,
                              std::size_t) override {
    return kNoMessage;  // a server matches no replies
  }

  std::optional<std::string> undecodable(Connection& c, const DecodeError& error,
                                         std::optional<std::int64_t> seq) override {
    if (!handlers.on_undecodable) return std::nullopt;
    return handlers.on_undecodable(c.id(), error, seq);
  }

  void drained(Connection& c) override {
    if (handlers.on_drain) handlers.on_drain(c.id());
  }

  // ---- shutdown (on the loop) ---------------------------------------------------------------

  void begin_shutdown() {
    if (stopping) return;
    stopping = true;
    if (glue) glue->stop_listening();
    for (auto& c : core.all())
      core.run_on(
          c, [](Connection& connection) { connection.session().close(1001, "server stopping"); });
    shutdown_timer = std::make_unique<asio::steady_timer>(core.loop());
    shutdown_timer->expires_after(std::chrono::milliseconds(options.shutdown_grace_ms));
    // Guarded: an expired timer's handler may still be queued on a user's loop when the
    // server is gone.
    shutdown_timer->async_wait(core.guarded([this](const std::error_code& e) {
      if (!e) finish_shutdown();
    }));
    if (core.size() == 0) finish_shutdown();
  }

  void finish_shutdown() {
    if (shutdown_timer) shutdown_timer->cancel();
    // Connections still in their opening handshake would keep an own loop alive.
    core.finish_shutdown();
  }

  /// Runs `f` on the connection's strand when the connection exists.
  template <class F>
  bool with_connection(ConnectionId id, F&& f) {
    auto c = core.find(id);
    if (!c) return false;
    core.run_on(c, std::forward<F>(f));
    return true;
  }
};

template <class Config>
class Server::Impl::WsGlue final : public ServerGlue {
 public:
  using Endpoint = websocketpp::server<Config>;
  using Hdl = websocketpp::connection_hdl;

  explicit WsGlue(Impl& impl) : impl_(impl) {
    detail::init_endpoint(ws_, impl_.core.loop(), "wirekit::Server");
    ws_.set_max_message_size(impl_.core.max_message_bytes());
    ws_.set_close_handshake_timeout(static_cast<long>(impl_.options.close_timeout_ms));
    ws_.set_validate_handler(impl_.core.guarded([this](Hdl h) { return validate(h); }));
    ws_.set_open_handler(impl_.core.guarded([this](Hdl h) { opened(h); }));
    if constexpr (std::is_same_v<Config, websocketpp::config::asio_tls>) {
      auto tls = detail::make_server_tls_context(*impl_.options.tls);
      ws_.set_tls_init_handler([tls](Hdl) { return tls; });
    }
  }

  void listen(const std::string& host, std::uint16_t port) override {
    asio::error_code aec;
    auto address = asio::ip::make_address(host, aec);
    if (aec) throw std::runtime_error("wirekit::Server: bad host " + host);
    listener_ = std::make_shared<detail::Listener<Endpoint>>(ws_, impl_.core.loop());
    port_ = listener_->listen(asio::ip::tcp::endpoint(address, port));
    listener_->start();
  }

  std::uint16_t port() const override { return port_; }

  void stop_listening() override {
    if (listener_) listener_->stop();
  }

  ~WsGlue() override { stop_listening(); }

 private:
  bool validate(Hdl hdl) {
    auto con = ws_.get_con_from_hdl(hdl);
    if (impl_.core.budget().full()) {
      con->set_status(websocketpp::http::status_code::service_unavailable);
      con->set_body("server memory limit reached");
      return false;
    }
    const TransportSpec& t = impl_.spec.transport;
    std::string resource = con->get_resource();
    resource = resource.substr(0, resource.find('?'));
    if (resource != t.path) {
      con->set_status(websocketpp::http::status_code::not_found);
      return false;
    }
    if (!t.subprotocol.empty()) {
      const auto& offered = con->get_requested_subprotocols();
      const std::string wanted(t.subprotocol);
      if (std::find(offered.begin(), offered.end(), wanted) != offered.end()) {
        con->select_subprotocol(wanted);
      } else if (t.unoffered_subprotocol == TransportSpec::Unoffered::refuse) {
        con->set_status(websocketpp::http::status_code::bad_request);
        con->set_body("subprotocol " + wanted + " required");
        return false;
      }  // else accepted without a subprotocol (and, for `close`, closed once open: opened())
    }
    if (t.bearer_auth && impl_.options.authorize) {
      const std::string header = con->get_request_header("Authorization");
      const std::string prefix = "Bearer ";
      if (header.compare(0, prefix.size(), prefix) != 0 ||
          !impl_.options.authorize(std::string_view(header).substr(prefix.size()))) {
        con->set_status(websocketpp::http::status_code::unauthorized);
        return false;
      }
    }
    return true;
  }

  void opened(Hdl hdl) {
    auto con = ws_.get_con_from_hdl(hdl);
    auto connection = impl_.opened(std::make_unique<detail::WsWire<Endpoint>>(con));
    if (!connection) {
      std::error_code ec;
      con->close(1001, "server stopping", ec);
      return;
    }
    // Handlers of this connection reach its Connection without a lookup; a weak reference,
    // since the Connection holds the websocketpp connection.
    // Accepted without the subprotocol (transport.unoffered_subprotocol: close): the schema's
    // code closes it before any handler sees a message.
    const TransportSpec& t = impl_.spec.transport;
    if (!t.subprotocol.empty() && con->get_subprotocol().empty() &&
        t.unoffered_subprotocol == TransportSpec::Unoffered::close) {
      connection->session().violation(Condition::subprotocol_not_offered,
                                      "subprotocol " + std::string(t.subprotocol) + " not offered");
    }
    std::weak_ptr<Connection> weak = connection;
    con->set_message_handler(impl_.core.guarded([weak](Hdl, typename Endpoint::message_ptr msg) {
      if (auto c = weak.lock())
        c->on_frame(msg->get_opcode() != websocketpp::frame::opcode::text, msg->get_payload());
    }));
    con->set_close_handler(impl_.core.guarded([this, weak](Hdl) {
      if (auto c = weak.lock()) impl_.closed(c);
    }));
  }

  Impl& impl_;
  Endpoint ws_;
  std::shared_ptr<detail::Listener<Endpoint>> listener_;
  std::uint16_t port_ = 0;
};

Server::Server(const ProtocolSpec& spec, ServerOptions options)
    : impl_(std::make_unique<Impl>(spec, std::move(options))) {}

Server::~Server() {
  // The objects handlers use may already be gone: stop without calling them.
  Impl& d = *impl_;
  d.core.stop(d.running, [&d] {
    d.handlers = {};
    d.begin_shutdown();
  });
}

void Server::on_open(std::function<void(ConnectionId)> handler) {
  impl_->handlers.on_open = std::move(handler);
}
void Server::on_message(std::function<void(ConnectionId, const Incoming&)> handler) {
  impl_->handlers.on_message = std::move(handler);
}
void Server::on_close(std::function<void(ConnectionId, const CloseInfo&)> handler) {
  impl_->handlers.on_close = std::move(handler);
}
void Server::on_undecodable(std::function<std::optional<std::string>(
                                ConnectionId, const DecodeError&, std::optional<std::int64_t>)>
                                handler) {
  impl_->handlers.on_undecodable = std::move(handler);
}
void Server::on_drain(std::function<void(ConnectionId)> handler) {
  impl_->handlers.on_drain = std::move(handler);
}
void Server::on_stream_cancelled(std::function<void(ConnectionId, StreamId)> handler) {
  impl_->handlers.on_stream_cancelled = std::move(handler);
}

void Server::start() {
  Impl& d = *impl_;
  if (d.running.load() || d.stopping) throw std::runtime_error("wirekit::Server: already started");
  if (d.options.tls)
    d.glue = std::make_unique<Impl::WsGlue<websocketpp::config::asio_tls>>(d);
  else
    d.glue = std::make_unique<Impl::WsGlue<websocketpp::config::asio>>(d);
  if (d.options.return_memory_to_system) detail::map_large_blocks();
  d.glue->listen(d.options.host, d.options.port);
  d.running.store(true);
  d.core.start();
}

std::uint16_t Server::port() const noexcept { return impl_->glue ? impl_->glue->port() : 0; }

bool Server::running() const noexcept { return impl_->running.load(); }

void Server::stop() {
  Impl& d = *impl_;
  d.core.stop(d.running, [&d] { d.begin_shutdown(); });
}

bool Server::send(ConnectionId connection, Outgoing message) {
  const ProtocolSpec& spec = impl_->spec;
  return impl_->with_connection(connection, [&spec, message = std::move(message)](Connection& c) {
    c.session().write(message.text, detail::facts_of(spec, message, Side::server));
  });
}

bool Server::send(ConnectionId connection, std::string text) {
  if (!detail::valid_utf8(text)) return false;
  const ProtocolSpec& spec = impl_->spec;
  return impl_->with_connection(connection, [&spec, text = std::move(text)](Connection& c) {
    c.session().write(text, detail::decoded_facts(spec, text, Side::server));
  });
}

void Server::broadcast(const std::vector<ConnectionId>& connections, const Outgoing& message) {
  struct Shared {
    std::string text;
    MessageFacts facts;
  };
  auto shared = std::make_shared<const Shared>(
      Shared{message.text, detail::facts_of(impl_->spec, message, Side::server)});
  for (ConnectionId id : connections)
    impl_->with_connection(
        id, [shared](Connection& c) { c.session().write(shared->text, shared->facts); });
}

void Server::send_event(ConnectionId connection, EventBuilder build) {
  const ProtocolSpec& spec = impl_->spec;
  impl_->with_connection(connection, [&spec, build = std::move(build)](Connection& c) {
    std::string id = Uuid::generate().to_string();
    const Outgoing event = build(id, Timestamp::now().str());
    c.session().write_event(id, event.text, detail::facts_of(spec, event, Side::server));
  });
}

void Server::send_ack(ConnectionId connection, std::string event_id) {
  impl_->with_connection(connection, [event_id = std::move(event_id)](Connection& c) {
    c.session().write_ack(event_id);
  });
}

void Server::close(ConnectionId connection, std::uint16_t code, std::string reason) {
  impl_->with_connection(connection, [code, reason = std::move(reason)](Connection& c) {
    c.session().close(code, reason);
  });
}

bool Server::close_named(ConnectionId connection, std::string_view code_name, std::string reason) {
  const std::uint16_t code = impl_->spec.close_code_named(code_name);
  if (code == 0) return false;
  close(connection, code, reason.empty() ? std::string(code_name) : std::move(reason));
  return true;
}

void Server::report_violation(ConnectionId connection, Condition condition, std::string reason) {
  impl_->with_connection(connection, [condition, reason = std::move(reason)](Connection& c) {
    c.session().violation(condition, reason);
  });
}

void Server::report_undecodable(ConnectionId connection, std::string error,
                                std::optional<std::int64_t> seq, bool handshake) {
  impl_->with_connection(connection, [error = std::move(error), seq, handshake](Connection& c) {
    c.session().undecodable(error, seq, handshake);
  });
}

std::size_t Server::queued_bytes(ConnectionId connection) const {
  auto c = impl_->core.find(connection);
  if (!c || !impl_->running.load()) return 0;
  if (c->strand().running_in_this_thread()) return c->queued_bytes();
  std::promise<std::size_t> result;
  auto value = result.get_future();
  impl_->core.run_on(c, [&result](Connection& con) { result.set_value(con.queued_bytes()); });
  return value.get();
}

void Server::pause_reading(ConnectionId connection) {
  impl_->with_connection(connection, [](Connection& c) { c.pause_reading(); });
}

void Server::resume_reading(ConnectionId connection) {
  impl_->with_connection(connection, [](Connection& c) { c.resume_reading(); });
}

void Server::keep_user_data(ConnectionId connection, std::shared_ptr<void> owner, TypedRef data) {
  impl_->with_connection(connection, [owner = std::move(owner), data](Connection& c) {
    c.user_data_owner = owner;
    c.user_data = data;
  });
}

void Server::end_stream(ConnectionId connection, StreamId stream) {
  if (auto c = impl_->core.find(connection)) c->streams.close(stream);
  impl_->groups->leave_all(GroupMember{connection, stream});
}

bool Server::join(const std::string& group, ConnectionId connection, StreamId stream) {
  const auto open = [&] {
    return stream == 0 ? impl_->core.find(connection) != nullptr : stream_open(connection, stream);
  };
  if (!open()) return false;
  const GroupMember member{connection, stream};
  if (!impl_->groups->join(group, member)) return false;
  // Closed meanwhile (on another thread): its automatic leave may have run before the join.
  if (open()) return true;
  impl_->groups->leave(group, member);
  return false;
}

bool Server::leave(const std::string& group, ConnectionId connection, StreamId stream) {
  return impl_->groups->leave(group, GroupMember{connection, stream});
}

GroupStore& Server::groups() const noexcept { return *impl_->groups; }

bool Server::stream_open(ConnectionId connection, StreamId stream) const {
  auto c = impl_->core.find(connection);
  return c && c->streams.is_open(stream);
}

std::string Server::generated_stream_key(ConnectionId connection, StreamId stream) const {
  auto c = impl_->core.find(connection);
  return c ? c->streams.generated_key(stream) : std::string();
}

StreamRole Server::stream_role(ConnectionId connection, StreamId stream,
                               const Outgoing& message) const {
  auto c = impl_->core.find(connection);
  return c ? c->streams.role_of(stream, message.facts.message, message.facts.stream_conditions,
                                message.stream_keys)
           : StreamRole::none;
}

std::size_t Server::connection_count() const { return impl_->core.size(); }

std::size_t Server::memory_held() const { return impl_->core.budget().held(); }

std::size_t Server::pending_acks(ConnectionId connection) const {
  auto c = impl_->core.find(connection);
  if (!c || !impl_->running.load()) return 0;
  if (c->strand().running_in_this_thread()) return c->session().correlation().pending_acks();
  std::promise<std::size_t> result;
  auto value = result.get_future();
  impl_->core.run_on(c, [&result](Connection& con) {
    result.set_value(con.session().correlation().pending_acks());
  });
  return value.get();
}

}  // namespace wirekit
