// Streams as graphql-transport-ws uses them (gql.yaml, generated at build time): the runtime
// chooses each operation's id and the server's stream writer stamps it into every item and
// end; `complete` is both the server's end and the client's cancel (`from: both`); `error`
// fails the operation with its typed payload; a one-result operation answers a future; a
// duplicate id is refused on the client, and closes the connection with 4409 at the server.
#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

#include "gql/gql_client.hpp"
#include "gql/gql_server.hpp"
#include "stub_support.hpp"

using wirekit::stub_test::get;
using wirekit::stub_test::Inbox;

namespace {

class Operations : public gql::stub::Handlers<> {
 public:
  void on_subscribe(Session&, const gql::Subscribe& request,
                    gql::stub::SubscribeStream stream) override {
    std::lock_guard<std::mutex> lock(m_);
    streams_.push_back(stream);
    ids.push(request.id);
  }
  void on_fetch(Session&, const gql::Fetch& request, gql::stub::FetchStream stream) override {
    // The generated key `id` comes last and is never named: the writer stamps the request's.
    stream.push(gql::Next{wirekit::Json(request.payload.text)});
    stream.end(gql::Complete{});
  }
  void on_stream_cancelled(Session&, wirekit::StreamId id) override { cancelled.push(id); }

  gql::stub::SubscribeStream stream(std::size_t i) {
    std::lock_guard<std::mutex> lock(m_);
    return streams_.at(i);
  }

  Inbox<std::string> ids;  // the id of each subscribe, as the server read it
  Inbox<wirekit::StreamId> cancelled;

 private:
  std::mutex m_;
  std::vector<gql::stub::SubscribeStream> streams_;
};

gql::Next next(const std::string& payload) { return gql::Next{wirekit::Json(payload)}; }

// What one operation saw: its items (id and payload), then how it ended.
struct Seen {
  Inbox<std::string> items;
  Inbox<std::string> ends;

  wirekit::StreamHandle subscribe(gql::stub::Client& client, std::string id = {}) {
    gql::Subscribe s;
    s.id = std::move(id);
    s.payload = wirekit::Json("{}");
    return client.subscribe(
        s, [this](const gql::Next& n) { items.push(n.id + " " + n.payload.text); },
        [this](const gql::stub::SubscribeEnd& end) {
          if (auto* done = end.get<gql::Complete>()) return ends.push("complete " + done->id);
          if (auto* error = end.get<gql::GqlError>())
            return ends.push("error " + error->id + " " + error->payload.text);
          ends.push(end.error.to_string());
        });
  }
};

struct Fixture {
  Operations operations;
  gql::stub::Server<> server{operations};
  gql::stub::Client client;
  Fixture() {
    server.start();
    REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  }
};

}  // namespace

TEST_CASE("gql stubs: the runtime fills in each operation's id, the writer stamps it",
          "[stubs][streams]") {
  Seen first, second;  // before the client: its shutdown ends their streams
  Fixture f;
  first.subscribe(f.client);
  second.subscribe(f.client);
  const auto ids = f.operations.ids.wait_for(2);
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == "1");
  CHECK(ids[1] == "2");
  CHECK(f.operations.stream(1).push(next("{\"n\":2}")));  // its id left empty
  CHECK(second.items.wait_for(1) == std::vector<std::string>{"2 {\"n\":2}"});
  CHECK(f.operations.stream(1).key() == "2");
  CHECK(first.items.size() == 0);
}

TEST_CASE("gql stubs: complete ends an operation from either side", "[stubs][streams]") {
  Seen first, second;  // before the client: its shutdown ends their streams
  Fixture f;
  auto handle = first.subscribe(f.client);
  second.subscribe(f.client);
  REQUIRE(f.operations.ids.wait_for(2).size() == 2);
  handle.cancel();  // the client's complete for id 1
  CHECK(first.ends.wait_for(1) == std::vector<std::string>{"cancelled: stream cancelled"});
  CHECK(f.operations.cancelled.wait_for(1).size() == 1);
  CHECK_FALSE(f.operations.stream(0).is_open());
  CHECK(f.operations.stream(1).end(gql::Complete{}));  // the server's complete for id 2
  CHECK(second.ends.wait_for(1) == std::vector<std::string>{"complete 2"});
}

TEST_CASE("gql stubs: error fails the operation with its typed payload", "[stubs][streams]") {
  Seen seen;  // before the client: its shutdown may still report to it
  Fixture f;
  seen.subscribe(f.client);
  REQUIRE(f.operations.ids.wait_for(1).size() == 1);
  gql::GqlError error;
  error.payload = wirekit::Json("[{\"message\":\"no such field\"}]");
  CHECK(f.operations.stream(0).end(error));
  CHECK(seen.ends.wait_for(1) ==
        std::vector<std::string>{"error 1 [{\"message\":\"no such field\"}]"});
}

TEST_CASE("gql stubs: a one-result operation answers a future", "[stubs][streams]") {
  Fixture f;
  gql::Fetch fetch;
  fetch.payload = wirekit::Json("{\"q\":42}");
  auto result = get(f.client.fetch(fetch));
  REQUIRE(result.ok() != nullptr);
  CHECK(result.ok()->payload.text == "{\"q\":42}");
  CHECK(result.ok()->id == "1");
  REQUIRE(result.end.get<gql::Complete>() != nullptr);
  CHECK(result.end.get<gql::Complete>()->id == "1");
}

TEST_CASE("gql stubs: the client refuses an id still open", "[stubs][streams]") {
  Seen first, second;  // before the client: its shutdown ends their streams
  Fixture f;
  first.subscribe(f.client, "op");
  second.subscribe(f.client, "op");
  CHECK(second.ends.wait_for(1) ==
        std::vector<std::string>{"duplicate_stream_key: a stream with this key is still open"});
  CHECK(f.operations.ids.wait_for(1) == std::vector<std::string>{"op"});
  CHECK(first.ends.size() == 0);
}

TEST_CASE("gql stubs: the server closes with 4409 on an id still open", "[stubs][streams]") {
  Inbox<int> closes;  // outlives the client, whose handlers write here
  Fixture f;
  f.client.on_close([&](const wirekit::CloseInfo& c) { closes.push(c.code); });
  const std::string subscribe = R"({"type":"subscribe","id":"x","payload":{}})";
  REQUIRE(f.client.runtime().send(subscribe));
  REQUIRE(f.client.runtime().send(subscribe));
  CHECK(closes.wait_for(1) == std::vector<int>{4409});
  CHECK(f.operations.ids.wait_for(1) == std::vector<std::string>{"x"});
}
