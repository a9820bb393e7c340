// The stderr lines every example server logs per connection: "connection N opened" and
// "connection N closed: CODE REASON", written once here for every server.
#pragma once

#include <string>

#include <wirekit/close_info.hpp>
#include <wirekit/server.hpp>

namespace example {

/// A connection id as the logs print it (decimal).
inline std::string id_text(wirekit::ConnectionId id) { return std::to_string(id); }

/// Prints "connection N opened" to stderr.
void log_opened(wirekit::ConnectionId id);
/// Prints "connection N closed: CODE REASON" to stderr.
void log_closed(wirekit::ConnectionId id, const wirekit::CloseInfo& info);

}  // namespace example
