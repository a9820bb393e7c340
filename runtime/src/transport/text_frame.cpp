#include "transport/text_frame.hpp"

#include <simdjson.h>

#include <random>

namespace wirekit::detail {

bool valid_utf8(std::string_view text) noexcept {
  return simdjson::validate_utf8(text.data(), text.size());
}

std::uint32_t masking_key() {
  // The operating system's generator, as websocketpp's own client configuration uses; one per
  // thread, so sends on different loop threads do not share a lock.
  thread_local std::random_device device;
  return device();
}

}  // namespace wirekit::detail
