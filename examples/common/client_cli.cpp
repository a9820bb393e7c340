#include "client_cli.hpp"

namespace example {

ClientCli::ClientCli(std::string program, std::string about, const wirekit::ProtocolSpec& spec,
                     std::string epilogue)
    : cli_(std::move(program), std::move(about),
           epilogue.empty()
               ? "Prints one line per step; exits 0 when the flow completed, 1 when it failed."
               : std::move(epilogue)),
      port_text_(std::to_string(default_port(spec))),
      path_(spec.transport.path) {
  cli_.add_option("--host", "HOST", "the server's address (default 127.0.0.1)", &host_);
  cli_.add_option("--port", "PORT", "the server's port (default " + port_text_ + ")", &port_text_);
  cli_.add_option("--path", "PATH", "the WebSocket path (default " + path_ + ")", &path_);
  cli_.add_flag("--tls", "connect with wss://, verifying the server against the system's CA store",
                &tls_);
  cli_.add_option("--ca", "FILE",
                  "trust the certificate authorities in this PEM bundle instead (implies --tls)",
                  &ca_);
}

void ClientCli::add_option(std::string name, std::string value_name, std::string help,
                           std::string* value) {
  cli_.add_option(std::move(name), std::move(value_name), std::move(help), value);
}

int ClientCli::parse(int argc, char** argv) {
  if (const int status = cli_.parse(argc, argv); status >= 0) return status;
  // Port 0 picks a free port for a server; a client cannot connect to it.
  if (!parse_port(port_text_, 1, port_))
    return usage_error("--port needs a number from 1 to 65535");
  if (path_.empty() || path_.front() != '/') return usage_error("--path must start with /");
  return -1;
}

std::string ClientCli::url() const {
  return (tls() ? "wss://" : "ws://") + host_ + ":" + std::to_string(port_) + path_;
}

wirekit::ClientOptions ClientCli::options() const {
  wirekit::ClientOptions options;
  if (tls()) {
    wirekit::ClientTlsOptions tls;
    tls.ca_file = ca_;  // empty: the system's store
    options.tls = tls;
  }
  return options;
}

}  // namespace example
