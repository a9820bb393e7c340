// A bound on how deeply a schema's YAML nests, checked on the text before yaml-cpp parses it:
// yaml-cpp's recursive parser gives up on deep input with an unlocated "bad file", and a
// schema never needs more than a dozen levels.
#pragma once

#include <string>

namespace wirekit::gen {

/// Schemas nest at most this deep (block indentation levels plus flow brackets).
inline constexpr int kMaxYamlNesting = 64;

/// Throws a SchemaError at the line and column where `text` nests deeper than kMaxYamlNesting.
void check_nesting(const std::string& text, const std::string& file);

}  // namespace wirekit::gen
