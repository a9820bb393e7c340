// The main demo: a concierge gateway and two clients, all built on the generated concierge
// SDK and the wirekit runtime, talking over loopback. Run: build/bin/concierge-demo
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <wirekit/client.hpp>

#include "concierge/concierge_codec.hpp"
#include "concierge/concierge_protocol.hpp"
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
  explicit Peer(std::string name) : name_(std::move(name)), client_(concierge::protocol_spec()) {
    client_.set_handshake([this] {
      concierge::Identify identify;
      identify.name = name_;
      identify.version = "0.2.0";
      identify.tags = {"demo"};
      return concierge::encode(identify);
    });
    client_.on_message([this](const wirekit::Incoming& in) {
      auto message = concierge::decode_to_client(in.text);
      if (!message) return say(name_, "<- undecodable: " + message.error().to_string());
      say(name_, "<- " + std::string(concierge::tag_of(*message)) + " " + std::string(in.text));
    });
  }

  void connect(std::uint16_t port) {
    auto result = client_.connect("127.0.0.1", port);
    if (!result) throw std::runtime_error(name_ + ": cannot connect: " + result.message);
    say(name_, "connected and sent IDENTIFY");
  }

  /// Sends a request and waits for the reply the gateway numbers with its seq.
  template <class Request>
  concierge::ToClient call(const Request& request) {
    return call_raw(concierge::encode(request));
  }

  concierge::ToClient call_raw(const std::string& text) {
    say(name_, "-> " + text);
    auto reply = client_.request_future([&](std::string_view) { return text; }).get();
    if (!reply) throw std::runtime_error(name_ + ": " + reply.message);
    auto decoded = concierge::decode_to_client(reply.text);
    if (!decoded) throw std::runtime_error(name_ + ": " + decoded.error().to_string());
    say(name_, "<- " + std::string(concierge::tag_of(*decoded)) + " " + reply.text);
    return *decoded;
  }

  wirekit::Client& client() { return client_; }

 private:
  std::string name_;
  wirekit::Client client_;
};

}  // namespace

int main() {
  try {
    example::Gateway gateway({});
    say("server",
        "concierge gateway listening on ws://127.0.0.1:" + std::to_string(gateway.port()) + "/ws");
    Peer alice("alice"), bob("bob");
    alice.connect(gateway.port());
    bob.connect(gateway.port());

    concierge::ServiceCreate create;
    create.service = "weather";
    create.nickname = "Weather reports";
    alice.call(create);

    concierge::SelfSubscribe subscribe;
    subscribe.service = "weather";
    bob.call(subscribe);

    concierge::Message report;
    report.target = concierge::TargetService{"weather"};
    report.data = wirekit::Json(R"({"city":"Oslo","celsius":-3})");
    alice.call(report);

    bob.call(concierge::ClientFetchAll{});

    // A payload the codec rejects is answered with ERROR_PROTOCOL; the session goes on.
    const auto error = bob.call_raw(R"({"type":"SERVICE_FETCH"})");  // no "service" field
    const bool protocol_error = std::holds_alternative<concierge::ErrorProtocol>(error);

    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    alice.client().close(1000, "bye");
    bob.client().close(1000, "bye");
    gateway.stop();
    say("server", protocol_error ? "demo finished" : "demo finished with an unexpected reply");
    return protocol_error ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "demo failed: %s\n", e.what());
    return 1;
  }
}
