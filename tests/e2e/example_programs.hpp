// What the tests of the example programs share: where the programs are, and the port a server
// started with --port 0 reports in its "listening on" line.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace wirekit::test {

inline std::string binary(const char* name) { return std::string(WIREKIT_BIN_DIR) + "/" + name; }

/// The port of "listening on SCHEME://127.0.0.1:PORT<path>", checking the line, its scheme
/// (ws or wss) and its path.
inline std::uint16_t port_of(const std::string& listening, const std::string& path,
                             const std::string& scheme = "ws") {
  const std::string prefix = "listening on " + scheme + "://127.0.0.1:";
  INFO(listening);
  REQUIRE(listening.rfind(prefix, 0) == 0);
  REQUIRE(listening.size() > prefix.size() + path.size());
  CHECK(listening.substr(listening.size() - path.size()) == path);
  return static_cast<std::uint16_t>(std::stoi(listening.substr(prefix.size())));
}

/// `args` followed by `more`.
inline std::vector<std::string> with(std::vector<std::string> args,
                                     const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace wirekit::test
