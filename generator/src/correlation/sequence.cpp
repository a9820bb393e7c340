// `correlation: {kind: sequence}`: the server counts the text payloads it receives from each
// client (from `start`, the handshake included when `counts: all`), replies carry the number
// of the payload they answer in `field`, and a `reset` message sets the counter.
#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "load/yaml_reader.hpp"
#include "model/schema_error.hpp"
#include "model/validator.hpp"

namespace wirekit::gen {
namespace {

class SequenceCorrelation final : public CorrelationKind {
 public:
  std::vector<std::string_view> keys() const override {
    return {"field", "start", "counts", "reset"};
  }
  bool has_timeout() const override { return true; }

  void read(const YamlReader& r, const YAML::Node& node, const std::string& what) override {
    field_ = r.string(r.require(node, "field", what), "'field'");
    if (node["start"]) start_ = r.integer(node["start"], "'start'", 0, 1LL << 53);
    const std::string counts = r.optional_string(node, "counts", what, "after_handshake");
    if (counts != "after_handshake" && counts != "all")
      r.fail(node["counts"], "'counts' must be after_handshake or all");
    counts_handshake_ = counts == "all";
    if (node["reset"]) {
      const YAML::Node reset = node["reset"];
      r.expect_map(reset, "'reset'");
      r.check_keys(reset, {"message", "field"}, "'reset'");
      reset_message_ = r.string(r.require(reset, "message", "'reset'"), "'message'");
      reset_field_ = r.string(r.require(reset, "field", "'reset'"), "'field'");
    }
  }

  void validate(const Protocol& p, const Location& where) const override {
    for (const auto& i : p.interactions)
      if (i.correlated) require_reply_field(p, i, field_, "the sequence number");
    if (!reset_message_.empty()) {
      const Message& m = require_message(p, reset_message_, where, "'reset'");
      if (!p.top_level_field(m, reset_field_))
        throw SchemaError(where,
                          "reset message '" + m.name + "' has no field '" + reset_field_ + "'");
    }
  }

  std::string reply_key() const override { return field_; }
  std::string seq_field() const override { return field_; }
  std::string rule() const override {
    std::string text = "The first counted payload is number " + std::to_string(start_) +
                       ", and each next one is one more; " +
                       (counts_handshake_ ? "the handshake's first message is counted."
                                          : "counting starts after the handshake's first "
                                            "message.");
    if (!reset_message_.empty())
      text += " A `" + reset_message_ + "` sets the counter: it gets the number its `" +
              reset_field_ + "` carries, and counting goes on from there.";
    return text;
  }

  void emit_spec(Printer& out) const override {
    out.emit(
        R"(
      {
        wirekit::SequenceCorrelation seq;
        seq.start = $start$;
        $counts$
        $reset$
        s.correlation.kind = seq;
      }
    )",
        {{"start", std::to_string(start_)},
         {"counts", counts_handshake_ ? "seq.counts_handshake = true;" : ""},
         {"reset", reset_message_.empty() ? "" : "seq.reset = " + index_of(reset_message_) + ";"}});
  }

  std::vector<std::string> header_statements(const Protocol& p, const Message& m) const override {
    std::vector<std::string> lines;
    // Replies (sent by the server) carry the number of the payload they answer.
    if (const Field* f = p.top_level_field(m, field_);
        f && m.sent_by_server() && f->type.kind == TypeRef::Kind::integer)
      lines.push_back("header.seq = message." + f->cpp_name + ";");
    if (m.name == reset_message_)
      if (const Field* f = p.top_level_field(m, reset_field_))
        lines.push_back("header.counter_reset = message." + f->cpp_name + ";");
    return lines;
  }

  std::vector<std::string> reply_to_statements(const Protocol& p,
                                               const Message& reply) const override {
    const Field& f = *p.top_level_field(reply, field_);
    return {f.is_optional_in_cpp() ? "message." + f.cpp_name + " = to.seq;"
                                   : "if (to.seq) message." + f.cpp_name + " = *to.seq;"};
  }

 private:
  std::string field_;
  std::int64_t start_ = 0;
  bool counts_handshake_ = false;
  std::string reset_message_;
  std::string reset_field_;
};

}  // namespace

std::unique_ptr<CorrelationKind> make_sequence_correlation() {
  return std::make_unique<SequenceCorrelation>();
}

}  // namespace wirekit::gen
