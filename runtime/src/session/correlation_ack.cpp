// Ack correlation (event-ack-sync): every event is acknowledged exactly once, within a deadline
// (the schema's, the one the handshake negotiated, or an option); unknown and duplicate acks
// and missed deadlines close the connection with the schema's codes.
#include <asio/bind_executor.hpp>
#include <asio/steady_timer.hpp>

#include <algorithm>
#include <cctype>
#include <memory>

#include "session/correlation.hpp"
#include "wirekit/ack_tracker.hpp"
#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit::detail {
namespace {

class AckCorrelationRule final : public Correlation {
 public:
  AckCorrelationRule(const ProtocolSpec& spec, const SessionConfig& config,
                     SessionServices& services)
      : spec_(spec),
        rule_(*spec.correlation.as<AckCorrelation>()),
        config_(config),
        services_(services),
        timer_(services.loop()) {}

  Received on_received(const FrameHeader& header, bool) override {
    Received r;
    if (header.message != rule_.ack) return r;
    r.consumed = true;
    std::string id(header.event_id);
    // UUIDs compare case-insensitively (RFC 4122); ours are sent in lower case.
    if (Uuid::parse(id))
      std::transform(id.begin(), id.end(), id.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    switch (acks_.acknowledge(id)) {
      case AckTracker::Result::acked:
        arm_timer();
        services_.acked(id);
        break;
      case AckTracker::Result::unknown:
        services_.violation(Condition::ack_unknown, "ack for unknown event " + id);
        break;
      case AckTracker::Result::duplicate:
        services_.violation(Condition::ack_duplicate, "duplicate ack for event " + id);
        break;
    }
    return r;
  }

  std::string track_event(std::string id) override {
    if (stopped_) return id;
    std::optional<AckTracker::Clock::time_point> deadline;
    if (auto ms = deadline_ms())
      deadline = AckTracker::Clock::now() + std::chrono::milliseconds(*ms);
    acks_.track(id, deadline);
    arm_timer();
    return id;
  }

  void delivered_event(std::string_view event_id, bool taken_over) override {
    if (!event_id.empty() && config_.auto_ack && !taken_over) write_ack(event_id);
  }

  void write_ack(std::string_view event_id) override {
    if (stopped_ || !spec_.codec.ack) return;
    services_.write_runtime_text(spec_.codec.ack(event_id, Timestamp::now().str()));
  }

  void set_negotiated_deadline(std::int64_t ms) override {
    if (ms > 0 && ms <= 0xFFFFFFFFll) negotiated_ms_ = static_cast<std::uint32_t>(ms);
  }

  std::size_t pending_acks() const override { return acks_.pending(); }

  void shutdown() override {
    stopped_ = true;
    timer_.cancel();
    armed_at_.reset();
  }

 private:
  std::optional<std::uint32_t> deadline_ms() const {
    std::uint32_t ms = spec_.session.ack_deadline_ms;
    if (config_.ack_deadline_ms)
      ms = *config_.ack_deadline_ms;
    else if (negotiated_ms_)
      ms = *negotiated_ms_;
    if (ms == 0) return std::nullopt;
    return ms;
  }

  // One timer per connection, armed at the earliest pending deadline.
  void arm_timer() {
    if (stopped_) return;
    auto next = acks_.next_deadline();
    if (!next) {
      if (armed_at_) timer_.cancel();
      armed_at_.reset();
      return;
    }
    if (armed_at_ && *armed_at_ <= *next) return;  // an earlier wake-up is armed
    armed_at_ = next;
    timer_.expires_at(*next);
    std::weak_ptr<char> alive = alive_;
    timer_.async_wait(asio::bind_executor(services_.strand(), [this, alive](std::error_code ec) {
      // A wait that completed before the rule was destroyed still runs: check it lives.
      if (ec || !alive.lock() || stopped_) return;
      armed_at_.reset();
      if (auto id = acks_.overdue(AckTracker::Clock::now())) {
        services_.violation(Condition::ack_timeout, "event " + *id + " not acknowledged within " +
                                                        std::to_string(deadline_ms().value_or(0)) +
                                                        " ms");
        return;
      }
      arm_timer();
    }));
  }

  const ProtocolSpec& spec_;
  AckCorrelation rule_;
  SessionConfig config_;
  SessionServices& services_;
  AckTracker acks_;
  asio::steady_timer timer_;
  std::optional<AckTracker::Clock::time_point> armed_at_;
  std::optional<std::uint32_t> negotiated_ms_;
  bool stopped_ = false;
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace

std::unique_ptr<Correlation> make_ack_correlation(const ProtocolSpec& spec,
                                                  const SessionConfig& config,
                                                  SessionServices& services) {
  return std::make_unique<AckCorrelationRule>(spec, config, services);
}

}  // namespace wirekit::detail
