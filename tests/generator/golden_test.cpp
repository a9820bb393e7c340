// generated/ is exactly what the generator makes from schemas/: no hand edits, no stale SDK.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "load/schema_loader.hpp"
#include "run_command.hpp"

namespace fs = std::filesystem;

TEST_CASE("generated/ equals a fresh generation of every schema", "[golden]") {
  const fs::path root = WIREKIT_SOURCE_DIR;
  std::set<std::string> protocols;
  int schemas = 0;
  for (const auto& entry : fs::directory_iterator(root / "schemas")) {
    if (entry.path().extension() != ".yaml") continue;
    ++schemas;
    protocols.insert(wirekit::gen::load_schema(entry.path().string()).name);
    const auto r = run_command(gen_binary() + " " + entry.path().string() + " --out " +
                               (root / "generated").string() + " --check");
    INFO(r.out);
    CHECK(r.status == 0);
  }
  CHECK(schemas == static_cast<int>(protocols.size()));
  for (const char* required : {"flet", "concierge", "sync", "rise", "tetra"})
    CHECK(protocols.count(required) == 1);
  // Every SDK folder comes from a schema.
  for (const auto& entry : fs::directory_iterator(root / "generated"))
    if (entry.is_directory()) CHECK(protocols.count(entry.path().filename().string()) == 1);
}

TEST_CASE("the example in schemas/README.md is a valid schema", "[golden]") {
  const fs::path root = WIREKIT_SOURCE_DIR;
  std::ifstream in(root / "schemas" / "README.md");
  std::string line, yaml;
  bool inside = false, done = false;
  while (!done && std::getline(in, line)) {
    if (!inside && line == "```yaml") {
      inside = true;
    } else if (inside && line == "```") {
      done = true;
    } else if (inside) {
      yaml += line + "\n";
    }
  }
  REQUIRE(done);
  const auto p = wirekit::gen::load_schema_text(yaml, "README.md");
  CHECK(p.name == "chat");
  CHECK(p.messages.size() == 3);
}
