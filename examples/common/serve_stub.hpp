// Runs a generated server stub under the shared command line: --host, --port and TLS, the
// listening line, then until SIGINT or SIGTERM. For servers that pick their stub at start-up
// (rise-server and tetra-server choose a wire form).
#pragma once

#include <string>

#include <wirekit/protocol_spec.hpp>
#include <wirekit/server.hpp>

#include "server_cli.hpp"

namespace example {

template <class Server, class Handlers>
int serve_stub(const ServerCli& cli, Handlers& handlers, const wirekit::ProtocolSpec& spec) {
  Server server(handlers, cli.options());
  server.run([&](std::uint16_t port) { cli.say_listening(port, spec.transport.path); });
  return 0;
}

}  // namespace example
