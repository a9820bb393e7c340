// The close code the runtime uses for a condition: the schema's code when it gives one,
// else a standard WebSocket code.
#pragma once

#include <cstdint>

#include "wirekit/protocol_spec.hpp"

namespace wirekit {

/// spec.close_code_for(condition) when non-zero; otherwise the condition's standard code
/// (kConditions in wirekit/condition.hpp).
std::uint16_t close_code(const ProtocolSpec& spec, Condition condition) noexcept;

}  // namespace wirekit
