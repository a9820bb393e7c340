// kv-server: serves the kv protocol until SIGINT or SIGTERM.
//   kv-server [--host 127.0.0.1] [--port 9100] [--tls-cert FILE --tls-key FILE]
// --port 0 picks a free port; --tls-cert and --tls-key (both or neither) serve wss://.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "store.hpp"

namespace {

/// The store, logging each connection opened and closed on stderr.
class LoggedStore : public kv_app::Store {
  void on_open(Session& session) override {
    std::fprintf(stderr, "connection %s opened\n", std::to_string(session.id()).c_str());
  }
  void on_close(Session& session, const wirekit::CloseInfo& info) override {
    std::fprintf(stderr, "connection %s closed: %u %s\n", std::to_string(session.id()).c_str(),
                 unsigned{info.code}, info.reason.c_str());
  }
};

int usage(int status) {
  std::fprintf(status == 0 ? stdout : stderr,
               "usage: kv-server [--host HOST] [--port PORT] [--tls-cert FILE --tls-key FILE]\n"
               "Serves the kv protocol on ws://HOST:PORT/kv (default 127.0.0.1:9100; port 0 "
               "picks a free one) until SIGINT or SIGTERM.\n"
               "--tls-cert FILE and --tls-key FILE (PEM, both or neither) serve wss:// with that "
               "certificate and its unencrypted key.\n");
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  wirekit::ServerOptions options;
  options.port = 9100;
  std::string cert, key;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help") return usage(0);
    if (i + 1 >= argc) return usage(2);
    if (arg == "--host") {
      options.host = argv[++i];
    } else if (arg == "--port") {
      const long port = std::strtol(argv[++i], nullptr, 10);
      if (port < 0 || port > 65535) return usage(2);
      options.port = static_cast<std::uint16_t>(port);
    } else if (arg == "--tls-cert") {
      cert = argv[++i];
    } else if (arg == "--tls-key") {
      key = argv[++i];
    } else {
      return usage(2);
    }
  }
  if (cert.empty() != key.empty()) {
    std::fprintf(stderr, "kv-server: --tls-cert and --tls-key go together\n");
    return 2;
  }
  if (!cert.empty()) options.tls = wirekit::ServerTlsOptions{cert, key};

  LoggedStore store;
  kv::stub::Server<> server(store, options);
  try {
    // Serves until SIGINT or SIGTERM, then stops cleanly.
    server.run([&](std::uint16_t port) {
      std::printf("listening on %s://%s:%u/kv\n", options.tls ? "wss" : "ws", options.host.c_str(),
                  unsigned{port});
      std::fflush(stdout);
    });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kv-server: %s\n", e.what());
    return 1;
  }
  return 0;
}
