// Concierge: every example of tests/data/concierge/ decodes to the expected message with the
// values the file holds (decode_to_server for client payloads, decode_to_client for server
// payloads).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "concierge/concierge_codec.hpp"

using codec_test::expect_alternative;
using codec_test::read_data;

namespace {

constexpr const char* kAlice = "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
constexpr const char* kBob = "b6e0d4a2-1c3f-4e5a-8b9c-0d1e2f3a4b5c";

wirekit::Result<concierge::ToServer> from_client(const std::string& file) {
  return concierge::decode_to_server(read_data("concierge/" + file));
}

wirekit::Result<concierge::ToClient> from_server(const std::string& file) {
  return concierge::decode_to_client(read_data("concierge/" + file));
}

/// The "chat" service: owned by alice, alice and bob subscribed.
void check_chat(const concierge::Service& s) {
  CHECK(s.name == "chat");
  CHECK(s.nickname == std::optional<std::string>("Chat room"));
  CHECK(s.owner_uuid.str() == kAlice);
  REQUIRE(s.subscribers.size() == 2);
  CHECK(s.subscribers[0].str() == kAlice);
  CHECK(s.subscribers[1].str() == kBob);
}

/// The "logs" service: owned by bob, no nickname (null), no subscribers.
void check_logs(const concierge::Service& s) {
  CHECK(s.name == "logs");
  CHECK_FALSE(s.nickname.has_value());
  CHECK(s.owner_uuid.str() == kBob);
  CHECK(s.subscribers.empty());
}

void check_alice(const concierge::Client& c) {
  CHECK(c.name == "alice");
  CHECK(c.nickname == std::optional<std::string>("Alice"));
  CHECK(c.uuid.str() == kAlice);
  CHECK(c.tags == std::vector<std::string>{"ui"});
}

/// bob: nickname null, no tags.
void check_bob(const concierge::Client& c) {
  CHECK(c.name == "bob");
  CHECK_FALSE(c.nickname.has_value());
  CHECK(c.uuid.str() == kBob);
  CHECK(c.tags.empty());
}

}  // namespace

// ---- client payloads --------------------------------------------------------------------

TEST_CASE("concierge example identify.json", "[codec][examples][concierge]") {
  const auto r = from_client("identify.json");
  const auto& m = expect_alternative<concierge::Identify>(r);
  CHECK(m.name == "alice");
  CHECK(m.nickname == std::optional<std::string>("Alice"));
  CHECK(m.version == "0.2.0");
  CHECK_FALSE(m.secret.has_value());  // absent in the file
  CHECK(m.tags == std::vector<std::string>{"ui"});
}

TEST_CASE("concierge example self_subscribe.json", "[codec][examples][concierge]") {
  const auto r = from_client("self_subscribe.json");
  CHECK(expect_alternative<concierge::SelfSubscribe>(r).service == "chat");
}

TEST_CASE("concierge example self_unsubscribe.json", "[codec][examples][concierge]") {
  const auto r = from_client("self_unsubscribe.json");
  CHECK(expect_alternative<concierge::SelfUnsubscribe>(r).service == "chat");
}

TEST_CASE("concierge example self_fetch.json", "[codec][examples][concierge]") {
  const auto r = from_client("self_fetch.json");
  expect_alternative<concierge::SelfFetch>(r);
}

TEST_CASE("concierge example self_set_seq.json", "[codec][examples][concierge]") {
  const auto r = from_client("self_set_seq.json");
  CHECK(expect_alternative<concierge::SelfSetSeq>(r).seq == 3);
}

TEST_CASE("concierge example service_create.json", "[codec][examples][concierge]") {
  const auto r = from_client("service_create.json");
  const auto& m = expect_alternative<concierge::ServiceCreate>(r);
  CHECK(m.service == "logs");
  CHECK_FALSE(m.nickname.has_value());  // null in the file
}

TEST_CASE("concierge example service_delete.json", "[codec][examples][concierge]") {
  const auto r = from_client("service_delete.json");
  CHECK(expect_alternative<concierge::ServiceDelete>(r).service == "chat");
}

TEST_CASE("concierge example service_fetch.json", "[codec][examples][concierge]") {
  const auto r = from_client("service_fetch.json");
  CHECK(expect_alternative<concierge::ServiceFetch>(r).service == "chat");
}

TEST_CASE("concierge example service_fetch_all.json", "[codec][examples][concierge]") {
  const auto r = from_client("service_fetch_all.json");
  expect_alternative<concierge::ServiceFetchAll>(r);
}

TEST_CASE("concierge example client_fetch_all.json", "[codec][examples][concierge]") {
  const auto r = from_client("client_fetch_all.json");
  expect_alternative<concierge::ClientFetchAll>(r);
}

TEST_CASE("concierge example message_to_service.json", "[codec][examples][concierge]") {
  const auto r = from_client("message_to_service.json");
  const auto& m = expect_alternative<concierge::Message>(r);
  CHECK_FALSE(m.origin.has_value());  // null in the file
  REQUIRE(std::holds_alternative<concierge::TargetService>(m.target));
  CHECK(std::get<concierge::TargetService>(m.target).service == "chat");
  CHECK(m.data.text == R"({
    "text": "hi"
  })");
}

// ---- server payloads --------------------------------------------------------------------

TEST_CASE("concierge example message_relayed.json", "[codec][examples][concierge]") {
  const auto r = from_server("message_relayed.json");
  const auto& m = expect_alternative<concierge::Message>(r);
  REQUIRE(m.origin.has_value());
  CHECK(m.origin->name == "bob");
  CHECK_FALSE(m.origin->nickname.has_value());
  CHECK(m.origin->uuid.str() == kBob);
  CHECK(m.origin->tags.empty());
  REQUIRE(m.origin->service.has_value());
  check_chat(*m.origin->service);
  REQUIRE(std::holds_alternative<concierge::TargetService>(m.target));
  CHECK(std::get<concierge::TargetService>(m.target).service == "chat");
  CHECK(m.data.text == R"({
    "text": "hi"
  })");
}

TEST_CASE("concierge example ok.json", "[codec][examples][concierge]") {
  const auto r = from_server("ok.json");
  CHECK(expect_alternative<concierge::Ok>(r).seq == std::optional<std::int64_t>(3));
}

TEST_CASE("concierge example bad.json", "[codec][examples][concierge]") {
  const auto r = from_server("bad.json");
  CHECK(expect_alternative<concierge::Bad>(r).seq == std::optional<std::int64_t>(4));
}

TEST_CASE("concierge example hello.json", "[codec][examples][concierge]") {
  const auto r = from_server("hello.json");
  const auto& m = expect_alternative<concierge::Hello>(r);
  CHECK(m.uuid.str() == "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
  CHECK(m.version == "0.2.0");
}

TEST_CASE("concierge example self_subscribe_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("self_subscribe_result.json");
  const auto& m = expect_alternative<concierge::SelfSubscribeResult>(r);
  CHECK(m.seq == std::optional<std::int64_t>(0));
  CHECK(m.successful == true);
  check_chat(m.service);
}

TEST_CASE("concierge example self_unsubscribe_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("self_unsubscribe_result.json");
  const auto& m = expect_alternative<concierge::SelfUnsubscribeResult>(r);
  CHECK(m.seq == std::optional<std::int64_t>(1));
  CHECK(m.successful == false);
  check_chat(m.service);
}

TEST_CASE("concierge example self_fetch_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("self_fetch_result.json");
  const auto& m = expect_alternative<concierge::SelfFetchResult>(r);
  CHECK(m.seq == std::optional<std::int64_t>(2));
  check_alice(m.client);
  REQUIRE(m.subscriptions.size() == 1);
  check_chat(m.subscriptions[0]);
}

TEST_CASE("concierge example service_create_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("service_create_result.json");
  const auto& m = expect_alternative<concierge::ServiceCreateResult>(r);
  CHECK(m.seq == std::optional<std::int64_t>(5));
  CHECK(m.successful == true);
  check_logs(m.service);
}

TEST_CASE("concierge example service_delete_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("service_delete_result.json");
  const auto& m = expect_alternative<concierge::ServiceDeleteResult>(r);
  CHECK_FALSE(m.seq.has_value());  // the broadcast copy carries no seq
  check_logs(m.service);
}

TEST_CASE("concierge example service_fetch_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("service_fetch_result.json");
  const auto& m = expect_alternative<concierge::ServiceFetchResult>(r);
  CHECK(m.seq == std::optional<std::int64_t>(6));
  check_chat(m.service);
}

TEST_CASE("concierge example service_fetch_all_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("service_fetch_all_result.json");
  const auto& m = expect_alternative<concierge::ServiceFetchAllResult>(r);
  CHECK(m.seq == std::optional<std::int64_t>(7));
  REQUIRE(m.services.size() == 2);
  check_chat(m.services[0]);
  check_logs(m.services[1]);
}

TEST_CASE("concierge example client_fetch_all_result.json", "[codec][examples][concierge]") {
  const auto r = from_server("client_fetch_all_result.json");
  const auto& m = expect_alternative<concierge::ClientFetchAllResult>(r);
  CHECK(m.seq == std::optional<std::int64_t>(8));
  REQUIRE(m.clients.size() == 2);
  check_alice(m.clients[0]);
  check_bob(m.clients[1]);
}

TEST_CASE("concierge example client_joined.json", "[codec][examples][concierge]") {
  const auto r = from_server("client_joined.json");
  check_bob(expect_alternative<concierge::ClientJoined>(r).client);
}

TEST_CASE("concierge example client_left.json", "[codec][examples][concierge]") {
  const auto r = from_server("client_left.json");
  check_bob(expect_alternative<concierge::ClientLeft>(r).client);
}

TEST_CASE("concierge example service_client_subscribed.json", "[codec][examples][concierge]") {
  const auto r = from_server("service_client_subscribed.json");
  const auto& m = expect_alternative<concierge::ServiceClientSubscribed>(r);
  check_bob(m.client);
  check_chat(m.service);
}

TEST_CASE("concierge example service_client_unsubscribed.json", "[codec][examples][concierge]") {
  const auto r = from_server("service_client_unsubscribed.json");
  const auto& m = expect_alternative<concierge::ServiceClientUnsubscribed>(r);
  check_bob(m.client);
  CHECK(m.service.name == "chat");
  CHECK(m.service.nickname == std::optional<std::string>("Chat room"));
  CHECK(m.service.owner_uuid.str() == kAlice);
  REQUIRE(m.service.subscribers.size() == 1);  // bob has left
  CHECK(m.service.subscribers[0].str() == kAlice);
}

TEST_CASE("concierge example error_internal.json", "[codec][examples][concierge]") {
  const auto r = from_server("error_internal.json");
  const auto& m = expect_alternative<concierge::ErrorInternal>(r);
  CHECK(m.seq == std::optional<std::int64_t>(9));
  CHECK(m.desc == "internal error");
}

TEST_CASE("concierge example error_unsupported.json", "[codec][examples][concierge]") {
  const auto r = from_server("error_unsupported.json");
  CHECK(expect_alternative<concierge::ErrorUnsupported>(r).seq == std::optional<std::int64_t>(10));
}

TEST_CASE("concierge example error_protocol.json", "[codec][examples][concierge]") {
  const auto r = from_server("error_protocol.json");
  const auto& m = expect_alternative<concierge::ErrorProtocol>(r);
  CHECK(m.seq == std::optional<std::int64_t>(11));
  CHECK(m.desc == "unknown variant `NOPE`");
}

TEST_CASE("concierge example invalid_name.json", "[codec][examples][concierge]") {
  const auto r = from_server("invalid_name.json");
  const auto& m = expect_alternative<concierge::InvalidName>(r);
  CHECK(m.seq == std::optional<std::int64_t>(12));
  CHECK(m.name == "nobody");
}

TEST_CASE("concierge example invalid_uuid.json", "[codec][examples][concierge]") {
  const auto r = from_server("invalid_uuid.json");
  const auto& m = expect_alternative<concierge::InvalidUuid>(r);
  CHECK(m.seq == std::optional<std::int64_t>(13));
  CHECK(m.uuid.str() == "00000000-0000-4000-8000-000000000000");
}

TEST_CASE("concierge example invalid_service.json", "[codec][examples][concierge]") {
  const auto r = from_server("invalid_service.json");
  const auto& m = expect_alternative<concierge::InvalidService>(r);
  CHECK(m.seq == std::optional<std::int64_t>(14));
  CHECK(m.service == "nope");
}
