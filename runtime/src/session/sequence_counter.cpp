#include "wirekit/sequence_counter.hpp"

namespace wirekit {

std::optional<std::int64_t> SequenceCounter::count(
    bool is_handshake, std::optional<std::int64_t> reset_value) noexcept {
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
