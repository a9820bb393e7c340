// generated/ is exactly what the generator makes from schemas/: no hand edits, no stale SDK.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "load/schema_loader.hpp"
#include "run_command.hpp"

namespace fs = std::filesystem;

// With each protocol's reference and AsyncAPI document (scripts/regenerate.sh writes them).
TEST_CASE("generated/ equals a fresh generation of every schema", "[golden]") {
  const fs::path root = WIREKIT_SOURCE_DIR;
  std::set<std::string> protocols;
  int schemas = 0;
  for (const auto& entry : fs::directory_iterator(root / "schemas")) {
    if (entry.path().extension() != ".yaml") continue;
    ++schemas;
    protocols.insert(wirekit::gen::load_schema(entry.path().string()).name);
    const auto r = run_command(gen_binary() + " " + entry.path().string() + " --out " +
                               (root / "generated").string() + " --check --docs --asyncapi");
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

namespace {

/// The hooks the runtime's stub templates call, as generated code names them.
const std::vector<std::string> kHooks = {"header_of(",   "set_correlation_id(", "set_reply_to(",
                                         "stamp_event(", "set_stream_key(",     "message_index"};

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("generated headers keep the runtime's plumbing in <name>::detail", "[golden]") {
  const fs::path root = WIREKIT_SOURCE_DIR;
  int headers = 0;
  for (const auto& sdk : fs::directory_iterator(root / "generated")) {
    if (!sdk.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(sdk.path())) {
      if (file.path().extension() != ".hpp") continue;
      ++headers;
      bool in_detail = false;
      for (const std::string& line : lines_of(file.path())) {
        if (line == "namespace detail {") in_detail = true;
        if (line == "}  // namespace detail") in_detail = false;
        const auto first = line.find_first_not_of(' ');
        if (in_detail || first == std::string::npos || line.compare(first, 2, "//") == 0) continue;
        for (const std::string& hook : kHooks) {
          // Outside detail, a hook is only named through it (detail::, Hooks::).
          const auto at = line.find(hook);
          if (at == std::string::npos) continue;
          INFO(file.path().string() << ": " << line);
          CHECK((line.rfind("detail::", at) != std::string::npos ||
                 line.rfind("Hooks::", at) != std::string::npos));
        }
      }
    }
  }
  CHECK(headers > 0);
}

TEST_CASE("user code includes no wirekit/codegen header", "[golden]") {
  // README.md, its compiled snippets and the examples show what user code includes: only the
  // public headers; wirekit/codegen/ is for generated code.
  const fs::path root = WIREKIT_SOURCE_DIR;
  std::vector<fs::path> files = {root / "README.md"};
  for (const char* folder : {"examples", "tests/readme"})
    for (const auto& entry : fs::recursive_directory_iterator(root / folder))
      if (entry.is_regular_file()) files.push_back(entry.path());
  for (const auto& file : files)
    for (const std::string& line : lines_of(file)) {
      INFO(file.string() << ": " << line);
      CHECK(line.find("wirekit/codegen/") == std::string::npos);
    }
  CHECK(files.size() > 1);
}
