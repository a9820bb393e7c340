// Waiting for a Client's future on the thread that runs the Client's loop.
//
// A Client on its own thread (the default) completes a request_future() on that thread and
// wakes the caller: two hand-offs between threads per call, one to send and one to reply.
// A Client on a user io_context (EndpointOptions::io_context) that the caller's own thread
// runs (a single-threaded program, a game loop, a command-line tool) cannot wait with
// future.get() at all: the loop that would complete the future is the one blocked. Here the
// caller runs the loop while it waits: the request is written and its reply read and decoded
// on the caller's thread, and nothing passes between threads.
#pragma once

#include <chrono>
#include <future>
#include <stdexcept>

#include <asio/io_context.hpp>

namespace wirekit {

/// Runs `loop`'s handlers on this thread until `future` is ready; returns future.get().
///
/// Other threads may run `loop` at the same time (the reply's handler then runs on whichever
/// thread reads it). Once `loop` has stopped (io_context::stop(), or it ran out of work) this
/// waits as future.get() does. Throws std::logic_error when called from a handler running on
/// `loop` (that handler's connection could not make progress while it waits).
template <class T>
T run_until_ready(asio::io_context& loop, std::future<T>& future) {
  if (loop.get_executor().running_in_this_thread())
    throw std::logic_error("wirekit::run_until_ready called from a handler of its own loop");
  // The bound lets a reply that another thread handles end the wait.
  constexpr std::chrono::milliseconds kRecheck{10};
  while (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (loop.stopped()) return future.get();
    loop.run_one_for(kRecheck);
  }
  return future.get();
}

/// As above, taking the future (e.g. `run_until_ready(io, client.request_future(...))`).
template <class T>
T run_until_ready(asio::io_context& loop, std::future<T>&& future) {
  return run_until_ready(loop, future);
}

}  // namespace wirekit
