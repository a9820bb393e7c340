// The example clients as their users run them, each against its example server started with
// --port 0: the exit status and the lines each prints for the steps of its protocol's flow. Each
// flow runs twice: over ws://, and over wss:// with the server's --tls-cert/--tls-key and the
// client's --ca naming a certificate made for the test.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "example_programs.hpp"
#include "example_transport.hpp"

namespace {

using wirekit::test::binary;
using wirekit::test::ChildProcess;
using wirekit::test::port_of;
using wirekit::test::Transport;
using wirekit::test::with;

/// The text's lines; what matches `volatile_part` (ids that differ per run) reads "ID".
std::vector<std::string> lines_of(const std::string& text, const std::string& volatile_part = {}) {
  const std::string masked =
      volatile_part.empty() ? text : std::regex_replace(text, std::regex(volatile_part), "ID");
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = masked.find('\n', start)) != std::string::npos; start = end + 1)
    out.push_back(masked.substr(start, end - start));
  if (start < masked.size()) out.push_back(masked.substr(start));
  return out;
}

const char* const kUuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

}  // namespace

TEST_CASE("example clients: --help shows the shared options, bad options are usage errors",
          "[examples][clients]") {
  for (const char* client :
       {"concierge-chat", "flet-client", "rise-client", "sync-client", "tetra-client"}) {
    INFO(client);
    ChildProcess help({binary(client), "--help"});
    const std::string text = help.rest_of_out();
    CHECK(help.wait() == 0);
    CHECK_THAT(text, Catch::Contains("--host HOST") && Catch::Contains("--port PORT") &&
                         Catch::Contains("--path PATH") && Catch::Contains("--help") &&
                         Catch::Contains("  --tls  ") && Catch::Contains("--ca FILE"));
    ChildProcess unknown({binary(client), "--colour", "blue"});
    CHECK(unknown.wait() == 2);
    ChildProcess bad_port({binary(client), "--port", "0"});
    CHECK(bad_port.wait() == 2);
  }
  ChildProcess help({binary("concierge-chat"), "--help"});
  CHECK_THAT(help.rest_of_out(), Catch::Contains("default 64209") && Catch::Contains("--service"));
  ChildProcess nameless({binary("concierge-chat"), "--service", "room"});
  CHECK(nameless.wait() == 2);
  CHECK_THAT(nameless.err_line(), Catch::Contains("--name is required"));
  ChildProcess wire({binary("rise-client"), "--wire", "1.0"});
  CHECK(wire.wait() == 2);
}

TEST_CASE("concierge-chat: lines typed to a service's owner reach its subscriber",
          "[examples][clients]") {
  const Transport net(GENERATE(false, true));
  INFO(net.scheme());
  ChildProcess server(with({binary("concierge-server"), "--port", "0"}, net.server_args()));
  const std::uint16_t port = port_of(server.out_line(), "/ws", net.scheme());
  const std::string p = std::to_string(port);
  ChildProcess alice(
      with({binary("concierge-chat"), "--port", p, "--name", "alice", "--service", "room"},
           net.client_args()));
  CHECK(alice.out_line() == "* connected to " + net.url(port, "/ws") + " as alice");
  CHECK(alice.out_line() == "* created service room");
  ChildProcess bob(
      with({binary("concierge-chat"), "--port", p, "--name", "bob", "--service", "room"},
           net.client_args()));
  CHECK(bob.out_line() == "* connected to " + net.url(port, "/ws") + " as bob");
  CHECK(bob.out_line() == "* subscribed to service room");
  CHECK(alice.out_line() == "* bob joined");

  // A line that looks like JSON travels as a string all the same.
  CHECK(alice.write_in("hello bob\n{\"not\": \"parsed\"}\n"));
  alice.close_in();
  CHECK(alice.wait() == 0);
  CHECK(bob.out_line() == "alice: hello bob");
  CHECK(bob.out_line() == "alice: {\"not\": \"parsed\"}");
  // The owner's end deletes its service, then says it left.
  CHECK(bob.out_line() == "* service room deleted");
  CHECK(bob.out_line() == "* alice left");
  bob.close_in();
  CHECK(bob.wait() == 0);
  CHECK(server.terminate() == 0);
}

TEST_CASE("concierge-chat: --to sends to one client, the end of stdin closes with 1000",
          "[examples][clients]") {
  ChildProcess server({binary("concierge-server"), "--port", "0"});
  const std::string p = std::to_string(port_of(server.out_line(), "/ws"));
  ChildProcess bob({binary("concierge-chat"), "--port", p, "--name", "bob"});
  CHECK(bob.out_line().rfind("* connected to ", 0) == 0);
  ChildProcess alice({binary("concierge-chat"), "--port", p, "--name", "alice", "--to", "bob"});
  CHECK(alice.out_line().rfind("* connected to ", 0) == 0);
  CHECK(bob.out_line() == "* alice joined");
  CHECK(alice.write_in("psst\n"));
  alice.close_in();
  CHECK(alice.wait() == 0);
  CHECK(bob.out_line() == "alice: psst");
  CHECK(bob.out_line() == "* alice left");
  bob.close_in();
  CHECK(bob.wait() == 0);
  // The server's log: two opened, then alice's and bob's close, both 1000 "bye".
  std::vector<std::string> log;
  for (int i = 0; i < 4; ++i) log.push_back(server.err_line());
  CHECK_THAT(log[2], Catch::Matches("connection [0-9]+ closed: 1000 bye"));
  CHECK_THAT(log[3], Catch::Matches("connection [0-9]+ closed: 1000 bye"));
  CHECK(server.terminate() == 0);
}

TEST_CASE("concierge-chat: a refused IDENTIFY exits 1 with the close code and reason",
          "[examples][clients]") {
  ChildProcess server({binary("concierge-server"), "--port", "0", "--secret", "s3"});
  const std::string p = std::to_string(port_of(server.out_line(), "/ws"));
  ChildProcess chat({binary("concierge-chat"), "--port", p, "--name", "eve", "--secret", "nope"});
  CHECK(chat.wait() == 1);
  CHECK_THAT(chat.err_line(),
             Catch::StartsWith("concierge-chat: cannot connect to ws://127.0.0.1:" + p +
                               "/ws: handshake_failed: the server closed the connection: 4006 "));
  CHECK(server.terminate() == 0);
}

TEST_CASE("flet-client: host registers, a session starts, page commands and a batch",
          "[examples][clients]") {
  const Transport net(GENERATE(false, true));
  INFO(net.scheme());
  ChildProcess server(with({binary("flet-server"), "--port", "0"}, net.server_args()));
  const std::uint16_t port = port_of(server.out_line(), "/ws", net.scheme());
  ChildProcess client(
      with({binary("flet-client"), "--port", std::to_string(port)}, net.client_args()));
  const std::string out = client.rest_of_out();
  CHECK(client.wait() == 0);
  CHECK(lines_of(out, "host[0-9]+") ==
        std::vector<std::string>{
            "connected to " + net.url(port, "/ws"),
            "-> registerHostClient page counter",
            "<- registerHostClient hostClientId ID page counter",
            "-> registerWebClient page counter (a second connection, as a browser)",
            "<- registerWebClient session s1",
            "<- sessionCreated counter session s1",
            "<- pageEventToHost page connect",
            "-> pageCommandFromHost add text button",
            "<- pageCommandResponse result \"_1 _2\"",
            "-> pageCommandFromHost set _1 value=42",
            "<- pageCommandResponse result \"\"",
            "-> pageCommandFromHost get _1 value",
            "<- pageCommandResponse result \"42\"",
            "-> pageCommandsBatchFromHost [add icon; get _1 value]",
            "<- pageCommandsBatchResponse results [_3 42]",
            "done",
        });
  CHECK(server.terminate() == 0);
}

namespace {
// What rise-client prints against a fresh rise-server, in either wire form.
std::vector<std::string> rise_flow(const Transport& net, std::uint16_t port) {
  return {
      "connected to " + net.url(port, "/"),
      "-> sub counter list",
      "<- up counter = 0",
      "<- up list = []",
      "-> evt increment",
      "<- evt-res 1",
      "<- up counter = 1",
      "-> evt append \"milk\"",
      "<- evt-res [\"milk\"]",
      "<- up list = [\"milk\"]",
      "-> evt fail",
      "<- evt-res error {}",
      "-> unsub counter list",
      "-> evt increment",
      "<- evt-res 2",
      "   (no up: unsubscribed)",
      "done",
  };
}
}  // namespace

TEST_CASE("rise-client: sub, up now and on change, an event answered with error, unsub",
          "[examples][clients]") {
  const Transport net(GENERATE(false, true));
  INFO(net.scheme());
  for (const char* wire : {"0.14", "document"}) {
    INFO(wire);
    ChildProcess server(
        with({binary("rise-server"), "--port", "0", "--wire", wire}, net.server_args()));
    const std::uint16_t port = port_of(server.out_line(), "/", net.scheme());
    ChildProcess client(
        with({binary("rise-client"), "--port", std::to_string(port), "--wire", wire},
             net.client_args()));
    const std::string out = client.rest_of_out();
    CHECK(client.wait() == 0);
    CHECK(lines_of(out) == rise_flow(net, port));
    CHECK(server.terminate() == 0);
  }
}

TEST_CASE("sync-client: handshake, events acked, stored states recovered, the token is checked",
          "[examples][clients]") {
  const Transport net(GENERATE(false, true));
  INFO(net.scheme());
  ChildProcess server(
      with({binary("sync-server"), "--port", "0", "--token", "t0k", "--ack-ms", "3000"},
           net.server_args()));
  const std::uint16_t port = port_of(server.out_line(), "/ws/user", net.scheme());
  const std::string p = std::to_string(port);
  const std::vector<std::string> sent = {
      "connected to " + net.url(port, "/ws/user"),
      "<- handshake event {\"ack_timeout_ms\":3000}",
      "-> event {\"door\":\"open\"} id ID",
      "<- ack ID",
      "-> event {\"door\":\"closed\"} id ID",
      "<- ack ID",
      "-> event {\"recover\":1} id ID",
      "<- ack ID",
  };
  std::vector<std::string> first = sent;
  for (const char* state : {"open", "closed"})
    first.push_back("<- event {\"door\":\"" + std::string(state) + "\"} (recovered)");
  first.push_back("done");
  {
    ChildProcess client(
        with({binary("sync-client"), "--port", p, "--token", "t0k"}, net.client_args()));
    const std::string out = client.rest_of_out();
    CHECK(client.wait() == 0);
    CHECK(lines_of(out, kUuid) == first);
  }
  {
    // The server keeps the states: a second run recovers the first run's too.
    ChildProcess client(
        with({binary("sync-client"), "--port", p, "--token", "t0k"}, net.client_args()));
    const std::string out = client.rest_of_out();
    CHECK(client.wait() == 0);
    const auto lines = lines_of(out, kUuid);
    REQUIRE(lines.size() == first.size() + 2);
    CHECK(std::vector<std::string>(lines.end() - 5, lines.end()) ==
          std::vector<std::string>{"<- event {\"door\":\"open\"} (recovered)",
                                   "<- event {\"door\":\"closed\"} (recovered)",
                                   "<- event {\"door\":\"open\"} (recovered)",
                                   "<- event {\"door\":\"closed\"} (recovered)", "done"});
  }
  ChildProcess anonymous(with({binary("sync-client"), "--port", p}, net.client_args()));
  CHECK(anonymous.wait() == 1);
  CHECK(anonymous.err_line() ==
        "sync-client: cannot connect to " + net.url(port, "/ws/user") +
            ": connect_failed: the server refused the upgrade with HTTP 401");
  CHECK(server.terminate() == 0);
}

TEST_CASE("tetra-client: subscribe, call update and its pushes, a refused call, unsubscribe",
          "[examples][clients]") {
  const Transport net(GENERATE(false, true));
  INFO(net.scheme());
  ChildProcess server(with({binary("tetra-server"), "--port", "0"}, net.server_args()));
  const std::uint16_t port = port_of(server.out_line(), "/ws/tetra/", net.scheme());
  ChildProcess client(
      with({binary("tetra-client"), "--port", std::to_string(port)}, net.client_args()));
  const std::string out = client.rest_of_out();
  CHECK(client.wait() == 0);
  CHECK(lines_of(out) == std::vector<std::string>{
                             "connected to " + net.url(port, "/ws/tetra/"),
                             "-> subscribe counter",
                             "<- subscription.response counter subscribed",
                             "-> call counter.update(41)",
                             "<- call.response 41",
                             "<- component.update_data counter 41",
                             "<- notify counter updated 41",
                             "-> call counter.explode(41)",
                             "<- call error unknown_method: only update(data) is served",
                             "-> unsubscribe counter",
                             "done",
                         });
  CHECK(server.terminate() == 0);
}

TEST_CASE(
    "tetra-client --wire upstream: ping and pong, a refused subscription, a push, unsubscribe",
    "[examples][clients]") {
  const Transport net(GENERATE(false, true));
  INFO(net.scheme());
  ChildProcess server(
      with({binary("tetra-server"), "--port", "0", "--wire", "upstream", "--tick", "100"},
           net.server_args()));
  const std::uint16_t port = port_of(server.out_line(), "/ws/tetra/", net.scheme());
  ChildProcess client(with({binary("tetra-client"), "--port", std::to_string(port), "--wire",
                            "upstream", "--group", "room"},
                           net.client_args()));
  const std::string out = client.rest_of_out();
  CHECK(client.wait() == 0);
  auto lines = lines_of(out);
  REQUIRE(lines.size() == 11);
  // The push counts the server's ticks since it started: its number varies.
  CHECK_THAT(lines[7], Catch::StartsWith("<- component.data_changed room {\"tick\":"));
  lines[7] = "<- component.data_changed room";
  CHECK(lines == std::vector<std::string>{
                     "connected to " + net.url(port, "/ws/tetra/"),
                     "-> ping",
                     "<- pong",
                     "-> subscribe room",
                     "<- subscription.response room subscribed",
                     "-> subscribe broadcast",
                     "<- subscription.response broadcast error: Manual subscription to "
                     "'broadcast' group is not allowed.",
                     "<- component.data_changed room",
                     "-> unsubscribe room",
                     "<- subscription.response room unsubscribed",
                     "done",
                 });
  CHECK(server.terminate() == 0);
}

TEST_CASE("example clients: no server listening is a clear failure, status 1",
          "[examples][clients]") {
  // A port that was just free: a server took it with --port 0 and has stopped.
  ChildProcess server({binary("tetra-server"), "--port", "0"});
  const std::string p = std::to_string(port_of(server.out_line(), "/ws/tetra/"));
  CHECK(server.terminate() == 0);
  ChildProcess client({binary("tetra-client"), "--port", p});
  CHECK(client.wait() == 1);
  CHECK_THAT(
      client.err_line(),
      Catch::StartsWith("tetra-client: cannot connect to ws://127.0.0.1:" + p + "/ws/tetra/: "));
}
