// The option parsing every example program shares (servers and clients): options that take a
// value, flags, --help, and a usage error (status 2) for anything else. ServerCli and ClientCli
// add their common options (--host, --port, --path, TLS) on top.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <wirekit/protocol_spec.hpp>

namespace example {

class CommandLine {
 public:
  /// `about`: what the program is; `epilogue`: text after the options in --help.
  CommandLine(std::string program, std::string about, std::string epilogue = {});

  /// An option taking a value, e.g. add_option("--secret", "S", "...", &secret); `*value`
  /// keeps its default when the option is not given. --help lists options in this order.
  void add_option(std::string name, std::string value_name, std::string help, std::string* value);
  /// A flag taking no value, e.g. add_flag("--tls", "...", &tls): sets `*value` when given.
  void add_flag(std::string name, std::string help, bool* value);

  /// Parses argv; returns the exit status to end with (0 after --help, 2 on a usage error),
  /// or -1 to go on.
  int parse(int argc, char** argv) const;

  /// Prints "<program>: <message>" to stderr and returns 2 (a usage error), for a value
  /// parse() took but the program cannot use.
  int usage_error(const std::string& message) const;

  const std::string& program() const { return program_; }

 private:
  struct Option {
    std::string name, value_name, help;
    std::string* value;  ///< null for a flag
    bool* flag;          ///< null for an option taking a value
  };
  std::string usage() const;

  std::string program_, about_, epilogue_;
  std::vector<Option> options_;
};

/// The port a protocol's servers listen on by default, and its clients connect to: the schema's
/// transport.default_port, else 8080.
std::uint16_t default_port(const wirekit::ProtocolSpec& spec);

/// A port number from its text: false unless it is a whole number from `min` to 65535.
bool parse_port(const std::string& text, long min, std::uint16_t& port);

}  // namespace example
