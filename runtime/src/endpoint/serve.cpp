#include "wirekit/serve.hpp"

#include <pthread.h>

#include <csignal>

namespace wirekit {
namespace {

/// The thread waiting in serve_until_signal (one at a time).
pthread_t waiter;

/// A stop signal the kernel gave another thread (one of the application's own that does not
/// block it) goes on to the waiter, where it is blocked and so waits for sigwait.
extern "C" void forward_to_waiter(int signal) { pthread_kill(waiter, signal); }

/// While it lives: SIGINT and SIGTERM blocked in this thread, so that they stay pending until
/// sigwait takes them and every thread started meanwhile inherits them blocked, and forwarded
/// here from any other thread. Puts back the mask and the previous actions.
class StopSignalsWaited {
 public:
  StopSignalsWaited() {
    sigemptyset(&stops_);
    sigaddset(&stops_, SIGINT);
    sigaddset(&stops_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stops_, &mask_before_);
    waiter = pthread_self();
    struct sigaction forward {};
    forward.sa_handler = forward_to_waiter;
    sigemptyset(&forward.sa_mask);
    sigaction(SIGINT, &forward, &int_before_);
    sigaction(SIGTERM, &forward, &term_before_);
  }
  ~StopSignalsWaited() {
    sigaction(SIGINT, &int_before_, nullptr);
    sigaction(SIGTERM, &term_before_, nullptr);
    pthread_sigmask(SIG_SETMASK, &mask_before_, nullptr);
  }
  StopSignalsWaited(const StopSignalsWaited&) = delete;
  StopSignalsWaited& operator=(const StopSignalsWaited&) = delete;

  int wait() const {
    int received = 0;
    while (sigwait(&stops_, &received) != 0) {
    }
    return received;
  }

 private:
  sigset_t stops_;
  sigset_t mask_before_;
  struct sigaction int_before_ {};
  struct sigaction term_before_ {};
};

}  // namespace

int serve_until_signal(Server& server, const std::function<void(std::uint16_t port)>& ready) {
  const StopSignalsWaited signals;
  if (!server.running()) server.start();
  if (ready) ready(server.port());
  const int received = signals.wait();
  server.stop();
  return received;
}

}  // namespace wirekit
