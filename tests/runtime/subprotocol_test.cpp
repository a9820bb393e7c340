// Subprotocol negotiation: the server requires spec.transport.subprotocol and selects it.
#include <catch2/catch.hpp>

#include <atomic>

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

TEST_CASE("unoffered_subprotocol accept: a client not offering the subprotocol is served",
          "[runtime][subprotocol]") {
  ProtocolSpec accepting = sequence_spec();
  accepting.transport.unoffered_subprotocol = TransportSpec::Unoffered::accept;
  Server server(accepting);
  std::atomic<int> handshakes{0};
  server.on_message([&](ConnectionId id, const Incoming& m) {
    if (!m.handshake) return;
    ++handshakes;
    server.send(id, std::string(R"({"type":"HELLO"})"));
  });
  server.start();
  RawPeer none;
  REQUIRE(none.connect(server.port(), "/ws"));
  CHECK(none.subprotocol().empty());
  none.send_text(R"({"type":"IDENTIFY","name":"plain"})");
  REQUIRE(none.texts.wait_for(1));
  CHECK(none.texts.items().at(0) == R"({"type":"HELLO"})");
  RawPeer offering;
  REQUIRE(offering.connect(server.port(), "/ws", "ert-concierge"));
  CHECK(offering.subprotocol() == "ert-concierge");
  CHECK(handshakes == 1);
  CHECK(wait_until([&] { return server.connection_count() == 2; }));
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
