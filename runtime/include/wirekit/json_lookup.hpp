// Reading one value out of JSON text the codec kept raw (a free-form `json` or `object`
// field), e.g. the ack deadline a handshake payload carries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wirekit::json {

/// The integer (or integral number) at `dotted_path` ("a.b") inside `json_text`; nullopt when
/// the text is not JSON, the path is absent or the value is not an integer.
std::optional<std::int64_t> integer_at(std::string_view json_text, std::string_view dotted_path);

/// The top-level member `key` of the object `json_text`, when it is a string (its unescaped
/// text) or an integer (its decimal digits); nullopt otherwise. For a correlation id read out
/// of a payload that did not decode.
std::optional<std::string> key_text_at(std::string_view json_text, std::string_view key);

}  // namespace wirekit::json
