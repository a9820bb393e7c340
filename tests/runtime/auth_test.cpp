// Bearer authentication on the upgrade (event-ack-sync: "Authorization: Bearer <token>").
#include <catch2/catch.hpp>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

ServerOptions only_token(std::string expected) {
  ServerOptions o;
  o.authorize = [expected](std::string_view token) { return token == expected; };
  return o;
}

ProtocolSpec bearer_spec() {
  ProtocolSpec spec = plain_spec();
  spec.transport.bearer_auth = true;
  return spec;
}

}  // namespace

TEST_CASE("auth: the right bearer token is accepted", "[runtime][auth]") {
  const ProtocolSpec spec = bearer_spec();
  Server server(spec, only_token("s3cret"));
  server.start();
  ClientOptions options;
  options.headers = {{"Authorization", "Bearer s3cret"}};
  Client client(spec, options);
  CHECK(client.connect("127.0.0.1", server.port()).ok());
  CHECK(wait_until([&] { return server.connection_count() == 1; }));
}

TEST_CASE("auth: a wrong or missing token is refused before the WebSocket opens",
          "[runtime][auth]") {
  const ProtocolSpec spec = bearer_spec();
  Server server(spec, only_token("s3cret"));
  server.start();
  ClientOptions wrong;
  wrong.headers = {{"Authorization", "Bearer guess"}};
  Client bad(spec, wrong);
  const auto refused = bad.connect("127.0.0.1", server.port());
  CHECK(refused.error == SessionErrc::connect_failed);
  Client anonymous(spec);
  CHECK(anonymous.connect("127.0.0.1", server.port()).error == SessionErrc::connect_failed);
  CHECK(server.connection_count() == 0);
}
