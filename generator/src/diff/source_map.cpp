#include "diff/source_map.hpp"

#include <algorithm>
#include <utility>

namespace wirekit::gen {
namespace {

/// The name of a list item: its scalar value, or that of its `request` or `message` key.
std::string item_name(const YAML::Node& item) {
  if (item.IsScalar()) return item.Scalar();
  if (!item.IsMap()) return "";
  for (const char* key : {"request", "message"})
    if (item[key] && item[key].IsScalar()) return item[key].Scalar();
  return "";
}

Location location(const std::string& file, const YAML::Node& node) {
  const auto mark = node.Mark();
  return Location{file, mark.line + 1, mark.column + 1};
}

}  // namespace

SourceMap::SourceMap(const std::string& text, std::string file)
    : root_(YAML::Load(text)), file_(std::move(file)) {}

std::vector<YAML::Node> SourceMap::walk(const SchemaPath& path, YAML::Node& value) const {
  std::vector<YAML::Node> places;
  // Nodes are handles: assigning one would overwrite the schema, so they are reset.
  YAML::Node node;
  node.reset(root_);
  for (const auto& step : path) {
    bool found = false;
    if (node.IsMap()) {
      for (auto it = node.begin(); !found && it != node.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == step) {
          places.push_back(it->first);
          node.reset(it->second);
          found = true;
        }
    } else if (node.IsSequence()) {
      for (auto it = node.begin(); !found && it != node.end(); ++it)
        if (item_name(*it) == step) {
          places.push_back(*it);
          node.reset(*it);
          found = true;
        }
    }
    if (!found) break;
  }
  if (places.size() == path.size()) value.reset(node);
  return places;
}

Location SourceMap::at(const SchemaPath& path) const {
  YAML::Node value;
  const auto places = walk(path, value);
  if (places.empty()) return Location{file_, 1, 1};
  return location(file_, places.back());
}

std::string SourceMap::canonical(const SchemaPath& path,
                                 const std::vector<std::string>& skip) const {
  YAML::Node value;
  walk(path, value);
  if (!value || value.IsNull()) return "";
  if (!value.IsMap()) return YAML::Dump(value);
  // Sorted keys, so that reordering is no change.
  std::vector<std::pair<std::string, std::string>> entries;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (std::find(skip.begin(), skip.end(), key) == skip.end())
      entries.emplace_back(key, YAML::Dump(it->second));
  }
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (const auto& [key, text] : entries) out += key + ": " + text + "\n";
  return out;
}

}  // namespace wirekit::gen
