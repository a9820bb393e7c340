// The events one side has sent and not yet seen acknowledged (correlation kind ack).
// Acked events are forgotten; a bounded ring of recently acked ids tells a duplicate
// ack from an unknown one, so memory stays flat on long connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace wirekit {

class AckTracker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Result { acked, unknown, duplicate };

  explicit AckTracker(std::size_t remember_acked = 1024) : remember_(remember_acked) {}

  /// Tracks a sent event; `deadline` nullopt: no deadline.
  void track(const std::string& id, std::optional<Clock::time_point> deadline);
  Result acknowledge(std::string_view id);
  /// The earliest deadline of a pending event.
  std::optional<Clock::time_point> next_deadline() const;
  /// The id of a pending event whose deadline is at or before `now`.
  std::optional<std::string> overdue(Clock::time_point now) const;

  std::size_t pending() const noexcept { return pending_.size(); }
  std::size_t remembered() const noexcept { return recent_.size(); }

 private:
  std::size_t remember_;
  std::unordered_map<std::string, std::optional<Clock::time_point>> pending_;
  std::set<std::pair<Clock::time_point, std::string>> by_deadline_;
  std::deque<std::string> recent_order_;
  std::unordered_set<std::string> recent_;
};

}  // namespace wirekit
