// The transport the e2e tests run an example server and its clients over: ws://, or wss://
// with a certificate made for the test (tests/runtime/self_signed.hpp, as the runtime's TLS
// tests make theirs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "self_signed.hpp"

namespace wirekit::test {

/// How a test runs an example server and its clients: plain ws://, or wss:// with a fresh
/// self-signed certificate for 127.0.0.1 and localhost that the server serves
/// (--tls-cert/--tls-key) and the clients trust (--ca).
class Transport {
 public:
  explicit Transport(bool tls) {
    if (!tls) return;
    dir_ = std::make_unique<TempDir>();
    cert_ = make_self_signed(*dir_, "server", "wirekit example server", "localhost", "127.0.0.1");
  }
  bool tls() const { return dir_ != nullptr; }
  const char* scheme() const { return tls() ? "wss" : "ws"; }
  /// ws://127.0.0.1:PORT<path> or wss://...
  std::string url(std::uint16_t port, const std::string& path) const {
    return std::string(scheme()) + "://127.0.0.1:" + std::to_string(port) + path;
  }
  /// What a server's command line adds: the certificate and key with TLS.
  std::vector<std::string> server_args() const {
    if (!tls()) return {};
    return {"--tls-cert", cert_.certificate, "--tls-key", cert_.private_key};
  }
  /// What a client's command line adds: --ca naming the server's certificate with TLS.
  std::vector<std::string> client_args() const {
    if (!tls()) return {};
    return {"--ca", cert_.certificate};
  }
  const CertificateFiles& certificate() const { return cert_; }
  const TempDir& dir() const { return *dir_; }

 private:
  std::unique_ptr<TempDir> dir_;
  CertificateFiles cert_;
};

}  // namespace wirekit::test
