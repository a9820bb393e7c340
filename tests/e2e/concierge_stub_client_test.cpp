// The example concierge gateway driven only through the generated client stub: the requests
// the stub tests' small gateway does not implement (SELF_SUBSCRIBE, SELF_UNSUBSCRIBE,
// SERVICE_FETCH_ALL, MESSAGE to each kind of target) and the pushes they cause
// (SERVICE_CLIENT_SUBSCRIBED, SERVICE_CLIENT_UNSUBSCRIBED, MESSAGE with its origin).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "concierge/concierge_client.hpp"
#include "gateway.hpp"
#include "stub_support.hpp"

using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;

namespace {

concierge::Identify identify(const std::string& name) {
  concierge::Identify id;
  id.name = name;
  id.version = "0.2.0";
  return id;
}

concierge::Message message_to(concierge::Target target, const std::string& data) {
  concierge::Message m;
  m.target = std::move(target);
  m.data = wirekit::Json(data);
  return m;
}

// What one client's push handlers saw, as "sender>data" or "client@service" lines.
struct Pushes {
  Inbox<std::string> messages;
  Inbox<std::string> subscribed;
  Inbox<std::string> unsubscribed;

  void attach(concierge::stub::Client& client) {
    client.on_message([this](const concierge::Message& m) {
      const std::string via = m.origin && m.origin->service ? "/" + m.origin->service->name : "";
      messages.push((m.origin ? m.origin->name : "?") + via + ">" + m.data.text);
    });
    client.on_service_client_subscribed([this](const concierge::ServiceClientSubscribed& m) {
      subscribed.push(m.client.name + "@" + m.service.name);
    });
    client.on_service_client_unsubscribed([this](const concierge::ServiceClientUnsubscribed& m) {
      unsubscribed.push(m.client.name + "@" + m.service.name);
    });
  }
};

}  // namespace

TEST_CASE("concierge client stub: subscribe, message through a service, unsubscribe",
          "[e2e][stubs][concierge]") {
  example::Gateway gateway({});
  Pushes alice_saw, bob_saw, carol_saw;  // before the clients, whose handlers write to them
  concierge::stub::Client alice, bob, carol;
  alice_saw.attach(alice);
  bob_saw.attach(bob);
  carol_saw.attach(carol);
  const auto alice_hello = alice.connect("127.0.0.1", gateway.port(), identify("alice"));
  const auto bob_hello = bob.connect("127.0.0.1", gateway.port(), identify("bob"));
  REQUIRE(alice_hello.ok());
  REQUIRE(bob_hello.ok());
  REQUIRE(carol.connect("127.0.0.1", gateway.port(), identify("carol")).ok());

  concierge::ServiceCreate create;
  create.service = "weather";
  REQUIRE(get(alice.service_create(create)).ok());

  // SELF_SUBSCRIBE: a typed result, then its typed error for a service nobody created.
  concierge::SelfSubscribe subscribe;
  subscribe.service = "weather";
  const auto subscribed = get(bob.self_subscribe(subscribe));
  REQUIRE(subscribed.reply() != nullptr);
  CHECK(subscribed.reply()->successful);
  CHECK(subscribed.reply()->seq == 0);
  CHECK(subscribed.reply()->service.subscribers == std::vector<wirekit::Uuid>{bob_hello->uuid});
  CHECK(bob_saw.subscribed.wait_for(1) == std::vector<std::string>{"bob@weather"});
  REQUIRE(get(carol.self_subscribe(subscribe)).ok());
  CHECK(bob_saw.subscribed.wait_for(2) == std::vector<std::string>{"bob@weather", "carol@weather"});
  subscribe.service = "nowhere";
  const auto missing = get(bob.self_subscribe(subscribe));
  REQUIRE(missing.error<concierge::InvalidService>() != nullptr);
  CHECK(missing.error<concierge::InvalidService>()->service == "nowhere");
  CHECK(missing.error<concierge::InvalidService>()->seq == 1);

  // SERVICE_FETCH_ALL lists the service with both subscribers.
  const auto all = get(carol.service_fetch_all(concierge::ServiceFetchAll{}));
  REQUIRE(all.reply() != nullptr);
  REQUIRE(all.reply()->services.size() == 1);
  CHECK(all.reply()->services[0].name == "weather");
  CHECK(all.reply()->services[0].owner_uuid == alice_hello->uuid);
  CHECK(all.reply()->services[0].subscribers.size() == 2);

  // MESSAGE: from the owner to every subscriber, from a subscriber to the owner only; the
  // gateway sets the origin.
  REQUIRE(get(alice.message(message_to(concierge::TargetService{"weather"}, "\"rain\""))).ok());
  CHECK(bob_saw.messages.wait_for(1) == std::vector<std::string>{"alice/weather>\"rain\""});
  CHECK(carol_saw.messages.wait_for(1) == std::vector<std::string>{"alice/weather>\"rain\""});
  REQUIRE(get(bob.message(message_to(concierge::TargetService{"weather"}, "{\"ack\":1}"))).ok());
  CHECK(alice_saw.messages.wait_for(1) == std::vector<std::string>{"bob/weather>{\"ack\":1}"});

  // MESSAGE to a name, to a uuid, to everyone, and to a name nobody has (a typed error).
  concierge::TargetName to_carol;
  to_carol.name = "carol";
  REQUIRE(get(bob.message(message_to(to_carol, "1"))).ok());
  concierge::TargetUuid to_bob;
  to_bob.uuid = bob_hello->uuid;
  REQUIRE(get(carol.message(message_to(to_bob, "2"))).ok());
  REQUIRE(get(alice.message(message_to(concierge::TargetAll{}, "3"))).ok());
  CHECK(carol_saw.messages.wait_for(3) ==
        std::vector<std::string>{"alice/weather>\"rain\"", "bob>1", "alice>3"});
  CHECK(bob_saw.messages.wait_for(3) ==
        std::vector<std::string>{"alice/weather>\"rain\"", "carol>2", "alice>3"});
  concierge::TargetName to_nobody;
  to_nobody.name = "nobody";
  const auto unknown = get(alice.message(message_to(to_nobody, "4")));
  REQUIRE(unknown.error<concierge::InvalidName>() != nullptr);
  CHECK(unknown.error<concierge::InvalidName>()->name == "nobody");
  // A client neither owning nor subscribed to a service cannot message through it: BAD.
  concierge::ServiceCreate other;
  other.service = "news";
  REQUIRE(get(alice.service_create(other)).ok());
  const auto refused = get(bob.message(message_to(concierge::TargetService{"news"}, "5")));
  CHECK(refused.error<concierge::Bad>() != nullptr);

  // SELF_UNSUBSCRIBE: successful once, then not (no longer subscribed).
  subscribe.service = "weather";
  concierge::SelfUnsubscribe unsubscribe;
  unsubscribe.service = "weather";
  const auto left = get(bob.self_unsubscribe(unsubscribe));
  REQUIRE(left.reply() != nullptr);
  CHECK(left.reply()->successful);
  CHECK(left.reply()->service.subscribers.size() == 1);  // carol's
  const auto again = get(bob.self_unsubscribe(unsubscribe));
  REQUIRE(again.reply() != nullptr);
  CHECK_FALSE(again.reply()->successful);

  // A subscriber that leaves is announced to the remaining subscribers.
  REQUIRE(get(bob.self_subscribe(subscribe)).ok());
  carol.close();
  CHECK(bob_saw.unsubscribed.wait_for(1) == std::vector<std::string>{"carol@weather"});
}
