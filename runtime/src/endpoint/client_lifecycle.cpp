#include "endpoint/client_lifecycle.hpp"

#include <cstddef>

namespace wirekit::detail {

namespace {

// In ClientState's order.
constexpr const char* kStateNames[] = {"idle",           "connecting", "handshaking", "open",
                                       "reconnect_wait", "closed",     "stopping",    "stopped"};
static_assert(sizeof kStateNames / sizeof kStateNames[0] ==
              static_cast<std::size_t>(ClientState::stopped) + 1);

}  // namespace

const char* to_string(ClientState state) noexcept {
  return kStateNames[static_cast<std::size_t>(state)];
}

bool ClientLifecycle::allowed(ClientState from, ClientState to) noexcept {
  using S = ClientState;
  // stop() is allowed from every state but the last two.
  if (to == S::stopping) return from != S::stopping && from != S::stopped;
  switch (from) {
    case S::idle:
    case S::closed:
      return to == S::connecting;
    case S::connecting:  // the upgrade succeeded, or failed (then maybe a retry is due)
      return to == S::handshaking || to == S::reconnect_wait || to == S::closed;
    case S::handshaking:  // the handshake completed, or the connection closed first
      return to == S::open || to == S::reconnect_wait || to == S::closed;
    case S::open:
      return to == S::reconnect_wait || to == S::closed;
    case S::reconnect_wait:  // the timer fired (or connect() came first), or close()/give up
      return to == S::connecting || to == S::closed;
    case S::stopping:
      return to == S::stopped;
    case S::stopped:
      return false;
  }
  return false;
}

bool ClientLifecycle::to(ClientState next) noexcept {
  if (!allowed(state_, next)) return false;
  state_ = next;
  return true;
}

}  // namespace wirekit::detail
