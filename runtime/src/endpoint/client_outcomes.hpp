// Internal: the failure outcomes a Client hands to a request's, stream's or event's handler.
#pragma once

#include <string>
#include <string_view>

#include "wirekit/session_error.hpp"
#include "wirekit/stream_end.hpp"

namespace wirekit::detail {

/// A pending request's failed answer (`message` must outlive the call it is passed to).
inline ReplyView failure(SessionErrc errc, std::string_view message) {
  ReplyView r;
  r.error = errc;
  r.error_message = message;
  return r;
}

inline SessionError session_error(SessionErrc errc, std::string message) {
  SessionError e;
  e.code = errc;
  e.message = std::move(message);
  return e;
}

/// A stream the session ended (cancelled, dropped, disconnected, stopped...).
inline StreamEnd session_end(SessionErrc errc, std::string message) {
  StreamEnd end;
  end.reason = StreamEnd::Reason::session;
  end.error = session_error(errc, std::move(message));
  return end;
}

}  // namespace wirekit::detail
