// Internal: the CloseInfo of a finished websocketpp connection (Server and Client).
#pragma once

#include <cstdint>

#include "wirekit/close_info.hpp"

namespace wirekit::detail {

/// `closed_locally`: our code started the close. The WebSocket library may also start
/// one itself (1009 too large, 1007 invalid UTF-8) and then drop TCP; that shows as a
/// local code with an abnormal (1006) remote code, and is reported as ours too.
template <class ConnectionPtr>
CloseInfo close_info_of(const ConnectionPtr& con, bool closed_locally) {
  CloseInfo info;
  const auto local = static_cast<std::uint16_t>(con->get_local_close_code());
  const auto remote = static_cast<std::uint16_t>(con->get_remote_close_code());
  const bool library_closed = remote == 1006 && local != 0 && local != 1005 && local != 1006;
  if (closed_locally || library_closed) {
    info.code = local;
    info.reason = con->get_local_close_reason();
  } else {
    info.code = remote;
    info.reason = con->get_remote_close_reason();
    info.by_peer = true;
  }
  return info;
}

}  // namespace wirekit::detail
