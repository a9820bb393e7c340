// The main demo: a concierge gateway and two clients, all written on the generated concierge
// stubs, talking over loopback. Run: build/bin/concierge-demo
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "concierge/concierge_client.hpp"
#include "gateway.hpp"

namespace {

std::mutex print_mutex;

void say(const std::string& who, const std::string& what) {
  std::lock_guard<std::mutex> lock(print_mutex);
  std::printf("%-6s %s\n", who.c_str(), what.c_str());
  std::fflush(stdout);
}

// One concierge client: identifies on connect and prints what the gateway pushes.
class Peer {
 public:
  explicit Peer(std::string name) : name_(std::move(name)) {
    client_.on_client_joined([this](const concierge::ClientJoined& m) {
      say(name_, "<- CLIENT_JOINED " + m.client.name);
    });
    client_.on_service_create_result([this](const concierge::ServiceCreateResult& m) {
      say(name_, "<- SERVICE_CREATE_RESULT (broadcast) " + m.service.name);
    });
    client_.on_service_client_subscribed([this](const concierge::ServiceClientSubscribed& m) {
      say(name_, "<- SERVICE_CLIENT_SUBSCRIBED " + m.client.name + " to " + m.service.name);
    });
    client_.on_message([this](const concierge::Message& m) {
      say(name_, "<- MESSAGE from " + (m.origin ? m.origin->name : "?") + ": " + m.data.text);
    });
  }

  void connect(std::uint16_t port) {
    concierge::Identify me;
    me.name = name_;
    me.version = "0.2.0";
    me.tags = {"demo"};
    auto hello = client_.connect("127.0.0.1", port, me);
    if (!hello) throw std::runtime_error(name_ + ": cannot connect: " + hello.result.to_string());
    say(name_, "identified; HELLO uuid " + hello->uuid.to_string());
  }

  concierge::stub::Client& client() { return client_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  concierge::stub::Client client_;
};

/// Waits for an outcome and prints it; throws on a session error.
template <class Outcome>
Outcome await(Peer& peer, const std::string& what, std::future<Outcome> future) {
  Outcome outcome = future.get();
  if (auto* error = outcome.session_error())
    throw std::runtime_error(peer.name() + ": " + what + ": " + error->to_string());
  say(peer.name(), what + (outcome.ok() ? ": ok" : ": error reply"));
  return outcome;
}

}  // namespace

int main() {
  try {
    example::Gateway gateway({});
    say("server",
        "concierge gateway listening on ws://127.0.0.1:" + std::to_string(gateway.port()) + "/ws");
    Peer alice("alice"), bob("bob");
    alice.connect(gateway.port());
    bob.connect(gateway.port());

    auto created = await(alice, "SERVICE_CREATE weather",
                         alice.client().service_create({"weather", "Weather reports"}));
    say("alice", "  seq " + std::to_string(created.reply()->seq.value_or(-1)));

    await(bob, "SELF_SUBSCRIBE weather", bob.client().self_subscribe({"weather"}));

    concierge::Message report;
    report.target = concierge::TargetService{"weather"};
    report.data = wirekit::Json(R"({"city":"Oslo","celsius":-3})");
    await(alice, "MESSAGE to service weather", alice.client().message(report));

    auto clients = await(bob, "CLIENT_FETCH_ALL", bob.client().client_fetch_all({}));
    say("bob", "  " + std::to_string(clients.reply()->clients.size()) + " clients connected");

    // A typed error reply: exactly one of the request's errors.
    auto missing = await(bob, "SERVICE_FETCH nowhere", bob.client().service_fetch({"nowhere"}));
    const auto* invalid = missing.error<concierge::InvalidService>();
    say("bob", "  INVALID_SERVICE " + (invalid ? invalid->service : std::string("missing")));

    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    alice.client().close(1000, "bye");
    bob.client().close(1000, "bye");
    gateway.stop();
    say("server", invalid ? "demo finished" : "demo finished with an unexpected reply");
    return invalid ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "demo failed: %s\n", e.what());
    return 1;
  }
}
