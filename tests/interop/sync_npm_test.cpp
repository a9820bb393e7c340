// Interop of the Event/Ack sync protocol (event-ack-sync.md, the "DoorBuilder" subprotocol;
// schemas/sync.yaml) with npm ws peers: the generated client stub against a Node server
// (sync/peer_server.js), and a Node client (sync/peer_client.js) against the generated server
// stub in-process. Node checks our frames as raw JSON; here they are checked typed.
#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "../e2e/child_process.hpp"
#include "../e2e/example_programs.hpp"
#include "../stubs/stub_support.hpp"
#include "sync/sync_client.hpp"
#include "sync/sync_server.hpp"

using namespace std::chrono_literals;
using wirekit::stub_test::Inbox;
using wirekit::test::ChildProcess;

namespace {

const std::string kSyncDir = std::string(WIREKIT_SOURCE_DIR) + "/tests/interop/sync";

event_sync::Event event(const std::string& payload) {
  event_sync::Event e;
  e.status = event_sync::Status::kOk;
  e.payload = wirekit::JsonObject(payload);
  return e;
}

/// peer_server.js for one connection, whose bearer token `scenario` picks what it does.
class NodeSyncServer {
 public:
  NodeSyncServer() : process_({WIREKIT_NODE, kSyncDir + "/peer_server.js"}) {
    port_ = wirekit::test::port_of(process_.out_line(), "/ws/user");
  }
  std::uint16_t port() const { return port_; }
  /// Its lines up to its end (it ends after its one connection closed).
  std::vector<std::string> lines() {
    std::vector<std::string> out;
    for (std::string l = process_.out_line(); !l.empty(); l = process_.out_line()) out.push_back(l);
    CHECK(process_.wait() == 0);
    return out;
  }

 private:
  ChildProcess process_;
  std::uint16_t port_ = 0;
};

wirekit::ClientOptions with_token(const std::string& token) {
  wirekit::ClientOptions o;
  o.headers = {{"Authorization", "Bearer " + token}};
  return o;
}

/// The client's view of a connection to peer_server.js: the events it got and how it closed.
struct ClientSide {
  Inbox<std::string> events;
  Inbox<std::string> acks;  // "" for an ack, else why the event was not acked
  Inbox<wirekit::CloseInfo> closes;
  event_sync::stub::Client client;

  explicit ClientSide(const std::string& scenario) : client(with_token(scenario)) {
    client.on_event([this](const event_sync::Event& e) { events.push(e.payload.text); });
    client.on_close([this](const wirekit::CloseInfo& c) { closes.push(c); });
  }
  void send(const std::string& payload) {
    client.event(event(payload), [this](const wirekit::SessionError& e) {
      acks.push(e.code == wirekit::SessionErrc::ok ? "" : e.to_string());
    });
  }
};

/// Connects `scenario`'s client and checks the handshake Event it got.
void connect(ClientSide& side, NodeSyncServer& server, const std::string& ack_ms) {
  auto first = side.client.connect("127.0.0.1", server.port());
  REQUIRE(first.ok());
  CHECK(first->payload.text == R"({"ack_timeout_ms":)" + ack_ms + "}");
  CHECK(first->status == event_sync::Status::kOk);
  CHECK_FALSE(first->reason.has_value());
}

/// The close code the client made when peer_server.js's `scenario` broke the protocol.
std::uint16_t close_code_for(const std::string& scenario) {
  NodeSyncServer server;
  ClientSide side(scenario);
  connect(side, server, "5000");
  const auto closes = side.closes.wait_for(1);
  REQUIRE(closes.size() == 1);
  CHECK_FALSE(closes[0].by_peer);
  const auto lines = server.lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "scenario " + scenario);
  CHECK(lines[1] == "handshake acked");
  CHECK(lines[2].rfind("CLOSE " + std::to_string(closes[0].code) + " ", 0) == 0);
  return closes[0].code;
}

/// The in-process server peer_client.js talks to: handshake with ack_timeout_ms 800, an Event
/// {"echo": X} answered with an Event {"echoed": X}, status "fatal" closed with 4005 (the codec
/// accepts it: rejecting it is the server's job, as schemas/sync.yaml says).
class EchoHandlers : public event_sync::stub::Handlers<> {
 public:
  event_sync::Event on_handshake(Session&) override { return event(R"({"ack_timeout_ms":800})"); }
  void on_event(Session& session, const event_sync::Event& e) override {
    if (e.status == event_sync::Status::kFatal) return session.close(4005, "status fatal");
    events.push(e.payload.text + " " + (e.reason ? *e.reason : "null"));
    const std::string echo = R"({"echo":)";
    if (e.payload.text.rfind(echo, 0) == 0)
      server().send_event(session.id(),
                          event(R"({"echoed":)" + e.payload.text.substr(echo.size())));
  }
  void on_close(Session&, const wirekit::CloseInfo& info) override { closes.push(info.code); }

  Inbox<std::string> events;
  Inbox<int> closes;
};

}  // namespace

TEST_CASE("sync npm: the client stub's events and a Node server's are acked both ways",
          "[interop][sync]") {
  NodeSyncServer server;
  ClientSide side("flow");
  connect(side, server, "5000");
  // The server's Event after the handshake, acked by the runtime.
  CHECK(side.events.wait_for(2) ==
        std::vector<std::string>{R"({"ack_timeout_ms":5000})", R"({"door":"open"})"});
  side.send(R"({"door":"closed"})");
  CHECK(side.acks.wait_for(1) == std::vector<std::string>{""});
  side.client.close(1000, "done");
  CHECK(server.lines() == std::vector<std::string>{
                              "scenario flow",
                              "handshake acked",
                              "event acked",
                              R"(got event {"door":"closed"} ok null)",
                              "CLOSE 1000 done",
                          });
}

TEST_CASE("sync npm: an event the Node server never acks closes with 1008 at its deadline",
          "[interop][sync]") {
  NodeSyncServer server;
  ClientSide side("deadline");
  connect(side, server, "500");
  side.send(R"({"door":"stuck"})");
  // The negotiated 500 ms pass: the event fails and the client closes with the schema's code.
  const auto acks = side.acks.wait_for(1);
  REQUIRE(acks.size() == 1);
  CHECK_THAT(acks[0], Catch::Contains("disconnected"));
  const auto closes = side.closes.wait_for(1);
  REQUIRE(closes.size() == 1);
  CHECK(closes[0].code == 1008);
  CHECK_FALSE(closes[0].by_peer);
  const auto lines = server.lines();
  REQUIRE(lines.size() == 4);
  CHECK(lines[2] == R"(got event {"door":"stuck"})");
  CHECK_THAT(lines[3], Catch::StartsWith("CLOSE 1008 ") && Catch::Contains("not acknowledged"));
}

TEST_CASE("sync npm: the Node server's 4000 reaches the client stub", "[interop][sync]") {
  NodeSyncServer server;
  ClientSide side("token");
  connect(side, server, "5000");
  const auto closes = side.closes.wait_for(1);
  REQUIRE(closes.size() == 1);
  CHECK(closes[0].code == 4000);
  CHECK(closes[0].reason == "token no longer valid");
  CHECK(closes[0].by_peer);
  CHECK(server.lines().back() == "CLOSE 4000 token no longer valid");
}

TEST_CASE("sync npm: the client stub closes a Node server that breaks the protocol",
          "[interop][sync]") {
  CHECK(close_code_for("binary") == 4001);
  CHECK(close_code_for("bad-json") == 4002);
  CHECK(close_code_for("missing-field") == 4003);
  CHECK(close_code_for("wrong-type") == 4004);
  CHECK(close_code_for("unknown-ack") == 4005);
}

TEST_CASE("sync npm: the client stub closes on a duplicate ack", "[interop][sync]") {
  NodeSyncServer server;
  ClientSide side("duplicate-ack");
  connect(side, server, "5000");
  side.send(R"({"door":"twice"})");
  CHECK(side.acks.wait_for(1) == std::vector<std::string>{""});
  const auto closes = side.closes.wait_for(1);
  REQUIRE(closes.size() == 1);
  CHECK(closes[0].code == 4005);
  CHECK(server.lines().back().rfind("CLOSE 4005 ", 0) == 0);
}

TEST_CASE("sync npm: a Node client against the server stub", "[interop][sync]") {
  EchoHandlers handlers;
  wirekit::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.authorize = [](std::string_view token) { return token == "interop-token"; };
  event_sync::stub::Server<> server(handlers, options);
  server.start();

  ChildProcess node(
      {WIREKIT_NODE, kSyncDir + "/peer_client.js", std::to_string(server.port()), "interop-token"});
  std::vector<std::string> lines;
  for (std::string l = node.out_line(); !l.empty(); l = node.out_line()) lines.push_back(l);
  CHECK(node.wait() == 0);
  CHECK(lines == std::vector<std::string>{
                     "no-token refused 401",
                     "flow ok",
                     "deadline CLOSE 1008",
                     "handshake-unacked CLOSE 1008",
                     "early-event CLOSE 1008",
                     "binary CLOSE 4001",
                     "bad-json CLOSE 4002",
                     "missing-field CLOSE 4003",
                     "wrong-type CLOSE 4004",
                     "unknown-ack CLOSE 4005",
                     "duplicate-ack CLOSE 4005",
                     "fatal CLOSE 4005",
                 });
  // Typed on this side: the events the handler got, and how each connection ended.
  CHECK(handlers.events.wait_for(3) == std::vector<std::string>{
                                           R"({"door":"open"} null)",
                                           R"({"echo":"hi"} null)",
                                           R"({"echo":"never acked"} null)",
                                       });
  CHECK(handlers.closes.wait_for(11) ==
        std::vector<int>{1000, 1008, 1008, 1008, 4001, 4002, 4003, 4004, 4005, 4005, 4005});
}
