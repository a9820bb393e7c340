// Sequence correlation (concierge): the server counts each client's text payloads after
// IDENTIFY, SELF_SET_SEQ sets the counter, the client counts what it sends and matches
// replies by seq; undecodable payloads get a sequenced ERROR_PROTOCOL and the
// connection stays open.
#include <catch2/catch.hpp>

#include <wirekit/client.hpp>
#include <wirekit/sequence_counter.hpp>
#include <wirekit/server.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

namespace {

const std::string kIdentify =
    R"({"type":"IDENTIFY","name":"alice","version":"0.2.0","secret":null,"tags":[]})";

/// A small concierge: HELLO after IDENTIFY, then replies carrying the payload's seq.
struct MiniConcierge {
  Server server{sequence_spec()};
  Inbox<std::pair<std::string, std::int64_t>> seen;  // tag, seq (-1: none)
  MiniConcierge() {
    server.on_message([this](ConnectionId id, const Incoming& m) {
      seen.push({std::string(m.tag), m.seq.value_or(-1)});
      if (m.handshake) {
        server.send(
            id,
            R"({"type":"HELLO","uuid":"6f1c2a8e-0000-4000-8000-000000000001","version":"0.2.0"})");
        return;
      }
      const std::string seq = std::to_string(*m.seq);
      if (m.tag == "SELF_FETCH")
        server.send(id, R"({"seq":)" + seq +
                            R"(,"type":"SELF_FETCH_RESULT","client":{},"subscriptions":[]})");
      else if (m.tag == "SERVICE_CREATE")
        server.send(
            id,
            R"({"type":"SERVICE_CREATE_RESULT","successful":true,"service":{}})");  // broadcast:
                                                                                    // no seq
      else
        server.send(id, R"({"seq":)" + seq + R"(,"type":"OK"})");
    });
    server.start();
  }
};

}  // namespace

TEST_CASE("sequence counter: post-increment from start, handshake excluded, reset",
          "[runtime][sequence]") {
  SequenceCounter c(/*start=*/0, /*counts_handshake=*/false, /*handshake_first=*/true);
  CHECK_FALSE(c.count(false, std::nullopt));  // before IDENTIFY: not counted
  CHECK_FALSE(c.count(true, std::nullopt));   // IDENTIFY itself: not counted
  CHECK(c.count(false, std::nullopt) == 0);
  CHECK(c.count(false, std::nullopt) == 1);
  CHECK(c.count(false, std::int64_t{40}) == 40);  // SELF_SET_SEQ{seq: 40} is answered with 40
  CHECK(c.count(false, std::nullopt) == 41);
  CHECK(c.next() == 42);

  SequenceCounter all(/*start=*/1, /*counts_handshake=*/true, /*handshake_first=*/true);
  CHECK(all.count(true, std::nullopt) == 1);
  CHECK(all.count(false, std::nullopt) == 2);

  SequenceCounter no_handshake(/*start=*/5, /*counts_handshake=*/false, /*handshake_first=*/false);
  CHECK(no_handshake.count(false, std::nullopt) == 5);
}

TEST_CASE("sequence: the server exposes the seq of each payload after IDENTIFY",
          "[runtime][sequence]") {
  MiniConcierge mc;
  RawPeer raw;
  REQUIRE(raw.connect(mc.server.port(), "/ws", "ert-concierge"));
  raw.send_text(kIdentify);
  raw.send_text(R"({"type":"SELF_FETCH"})");
  raw.send_text(R"({"type":"SELF_FETCH"})");
  raw.send_text(R"({"type":"SELF_SET_SEQ","seq":100})");
  raw.send_text(R"({"type":"SELF_FETCH"})");
  REQUIRE(mc.seen.wait_for(5));
  CHECK(mc.seen.at(0) == std::make_pair(std::string("IDENTIFY"), std::int64_t{-1}));
  CHECK(mc.seen.at(1).second == 0);
  CHECK(mc.seen.at(2).second == 1);
  CHECK(mc.seen.at(3) == std::make_pair(std::string("SELF_SET_SEQ"), std::int64_t{100}));
  CHECK(mc.seen.at(4).second == 101);
  REQUIRE(raw.texts.wait_for(5));
  CHECK_THAT(raw.texts.at(0), Catch::StartsWith(R"({"type":"HELLO")"));
  CHECK(raw.texts.at(3) == R"({"seq":100,"type":"OK"})");
  CHECK_THAT(raw.texts.at(4), Catch::StartsWith(R"({"seq":101,"type":"SELF_FETCH_RESULT")"));
}

TEST_CASE("sequence: client requests match replies by the seq the client counted",
          "[runtime][sequence]") {
  Inbox<std::string> unmatched;
  Inbox<std::string> ids;
  MiniConcierge mc;
  Inbox<std::string> hello;
  Client client(sequence_spec());
  client.set_handshake([] { return kIdentify; });
  client.on_handshake([&](const Incoming& m) { hello.push(std::string(m.text)); });
  client.on_message([&](const Incoming& m) { unmatched.push(std::string(m.tag)); });
  REQUIRE(client.connect("127.0.0.1", mc.server.port()).ok());

  // The handshake completes with HELLO, which carries no seq: connect() waited for it.
  REQUIRE(hello.size() == 1);
  CHECK_THAT(hello.at(0), Catch::StartsWith(R"({"type":"HELLO")"));
  CHECK(client.next_seq() == 0);

  auto fetch = client.request_future([&](std::string_view id) {
    ids.push(std::string(id));
    return std::string(R"({"type":"SELF_FETCH"})");
  });
  client.send(R"({"type":"MESSAGE","target":{"type":"ALL"},"data":1})");  // seq 1, reply unmatched
  auto reset = client.request_future(
      [](std::string_view) { return std::string(R"({"type":"SELF_SET_SEQ","seq":7})"); });
  auto after = client.request_future([&](std::string_view id) {
    ids.push(std::string(id));
    return std::string(R"({"type":"SELF_FETCH"})");
  });
  REQUIRE(fetch.wait_for(2s) == std::future_status::ready);
  REQUIRE(reset.wait_for(2s) == std::future_status::ready);
  REQUIRE(after.wait_for(2s) == std::future_status::ready);
  const Reply f = fetch.get(), r = reset.get(), a = after.get();
  CHECK_THAT(f.text, Catch::StartsWith(R"({"seq":0,"type":"SELF_FETCH_RESULT")"));
  CHECK(r.text == R"({"seq":7,"type":"OK"})");
  CHECK_THAT(a.text, Catch::StartsWith(R"({"seq":8,"type":"SELF_FETCH_RESULT")"));
  CHECK(ids.at(0) == "0");
  CHECK(ids.at(1) == "8");
  REQUIRE(unmatched.wait_for(1));
  CHECK(unmatched.at(0) == "OK");  // the MESSAGE's OK (seq 1) matched no request
  CHECK(client.next_seq() == 9);
}

TEST_CASE("sequence: a broadcast without seq goes to on_message while a request waits",
          "[runtime][sequence]") {
  Inbox<std::string> unmatched;
  MiniConcierge mc;
  Client client(sequence_spec());
  client.on_message([&](const Incoming& m) { unmatched.push(std::string(m.tag)); });
  client.set_handshake([] { return kIdentify; });
  REQUIRE(client.connect("127.0.0.1", mc.server.port()).ok());
  RequestOptions quick;
  quick.timeout_ms = 100;
  auto create = client.request_future(
      [](std::string_view) { return std::string(R"({"type":"SERVICE_CREATE","service":"s"})"); },
      quick);
  REQUIRE(unmatched.wait_for(1));  // HELLO went to on_handshake
  CHECK(unmatched.at(0) == "SERVICE_CREATE_RESULT");
  CHECK(create.get().error == SessionErrc::timeout);
}

TEST_CASE("sequence: an undecodable payload after IDENTIFY gets a sequenced ERROR_PROTOCOL",
          "[runtime][sequence][undecodable]") {
  MiniConcierge mc;
  RawPeer raw;
  REQUIRE(raw.connect(mc.server.port(), "/ws", "ert-concierge"));
  raw.send_text(kIdentify);
  raw.send_text(R"({"type":"SELF_FETCH"})");
  raw.send_text("not json");
  raw.send_text(R"({"type":"NO_SUCH_THING"})");
  raw.send_text(R"({"type":"SELF_FETCH"})");
  REQUIRE(raw.texts.wait_for(5));
  CHECK_THAT(raw.texts.at(2),
             Catch::StartsWith(R"({"type":"ERROR_PROTOCOL","seq":1,"desc":"invalid JSON: )"));
  CHECK(raw.texts.at(3) ==
        R"({"type":"ERROR_PROTOCOL","seq":2,"desc":"type: unknown message \"NO_SUCH_THING\""})");
  CHECK_THAT(raw.texts.at(4), Catch::StartsWith(R"({"seq":3,"type":"SELF_FETCH_RESULT")"));
  CHECK(raw.closes.size() == 0);
}

TEST_CASE("sequence: server code builds its own undecodable reply",
          "[runtime][sequence][undecodable]") {
  Inbox<std::string> handled;
  Server server(sequence_spec());
  server.on_undecodable([](ConnectionId, const DecodeError& error,
                           std::optional<std::int64_t> seq) {
    return std::optional<std::string>(R"({"type":"ERROR_PROTOCOL","seq":)" +
                                      std::to_string(seq.value_or(-1)) + R"(,"desc":"custom: )" +
                                      error.to_string().substr(0, 7) + "\"}");
  });
  server.on_message([&](ConnectionId id, const Incoming& m) {
    handled.push(std::string(m.tag));
    if (m.tag == "SELF_FETCH")
      server.report_undecodable(id, "missing field", m.seq);  // e.g. a check of server code
  });
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws", "ert-concierge"));
  raw.send_text(kIdentify);
  raw.send_text("[1,2]");
  raw.send_text(R"({"type":"SELF_FETCH"})");
  REQUIRE(raw.texts.wait_for(2));
  CHECK(raw.texts.at(0) == R"({"type":"ERROR_PROTOCOL","seq":0,"desc":"custom: expecte"})");
  CHECK(raw.texts.at(1) == R"({"type":"ERROR_PROTOCOL","seq":1,"desc":"custom: missing"})");
}

TEST_CASE("undecodable without a reply tag closes with the spec's undecodable code",
          "[runtime][undecodable]") {
  ProtocolSpec spec = ack_spec();
  spec.session.handshake.first = kNoMessage;
  Server server(spec);
  server.start();
  RawPeer raw;
  REQUIRE(raw.connect(server.port(), "/ws/user"));
  raw.send_text("[\"not an object\"]");
  auto close = raw.wait_close();
  REQUIRE(close);
  CHECK(close->code == 4002);
  CHECK(close->reason == "expected a JSON object");
}

TEST_CASE("sequence: a second IDENTIFY gets the schema's ERROR_UNSUPPORTED, with its seq",
          "[runtime][sequence]") {
  MiniConcierge mc;
  RawPeer raw;
  REQUIRE(raw.connect(mc.server.port(), "/ws", "ert-concierge"));
  raw.send_text(kIdentify);
  raw.send_text(kIdentify);
  raw.send_text(R"({"type":"SELF_FETCH"})");
  REQUIRE(raw.texts.wait_for(3));
  CHECK_THAT(raw.texts.at(0), Catch::StartsWith(R"({"type":"HELLO")"));
  CHECK(raw.texts.at(1) == R"({"type":"ERROR_UNSUPPORTED","seq":0})");
  CHECK_THAT(raw.texts.at(2), Catch::StartsWith(R"({"seq":1,"type":"SELF_FETCH_RESULT")"));
  REQUIRE(mc.seen.wait_for(2));
  CHECK(mc.seen.size() == 2);  // the repeated IDENTIFY never reached server code
  CHECK(raw.closes.size() == 0);
}
