#include "stream_registry.hpp"

#include <algorithm>

namespace wirekit::detail {
namespace {
bool lists(const std::vector<MessageIndex>& messages, MessageIndex m) {
  return std::find(messages.begin(), messages.end(), m) != messages.end();
}
}  // namespace

void StreamRegistry::open(StreamId id, const StreamSpec& spec, std::vector<std::string> keys) {
  std::lock_guard<std::mutex> lock(mutex_);
  open_.push_back(Entry{id, &spec, std::move(keys)});
}

StreamRegistry::Match StreamRegistry::match(MessageIndex message, const KeyList& keys) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = open_.begin(); it != open_.end(); ++it) {
    const StreamSpec& s = *it->spec;
    Role role;
    if (lists(s.items, message))
      role = Role::item;
    else if (lists(s.ends, message))
      role = Role::end;
    else if (lists(s.failures, message))
      role = Role::failure;
    else
      continue;
    bool mine = false;
    keys.for_each([&](std::string_view k) {
      mine = mine || std::find(it->keys.begin(), it->keys.end(), k) != it->keys.end();
    });
    if (!mine) continue;
    Match m{it->id, role};
    if (role != Role::item) open_.erase(it);
    return m;
  }
  return {};
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

bool StreamRegistry::close(StreamId stream) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it =
      std::find_if(open_.begin(), open_.end(), [stream](const Entry& e) { return e.id == stream; });
  if (it == open_.end()) return false;
  open_.erase(it);
  return true;
}

bool StreamRegistry::is_open(StreamId stream) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::any_of(open_.begin(), open_.end(),
                     [stream](const Entry& e) { return e.id == stream; });
}

bool StreamRegistry::takes(StreamId stream, const std::vector<std::string>& item_keys) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& e : open_) {
    if (e.id != stream) continue;
    if (item_keys.empty() || e.keys.empty()) return true;
    return std::any_of(item_keys.begin(), item_keys.end(), [&e](const std::string& k) {
      return std::find(e.keys.begin(), e.keys.end(), k) != e.keys.end();
    });
  }
  return false;
}

std::vector<StreamId> StreamRegistry::close_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StreamId> ids;
  for (const auto& e : open_) ids.push_back(e.id);
  open_.clear();
  return ids;
}

}  // namespace wirekit::detail
