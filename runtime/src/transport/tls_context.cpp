#include "transport/tls_context.hpp"

#include <openssl/x509.h>
#include <asio/ssl/host_name_verification.hpp>

#include <stdexcept>
#include <utility>

namespace wirekit::detail {
namespace {

std::shared_ptr<asio::ssl::context> base_context(asio::ssl::context::method method) {
  auto ctx = std::make_shared<asio::ssl::context>(method);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  return ctx;
}

}  // namespace

std::shared_ptr<asio::ssl::context> make_server_tls_context(const ServerTlsOptions& options) {
  auto ctx = base_context(asio::ssl::context::tls_server);
  std::error_code ec;
  ctx->use_certificate_chain_file(options.certificate_chain_file, ec);
  if (ec)
    throw std::runtime_error("TLS: cannot use certificate chain " + options.certificate_chain_file +
                             ": " + ec.message());
  ctx->use_private_key_file(options.private_key_file, asio::ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error("TLS: cannot use private key " + options.private_key_file + ": " +
                             ec.message());
  return ctx;
}

std::shared_ptr<asio::ssl::context> make_client_tls_context(const ClientTlsOptions& options,
                                                            const std::string& host,
                                                            std::shared_ptr<std::string> refused) {
  auto ctx = base_context(asio::ssl::context::tls_client);
  if (!options.verify_peer) {
    ctx->set_verify_mode(asio::ssl::verify_none);
    return ctx;
  }
  std::error_code ec;
  if (options.ca_file.empty())
    ctx->set_default_verify_paths(ec);
  else
    ctx->load_verify_file(options.ca_file, ec);
  if (ec)
    throw std::runtime_error("TLS: cannot load certificate authorities " +
                             (options.ca_file.empty() ? "(system store)" : options.ca_file) + ": " +
                             ec.message());
  ctx->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
  // OpenSSL's handshake error says only that the handshake failed: keep the reason.
  ctx->set_verify_callback([refused = std::move(refused), host,
                            names_host = asio::ssl::host_name_verification(host)](
                               bool preverified, asio::ssl::verify_context& vc) mutable {
    if (!preverified) {
      const int error = X509_STORE_CTX_get_error(vc.native_handle());
      *refused = std::string("certificate not trusted: ") + X509_verify_cert_error_string(error);
      return false;
    }
    if (!names_host(preverified, vc)) {
      *refused = "certificate does not match host " + host;
      return false;
    }
    return true;
  });
  return ctx;
}

}  // namespace wirekit::detail
