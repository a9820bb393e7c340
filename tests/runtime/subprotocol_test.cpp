// Subprotocol negotiation: the server requires spec.transport.subprotocol and selects it.
#include <catch2/catch.hpp>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("server selects the spec's subprotocol for a client that offers it",
          "[runtime][subprotocol]") {
  Server server(sequence_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    if (m.handshake) server.send(id, std::string(R"({"type":"HELLO"})"));
  });
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws", "ert-concierge"));
  CHECK(raw.subprotocol() == "ert-concierge");

  Client client(sequence_spec());
  client.set_handshake([] { return std::string(R"({"type":"IDENTIFY","name":"s"})"); });
  CHECK(client.connect("127.0.0.1", server.port()).ok());
  CHECK(wait_until([&] { return server.connection_count() == 2; }));
}

TEST_CASE("server refuses a client that does not offer the subprotocol", "[runtime][subprotocol]") {
  Server server(sequence_spec());
  server.start();
  RawPeer none;
  CHECK_FALSE(none.connect(server.port(), "/ws"));
  CHECK(none.http_status() == 400);
  RawPeer other;
  CHECK_FALSE(other.connect(server.port(), "/ws", "something-else"));
  CHECK(server.connection_count() == 0);
}

TEST_CASE("client refuses a server that does not select the subprotocol",
          "[runtime][subprotocol]") {
  ProtocolSpec no_subprotocol = sequence_spec();
  no_subprotocol.transport.subprotocol = "";
  Server server(no_subprotocol);
  server.start();
  Client client(sequence_spec());
  auto result = client.connect("127.0.0.1", server.port());
  CHECK(result.error == SessionErrc::connect_failed);
  CHECK_THAT(result.message, Catch::Contains("ert-concierge"));
  CHECK_FALSE(client.is_open());
}
