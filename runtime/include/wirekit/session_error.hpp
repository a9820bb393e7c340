// Why a request, a stream, a connect or a send did not succeed, and what a request completes
// with.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wirekit/close_info.hpp"
#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/typed_ref.hpp"

namespace wirekit {

enum class SessionErrc {
  ok = 0,
  timeout,           ///< no reply within the request's timeout
  cancelled,         ///< the request or stream was cancelled
  disconnected,      ///< the connection closed or dropped while it was pending
  not_connected,     ///< there was no open connection when it was to be sent
  connect_failed,    ///< TCP connect, TLS or the WebSocket upgrade failed (refused, wrong path...)
  handshake_failed,  ///< the server closed the connection (or broke the handshake) before
                     ///< the handshake completed
  stopped,           ///< the Client or Server was stopped
  uncorrelated,      ///< the schema gives no way to match a reply to this request
  queue_full,        ///< the send queue held more than its bound: the message was not sent
  unexpected_reply,  ///< the reply carrying the request's correlation is none the request
                     ///< expects (e.g. the protocol's undecodable reply)
  duplicate_stream_key,  ///< a stream's generated key is still held by an open stream
  undecodable_reply,     ///< a reply carrying the request's correlation did not decode (a
                         ///< field of the wrong type or an invalid value, e.g. a malformed
                         ///< uuid); the message holds the decode error
};

/// A short stable name, e.g. "timeout".
const char* to_string(SessionErrc errc) noexcept;

/// A failure of the session (not a reply of the protocol): what and why.
struct SessionError {
  SessionErrc code = SessionErrc::ok;
  std::string message;  ///< human-readable: the close code and reason, the timeout...
  std::string to_string() const { return std::string(wirekit::to_string(code)) + ": " + message; }
};

/// A reply as it arrives, for callbacks (valid only during the call, which owns it: the
/// handler, taking it as an rvalue, may move the decoded value out).
struct ReplyView {
  SessionErrc error = SessionErrc::ok;
  std::string_view error_message;
  std::string_view text;      ///< the reply's raw JSON text
  MessageIndex message = -1;  ///< the reply's index in ProtocolSpec::messages
  TypedRef value;             ///< the decoded reply (the protocol's ToClient variant)
  bool ok() const noexcept { return error == SessionErrc::ok; }
};

/// The outcome of a raw request: the reply's text, or an error and what happened.
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
  /// handshake_failed: how the server closed the connection (e.g. 4005 "name taken").
  std::optional<CloseInfo> close;
  /// connect_failed: the HTTP status of a refused upgrade (e.g. 401, 404), else 0.
  int http_status = 0;
  bool ok() const noexcept { return error == SessionErrc::ok; }
  explicit operator bool() const noexcept { return ok(); }
  /// One line for a log or an error message: "connected", "connect_failed: the server refused
  /// the upgrade with HTTP 404", "handshake_failed: the server closed the connection: 4005 name
  /// taken", or "<error>: <message>".
  std::string to_string() const;
};

}  // namespace wirekit
