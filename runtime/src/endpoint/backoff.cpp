#include "wirekit/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace wirekit {

std::uint32_t backoff_delay_ms(const ReconnectOptions& options, std::uint32_t attempt,
                               double jitter_factor) noexcept {
  const double cap = static_cast<double>(options.max_ms);
  double delay = static_cast<double>(options.initial_ms) *
                 std::pow(std::max(1.0, options.multiplier), static_cast<double>(attempt));
  if (!(delay < cap)) delay = cap;
  const double jitter = std::clamp(options.jitter, 0.0, 1.0);
  delay *= std::clamp(jitter_factor, 1.0 - jitter, 1.0 + jitter);
  delay = std::clamp(delay, 0.0, cap * (1.0 + jitter));
  return static_cast<std::uint32_t>(delay);
}

std::uint32_t backoff_delay_ms(const ReconnectOptions& options, std::uint32_t attempt) {
  thread_local std::mt19937 rng{std::random_device{}()};
  const double jitter = std::clamp(options.jitter, 0.0, 1.0);
  std::uniform_real_distribution<double> dist(1.0 - jitter, 1.0 + jitter);
  return backoff_delay_ms(options, attempt, dist(rng));
}

}  // namespace wirekit
