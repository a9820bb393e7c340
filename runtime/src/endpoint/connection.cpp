#include "endpoint/connection.hpp"

#include "endpoint/endpoint_core.hpp"
#include "memory/free_memory.hpp"

namespace wirekit::detail {
namespace {
thread_local Connection* current_connection = nullptr;

/// A message above this size hands its memory back to the system once it has been handled.
constexpr std::size_t kLargeMessageBytes = 1u << 20;

/// Marks `c` as the connection whose frame this thread handles, for as long as it lives.
class CurrentScope {
 public:
  explicit CurrentScope(Connection* c) noexcept : saved_(current_connection) {
    current_connection = c;
  }
  ~CurrentScope() { current_connection = saved_; }
  CurrentScope(const CurrentScope&) = delete;
  CurrentScope& operator=(const CurrentScope&) = delete;

 private:
  Connection* saved_;
};
}  // namespace

Connection::Connection(EndpointCore& core, std::uint64_t id, std::unique_ptr<Wire> wire,
                       const SessionConfig& config, ConnectionEvents& events)
    : core_(core),
      id_(id),
      wire_(std::move(wire)),
      events_(events),
      session_(core.spec(), config, core.loop(), wire_->strand(), *this, *this) {}

Connection::~Connection() = default;

Connection* Connection::current() noexcept { return current_connection; }

void Connection::on_frame(bool binary, std::string_view payload) {
  CurrentScope scope(this);
  if (payload.size() > kLargeMessageBytes) {
    // The transport frees the message after this returns: give the memory back after that.
    asio::post(strand(), [] { return_free_memory(); });
  }
  if (pause_pending_) {
    pause_pending_ = false;
    apply_pause();
  }
  MemoryBudget& budget = core_.budget();  // counts nothing without a limit
  if (!budget.try_hold(payload.size())) {
    session_.close(1013, "server memory limit reached");
    return;
  }
  struct Release {
    MemoryBudget& budget;
    std::size_t bytes;
    ~Release() { budget.release(bytes); }
  } release{budget, payload.size()};
  session_.on_frame(binary, payload);
}

CloseInfo Connection::on_closed() {
  session_.shutdown();
  core_.forget(*this);
  return wire_->close_info(closed_locally_);
}

bool Connection::write_frame(const std::string& text) {
  const std::size_t before = wire_->buffered();
  if (before > core_.send_queue_max_bytes()) {
    if (!core_.refuse_when_full()) session_.close(1008, "send queue full");
    return false;
  }
  wire_->send_text(text, core_.budget().outgoing());
  if (before + text.size() >= core_.options().flow.high_watermark_bytes) {
    Connection* sender = current_connection;
    core_.over_high_watermark(*this, sender != this ? sender : nullptr);
  }
  return true;
}

void Connection::close(std::uint16_t code, const std::string& reason) {
  closed_locally_ = true;
  wire_->close(code, reason);
}

// websocketpp's resume_reading() always starts a read, and a pause takes effect only once the
// read in flight completes: resuming before then runs two reads on one socket, which
// interleaves the peer's bytes and breaks the connection (seen as 1006 on both sides under
// fan-in load). So a pause is applied only while this connection's frame is being handled,
// where websocketpp's read handler has not yet started the next read; asked for at any other
// time it waits for the connection's next frame. After an applied pause no read is in flight,
// and a resume starts exactly one.
void Connection::pause_reading() {
  if (pause_count_++ != 0) return;
  if (current_connection == this)
    apply_pause();
  else
    pause_pending_ = true;
}

void Connection::resume_reading() {
  if (pause_count_ == 0 || --pause_count_ != 0) return;
  if (pause_pending_) {
    pause_pending_ = false;  // never applied: reading never stopped
    return;
  }
  if (paused_) {
    paused_ = false;
    wire_->resume_reading();
  }
}

void Connection::apply_pause() {
  paused_ = true;
  wire_->pause_reading();
}

void Connection::deliver(Incoming& message) { events_.deliver(*this, message); }

MessageIndex Connection::expected_reply(std::string_view correlation_id,
                                        const MessageIndex* candidates, std::size_t count) {
  return events_.expected_reply(*this, correlation_id, candidates, count);
}

std::optional<std::string> Connection::undecodable(const DecodeError& error,
                                                   std::optional<std::int64_t> seq) {
  return events_.undecodable(*this, error, seq);
}

}  // namespace wirekit::detail
