#include "wirekit/session_error.hpp"

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
  }
  return "unknown";
}

}  // namespace wirekit
