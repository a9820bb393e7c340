// Parses type expressions such as `string`, `array<uuid>`, `map<array<Command>>`.
#pragma once

#include <string>

#include "model/model.hpp"

namespace wirekit::gen {

/// Parses `text`; `where` locates its first character. Names are not resolved here.
TypeRef parse_type(const std::string& text, const Location& where);
/// The expression written back, for messages.
std::string describe(const TypeRef& type);

}  // namespace wirekit::gen
