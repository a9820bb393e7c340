// The server stub's named groups and its listing of handshaken sessions, over loopback with a
// test schema (room.yaml, generated at build time): a handshake the client opens (Hello,
// answered Welcome), a plain server message (Notice) and a stream with a generated key (Watch).
// A group send reaches exactly the members (sessions by a plain send, streams by a push with
// their own key stamped in), is encoded once for sessions, and members leave by themselves when
// their connection closes or their stream ends or is cancelled.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "room/room_client.hpp"
#include "room/room_server.hpp"
#include "stub_support.hpp"

using wirekit::stub_test::eventually;
using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;
using namespace std::chrono_literals;

namespace room_test {

// A Notice whose encodings are counted: make_outgoing() finds its encode() by argument-dependent
// lookup (and the protocol's Hooks::header_of() takes it as the Notice it converts to), so a
// group send shows how often it encoded the message.
std::atomic<int> notice_encodes{0};

struct CountedNotice {
  room::Notice notice;
  operator room::Notice() const { return notice; }  // NOLINT: implicit, a ToClient alternative
};
std::string encode(const CountedNotice& m) {
  ++notice_encodes;
  return room::encode(m.notice);
}

}  // namespace room_test

namespace {

using Server = room::stub::Server<>;

class Room : public room::stub::Handlers<> {
 public:
  wirekit::Accept<room::Welcome> on_hello(Session& session, const room::Hello& hello) override {
    if (hello.name == "refused")
      return wirekit::Accept<room::Welcome>::refuse(room::close_code::kRefused, "not today");
    {
      std::lock_guard<std::mutex> lock(m_);
      ids_[hello.name] = session.id();
    }
    room::Welcome welcome;
    welcome.name = hello.name;
    return welcome;
  }
  void on_watch(Session&, const room::Watch& watch, room::stub::WatchStream stream) override {
    std::lock_guard<std::mutex> lock(m_);
    server().join("topic:" + watch.topic, stream);
    streams_.push_back(stream);
    watches.push(watch.topic);
  }
  void on_close(Session& session, const wirekit::CloseInfo&) override {
    // The groups are still there while on_close runs; they are left after it.
    closed.push(std::to_string(session.id()) + (session.handshaken() ? " handshaken" : " not") +
                " in " + std::to_string(server().groups_of(session).size()));
  }

  wirekit::ConnectionId id(const std::string& name) {
    std::lock_guard<std::mutex> lock(m_);
    return ids_.at(name);
  }
  room::stub::WatchStream stream(std::size_t i) {
    std::lock_guard<std::mutex> lock(m_);
    return streams_.at(i);
  }

  Inbox<std::string> watches;
  Inbox<std::string> closed;

 private:
  std::mutex m_;
  std::map<std::string, wirekit::ConnectionId> ids_;
  std::vector<room::stub::WatchStream> streams_;
};

room::Hello hello(const std::string& name) {
  room::Hello h;
  h.name = name;
  return h;
}

room::Notice notice(const std::string& text) {
  room::Notice n;
  n.text = text;
  return n;
}

room::Item item(const std::string& text) {
  room::Item i;  // no id: each stream's own key is stamped in
  i.text = text;
  return i;
}

// One client and what it received.
struct Peer {
  Inbox<std::string> notices;
  std::unique_ptr<room::stub::Client> client = std::make_unique<room::stub::Client>();

  Peer(std::uint16_t port, const std::string& name) {
    client->on_notice([this](const room::Notice& n) { notices.push(n.text); });
    REQUIRE(client->connect("127.0.0.1", port, hello(name)).ok());
  }
};

// What one watch saw: "key text" per item, then how it ended.
struct Seen {
  Inbox<std::string> items;
  Inbox<std::string> ends;

  wirekit::StreamHandle watch(room::stub::Client& client, const std::string& topic) {
    room::Watch w;
    w.topic = topic;
    return client.watch(
        w, [this](const room::Item& i) { items.push(i.id + " " + i.text); },
        [this](const room::stub::WatchEnd& end) {
          if (auto* done = end.get<room::Done>()) return ends.push("done " + done->id);
          ends.push(end.error.to_string());
        });
  }
};

struct Fixture {
  Room room;
  Server server{room};
  Fixture() { server.start(); }
};

std::vector<wirekit::GroupMember> sessions(std::vector<wirekit::ConnectionId> ids) {
  std::vector<wirekit::GroupMember> out;
  for (auto id : ids) out.push_back(wirekit::GroupMember{id, 0});
  return out;
}

}  // namespace

TEST_CASE("groups: a send reaches exactly the group's sessions, encoded once, but except",
          "[stubs][groups]") {
  Fixture f;
  Peer alice(f.server.port(), "alice"), bob(f.server.port(), "bob"),
      carol(f.server.port(), "carol");
  const auto a = f.room.id("alice"), b = f.room.id("bob"), c = f.room.id("carol");

  CHECK(f.server.join("lobby", a));
  CHECK(f.server.join("lobby", b));
  CHECK_FALSE(f.server.join("lobby", b));  // already in it
  CHECK(f.server.join("quiet", b));
  CHECK(f.server.members("lobby") == sessions({a, b}));  // in the order they joined
  CHECK(f.server.groups_of(b) == std::vector<std::string>{"lobby", "quiet"});
  CHECK(f.server.groups_of(c).empty());
  CHECK(f.server.members("nobody").empty());

  room_test::notice_encodes = 0;
  CHECK(f.server.send_to_group("lobby", room_test::CountedNotice{notice("hello lobby")}) == 2);
  CHECK(room_test::notice_encodes == 1);
  CHECK(f.server.send_to_group("lobby", notice("not to alice"), a) == 1);
  f.server.send(c, notice("carol's own"));
  f.server.send(a, notice("alice's own"));

  CHECK(alice.notices.wait_for(2) == std::vector<std::string>{"hello lobby", "alice's own"});
  CHECK(bob.notices.wait_for(2) == std::vector<std::string>{"hello lobby", "not to alice"});
  // Carol is in no group: her first message is the one sent to her alone.
  CHECK(carol.notices.wait_for(1) == std::vector<std::string>{"carol's own"});

  CHECK(f.server.leave("lobby", a));
  CHECK_FALSE(f.server.leave("lobby", a));
  CHECK(f.server.members("lobby") == sessions({b}));
  CHECK(f.server.send_to_group("lobby", notice("bob only")) == 1);
  CHECK(bob.notices.wait_for(3).back() == "bob only");
}

TEST_CASE("groups: a closed session leaves its groups after on_close", "[stubs][groups]") {
  Fixture f;
  Peer alice(f.server.port(), "alice"), bob(f.server.port(), "bob");
  const auto a = f.room.id("alice"), b = f.room.id("bob");
  REQUIRE(f.server.join("lobby", a));
  REQUIRE(f.server.join("lobby", b));
  REQUIRE(f.server.join("attic", a));

  alice.client->stop();
  // on_close still saw both of alice's groups; then she left them.
  CHECK(f.room.closed.wait_for(1) ==
        std::vector<std::string>{std::to_string(a) + " handshaken in 2"});
  CHECK(eventually([&] { return f.server.groups_of(a).empty(); }));  // once on_close returned
  CHECK(f.server.members("lobby") == sessions({b}));
  CHECK(f.server.members("attic").empty());
  CHECK_FALSE(f.server.join("lobby", a));  // a closed session joins nothing
  CHECK(f.server.send_to_group("lobby", notice("after alice")) == 1);
  CHECK(bob.notices.wait_for(1) == std::vector<std::string>{"after alice"});
}

TEST_CASE("groups: streams get group sends as pushes with their own key, and leave when they end",
          "[stubs][groups][streams]") {
  Seen first, second, bobs;  // before the clients: their shutdown ends the streams
  Fixture f;
  Peer alice(f.server.port(), "alice"), bob(f.server.port(), "bob");
  const auto a = f.room.id("alice"), b = f.room.id("bob");
  auto first_handle = first.watch(*alice.client, "news");
  second.watch(*alice.client, "news");
  REQUIRE(f.room.watches.wait_for(2).size() == 2);
  bobs.watch(*bob.client, "news");
  REQUIRE(f.room.watches.wait_for(3).size() == 3);
  REQUIRE(f.server.join("topic:news", b));  // bob's session too: a plain send

  const auto s0 = f.room.stream(0), s1 = f.room.stream(1), s2 = f.room.stream(2);
  CHECK(f.server.members("topic:news") ==
        std::vector<wirekit::GroupMember>{{a, s0.id()}, {a, s1.id()}, {b, s2.id()}, {b, 0}});
  CHECK(f.server.groups_of(s1) == std::vector<std::string>{"topic:news"});

  // A stream does not take a Notice: only bob's session gets it.
  CHECK(f.server.send_to_group("topic:news", notice("to sessions")) == 1);
  CHECK(bob.notices.wait_for(1) == std::vector<std::string>{"to sessions"});
  REQUIRE(f.server.leave("topic:news", b));  // the session; bob's stream stays
  CHECK(f.server.groups_of(s2) == std::vector<std::string>{"topic:news"});
  // An item goes to the streams, each with the key its client generated for it, but bob's.
  CHECK(f.server.send_to_group("topic:news", item("one"), b) == 2);
  CHECK(first.items.wait_for(1) == std::vector<std::string>{"1 one"});
  CHECK(second.items.wait_for(1) == std::vector<std::string>{"2 one"});
  CHECK(f.server.send_to_group("topic:news", item("bob's"), a) == 1);
  CHECK(bobs.items.wait_for(1) == std::vector<std::string>{"1 bob's"});

  // Cancelled by the client: it leaves once the cancel's handlers ran.
  first_handle.cancel();
  CHECK(first.ends.wait_for(1) == std::vector<std::string>{"cancelled: stream cancelled"});
  CHECK(eventually([&] { return f.server.members("topic:news").size() == 2; }));
  CHECK(f.server.groups_of(s0).empty());

  // Ended by the server: it leaves at once.
  CHECK(s2.end(room::Done{}));
  CHECK(f.server.members("topic:news") == std::vector<wirekit::GroupMember>{{a, s1.id()}});
  CHECK(bobs.ends.wait_for(1) == std::vector<std::string>{"done 1"});
  CHECK_FALSE(f.server.join("topic:news", s2));  // an ended stream joins nothing

  // An end sent to the group ends the streams it reaches, which leave.
  CHECK(f.server.send_to_group("topic:news", item("two")) == 1);
  CHECK(second.items.wait_for(2) == std::vector<std::string>{"2 one", "2 two"});
  CHECK(f.server.send_to_group("topic:news", room::Done{}) == 1);
  CHECK(second.ends.wait_for(1) == std::vector<std::string>{"done 2"});
  CHECK(f.server.members("topic:news").empty());
  CHECK(first.items.size() == 1);
  CHECK(bobs.items.size() == 1);
}

TEST_CASE("groups: a stream still open when its connection closes leaves its groups",
          "[stubs][groups][streams]") {
  Seen seen;
  Fixture f;
  Peer alice(f.server.port(), "alice");
  seen.watch(*alice.client, "news");
  REQUIRE(f.room.watches.wait_for(1).size() == 1);
  REQUIRE(f.server.members("topic:news").size() == 1);
  alice.client->stop();
  CHECK(eventually([&] { return f.server.members("topic:news").empty(); }));
  CHECK(f.server.send_to_group("topic:news", item("late")) == 0);
}

TEST_CASE("listing: a session still in its handshake is not listed nor broadcast to",
          "[stubs][groups][handshake]") {
  Fixture f;
  Peer alice(f.server.port(), "alice");
  const auto a = f.room.id("alice");

  // A raw client that opens the connection and holds its Hello back.
  Inbox<std::string> late_seen;
  wirekit::Client late(room::protocol_spec());
  late.on_message([&](const wirekit::Incoming& in) {
    if (in.message == room::detail::message_index::kNotice) late_seen.push("notice");
  });
  late.on_handshake([&](const wirekit::Incoming&) { late_seen.push("welcome"); });
  auto connected = late.connect_future("127.0.0.1", f.server.port());
  REQUIRE(eventually([&] { return f.server.all_connections().size() == 2; }));
  CHECK(f.server.connections() == std::vector<wirekit::ConnectionId>{a});
  const auto all = f.server.all_connections(a);
  REQUIRE(all.size() == 1);
  const wirekit::ConnectionId pending = all.front();
  CHECK(pending != a);
  CHECK(f.server.state_of(pending) != nullptr);  // its state exists, handshaken or not

  f.server.broadcast(notice("before"));
  CHECK(alice.notices.wait_for(1) == std::vector<std::string>{"before"});

  REQUIRE(late.send(wirekit::make_outgoing<room::detail::Hooks>(hello("late"))));
  REQUIRE(get(std::move(connected)).ok());
  CHECK(eventually([&] { return f.server.connections().size() == 2; }));
  f.server.broadcast(notice("after"), a);
  // Its first message is the Welcome, then only what was broadcast after it was listed.
  CHECK(late_seen.wait_for(2) == std::vector<std::string>{"welcome", "notice"});
  late.stop();
  CHECK(f.room.closed.wait_for(1) ==
        std::vector<std::string>{std::to_string(pending) + " handshaken in 0"});
}

TEST_CASE("listing: a refused handshake is never listed", "[stubs][groups][handshake]") {
  Fixture f;
  room::stub::Client refused;
  const auto result = refused.connect("127.0.0.1", f.server.port(), hello("refused"));
  CHECK(result.result.error == wirekit::SessionErrc::handshake_failed);
  REQUIRE(result.result.close.has_value());
  CHECK(result.result.close->code == 4000);
  CHECK(result.result.close->reason == "not today");
  const auto closed = f.room.closed.wait_for(1);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].find(" not in 0") != std::string::npos);
  CHECK(f.server.connections().empty());
}
