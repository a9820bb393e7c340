// Internal: runs tasks on an executor in the order their calls happened, whichever thread
// made them.
#pragma once

#include <asio/dispatch.hpp>
#include <asio/post.hpp>

#include <atomic>
#include <cstdint>
#include <utility>

namespace wirekit::detail {

/// Like asio::dispatch (a call that may run on the executor now, such as one made from a
/// handler, runs at once, so what a handler writes keeps its order relative to what the runtime
/// writes after it), except while tasks queued from other threads are still waiting: those
/// calls happened first, so it queues behind them. Without that, a send made from another
/// thread and then, strictly later, one made from a handler would reach the wire in the
/// opposite order.
class OrderedPost {
 public:
  /// Whether a call made now (`here`: on the executor) would run at once.
  bool runs_now(bool here) const noexcept { return here && waiting_.load() == 0; }

  /// Runs `task` on `executor` in call order. The task must not outlive this object.
  template <class Executor, class Task>
  void run(Executor& executor, Task&& task) {
    const bool queue_behind = waiting_.fetch_add(1) != 0;
    auto counted = [this, task = std::forward<Task>(task)]() mutable {
      waiting_.fetch_sub(1);
      task();
    };
    if (queue_behind)
      asio::post(executor, std::move(counted));
    else
      asio::dispatch(executor, std::move(counted));
  }

 private:
  std::atomic<std::uint32_t> waiting_{0};
};

}  // namespace wirekit::detail
