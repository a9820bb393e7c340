// Decode memory: the parsers a thread decodes with do not stay at the size of the largest
// message they handled (issue 10: a 13 MiB IDENTIFY left hundreds of MB allocated).
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include <wirekit/client.hpp>
#include <wirekit/codegen/json_decode.hpp>
#include <wirekit/server.hpp>

#include "json/thread_parsers.hpp"
#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("a large message's parser memory is released once it has been handled",
          "[runtime][memory]") {
  constexpr std::size_t kLarge = 4u << 20;
  constexpr std::size_t kKept = 1u << 20;  // what the runtime keeps between messages
  const std::string large = R"({"pad":")" + std::string(kLarge, 'x') + "\"}";
  // The capacity the server thread's parsers have while each message is handled.
  Inbox<std::size_t> capacity;
  Server server(plain_spec());
  server.on_message(
      [&](ConnectionId, const Incoming&) { capacity.push(json::thread_parser_capacity()); });
  server.start();
  Client client(plain_spec());
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  client.send(large);
  client.send(R"({"small":1})");
  REQUIRE(capacity.wait_for(2));
  const std::vector<std::size_t> seen = capacity.items();
  CHECK(seen.at(0) >= large.size());  // sized for the large message while it is handled
  CHECK(seen.at(1) <= kKept);         // and no longer afterwards
}

TEST_CASE("release_thread_parsers frees only parsers sized beyond the bound", "[runtime][memory]") {
  const std::string small = R"({"a":[1,2,3]})";
  {
    json::Document doc;
    DecodeError err;
    REQUIRE(json::parse(small, doc, err));
  }
  const std::size_t before = json::thread_parser_capacity();
  CHECK(before >= small.size());
  json::release_thread_parsers(1u << 20);
  CHECK(json::thread_parser_capacity() == before);
  json::release_thread_parsers(0);
  CHECK(json::thread_parser_capacity() == std::string().capacity());  // the buffer's own
}
