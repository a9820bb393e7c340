// A program run as a child process, its stdin written and its stdout and stderr read through
// pipes (for testing the example servers and clients as their users run them). POSIX headers stay
// in the .cpp: <unistd.h> declares a function `sync` that a generated namespace of that name would
// clash with.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace wirekit::test {

class ChildProcess {
 public:
  /// Starts args[0] (a path) with the arguments that follow.
  explicit ChildProcess(std::vector<std::string> args);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const noexcept { return pid_; }
  /// Writes `text` to the child's stdin; false when the child no longer reads it.
  bool write_in(const std::string& text);
  /// Closes the child's stdin: it reads the end of its input.
  void close_in();
  /// The next line of stdout / stderr, without its newline; "" at the end.
  std::string out_line();
  std::string err_line();
  /// Everything left on stdout, up to the child's end.
  std::string rest_of_out();
  /// What wait() returns for a child still running after a minute (it is then killed).
  static constexpr int kDidNotExit = -2;
  /// Sends SIGTERM / SIGINT and returns the exit status (-1 if it did not exit normally,
  /// kDidNotExit if it did not exit within a minute).
  int terminate();
  int interrupt();
  /// Waits for the end, a minute at most; the exit status (-1 if it did not exit normally,
  /// kDidNotExit if it was still running and has been killed).
  int wait();

 private:
  int pid_ = -1;
  int in_ = -1;
  std::FILE* out_ = nullptr;
  std::FILE* err_ = nullptr;
};

}  // namespace wirekit::test
