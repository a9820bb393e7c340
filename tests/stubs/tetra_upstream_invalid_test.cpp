// Tetra upstream drops what it cannot read (NOTES.md: "Unknown types are ignored"): its
// schema says `session.invalid.from_client: ignore`, so the server logs one line for an
// unknown type or a payload that does not decode and serves the next message.
#include <catch2/catch.hpp>

#include <string>

#include "stub_support.hpp"
#include "tetra_upstream/tetra_upstream_client.hpp"
#include "tetra_upstream/tetra_upstream_server.hpp"

using wirekit::stub_test::Inbox;

namespace {

class Pinged : public tetra_upstream::stub::Handlers<> {
 public:
  void on_ping(Session&, const tetra_upstream::Ping&,
               tetra_upstream::stub::PingReply reply) override {
    reply(tetra_upstream::Pong{});
  }
};

}  // namespace

TEST_CASE("tetra upstream: an unknown type or a broken payload is logged and ignored",
          "[stubs][tetra]") {
  Inbox<std::string> lines;  // outlives the server, which writes here
  Pinged handlers;
  wirekit::ServerOptions options;
  options.log = [&](std::string_view line) { lines.push(std::string(line)); };
  tetra_upstream::stub::Server<> server(handlers, options);
  server.start();
  tetra_upstream::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  CHECK(client.runtime().send(std::string(R"({"type":"component.poke"})")));
  CHECK(client.runtime().send(std::string(R"({"type":"subscribe","group":7})")));
  CHECK(client.ping(tetra_upstream::Ping{}).get().reply());  // still served
  const auto logged = lines.wait_for(2);
  REQUIRE(logged.size() == 2);
  CHECK_THAT(logged[0],
             Catch::StartsWith("ignored from client: ") && Catch::Contains("component.poke"));
  CHECK_THAT(logged[1], Catch::StartsWith("ignored from client: group: "));
  CHECK(client.is_open());
}
