// The TLS options of the example programs, beyond the flows over wss:// that
// example_client_test.cpp runs: every server's --tls-cert and --tls-key go together (status 2
// otherwise), a certificate or key file that cannot be used ends the server with status 1 and
// a line naming the file, every server logs its wss:// connections, and a client's --tls
// verifies the server (a self-signed certificate is refused) while a --ca file that cannot be
// read is a clear failure, status 1.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "child_process.hpp"
#include "example_programs.hpp"
#include "example_transport.hpp"

namespace {

using wirekit::test::binary;
using wirekit::test::ChildProcess;
using wirekit::test::port_of;
using wirekit::test::Transport;
using wirekit::test::with;

struct Example {
  const char* server;
  const char* path;
  const char* client;
};

const std::vector<Example> kExamples = {
    {"concierge-server", "/ws", "concierge-chat"},
    {"flet-server", "/ws", "flet-client"},
    {"rise-server", "/", "rise-client"},
    {"sync-server", "/ws/user", "sync-client"},
    {"tetra-server", "/ws/tetra/", "tetra-client"},
};

/// What a client needs beyond the shared options to run at all.
std::vector<std::string> client_args(const Example& e) {
  if (std::string(e.client) == "concierge-chat") return {"--name", "alice"};
  return {};
}

}  // namespace

TEST_CASE("example servers: --help names --tls-cert and --tls-key", "[examples][tls]") {
  for (const auto& e : kExamples) {
    INFO(e.server);
    ChildProcess help({binary(e.server), "--help"});
    CHECK_THAT(
        help.rest_of_out(),
        Catch::Contains("--tls-cert FILE") && Catch::Contains("--tls-key FILE") &&
            Catch::Contains("\"listening on ws://HOST:PORT/PATH\" (wss:// with --tls-cert)"));
    CHECK(help.wait() == 0);
  }
}

TEST_CASE("example servers: --tls-cert without --tls-key, or the reverse, is a usage error",
          "[examples][tls]") {
  const Transport net(true);
  for (const auto& e : kExamples) {
    INFO(e.server);
    for (const char* given : {"--tls-cert", "--tls-key"}) {
      INFO(given);
      ChildProcess server({binary(e.server), "--port", "0", given, net.certificate().certificate});
      CHECK(server.wait() == 2);
      CHECK(server.err_line() ==
            std::string(e.server) + ": --tls-cert and --tls-key go together: give both or neither");
      CHECK(server.rest_of_out().empty());
    }
  }
}

TEST_CASE("example servers: a certificate or key file that cannot be used ends with status 1",
          "[examples][tls]") {
  const Transport net(true);
  const std::string missing = (net.dir().path() / "missing.pem").string();
  const std::string cert = net.certificate().certificate, key = net.certificate().private_key;
  for (const auto& e : kExamples) {
    INFO(e.server);
    {
      ChildProcess server(
          {binary(e.server), "--port", "0", "--tls-cert", missing, "--tls-key", key});
      CHECK(server.wait() == 1);
      CHECK(server.err_line() == std::string(e.server) + ": TLS: cannot use certificate chain " +
                                     missing + ": No such file or directory");
      CHECK(server.rest_of_out().empty());  // never said it was listening
    }
    {
      ChildProcess server(
          {binary(e.server), "--port", "0", "--tls-cert", cert, "--tls-key", missing});
      CHECK(server.wait() == 1);
      CHECK(server.err_line() == std::string(e.server) + ": TLS: cannot use private key " +
                                     missing + ": No such file or directory");
    }
    {
      // The two files swapped: a key is no certificate.
      ChildProcess server({binary(e.server), "--port", "0", "--tls-cert", key, "--tls-key", cert});
      CHECK(server.wait() == 1);
      CHECK_THAT(server.err_line(),
                 Catch::StartsWith(std::string(e.server) + ": TLS: cannot use certificate chain " +
                                   key + ": "));
    }
  }
}

TEST_CASE("example servers over wss:// log each connection; the end of a flow exits 0",
          "[examples][tls]") {
  const Transport net(true);
  for (const char* wire : {"document", "upstream"}) {
    INFO(wire);
    ChildProcess server(
        with({binary("tetra-server"), "--port", "0", "--wire", wire}, net.server_args()));
    const std::uint16_t port = port_of(server.out_line(), "/ws/tetra/", "wss");
    ChildProcess client(
        with({binary("tetra-client"), "--port", std::to_string(port), "--wire", wire},
             net.client_args()));
    CHECK(client.out_line() == "connected to " + net.url(port, "/ws/tetra/"));
    CHECK(client.wait() == 0);
    CHECK_THAT(server.err_line(), Catch::Matches("connection [0-9]+ opened"));
    if (std::string(wire) == "upstream")  // the flow's refused subscription, as upstream logs it
      CHECK(server.err_line() ==
            "subscription to 'broadcast' refused: Manual subscription to "
            "'broadcast' group is not allowed.");
    CHECK_THAT(server.err_line(), Catch::Matches("connection [0-9]+ closed: 1000 done"));
    CHECK(server.interrupt() == 0);
  }
}

TEST_CASE("example clients: --tls verifies the server, --ca must be readable, ws:// is refused",
          "[examples][tls]") {
  const Transport net(true);
  const std::string missing = (net.dir().path() / "missing-ca.pem").string();
  for (const auto& e : kExamples) {
    INFO(e.client);
    ChildProcess server(with({binary(e.server), "--port", "0"}, net.server_args()));
    const std::uint16_t port = port_of(server.out_line(), e.path, "wss");
    const std::string p = std::to_string(port);
    const std::string cannot =
        std::string(e.client) + ": cannot connect to " + net.url(port, e.path) + ": ";
    {
      // --tls trusts the system's store, which does not hold the test's self-signed certificate.
      ChildProcess client(with({binary(e.client), "--port", p, "--tls"}, client_args(e)));
      CHECK(client.wait() == 1);
      CHECK(client.err_line() ==
            cannot +
                "connect_failed: TLS handshake failed: certificate not trusted: "
                "self-signed certificate");
    }
    {
      ChildProcess client(with({binary(e.client), "--port", p, "--ca", missing}, client_args(e)));
      CHECK(client.wait() == 1);
      CHECK(client.err_line() == cannot +
                                     "connect_failed: TLS: cannot load certificate authorities " +
                                     missing + ": No such file or directory");
    }
    {
      // A client without --tls speaks plain HTTP, which the wss:// server drops.
      ChildProcess client(with({binary(e.client), "--port", p}, client_args(e)));
      CHECK(client.wait() == 1);
      CHECK_THAT(client.err_line(), Catch::StartsWith(std::string(e.client) +
                                                      ": cannot connect to ws://127.0.0.1:" + p +
                                                      e.path + ": connect_failed: "));
    }
    CHECK(server.terminate() == 0);
  }
}
