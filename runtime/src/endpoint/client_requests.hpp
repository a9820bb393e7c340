// Internal: a Client's requests and acknowledged events awaiting their answer: the pending
// requests keyed by what their replies carry, the `correlation: next` queue, the timeouts,
// and the events sent with an AckHandler. Matches each reply to its request. Loop-side only.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "endpoint/connection.hpp"
#include "session/deadline_queue.hpp"
#include "session/request_table.hpp"
#include "wirekit/client.hpp"

namespace wirekit::detail {

class ClientRequests {
 public:
  ClientRequests(const ProtocolSpec& spec, asio::io_context& loop);

  /// A request was written as `request`: waits for its reply under `key` (the correlation's
  /// key; nullopt when it gives none), for `timeout_ms` (0: no limit). Completes `done` at
  /// once when no reply could ever be matched to it.
  void add(std::optional<std::uint64_t> key, RequestId id, MessageIndex request,
           std::uint32_t timeout_ms, Client::ReplyHandler done);
  /// Whether `in` is a reply to a pending request; completes it if so.
  bool complete(Connection& c, const Incoming& in);
  /// A frame from `c` that did not decode: when `text` still names a pending request (its
  /// correlation id or sequence number can be read), completes it with undecodable_reply.
  void complete_undecodable(Connection& c, std::string_view text, const DecodeError& error);
  /// Which of `candidates` the request carrying `correlation_id` expects (kNoMessage: none).
  MessageIndex expected_reply(Connection& c, std::string_view correlation_id,
                              const MessageIndex* candidates, std::size_t count) const;
  /// Completes request `id` as cancelled, if it is pending.
  void cancel(RequestId id);
  std::size_t size() const noexcept { return requests_.size(); }

  /// An event with id `event_id` was sent: `acked` is called with its ack (or a failure).
  void await_ack(const std::string& event_id, AckHandler acked);
  void acked(const std::string& event_id);

  /// Fails every pending request and awaited ack with `errc`.
  void fail_all(SessionErrc errc, const std::string& message);
  /// Cancels the timeouts' timer (shutdown).
  void stop_timeouts() { deadlines_.clear(); }

 private:
  void expired(std::uint64_t key, std::uint64_t id);
  bool complete_next(const Incoming& in);

  /// Keys of `correlation: next` requests have this bit, apart from every id and seq key.
  static constexpr std::uint64_t kAwaitsNextKey = std::uint64_t{1} << 63;

  const ProtocolSpec& spec_;
  RequestTable requests_;
  /// Keys of `correlation: next` requests, oldest first (some may have completed since).
  std::deque<std::uint64_t> awaiting_next_;
  std::uint64_t next_ticket_ = 0;
  DeadlineQueue deadlines_;
  std::unordered_map<std::string, AckHandler> ack_waiters_;  ///< events sent with an AckHandler
};

}  // namespace wirekit::detail
