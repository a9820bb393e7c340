// Frame rules: maximum message size (1009) and text-only enforcement (binary_frame code).
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("a message over the server's maximum size closes with 1009", "[runtime][size]") {
  Inbox<std::string> got;
  Inbox<CloseInfo> closes;
  ServerOptions options;
  options.max_message_bytes = 1024;
  Server server(plain_spec(), options);
  server.on_message([&](ConnectionId, const Incoming& m) { got.push(std::string(m.text)); });
  server.start();
  Client client(plain_spec());
  client.on_close([&](const CloseInfo& c) { closes.push(c); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());

  client.send(R"({"type":"small"})");
  REQUIRE(got.wait_for(1));
  client.send(R"({"type":"big","pad":")" + std::string(2000, 'x') + "\"}");
  REQUIRE(closes.wait_for(1));
  CHECK(closes.at(0).code == 1009);
  CHECK(got.size() == 1);
}

TEST_CASE("the default maximum size comes from spec.transport.max_message_bytes",
          "[runtime][size]") {
  ProtocolSpec small = plain_spec();
  small.transport.max_message_bytes = 100;
  Server server(small);
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/plain"));
  raw.send_text(R"({"type":"big","pad":")" + std::string(200, 'x') + "\"}");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 1009);
}

TEST_CASE("a client enforces its own maximum size on what the server sends", "[runtime][size]") {
  Inbox<CloseInfo> closes;
  Server server(plain_spec());
  server.on_open(
      [&](ConnectionId id) { server.send(id, R"({"pad":")" + std::string(5000, 'y') + "\"}"); });
  server.start();
  ClientOptions options;
  options.max_message_bytes = 1000;
  Client client(plain_spec(), options);
  client.on_close([&](const CloseInfo& c) { closes.push(c); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  REQUIRE(closes.wait_for(1));
  CHECK(closes.at(0).code == 1009);
  CHECK_FALSE(closes.at(0).by_peer);
}

TEST_CASE("a binary frame closes with the spec's binary_frame code", "[runtime][size][text_only]") {
  ProtocolSpec spec = ack_spec();
  spec.session.handshake.first = kNoMessage;
  Server server(spec);
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws/user"));
  raw.send_binary("\x01\x02");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4001);
}

TEST_CASE("a binary frame closes with 1003 when the spec has no binary_frame code",
          "[runtime][size][text_only]") {
  Server server(plain_spec());
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/plain"));
  raw.send_binary("bin");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 1003);
}

TEST_CASE("binary frames are delivered when the spec allows them", "[runtime][size][text_only]") {
  Inbox<std::pair<bool, std::string>> got;
  ProtocolSpec any = plain_spec();
  any.transport.text_only = false;
  Server server(any);
  server.on_message([&](ConnectionId, const Incoming& m) {
    got.push({m.binary, std::string(m.text)});
  });
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/plain"));
  raw.send_binary(std::string("\x00\xff", 2));
  REQUIRE(got.wait_for(1));
  CHECK(got.at(0).first);
  CHECK(got.at(0).second == std::string("\x00\xff", 2));
}

TEST_CASE("messages of the maximum size reach a healthy connection without closing it",
          "[runtime][size]") {
  // send_queue_max_bytes 0 (the default) is 4 x the maximum message size, counted before each
  // message: one message of the maximum size, or several back to back, always fits.
  constexpr std::size_t kMax = 256 * 1024;
  const std::string prefix = R"({"type":"big","pad":")";
  const std::string biggest = prefix + std::string(kMax - prefix.size() - 2, 'x') + "\"}";
  REQUIRE(biggest.size() == kMax);
  Inbox<std::size_t> got;
  Inbox<CloseInfo> closes;
  Inbox<bool> sent;
  ServerOptions options;
  options.max_message_bytes = kMax;
  Server server(plain_spec(), options);
  server.on_message([&](ConnectionId id, const Incoming&) {
    for (int i = 0; i < 3; ++i) sent.push(server.send(id, biggest));
  });
  server.on_close([&](ConnectionId, const CloseInfo& c) { closes.push(c); });
  server.start();
  ClientOptions client_options;
  client_options.max_message_bytes = kMax;
  Client client(plain_spec(), client_options);
  client.on_message([&](const Incoming& m) { got.push(m.text.size()); });
  client.on_close([&](const CloseInfo& c) { closes.push(c); });
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  client.send(R"({"type":"go"})");
  REQUIRE(got.wait_for(3));
  CHECK(got.items() == std::vector<std::size_t>{kMax, kMax, kMax});
  CHECK(sent.items() == std::vector<bool>{true, true, true});
  CHECK(closes.size() == 0);
  CHECK(server.connection_count() == 1);
}

TEST_CASE("a maximum-size message broadcast to every client closes none of them",
          "[runtime][size]") {
  // Issue 10's first finding: one client's large message, relayed to everyone, must not cut
  // the recipients off, even with a send bound below the message size (the bound counts what
  // is already waiting, not the message being queued).
  constexpr std::size_t kMax = 256 * 1024;
  const std::string prefix = R"({"type":"big","pad":")";
  const std::string biggest = prefix + std::string(kMax - prefix.size() - 2, 'x') + "\"}";
  std::size_t send_bound = 0;
  SECTION("the default bound") { send_bound = 0; }
  SECTION("a bound of 1 KiB") { send_bound = 1024; }
  // Declared before the server, which calls handlers using them until it is destroyed.
  std::vector<ConnectionId> ids;  // touched only by handlers, on the server's one thread
  Inbox<CloseInfo> closes;
  Inbox<bool> sent;
  ServerOptions options;
  options.max_message_bytes = kMax;
  options.send_queue_max_bytes = send_bound;
  Server server(plain_spec(), options);
  server.on_open([&](ConnectionId id) { ids.push_back(id); });
  server.on_message([&](ConnectionId, const Incoming& m) {
    for (ConnectionId id : ids) sent.push(server.send(id, std::string(m.text)));
  });
  server.on_close([&](ConnectionId, const CloseInfo& c) { closes.push(c); });
  server.start();
  ClientOptions client_options;
  client_options.max_message_bytes = kMax;
  std::vector<std::unique_ptr<Inbox<std::size_t>>> got;  // outlives the clients filling it
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(std::make_unique<Client>(plain_spec(), client_options));
    got.push_back(std::make_unique<Inbox<std::size_t>>());
    Inbox<std::size_t>& inbox = *got.back();
    clients.back()->on_message([&inbox](const Incoming& m) { inbox.push(m.text.size()); });
    clients.back()->on_close([&](const CloseInfo& c) { closes.push(c); });
    REQUIRE(clients.back()->connect("127.0.0.1", server.port()).ok());
  }
  REQUIRE(wait_until([&] { return server.connection_count() == 3; }));
  clients.front()->send(biggest);
  for (auto& inbox : got) {
    REQUIRE(inbox->wait_for(1));
    CHECK(inbox->items() == std::vector<std::size_t>{kMax});
  }
  CHECK(sent.items() == std::vector<bool>{true, true, true});
  CHECK(closes.size() == 0);
  CHECK(server.connection_count() == 3);
}
