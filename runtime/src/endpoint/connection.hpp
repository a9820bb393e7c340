// Internal: one live connection of a Server or Client: its Wire, its session rules and its
// share of flow control. Every member function runs on the connection's strand.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "session/session_core.hpp"
#include "session/stream_registry.hpp"
#include "transport/ordered_post.hpp"
#include "transport/wire.hpp"
#include "wirekit/close_info.hpp"
#include "wirekit/incoming.hpp"

namespace wirekit::detail {

class Connection;
class EndpointCore;
using ConnectionPtr = std::shared_ptr<Connection>;

/// The role a connection belongs to (Server or Client), told what user code should see.
class ConnectionEvents {
 public:
  virtual void deliver(Connection& connection, Incoming& message) = 0;
  virtual MessageIndex expected_reply(Connection& connection, std::string_view correlation_id,
                                      const MessageIndex* candidates, std::size_t count) = 0;
  virtual std::optional<std::string> undecodable(Connection& connection, const DecodeError& error,
                                                 std::optional<std::int64_t> seq) = 0;
  /// The connection's unsent data fell below the low watermark after passing the high one.
  virtual void drained(Connection& connection) = 0;
  /// The peer acknowledged the event this side sent with `event_id`.
  virtual void acked(Connection& connection, const std::string& event_id) {
    (void)connection, (void)event_id;
  }

 protected:
  ~ConnectionEvents() = default;
};

class Connection final : public SessionTransport,
                         public SessionDelivery,
                         public std::enable_shared_from_this<Connection> {
 public:
  Connection(EndpointCore& core, std::uint64_t id, std::unique_ptr<Wire> wire,
             const SessionConfig& config, ConnectionEvents& events);
  ~Connection();

  std::uint64_t id() const noexcept { return id_; }
  SessionCore& session() noexcept { return session_; }
  Wire& wire() noexcept { return *wire_; }
  asio::io_context::strand& strand() noexcept { return wire_->strand(); }

  /// One incoming frame, through the session rules to the role.
  void on_frame(bool binary, std::string_view payload);
  /// The transport closed: stops the session; returns how it ended.
  CloseInfo on_closed();
  bool closed_locally() const noexcept { return closed_locally_; }

  /// Queues a text frame. False when it was refused: the connection already holds more unsent
  /// data than the endpoint's bound (a Server then closes it; a Client refuses the send).
  bool write_frame(const std::string& text);
  /// Pauses reading until resume_reading(); counted, so flow control and user code compose.
  /// Called on the connection's strand.
  void pause_reading();
  void resume_reading();
  std::size_t queued_bytes() const { return wire_->buffered(); }
  /// Tells the role the queue drained (flow control).
  void notify_drained() { events_.drained(*this); }

  /// The connection whose frame is being handled on this thread, if any.
  static Connection* current() noexcept;

  std::shared_ptr<void> user_data_owner;  ///< keeps user_data alive (Server::set_user_data)
  TypedRef user_data;                     ///< what Server::set_user_data set
  StreamRegistry streams;                 ///< the streams open on this connection
  StreamId last_stream = 0;               ///< server: the id of the last stream a request opened
  OrderedPost order;                      ///< what runs on the strand (EndpointCore::run_on)

  // SessionTransport
  void write(const std::string& text) override { write_frame(text); }
  void close(std::uint16_t code, const std::string& reason) override;

  // Flow control state, guarded by the core's flow mutex.
  struct Flow {
    bool watched = false;  ///< above the high watermark, polled by the core
    std::chrono::steady_clock::time_point above_since;
    std::vector<std::weak_ptr<Connection>> waiters;  ///< paused because of this connection
    int blocked_on = 0;                              ///< recipients this connection waits for
  };
  Flow flow;

 private:
  // SessionDelivery
  void deliver(Incoming& message) override;
  MessageIndex expected_reply(std::string_view correlation_id, const MessageIndex* candidates,
                              std::size_t count) override;
  std::optional<std::string> undecodable(const DecodeError& error,
                                         std::optional<std::int64_t> seq) override;
  void acked(const std::string& event_id) override { events_.acked(*this, event_id); }

  EndpointCore& core_;
  std::uint64_t id_;
  std::unique_ptr<Wire> wire_;
  ConnectionEvents& events_;
  SessionCore session_;

  void apply_pause();
  int pause_count_ = 0;
  bool pause_pending_ = false;  ///< asked for between frames: applied at the next one
  bool paused_ = false;         ///< applied: the transport reads nothing until resumed
  bool closed_locally_ = false;
};

}  // namespace wirekit::detail
