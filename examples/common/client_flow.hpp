// What the example clients share to run a protocol's flow step by step: one stdout line per
// step, a failed step as an exception carrying a clear message, and an inbox the stub's handlers
// (on the client's loop thread) push to and the flow (on the main thread) waits on, so that only
// the main thread prints and the lines come in the order of the flow.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>

#include <wirekit/session_error.hpp>

#include "client_cli.hpp"

namespace example {

/// A step of the flow that did not go as the protocol says; run_flow() prints it.
class FlowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Prints one line to stdout and flushes it (a test reads the lines as they come).
void say(const std::string& line);

/// Throws FlowError "cannot connect to URL: ..." unless `result` is ok.
void require_connected(const wirekit::ConnectResult& result, const std::string& url);

/// Connects a stub client of a protocol without a handshake to the server the command line
/// names and prints "connected to URL"; throws FlowError when it cannot.
template <class StubClient>
void connect(StubClient& client, const ClientCli& cli) {
  require_connected(client.connect(cli.host(), cli.port(), cli.path()), cli.url());
  say("connected to " + cli.url());
}

/// How long a step waits for its reply or push before the flow fails.
inline constexpr std::chrono::seconds kStepTimeout{5};

/// The outcome of a stub request; throws FlowError when there is none (timeout, closed...).
template <class Outcome>
Outcome await(std::future<Outcome> future, const std::string& what) {
  if (future.wait_for(kStepTimeout) != std::future_status::ready)
    throw FlowError(what + ": no outcome");
  Outcome outcome = future.get();
  if (const auto* error = outcome.session_error())
    throw FlowError(what + ": " + error->to_string());
  return outcome;
}

/// Lines describing what the server pushed, in arrival order.
class Inbox {
 public:
  /// From a handler.
  void push(std::string line);
  /// The next line; throws FlowError "no <waiting_for> within 5 s" when none comes.
  std::string next(const std::string& waiting_for);
  /// Whether nothing is waiting to be taken.
  bool empty() const;

 private:
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::string> lines_;
};

/// Runs `flow`, then prints "done"; returns the exit status: 0, or 1 after printing
/// "<program>: <why>" to stderr when a step failed.
int run_flow(const std::string& program, const std::function<void()>& flow);

}  // namespace example
