// One decode per message: the stubs hand handlers the value the runtime decoded while checking
// the session rules; nothing decodes a payload a second time, on either side, for requests,
// replies, pushes, stream items and events. Counted through the codec hook every decode passes.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "concierge/concierge_client.hpp"
#include "concierge/concierge_server.hpp"
#include "rise_0_14/rise_0_14_client.hpp"
#include "rise_0_14/rise_0_14_server.hpp"
#include "stub_support.hpp"
#include "sync/sync_client.hpp"
#include "sync/sync_server.hpp"

using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;

namespace {

using DecodeHook = void (*)(std::string_view, wirekit::Side, wirekit::InboundSink&);

// Decodes counted by the side that sent the payload, per protocol (`Tag`).
template <class Tag>
struct Counted {
  static inline DecodeHook original = nullptr;
  static inline std::atomic<int> from_client{0};
  static inline std::atomic<int> from_server{0};
  static void decode(std::string_view text, wirekit::Side from, wirekit::InboundSink& sink) {
    (from == wirekit::Side::client ? from_client : from_server)++;
    original(text, from, sink);
  }
  static const wirekit::ProtocolSpec& spec(const wirekit::ProtocolSpec& real) {
    static const wirekit::ProtocolSpec counted = [&real] {
      wirekit::ProtocolSpec s = real;
      original = s.codec.decode;
      s.codec.decode = &Counted::decode;
      return s;
    }();
    return counted;
  }
  static void reset() { from_client = 0, from_server = 0; }
};

struct ConciergeTag {};
using ConciergeCount = Counted<ConciergeTag>;

class Gateway : public concierge::stub::Handlers<> {
 public:
  wirekit::Accept<concierge::Hello> on_identify(Session&, const concierge::Identify&) override {
    concierge::Hello hello;
    hello.uuid = *wirekit::Uuid::parse("00000000-0000-4000-8000-000000000002");
    hello.version = "0.2.0";
    return hello;
  }
  void on_service_fetch(Session& s, const concierge::ServiceFetch& r,
                        concierge::stub::ServiceFetchReply reply) override {
    concierge::ClientJoined joined;
    joined.client.name = "bob";
    joined.client.uuid = *wirekit::Uuid::parse("00000000-0000-4000-8000-000000000001");
    if (r.service == "s0") server().send(s.id(), joined);  // one push
    concierge::InvalidService invalid;
    invalid.service = r.service;
    reply(invalid);
  }
};

class CountedConciergeServer : public concierge::stub::Server<> {
 public:
  explicit CountedConciergeServer(Gateway& g)
      : Server(g, ConciergeCount::spec(concierge::protocol_spec()), {}) {}
};
class CountedConciergeClient : public concierge::stub::Client {
 public:
  CountedConciergeClient() : Client(ConciergeCount::spec(concierge::protocol_spec()), {}) {}
};

}  // namespace

TEST_CASE("stubs decode each message once: concierge requests, replies and pushes",
          "[stubs][decode]") {
  ConciergeCount::reset();
  Gateway gateway;
  CountedConciergeServer server(gateway);
  server.start();
  Inbox<int> joined;  // outlives the client, whose handlers write here
  CountedConciergeClient client;
  client.on_client_joined([&](const concierge::ClientJoined&) { joined.push(1); });
  concierge::Identify me;
  me.name = "alice";
  me.version = "0.2.0";
  REQUIRE(client.connect("127.0.0.1", server.port(), me).ok());  // Identify; Hello
  for (int i = 0; i < 5; ++i) {
    concierge::ServiceFetch fetch;
    fetch.service = "s" + std::to_string(i);
    auto outcome = get(client.service_fetch(fetch));
    REQUIRE(outcome.error<concierge::InvalidService>() != nullptr);
    CHECK(outcome.error<concierge::InvalidService>()->service == fetch.service);
  }
  REQUIRE(joined.wait_for(1).size() == 1);
  CHECK(ConciergeCount::from_client == 6);  // Identify + 5 requests, each decoded once
  CHECK(ConciergeCount::from_server == 7);  // ClientJoined + Hello + 5 replies
}

namespace {

struct RiseTag {};
using RiseCount = Counted<RiseTag>;

class Models : public rise_0_14::stub::Handlers<> {
 public:
  void on_sub(Session&, const rise_0_14::Sub& r, rise_0_14::stub::SubStream stream) override {
    for (const auto& key : r.keys) {
      rise_0_14::Up up;
      up.key = key;
      up.val = wirekit::Json("0");
      stream.push(up);
    }
  }
};
class CountedRiseServer : public rise_0_14::stub::Server<> {
 public:
  explicit CountedRiseServer(Models& m)
      : Server(m, RiseCount::spec(rise_0_14::protocol_spec()), {}) {}
};
class CountedRiseClient : public rise_0_14::stub::Client {
 public:
  CountedRiseClient() : Client(RiseCount::spec(rise_0_14::protocol_spec()), {}) {}
};

struct SyncTag {};
using SyncCount = Counted<SyncTag>;

class Store : public event_sync::stub::Handlers<> {
 public:
  event_sync::Event on_handshake(Session&) override {
    event_sync::Event e;
    e.payload = wirekit::JsonObject(R"({"ack_timeout_ms":2000})");
    return e;
  }
};
class CountedSyncServer : public event_sync::stub::Server<> {
 public:
  explicit CountedSyncServer(Store& s)
      : Server(s, SyncCount::spec(event_sync::protocol_spec()), {}) {}
};
class CountedSyncClient : public event_sync::stub::Client {
 public:
  CountedSyncClient() : Client(SyncCount::spec(event_sync::protocol_spec()), {}) {}
};

}  // namespace

TEST_CASE("stubs decode each message once: stream items", "[stubs][decode]") {
  RiseCount::reset();
  Models models;
  CountedRiseServer server(models);
  server.start();
  Inbox<std::string> items;  // outlives the client, whose handlers write here
  CountedRiseClient client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  rise_0_14::Sub sub;
  sub.keys = {"a", "b", "c"};
  client.sub(sub, [&](const rise_0_14::Up& up) { items.push(up.key); });
  CHECK(items.wait_for(3) == std::vector<std::string>{"a", "b", "c"});
  CHECK(RiseCount::from_client == 1);
  CHECK(RiseCount::from_server == 3);
}

TEST_CASE("stubs decode each message once: events and acks, the stubs' own sends included",
          "[stubs][decode]") {
  SyncCount::reset();
  Store store;
  CountedSyncServer server(store);
  server.start();
  Inbox<int> acked;  // outlives the client, whose handlers write here
  CountedSyncClient client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());  // Event; Ack
  for (int i = 0; i < 3; ++i)
    client.event(event_sync::Event{},
                 [&](const wirekit::SessionError& e) { acked.push(static_cast<int>(e.code)); });
  CHECK(acked.wait_for(3) == std::vector<int>(3, 0));
  CHECK(SyncCount::from_client == 4);  // the handshake's Ack + 3 events
  CHECK(SyncCount::from_server == 4);  // the handshake Event + 3 Acks
}
