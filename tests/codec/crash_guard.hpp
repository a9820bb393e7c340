// Runs a piece of code in a child process, so that a test can assert that some input never
// crashes the decoder (stack overflow, abort) without taking the whole test run down with it.
#pragma once

#include <functional>
#include <string>

namespace codec_test {

struct ChildOutcome {
  bool exited_normally = false;  ///< the child returned from `body` and exited with status 0
  std::string description;       ///< e.g. "exited with 0" or "killed by signal 11"
};

/// Runs `body` in a forked child process and reports how the child ended.
ChildOutcome run_in_child(const std::function<void()>& body);

}  // namespace codec_test
