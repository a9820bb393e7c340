// The conditions the runtime detects itself. A schema maps each to a close code
// (`session.close_codes.<code>.on: [...]`); without one the runtime uses the standard code
// listed here. This file is the one list: the runtime's enum, the names the generator accepts
// in schemas and the fallback codes all come from it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace wirekit {

enum class Condition : std::uint8_t {
  handshake_timeout,
  handshake_wrong_message,
  handshake_undecodable,
  binary_frame,
  undecodable,
  missing_field,
  wrong_type,
  invalid_value,
  ack_unknown,
  ack_duplicate,
  ack_timeout,
  rate_limit,
  too_large,
  internal_error,
  repeated_handshake,
  subprotocol_not_offered,
  duplicate_stream_key,
};

struct ConditionInfo {
  Condition condition;
  std::string_view name;        ///< as written in schemas, e.g. "ack_timeout"
  std::uint16_t fallback_code;  ///< the standard close code when the schema maps it to none
  std::string_view doc;         ///< when the runtime detects it
};

inline constexpr std::array<ConditionInfo, 17> kConditions = {{
    {Condition::handshake_timeout, "handshake_timeout", 1008,
     "the handshake's first message did not arrive within its deadline"},
    {Condition::handshake_wrong_message, "handshake_wrong_message", 1008,
     "the first payload is another message than the handshake's"},
    {Condition::handshake_undecodable, "handshake_undecodable", 1007,
     "the first frame is not text or cannot be decoded"},
    {Condition::binary_frame, "binary_frame", 1003, "a binary frame where only text is allowed"},
    {Condition::undecodable, "undecodable", 1007,
     "not JSON, not an object, or no valid tag (after the handshake)"},
    {Condition::missing_field, "missing_field", 1007, "a required field is missing"},
    {Condition::wrong_type, "wrong_type", 1007, "a field has the wrong JSON type"},
    {Condition::invalid_value, "invalid_value", 1007,
     "a field has the right type but an invalid value (enum, uuid, timestamp, limit, pattern)"},
    {Condition::ack_unknown, "ack_unknown", 1008, "an ack names an event that was never sent"},
    {Condition::ack_duplicate, "ack_duplicate", 1008, "an ack names an event acked before"},
    {Condition::ack_timeout, "ack_timeout", 1008, "an event was not acked within the deadline"},
    {Condition::rate_limit, "rate_limit", 1008, "the peer sent more than the rate limit allows"},
    {Condition::too_large, "too_large", 1009, "a message larger than the maximum size"},
    {Condition::internal_error, "internal_error", 1011, "the endpoint failed internally"},
    {Condition::repeated_handshake, "repeated_handshake", 1008,
     "the handshake's first message arrived again after the handshake"},
    {Condition::subprotocol_not_offered, "subprotocol_not_offered", 1002,
     "the client did not offer the subprotocol (transport.unoffered_subprotocol: close)"},
    {Condition::duplicate_stream_key, "duplicate_stream_key", 1008,
     "a client opened a stream with the key of one of its streams still open; only with a "
     "close code mapped to it (without one, several streams may share a key)"},
}};

/// The entry of `condition` in kConditions.
constexpr const ConditionInfo& info(Condition condition) noexcept {
  return kConditions[static_cast<std::size_t>(condition)];
}

/// A short stable name for a condition, e.g. "ack_timeout".
constexpr std::string_view to_string(Condition condition) noexcept { return info(condition).name; }

/// The condition called `name` in schemas, if any.
constexpr std::optional<Condition> condition_named(std::string_view name) noexcept {
  for (const auto& c : kConditions)
    if (c.name == name) return c.condition;
  return std::nullopt;
}

namespace detail {
constexpr bool conditions_in_enum_order() noexcept {
  for (std::size_t i = 0; i < kConditions.size(); ++i)
    if (static_cast<std::size_t>(kConditions[i].condition) != i) return false;
  return true;
}
}  // namespace detail
static_assert(detail::conditions_in_enum_order(), "kConditions must list the enum in order");
static_assert(static_cast<std::size_t>(Condition::duplicate_stream_key) + 1 == kConditions.size(),
              "every Condition needs its kConditions entry");

}  // namespace wirekit
