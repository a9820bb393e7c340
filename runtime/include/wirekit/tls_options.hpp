// TLS (wss://) settings. Server and Client use websocketpp's TLS configuration with Debian's
// OpenSSL.
#pragma once

#include <string>

namespace wirekit {

struct ServerTlsOptions {
  std::string certificate_chain_file;  ///< PEM: the server's certificate, then intermediates
  std::string private_key_file;        ///< PEM: its private key (unencrypted)
};

struct ClientTlsOptions {
  /// PEM bundle of the certificate authorities to trust; empty: the system's default store.
  std::string ca_file;
  /// Verify the server's certificate chain and that it names the host given to connect().
  /// false accepts any certificate: for tests only.
  bool verify_peer = true;
};

}  // namespace wirekit
