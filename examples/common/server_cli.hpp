// The command line every example server shares: --host, --port (0 picks a free port),
// --tls-cert and --tls-key (serve wss://, both or neither), its own options, --help; one stdout
// line "listening on ws://HOST:PORT/PATH" (wss:// with TLS) once ready; a clean exit (status 0)
// on SIGINT or SIGTERM.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <wirekit/protocol_spec.hpp>
#include <wirekit/server.hpp>

#include "command_line.hpp"

namespace example {

class ServerCli {
 public:
  /// `about`: one line saying what the server is; `spec`: the protocol, for the default port
  /// (the schema's default_port, else 8080).
  ServerCli(std::string program, std::string about, const wirekit::ProtocolSpec& spec);
  ServerCli(const ServerCli&) = delete;  // the options point into it
  ServerCli& operator=(const ServerCli&) = delete;

  /// An option taking a value, e.g. add_option("--secret", "S", "...", &secret).
  void add_option(std::string name, std::string value_name, std::string help, std::string* value);

  /// Parses argv; returns the exit status to end with (0 after --help, 2 on a usage error such
  /// as --tls-cert without --tls-key), or -1 to go on.
  int parse(int argc, char** argv);
  /// For a value parse() took but the server cannot use: prints it, returns 2.
  int usage_error(const std::string& message) const { return cli_.usage_error(message); }

  const std::string& host() const { return host_; }
  std::uint16_t port() const { return port_; }
  /// Whether --tls-cert and --tls-key were given: the server serves wss://.
  bool tls() const { return !tls_cert_.empty(); }
  /// The server's options from the command line: host, port and, with TLS, the certificate
  /// and key (a file that cannot be used makes the server's start throw, naming it).
  wirekit::ServerOptions options() const;

  /// Prints the line "listening on ws://HOST:PORT/PATH" (wss:// with TLS) and flushes it: the
  /// `ready` of a stub's run().
  void say_listening(std::uint16_t port, std::string_view path) const;

 private:
  CommandLine cli_;
  std::string host_ = "127.0.0.1", port_text_, tls_cert_, tls_key_;
  std::uint16_t port_ = 0;
};

}  // namespace example
