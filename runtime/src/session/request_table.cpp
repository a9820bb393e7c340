#include "session/request_table.hpp"

namespace wirekit::detail {
namespace {
constexpr std::size_t kMaxSpareNodes = 64;
}  // namespace

std::optional<RequestTable::Pending> RequestTable::insert(std::uint64_t key, Pending p) {
  std::optional<Pending> superseded = take(key);
  if (!spare_.empty()) {
    Map::node_type node = std::move(spare_.back());
    spare_.pop_back();
    node.key() = key;
    node.mapped() = std::move(p);
    by_key_.insert(std::move(node));
  } else {
    by_key_.emplace(key, std::move(p));
  }
  return superseded;
}

std::optional<RequestTable::Pending> RequestTable::take(std::uint64_t key) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  Map::node_type node = by_key_.extract(it);
  Pending p = std::move(node.mapped());
  if (spare_.size() < kMaxSpareNodes) spare_.push_back(std::move(node));
  return p;
}

const RequestTable::Pending* RequestTable::find(std::uint64_t key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &it->second;
}

std::optional<RequestTable::Pending> RequestTable::take_id(std::uint64_t id) {
  for (auto& [key, p] : by_key_)
    if (p.id == id) return take(key);
  return std::nullopt;
}

std::vector<RequestTable::Pending> RequestTable::take_all() {
  std::vector<Pending> all;
  all.reserve(by_key_.size());
  for (auto& [key, p] : by_key_) all.push_back(std::move(p));
  by_key_.clear();
  return all;
}

}  // namespace wirekit::detail
