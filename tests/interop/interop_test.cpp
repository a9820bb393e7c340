// Interop with an independent implementation: npm `ws` (Node) as client against our
// Server and as server against our Client, speaking a Flet-like echo protocol.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>

#include "../runtime/test_specs.hpp"
#include "../runtime/test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

const std::string kDir = std::string(WIREKIT_SOURCE_DIR) + "/tests/interop";

bool have_node() { return std::system("command -v node >/dev/null 2>&1") == 0; }

/// Installs npm `ws` on first use; true when it is available.
bool ensure_ws() {
  if (std::system(("test -d '" + kDir + "/node_modules/ws'").c_str()) == 0) return true;
  return std::system(("'" + kDir + "/install.sh' >/dev/null 2>&1").c_str()) == 0;
}

const ProtocolSpec& interop_spec() {
  static const ProtocolSpec spec = [] {
    ProtocolSpec s = echo_spec();
    s.transport.subprotocol = "wirekit-interop";
    return s;
  }();
  return spec;
}

/// Runs node ws_peer.js with `args`; reads its output line by line.
class NodePeer {
 public:
  explicit NodePeer(const std::string& args)
      : pipe_(popen(("node '" + kDir + "/ws_peer.js' " + args + " 2>&1").c_str(), "r")) {}
  ~NodePeer() {
    if (pipe_) pclose(pipe_);
  }
  /// The next line without its newline; empty at the end.
  std::string line() {
    char buf[4096];
    if (!pipe_ || !fgets(buf, sizeof buf, pipe_)) return {};
    std::string s(buf);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  }
  std::vector<std::string> rest() {
    std::vector<std::string> out;
    for (std::string l = line(); !l.empty(); l = line()) out.push_back(l);
    return out;
  }
  int wait() {
    const int status = pipe_ ? pclose(pipe_) : -1;
    pipe_ = nullptr;
    return status;
  }

 private:
  FILE* pipe_;
};

}  // namespace

TEST_CASE("interop: a Node ws client talks to wirekit::Server", "[interop]") {
  Inbox<CloseInfo> closes;
  if (!have_node()) {
    WARN("node is not installed; interop test skipped");
    SUCCEED();
    return;
  }
  REQUIRE(ensure_ws());
  Server server(interop_spec());
  server.on_message([&](ConnectionId id, const Incoming& m) {
    server.send(id,
                R"({"id":"node-1","action":"","payload":{"seen":")" + std::string(m.tag) + "\"}}");
  });
  server.on_close([&](ConnectionId, const CloseInfo& c) { closes.push(c); });
  server.start();

  NodePeer node("client " + std::to_string(server.port()) + " /ws wirekit-interop");
  const auto lines = node.rest();
  CHECK(node.wait() == 0);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "PROTOCOL wirekit-interop");
  CHECK(lines[1] == R"(REPLY {"id":"node-1","action":"","payload":{"seen":"registerHostClient"}})");
  CHECK(lines[2] == "CLOSE 4000 node done");
  REQUIRE(closes.wait_for(1));
  CHECK(closes.at(0).code == 4000);
  CHECK(closes.at(0).reason == "node done");
}

TEST_CASE("interop: a Node ws client without the subprotocol is refused", "[interop]") {
  if (!have_node()) {
    WARN("node is not installed; interop test skipped");
    SUCCEED();
    return;
  }
  REQUIRE(ensure_ws());
  Server server(interop_spec());
  server.start();
  NodePeer node("client " + std::to_string(server.port()) + " /ws -");
  const auto lines = node.rest();
  node.wait();
  REQUIRE_FALSE(lines.empty());
  CHECK_THAT(lines[0], Catch::StartsWith("ERROR Unexpected server response: 400"));
}

TEST_CASE("interop: wirekit::Client talks to a Node ws server", "[interop]") {
  if (!have_node()) {
    WARN("node is not installed; interop test skipped");
    SUCCEED();
    return;
  }
  REQUIRE(ensure_ws());
  NodePeer node("server /ws wirekit-interop");
  const std::string first = node.line();
  REQUIRE(first.rfind("PORT ", 0) == 0);
  const auto port = static_cast<std::uint16_t>(std::stoi(first.substr(5)));

  Client client(interop_spec());
  REQUIRE(client.connect("127.0.0.1", port).ok());
  auto reply = client.request_future([](std::string_view id) {
    return R"({"id":")" + std::string(id) +
           R"(","action":"registerHostClient","payload":{"pageName":"x"}})";
  });
  REQUIRE(reply.wait_for(3s) == std::future_status::ready);
  const Reply r = reply.get();
  REQUIRE(r.ok());
  CHECK(r.text == R"({"id":"1","action":"","payload":{"echoed":{"pageName":"x"}}})");
  client.close(4001, "client done");
  const auto lines = node.rest();
  CHECK(node.wait() == 0);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "CLOSE 4001 client done");
}
