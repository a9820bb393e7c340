// Where each element of a schema stands in its file, found by its path of keys in the YAML
// (`messages`, `Login`, `fields`, `token`). The model keeps the places of messages, fields,
// types and the like; this map gives every other element's place (a transport key, an enum
// value, a correlation key) and, for an element one version of a schema lacks, the place of
// its nearest enclosing element in that version.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "model/model.hpp"

namespace wirekit::gen {

using SchemaPath = std::vector<std::string>;

class SourceMap {
 public:
  /// Parses the schema text (already validated by the loader); `file` names it in locations.
  SourceMap(const std::string& text, std::string file);

  /// The place of the element at `path`: a mapping's key, or a list's item. A list item is
  /// named by its scalar value, or by the value of its `request` or `message` key. When the
  /// element is absent, the place of the nearest enclosing one (the file's start at worst).
  Location at(const SchemaPath& path) const;
  /// The YAML at `path`, written canonically without the keys `skip`; "" when absent.
  std::string canonical(const SchemaPath& path, const std::vector<std::string>& skip = {}) const;

  const std::string& file() const { return file_; }

 private:
  /// Walks `path` as far as it exists: the nodes whose places stand for each step.
  std::vector<YAML::Node> walk(const SchemaPath& path, YAML::Node& value) const;

  YAML::Node root_;
  std::string file_;
};

}  // namespace wirekit::gen
