// The `when:` conditions of streams' items, ends and failures: each gets one bit of
// FrameHeader::stream_conditions, which the generated header_of() sets from the message's
// field values and the StreamSpec entries reference. Shared by the protocol emitter (both),
// the server emitter (a default failure built from its condition) and the validator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace wirekit::gen {

struct StreamCondition {
  const Stream* stream;
  std::string message;
  const StreamWhen* when;
  std::uint32_t bit;  ///< the mask of this condition's bit
};

/// Every condition of the protocol, bits assigned in schema order (at most 32).
std::vector<StreamCondition> stream_conditions(const Protocol& p);
/// The mask of `when` (of `message` in a stream); 0 when `when` is empty.
std::uint32_t condition_mask(const Protocol& p, const StreamWhen& when);
/// The C++ literal of `value` for field `f` (a string, integer, boolean or enum field); ""
/// when the value does not fit the field's type.
std::string field_value_literal(const Protocol& p, const Field& f, const std::string& value);
/// The C++ test that `message.<f>` has `value` (its optional holds it).
std::string field_value_test(const Protocol& p, const Field& f, const std::string& value);

}  // namespace wirekit::gen
