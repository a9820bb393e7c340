// The functions generated stubs call to fill in correlation by themselves, declared in
// <name>_protocol.hpp and defined in <name>_protocol.cpp:
//   set_correlation_id(Request&, id)   the client writes the runtime's id into a request
//   set_reply_to(Reply&, ReplyTo)      the server copies the request's id or seq into a reply
//   stamp_event(Event&, id, sent_at)   ack correlation: an event's id and time
#include <set>

#include "emitters.hpp"

namespace wirekit::gen {
namespace {

struct Hook {
  std::string signature;                ///< without the trailing ";" or body
  std::vector<std::string> statements;  ///< empty: the parameters go unnamed
  std::string unnamed_signature;
};

std::string assign_text(const Field& f, const std::string& text) {
  return "wirekit::assign_text(message." + f.cpp_name + ", " + text + ");";
}

std::vector<Hook> hooks(const Protocol& p) {
  std::vector<Hook> out;
  const Correlation& c = p.correlation;
  for (const auto& i : p.interactions) {
    if (!i.correlated) continue;
    const Message& m = *p.find_message(i.request);
    Hook h;
    h.signature = "void set_correlation_id(" + m.name + "& message, std::string_view id)";
    h.unnamed_signature = "void set_correlation_id(" + m.name + "&, std::string_view)";
    if (c.kind == Correlation::Kind::echo)
      h.statements.push_back(assign_text(*p.top_level_field(m, c.request_field), "id"));
    out.push_back(h);
  }
  std::set<std::string> replies;
  for (const auto& i : p.interactions) {
    if (!i.correlated) continue;
    for (const auto& list : {i.responses, i.errors})
      for (const auto& name : list) {
        if (!replies.insert(name).second) continue;
        const Message& m = *p.find_message(name);
        Hook h;
        h.signature = "void set_reply_to(" + m.name + "& message, const wirekit::ReplyTo& to)";
        h.unnamed_signature = "void set_reply_to(" + m.name + "&, const wirekit::ReplyTo&)";
        if (c.kind == Correlation::Kind::echo) {
          h.statements.push_back(assign_text(*p.top_level_field(m, c.response_field), "to.id"));
        } else if (c.kind == Correlation::Kind::sequence) {
          const Field& f = *p.top_level_field(m, c.field);
          h.statements.push_back(f.is_optional_in_cpp()
                                     ? "message." + f.cpp_name + " = to.seq;"
                                     : "if (to.seq) message." + f.cpp_name + " = *to.seq;");
        }
        out.push_back(h);
      }
  }
  if (c.kind == Correlation::Kind::ack) {
    const Message& m = *p.find_message(c.event);
    Hook h;
    h.signature =
        "void stamp_event(" + m.name + "& message, std::string_view id, std::string_view sent_at)";
    h.statements.push_back(assign_text(*p.any_field(m, c.id_field), "id"));
    h.statements.push_back(assign_text(*p.any_field(m, c.sent_at_field), "sent_at"));
    out.push_back(h);
  }
  return out;
}

}  // namespace

bool has_stub_hooks(const Protocol& p) { return !hooks(p).empty(); }

void declare_stub_hooks(Printer& out, const Protocol& p) {
  const auto all = hooks(p);
  if (all.empty()) return;
  out.line();
  out.comment(
      "Correlation filled in by the generated stubs: a request's id (set_correlation_id), a "
      "reply's copy of its request's id or seq (set_reply_to), an event's id and time "
      "(stamp_event).");
  for (const auto& h : all) out.line(h.signature + ";");
}

void define_stub_hooks(Printer& out, const Protocol& p) {
  for (const auto& h : hooks(p)) {
    if (h.statements.empty()) {
      out.line(h.unnamed_signature + " {}");
    } else if (h.statements.size() == 1 && out.fits(h.signature + " { " + h.statements[0] + " }")) {
      out.line(h.signature + " { " + h.statements[0] + " }");
    } else {
      out.line(h.signature + " {");
      out.indent();
      for (const auto& s : h.statements) out.line(s);
      out.outdent();
      out.line("}");
    }
    out.line();
  }
}

}  // namespace wirekit::gen
