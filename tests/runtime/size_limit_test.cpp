// Frame rules: maximum message size (1009) and text-only enforcement (binary_frame code).
#include <catch2/catch.hpp>

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
