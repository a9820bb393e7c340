// Internal: a Client's open stream handles: their handlers, and the routing of the messages
// the connection's StreamRegistry matches to them (items, ends, failures). Loop-side only.
#pragma once

#include <asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "endpoint/connection.hpp"
#include "session/deadline_queue.hpp"
#include "wirekit/client.hpp"

namespace wirekit::detail {

class ClientStreams {
 public:
  /// Told when a stream's item deadline (expect_item) passed without an item: the owner
  /// cancels it with `cancel`, the builder given with the deadline.
  using TimedOut = std::function<void(StreamId, const Client::CancelBuilder& cancel)>;

  ClientStreams(asio::io_context& loop, TimedOut timed_out);
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
  /// Arms stream `id`'s deadline for the item after its first `items_seen` (Client::
  /// expect_stream_item); nothing when it has delivered more or is not open.
  void expect_item(StreamId id, std::uint64_t items_seen, std::uint32_t timeout_ms,
                   Client::CancelBuilder cancel);
  /// Forgets every item deadline (the client stops).
  void stop_timeouts() { deadlines_.clear(); }

 private:
  struct Handlers {
    /// Shared so that a call survives its handler cancelling its own stream.
    std::shared_ptr<const Client::StreamHandler> on_item;
    Client::StreamEndHandler on_end;
    std::uint64_t items = 0;              ///< items delivered so far
    Client::CancelBuilder cancel_on_due;  ///< the last expect_item's
  };
  void due(StreamId id, std::uint64_t items_seen);

  TimedOut timed_out_;
  DeadlineQueue deadlines_;  ///< key: stream, id: the items it had delivered when armed
  std::unordered_map<StreamId, Handlers> streams_;
  std::vector<StreamRegistry::Match> matches_;  ///< reused for each message
};

}  // namespace wirekit::detail
