// Sequence correlation (concierge `seq`): the server numbers the payloads it receives, the
// client numbers the payloads it sends the same way, and a reply carries the number of the
// payload it answers.
#include <charconv>

#include "session/correlation.hpp"
#include "wirekit/sequence_counter.hpp"

namespace wirekit::detail {
namespace {

class SequenceCorrelationRule final : public Correlation {
 public:
  SequenceCorrelationRule(const ProtocolSpec& spec, Side local)
      : rule_(*spec.correlation.as<SequenceCorrelation>()),
        local_(local),
        counter_(rule_.start, rule_.counts_handshake, spec.session.handshake.present()) {}

  std::optional<std::uint64_t> next_request_key(std::string& id_text) override {
    // The key is the number the request gets when it is written (on_sent): a reset message
    // gets its own value. The predicted number is what a raw builder sees.
    char buffer[24];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, counter_.next());
    (void)ec;
    id_text.assign(buffer, end);
    return std::nullopt;
  }
  std::optional<std::uint64_t> reply_key(const FrameHeader& header) const override {
    if (!header.seq || *header.seq < 0) return std::nullopt;
    return static_cast<std::uint64_t>(*header.seq);
  }
  std::optional<std::int64_t> on_sent(const MessageFacts& facts, bool handshake) override {
    if (local_ != Side::client) return std::nullopt;
    return count(facts, handshake);
  }
  Received on_received(const FrameHeader& header, bool handshake) override {
    Received r;
    if (local_ == Side::server)
      r.seq = count(header, handshake);
    else
      r.seq = header.seq;
    return r;
  }
  std::optional<std::int64_t> on_received_undecodable(bool handshake) override {
    if (local_ != Side::server) return std::nullopt;
    return counter_.count(handshake, std::nullopt);
  }
  std::int64_t next_seq() const override { return counter_.next(); }

 private:
  std::optional<std::int64_t> count(const MessageFacts& facts, bool handshake) {
    std::optional<std::int64_t> reset;
    if (facts.message != kNoMessage && facts.message == rule_.reset) reset = facts.counter_reset;
    return counter_.count(handshake, reset);
  }

  SequenceCorrelation rule_;
  Side local_;
  SequenceCounter counter_;
};

}  // namespace

std::unique_ptr<Correlation> make_sequence_correlation(const ProtocolSpec& spec, Side local) {
  return std::make_unique<SequenceCorrelationRule>(spec, local);
}

}  // namespace wirekit::detail
