// Small checked accessors over yaml-cpp nodes: every failure is a SchemaError at the
// node's file:line:col, naming what was expected.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.hpp"
#include "model/schema_error.hpp"

namespace wirekit::gen {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  Location at(const YAML::Node& node) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

  /// Fails unless `node` is a mapping; `what` names it in the message.
  void expect_map(const YAML::Node& node, const std::string& what) const;
  /// Fails on keys outside `allowed` and on keys given twice.
  void check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed,
                  const std::string& what) const;
  /// The entries of a mapping in file order, failing on duplicate keys (`what`: "message").
  std::vector<std::pair<YAML::Node, YAML::Node>> entries(const YAML::Node& map,
                                                         const std::string& what) const;
  /// A required key of a mapping.
  YAML::Node require(const YAML::Node& map, const std::string& key, const std::string& what) const;

  std::string string(const YAML::Node& node, const std::string& what) const;
  std::int64_t integer(const YAML::Node& node, const std::string& what, std::int64_t min,
                       std::int64_t max) const;
  bool boolean(const YAML::Node& node, const std::string& what) const;
  std::vector<std::string> string_list(const YAML::Node& node, const std::string& what) const;

  /// An optional string key: `fallback` when absent.
  std::string optional_string(const YAML::Node& map, const std::string& key,
                              const std::string& what, const std::string& fallback = "") const;
  bool optional_bool(const YAML::Node& map, const std::string& key, const std::string& what) const;

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

}  // namespace wirekit::gen
