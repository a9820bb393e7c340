#include "load/yaml_reader.hpp"

#include <algorithm>
#include <set>

namespace wirekit::gen {

Location YamlReader::at(const YAML::Node& node) const {
  const auto mark = node.Mark();
  return Location{file_, mark.line + 1, mark.column + 1};
}

void YamlReader::fail(const YAML::Node& node, const std::string& message) const {
  throw SchemaError(at(node), message);
}

void YamlReader::expect_map(const YAML::Node& node, const std::string& what) const {
  if (!node.IsMap()) fail(node, what + " must be a mapping (key: value lines)");
}

void YamlReader::check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed,
                            const std::string& what) const {
  for (const auto& [key, value] : entries(map, "key")) {
    const std::string name = key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    fail(key, "unknown key '" + name + "' in " + what + "; expected one of: " + list);
  }
}

std::vector<std::pair<YAML::Node, YAML::Node>> YamlReader::entries(const YAML::Node& map,
                                                                   const std::string& what) const {
  std::vector<std::pair<YAML::Node, YAML::Node>> out;
  if (!map || map.IsNull()) return out;
  std::set<std::string> seen;
  for (const auto& it : map) {
    if (!it.first.IsScalar()) fail(it.first, "a " + what + " name must be a plain word");
    const std::string& name = it.first.Scalar();
    if (!seen.insert(name).second) {
      Location first;
      for (const auto& earlier : out)
        if (earlier.first.Scalar() == name) first = at(earlier.first);
      fail(it.first, "duplicate " + what + " '" + name + "' (first defined at line " +
                         std::to_string(first.line) + ")");
    }
    out.emplace_back(it.first, it.second);
  }
  return out;
}

YAML::Node YamlReader::require(const YAML::Node& map, const std::string& key,
                               const std::string& what) const {
  YAML::Node value = map[key];
  if (!value) fail(map, "missing required key '" + key + "' in " + what);
  return value;
}

std::string YamlReader::string(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, what + " must be a string");
  return node.Scalar();
}

std::int64_t YamlReader::integer(const YAML::Node& node, const std::string& what, std::int64_t min,
                                 std::int64_t max) const {
  std::int64_t value = 0;
  // Plain decimal only: YAML would read 04000 as octal and 0x10 as hex.
  const std::string& text = node.IsScalar() ? node.Scalar() : std::string();
  const std::size_t digits = text.size() - (!text.empty() && text[0] == '-' ? 1 : 0);
  const bool decimal = digits > 0 && text.find_first_not_of("-0123456789") == std::string::npos &&
                       (digits == 1 || text[text.size() - digits] != '0');
  if (!node.IsScalar() || !decimal || !YAML::convert<std::int64_t>::decode(node, value))
    fail(node, what + " must be a decimal integer");
  if (value < min || value > max)
    fail(node, what + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  return value;
}

bool YamlReader::boolean(const YAML::Node& node, const std::string& what) const {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
    fail(node, what + " must be true or false");
  return value;
}

std::vector<std::string> YamlReader::string_list(const YAML::Node& node,
                                                 const std::string& what) const {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) fail(node, what + " must be a list of names, e.g. [A, B]");
  for (const auto& item : node) out.push_back(string(item, what + " entry"));
  return out;
}

std::string YamlReader::optional_string(const YAML::Node& map, const std::string& key,
                                        const std::string& what,
                                        const std::string& fallback) const {
  const YAML::Node value = map[key];
  if (!value) return fallback;
  return string(value, what + " '" + key + "'");
}

bool YamlReader::optional_bool(const YAML::Node& map, const std::string& key,
                               const std::string& what) const {
  const YAML::Node value = map[key];
  if (!value) return false;
  return boolean(value, what + " '" + key + "'");
}

}  // namespace wirekit::gen
