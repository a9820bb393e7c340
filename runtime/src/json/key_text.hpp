// Internal: a correlation id read out of a reply that did not decode (json_lookup.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wirekit::json {

/// The top-level member `key` of the object `json_text`, when it is a string (its unescaped
/// text) or an integer (its decimal digits); nullopt otherwise.
std::optional<std::string> key_text_at(std::string_view json_text, std::string_view key);

}  // namespace wirekit::json
