// The kinds of the schema's `correlation`, by the name `kind:` gives them, and the reading of
// the `correlation:` mapping into one of them. A new kind gets its line in kKinds.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "correlation/kind.hpp"
#include "load/yaml_reader.hpp"
#include "model/english.hpp"

namespace wirekit::gen {
namespace {

struct Registered {
  std::string_view name;
  std::unique_ptr<CorrelationKind> (*make)();
};

// In the order error messages list them.
constexpr Registered kKinds[] = {
    {"none", make_no_correlation},
    {"echo", make_echo_correlation},
    {"sequence", make_sequence_correlation},
    {"ack", make_ack_correlation},
};

/// "none, echo, sequence or ack".
std::string kind_names() {
  std::vector<std::string> names;
  for (const auto& kind : kKinds) names.emplace_back(kind.name);
  return or_list(names);
}

/// The keys `correlation:` may have: those of `kind`, or of any kind when null.
std::vector<std::string_view> keys_of(const CorrelationKind* kind) {
  std::vector<std::string_view> keys = {"kind"};
  auto add = [&](const CorrelationKind& k) {
    for (auto key : k.keys())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  if (kind)
    add(*kind);
  else
    for (const auto& k : kKinds) add(*k.make());
  if (!kind || kind->has_timeout()) keys.push_back("timeout_ms");
  keys.push_back("doc");
  return keys;
}

}  // namespace

Correlation read_correlation(const YamlReader& r, const YAML::Node& node) {
  Correlation c;
  c.where = r.at(node);
  const std::string what = "'correlation'";
  r.expect_map(node, what);
  r.check_keys(node, keys_of(nullptr), what);
  const std::string name = r.string(r.require(node, "kind", what), "'kind'");
  std::unique_ptr<CorrelationKind> kind;
  for (const auto& k : kKinds)
    if (k.name == name) kind = k.make();
  if (!kind) r.fail(node["kind"], "'kind' must be " + kind_names() + ", not '" + name + "'");
  // Only the keys of the chosen kind: a key of another kind is a mistake.
  r.check_keys(node, keys_of(kind.get()), what);
  if (node["timeout_ms"])
    c.timeout_ms =
        static_cast<std::uint32_t>(r.integer(node["timeout_ms"], "'timeout_ms'", 0, 86400000));
  kind->read(r, node, what);
  c.rule = std::move(kind);
  return c;
}

const CorrelationKind& Correlation::kind() const {
  static const std::unique_ptr<CorrelationKind> none = make_no_correlation();
  return rule ? *rule : *none;
}

}  // namespace wirekit::gen
