// Why a request, a connect or a send did not succeed, and the reply a request completes with.
#pragma once

#include <string>

namespace wirekit {

enum class SessionErrc {
  ok = 0,
  timeout,         ///< no reply within the request's timeout
  cancelled,       ///< Client::cancel() was called
  disconnected,    ///< the connection closed or dropped while the request was pending
  not_connected,   ///< there was no open connection when the request was to be sent
  connect_failed,  ///< TCP connect or WebSocket upgrade failed (path, subprotocol, refused)
  stopped,         ///< the Client or Server was stopped
  uncorrelated,    ///< the spec gives no way to match a reply to this request
};

/// A short stable name, e.g. "timeout".
const char* to_string(SessionErrc errc) noexcept;

/// The outcome of a request: the raw reply text, or an error and what happened.
struct Reply {
  SessionErrc error = SessionErrc::ok;
  std::string text;     ///< the raw JSON text of the reply (empty on error)
  std::string message;  ///< on error: a human-readable description (close code, reason, ...)

  bool ok() const noexcept { return error == SessionErrc::ok; }
  explicit operator bool() const noexcept { return ok(); }
};

/// The outcome of Client::connect().
struct ConnectResult {
  SessionErrc error = SessionErrc::ok;
  std::string message;
  bool ok() const noexcept { return error == SessionErrc::ok; }
  explicit operator bool() const noexcept { return ok(); }
};

}  // namespace wirekit
