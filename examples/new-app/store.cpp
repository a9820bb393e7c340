#include "store.hpp"

#include <string>

namespace kv_app {

void Store::on_put(Session& session, const kv::Put& request, kv::stub::PutReply reply) {
  if (request.key.empty()) return reply(kv::Rejected{request.key, "the key is empty"});
  std::int64_t version = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = entries_[request.key];
    entry.value = request.value;
    version = ++entry.version;
    // Every open watch of the key: a cancelled one, or one whose connection closed, has left.
    server().send_to_group(request.key, kv::Changed{request.key, request.value, version});
  }
  reply(kv::Stored{request.key, version});
  server().broadcast(kv::Notice{request.key + " is now version " + std::to_string(version)},
                     session.id());
}

void Store::on_watch(Session&, const kv::Watch& request, kv::stub::WatchStream stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = entries_.find(request.key);
  if (found != entries_.end())
    stream.push(kv::Changed{request.key, found->second.value, found->second.version});
  server().join(request.key, stream);
}

std::size_t Store::watchers(const std::string& key) { return server().members(key).size(); }

}  // namespace kv_app
