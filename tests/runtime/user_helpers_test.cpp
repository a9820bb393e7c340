// Helpers user code would otherwise write itself: ConnectResult::to_string() and
// wirekit::overloaded.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include <wirekit/client.hpp>
#include <wirekit/overloaded.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("ConnectResult::to_string says what happened in one line", "[runtime][helpers]") {
  ConnectResult ok;
  CHECK(ok.to_string() == "connected");

  ConnectResult refused;
  refused.error = SessionErrc::connect_failed;
  refused.message = "upgrade refused";
  refused.http_status = 404;
  CHECK(refused.to_string() == "connect_failed: the server refused the upgrade with HTTP 404");

  ConnectResult closed;
  closed.error = SessionErrc::handshake_failed;
  CloseInfo info;
  info.code = 4005;
  info.reason = "name taken";
  closed.close = info;
  CHECK(closed.to_string() ==
        "handshake_failed: the server closed the connection: 4005 name taken");

  ConnectResult timeout;
  timeout.error = SessionErrc::timeout;
  timeout.message = "no handshake reply within 5000 ms";
  CHECK(timeout.to_string() == "timeout: no handshake reply within 5000 ms");
}

TEST_CASE("ConnectResult::to_string of a real refused connect names the error",
          "[runtime][helpers]") {
  std::uint16_t port = 0;
  {
    Server server(plain_spec());
    server.start();
    port = server.port();
  }
  Client client(plain_spec());
  const auto result = client.connect("127.0.0.1", port);
  CHECK_THAT(result.to_string(), Catch::StartsWith("connect_failed: "));
  CHECK(result.to_string().size() > std::string("connect_failed: ").size());
}

TEST_CASE("wirekit::overloaded visits a variant with one lambda per alternative",
          "[runtime][helpers]") {
  auto name = [](const std::variant<int, std::string, double>& v) {
    return std::visit(overloaded{[](int i) { return "int " + std::to_string(i); },
                                 [](const std::string& s) { return "string " + s; },
                                 [](double) { return std::string("double"); }},
                      v);
  };
  CHECK(name(7) == "int 7");
  CHECK(name(std::string("x")) == "string x");
  CHECK(name(1.5) == "double");
}
