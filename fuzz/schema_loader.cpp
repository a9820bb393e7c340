// Fuzz target: the schema loader and validator, then every emitter on what loads. A broken
// schema must give a located SchemaError; nothing may crash, hang or throw anything else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "emit/emitters.hpp"
#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto protocol = wirekit::gen::load_schema_text(text, "fuzz.yaml");
    (void)wirekit::gen::generate_all(protocol);
  } catch (const wirekit::gen::SchemaError& e) {
    if (e.where().line < 1 || e.where().column < 1 || e.message().empty()) __builtin_trap();
  }
  return 0;
}
