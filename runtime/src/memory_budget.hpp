// Internal: the server-wide bound on memory held by messages: incoming messages while they
// are handled, and every outgoing message from the moment it is queued until the transport
// has written it (counted by CountingMessages). One per endpoint, shared by all its
// connections and threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

namespace wirekit::detail {

/// The count itself: shared, since an outgoing message may outlive its endpoint (a
/// connection that a pending handler still holds).
using HeldBytes = std::shared_ptr<std::atomic<std::size_t>>;

class MemoryBudget {
 public:
  /// `limit` 0: unbounded (nothing is counted).
  explicit MemoryBudget(std::size_t limit)
      : limit_(limit), held_(std::make_shared<std::atomic<std::size_t>>(0)) {}

  bool enabled() const noexcept { return limit_ != 0; }
  std::size_t limit() const noexcept { return limit_; }
  std::size_t held() const noexcept { return held_->load(std::memory_order_relaxed); }
  /// At or past the limit: new connections and new incoming messages are refused.
  bool full() const noexcept { return enabled() && held() >= limit_; }
  /// What outgoing messages add to (null when unbounded).
  const HeldBytes& outgoing() const noexcept { return enabled() ? held_ : none_; }

  /// Counts an incoming message of `bytes`; false (nothing counted) when it would pass the
  /// limit.
  bool try_hold(std::size_t bytes) noexcept {
    if (!enabled()) return true;
    std::size_t now = held_->load(std::memory_order_relaxed);
    do {
      if (now + bytes > limit_) return false;
    } while (!held_->compare_exchange_weak(now, now + bytes, std::memory_order_relaxed));
    return true;
  }
  void release(std::size_t bytes) noexcept {
    if (enabled()) held_->fetch_sub(bytes, std::memory_order_relaxed);
  }

 private:
  const std::size_t limit_;
  HeldBytes held_;
  HeldBytes none_;
};

}  // namespace wirekit::detail
