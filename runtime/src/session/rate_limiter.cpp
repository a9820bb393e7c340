#include "wirekit/rate_limiter.hpp"

namespace wirekit {

bool RateLimiter::allow(Clock::time_point now) {
  if (!enabled()) return true;
  const auto window = std::chrono::milliseconds(per_ms_);
  while (!recent_.empty() && now - recent_.front() >= window) recent_.pop_front();
  if (recent_.size() >= messages_) return false;
  recent_.push_back(now);
  return true;
}

}  // namespace wirekit
