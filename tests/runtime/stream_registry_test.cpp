// The per-connection stream registry and StreamSpec::role_of, without a socket: several
// streams on one key all match an item, an end closes each of them, closing one stream releases
// only the keys no other stream of its kind holds, a cancel ends every stream it names, and a
// message's role follows its conditions and the keys a stream still takes.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "session/stream_registry.hpp"

using wirekit::KeyList;
using wirekit::StreamRole;
using wirekit::StreamSpec;
using wirekit::detail::StreamRegistry;

namespace {

// Request 0, item 1, end 2, failure 3 (when bit 1), cancel 4; message 1 is also a failure when
// bit 2 is set.
StreamSpec spec() {
  StreamSpec s;
  s.request = 0;
  s.items = {{1, 0u}};
  s.ends = {{2, 0u}};
  s.failures = {{3, 1u}, {1, 2u}};
  s.cancel = 4;
  return s;
}

std::vector<wirekit::StreamId> ids(const std::vector<StreamRegistry::Match>& matches) {
  std::vector<wirekit::StreamId> out;
  for (const auto& m : matches) out.push_back(m.stream);
  return out;
}

}  // namespace

TEST_CASE("stream spec: ends and failures by condition come before items", "[streams]") {
  const StreamSpec s = spec();
  CHECK(s.role_of(1, 0u) == StreamRole::item);
  CHECK(s.role_of(1, 2u) == StreamRole::failure);
  CHECK(s.role_of(2, 0u) == StreamRole::end);
  CHECK(s.role_of(3, 0u) == StreamRole::none);  // its condition does not hold
  CHECK(s.role_of(3, 1u) == StreamRole::failure);
  CHECK(s.role_of(4, 0u) == StreamRole::none);
}

TEST_CASE("stream registry: every stream on a key matches; an end closes each", "[streams]") {
  const StreamSpec s = spec();
  StreamRegistry r;
  r.open(1, s, {"a"});
  r.open(2, s, {"a", "b"});
  r.open(3, s, {"b"});
  std::vector<StreamRegistry::Match> matched;
  const std::string a = "a";
  REQUIRE(r.match(1, 0u, KeyList(a), matched));
  CHECK(ids(matched) == std::vector<wirekit::StreamId>{1, 2});
  CHECK(matched[0].role == StreamRole::item);
  REQUIRE(r.match(2, 0u, KeyList(a), matched));
  CHECK(ids(matched) == std::vector<wirekit::StreamId>{1, 2});
  CHECK(matched[1].role == StreamRole::end);
  CHECK_FALSE(r.is_open(1));
  CHECK_FALSE(r.is_open(2));
  CHECK(r.is_open(3));
  CHECK_FALSE(r.match(1, 0u, KeyList(a), matched));
  CHECK(matched.empty());
}

TEST_CASE("stream registry: closing one stream releases only the keys no other holds",
          "[streams]") {
  const StreamSpec s = spec();
  StreamSpec other = spec();  // another kind of stream on the same keys
  StreamRegistry r;
  r.open(1, s, {"a", "b", "c"});
  r.open(2, s, {"b"});
  r.open(3, other, {"c"});
  std::vector<std::string> released;
  REQUIRE(r.close(1, &released));
  CHECK(released == std::vector<std::string>{"a", "c"});
  CHECK(r.holds(s, KeyList(std::string("b"))));
  CHECK_FALSE(r.holds(s, KeyList(std::string("a"))));
  REQUIRE(r.close(2, &released));
  CHECK(released == std::vector<std::string>{"b"});
  CHECK_FALSE(r.close(2, &released));
}

TEST_CASE("stream registry: a cancel ends every stream it names", "[streams]") {
  const StreamSpec s = spec();
  StreamRegistry r;
  r.open(1, s, {"a"});
  r.open(2, s, {"a"});
  r.open(3, s, {"a", "b"});
  const std::vector<std::string> keys = {"a"};
  CHECK(r.cancel(4, KeyList(keys)) == std::vector<wirekit::StreamId>{1, 2});
  CHECK(r.takes(3, {"b"}));
  CHECK_FALSE(r.takes(3, {"a"}));
  // What a server pushes on stream 3: by its keys and its conditions.
  CHECK(r.role_of(3, 1, 0u, {"b"}) == StreamRole::item);
  CHECK(r.role_of(3, 1, 2u, {"b"}) == StreamRole::failure);
  CHECK(r.role_of(3, 1, 0u, {"a"}) == StreamRole::none);  // "a" was cancelled
  CHECK(r.role_of(1, 1, 0u, {"a"}) == StreamRole::none);  // stream 1 is closed
}
