// The generated concierge client and server stubs against each other over loopback: the typed
// handshake and its refusal, typed replies and errors, seq filled in by the stubs, answers from
// another thread, the unhandled default, timeouts, cancellation, a dropped connection, pushes
// and typed sends to one, a set and all.
#include <catch2/catch.hpp>

#include <algorithm>
#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "concierge/concierge_client.hpp"
#include "concierge/concierge_server.hpp"
#include "stub_support.hpp"

using namespace std::chrono_literals;
using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;

namespace {

struct Member {
  std::string name;
};

concierge::Service service_named(const std::string& name) {
  concierge::Service s;
  s.name = name;
  s.owner_uuid = *wirekit::Uuid::parse("00000000-0000-4000-8000-000000000001");
  return s;
}

wirekit::Uuid uuid_of(const std::string& name) {
  return *wirekit::Uuid::parse("00000000-0000-4000-8000-" +
                               std::string(12 - name.size() % 12, '0') +
                               std::string(name.size() % 12, 'a'));
}

// A small gateway written on the stubs: business logic only.
class Gateway : public concierge::stub::Handlers<Member> {
 public:
  ~Gateway() override {
    for (auto& t : later_) t.join();
  }

  wirekit::Accept<concierge::Hello> on_identify(Session& session,
                                                const concierge::Identify& request) override {
    if (request.name == "taken")
      return wirekit::Accept<concierge::Hello>::refuse(4005, "name taken");
    session.state().name = request.name;
    concierge::ClientJoined joined;
    joined.client.name = request.name;
    joined.client.uuid = uuid_of(request.name);
    server().broadcast(joined, session.id());
    concierge::Hello hello;
    hello.uuid = *wirekit::Uuid::parse("00000000-0000-4000-8000-00000000000a");
    hello.version = "0.2.0";
    return hello;
  }

  void on_service_create(Session& session, const concierge::ServiceCreate& request,
                         concierge::stub::ServiceCreateReply reply) override {
    seqs.push(session.seq().value_or(-1));
    services_[request.service] = session.state().name;
    concierge::ServiceCreateResult result;
    result.successful = true;
    result.service = service_named(request.service);
    reply(result);
  }

  void on_service_fetch(Session& session, const concierge::ServiceFetch& request,
                        concierge::stub::ServiceFetchReply reply) override {
    seqs.push(session.seq().value_or(-1));
    if (services_.count(request.service)) {
      concierge::ServiceFetchResult result;
      result.service = service_named(request.service);
      return reply(result);
    }
    concierge::InvalidService invalid;
    invalid.service = request.service;
    reply(invalid);
  }

  // Answered later, from another thread.
  void on_service_delete(Session&, const concierge::ServiceDelete& request,
                         concierge::stub::ServiceDeleteReply reply) override {
    later_.emplace_back([reply, service = request.service] {
      std::this_thread::sleep_for(20ms);
      concierge::Bad bad;
      reply(bad);
      reply(bad);  // a second answer is refused: the first one counts
      (void)service;
    });
  }

  // Never answered; a request the test lets time out or drops.
  void on_self_fetch(Session& session, const concierge::SelfFetch&,
                     concierge::stub::SelfFetchReply reply) override {
    held.push(reply);
    if (session.state().name == "dropped") session.close(4000, "dropped on purpose");
  }

  void on_self_set_seq(Session& session, const concierge::SelfSetSeq& request,
                       concierge::stub::SelfSetSeqReply reply) override {
    seqs.push(session.seq().value_or(-1));
    set_to.push(request.seq);
    reply(concierge::Ok{});
  }

  void on_close(Session& session, const wirekit::CloseInfo& info) override {
    closed.push(session.state().name + ":" + std::to_string(info.code));
  }

  Inbox<std::int64_t> seqs;
  Inbox<std::int64_t> set_to;
  Inbox<concierge::stub::SelfFetchReply> held;
  Inbox<std::string> closed;

 private:
  std::map<std::string, std::string> services_;
  std::vector<std::thread> later_;
};

concierge::Identify identify(const std::string& name) {
  concierge::Identify id;
  id.name = name;
  id.version = "0.2.0";
  return id;
}

concierge::ServiceCreate create(const std::string& name) {
  concierge::ServiceCreate c;
  c.service = name;
  return c;
}

struct Fixture {
  Gateway gateway;
  concierge::stub::Server<Member> server{gateway};
  Fixture() { server.start(); }
  std::uint16_t port() const { return server.port(); }
};

}  // namespace

TEST_CASE("concierge stubs: connect returns the typed Hello", "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  auto hello = client.connect("127.0.0.1", f.port(), identify("alice"));
  REQUIRE(hello.ok());
  CHECK(hello->version == "0.2.0");
  CHECK(hello->uuid.to_string() == "00000000-0000-4000-8000-00000000000a");
  CHECK(client.is_open());
}

TEST_CASE("concierge stubs: a refused handshake reports the close code and reason",
          "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  auto hello = client.connect("127.0.0.1", f.port(), identify("taken"));
  REQUIRE_FALSE(hello.ok());
  CHECK_FALSE(hello.message.has_value());
  CHECK(hello.result.error == wirekit::SessionErrc::handshake_failed);
  REQUIRE(hello.result.close.has_value());
  CHECK(hello.result.close->code == 4005);
  CHECK(hello.result.close->reason == "name taken");
}

TEST_CASE("concierge stubs: a connect to no server says so", "[stubs][concierge]") {
  std::uint16_t port = 0;
  {
    Fixture f;
    port = f.port();
  }
  concierge::stub::Client client;
  auto hello = client.connect("127.0.0.1", port, identify("alice"));
  CHECK_FALSE(hello.ok());
  CHECK(hello.result.error == wirekit::SessionErrc::connect_failed);
}

TEST_CASE("concierge stubs: typed replies, typed errors and seq", "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("alice")).ok());

  auto created = get(client.service_create(create("weather")));
  REQUIRE(created.ok());
  CHECK(created.reply()->successful);
  CHECK(created.reply()->service.name == "weather");
  CHECK(created.reply()->seq == 0);  // counting starts at 0 after the handshake

  concierge::ServiceFetch fetch;
  fetch.service = "weather";
  auto found = get(client.service_fetch(fetch));
  REQUIRE(found.reply() != nullptr);
  CHECK(found.reply()->service.name == "weather");
  CHECK(found.reply()->seq == 1);

  fetch.service = "nope";
  auto missing = get(client.service_fetch(fetch));
  CHECK_FALSE(missing.ok());
  REQUIRE(missing.is_error());
  REQUIRE(missing.error<concierge::InvalidService>() != nullptr);
  CHECK(missing.error<concierge::InvalidService>()->service == "nope");
  CHECK(missing.error<concierge::InvalidService>()->seq == 2);
  CHECK(missing.session_error() == nullptr);

  // The handler saw the same numbers the replies carry.
  CHECK(f.gateway.seqs.wait_for(3) == std::vector<std::int64_t>{0, 1, 2});
}

TEST_CASE("concierge stubs: SELF_SET_SEQ renumbers what follows", "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("alice")).ok());
  concierge::SelfSetSeq set;
  set.seq = 41;
  auto ok = get(client.self_set_seq(set));
  REQUIRE(ok.ok());
  CHECK(ok.reply()->seq == 41);
  auto created = get(client.service_create(create("after")));
  REQUIRE(created.ok());
  CHECK(created.reply()->seq == 42);
  CHECK(f.gateway.set_to.wait_for(1) == std::vector<std::int64_t>{41});
}

TEST_CASE("concierge stubs: a reply from another thread, answered once", "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("alice")).ok());
  concierge::ServiceDelete del;
  del.service = "weather";
  auto outcome = get(client.service_delete(del));
  REQUIRE(outcome.error<concierge::Bad>() != nullptr);
  CHECK(outcome.error<concierge::Bad>()->seq == 0);
  // The second answer was not sent: the next request gets its own reply, with the next seq.
  auto created = get(client.service_create(create("next")));
  REQUIRE(created.ok());
  CHECK(created.reply()->seq == 1);
}

TEST_CASE("concierge stubs: an unhandled request gets the protocol's undecodable reply",
          "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("alice")).ok());
  auto outcome = get(client.client_fetch_all(concierge::ClientFetchAll{}));
  REQUIRE(outcome.session_error() != nullptr);
  CHECK(outcome.session_error()->code == wirekit::SessionErrc::unexpected_reply);
  CHECK_THAT(outcome.session_error()->message, Catch::Contains("ErrorProtocol"));
  CHECK(client.is_open());
}

TEST_CASE("concierge stubs: the future form cancels its request, and is a std::future",
          "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("alice")).ok());

  auto pending = client.self_fetch(concierge::SelfFetch{});
  REQUIRE(f.gateway.held.wait_for(1).size() == 1);  // sent, and never answered
  pending.cancel();
  auto cancelled = get(std::move(pending));
  REQUIRE(cancelled.session_error() != nullptr);
  CHECK(cancelled.session_error()->code == wirekit::SessionErrc::cancelled);

  std::future<concierge::stub::ServiceCreateOutcome> plain = client.service_create(create("s"));
  auto created = get(std::move(plain));
  REQUIRE(created.ok());
  CHECK(created.reply()->service.name == "s");
}

TEST_CASE("concierge stubs: per-call timeout, cancellation, callback form", "[stubs][concierge]") {
  Fixture f;
  concierge::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("alice")).ok());

  wirekit::RequestOptions quick;
  quick.timeout_ms = 100;
  const auto started = std::chrono::steady_clock::now();
  auto timed_out = get(client.self_fetch(concierge::SelfFetch{}, quick));
  REQUIRE(timed_out.session_error() != nullptr);
  CHECK(timed_out.session_error()->code == wirekit::SessionErrc::timeout);
  CHECK(std::chrono::steady_clock::now() - started >= 100ms);

  std::promise<concierge::stub::SelfFetchOutcome> done;
  const auto id = client.self_fetch(
      concierge::SelfFetch{},
      [&done](concierge::stub::SelfFetchOutcome outcome) { done.set_value(std::move(outcome)); });
  client.cancel(id);
  auto cancelled = get(done.get_future());
  REQUIRE(cancelled.session_error() != nullptr);
  CHECK(cancelled.session_error()->code == wirekit::SessionErrc::cancelled);

  // A late answer to a request the client gave up on reaches nobody and breaks nothing.
  auto held = f.gateway.held.wait_for(2);
  REQUIRE(held.size() == 2);
  concierge::SelfFetchResult late;
  late.client.name = "alice";
  CHECK(held[0].send(late));        // sent: the connection is still open
  CHECK_FALSE(held[0].send(late));  // answered already
  CHECK(held[0].answered());
  auto created = get(client.service_create(create("still-fine")));
  CHECK(created.ok());
}

TEST_CASE("concierge stubs: a dropped connection fails what is pending", "[stubs][concierge]") {
  Fixture f;
  Inbox<std::uint16_t> closes;  // outlives the client, whose handlers write here
  concierge::stub::Client client;
  client.on_close([&closes](const wirekit::CloseInfo& info) { closes.push(info.code); });
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("dropped")).ok());
  auto outcome = get(client.self_fetch(concierge::SelfFetch{}));
  REQUIRE(outcome.session_error() != nullptr);
  CHECK(outcome.session_error()->code == wirekit::SessionErrc::disconnected);
  CHECK_THAT(outcome.session_error()->message, Catch::Contains("4000"));
  CHECK(closes.wait_for(1) == std::vector<std::uint16_t>{4000});
  CHECK(f.gateway.closed.wait_for(1) == std::vector<std::string>{"dropped:4000"});

  // Nothing is connected now: a request fails at once.
  auto not_connected = get(client.service_create(create("x")));
  REQUIRE(not_connected.session_error() != nullptr);
  CHECK(not_connected.session_error()->code == wirekit::SessionErrc::not_connected);
}

TEST_CASE("concierge stubs: pushes reach typed handlers, sends to one, a set and all",
          "[stubs][concierge]") {
  Fixture f;
  Inbox<std::string> alice_joined, bob_left,
      carol_left;  // outlives the client, whose handlers write here
  concierge::stub::Client alice, bob, carol;
  alice.on_client_joined(
      [&](const concierge::ClientJoined& m) { alice_joined.push(m.client.name); });
  bob.on_client_left([&](const concierge::ClientLeft& m) { bob_left.push(m.client.name); });
  carol.on_client_left([&](const concierge::ClientLeft& m) { carol_left.push(m.client.name); });
  REQUIRE(alice.connect("127.0.0.1", f.port(), identify("alice")).ok());
  REQUIRE(bob.connect("127.0.0.1", f.port(), identify("bob")).ok());
  REQUIRE(carol.connect("127.0.0.1", f.port(), identify("carol")).ok());
  CHECK(alice_joined.wait_for(2) == std::vector<std::string>{"bob", "carol"});

  auto ids = f.server.connections();
  REQUIRE(ids.size() == 3);
  std::sort(ids.begin(), ids.end());
  concierge::ClientLeft left;
  left.client.uuid = uuid_of("x");
  left.client.name = "to_one";
  CHECK(f.server.send(ids[1], left));  // bob connected second
  left.client.name = "to_set";
  f.server.send(std::vector<wirekit::ConnectionId>{ids[1], ids[2]}, left);
  left.client.name = "to_all";
  f.server.broadcast(left);
  CHECK(bob_left.wait_for(3) == std::vector<std::string>{"to_one", "to_set", "to_all"});
  CHECK(carol_left.wait_for(2) == std::vector<std::string>{"to_set", "to_all"});
  REQUIRE(f.server.state_of(ids[2]) != nullptr);
  CHECK(f.server.state_of(ids[2])->name == "carol");
}

TEST_CASE("concierge stubs: a push that does not decode reaches on_undecodable with its path",
          "[stubs][concierge]") {
  Fixture f;
  Inbox<std::string> errors;  // outlives the client, whose handlers write here
  Inbox<std::string> joined;
  concierge::stub::Client client;
  client.on_undecodable([&](const wirekit::DecodeError& e, std::string_view text) {
    errors.push(e.path + " | " + std::string(text));
  });
  client.on_client_joined([&](const concierge::ClientJoined& m) { joined.push(m.client.name); });
  REQUIRE(client.connect("127.0.0.1", f.port(), identify("alice")).ok());
  const auto ids = f.server.connections();
  REQUIRE(ids.size() == 1);
  const std::string bad = R"({"type":"CLIENT_JOINED","client":{"name":"x","uuid":"not-a-uuid"}})";
  CHECK(f.server.runtime().send(ids[0], bad));
  auto got = errors.wait_for(1);
  REQUIRE(got.size() == 1);
  CHECK_THAT(got[0], Catch::StartsWith("client.uuid | ") && Catch::EndsWith(bad));
  CHECK(joined.size() == 0);
  CHECK(client.is_open());
}
