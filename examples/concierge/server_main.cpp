// concierge-server: the concierge gateway on the generated server stub.
// Run: build/bin/concierge-server [--host HOST] [--port PORT] [--secret SECRET]
//      [--tls-cert FILE --tls-key FILE]
#include <cstdio>
#include <exception>
#include <string>

#include "concierge/concierge_protocol.hpp"
#include "gateway.hpp"
#include "server_cli.hpp"

int main(int argc, char** argv) {
  const auto& spec = concierge::protocol_spec();
  example::ServerCli cli("concierge-server",
                         "The ERT concierge gateway: clients identify, own and subscribe to "
                         "services, and relay MESSAGE payloads.",
                         spec);
  std::string secret;
  cli.add_option("--secret", "SECRET",
                 "the secret IDENTIFY must carry (4006 otherwise); without it, an IDENTIFY "
                 "with a non-null secret is refused, as upstream does",
                 &secret);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  try {
    example::Gateway::Options options;
    options.server = cli.options();
    options.secret = secret;
    options.log = true;
    example::Gateway gateway(options);
    gateway.run([&](std::uint16_t port) { cli.say_listening(port, spec.transport.path); });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "concierge-server: %s\n", e.what());
    return 1;
  }
  return 0;
}
