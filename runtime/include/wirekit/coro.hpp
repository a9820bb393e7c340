// C++20 coroutines over the generated client stubs, for an application compiled as C++20. The
// runtime and the generated code stay C++17; this header is included by neither, only by the
// application's own C++20 files.
//
// - `co_await client.service_fetch(request)` resumes with the typed Outcome the callback form
//   gives (a reply, a typed error, or a SessionError such as timeout, cancelled, closed): every
//   stub future (wirekit::Future) is awaitable. RequestOptions sets the timeout as usual.
// - `while (auto item = co_await reader.next())` reads a stream (wirekit::StreamReader, from a
//   stream method called with the request only); destroying the reader cancels the stream.
// - Cancellation: Future::cancel() or StreamReader::cancel(), from the coroutine or any thread,
//   or cancel_on(stop_token, future) to cancel when a std::stop_source asks.
// - Resumption: on the client's loop thread by default, like the callback form's handlers;
//   on the application's own loop with an Executor, given to spawn()/sync_wait() for a whole
//   Task or to resume_on() for one await.
// - wirekit::Task<T>: a minimal lazy coroutine type; spawn() starts one and lets it run,
//   sync_wait() runs one to its end from a thread that is not the client's loop.
#pragma once

#if !defined(__cpp_impl_coroutine) || __cplusplus < 202002L
#error \
    "wirekit/coro.hpp needs C++20 coroutines: compile this file as C++20 (-std=c++20, or CMake CXX_STANDARD 20); the rest of wirekit stays C++17"
#endif

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <coroutine>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <stop_token>
#include <type_traits>
#include <utility>

#include "wirekit/future.hpp"

namespace wirekit {

/// Where a coroutine resumes: runs its argument later, on the application's own loop; e.g.
/// `[&io](std::function<void()> f) { asio::post(io, std::move(f)); }`. Empty: the client's
/// loop thread, where the outcome arrives.
using Executor = std::function<void(std::function<void()>)>;

namespace detail {
template <class P>
concept HasExecutor = requires(const P& p) {
  { p.executor() } -> std::convertible_to<Executor>;
};

template <class P>
Executor executor_of(std::coroutine_handle<P> h) {
  if constexpr (HasExecutor<P>)
    return h.promise().executor();
  else
    return {};
}

inline void resume(std::coroutine_handle<> h, const Executor& on) {
  if (on)
    on([h] { h.resume(); });
  else
    h.resume();
}
}  // namespace detail

/// Awaits a Future<T> without blocking a thread and resumes with its value: on `on` when given,
/// else on the awaiting Task's executor, else on the thread that sets the value (the client's
/// loop), or at once when it is already set. With a stop token, a stop request cancels the call
/// (Future::cancel()).
template <class T>
class FutureAwaiter {
 public:
  explicit FutureAwaiter(Future<T> future, Executor on = {}, std::stop_token stop = {})
      : future_(std::move(future)), on_(std::move(on)), stop_(std::move(stop)) {}

  // Always asks await_suspend(), which knows the awaiting coroutine's executor: with one, a
  // value that is already there is still taken on it.
  bool await_ready() const noexcept { return false; }
  template <class P>
  bool await_suspend(std::coroutine_handle<P> h) {
    Executor on = on_ ? on_ : detail::executor_of(h);
    if (stop_.stop_possible()) stop_callback_.emplace(stop_, Canceller{&future_});
    if (future_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      if (!on) return false;  // no executor: go on here
      on([h] { h.resume(); });
      return true;
    }
    // The last use of this awaiter before the coroutine may resume on another thread.
    return future_.when_ready([h, on = std::move(on)] { detail::resume(h, on); });
  }
  T await_resume() {
    stop_callback_.reset();
    return future_.get();
  }

 private:
  struct Canceller {
    const Future<T>* future;
    void operator()() const { future->cancel(); }
  };

  Future<T> future_;
  Executor on_;
  std::stop_token stop_;
  std::optional<std::stop_callback<Canceller>> stop_callback_;
};

/// `co_await client.method(request)`, `co_await reader.next()`.
template <class T>
FutureAwaiter<T> operator co_await(Future<T>&& future) {
  return FutureAwaiter<T>(std::move(future));
}
/// A future kept in a variable is awaited as `co_await std::move(future)`: awaiting takes it.
template <class T>
void operator co_await(Future<T>& future) = delete;

/// Awaits `future` and resumes on `on` (the application's loop).
template <class T>
FutureAwaiter<T> resume_on(Executor on, Future<T>&& future) {
  return FutureAwaiter<T>(std::move(future), std::move(on));
}

/// Awaits `future`; a stop request on `stop` cancels the call: the request's outcome is then
/// SessionErrc::cancelled, a stream reader's next() gives nullopt with its end `cancelled`.
template <class T>
FutureAwaiter<T> cancel_on(std::stop_token stop, Future<T>&& future) {
  return FutureAwaiter<T>(std::move(future), {}, std::move(stop));
}

template <class T = void>
class Task;

/// Starts `task` and lets it run to its end by itself: on `on` (its first step and every
/// wirekit await in it), or, without one, here and then where each outcome arrives. An
/// exception leaving it ends the program (std::terminate), as one leaving a std::thread does.
inline void spawn(Task<void> task, Executor on = {});

/// Runs `task` (on `on` as spawn() does) and blocks this thread until it ends; its value, or
/// its exception rethrown. Not on the client's loop thread, which the task needs.
template <class T>
T sync_wait(Task<T> task, Executor on = {});

namespace detail {
struct TaskPromiseBase {
  std::coroutine_handle<> continuation;
  Executor on;
  std::function<void()> on_done;  // sync_wait()'s
  bool detached = false;          // spawn()'s: the frame frees itself at its end
  std::exception_ptr error;

  /// Where the wirekit awaits in this task resume (empty: where the outcome arrives).
  const Executor& executor() const noexcept { return on; }

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct Final {
    bool await_ready() noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      TaskPromiseBase& p = h.promise();
      if (p.continuation) return p.continuation;
      if (p.detached) {
        if (p.error) std::terminate();  // an exception left a spawned task
        h.destroy();
        return std::noop_coroutine();
      }
      auto done = std::move(p.on_done);  // off the frame: sync_wait() frees it once told
      if (done) done();
      return std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  Final final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <class T>
struct TaskPromise : TaskPromiseBase {
  std::optional<T> value;
  template <class U = T>
  void return_value(U&& v) {
    value.emplace(std::forward<U>(v));
  }
  T result() {
    if (error) std::rethrow_exception(error);
    return std::move(*value);
  }
};

template <>
struct TaskPromise<void> : TaskPromiseBase {
  void return_void() noexcept {}
  void result() {
    if (error) std::rethrow_exception(error);
  }
};

/// Awaits a Task from another coroutine: starts it, which then inherits the awaiting task's
/// executor, and resumes the awaiting one when it ends.
template <class T, class Promise>
struct TaskAwaiter {
  std::coroutine_handle<Promise> h;
  bool await_ready() const noexcept { return false; }
  template <class P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> parent) noexcept {
    h.promise().continuation = parent;
    if (!h.promise().on) h.promise().on = executor_of(parent);
    return h;
  }
  T await_resume() { return h.promise().result(); }
};
}  // namespace detail

/// A lazy coroutine producing a T: it starts when awaited (from another Task, on whose executor
/// it then resumes), spawn()ed or sync_wait()ed. An exception leaving it reaches its awaiter.
template <class T>
class [[nodiscard]] Task {
 public:
  struct promise_type : detail::TaskPromise<T> {
    Task get_return_object() {
      return Task(std::coroutine_handle<promise_type>::from_promise(*this));
    }
  };

  Task(Task&& other) noexcept : h_(std::exchange(other.h_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      if (h_) h_.destroy();
      h_ = std::exchange(other.h_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (h_) h_.destroy();
  }

  detail::TaskAwaiter<T, promise_type> operator co_await() && noexcept { return {h_}; }

 private:
  explicit Task(std::coroutine_handle<promise_type> h) : h_(h) {}

  template <class U>
  friend U sync_wait(Task<U> task, Executor on);
  friend void spawn(Task<void> task, Executor on);

  std::coroutine_handle<promise_type> h_;
};

inline void spawn(Task<void> task, Executor on) {
  auto h = std::exchange(task.h_, {});
  h.promise().on = on;
  h.promise().detached = true;
  detail::resume(h, on);
}

template <class T>
T sync_wait(Task<T> task, Executor on) {
  std::mutex mutex;
  std::condition_variable cv;
  bool finished = false;
  auto& p = task.h_.promise();
  p.on = on;
  p.on_done = [&] {
    std::lock_guard<std::mutex> lock(mutex);
    finished = true;
    cv.notify_one();
  };
  detail::resume(task.h_, on);
  {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return finished; });
  }
  return p.result();
}

}  // namespace wirekit
