// `correlation: {kind: ack}`: every `event` message carries an id (`id_field`) and the time it
// was sent (`sent_at_field`), stamped by the runtime, and is acknowledged by an `ack` message
// naming its id, which the runtime writes and consumes.
#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "load/yaml_reader.hpp"
#include "model/schema_error.hpp"
#include "model/validator.hpp"

namespace wirekit::gen {
namespace {

class AckCorrelation final : public CorrelationKind {
 public:
  std::vector<std::string_view> keys() const override {
    return {"event", "ack", "id_field", "sent_at_field"};
  }

  void read(const YamlReader& r, const YAML::Node& node, const std::string& what) override {
    event_ = r.string(r.require(node, "event", what), "'event'");
    ack_ = r.string(r.require(node, "ack", what), "'ack'");
    id_field_ = r.optional_string(node, "id_field", what, "id");
    sent_at_field_ = r.optional_string(node, "sent_at_field", what, "sent_at");
  }

  void validate(const Protocol& p, const Location& where) const override {
    const Message& event = require_message(p, event_, where, "'event'");
    const Message& ack = require_message(p, ack_, where, "'ack'");
    for (const Message* m : {&event, &ack}) {
      if (!m->tag) throw SchemaError(where, "message '" + m->name + "' needs a tag to be acked");
      for (const auto& key : {id_field_, sent_at_field_})
        if (!p.top_level_field(*m, key))
          throw SchemaError(where,
                            "message '" + m->name + "' has no top-level field '" + key + "'");
    }
  }

  std::string event_message() const override { return event_; }
  std::string ack_message() const override { return ack_; }
  std::vector<std::string> stamped_fields() const override { return {id_field_, sent_at_field_}; }

  void emit_spec(Printer& out) const override {
    out.emit(R"(
      {
        wirekit::AckCorrelation acks;
        acks.event = $event$;
        acks.ack = $ack$;
        s.correlation.kind = acks;
      }
    )",
             {{"event", index_of(event_)}, {"ack", index_of(ack_)}});
  }

  std::vector<std::string> header_statements(const Protocol& p, const Message& m) const override {
    if (m.name != event_ && m.name != ack_) return {};
    const Field* f = p.top_level_field(m, id_field_);
    if (!f) return {};
    std::string view = "message." + f->cpp_name;
    if (f->type.kind == TypeRef::Kind::uuid) view += ".str()";
    return {"header.event_id = " + view + ";"};
  }

  void define_codec_hooks(Printer& out, const Protocol& p) const override {
    const Message& ack = *p.find_message(ack_);
    const Field* sent_at = p.any_field(ack, sent_at_field_);
    out.emit(R"(

      // The ack of an event, stamped by the runtime.
      std::string ack(std::string_view event_id, std::string_view sent_at) {
        $ack$ reply;
        wirekit::assign_text(reply.$id$, event_id);
        $assign_sent_at$
        return encode(reply);
      }
    )",
             {{"ack", ack.name},
              {"id", p.any_field(ack, id_field_)->cpp_name},
              {"assign_sent_at",
               sent_at ? "wirekit::assign_text(reply." + sent_at->cpp_name + ", sent_at);" : ""}});
  }

  void assign_codec_hooks(Printer& out) const override { out.line("s.codec.ack = ack;"); }

  std::vector<StubHook> stamp_hooks(const Protocol& p) const override {
    const Message& m = *p.find_message(event_);
    StubHook h;
    h.signature =
        "void stamp_event(" + m.name + "& message, std::string_view id, std::string_view sent_at)";
    h.statements.push_back(assign_text(*p.any_field(m, id_field_), "id"));
    h.statements.push_back(assign_text(*p.any_field(m, sent_at_field_), "sent_at"));
    return {h};
  }

 private:
  std::string event_;
  std::string ack_;
  std::string id_field_;
  std::string sent_at_field_;
};

}  // namespace

std::unique_ptr<CorrelationKind> make_ack_correlation() {
  return std::make_unique<AckCorrelation>();
}

}  // namespace wirekit::gen
