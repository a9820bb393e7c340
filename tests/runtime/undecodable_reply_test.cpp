// A reply that names its request but does not decode (a malformed uuid, a missing field)
// completes that request at once with SessionErrc::undecodable_reply, even with no timeout;
// the connection stays as the schema's invalid_from_server rule leaves it (here: open).
#include <catch2/catch.hpp>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

constexpr RequestOptions kNoTimeout{0};

std::string echo_request(std::string_view id, std::string_view action) {
  return R"({"id":")" + std::string(id) + R"(","action":")" + std::string(action) +
         R"(","payload":{"pageName":"p"}})";
}

/// An echo client that records what it could not decode, connected to `port`.
struct EchoClient {
  Inbox<std::string> undecodable;
  Client client{echo_spec()};
  explicit EchoClient(std::uint16_t port) {
    client.on_undecodable(
        [this](const DecodeError& e, std::string_view) { undecodable.push(e.to_string()); });
    REQUIRE(client.connect("127.0.0.1", port).ok());
  }
  /// A command with no timeout: only its reply (or the connection's end) completes it.
  std::future<Reply> command() {
    return client.request_future(
        [](std::string_view id) { return echo_request(id, "pageCommandFromHost"); }, kNoTimeout);
  }
};

}  // namespace

TEST_CASE("echo: a reply with a malformed uuid completes its request with undecodable_reply",
          "[runtime][correlation][undecodable]") {
  Server server(echo_spec());
  // Runs on the server's loop: the command's reply carries a `ref` that is no uuid.
  server.on_message([&](ConnectionId id, const Incoming& m) {
    const std::string body =
        m.tag == "pageCommandFromHost" ? R"({"ref":"not-a-uuid"})" : R"({"sessionID":"s1"})";
    server.send(
        id, R"({"id":")" + json_member(m.text, "id") + R"(","action":"","payload":)" + body + "}");
  });
  server.start();
  EchoClient ec(server.port());
  Client& client = ec.client;
  const Inbox<std::string>& undecodable = ec.undecodable;

  auto bad = ec.command();
  REQUIRE(bad.wait_for(2s) == std::future_status::ready);
  const Reply r = bad.get();
  CHECK(r.error == SessionErrc::undecodable_reply);
  CHECK_THAT(r.message, Catch::StartsWith("the reply did not decode: "));
  CHECK_THAT(r.message, Catch::Contains("ref"));
  CHECK(r.text.empty());
  REQUIRE(undecodable.wait_for(1));  // still reported to on_undecodable
  CHECK_THAT(undecodable.at(0), Catch::Contains("ref"));
  CHECK(client.pending_requests() == 0);

  // The schema keeps the connection: the next request is answered on it.
  CHECK(client.is_open());
  auto good = client.request_future(
      [](std::string_view id) { return echo_request(id, "registerHostClient"); }, kNoTimeout);
  REQUIRE(good.wait_for(2s) == std::future_status::ready);
  const Reply g = good.get();
  REQUIRE(g.ok());
  CHECK_THAT(g.text, Catch::Contains(R"("sessionID":"s1")"));
}

TEST_CASE("echo: an undecodable frame naming no pending request completes nothing",
          "[runtime][correlation][undecodable]") {
  Inbox<std::pair<ConnectionId, std::string>> requests;
  Server server(echo_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    requests.push({id, std::string(m.text)});
  });
  server.start();
  EchoClient ec(server.port());
  Client& client = ec.client;
  const Inbox<std::string>& undecodable = ec.undecodable;
  auto pending = ec.command();
  REQUIRE(requests.wait_for(1));
  const auto [conn, text] = requests.at(0);
  // Another id, then no id at all: neither is this request's reply.
  server.send(conn, R"({"id":"999","action":"","payload":{"ref":"nope"}})");
  server.send(conn, R"({"action":"sessionCreated","payload":{"pageName":7}})");
  REQUIRE(undecodable.wait_for(2));
  CHECK(pending.wait_for(50ms) == std::future_status::timeout);
  CHECK(client.pending_requests() == 1);
  // Its own reply still completes it.
  server.send(conn, R"({"id":")" + json_member(text, "id") +
                        R"(","action":"","payload":{"result":"done"}})");
  REQUIRE(pending.wait_for(2s) == std::future_status::ready);
  CHECK(pending.get().ok());
}

TEST_CASE("sequence: a reply missing a required field completes its request by its seq",
          "[runtime][sequence][undecodable]") {
  Server server(sequence_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    if (m.handshake) {
      server.send(id, R"({"type":"HELLO","version":"0.2.0"})");
      return;
    }
    const std::string seq = std::to_string(*m.seq);
    if (m.tag == "SELF_FETCH")  // ERROR_PROTOCOL without its required desc
      server.send(id, R"({"seq":)" + seq + R"(,"type":"ERROR_PROTOCOL"})");
    else
      server.send(id, R"({"seq":)" + seq + R"(,"type":"OK"})");
  });
  server.start();
  Client client(sequence_spec());
  client.set_handshake(
      [] { return std::string(R"({"type":"IDENTIFY","name":"alice","version":"0.2.0"})"); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  auto bad = client.request_future(
      [](std::string_view) { return std::string(R"({"type":"SELF_FETCH"})"); }, kNoTimeout);
  REQUIRE(bad.wait_for(2s) == std::future_status::ready);
  const Reply r = bad.get();
  CHECK(r.error == SessionErrc::undecodable_reply);
  CHECK_THAT(r.message, Catch::Contains("desc"));

  CHECK(client.is_open());
  auto good = client.request_future(
      [](std::string_view) { return std::string(R"({"type":"SELF_SET_SEQ","seq":5})"); },
      kNoTimeout);
  REQUIRE(good.wait_for(2s) == std::future_status::ready);
  CHECK(good.get().text == R"({"seq":5,"type":"OK"})");
}
