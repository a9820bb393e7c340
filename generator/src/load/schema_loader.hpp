// Reads a schema file into a validated Protocol, or throws SchemaError at file:line:col.
#pragma once

#include <string>

#include "model/model.hpp"

namespace wirekit::gen {

/// Loads and validates the schema at `path`.
Protocol load_schema(const std::string& path);
/// Loads and validates schema text; `file` names it in errors.
Protocol load_schema_text(const std::string& text, const std::string& file);

}  // namespace wirekit::gen
