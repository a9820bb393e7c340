// sync-server: an event-ack-sync server on the generated stubs. Opens each session with an
// Event whose payload carries the ack deadline ({"ack_timeout_ms": N}); stores the payload of
// every ok Event it receives (a State) and, for an Event whose payload holds {"recover": 1},
// sends every stored State back as an Event. An Event with status "fatal" closes with 4005, as
// the schema says server code must. The runtime acks each Event once its handler returned.
// Run: build/bin/sync-server [--host HOST] [--port PORT] [--token TOKEN] [--ack-ms N]
//      [--tls-cert FILE --tls-key FILE]
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include <wirekit/json_lookup.hpp>

#include "connection_log.hpp"
#include "server_cli.hpp"
#include "sync/sync_server.hpp"

namespace {

class Store : public event_sync::stub::Handlers<> {
 public:
  explicit Store(long ack_ms) : ack_ms_(ack_ms) {}

  event_sync::Event on_handshake(Session&) override {
    const std::string payload = "{\"ack_timeout_ms\":" + std::to_string(ack_ms_) + "}";
    return event_sync::Event{event_sync::Status::kOk, std::nullopt, wirekit::JsonObject(payload)};
  }

  void on_event(Session& session, const event_sync::Event& e) override {
    if (e.status == event_sync::Status::kFatal) return session.close(4005, "status fatal");
    if (e.status != event_sync::Status::kOk) {
      std::fprintf(stderr, "event %s reports an error: %s\n", e.id.to_string().c_str(),
                   e.reason.value_or("").c_str());
      return;
    }
    if (wirekit::json::integer_at(e.payload.text, "recover") == 1) {
      std::vector<std::string> states;
      {
        std::lock_guard<std::mutex> lock(m_);
        states = states_;
      }
      for (const auto& state : states)
        server().send_event(session.id(), event_sync::Event{event_sync::Status::kOk, std::nullopt,
                                                            wirekit::JsonObject(state)});
      return;
    }
    std::lock_guard<std::mutex> lock(m_);
    states_.push_back(e.payload.text);
  }

  void on_open(Session& s) override { example::log_opened(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override {
    example::log_closed(s.id(), info);
  }

 private:
  long ack_ms_;
  std::mutex m_;
  std::vector<std::string> states_;
};

}  // namespace

int main(int argc, char** argv) {
  const auto& spec = event_sync::protocol_spec();
  example::ServerCli cli("sync-server",
                         "An event-ack-sync server that stores the States it receives and sends "
                         "them back on recovery.",
                         spec);
  std::string token, ack_ms = "10000";
  cli.add_option("--token", "TOKEN", "the bearer token upgrades must carry (401 otherwise)",
                 &token);
  cli.add_option("--ack-ms", "N", "the ack deadline the handshake announces (default 10000)",
                 &ack_ms);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  const long ack = std::atol(ack_ms.c_str());
  if (ack <= 0) {
    std::fprintf(stderr, "sync-server: --ack-ms needs a positive number\n");
    return 2;
  }
  try {
    Store store(ack);
    wirekit::ServerOptions options = cli.options();
    if (!token.empty())
      options.authorize = [token](std::string_view given) { return given == token; };
    event_sync::stub::Server<> server(store, options);
    server.run([&](std::uint16_t port) { cli.say_listening(port, spec.transport.path); });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sync-server: %s\n", e.what());
    return 1;
  }
  return 0;
}
