// The generated event-ack-sync stubs over loopback: the server opens the handshake with a typed
// Event, connect() returns it; events are stamped with id and sent_at by the stubs and acked by
// the runtime after their handler; the sender is told when its event was acked, or why not.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "stub_support.hpp"
#include "sync/sync_client.hpp"
#include "sync/sync_server.hpp"

using wirekit::stub_test::Inbox;

namespace {

event_sync::Event event_with(std::string payload) {
  event_sync::Event e;
  e.status = event_sync::Status::kOk;
  e.payload = wirekit::JsonObject(std::move(payload));
  return e;
}

class Store : public event_sync::stub::Handlers<> {
 public:
  explicit Store(std::string handshake_payload) : handshake_(std::move(handshake_payload)) {}
  event_sync::Event on_handshake(Session&) override { return event_with(handshake_); }
  void on_event(Session&, const event_sync::Event& e) override {
    received.push(e.payload.text + " " + e.id.to_string() + " " +
                  (e.sent_at.str().empty() ? "no-time" : "timed"));
  }
  Inbox<std::string> received;

 private:
  std::string handshake_;
};

}  // namespace

TEST_CASE("sync stubs: the server's handshake Event is connect()'s result", "[stubs][sync]") {
  Store store(R"({"ack_timeout_ms":2000})");
  event_sync::stub::Server<> server(store);
  server.start();
  event_sync::stub::Client client;
  auto first = client.connect("127.0.0.1", server.port());
  REQUIRE(first.ok());
  CHECK(first->payload.text == R"({"ack_timeout_ms":2000})");
  CHECK(first->status == event_sync::Status::kOk);
  CHECK(wirekit::Uuid::parse(first->id.to_string()).has_value());
  // The client acked the handshake: nothing stays pending on the server.
  const auto ids = server.connections();
  REQUIRE(ids.size() == 1);
  for (int i = 0; i < 200 && server.runtime().pending_acks(ids[0]) != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(server.runtime().pending_acks(ids[0]) == 0);
}

TEST_CASE("sync stubs: an event is stamped, delivered, acked, and its sender told",
          "[stubs][sync]") {
  Store store(R"({"ack_timeout_ms":2000})");
  event_sync::stub::Server<> server(store);
  server.start();
  Inbox<std::string> acked;   // outlives the client, whose handlers write here
  Inbox<std::string> pushed;  // outlives the client, whose handlers write here
  event_sync::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  const std::string id =
      client.event(event_with(R"({"state":1})"),
                   [&](const wirekit::SessionError& e) { acked.push(wirekit::to_string(e.code)); });
  CHECK(acked.wait_for(1) == std::vector<std::string>{"ok"});
  CHECK(store.received.wait_for(1) == std::vector<std::string>{R"({"state":1} )" + id + " timed"});

  // Server to client: the client's handler runs, then the runtime acks it.
  client.on_event([&](const event_sync::Event& e) { pushed.push(e.payload.text); });
  const auto ids = server.connections();
  REQUIRE(ids.size() == 1);
  server.send_event(ids[0], event_with(R"({"stored":true})"));
  CHECK(pushed.wait_for(1) == std::vector<std::string>{R"({"stored":true})"});
  for (int i = 0; i < 200 && server.runtime().pending_acks(ids[0]) != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(server.runtime().pending_acks(ids[0]) == 0);
}

TEST_CASE("sync stubs: an event that is never acked fails its sender", "[stubs][sync]") {
  Store store(R"({"ack_timeout_ms":200})");  // the negotiated deadline
  wirekit::ServerOptions options;
  options.auto_ack = false;  // this server never acks
  event_sync::stub::Server<> server(store, options);
  server.start();
  Inbox<std::uint16_t> closes;  // outlives the client, whose handlers write here
  Inbox<std::string> acked;     // outlives the client, whose handlers write here
  event_sync::stub::Client client;
  client.on_close([&](const wirekit::CloseInfo& c) { closes.push(c.code); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  client.event(event_with("{}"), [&](const wirekit::SessionError& e) {
    acked.push(std::string(wirekit::to_string(e.code)) + ": " + e.message);
  });
  auto outcome = acked.wait_for(1);
  REQUIRE(outcome.size() == 1);
  CHECK_THAT(outcome[0], Catch::StartsWith("disconnected: connection closed: 1008"));
  CHECK(closes.wait_for(1) == std::vector<std::uint16_t>{1008});
}

TEST_CASE("sync stubs: an event without a connection is refused at once", "[stubs][sync]") {
  Inbox<std::string> acked;  // outlives the client, whose handlers write here
  event_sync::stub::Client client;
  client.event(event_with("{}"),
               [&](const wirekit::SessionError& e) { acked.push(wirekit::to_string(e.code)); });
  CHECK(acked.wait_for(1) == std::vector<std::string>{"not_connected"});
}
