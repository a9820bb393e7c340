// Memory a large message costs on the server: its peak while handled, and that it is handed
// back once handled and once its connection has closed (issue 10, bounded memory). RSS is the
// whole test process, so the sender is a raw socket writing a frame built before the baseline.
// Sanitizers replace the allocator and add shadow memory, so RSS says nothing there: the file
// is empty in sanitizer builds.
#include <catch2/catch.hpp>

#include "memory/free_memory.hpp"  // WIREKIT_SANITIZED

#ifndef WIREKIT_SANITIZED

#include <fstream>
#include <string>

#include <wirekit/server.hpp>

#include "raw_peer.hpp"
#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

constexpr std::size_t kMiB = 1u << 20;

std::size_t rss() { return proc_status_bytes("self", "VmRSS"); }
std::size_t peak_rss() { return proc_status_bytes("self", "VmHWM"); }
/// Starts a new peak (Linux 4.0 and later).
bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  return static_cast<bool>(out.flush());
}

}  // namespace

TEST_CASE("a large message peaks under 3x its size on the server and leaves nothing behind",
          "[runtime][memory]") {
  constexpr std::size_t kSize = 16 * kMiB;
  const std::string frame = masked_text_frame(R"({"pad":")" + std::string(kSize, 'x') + "\"}");
  Inbox<std::size_t> handled;
  ServerOptions options;
  options.max_message_bytes = 32 * kMiB;
  Server server(plain_spec(), options);
  server.on_message([&](ConnectionId, const Incoming& m) { handled.push(m.text.size()); });
  server.start();

  StalledTcpPeer warm;  // a first message sizes what stays allocated per thread
  REQUIRE(warm.connect(server.port(), "/plain"));
  REQUIRE(warm.write_raw(masked_text_frame(R"({"n":1})")));
  REQUIRE(handled.wait_for(1));

  auto sender = std::make_unique<StalledTcpPeer>();
  REQUIRE(sender->connect(server.port(), "/plain"));
  const std::size_t baseline = rss();
  REQUIRE(reset_peak());
  REQUIRE(sender->write_raw(frame));
  REQUIRE(handled.wait_for(2, 5000ms));
  CHECK(handled.at(1) == kSize + 10);
  const std::size_t peak = peak_rss() - baseline;
  INFO("baseline " << baseline / kMiB << " MiB, peak extra " << peak / kMiB << " MiB");
  CHECK(peak < 3 * kSize);

  // Handled: what decoding needed is back with the system, while the connection stays open.
  CHECK(wait_until([&] { return rss() < baseline + 2 * kMiB; }, 2000ms));
  INFO("after the message " << rss() / kMiB << " MiB");

  // The connection closes: nothing it held stays.
  sender.reset();
  REQUIRE(wait_until([&] { return server.connection_count() == 1; }, 2000ms));
  CHECK(wait_until([&] { return rss() < baseline + kMiB; }, 2000ms));
}

#endif  // WIREKIT_SANITIZED
