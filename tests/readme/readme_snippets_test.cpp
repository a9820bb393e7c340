// Every C++ block of README.md is compiled: each is preceded by a line
// `<!-- snippet: tests/readme/FILE.cpp -->` (or `... FILE.cpp NAME -->`) and must equal the
// lines between that file's `// [readme]` (or `// [readme NAME]`) and `// [/readme]` markers,
// each region with its common indentation removed, regions in order. The files are compiled
// as the target readme_snippets (with -Wall -Wextra), so the README cannot drift from the API.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

// The lines of the regions named `name` ("" for `// [readme]`), each dedented.
std::vector<std::string> snippet(const std::string& file, const std::string& name) {
  const std::string open = name.empty() ? "// [readme]" : "// [readme " + name + "]";
  std::vector<std::string> out, region;
  bool inside = false;
  auto flush = [&] {
    std::size_t indent = std::string::npos;
    for (const auto& l : region)
      if (!trimmed(l).empty()) indent = std::min(indent, l.size() - trimmed(l).size());
    for (const auto& l : region) out.push_back(trimmed(l).empty() ? "" : l.substr(indent));
    region.clear();
  };
  for (const auto& line : lines_of(file)) {
    if (trimmed(line) == open) {
      REQUIRE_FALSE(inside);
      inside = true;
    } else if (inside && trimmed(line) == "// [/readme]") {
      inside = false;
      flush();
    } else if (inside) {
      region.push_back(line);
    }
  }
  REQUIRE_FALSE(inside);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::ostringstream out;
  for (const auto& l : lines) out << l << "\n";
  return out.str();
}

}  // namespace

TEST_CASE("every C++ block of README.md is a compiled snippet", "[readme]") {
  const std::string root = WIREKIT_SOURCE_DIR;
  const auto readme = lines_of(root + "/README.md");
  int blocks = 0;
  for (std::size_t i = 0; i < readme.size(); ++i) {
    if (readme[i] != "```cpp") continue;
    ++blocks;
    INFO("README.md:" << i + 1);
    const std::string marker = i > 0 ? readme[i - 1] : "";
    const std::string prefix = "<!-- snippet: ";
    REQUIRE(marker.rfind(prefix, 0) == 0);
    REQUIRE(marker.size() > prefix.size() + 4);
    REQUIRE(marker.substr(marker.size() - 4) == " -->");
    std::string target = marker.substr(prefix.size(), marker.size() - prefix.size() - 4);
    std::string name;
    if (const auto space = target.find(' '); space != std::string::npos) {
      name = target.substr(space + 1);
      target.resize(space);
    }
    std::vector<std::string> block;
    std::size_t j = i + 1;
    for (; j < readme.size() && readme[j] != "```"; ++j) block.push_back(readme[j]);
    REQUIRE(j < readme.size());
    const auto expected = snippet(root + "/" + target, name);
    REQUIRE_FALSE(expected.empty());
    CHECK(joined(block) == joined(expected));
  }
  CHECK(blocks >= 6);
}
