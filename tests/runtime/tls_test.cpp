// TLS (wss://) both ways, with certificates made at test time: a verified connection carries
// messages, a server the client's CA did not sign or that names another host is refused with
// a clear connect error, verify_peer=false accepts any certificate, and unusable certificate or
// CA files are reported instead of crashing.
#include <catch2/catch.hpp>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "self_signed.hpp"
#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

/// A wss:// server with a certificate for "localhost" that answers each message with a pong
/// naming it.
class TlsFixture {
 public:
  TlsFixture()
      : server_cert(make_self_signed(dir, "server", "wirekit test server", "localhost")),
        other_ca(make_self_signed(dir, "other", "wirekit other CA", "localhost")) {}

  std::unique_ptr<Server> start_server() {
    ServerOptions options;
    options.tls = ServerTlsOptions{server_cert.certificate, server_cert.private_key};
    auto server = std::make_unique<Server>(plain_spec(), options);
    Server* s = server.get();
    server->on_message([s](ConnectionId id, const Incoming& in) {
      s->send(id, R"({"pong":)" + std::string(in.text) + "}");
    });
    server->start();
    return server;
  }

  TempDir dir;
  CertificateFiles server_cert;
  CertificateFiles other_ca;
};

ClientOptions tls_client(std::string ca_file, bool verify_peer = true) {
  ClientOptions options;
  options.connect_timeout_ms = 3000;
  options.tls = ClientTlsOptions{std::move(ca_file), verify_peer};
  return options;
}

}  // namespace

TEST_CASE("tls: a client verifying the server against its CA exchanges messages",
          "[runtime][tls]") {
  TlsFixture f;
  auto server = f.start_server();
  Inbox<std::string> got;
  Client client(plain_spec(), tls_client(f.server_cert.certificate));
  client.on_message([&](const Incoming& in) { got.push(std::string(in.text)); });
  const ConnectResult result = client.connect("localhost", server->port());
  INFO(result.message);
  REQUIRE(result.ok());
  CHECK(client.is_open());
  REQUIRE(client.send(R"({"n":1})"));
  REQUIRE(client.send(R"({"n":2})"));
  REQUIRE(got.wait_for(2));
  CHECK(got.at(0) == R"({"pong":{"n":1}})");
  CHECK(got.at(1) == R"({"pong":{"n":2}})");
  CHECK(server->connection_count() == 1);
}

TEST_CASE("tls: a server the client cannot verify fails the connect, saying why",
          "[runtime][tls]") {
  TlsFixture f;
  auto server = f.start_server();
  // The server's certificate is its own CA and names "localhost" only.
  const auto [trusted, host, why] = GENERATE(table<bool, std::string, std::string>({
      // another CA: OpenSSL's own words follow the runtime's prefix
      {false, "localhost", "certificate not trusted: self-signed certificate"},
      // the right CA, but the same server under a name the certificate does not carry
      {true, "127.0.0.1", "certificate does not match host 127.0.0.1"},
  }));
  Client client(plain_spec(),
                tls_client(trusted ? f.server_cert.certificate : f.other_ca.certificate));
  const ConnectResult result = client.connect(host, server->port());
  CHECK(result.error == SessionErrc::connect_failed);
  CHECK(result.message == "TLS handshake failed: " + why);
  CHECK(result.http_status == 0);
  CHECK_FALSE(client.is_open());
  CHECK(server->connection_count() == 0);
}

TEST_CASE("tls: verify_peer=false connects whatever the certificate", "[runtime][tls]") {
  TlsFixture f;
  auto server = f.start_server();
  Inbox<std::string> got;
  // The wrong CA and a host name the certificate does not carry: neither is checked.
  Client client(plain_spec(), tls_client(f.other_ca.certificate, /*verify_peer=*/false));
  client.on_message([&](const Incoming& in) { got.push(std::string(in.text)); });
  const ConnectResult result = client.connect("127.0.0.1", server->port());
  INFO(result.message);
  REQUIRE(result.ok());
  REQUIRE(client.send(R"({"n":3})"));
  REQUIRE(got.wait_for(1));
  CHECK(got.at(0) == R"({"pong":{"n":3}})");
}

TEST_CASE("tls: a plain ws:// client cannot talk to a wss:// server", "[runtime][tls]") {
  TlsFixture f;
  auto server = f.start_server();
  ClientOptions options;
  options.connect_timeout_ms = 2000;
  Client client(plain_spec(), options);
  const ConnectResult result = client.connect("localhost", server->port());
  // The TLS server cannot read a plain HTTP upgrade and drops the TCP connection.
  CHECK(result.error == SessionErrc::connect_failed);
  CHECK(result.message == "End of File");
  CHECK_FALSE(client.is_open());
  CHECK(server->connection_count() == 0);
}

TEST_CASE("tls: a CA file that cannot be read fails the connect, naming the file",
          "[runtime][tls]") {
  TlsFixture f;
  auto server = f.start_server();
  const std::string missing = (f.dir.path() / "missing-ca.pem").string();
  Client client(plain_spec(), tls_client(missing));
  const ConnectResult result = client.connect("localhost", server->port());
  CHECK(result.error == SessionErrc::connect_failed);
  CHECK(result.message ==
        "TLS: cannot load certificate authorities " + missing + ": No such file or directory");
  // The client is still usable: the loop thread survived.
  CHECK(client.connect("localhost", server->port()).error == SessionErrc::connect_failed);
}

TEST_CASE("tls: a server whose key file is missing does not start", "[runtime][tls]") {
  TlsFixture f;
  ServerOptions options;
  const std::string missing = (f.dir.path() / "missing.key").string();
  options.tls = ServerTlsOptions{f.server_cert.certificate, missing};
  Server server(plain_spec(), options);
  CHECK_THROWS_WITH(server.start(),
                    "TLS: cannot use private key " + missing + ": No such file or directory");
}
