#include "store.hpp"

#include <algorithm>
#include <utility>

namespace kv_app {

namespace {

kv::Changed changed(const std::string& key, const std::string& value, std::int64_t version) {
  kv::Changed out;
  out.key = key;
  out.value = value;
  out.version = version;
  return out;
}

}  // namespace

void Store::on_put(Session& session, const kv::Put& request, kv::stub::PutReply reply) {
  if (request.key.empty()) {
    kv::Rejected rejected;
    rejected.key = request.key;
    rejected.reason = "the key is empty";
    return reply(rejected);
  }
  kv::Stored stored;
  stored.key = request.key;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = entries_[request.key];
    entry.value = request.value;
    stored.version = ++entry.version;
    // Streams the client cancelled or whose connection closed no longer take items.
    auto& streams = watches_[request.key];
    const auto update = changed(request.key, request.value, stored.version);
    streams.erase(std::remove_if(streams.begin(), streams.end(),
                                 [&](const kv::stub::WatchStream& s) { return !s.push(update); }),
                  streams.end());
  }
  reply(stored);
  kv::Notice notice;
  notice.text = request.key + " is now version " + std::to_string(stored.version);
  server().broadcast(notice, session.id());
}

void Store::on_watch(Session&, const kv::Watch& request, kv::stub::WatchStream stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = entries_.find(request.key);
  if (found != entries_.end())
    stream.push(changed(request.key, found->second.value, found->second.version));
  watches_[request.key].push_back(std::move(stream));
}

void Store::on_stream_cancelled(Session& session, wirekit::StreamId stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [key, streams] : watches_)
    streams.erase(std::remove_if(streams.begin(), streams.end(),
                                 [&](const kv::stub::WatchStream& s) {
                                   return s.id() == stream && s.connection() == session.id();
                                 }),
                  streams.end());
}

std::size_t Store::watchers(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = watches_.find(key);
  if (found == watches_.end()) return 0;
  return static_cast<std::size_t>(std::count_if(found->second.begin(), found->second.end(),
                                                [](const auto& s) { return s.is_open(); }));
}

}  // namespace kv_app
