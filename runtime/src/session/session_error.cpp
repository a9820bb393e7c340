#include "wirekit/session_error.hpp"

#include <string>

namespace wirekit {

const char* to_string(SessionErrc errc) noexcept {
  switch (errc) {
    case SessionErrc::ok:
      return "ok";
    case SessionErrc::timeout:
      return "timeout";
    case SessionErrc::cancelled:
      return "cancelled";
    case SessionErrc::disconnected:
      return "disconnected";
    case SessionErrc::not_connected:
      return "not_connected";
    case SessionErrc::connect_failed:
      return "connect_failed";
    case SessionErrc::handshake_failed:
      return "handshake_failed";
    case SessionErrc::stopped:
      return "stopped";
    case SessionErrc::uncorrelated:
      return "uncorrelated";
    case SessionErrc::queue_full:
      return "queue_full";
    case SessionErrc::unexpected_reply:
      return "unexpected_reply";
    case SessionErrc::duplicate_stream_key:
      return "duplicate_stream_key";
    case SessionErrc::undecodable_reply:
      return "undecodable_reply";
  }
  return "unknown";
}

std::string ConnectResult::to_string() const {
  if (ok()) return "connected";
  std::string text = std::string(wirekit::to_string(error)) + ": ";
  if (close)
    return text + "the server closed the connection: " + std::to_string(close->code) +
           (close->reason.empty() ? "" : " " + close->reason);
  if (http_status != 0)
    return text + "the server refused the upgrade with HTTP " + std::to_string(http_status);
  return text + message;
}

}  // namespace wirekit
