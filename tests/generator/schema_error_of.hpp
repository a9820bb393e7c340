// The error a schema text gives when loaded (as "broken.yaml"), or nullopt when it loads: what
// the generator's error tests assert on.
#pragma once

#include <optional>
#include <string>

#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"

inline std::optional<wirekit::gen::SchemaError> schema_error_of(const std::string& yaml) {
  try {
    wirekit::gen::load_schema_text(yaml, "broken.yaml");
  } catch (const wirekit::gen::SchemaError& e) {
    return e;
  }
  return std::nullopt;
}
