// Internal: where a Client's connection stands, as one state machine. Every change of state
// goes through ClientLifecycle::to(), which refuses (and leaves the state as it was) any
// transition the table in client_lifecycle.cpp does not list. Loop-side only.
#pragma once

#include <cstdint>

namespace wirekit::detail {

enum class ClientState : std::uint8_t {
  idle,            ///< constructed: no connect() yet
  connecting,      ///< TCP, TLS and the WebSocket upgrade are under way
  handshaking,     ///< the WebSocket is open; the protocol's handshake is under way
  open,            ///< the handshake completed: requests, streams and events may be sent
  reconnect_wait,  ///< the connection was lost or an attempt failed; the backoff timer runs
  closed,          ///< no connection and none coming (closed, refused, gave up); connect()
                   ///< may start again
  stopping,        ///< stop(): pending work failed, the connection closes within the grace
  stopped,         ///< final: the loop's work for this client is done
};

/// A short stable name, e.g. "reconnect_wait".
const char* to_string(ClientState state) noexcept;

class ClientLifecycle {
 public:
  ClientState state() const noexcept { return state_; }
  bool is(ClientState s) const noexcept { return state_ == s; }
  /// A connection attempt or a WebSocket is under way (connect() is refused meanwhile).
  bool busy() const noexcept {
    return state_ == ClientState::connecting || state_ == ClientState::handshaking ||
           state_ == ClientState::open;
  }
  bool stopping() const noexcept {
    return state_ == ClientState::stopping || state_ == ClientState::stopped;
  }

  /// Whether `from` may move to `to`.
  static bool allowed(ClientState from, ClientState to) noexcept;
  /// The one place the state changes: moves to `next` when the table allows it; otherwise
  /// returns false and the state stays as it was.
  bool to(ClientState next) noexcept;

  /// The user (close()) or a timed-out connect() asked that the connection not come back:
  /// a loss then leads to closed, not reconnect_wait. Orthogonal to the state: a close()
  /// while connecting lets that attempt finish. A new connect() clears it.
  bool reconnect_suppressed() const noexcept { return reconnect_suppressed_; }
  void suppress_reconnect(bool suppressed) noexcept { reconnect_suppressed_ = suppressed; }

 private:
  ClientState state_ = ClientState::idle;
  bool reconnect_suppressed_ = false;
};

}  // namespace wirekit::detail
