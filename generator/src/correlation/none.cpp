// `correlation: {kind: none}`, also when the schema has no `correlation`: replies are not
// matched to requests.
#include "correlation/kind.hpp"

namespace wirekit::gen {
namespace {

class NoCorrelation final : public CorrelationKind {
 public:
  std::vector<std::string_view> keys() const override { return {}; }
  void read(const YamlReader&, const YAML::Node&, const std::string&) override {}
  void validate(const Protocol&, const Location&) const override {}
  bool correlates() const override { return false; }
};

}  // namespace

std::unique_ptr<CorrelationKind> make_no_correlation() { return std::make_unique<NoCorrelation>(); }

}  // namespace wirekit::gen
