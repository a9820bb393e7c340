// Helpers for the stub tests: a thread-safe inbox that handlers push to and the test thread
// waits on, and waiting for a future with a bound.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace wirekit::stub_test {

using namespace std::chrono_literals;

/// What handlers received, in order.
template <class T>
class Inbox {
 public:
  void push(T value) {
    std::lock_guard<std::mutex> lock(m_);
    items_.push_back(std::move(value));
    cv_.notify_all();
  }
  /// Waits until at least `n` items arrived (up to 3 s); returns a copy of all of them.
  std::vector<T> wait_for(std::size_t n, std::chrono::milliseconds timeout = 3000ms) {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait_for(lock, timeout, [&] { return items_.size() >= n; });
    return items_;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(m_);
    return items_.size();
  }

 private:
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::vector<T> items_;
};

/// Polls `condition` until it holds (true) or `timeout` passes (false).
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 3000ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

/// The future's value, or an exception when it is not ready within `timeout`.
template <class T>
T get(std::future<T>&& future, std::chrono::milliseconds timeout = 3000ms) {
  if (future.wait_for(timeout) != std::future_status::ready)
    throw std::runtime_error("no outcome within the timeout");
  return future.get();
}

}  // namespace wirekit::stub_test
