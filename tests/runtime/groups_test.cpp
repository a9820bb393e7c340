// The membership store behind named groups (wirekit/groups.hpp): joins and leaves, the join
// order members() keeps, what a closed connection and an ended stream leave, the custom store
// ServerOptions takes, and joins the Server refuses.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "test_specs.hpp"
#include "wirekit/groups.hpp"
#include "wirekit/server.hpp"

using wirekit::GroupMember;
using wirekit::LocalGroupStore;

namespace {

using Members = std::vector<GroupMember>;
using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("group store: join, leave and the join order", "[groups]") {
  LocalGroupStore store;
  CHECK(store.join("lobby", {7, 0}));
  CHECK(store.join("lobby", {3, 0}));
  CHECK(store.join("lobby", {7, 2}));  // a stream of connection 7, beside its session
  CHECK_FALSE(store.join("lobby", {3, 0}));
  CHECK(store.members("lobby") == Members{{7, 0}, {3, 0}, {7, 2}});
  CHECK(store.join("attic", {3, 0}));
  CHECK(store.groups_of({3, 0}) == Names{"attic", "lobby"});
  CHECK(store.groups_of({7, 2}) == Names{"lobby"});
  CHECK(store.group_count() == 2);

  CHECK(store.leave("lobby", {3, 0}));
  CHECK_FALSE(store.leave("lobby", {3, 0}));
  CHECK_FALSE(store.leave("nowhere", {3, 0}));
  CHECK(store.members("lobby") == Members{{7, 0}, {7, 2}});
  CHECK(store.groups_of({3, 0}) == Names{"attic"});
  // Joining again puts it last.
  CHECK(store.join("lobby", {3, 0}));
  CHECK(store.members("lobby") == Members{{7, 0}, {7, 2}, {3, 0}});

  // A group with no members left is gone.
  CHECK(store.leave("attic", {3, 0}));
  CHECK(store.members("attic").empty());
  CHECK(store.group_count() == 1);
}

TEST_CASE("group store: an ended stream leaves every group, its session stays", "[groups]") {
  LocalGroupStore store;
  REQUIRE(store.join("a", {5, 1}));
  REQUIRE(store.join("b", {5, 1}));
  REQUIRE(store.join("a", {5, 0}));
  REQUIRE(store.join("a", {5, 2}));
  store.leave_all({5, 1});
  CHECK(store.groups_of({5, 1}).empty());
  CHECK(store.members("a") == Members{{5, 0}, {5, 2}});
  CHECK(store.members("b").empty());
  store.leave_all({5, 9});  // in no group: nothing happens
  CHECK(store.group_count() == 1);
}

TEST_CASE("group store: a closed connection leaves with all its streams, others stay", "[groups]") {
  LocalGroupStore store;
  REQUIRE(store.join("a", {4, 0}));
  REQUIRE(store.join("a", {5, 0}));
  REQUIRE(store.join("a", {5, 3}));
  REQUIRE(store.join("b", {5, 7}));
  REQUIRE(store.join("b", {6, 1}));
  store.leave_connection(5);
  CHECK(store.members("a") == Members{{4, 0}});
  CHECK(store.members("b") == Members{{6, 1}});
  CHECK(store.groups_of({5, 0}).empty());
  CHECK(store.groups_of({5, 3}).empty());
  CHECK(store.groups_of({6, 1}) == Names{"b"});
}

TEST_CASE("group store: concurrent joins and leaves keep it consistent", "[groups]") {
  LocalGroupStore store;
  std::vector<std::thread> threads;
  for (wirekit::ConnectionId c = 1; c <= 4; ++c)
    threads.emplace_back([&store, c] {
      for (int round = 0; round < 500; ++round) {
        store.join("shared", {c, 0});
        store.join("own" + std::to_string(c), {c, 1});
        if (round % 2 == 0) store.leave_connection(c);
      }
    });
  for (auto& t : threads) t.join();
  // The last round (499) is odd: every connection ends joined to both.
  CHECK(store.members("shared").size() == 4);
  for (wirekit::ConnectionId c = 1; c <= 4; ++c)
    CHECK(store.groups_of({c, 1}) == Names{"own" + std::to_string(c)});
}

TEST_CASE("server: joins need an open connection; ServerOptions::groups is the store used",
          "[groups]") {
  auto store = std::make_shared<LocalGroupStore>();
  wirekit::ServerOptions options;
  options.groups = store;
  wirekit::Server server(wirekit::test::plain_spec(), options);
  CHECK(&server.groups() == store.get());
  CHECK_FALSE(server.join("lobby", 1));     // no such connection
  CHECK_FALSE(server.join("lobby", 1, 2));  // no such stream
  CHECK(store->group_count() == 0);
  // What the store holds is what the server reports, a leave included.
  REQUIRE(store->join("lobby", {1, 0}));
  CHECK(server.groups().members("lobby") == Members{{1, 0}});
  CHECK(server.leave("lobby", 1));
  CHECK(store->members("lobby").empty());
}
