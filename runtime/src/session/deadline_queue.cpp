#include "session/deadline_queue.hpp"

namespace wirekit::detail {

DeadlineQueue::DeadlineQueue(asio::io_context& loop, Expired expired)
    : timer_(loop), expired_(std::move(expired)) {}

void DeadlineQueue::add(Clock::time_point at, std::uint64_t key, std::uint64_t id) {
  heap_.push(Entry{at, key, id});
  arm();
}

void DeadlineQueue::clear() {
  heap_ = {};
  armed_at_.reset();
  timer_.cancel();
}

void DeadlineQueue::arm() {
  if (heap_.empty()) return;
  const Clock::time_point next = heap_.top().at;
  if (armed_at_ && *armed_at_ <= next) return;  // an earlier wake-up is armed
  armed_at_ = next;
  timer_.expires_at(next);
  std::weak_ptr<char> alive = alive_;
  timer_.async_wait([this, alive](std::error_code ec) {
    if (ec || !alive.lock()) return;
    armed_at_.reset();
    fire();
  });
}

void DeadlineQueue::fire() {
  const auto now = Clock::now();
  while (!heap_.empty() && heap_.top().at <= now) {
    const Entry e = heap_.top();
    heap_.pop();
    expired_(e.key, e.id);
  }
  arm();
}

}  // namespace wirekit::detail
