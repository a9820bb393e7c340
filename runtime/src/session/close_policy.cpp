#include "wirekit/close_policy.hpp"

namespace wirekit {

std::uint16_t close_code(const ProtocolSpec& spec, Condition condition) noexcept {
  if (auto code = spec.close_code_for(condition)) return code;
  return info(condition).fallback_code;
}

}  // namespace wirekit
