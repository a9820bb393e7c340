#include "connection_log.hpp"

#include <cstdio>

namespace example {

void log_opened(wirekit::ConnectionId id) {
  std::fprintf(stderr, "connection %s opened\n", id_text(id).c_str());
}

void log_closed(wirekit::ConnectionId id, const wirekit::CloseInfo& info) {
  std::fprintf(stderr, "connection %s closed: %u %s\n", id_text(id).c_str(), unsigned{info.code},
               info.reason.c_str());
}

}  // namespace example
