#include "wirekit/groups.hpp"

namespace wirekit {

bool LocalGroupStore::join(const std::string& group, const GroupMember& member) {
  std::lock_guard<std::mutex> lock(mutex_);
  Group& g = groups_[group];
  if (!g.index.emplace(member, g.next).second) return false;
  g.order.emplace(g.next++, member);
  of_member_[member].insert(group);
  return true;
}

bool LocalGroupStore::erase(const std::string& group, const GroupMember& member) {
  auto g = groups_.find(group);
  if (g == groups_.end()) return false;
  auto at = g->second.index.find(member);
  if (at == g->second.index.end()) return false;
  g->second.order.erase(at->second);
  g->second.index.erase(at);
  if (g->second.index.empty()) groups_.erase(g);
  return true;
}

bool LocalGroupStore::leave(const std::string& group, const GroupMember& member) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!erase(group, member)) return false;
  auto of = of_member_.find(member);
  of->second.erase(group);
  if (of->second.empty()) of_member_.erase(of);
  return true;
}

void LocalGroupStore::leave_all(const GroupMember& member) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto of = of_member_.find(member);
  if (of == of_member_.end()) return;
  for (const auto& group : of->second) erase(group, member);
  of_member_.erase(of);
}

void LocalGroupStore::leave_connection(ConnectionId connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  // The connection's session and streams sort together: from {connection, 0} on.
  auto of = of_member_.lower_bound(GroupMember{connection, 0});
  while (of != of_member_.end() && of->first.connection == connection) {
    for (const auto& group : of->second) erase(group, of->first);
    of = of_member_.erase(of);
  }
}

std::vector<GroupMember> LocalGroupStore::members(const std::string& group) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<GroupMember> out;
  auto g = groups_.find(group);
  if (g == groups_.end()) return out;
  out.reserve(g->second.order.size());
  for (const auto& [order, member] : g->second.order) out.push_back(member);
  return out;
}

std::vector<std::string> LocalGroupStore::groups_of(const GroupMember& member) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto of = of_member_.find(member);
  if (of == of_member_.end()) return {};
  return std::vector<std::string>(of->second.begin(), of->second.end());
}

std::size_t LocalGroupStore::group_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return groups_.size();
}

}  // namespace wirekit
