// How a connection ended, as reported to on_close callbacks.
#pragma once

#include <cstdint>
#include <string>

namespace wirekit {

struct CloseInfo {
  /// The code of the side that started the close: the peer's code when the peer closed
  /// (1006 when the TCP connection dropped without a close frame), our own code when
  /// this side closed (including closes the runtime made for protocol violations).
  std::uint16_t code = 1006;
  std::string reason;
  bool by_peer = false;  ///< true when the peer started the close or the TCP connection dropped
};

}  // namespace wirekit
