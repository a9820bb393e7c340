#include "server_cli.hpp"

#include <cstdio>

namespace example {

ServerCli::ServerCli(std::string program, std::string about, const wirekit::ProtocolSpec& spec)
    : cli_(std::move(program), std::move(about),
           "Prints \"listening on ws://HOST:PORT/PATH\" (wss:// with --tls-cert) once ready; "
           "SIGINT or SIGTERM stops it."),
      port_text_(std::to_string(default_port(spec))) {
  cli_.add_option("--host", "HOST", "address to listen on (default 127.0.0.1)", &host_);
  cli_.add_option("--port", "PORT",
                  "port to listen on; 0 picks a free one (default " + port_text_ + ")",
                  &port_text_);
  cli_.add_option("--tls-cert", "FILE",
                  "serve wss:// with this PEM certificate (then its intermediates); needs "
                  "--tls-key",
                  &tls_cert_);
  cli_.add_option("--tls-key", "FILE", "the PEM private key (unencrypted) of --tls-cert",
                  &tls_key_);
}

void ServerCli::add_option(std::string name, std::string value_name, std::string help,
                           std::string* value) {
  cli_.add_option(std::move(name), std::move(value_name), std::move(help), value);
}

int ServerCli::parse(int argc, char** argv) {
  if (const int status = cli_.parse(argc, argv); status >= 0) return status;
  if (!parse_port(port_text_, 0, port_))
    return usage_error("--port needs a number from 0 to 65535");
  if (tls_cert_.empty() != tls_key_.empty())
    return usage_error("--tls-cert and --tls-key go together: give both or neither");
  return -1;
}

wirekit::ServerOptions ServerCli::options() const {
  wirekit::ServerOptions options;
  options.host = host_;
  options.port = port_;
  if (tls()) options.tls = wirekit::ServerTlsOptions{tls_cert_, tls_key_};
  return options;
}

void ServerCli::say_listening(std::uint16_t port, std::string_view path) const {
  std::printf("listening on %s://%s:%u%.*s\n", tls() ? "wss" : "ws", host_.c_str(),
              static_cast<unsigned>(port), static_cast<int>(path.size()), path.data());
  std::fflush(stdout);
}

}  // namespace example
