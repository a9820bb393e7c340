// The close code the runtime uses for a condition: the schema's code when it gives one,
// else a standard WebSocket code.
#pragma once

#include <cstdint>

#include "wirekit/protocol_spec.hpp"

namespace wirekit {

/// spec.close_code_for(condition) when non-zero; otherwise the standard fallback:
/// binary_frame 1003, too_large 1009, internal_error 1011, the decode conditions
/// (handshake_undecodable, undecodable, missing_field, wrong_type, invalid_value) 1007,
/// all others (handshake, acks, rate limit) 1008.
std::uint16_t close_code(const ProtocolSpec& spec, Condition condition) noexcept;

/// A short stable name for a condition, e.g. "ack_timeout".
const char* to_string(Condition condition) noexcept;

}  // namespace wirekit
