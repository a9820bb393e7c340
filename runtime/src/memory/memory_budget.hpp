// Internal: the server-wide bound on memory held by messages: incoming messages while they
// are handled, and every outgoing message from the moment it is queued until the transport
// has written it (counted by CountedMessage, text_frame.hpp). One per endpoint, shared by all its
// connections and threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

#include "memory/free_memory.hpp"

namespace wirekit::detail {

/// The count itself: shared, since an outgoing message may outlive its endpoint (a
/// connection that a pending handler still holds). Once it has held kTrimHigh or more, its
/// falling under kTrimLow gives what the messages took back to the system
/// (return_free_memory()), once per such swing: after a burst of broadcasts to many
/// connections, the freed queues would otherwise stay resident.
class HeldCount {
 public:
  static constexpr std::size_t kTrimHigh = 8u << 20;
  static constexpr std::size_t kTrimLow = 1u << 20;

  explicit HeldCount(bool trim) noexcept : trim_(trim) {}
  std::size_t load() const noexcept { return bytes_.load(std::memory_order_relaxed); }
  void add(std::size_t n) noexcept { note(bytes_.fetch_add(n, std::memory_order_relaxed) + n); }
  /// Adds `n` unless that passes `limit`.
  bool try_add(std::size_t n, std::size_t limit) noexcept {
    std::size_t now = load();
    do {
      if (now + n > limit) return false;
    } while (!bytes_.compare_exchange_weak(now, now + n, std::memory_order_relaxed));
    note(now + n);
    return true;
  }
  /// Call after the memory counted is freed.
  void sub(std::size_t n) noexcept {
    const std::size_t now = bytes_.fetch_sub(n, std::memory_order_relaxed) - n;
    if (now < kTrimLow && high_.load(std::memory_order_relaxed) && high_.exchange(false))
      return_free_memory();
  }

 private:
  void note(std::size_t now) noexcept {
    if (trim_ && now >= kTrimHigh && !high_.load(std::memory_order_relaxed)) high_.store(true);
  }

  const bool trim_;
  std::atomic<std::size_t> bytes_{0};
  std::atomic<bool> high_{false};
};
using HeldBytes = std::shared_ptr<HeldCount>;

class MemoryBudget {
 public:
  /// `limit` 0: unbounded (nothing is counted). `trim`: see HeldCount.
  MemoryBudget(std::size_t limit, bool trim)
      : limit_(limit), held_(std::make_shared<HeldCount>(trim)) {}

  bool enabled() const noexcept { return limit_ != 0; }
  std::size_t limit() const noexcept { return limit_; }
  std::size_t held() const noexcept { return held_->load(); }
  /// At or past the limit: new connections and new incoming messages are refused.
  bool full() const noexcept { return enabled() && held() >= limit_; }
  /// What outgoing messages add to (null when unbounded).
  const HeldBytes& outgoing() const noexcept { return enabled() ? held_ : none_; }

  /// Counts an incoming message of `bytes`; false (nothing counted) when it would pass the
  /// limit.
  bool try_hold(std::size_t bytes) noexcept { return !enabled() || held_->try_add(bytes, limit_); }
  void release(std::size_t bytes) noexcept {
    if (enabled()) held_->sub(bytes);
  }

 private:
  const std::size_t limit_;
  HeldBytes held_;
  HeldBytes none_;
};

}  // namespace wirekit::detail
