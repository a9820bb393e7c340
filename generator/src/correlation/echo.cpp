// `correlation: {kind: echo}`: the runtime writes a fresh id into each request's
// `request_field`, and the reply carries it back in `response_field` (Flet and Tetra `id`, Rise
// `key`).
#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "load/yaml_reader.hpp"
#include "model/schema_error.hpp"

namespace wirekit::gen {
namespace {

class EchoCorrelation final : public CorrelationKind {
 public:
  std::vector<std::string_view> keys() const override {
    return {"request_field", "response_field"};
  }
  bool has_timeout() const override { return true; }

  void read(const YamlReader& r, const YAML::Node& node, const std::string& what) override {
    request_field_ = r.string(r.require(node, "request_field", what), "'request_field'");
    response_field_ = r.optional_string(node, "response_field", what, request_field_);
  }

  void validate(const Protocol& p, const Location&) const override {
    for (const auto& i : p.interactions) {
      if (!i.correlated) continue;
      const Message* req = p.find_message(i.request);
      if (!p.top_level_field(*req, request_field_))
        throw SchemaError(i.where, "request '" + i.request + "' has no top-level field '" +
                                       request_field_ + "' for correlation");
      require_reply_field(p, i, response_field_, "correlation");
    }
  }

  std::string reply_key() const override { return response_field_; }
  std::string request_key() const override { return request_field_; }

  void emit_spec(Printer& out) const override {
    out.line("s.correlation.kind = wirekit::EchoCorrelation{};");
  }

  std::vector<std::string> header_statements(const Protocol& p, const Message& m) const override {
    const Field* f = p.top_level_field(m, request_field_);
    if (!f) f = p.top_level_field(m, response_field_);
    if (!f) return {};
    return {"header.correlation_id = wirekit::id_text(message." + f->cpp_name +
            ", header.id_buffer);"};
  }

  std::vector<std::string> request_id_statements(const Protocol& p,
                                                 const Message& request) const override {
    return {assign_text(*p.top_level_field(request, request_field_), "id")};
  }

  std::vector<std::string> reply_to_statements(const Protocol& p,
                                               const Message& reply) const override {
    return {assign_text(*p.top_level_field(reply, response_field_), "to.id")};
  }

 private:
  std::string request_field_;
  std::string response_field_;
};

}  // namespace

std::unique_ptr<CorrelationKind> make_echo_correlation() {
  return std::make_unique<EchoCorrelation>();
}

}  // namespace wirekit::gen
