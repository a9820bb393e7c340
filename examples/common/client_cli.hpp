// The command line every example client shares, mirroring the servers': --host (default
// 127.0.0.1), --port (default the schema's default_port, else 8080, as the servers), --path
// (default the schema's), --tls (connect with wss://, verifying the server against the system's
// certificate authorities), --ca FILE (implies --tls, trusting that PEM bundle instead), its
// own options, --help; a usage error ends with status 2.
#pragma once

#include <cstdint>
#include <string>

#include <wirekit/client.hpp>
#include <wirekit/protocol_spec.hpp>

#include "command_line.hpp"

namespace example {

class ClientCli {
 public:
  /// `about`: what the client does; `spec`: the protocol, for the default port and path;
  /// `epilogue`: what --help says after the options (by default: the flow's output and status).
  ClientCli(std::string program, std::string about, const wirekit::ProtocolSpec& spec,
            std::string epilogue = {});
  ClientCli(const ClientCli&) = delete;  // the options point into it
  ClientCli& operator=(const ClientCli&) = delete;

  /// An option taking a value, e.g. add_option("--token", "TOKEN", "...", &token).
  void add_option(std::string name, std::string value_name, std::string help, std::string* value);

  /// Parses argv; returns the exit status to end with (0 after --help, 2 on a usage error),
  /// or -1 to go on.
  int parse(int argc, char** argv);
  /// For a value parse() took but the client cannot use: prints it, returns 2.
  int usage_error(const std::string& message) const { return cli_.usage_error(message); }

  const std::string& program() const { return cli_.program(); }
  const std::string& host() const { return host_; }
  std::uint16_t port() const { return port_; }
  const std::string& path() const { return path_; }
  /// Whether the client connects with wss:// (--tls or --ca).
  bool tls() const { return tls_ || !ca_.empty(); }
  /// ws://HOST:PORT/PATH (wss:// with TLS), for messages.
  std::string url() const;
  /// The stub client's options from the command line: with TLS, verifying the server against
  /// --ca or the system store (a CA file that cannot be read fails the connect, naming it).
  wirekit::ClientOptions options() const;

 private:
  CommandLine cli_;
  std::string host_ = "127.0.0.1", port_text_, path_, ca_;
  std::uint16_t port_ = 0;
  bool tls_ = false;
};

}  // namespace example
