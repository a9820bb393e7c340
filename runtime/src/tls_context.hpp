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
/// store) and its certificate against `host`, unless options.verify_peer is false.
std::shared_ptr<asio::ssl::context> make_client_tls_context(const ClientTlsOptions& options,
                                                            const std::string& host);

}  // namespace wirekit::detail
