// sync-client: the event-ack-sync flow on the generated client stub, against sync-server. The
// handshake is the server's first Event (it announces the ack deadline); the client sends two
// States as Events and waits for each one's ack, then sends {"recover":1} and prints the stored
// States the server sends back, up to its own two. The runtime stamps each Event's id and
// sent_at and acks the server's Events. One line per step.
// Run: build/bin/sync-client [--host HOST] [--port PORT] [--path PATH] [--token TOKEN]
//      [--tls] [--ca FILE]
#include <algorithm>
#include <string>
#include <vector>

#include "client_cli.hpp"
#include "client_flow.hpp"
#include "sync/sync_client.hpp"

namespace {

using example::FlowError;
using example::say;

event_sync::Event event(const std::string& payload) {
  event_sync::Event e;
  e.status = event_sync::Status::kOk;
  e.payload = wirekit::JsonObject(payload);
  return e;
}

class Flow {
 public:
  Flow(const example::ClientCli& cli, const std::string& token)
      : cli_(cli), client_(options(cli, token)) {
    client_.on_event([this](const event_sync::Event& e) { events_.push(e.payload.text); });
  }

  void run() {
    auto first = client_.connect(cli_.host(), cli_.port(), cli_.path());
    example::require_connected(first.result, cli_.url());
    say("connected to " + cli_.url());
    // The handler saw the handshake's Event too; take it from the inbox to keep the order.
    say("<- handshake event " + events_.next("the handshake event"));
    const std::vector<std::string> states = {R"({"door":"open"})", R"({"door":"closed"})"};
    for (const auto& state : states) send(state);

    send(R"({"recover":1})");
    // The server sends every State it stored, oldest first (other clients' and earlier runs'
    // included, so ours are the last two). sync-server sends them before it acks the request:
    // take all that came; a server that sends them after its ack is waited for until ours came.
    std::vector<std::string> recovered;
    while (!events_.empty() || recovered.size() < states.size() ||
           !std::equal(states.begin(), states.end(), recovered.end() - states.size())) {
      recovered.push_back(events_.next("the stored states"));
      say("<- event " + recovered.back() + " (recovered)");
    }
    client_.close(1000, "done");
  }

 private:
  static wirekit::ClientOptions options(const example::ClientCli& cli, const std::string& token) {
    wirekit::ClientOptions o = cli.options();
    if (!token.empty()) o.headers = {{"Authorization", "Bearer " + token}};
    return o;
  }

  /// Sends an Event carrying `payload` and waits for its ack.
  void send(const std::string& payload) {
    const std::string id = client_.event(event(payload), [this](const wirekit::SessionError& e) {
      acks_.push(e.code == wirekit::SessionErrc::ok ? "" : e.to_string());
    });
    say("-> event " + payload + " id " + id);
    const std::string error = acks_.next("the ack of " + id);
    if (!error.empty()) throw FlowError("event " + id + " was not acked: " + error);
    say("<- ack " + id);
  }

  const example::ClientCli& cli_;
  example::Inbox events_, acks_;
  event_sync::stub::Client client_;  // last: destroyed first, so no handler outlives the inboxes
};

}  // namespace

int main(int argc, char** argv) {
  example::ClientCli cli("sync-client",
                         "The event-ack-sync flow: handshake, Events and their acks, recovery of "
                         "the stored States.",
                         event_sync::protocol_spec());
  std::string token;
  cli.add_option("--token", "TOKEN", "the bearer token to send with the upgrade", &token);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  return example::run_flow(cli.program(), [&] { Flow(cli, token).run(); });
}
