// Reading one value out of JSON text the codec kept raw (a free-form `json` or `object`
// field), e.g. the ack deadline a handshake payload carries.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wirekit::json {

/// The integer (or integral number) at `dotted_path` ("a.b") inside `json_text`; nullopt when
/// the text is not JSON, the path is absent or the value is not an integer.
std::optional<std::int64_t> integer_at(std::string_view json_text, std::string_view dotted_path);

}  // namespace wirekit::json
