// The kv server's handlers: a map of keys to values, the streams watching each key (the
// members of the server's group named by the key), and a notice to every other client when a
// value is stored.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "kv/kv_server.hpp"

namespace kv_app {

class Store : public kv::stub::Handlers<> {
 public:
  void on_put(Session& session, const kv::Put& request, kv::stub::PutReply reply) override;
  void on_watch(Session& session, const kv::Watch& request, kv::stub::WatchStream stream) override;

  /// The number of open watches of `key`.
  std::size_t watchers(const std::string& key);

 private:
  struct Entry {
    std::string value;
    std::int64_t version = 0;
  };
  std::mutex mutex_;  // a watch sees each version once: joins and sends happen under it
  std::map<std::string, Entry> entries_;
};

}  // namespace kv_app
