// A sliding-window message rate limit: at most `messages` in any `per_ms` window.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>

namespace wirekit {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// `messages` == 0 disables the limit.
  RateLimiter(std::uint32_t messages, std::uint32_t per_ms)
      : messages_(messages), per_ms_(per_ms) {}

  bool enabled() const noexcept { return messages_ > 0; }
  /// Records one message at `now`; false when it exceeds the limit. Memory stays bounded by
  /// `messages` entries.
  bool allow(Clock::time_point now);

 private:
  std::uint32_t messages_;
  std::uint32_t per_ms_;
  std::deque<Clock::time_point> recent_;
};

}  // namespace wirekit
