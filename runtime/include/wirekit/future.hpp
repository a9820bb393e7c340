// wirekit::Future<T>: what a stub's future form returns. It is a std::future<T> (get, wait_for,
// share, or keep it as a std::future) that also knows how to cancel its call and can tell one
// waiter when its value is ready, which is what makes it awaitable in C++20 (wirekit/coro.hpp)
// without blocking a thread.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <utility>

namespace wirekit {

namespace detail {
/// Set once, when a value is ready; tells the one waiter that asked.
class ReadySignal {
 public:
  /// Marks the value ready and calls the waiter, if any, on this thread.
  void notify() {
    std::function<void()> waiter;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_ = true;
      waiter = std::move(waiter_);
    }
    if (waiter) waiter();
  }
  /// Keeps `waiter` for notify(); false (and `waiter` is dropped) when already ready.
  bool wait(std::function<void()> waiter) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (ready_) return false;
    waiter_ = std::move(waiter);
    return true;
  }

 private:
  std::mutex mutex_;
  bool ready_ = false;
  std::function<void()> waiter_;
};
}  // namespace detail

/// A std::future of a stub call's outcome that can also cancel the call and tell one waiter
/// when the outcome is ready. Slicing it to a std::future keeps the value and drops the rest.
template <class T>
class Future : public std::future<T> {
 public:
  Future() = default;
  /// `ready` is notified after `future`'s value is set; `cancel` asks for the call's end.
  Future(std::future<T> future, std::shared_ptr<detail::ReadySignal> ready,
         std::function<void()> cancel)
      : std::future<T>(std::move(future)), ready_(std::move(ready)), cancel_(std::move(cancel)) {}

  /// Asks for the call's end: a pending request fails with SessionErrc::cancelled, a stream is
  /// cancelled; the outcome still arrives, on the client's loop. Nothing once it has arrived.
  /// The client must still exist.
  void cancel() const {
    if (cancel_) cancel_();
  }
  /// Calls `waiter` once the value is ready, on the thread that sets it (the client's loop);
  /// false, without calling it, when the value is ready already. One waiter per future.
  bool when_ready(std::function<void()> waiter) {
    return ready_ ? ready_->wait(std::move(waiter)) : false;
  }

 private:
  std::shared_ptr<detail::ReadySignal> ready_;
  std::function<void()> cancel_;
};

/// A promise for a Future<T>: set_value() sets the value, then tells the future's waiter. One
/// destroyed without a value breaks its promise (get() throws std::future_error) and tells the
/// waiter too, so that no awaiting coroutine is left suspended.
template <class T>
class FuturePromise {
 public:
  FuturePromise() : ready_(std::make_shared<detail::ReadySignal>()) {}
  FuturePromise(const FuturePromise&) = delete;
  FuturePromise& operator=(const FuturePromise&) = delete;
  ~FuturePromise() {
    if (set_) return;
    promise_ = std::promise<T>();  // abandons the shared state: broken_promise
    ready_->notify();
  }
  Future<T> get_future(std::function<void()> cancel = {}) {
    return Future<T>(promise_.get_future(), ready_, std::move(cancel));
  }
  void set_value(T value) {
    promise_.set_value(std::move(value));
    set_ = true;
    ready_->notify();
  }

 private:
  std::promise<T> promise_;
  bool set_ = false;
  std::shared_ptr<detail::ReadySignal> ready_;
};

/// A Future<T> and the callback that completes it, for a call whose result comes to a callback
/// (an acked event's AckHandler, a user's own callback API): pass the callback on, then wait
/// for the future, or co_await it in C++20 (wirekit/coro.hpp):
///
///     auto [acked, on_ack] = wirekit::callback_future<wirekit::SessionError>();
///     client.event(event, on_ack);
///     const wirekit::SessionError why = co_await std::move(acked);
///
/// The first call sets the value and later ones are ignored. When every copy of the callback
/// is gone uncalled, the promise is broken: get() throws std::future_error and an awaiting
/// coroutine resumes, never left suspended. The future cannot cancel the call.
template <class T>
std::pair<Future<T>, std::function<void(const T&)>> callback_future() {
  struct Once {
    FuturePromise<T> promise;
    std::atomic<bool> called{false};
  };
  auto once = std::make_shared<Once>();
  Future<T> future = once->promise.get_future();
  return {std::move(future), [once](const T& value) {
            if (!once->called.exchange(true)) once->promise.set_value(value);
          }};
}

}  // namespace wirekit
