// The functions generated stubs call to fill in correlation by themselves, declared in
// <name>_protocol.hpp as static members of `detail::Hooks` and defined in <name>_protocol.cpp:
//   set_correlation_id(Request&, id)   the client writes the runtime's id into a request
//   set_reply_to(Reply&, ReplyTo)      the server copies the request's id or seq into a reply
//   stamp_event(Event&, id, sent_at)   ack correlation: an event's id and time
//   set_stream_key(Item&, key)         a stream writer stamps a generated key into its items
// What each hook does is up to the correlation kind (correlation/kind.hpp).
#include <set>

#include "correlation/kind.hpp"
#include "emit/emitters.hpp"

namespace wirekit::gen {
namespace {

std::vector<StubHook> hooks(const Protocol& p) {
  std::vector<StubHook> out;
  const CorrelationKind& c = p.correlation.kind();
  // An interaction answered by the next reply (`correlation: next`) carries nothing: its
  // hooks are empty.
  for (const auto& i : p.interactions) {
    if (!i.correlated && !i.awaits_next) continue;
    const Message& m = *p.find_message(i.request);
    StubHook h;
    h.signature = "void set_correlation_id(" + m.name + "& message, std::string_view id)";
    h.unnamed_signature = "void set_correlation_id(" + m.name + "&, std::string_view)";
    if (i.correlated) h.statements = c.request_id_statements(p, m);
    out.push_back(h);
  }
  std::set<std::string> replies;
  for (const auto& i : p.interactions) {
    if (!i.correlated && !i.awaits_next) continue;
    for (const auto& list : {i.responses, i.errors})
      for (const auto& name : list) {
        if (!replies.insert(name).second) continue;
        const Message& m = *p.find_message(name);
        StubHook h;
        h.signature = "void set_reply_to(" + m.name + "& message, const wirekit::ReplyTo& to)";
        h.unnamed_signature = "void set_reply_to(" + m.name + "&, const wirekit::ReplyTo&)";
        if (i.correlated) h.statements = c.reply_to_statements(p, m);
        out.push_back(h);
      }
  }
  for (auto& h : c.stamp_hooks(p)) out.push_back(std::move(h));
  std::set<std::string> stream_messages;
  for (const auto& st : p.streams)
    if (st.generated_key)
      for (const auto& list : {st.items, st.ends, st.failures})
        for (const auto& name : list) {
          if (!stream_messages.insert(name).second) continue;
          const Message& m = *p.find_message(name);
          StubHook h;
          h.signature = "void set_stream_key(" + m.name + "& message, std::string_view key)";
          h.unnamed_signature = "void set_stream_key(" + m.name + "&, std::string_view)";
          h.statements = {"message." + p.any_field(m, st.item_key)->cpp_name +
                          " = std::string(key);"};
          out.push_back(h);
        }
  return out;
}

/// `void f(...)` as the definition of the member `detail::Hooks::f` it declares.
std::string member_of_hooks(const std::string& signature) {
  const std::string result = "void ";
  if (signature.compare(0, result.size(), result) != 0) return signature;
  return result + "Hooks::" + signature.substr(result.size());
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
  for (const auto& h : all) out.line("static " + h.signature + ";");
}

void define_stub_hooks(Printer& out, const Protocol& p) {
  for (auto h : hooks(p)) {
    h.signature = member_of_hooks(h.signature);
    h.unnamed_signature = member_of_hooks(h.unnamed_signature);
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
