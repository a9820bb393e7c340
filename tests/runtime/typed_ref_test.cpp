// TypedRef: what the runtime hands between a generated codec, the stubs and user code (a
// decoded message, a connection's user data) is read by type, never cast blindly.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <wirekit/client.hpp>
#include <wirekit/server.hpp>
#include <wirekit/typed_ref.hpp>

#include "test_specs.hpp"
#include "test_support.hpp"

using namespace wirekit;
using namespace wirekit::test;

TEST_CASE("a TypedRef gives its value back only as the type it was made from",
          "[runtime][typed_ref]") {
  int number = 7;
  std::string text = "seven";
  const TypedRef to_number(number);
  const TypedRef to_text(text);

  REQUIRE(to_number.get<int>() == &number);
  CHECK(*to_number.get<int>() == 7);
  CHECK(to_number.get<long>() == nullptr);
  CHECK(to_number.get<std::string>() == nullptr);
  REQUIRE(to_text.get<std::string>() == &text);
  CHECK(to_text.get<int>() == nullptr);

  SECTION("read as const, whatever it was made from") {
    CHECK(to_number.get<const int>() == &number);
  }
  SECTION("a value referred to as const is never handed out mutable") {
    const int fixed = 3;
    const TypedRef to_fixed(fixed);
    CHECK(to_fixed.get<const int>() == &fixed);
    CHECK(to_fixed.get<int>() == nullptr);
  }
  SECTION("a copy refers to the same value, not to the reference it was copied from") {
    TypedRef source(number);
    TypedRef copy(source);  // a non-const lvalue: must not pick the referring constructor
    CHECK(copy.get<int>() == &number);
    CHECK(copy.get<TypedRef>() == nullptr);
    TypedRef assigned;
    assigned = source;
    CHECK(assigned.get<int>() == &number);
  }
  SECTION("an empty reference is false and gives nothing") {
    const TypedRef empty;
    CHECK_FALSE(empty);
    CHECK(empty.get<int>() == nullptr);
    CHECK(to_number);
  }
}

namespace {
struct Visits {
  std::string name;
  int messages = 0;
};
}  // namespace

TEST_CASE("a connection's user data reaches each message by its type and lives with it",
          "[runtime][typed_ref]") {
  Inbox<std::string> seen;
  std::weak_ptr<Visits> kept;
  Server server(plain_spec());
  server.on_open([&](ConnectionId id) {
    auto visits = std::make_shared<Visits>();
    visits->name = "visitor";
    kept = visits;
    server.set_user_data(id, visits);
  });
  server.on_message([&](ConnectionId, const Incoming& in) {
    // Asked as another type, it is not there; as its own, it is the connection's.
    const bool other_type = in.user_data.get<std::string>() != nullptr;
    Visits* visits = in.user_data.get<Visits>();
    if (!visits || other_type) return seen.push("wrong");
    seen.push(visits->name + " #" + std::to_string(++visits->messages));
  });
  server.start();

  Client client(plain_spec());
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  client.send(R"({"a":1})");
  client.send(R"({"a":2})");
  REQUIRE(seen.wait_for(2));
  CHECK(seen.at(0) == "visitor #1");
  CHECK(seen.at(1) == "visitor #2");
  CHECK_FALSE(kept.expired());

  client.close();
  // Released with its connection.
  CHECK(wait_until([&] { return kept.expired(); }));
}
