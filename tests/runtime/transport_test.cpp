// Transport: ephemeral port, path check, text round trips, close codes and reasons in
// both directions, sends from many threads, prompt stop().
#include <catch2/catch.hpp>

#include <atomic>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {
/// A server that echoes every text back.
void echo_all(Server& server) {
  server.on_message(
      [&server](ConnectionId id, const Incoming& m) { server.send(id, std::string(m.text)); });
}
}  // namespace

TEST_CASE("server listens on an ephemeral port and echoes text to a client",
          "[runtime][transport]") {
  Inbox<std::string> got;
  Server server(plain_spec());
  echo_all(server);
  server.start();
  REQUIRE(server.port() != 0);

  Client client(plain_spec());
  client.on_message([&](const Incoming& m) { got.push(std::string(m.text)); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  CHECK(client.is_open());
  REQUIRE(wait_until([&] { return server.connection_count() == 1; }));

  client.send(R"({"type":"hello","n":1})");
  client.send(R"({"type":"hello","n":2})");
  REQUIRE(got.wait_for(2));
  CHECK(got.at(0) == R"({"type":"hello","n":1})");
  CHECK(got.at(1) == R"({"type":"hello","n":2})");
}

TEST_CASE("raw text that is not valid UTF-8 is refused by send, and the connection goes on",
          "[runtime][transport]") {
  Inbox<std::string> at_server;
  Inbox<std::string> at_client;
  Server server(plain_spec());
  std::atomic<int> refused_by_server{-1};
  server.on_message([&](ConnectionId id, const Incoming& m) {
    at_server.push(std::string(m.text));
    // A text frame must be UTF-8 (RFC 6455 section 5.6): refused before anything is queued.
    refused_by_server = server.send(id, "{\"type\":\"bad\",\"s\":\"\xc3\"}") ? 0 : 1;
    server.send(id, std::string(m.text));
  });
  server.start();
  Client client(plain_spec());
  client.on_message([&](const Incoming& m) { at_client.push(std::string(m.text)); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  CHECK_FALSE(client.send("{\"type\":\"bad\",\"s\":\"\xff\"}"));
  CHECK(client.send(R"({"type":"hello","s":"caf\u00e9 \u2603"})"));
  CHECK(client.send("{\"type\":\"hello\",\"s\":\"caf\xc3\xa9\"}"));
  REQUIRE(at_client.wait_for(2));
  CHECK(at_server.size() == 2);
  CHECK(at_server.at(0) == R"({"type":"hello","s":"caf\u00e9 \u2603"})");
  CHECK(at_client.at(0) == R"({"type":"hello","s":"caf\u00e9 \u2603"})");
  CHECK(at_client.at(1) == "{\"type\":\"hello\",\"s\":\"caf\xc3\xa9\"}");
  CHECK(refused_by_server == 1);
  CHECK(client.is_open());
}

TEST_CASE("server refuses an upgrade on another path", "[runtime][transport]") {
  Server server(plain_spec());
  server.start();
  Client client(plain_spec());
  auto result = client.connect("127.0.0.1", server.port(), "/elsewhere");
  CHECK(result.error == SessionErrc::connect_failed);
  CHECK_THAT(result.message, Catch::Contains("404"));
  CHECK(server.connection_count() == 0);

  RawPeer raw;
  CHECK_FALSE(raw.connect(server.port(), "/plain/x"));
  CHECK(raw.http_status() == 404);
}

TEST_CASE("connect to a closed port fails with connect_failed", "[runtime][transport]") {
  std::uint16_t port = 0;
  {
    Server server(plain_spec());
    server.start();
    port = server.port();
  }
  Client client(plain_spec());
  auto result = client.connect("127.0.0.1", port);
  CHECK(result.error == SessionErrc::connect_failed);
  CHECK_FALSE(client.is_open());
}

TEST_CASE("a client's close code and reason reach the server", "[runtime][transport]") {
  Inbox<CloseInfo> closes;
  Inbox<CloseInfo> client_closes;
  Server server(plain_spec());
  server.on_close([&](ConnectionId, const CloseInfo& c) { closes.push(c); });
  server.start();
  Client client(plain_spec());
  client.on_close([&](const CloseInfo& c) { client_closes.push(c); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  client.close(4321, "leaving now");
  REQUIRE(closes.wait_for(1));
  CHECK(closes.at(0).code == 4321);
  CHECK(closes.at(0).reason == "leaving now");
  CHECK(closes.at(0).by_peer);
  REQUIRE(client_closes.wait_for(1));
  CHECK(client_closes.at(0).code == 4321);
  CHECK_FALSE(client_closes.at(0).by_peer);
  CHECK(wait_until([&] { return server.connection_count() == 0; }));
}

TEST_CASE("server code closes a connection by code name", "[runtime][transport]") {
  Server server(sequence_spec());
  Inbox<bool> closed_by_name;  // assertions stay on the test thread
  server.on_message([&](ConnectionId id, const Incoming& m) {
    if (m.handshake) closed_by_name.push(server.close_named(id, "DUPLICATE_AUTH", "name taken"));
  });
  server.start();
  CHECK_FALSE(server.close_named(1, "NO_SUCH_CODE"));

  Client client(sequence_spec());
  client.set_handshake(
      [] { return std::string(R"({"type":"IDENTIFY","name":"a","version":"0.2.0","tags":[]})"); });
  // The close comes before the handshake completed: connect() reports it.
  const ConnectResult result = client.connect("127.0.0.1", server.port());
  CHECK(result.error == SessionErrc::handshake_failed);
  REQUIRE(result.close);
  CHECK(result.close->code == 4005);
  CHECK(result.close->reason == "name taken");
  CHECK(result.close->by_peer);
  REQUIRE(closed_by_name.wait_for(1));
  CHECK(closed_by_name.at(0));
}

TEST_CASE("sends from many threads all arrive", "[runtime][transport]") {
  Inbox<std::string> got;
  Server server(plain_spec());
  server.on_message([&](ConnectionId, const Incoming& m) { got.push(std::string(m.text)); });
  server.start();
  Client client(plain_spec());
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&client, t] {
      for (int i = 0; i < 100; ++i)
        client.send(R"({"type":"m","t":)" + std::to_string(t) + R"(,"i":)" + std::to_string(i) +
                    "}");
    });
  for (auto& th : threads) th.join();
  REQUIRE(got.wait_for(400));
  CHECK(got.size() == 400);
}

TEST_CASE("stop() returns promptly with open connections, and the peer sees 1001",
          "[runtime][transport]") {
  Inbox<CloseInfo> closes;
  auto server = std::make_unique<Server>(plain_spec());
  server->start();
  Client a(plain_spec()), b(plain_spec());
  a.on_close([&](const CloseInfo& c) { closes.push(c); });
  b.on_close([&](const CloseInfo& c) { closes.push(c); });
  REQUIRE(a.connect("127.0.0.1", server->port()).ok());
  REQUIRE(b.connect("127.0.0.1", server->port()).ok());
  RawPeer raw;
  REQUIRE(raw.connect(server->port(), "/plain"));

  const auto t0 = std::chrono::steady_clock::now();
  server->stop();
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  CHECK(elapsed < 1s);
  REQUIRE(closes.wait_for(2));
  CHECK(closes.at(0).code == 1001);
  CHECK(closes.at(1).code == 1001);
  server.reset();  // the destructor after stop() is a no-op

  const auto t1 = std::chrono::steady_clock::now();
  a.stop();
  CHECK(std::chrono::steady_clock::now() - t1 < 1s);
}

TEST_CASE("destructors stop a connected client and server promptly", "[runtime][transport]") {
  const auto t0 = std::chrono::steady_clock::now();
  {
    Server server(plain_spec());
    server.start();
    Client client(plain_spec());
    REQUIRE(client.connect("127.0.0.1", server.port()).ok());
    client.send(R"({"type":"x"})");
  }
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
}
