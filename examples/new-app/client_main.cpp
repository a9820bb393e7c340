// kv-client: stores one value and prints what the kv protocol shows of it.
//   kv-client [--host 127.0.0.1] [--port 9100] [--tls] [--ca FILE] KEY VALUE
// Watches KEY, stores VALUE under it, prints the reply and the change the watch receives,
// then cancels the watch (unwatch) and closes.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "kv/kv_client.hpp"

namespace {

int usage(int status) {
  std::fprintf(status == 0 ? stdout : stderr,
               "usage: kv-client [--host HOST] [--port PORT] [--tls] [--ca FILE] KEY VALUE\n"
               "Stores VALUE under KEY on the kv server at ws://HOST:PORT/kv (default "
               "127.0.0.1:9100) and prints the reply and the change a watch of KEY sees.\n"
               "--tls connects with wss://, verifying the server against the system's CA store; "
               "--ca FILE (implies --tls) trusts that PEM bundle instead.\n");
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  long port = 9100;
  wirekit::ClientOptions options;
  std::string positional[2];
  int count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help") return usage(0);
    if (arg == "--host" && i + 1 < argc) {
      host = argv[++i];
    } else if (arg == "--port" && i + 1 < argc) {
      port = std::strtol(argv[++i], nullptr, 10);
      if (port <= 0 || port > 65535) return usage(2);
    } else if (arg == "--tls") {
      options.tls = wirekit::ClientTlsOptions{};  // the system's CA store
    } else if (arg == "--ca" && i + 1 < argc) {
      options.tls = wirekit::ClientTlsOptions{};
      options.tls->ca_file = argv[++i];
    } else if (count < 2 && arg.rfind("--", 0) != 0) {
      positional[count++] = arg;
    } else {
      return usage(2);
    }
  }
  if (count != 2) return usage(2);
  const std::string& key = positional[0];

  kv::stub::Client client(options);
  client.on_notice([](const kv::Notice& n) { std::printf("notice: %s\n", n.text.c_str()); });
  const auto connected = client.connect(host, static_cast<std::uint16_t>(port));
  if (!connected) {
    std::fprintf(stderr, "kv-client: cannot connect: %s\n", connected.to_string().c_str());
    return 1;
  }

  std::mutex mutex;
  std::condition_variable cv;
  std::int64_t seen = 0;  // the latest version the watch received
  auto handle = client.watch(kv::Watch{key}, [&](const kv::Changed& c) {
    std::printf("changed: %s = %s (version %lld)\n", c.key.c_str(), c.value.c_str(),
                static_cast<long long>(c.version));
    std::fflush(stdout);
    std::lock_guard<std::mutex> lock(mutex);
    seen = c.version;
    cv.notify_all();
  });

  const auto outcome = client.put(kv::Put{key, positional[1]}).get();
  if (const auto* stored = outcome.reply()) {
    std::printf("stored: %s (version %lld)\n", stored->key.c_str(),
                static_cast<long long>(stored->version));
    std::fflush(stdout);
    std::unique_lock<std::mutex> lock(mutex);
    if (!cv.wait_for(lock, std::chrono::seconds(3), [&] { return seen >= stored->version; })) {
      std::fprintf(stderr, "kv-client: the watch saw no change\n");
      return 1;
    }
  } else if (const auto* rejected = outcome.error<kv::Rejected>()) {
    std::fprintf(stderr, "rejected: %s\n", rejected->reason.c_str());
    return 1;
  } else {
    std::fprintf(stderr, "kv-client: %s\n", outcome.session_error()->to_string().c_str());
    return 1;
  }
  handle.cancel();
  client.close();
  return 0;
}
