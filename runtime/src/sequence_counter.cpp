#include "wirekit/sequence_counter.hpp"

namespace wirekit {

SequenceCounter::SequenceCounter(const ProtocolSpec& spec) noexcept
    : enabled_(spec.correlation.kind == CorrelationKind::sequence),
      counts_handshake_(spec.correlation.seq_counts_handshake),
      started_(!spec.session.handshake.present),
      next_(spec.correlation.seq_start) {}

std::optional<std::int64_t> SequenceCounter::count(
    bool is_handshake, std::optional<std::int64_t> reset_value) noexcept {
  if (!enabled_) return std::nullopt;
  if (is_handshake) {
    started_ = true;
    if (!counts_handshake_) return std::nullopt;
  }
  if (!started_) return std::nullopt;
  if (reset_value) {
    next_ = *reset_value + 1;
    return *reset_value;
  }
  return next_++;
}

}  // namespace wirekit
