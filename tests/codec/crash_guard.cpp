#include "crash_guard.hpp"

#include <csignal>

#include <sys/wait.h>
#include <unistd.h>

namespace codec_test {

ChildOutcome run_in_child(const std::function<void()>& body) {
  const pid_t pid = fork();
  if (pid < 0) return {false, "fork failed"};
  if (pid == 0) {
    // The test framework's handlers would report the crash as the parent's and print a summary;
    // the child must simply die of the signal.
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTERM}) std::signal(sig, SIG_DFL);
    body();
    _exit(0);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return {false, "waitpid failed"};
  if (WIFEXITED(status))
    return {WEXITSTATUS(status) == 0, "exited with " + std::to_string(WEXITSTATUS(status))};
  if (WIFSIGNALED(status)) return {false, "killed by signal " + std::to_string(WTERMSIG(status))};
  return {false, "ended abnormally"};
}

}  // namespace codec_test
