// <name>_interactions.hpp: the types the client and server stubs share for each request and
// stream: a request's replies, errors and outcome, a stream's item type, and the server's
// reply and stream-writer types.
#include <algorithm>

#include "emit/emitters.hpp"
#include "emit/output_files.hpp"
#include "model/stub_names.hpp"

namespace wirekit::gen {
namespace {

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

/// `using name = type;`, broken after `=` when it does not fit.
void emit_alias(Printer& out, const std::string& name, const std::string& type) {
  const std::string one = "using " + name + " = " + type + ";";
  if (out.fits(one)) {
    out.line(one);
    return;
  }
  out.line("using " + name + " =");
  out.line("    " + type + ";");
}

/// `using name = templ<args...>;`, the arguments aligned as clang-format does.
void emit_template_alias(Printer& out, const std::string& name, const std::string& templ,
                         const std::vector<std::string>& args) {
  // As clang-format: aligned after `<`, unless breaking after `=` takes no more lines.
  const auto lines = [&](int extra_depth, const std::string& head) {
    Printer trial;
    for (std::size_t i = 0; i < out.indentation() / 2 + static_cast<std::size_t>(extra_depth); ++i)
      trial.indent();
    trial.aligned_list(head, '<', args, '>', ";");
    const std::string& text = trial.str();
    return std::count(text.begin(), text.end(), '\n');
  };
  const std::string head = "using " + name + " = " + templ;
  if (lines(2, templ) + 1 > lines(0, head)) {
    out.aligned_list(head, '<', args, '>', ";");
    return;
  }
  out.line("using " + name + " =");
  out.indent();
  out.indent();
  out.aligned_list(templ, '<', args, '>', ";");
  out.outdent();
  out.outdent();
}

/// `using name = wirekit::OneOf<types...>;`, the types aligned as clang-format does.
void emit_one_of(Printer& out, const Protocol& p, const std::string& name,
                 const std::vector<std::string>& types) {
  std::vector<std::string> qualified_types;
  for (const auto& t : types) qualified_types.push_back(qualified(p, t));
  emit_template_alias(out, name, "wirekit::OneOf", qualified_types);
}

/// The request's outcome type, declared as `<Request>Outcome` in the stub namespace.
void emit_outcome_alias(Printer& out, const Protocol& p, const Interaction& i) {
  out.comment("The outcome of " + i.request + ": " +
              (i.responses.empty() ? std::string("no success reply")
                                   : "a success reply (" + join(i.responses) + ")") +
              (i.errors.empty() ? "" : ", an error reply (" + join(i.errors) + ")") +
              " or a session error.");
  emit_one_of(out, p, i.request + "Replies", i.responses);
  emit_one_of(out, p, i.request + "Errors", i.errors);
  emit_alias(out, i.request + "Outcome",
             "wirekit::Outcome<" + i.request + "Replies, " + i.request + "Errors>");
  out.comment("How a server handler answers " + i.request + ": with exactly one of them.");
  emit_template_alias(out, i.request + "Reply", "wirekit::Responder",
                      {i.request + "Replies", i.request + "Errors", qualified(p, "detail::Hooks")});
}

/// Each name once, in order (a message may be both an item and, by value, an end).
std::vector<std::string> distinct(std::vector<std::string> names) {
  std::vector<std::string> out;
  for (auto& n : names)
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
  return out;
}

void emit_stream_alias(Printer& out, const Protocol& p, const Stream& st) {
  std::vector<std::string> ends = st.ends;
  ends.insert(ends.end(), st.failures.begin(), st.failures.end());
  ends = distinct(std::move(ends));
  const std::vector<std::string> items = distinct(st.items);
  out.comment("The messages of the stream " + st.request + " opens: its items and its ends.");
  emit_one_of(out, p, st.request + "Items", items);
  emit_one_of(out, p, st.request + "Ends", ends);
  out.comment("An item of that stream, as the client's item handler receives it.");
  emit_alias(out, st.request + "Item",
             items.size() == 1 ? qualified(p, items.front()) : st.request + "Items::variant");
  out.comment("Its end or failure message, typed, as the client's end handler receives it.");
  emit_alias(out, st.request + "EndMessage",
             ends.empty()       ? "std::monostate"
             : ends.size() == 1 ? qualified(p, ends.front())
                                : st.request + "Ends::variant");
  emit_alias(out, st.request + "End", "wirekit::StreamEndOf<" + st.request + "EndMessage>");
  if (st.one_result) {
    out.comment("The outcome of that one-result stream: its item and how it ended.");
    emit_alias(out, st.request + "Result",
               "wirekit::StreamResult<" + st.request + "Item, " + st.request + "EndMessage>");
  }
  out.comment("The server's side of that stream: push items, end it" +
              std::string(ends.empty() ? "." : " (with " + join(ends) + ")."));
  emit_template_alias(out, st.request + "Stream", "wirekit::StreamWriter",
                      {st.request + "Items", st.request + "Ends", qualified(p, "detail::Hooks")});
}

}  // namespace

GeneratedFile emit_interactions(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "what the typed stubs share for each request and stream");
  const bool empty = p.interactions.empty() && p.streams.empty();
  out.emit(
      R"(
    #pragma once

    $include_variant$
    #include <wirekit/outcome.hpp>
    #include <wirekit/server_stub.hpp>
    $include_stream_end$

    #include "$name$_protocol.hpp"
    #include "$name$_types.hpp"

    $namespace$
  )",
      {{"include_variant",
        [&] {
          if (p.streams.empty()) return;
          out.line("#include <variant>");
          out.line();
        }},
       {"include_stream_end",
        [&] {
          if (!p.streams.empty()) out.line("#include <wirekit/stream_end.hpp>");
        }},
       {"name", p.name},
       {"namespace", [&] {
          if (empty) {
            // Nothing to share: the namespace is still declared, so the stubs' using
            // directives compile.
            out.emit("namespace $ns$::stub {}  // namespace $ns$::stub", {{"ns", p.cpp_namespace}});
            return;
          }
          out.emit(R"(
                namespace $ns$::stub {
                $aliases$

                }  // namespace $ns$::stub
              )",
                   {{"ns", p.cpp_namespace},
                    {"aliases", [&] {
                       for (const auto& m : p.messages)
                         if (m.sent_by_client() && client_call(p, m) == StubCall::request) {
                           out.line();
                           emit_outcome_alias(out, p, *p.interaction_of(m.name));
                         }
                       for (const auto& st : p.streams) {
                         out.line();
                         emit_stream_alias(out, p, st);
                       }
                     }}});
        }}});
  return GeneratedFile{output_path(p, "interactions.hpp"), out.str()};
}

}  // namespace wirekit::gen
