// Internal: OpenSSL contexts for wss:// servers and clients.
#pragma once

#include <asio/ssl/context.hpp>

#include <memory>
#include <string>

#include "wirekit/tls_options.hpp"

namespace wirekit::detail {

/// A TLS 1.2+ server context with the certificate chain and key of `options`; throws
/// std::runtime_error naming the file that could not be used.
std::shared_ptr<asio::ssl::context> make_server_tls_context(const ServerTlsOptions& options);
/// A TLS 1.2+ client context verifying the server against `options.ca_file` (or the system
/// store) and its certificate against `host`, unless options.verify_peer is false. When the
/// verification refuses the server it writes why into `*refused` (e.g. "certificate not
/// trusted: self-signed certificate"). Throws std::runtime_error naming the CA file that could
/// not be loaded.
std::shared_ptr<asio::ssl::context> make_client_tls_context(const ClientTlsOptions& options,
                                                            const std::string& host,
                                                            std::shared_ptr<std::string> refused);

}  // namespace wirekit::detail
