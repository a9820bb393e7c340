#include "session/stream_registry.hpp"

#include <algorithm>

namespace wirekit::detail {
namespace {
bool has(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}
bool any_of(const std::vector<std::string>& mine, const KeyList& keys) {
  bool found = false;
  keys.for_each([&](std::string_view k) { found = found || has(mine, k); });
  return found;
}
}  // namespace

void StreamRegistry::open(StreamId id, const StreamSpec& spec, std::vector<std::string> keys) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_.push_back(Entry{id, &spec, std::move(keys)});
}

bool StreamRegistry::holds(const StreamSpec& spec, const KeyList& keys) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::any_of(open_.begin(), open_.end(),
                     [&](const Entry& e) { return e.spec == &spec && any_of(e.keys, keys); });
}

bool StreamRegistry::match(MessageIndex message, std::uint32_t conditions, const KeyList& keys,
                           std::vector<Match>& out) {
  out.clear();
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = open_.begin(); it != open_.end();) {
    const StreamRole role = it->spec->role_of(message, conditions);
    if (role == StreamRole::none || !any_of(it->keys, keys)) {
      ++it;
      continue;
    }
    out.push_back(Match{it->id, role});
    if (role == StreamRole::item)
      ++it;
    else
      it = open_.erase(it);
  }
  return !out.empty();
}

std::vector<StreamId> StreamRegistry::cancel(MessageIndex cancel_message, const KeyList& keys) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StreamId> ended;
  for (auto it = open_.begin(); it != open_.end();) {
    if (it->spec->cancel != cancel_message) {
      ++it;
      continue;
    }
    auto& mine = it->keys;
    keys.for_each([&](std::string_view k) {
      mine.erase(std::remove(mine.begin(), mine.end(), k), mine.end());
    });
    if (mine.empty()) {
      ended.push_back(it->id);
      it = open_.erase(it);
    } else {
      ++it;
    }
  }
  return ended;
}

bool StreamRegistry::close(StreamId stream, std::vector<std::string>* released) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it =
      std::find_if(open_.begin(), open_.end(), [stream](const Entry& e) { return e.id == stream; });
  if (it == open_.end()) return false;
  Entry gone = std::move(*it);
  open_.erase(it);
  if (released) {
    released->clear();
    for (auto& k : gone.keys)
      if (std::none_of(open_.begin(), open_.end(),
                       [&](const Entry& e) { return e.spec == gone.spec && has(e.keys, k); }))
        released->push_back(std::move(k));
  }
  return true;
}

bool StreamRegistry::is_open(StreamId stream) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::any_of(open_.begin(), open_.end(),
                     [stream](const Entry& e) { return e.id == stream; });
}

namespace {
bool takes_keys(const std::vector<std::string>& mine, const std::vector<std::string>& item_keys) {
  if (item_keys.empty() || mine.empty()) return true;
  return std::any_of(item_keys.begin(), item_keys.end(),
                     [&mine](const std::string& k) { return has(mine, k); });
}
}  // namespace

bool StreamRegistry::takes(StreamId stream, const std::vector<std::string>& item_keys) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : open_)
    if (e.id == stream) return takes_keys(e.keys, item_keys);
  return false;
}

StreamRole StreamRegistry::role_of(StreamId stream, MessageIndex message, std::uint32_t conditions,
                                   const std::vector<std::string>& item_keys) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : open_)
    if (e.id == stream)
      return takes_keys(e.keys, item_keys) ? e.spec->role_of(message, conditions)
                                           : StreamRole::none;
  return StreamRole::none;
}

std::string StreamRegistry::generated_key(StreamId stream) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : open_)
    if (e.id == stream && e.spec->generated_key && !e.keys.empty()) return e.keys.front();
  return {};
}

std::vector<StreamId> StreamRegistry::close_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StreamId> ids;
  for (const auto& e : open_) ids.push_back(e.id);
  open_.clear();
  return ids;
}

}  // namespace wirekit::detail
