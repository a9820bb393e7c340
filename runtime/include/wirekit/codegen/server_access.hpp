// For generated server stubs: what they read of a wirekit::Server's open streams beyond its
// public API (StreamWriter stamps a stream's generated key; a push asks what its message is
// to the stream).
#pragma once

#include <string>

#include "wirekit/outgoing.hpp"
#include "wirekit/server.hpp"

namespace wirekit::detail {

class ServerAccess {
 public:
  static std::string generated_stream_key(const Server& server, ConnectionId connection,
                                          StreamId stream) {
    return server.generated_stream_key(connection, stream);
  }
  static StreamRole stream_role(const Server& server, ConnectionId connection, StreamId stream,
                                const Outgoing& message) {
    return server.stream_role(connection, stream, message);
  }
};

}  // namespace wirekit::detail
