// A standalone concierge gateway. Run: build/bin/concierge-gateway [PORT] [SECRET]
// (default port 64209, the protocol's usual one). Stop with Ctrl-C.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gateway.hpp"

namespace {
volatile std::sig_atomic_t stop_requested = 0;
void on_signal(int) { stop_requested = 1; }
}  // namespace

int main(int argc, char** argv) {
  example::Gateway::Options options;
  options.server.port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 64209);
  if (argc > 2) options.secret = argv[2];
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    example::Gateway gateway(options);
    std::printf("concierge gateway on ws://127.0.0.1:%u/ws (Ctrl-C stops)\n", gateway.port());
    std::fflush(stdout);
    while (!stop_requested) {
      struct timespec ts {
        0, 100 * 1000 * 1000
      };
      nanosleep(&ts, nullptr);
    }
    gateway.stop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gateway failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
