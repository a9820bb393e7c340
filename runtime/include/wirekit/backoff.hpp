// Reconnection delays: exponential backoff with jitter.
#pragma once

#include <cstdint>

namespace wirekit {

struct ReconnectOptions {
  bool enabled = false;
  std::uint32_t initial_ms = 100;
  std::uint32_t max_ms = 10000;
  double multiplier = 2.0;
  double jitter = 0.2;  ///< each delay is scaled by a random factor in [1-jitter, 1+jitter]
  std::uint32_t max_attempts =
      0;  ///< consecutive failed attempts before giving up; 0: never give up
};

/// The delay before attempt number `attempt` (0-based): min(max_ms, initial_ms *
/// multiplier^attempt), scaled by `jitter_factor` (a value in [1-jitter, 1+jitter]),
/// and never above max_ms * (1 + jitter).
std::uint32_t backoff_delay_ms(const ReconnectOptions& options, std::uint32_t attempt,
                               double jitter_factor) noexcept;

/// backoff_delay_ms with a random jitter factor.
std::uint32_t backoff_delay_ms(const ReconnectOptions& options, std::uint32_t attempt);

}  // namespace wirekit
