// What the feed stub tests share: a server that keeps every stream it is given, and a client
// side that records what each stream saw (its items, then how it ended, from the typed end).
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "feed/feed_client.hpp"
#include "feed/feed_server.hpp"
#include "stub_support.hpp"

namespace feed_test {

using wirekit::stub_test::Inbox;

class Topics : public feed::stub::Handlers<> {
 public:
  void on_watch(Session& session, const feed::Watch&, feed::stub::WatchStream stream) override {
    std::lock_guard<std::mutex> lock(m_);
    streams_.push_back(stream);
    sessions_.push_back(session.id());
    opened.push(static_cast<int>(streams_.size()));
  }
  void on_stream_cancelled(Session&, wirekit::StreamId id) override { cancelled.push(id); }

  feed::stub::WatchStream stream(std::size_t i) {
    std::lock_guard<std::mutex> lock(m_);
    return streams_.at(i);
  }

  Inbox<int> opened;
  Inbox<wirekit::StreamId> cancelled;

 private:
  std::mutex m_;
  std::vector<feed::stub::WatchStream> streams_;
  std::vector<wirekit::ConnectionId> sessions_;
};

inline feed::Item item(const std::string& topic, std::int64_t value) {
  feed::Item i;
  i.topic = topic;
  i.value = value;
  return i;
}

// What a client stream saw: its items, then how it ended.
struct Seen {
  Inbox<std::string> items;
  Inbox<std::string> ends;

  wirekit::StreamHandle watch(feed::stub::Client& client, std::vector<std::string> topics) {
    feed::Watch w;
    w.topics = std::move(topics);
    return client.watch(
        w, [this](const feed::Item& i) { items.push(i.topic + "=" + std::to_string(i.value)); },
        [this](const feed::stub::WatchEnd& end) {
          std::string what;
          if (end.reason == wirekit::StreamEnd::Reason::session)
            what = std::string("session ") + wirekit::to_string(end.error.code);
          if (auto* done = end.get<feed::Done>()) what = "ended by done " + done->topic;
          if (auto* failed = end.get<feed::Failed>())
            what = "failed " + failed->topic + ": " + failed->reason;
          if (end.ended()) what += " (ended)";
          ends.push(what);
        });
  }
};

struct Fixture {
  Topics topics;
  feed::stub::Server<> server{topics};
  feed::stub::Client client;
  Fixture() {
    server.start();
    REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  }
};

}  // namespace feed_test
