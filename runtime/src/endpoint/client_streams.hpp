// Internal: a Client's open stream handles: their handlers, and the routing of the messages
// the connection's StreamRegistry matches to them (items, ends, failures). Loop-side only.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "endpoint/connection.hpp"
#include "wirekit/client.hpp"

namespace wirekit::detail {

class ClientStreams {
 public:
  /// Opens stream `id` on `c` (its registry entry for `spec` and `keys` included).
  void open(Connection& c, StreamId id, const StreamSpec& spec,
            const std::vector<std::string>& keys, Client::StreamHandler on_item,
            Client::StreamEndHandler on_end);
  bool holds(StreamId id) const { return streams_.find(id) != streams_.end(); }
  bool empty() const noexcept { return streams_.empty(); }

  /// Whether `in` belongs to open streams; hands it to each of them if so.
  bool route(Connection& c, Incoming& in);
  /// Ends stream `id` with a session error `errc` (its registry entry is already gone).
  void end(StreamId id, SessionErrc errc, const char* why);
  /// A message this side sends that is a stream's cancel message (sent by its own stub
  /// method, not through a handle): ends every open stream it names, as the server does.
  void cancelled_by(Connection& c, const Outgoing& message);
  /// Ends every stream with a session error `errc`.
  void fail_all(SessionErrc errc, const std::string& message);

 private:
  struct Handlers {
    /// Shared so that a call survives its handler cancelling its own stream.
    std::shared_ptr<const Client::StreamHandler> on_item;
    Client::StreamEndHandler on_end;
  };
  std::unordered_map<StreamId, Handlers> streams_;
  std::vector<StreamRegistry::Match> matches_;  ///< reused for each message
};

}  // namespace wirekit::detail
