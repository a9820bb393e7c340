#include "wirekit/ack_tracker.hpp"

namespace wirekit {

void AckTracker::track(const std::string& id, std::optional<Clock::time_point> deadline) {
  auto [it, inserted] = pending_.emplace(id, deadline);
  if (!inserted) {
    if (it->second) by_deadline_.erase({*it->second, id});
    it->second = deadline;
  }
  if (deadline) by_deadline_.emplace(*deadline, id);
  if (recent_.erase(id)) {
    for (auto r = recent_order_.begin(); r != recent_order_.end(); ++r)
      if (*r == id) {
        recent_order_.erase(r);
        break;
      }
  }
}

AckTracker::Result AckTracker::acknowledge(std::string_view id) {
  std::string key(id);
  auto it = pending_.find(key);
  if (it == pending_.end()) return recent_.count(key) ? Result::duplicate : Result::unknown;
  if (it->second) by_deadline_.erase({*it->second, key});
  pending_.erase(it);
  if (remember_ > 0) {
    if (recent_order_.size() >= remember_) {
      recent_.erase(recent_order_.front());
      recent_order_.pop_front();
    }
    recent_order_.push_back(key);
    recent_.insert(std::move(key));
  }
  return Result::acked;
}

std::optional<AckTracker::Clock::time_point> AckTracker::next_deadline() const {
  if (by_deadline_.empty()) return std::nullopt;
  return by_deadline_.begin()->first;
}

std::optional<std::string> AckTracker::overdue(Clock::time_point now) const {
  if (by_deadline_.empty() || by_deadline_.begin()->first > now) return std::nullopt;
  return by_deadline_.begin()->second;
}

}  // namespace wirekit
