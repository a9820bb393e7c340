#include "store.hpp"

#include <string>

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
    // Every open watch of the key: a cancelled one, or one whose connection closed, has left.
    server().send_to_group(request.key, changed(request.key, request.value, stored.version));
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
  server().join(request.key, stream);
}

std::size_t Store::watchers(const std::string& key) { return server().members(key).size(); }

}  // namespace kv_app
