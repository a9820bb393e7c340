// Runs a function on a contender's loop thread from the harness's thread, and waits for it.
#pragma once

#include <future>

#include <asio.hpp>

namespace transport_bench {

/// Runs `f` on the thread running `io` and returns once it has run.
template <class F>
void run_on_loop(asio::io_context& io, F&& f) {
  std::promise<void> done;
  asio::post(io, [&] {
    f();
    done.set_value();
  });
  done.get_future().get();
}

}  // namespace transport_bench
