#include "wirekit/close_policy.hpp"

namespace wirekit {

std::uint16_t close_code(const ProtocolSpec& spec, Condition condition) noexcept {
  if (auto code = spec.close_code_for(condition)) return code;
  switch (condition) {
    case Condition::binary_frame:
      return 1003;
    case Condition::too_large:
      return 1009;
    case Condition::internal_error:
      return 1011;
    case Condition::handshake_undecodable:
    case Condition::undecodable:
    case Condition::missing_field:
    case Condition::wrong_type:
    case Condition::invalid_value:
      return 1007;
    case Condition::handshake_timeout:
    case Condition::handshake_wrong_message:
    case Condition::ack_unknown:
    case Condition::ack_duplicate:
    case Condition::ack_timeout:
    case Condition::rate_limit:
      return 1008;
  }
  return 1008;
}

const char* to_string(Condition condition) noexcept {
  switch (condition) {
    case Condition::handshake_timeout:
      return "handshake_timeout";
    case Condition::handshake_wrong_message:
      return "handshake_wrong_message";
    case Condition::handshake_undecodable:
      return "handshake_undecodable";
    case Condition::binary_frame:
      return "binary_frame";
    case Condition::undecodable:
      return "undecodable";
    case Condition::missing_field:
      return "missing_field";
    case Condition::wrong_type:
      return "wrong_type";
    case Condition::invalid_value:
      return "invalid_value";
    case Condition::ack_unknown:
      return "ack_unknown";
    case Condition::ack_duplicate:
      return "ack_duplicate";
    case Condition::ack_timeout:
      return "ack_timeout";
    case Condition::rate_limit:
      return "rate_limit";
    case Condition::too_large:
      return "too_large";
    case Condition::internal_error:
      return "internal_error";
  }
  return "unknown";
}

}  // namespace wirekit
