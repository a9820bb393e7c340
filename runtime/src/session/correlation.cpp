// The correlation interface's defaults (kind none), the factory and the echo kind.
#include "session/correlation.hpp"

#include <charconv>

namespace wirekit::detail {

std::optional<std::uint64_t> Correlation::next_request_key(std::string&) { return std::nullopt; }
std::optional<std::uint64_t> Correlation::reply_key(const FrameHeader&) const {
  return std::nullopt;
}
std::optional<std::int64_t> Correlation::on_sent(const MessageFacts&, bool) { return std::nullopt; }
Received Correlation::on_received(const FrameHeader&, bool) { return {}; }
std::optional<std::int64_t> Correlation::on_received_undecodable(bool) { return std::nullopt; }
std::int64_t Correlation::next_seq() const { return 0; }
std::string Correlation::track_event(std::string id) { return id; }
void Correlation::delivered_event(std::string_view, bool) {}
void Correlation::write_ack(std::string_view) {}
void Correlation::set_negotiated_deadline(std::int64_t) {}
std::size_t Correlation::pending_acks() const { return 0; }
void Correlation::shutdown() {}

std::optional<std::uint64_t> parse_key(std::string_view text) noexcept {
  std::uint64_t key = 0;
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), key);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return key;
}

namespace {

/// Echo: each request carries a fresh decimal id; its reply echoes it.
class EchoCorrelationRule final : public Correlation {
 public:
  std::optional<std::uint64_t> next_request_key(std::string& id_text) override {
    const std::uint64_t key = ++last_;
    char buffer[24];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, key);
    (void)ec;
    id_text.assign(buffer, end);
    return key;
  }
  std::optional<std::uint64_t> reply_key(const FrameHeader& header) const override {
    return parse_key(header.correlation_id);
  }

 private:
  std::uint64_t last_ = 0;
};

}  // namespace

std::unique_ptr<Correlation> make_echo_correlation() {
  return std::make_unique<EchoCorrelationRule>();
}

std::unique_ptr<Correlation> make_correlation(const ProtocolSpec& spec, const SessionConfig& config,
                                              SessionServices& services) {
  if (spec.correlation.as<EchoCorrelation>()) return make_echo_correlation();
  if (spec.correlation.as<SequenceCorrelation>())
    return make_sequence_correlation(spec, config.local);
  if (spec.correlation.as<AckCorrelation>()) return make_ack_correlation(spec, config, services);
  return std::make_unique<Correlation>();
}

}  // namespace wirekit::detail
