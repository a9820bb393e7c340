// The concierge gateway example, end to end: identification rules and close codes, sequenced
// replies, services and MESSAGE routing, all over loopback with the generated SDK.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <string>

#include <wirekit/client.hpp>

#include "concierge/concierge_codec.hpp"
#include "concierge/concierge_protocol.hpp"
#include "gateway.hpp"

using namespace std::chrono_literals;

namespace {

// A client that identifies as `name` and records pushed messages and how it was closed.
class Peer {
 public:
  explicit Peer(std::string name, std::string version = "0.2.0")
      : client_(concierge::protocol_spec()) {
    client_.set_handshake([name, version] {
      concierge::Identify identify;
      identify.name = name;
      identify.version = version;
      return concierge::encode(identify);
    });
    const auto record = [this](const wirekit::Incoming& in) {
      std::lock_guard<std::mutex> lock(mutex_);
      pushed_.emplace_back(in.text);
      changed_.notify_all();
    };
    client_.on_handshake(record);  // HELLO
    client_.on_message(record);
    client_.on_close([this](const wirekit::CloseInfo& info) {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = info;
      changed_.notify_all();
    });
  }

  ~Peer() { client_.stop(); }  // before the members its handlers use are destroyed

  bool connect(std::uint16_t port) { return client_.connect("127.0.0.1", port).ok(); }
  /// A refused IDENTIFY: connect() fails with the server's close code.
  std::uint16_t refused_with(std::uint16_t port) {
    const auto result = client_.connect("127.0.0.1", port);
    REQUIRE(result.error == wirekit::SessionErrc::handshake_failed);
    REQUIRE(result.close.has_value());
    return result.close->code;
  }

  template <class Request>
  concierge::ToClient call(const Request& request) {
    const std::string text = concierge::encode(request);
    auto reply = client_.request_future([text](std::string_view) { return text; }).get();
    REQUIRE(reply.ok());
    auto decoded = concierge::decode_to_client(reply.text);
    REQUIRE(decoded.ok());
    return *decoded;
  }

  /// The next pushed message with this tag, waiting up to 2 s.
  std::string wait_pushed(std::string_view tag) {
    std::unique_lock<std::mutex> lock(mutex_);
    std::string found;
    changed_.wait_for(lock, 2s, [&] {
      for (auto it = pushed_.begin(); it != pushed_.end(); ++it) {
        auto m = concierge::decode_to_client(*it);
        if (m.ok() && concierge::tag_of(*m) == tag) {
          found = *it;
          pushed_.erase(it);
          return true;
        }
      }
      return false;
    });
    return found;
  }

  /// How the connection closed, waiting up to 2 s.
  std::optional<wirekit::CloseInfo> wait_closed() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, 2s, [&] { return closed_.has_value(); });
    return closed_;
  }

  wirekit::Client& client() { return client_; }

 private:
  wirekit::Client client_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> pushed_;
  std::optional<wirekit::CloseInfo> closed_;
};

example::Gateway::Options fast_options() {
  example::Gateway::Options o;
  o.server.handshake_within_ms = 200;
  return o;
}

}  // namespace

TEST_CASE("identified clients get HELLO and see each other join", "[e2e]") {
  example::Gateway gateway(fast_options());
  Peer alice("alice");
  REQUIRE(alice.connect(gateway.port()));
  const auto hello = concierge::decode<concierge::Hello>(alice.wait_pushed("HELLO"));
  REQUIRE(hello.ok());
  CHECK(hello->version == "0.2.0");
  CHECK_FALSE(hello->uuid.empty());
  Peer bob("bob");
  REQUIRE(bob.connect(gateway.port()));
  const auto joined =
      concierge::decode<concierge::ClientJoined>(alice.wait_pushed("CLIENT_JOINED"));
  REQUIRE(joined.ok());
  CHECK(joined->client.name == "bob");
}

TEST_CASE("replies carry the seq of the payload they answer", "[e2e]") {
  example::Gateway gateway(fast_options());
  Peer alice("alice");
  REQUIRE(alice.connect(gateway.port()));
  const auto first = alice.call(concierge::SelfFetch{});
  const auto& self = std::get<concierge::SelfFetchResult>(first);
  CHECK(self.seq == 0);
  CHECK(self.client.name == "alice");
  const auto second = alice.call(concierge::ServiceFetchAll{});
  CHECK(std::get<concierge::ServiceFetchAllResult>(second).seq == 1);
  concierge::SelfSetSeq set;
  set.seq = 40;
  const auto ok = alice.call(set);
  CHECK(std::get<concierge::Ok>(ok).seq == 40);
  const auto after = alice.call(concierge::ClientFetchAll{});
  CHECK(std::get<concierge::ClientFetchAllResult>(after).seq == 41);
}

TEST_CASE("an undecodable payload gets a sequenced ERROR_PROTOCOL and the session goes on",
          "[e2e]") {
  example::Gateway gateway(fast_options());
  Peer alice("alice");
  REQUIRE(alice.connect(gateway.port()));
  auto reply = alice.client()
                   .request_future([](std::string_view) { return R"({"type":"SERVICE_FETCH"})"; })
                   .get();
  REQUIRE(reply.ok());
  const auto error = concierge::decode<concierge::ErrorProtocol>(reply.text);
  REQUIRE(error.ok());
  CHECK(error->seq == 0);
  CHECK(error->desc == "service: required field is missing");
  CHECK(std::holds_alternative<concierge::SelfFetchResult>(alice.call(concierge::SelfFetch{})));
}

TEST_CASE("services: create, subscribe, route a MESSAGE, delete", "[e2e]") {
  example::Gateway gateway(fast_options());
  Peer owner("owner"), fan("fan"), stranger("stranger");
  REQUIRE(owner.connect(gateway.port()));
  REQUIRE(fan.connect(gateway.port()));
  REQUIRE(stranger.connect(gateway.port()));

  concierge::ServiceCreate create;
  create.service = "news";
  const auto created = std::get<concierge::ServiceCreateResult>(owner.call(create));
  CHECK(created.successful);
  CHECK(created.service.name == "news");
  CHECK(std::get<concierge::ServiceCreateResult>(owner.call(create)).successful == false);

  concierge::SelfSubscribe subscribe;
  subscribe.service = "news";
  const auto subscribed = std::get<concierge::SelfSubscribeResult>(fan.call(subscribe));
  CHECK(subscribed.successful);
  REQUIRE(subscribed.service.subscribers.size() == 1);

  concierge::Message post;
  post.target = concierge::TargetService{"news"};
  post.data = wirekit::Json(R"({"headline":"hi"})");
  CHECK(std::holds_alternative<concierge::Ok>(owner.call(post)));
  const auto delivered = concierge::decode<concierge::Message>(fan.wait_pushed("MESSAGE"));
  REQUIRE(delivered.ok());
  CHECK(delivered->data.text == R"({"headline":"hi"})");
  REQUIRE(delivered->origin.has_value());
  CHECK(delivered->origin->name == "owner");

  // A non-subscriber may not write to the service.
  CHECK(std::holds_alternative<concierge::Bad>(stranger.call(post)));
  // Only the owner may delete it.
  concierge::ServiceDelete del;
  del.service = "news";
  CHECK(std::holds_alternative<concierge::Bad>(fan.call(del)));
  CHECK(std::holds_alternative<concierge::ServiceDeleteResult>(owner.call(del)));
  concierge::ServiceFetch fetch;
  fetch.service = "news";
  const auto gone = std::get<concierge::InvalidService>(owner.call(fetch));
  CHECK(gone.service == "news");
}

TEST_CASE("identification failures close with the protocol's codes", "[e2e]") {
  example::Gateway gateway(fast_options());
  Peer first("taken");
  REQUIRE(first.connect(gateway.port()));
  REQUIRE_FALSE(first.wait_pushed("HELLO").empty());

  SECTION("a name in use closes with 4005") {
    Peer second("taken");
    CHECK(second.refused_with(gateway.port()) == concierge::close_code::kDuplicateAuth);
  }
  SECTION("an incompatible version closes with 4007") {
    Peer old("old", "0.1.9");
    CHECK(old.refused_with(gateway.port()) == concierge::close_code::kBadVersion);
  }
  SECTION("a name that is not alphanumeric closes with 4008") {
    Peer bad("no spaces!");
    CHECK(bad.refused_with(gateway.port()) == concierge::close_code::kBadAuth);
  }
  SECTION("no IDENTIFY within the deadline closes with 4004") {
    wirekit::Client silent(concierge::protocol_spec());  // sends no IDENTIFY
    const auto result = silent.connect("127.0.0.1", gateway.port());
    REQUIRE(result.error == wirekit::SessionErrc::handshake_failed);
    REQUIRE(result.close.has_value());
    CHECK(result.close->code == concierge::close_code::kAuthFailed);
  }
}
