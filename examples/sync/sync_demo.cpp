// Event/ack sync over loopback: a server and a client built on the generated sync SDK. Every
// event is stamped with a UUID and sent_at by the runtime and acked exactly once within the
// deadline the server announced in its first event. Run: build/bin/sync-demo
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "sync/sync_codec.hpp"
#include "sync/sync_protocol.hpp"

namespace {

std::mutex print_mutex;
void say(const char* who, const std::string& what) {
  std::lock_guard<std::mutex> lock(print_mutex);
  std::printf("%-6s %s\n", who, what.c_str());
  std::fflush(stdout);
}

// The runtime stamps id and sent_at; this fills in the rest of a generated Event.
wirekit::EventBuilder event(event_sync::Status status, std::string payload) {
  return [status, payload = std::move(payload)](std::string_view id, std::string_view sent_at) {
    event_sync::Event e;
    e.id = *wirekit::Uuid::parse(id);
    e.sent_at = *wirekit::Timestamp::parse(sent_at);
    e.status = status;
    e.payload = wirekit::JsonObject(payload);
    return event_sync::encode(e);
  };
}

}  // namespace

int main() {
  wirekit::Server server(event_sync::protocol_spec());
  server.on_open([&](wirekit::ConnectionId id) {
    // The handshake: the first event announces the ack deadline.
    server.send_event(id, event(event_sync::Status::kOk, R"({"ack_timeout_ms":2000})"));
  });
  server.on_message([&](wirekit::ConnectionId id, const wirekit::Incoming& in) {
    // The runtime decoded the payload once; one that does not decode closes the connection.
    const auto& e = std::get<event_sync::Event>(*in.value.get<const event_sync::ToServer>());
    say("server", "<- event " + e.id.to_string() + " payload " + e.payload.text);
    server.send_event(id, event(event_sync::Status::kOk, R"({"stored":true})"));
  });  // returning acks the event
  server.start();

  std::mutex mutex;
  std::condition_variable cv;
  int received = 0;
  wirekit::Client client(event_sync::protocol_spec());
  const auto on_event = [&](const wirekit::Incoming& in) {
    const auto& e = std::get<event_sync::Event>(*in.value.get<const event_sync::ToClient>());
    say("client", "<- event " + e.id.to_string() + " payload " + e.payload.text);
    std::lock_guard<std::mutex> lock(mutex);
    ++received;
    cv.notify_all();
  };
  client.on_handshake(on_event);
  client.on_message(on_event);
  const auto connected = client.connect("127.0.0.1", server.port());
  if (!connected) {
    std::fprintf(stderr, "connect failed: %s\n", connected.to_string().c_str());
    return 1;
  }
  for (int door = 1; door <= 3; ++door)
    client.send_event(event(event_sync::Status::kOk, R"({"door":)" + std::to_string(door) + "}"));

  std::unique_lock<std::mutex> lock(mutex);
  const bool all = cv.wait_for(lock, std::chrono::seconds(5), [&] { return received == 4; });
  lock.unlock();
  // Acks travel back asynchronously; give them a moment, then nothing may be left unacked.
  for (int i = 0; i < 50 && client.pending_acks() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  say("client", "events received " + std::to_string(received) + ", unacked " +
                    std::to_string(client.pending_acks()));
  const bool ok = all && client.pending_acks() == 0;
  client.close(1000, "done");
  server.stop();
  return ok ? 0 : 1;
}
