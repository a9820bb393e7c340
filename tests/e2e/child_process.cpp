#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace wirekit::test {
namespace {

std::string line_of(std::FILE* f) {
  char buffer[512];
  if (!f || !std::fgets(buffer, sizeof buffer, f)) return {};
  std::string s(buffer);
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

/// How long wait() waits for a child to end (sanitizer builds stop in well under a second).
constexpr std::chrono::seconds kExitPatience{60};

int exit_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> args) {
  // A child that exits before reading all its input must not kill the test with SIGPIPE:
  // write_in() reports it instead.
  signal(SIGPIPE, SIG_IGN);
  // Close-on-exec: no other child started later may hold this child's pipe ends (a copy of
  // the stdin pipe's write end would keep this child from ever seeing its input end).
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  in_ = in[1];
  close(out[1]);
  close(err[1]);
  out_ = fdopen(out[0], "r");
  err_ = fdopen(err[0], "r");
  if (spawned != 0) throw std::runtime_error("cannot start " + args.at(0));
  pid_ = pid;
}

ChildProcess::~ChildProcess() {
  close_in();
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_) std::fclose(out_);
  if (err_) std::fclose(err_);
}

bool ChildProcess::write_in(const std::string& text) {
  std::size_t done = 0;
  while (in_ >= 0 && done < text.size()) {
    const ssize_t n = ::write(in_, text.data() + done, text.size() - done);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return in_ >= 0;
}

void ChildProcess::close_in() {
  if (in_ >= 0) close(in_);
  in_ = -1;
}

std::string ChildProcess::out_line() { return line_of(out_); }
std::string ChildProcess::err_line() { return line_of(err_); }

std::string ChildProcess::rest_of_out() {
  std::string all;
  char buffer[512];
  std::size_t n = 0;
  while (out_ && (n = std::fread(buffer, 1, sizeof buffer, out_)) > 0) all.append(buffer, n);
  return all;
}

int ChildProcess::terminate() {
  kill(pid_, SIGTERM);
  return wait();
}

int ChildProcess::interrupt() {
  kill(pid_, SIGINT);
  return wait();
}

int ChildProcess::wait() {
  // Bounded: a child that never ends fails its test instead of stalling the whole run.
  const auto give_up = std::chrono::steady_clock::now() + kExitPatience;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= give_up) {
      std::fprintf(stderr, "child %d did not exit within %lld s: killed\n", pid_,
                   static_cast<long long>(kExitPatience.count()));
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      return kDidNotExit;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
  return exit_status(status);
}

}  // namespace wirekit::test
