// <name>/README.md (wirekit-gen --docs): the protocol's reference in Markdown, written for
// someone implementing a peer in any language: the transport, the session rules, every
// message and type as a table of fields, each interaction and stream as a Mermaid sequence
// diagram, and the close codes. It reads only the validated model, so what it says is what
// the generated SDK does.
#include <string>
#include <vector>

#include <wirekit/condition.hpp>

#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "emit/json_text.hpp"
#include "load/type_parser.hpp"
#include "model/english.hpp"
#include "model/primitive_types.hpp"

namespace wirekit::gen {
namespace {

/// `text` with each character that `replacements` names replaced by its text.
std::string replaced(const std::string& text,
                     const std::vector<std::pair<char, std::string>>& replacements) {
  std::string out;
  for (const char c : text) {
    std::string with(1, c);
    for (const auto& [from, to] : replacements)
      if (c == from) with = to;
    out += with;
  }
  return out;
}

/// A schema doc in one Markdown table cell: one line, `|` escaped.
std::string cell(const std::string& text) {
  std::string out = replaced(text, {{'\n', " "}, {'|', "\\|"}});
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string code(const std::string& text) { return "`" + text + "`"; }

/// The anchor GitHub gives the heading `text`: lower case, spaces to dashes, punctuation
/// dropped.
std::string anchor(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
      out += c;
    else if (c == ' ')
      out += '-';
  }
  return out;
}

std::string link_message(const std::string& name) {
  return "[" + name + "](#" + anchor("message " + name) + ")";
}

std::string links(const std::vector<std::string>& names) {
  std::vector<std::string> linked;
  for (const auto& n : names) linked.push_back(link_message(n));
  return or_list(linked);
}

/// The messages of a stream's role, each with its `when` condition.
std::string links(const std::vector<std::string>& names, const std::vector<StreamWhen>& when) {
  std::vector<std::string> linked;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string text = link_message(names[i]);
    std::string condition;
    for (const auto& [field, value] : when[i])
      condition += (condition.empty() ? " when " : " and ") + code(field) + " is " + code(value);
    linked.push_back(text + condition);
  }
  return or_list(linked);
}

/// The type expression, named types linked to their section.
std::string type_text(const TypeRef& t) {
  if (t.kind == TypeRef::Kind::named) return "[" + t.name + "](#" + anchor("type " + t.name) + ")";
  if (is_container(t)) {
    const std::string word = describe(t);
    return code(word.substr(0, word.find('<'))) + "&lt;" + type_text(t.element.front()) + "&gt;";
  }
  return code(describe(t));
}

std::string side_name(Side s) {
  switch (s) {
    case Side::client:
      return "client";
    case Side::server:
      return "server";
    case Side::both:
      return "client and server";
  }
  return "";
}

std::string ms(std::uint32_t value) { return std::to_string(value) + " ms"; }

/// An example value of `t` as compact JSON, nested types expanded to `depth`.
std::string example(const Protocol& p, const TypeRef& t, int depth);

std::string example_object(const Protocol& p, const std::vector<Field>& fields, int depth,
                           std::vector<std::string> head) {
  for (const auto& f : fields) {
    if (f.optional && depth > 0) continue;
    head.push_back(json_quote(f.wire_name) + ": " + example(p, f.type, depth + 1));
  }
  std::string out = "{";
  for (std::size_t i = 0; i < head.size(); ++i) out += (i ? ", " : "") + head[i];
  return out + "}";
}

std::string example(const Protocol& p, const TypeRef& t, int depth) {
  using K = TypeRef::Kind;
  switch (t.kind) {
    case K::string:
      return "\"text\"";
    case K::integer:
      return "1";
    case K::number:
      return "1.5";
    case K::boolean:
      return "true";
    case K::uuid:
      return "\"6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\"";
    case K::timestamp:
      return "\"2026-11-21T10:00:00.123456+00:00\"";
    case K::json:
      return "{\"any\": \"json\"}";
    case K::object:
      return "{}";
    case K::array:
      return depth > 3 ? "[]" : "[" + example(p, t.element.front(), depth + 1) + "]";
    case K::map:
      return depth > 3 ? "{}" : "{\"key\": " + example(p, t.element.front(), depth + 1) + "}";
    case K::named:
      break;
  }
  const NamedType* named = p.find_type(t.name);
  if (!named) return "null";
  switch (named->kind) {
    case NamedType::Kind::enumeration:
      return named->values.empty() ? "\"\"" : json_quote(named->values.front().wire);
    case NamedType::Kind::structure:
      return depth > 3 ? "{}" : example_object(p, named->fields, depth, {});
    case NamedType::Kind::union_of: {
      if (named->variants.empty()) return "{}";
      const auto& v = named->variants.front();
      const NamedType* variant = p.find_type(v.type_name);
      return example_object(p, variant ? variant->fields : std::vector<Field>{}, depth,
                            {json_quote(named->union_tag) + ": " + json_quote(v.tag)});
    }
  }
  return "null";
}

/// The example of a whole message as sent on the wire: every field of the message itself,
/// the required ones of nested types.
std::string message_example(const Protocol& p, const Message& m) {
  const Envelope& e = p.envelope_of(m);
  std::vector<std::string> head;
  if (m.tag) head.push_back(json_quote(e.tag) + ": " + json_quote(*m.tag));
  for (const auto& [key, value] : e.constants)
    head.push_back(json_quote(key) + ": " + json_quote(value));
  std::vector<Field> top = e.fields;
  if (e.body.empty())
    top.insert(top.end(), m.fields.begin(), m.fields.end());
  else
    head.push_back(json_quote(e.body) + ": " + example_object(p, m.fields, 0, {}));
  return example_object(p, top, 0, head);
}

std::string presence(const Field& f) {
  std::string out;
  if (f.default_value)
    out = "optional (default)";
  else if (f.optional)
    out = "optional";
  else
    out = "required";
  if (f.nullable) out += ", nullable";
  if (f.is_optional_in_cpp())
    out += f.writes_null_when_unset() ? "; unset: `null`" : "; unset: omitted";
  return out;
}

std::string limits(const Field& f) {
  std::vector<std::string> parts;
  const FieldLimits& l = f.limits;
  if (l.min_length) parts.push_back("min length " + std::to_string(*l.min_length) + " B");
  if (l.max_length) parts.push_back("max length " + std::to_string(*l.max_length) + " B");
  if (l.max_items) parts.push_back("max items " + std::to_string(*l.max_items));
  if (!l.pattern.empty()) parts.push_back("pattern " + code(l.pattern));
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

void field_table(Printer& out, const std::vector<Field>& fields, const std::string& prefix = "") {
  out.line("| field | type | presence | default | limits | doc |");
  out.line("|---|---|---|---|---|---|");
  for (const auto& f : fields)
    out.line("| " + code(prefix + f.wire_name) + " | " + type_text(f.type) + " | " + presence(f) +
             " | " + (f.default_value ? code(default_json(*f.default_value)) : "") + " | " +
             limits(f) + " | " + cell(f.doc) + " |");
}

/// A message's label in a diagram: its name and tag (Mermaid ends a label at `;` and reads
/// `#` as the start of an entity).
std::string diagram_label(const Protocol& p, const std::string& name, const StreamWhen* when) {
  std::string label = name;
  const Message* m = p.find_message(name);
  if (m && m->tag) label += " (" + p.tag_key() + ": \"" + *m->tag + "\")";
  if (when && !when->empty()) {
    label += " when";
    for (const auto& [field, value] : *when) label += " " + field + " = " + value;
  }
  return replaced(label, {{';', "#59;"}, {'#', "#35;"}});
}

/// Who sends a request: the client unless only the server sends it.
bool client_sends(const Protocol& p, const std::string& message) {
  const Message* m = p.find_message(message);
  return !m || m->sent_by_client();
}

std::string arrow(bool from_client, bool reply) {
  const std::string a = reply ? "-->>" : "->>";
  return from_client ? "C" + a + "S: " : "S" + a + "C: ";
}

void diagram_open(Printer& out) {
  out.line("```mermaid");
  out.line("sequenceDiagram");
  out.line("    participant C as Client");
  out.line("    participant S as Server");
}

void diagram_close(Printer& out) {
  out.line("```");
  out.line();
}

/// `alt`/`else` branches, each a list of (label, lines).
void alternatives(Printer& out,
                  const std::vector<std::pair<std::string, std::vector<std::string>>>& branches) {
  if (branches.size() == 1) {
    for (const auto& l : branches.front().second) out.line("    " + l);
    return;
  }
  for (std::size_t i = 0; i < branches.size(); ++i) {
    out.line(std::string(i ? "    else " : "    alt ") + branches[i].first);
    for (const auto& l : branches[i].second) out.line("        " + l);
  }
  out.line("    end");
}

void emit_transport(Printer& out, const Protocol& p) {
  const Transport& t = p.transport;
  out.line("## Transport");
  out.line();
  out.line("| | |");
  out.line("|---|---|");
  out.line("| endpoint path | " + code(t.path) + " |");
  if (t.subprotocol.empty()) {
    out.line("| subprotocol | none |");
  } else {
    std::string unoffered = "the server refuses the upgrade (HTTP 400)";
    if (t.unoffered_subprotocol == "close")
      unoffered =
          "the server accepts it without a subprotocol and closes at once (see "
          "`subprotocol_not_offered` below)";
    else if (t.unoffered_subprotocol == "accept")
      unoffered = "the server accepts it without a subprotocol and serves it";
    out.line("| subprotocol | " + code(t.subprotocol) +
             " (`Sec-WebSocket-Protocol`); a client that does not offer it: " + unoffered + " |");
  }
  out.line(std::string("| frames | ") +
           (t.text_only ? "text only: a binary frame is a violation (`binary_frame`)"
                        : "text or binary") +
           "; each frame holds one JSON object |");
  out.line("| largest message | " + std::to_string(t.max_message_bytes) +
           " bytes; a larger one closes with 1009 (`too_large`) |");
  if (t.default_port) out.line("| default port | " + std::to_string(t.default_port) + " |");
  out.line(
      std::string("| authentication | ") +
      (t.bearer_auth ? "`Authorization: Bearer <token>` header on the upgrade request" : "none") +
      " |");
  out.line();
}

void emit_layout(Printer& out, const Protocol& p) {
  out.line("## Message layout");
  out.line();
  out.line("Every message is one JSON object. Its " + code(p.tag_key()) +
           " key (the tag) names the message; the messages below give their tag values. Keys "
           "are matched as written, and an object that gives its tag twice is refused.");
  out.line();
  for (const auto& e : p.envelopes) {
    std::string text = "- Envelope " + code(e.name) + ": ";
    text += e.body.empty() ? "the message's fields sit beside the tag."
                           : "the message's fields sit in an object under " + code(e.body) +
                                 " (which may be absent only when the message has no required "
                                 "field).";
    for (const auto& [key, value] : e.constants)
      text += " Every message carries " + code(json_quote(key) + ": " + json_quote(value)) +
              " (another value is refused; an absent one is accepted).";
    if (!e.fields.empty()) text += " Fields of every message in this envelope:";
    out.line(text);
    if (!e.fields.empty()) {
      out.line();
      out.indent();
      field_table(out, e.fields);
      out.outdent();
    }
  }
  out.line();
  out.line(
      "Presence: a *required* field must be present; an *optional* one may be absent; a "
      "*nullable* one may be `null` (both read as unset). *unset* says how a sender writes "
      "an unset field. Limits count bytes of UTF-8 after unescaping; a `pattern` is one "
      "character class that every byte must belong to (not a regular expression). A value "
      "beyond its limits is an `invalid_value`.");
  out.line();
}

void emit_correlation(Printer& out, const Protocol& p) {
  const CorrelationKind& k = p.correlation.kind();
  out.line("### Correlation");
  out.line();
  if (!k.event_message().empty()) {
    const Message* event = p.find_message(k.event_message());
    const std::string sender = event ? side_name(event->from) : "server";
    std::string stamps;
    for (const auto& f : k.stamped_fields()) stamps += (stamps.empty() ? "" : " and ") + code(f);
    out.line("Acknowledged events: every " + link_message(k.event_message()) + " (sent by the " +
             sender + ") is answered by its receiver with one " + link_message(k.ack_message()) +
             " naming its id" +
             (stamps.empty() ? std::string(".") : "; the sender fills in " + stamps + ".") +
             " An ack for an event never sent is `ack_unknown`, a second ack `ack_duplicate`, "
             "a missing one `ack_timeout`.");
    out.line();
    diagram_open(out);
    out.line("    " + arrow(false, false) + diagram_label(p, k.event_message(), nullptr));
    out.line("    " + arrow(true, true) + diagram_label(p, k.ack_message(), nullptr));
    diagram_close(out);
  } else if (!k.seq_field().empty()) {
    out.line(
        "Sequence numbers: the server counts the text payloads it receives from each "
        "client, and a reply carries the number of the payload it answers in " +
        code(k.seq_field()) + ".");
    out.line();
  } else if (!k.request_key().empty()) {
    out.line("Echoed ids: the sender of a correlated request writes a fresh id into " +
             code(k.request_key()) + "; the reply carries it back in " + code(k.reply_key()) + ".");
    out.line();
  } else if (!k.correlates()) {
    out.line("None: nothing on the wire links a reply to its request.");
    out.line();
  } else {
    out.line("Replies are matched to their requests by the protocol's correlation.");
    out.line();
  }
  if (!k.rule().empty()) {
    out.line(k.rule());
    out.line();
  }
  if (p.correlation.timeout_ms)
    out.line("A request not answered within " + ms(p.correlation.timeout_ms) +
             " times out (the SDK's default).");
  if (p.correlation.timeout_ms) out.line();
}

void emit_session(Printer& out, const Protocol& p) {
  const Session& s = p.session;
  out.line("## Session rules");
  out.line();
  out.line("### Handshake");
  out.line();
  const Handshake& h = s.handshake;
  if (!h.present) {
    out.line("None: either side may send any of its messages once connected.");
    out.line();
  } else {
    const bool from_client = h.from != Side::server;
    out.line("The " + side_name(h.from) + " sends " + link_message(h.first) + " first" +
             (h.within_ms ? ", within " + ms(h.within_ms) + " of connecting (`handshake_timeout`)"
                          : std::string()) +
             "." +
             (h.success.empty()
                  ? std::string()
                  : " The handshake completes with " + link_message(h.success) + "."));
    out.line();
    out.line(
        "- Another message first is `handshake_wrong_message`; a first frame that is not "
        "text or cannot be decoded is `handshake_undecodable`.");
    if (!h.allowed_before.empty())
      out.line("- Allowed before the handshake completes (the deadline goes on): " +
               links(h.allowed_before) + ".");
    if (!h.deadline_from.empty())
      out.line("- The field " + code(h.deadline_from) + " of " + link_message(h.first) +
               " sets the ack deadline.");
    if (!s.repeated_handshake_reply.empty())
      out.line("- A second " + link_message(h.first) + " after the handshake is answered with " +
               link_message(s.repeated_handshake_reply) + "; the session goes on.");
    out.line();
    diagram_open(out);
    out.line("    " + arrow(from_client, false) + diagram_label(p, h.first, nullptr));
    if (!h.success.empty())
      out.line("    " + arrow(!from_client, true) + diagram_label(p, h.success, nullptr));
    diagram_close(out);
  }
  emit_correlation(out, p);
  out.line("### Invalid payloads, limits and acks");
  out.line();
  const auto policy = [&](const std::string& given, bool server) {
    if (!given.empty()) return given;
    if (server) return s.undecodable_reply.empty() ? std::string("close") : "reply";
    for (const auto& c : s.close_codes)
      for (const auto& on : c.on)
        if (on == "undecodable") return std::string("close");
    return std::string("ignore");
  };
  const auto explain = [&](const std::string& what) {
    if (what == "reply")
      return "answers with " + link_message(s.undecodable_reply) +
             (s.undecodable_error_field.empty()
                  ? std::string()
                  : " (the error text in " + code(s.undecodable_error_field) + ")") +
             " and the session goes on";
    if (what == "ignore") return std::string("drops it and goes on");
    return std::string("closes the connection (`undecodable`, see close codes)");
  };
  out.line(
      "A payload that is not JSON, not an object, has an unknown tag or does not decode, "
      "after the handshake:");
  out.line();
  out.line("- from a client: the server " + explain(policy(s.invalid_from_client, true)) + ";");
  out.line("- from the server: the client " + explain(policy(s.invalid_from_server, false)) + ".");
  out.line();
  out.line(
      "A close code mapped to `missing_field`, `wrong_type` or `invalid_value` closes for "
      "its condition whatever the above says.");
  if (s.rate_limit_messages)
    out.line("More than " + std::to_string(s.rate_limit_messages) + " messages within " +
             ms(s.rate_limit_per_ms) + " is `rate_limit`.");
  if (s.ack_deadline_ms) out.line("Acks are due within " + ms(s.ack_deadline_ms) + ".");
  out.line();
}

void emit_message(Printer& out, const Protocol& p, const Message& m) {
  out.line("### Message " + m.name);
  out.line();
  std::string tag = m.tag ? code(p.tag_key() + ": " + json_quote(*m.tag)) : "no tag (untagged)";
  out.line("Sent by the " + side_name(m.from) + "; " + tag + "; envelope " +
           code(p.envelope_of(m).name) + ".");
  out.line();
  if (!m.doc.empty()) {
    out.line(m.doc);
    out.line();
  }
  const Envelope& e = p.envelope_of(m);
  if (m.fields.empty()) {
    out.line("No fields of its own.");
  } else {
    field_table(out, m.fields, e.body.empty() ? "" : e.body + ".");
  }
  out.line();
  out.line("```json");
  out.line(message_example(p, m));
  out.line("```");
  out.line();
}

void emit_type(Printer& out, const NamedType& t) {
  out.line("### Type " + t.name);
  out.line();
  if (!t.doc.empty()) {
    out.line(t.doc);
    out.line();
  }
  switch (t.kind) {
    case NamedType::Kind::structure:
      out.line("An object:");
      out.line();
      field_table(out, t.fields);
      break;
    case NamedType::Kind::enumeration:
      out.line("A string, one of:");
      out.line();
      out.line("| value | doc |");
      out.line("|---|---|");
      for (const auto& v : t.values)
        out.line("| " + code(json_quote(v.wire)) + " | " + cell(v.doc) + " |");
      break;
    case NamedType::Kind::union_of:
      out.line("An object whose " + code(t.union_tag) +
               " key says which variant it is (the "
               "variant's fields sit beside it):");
      out.line();
      out.line("| " + code(t.union_tag) + " | variant |");
      out.line("|---|---|");
      for (const auto& v : t.variants)
        out.line("| " + code(json_quote(v.tag)) + " | [" + v.type_name + "](#" +
                 anchor("type " + v.type_name) + ") |");
      break;
  }
  out.line();
}

void emit_interaction(Printer& out, const Protocol& p, const Interaction& i) {
  out.line("### " + i.request);
  out.line();
  std::string how = "Matched by the protocol's correlation.";
  if (i.awaits_next)
    how = "Nothing on the wire links the pair: the next of its replies answers it.";
  else if (!i.correlated)
    how = "Not correlated: the replies arrive as ordinary messages.";
  out.line(link_message(i.request) + " is answered by " + links(i.responses) +
           (i.errors.empty() ? std::string() : ", or fails with " + links(i.errors)) + ". " + how);
  out.line();
  if (!i.doc.empty()) {
    out.line(i.doc);
    out.line();
  }
  const bool from_client = client_sends(p, i.request);
  diagram_open(out);
  out.line("    " + arrow(from_client, false) + diagram_label(p, i.request, nullptr));
  std::vector<std::pair<std::string, std::vector<std::string>>> branches;
  for (const auto& r : i.responses)
    branches.push_back({"success", {arrow(!from_client, true) + diagram_label(p, r, nullptr)}});
  for (const auto& r : i.errors)
    branches.push_back({"error", {arrow(!from_client, true) + diagram_label(p, r, nullptr)}});
  alternatives(out, branches);
  diagram_close(out);
}

void emit_stream(Printer& out, const Protocol& p, const Stream& s) {
  out.line("### " + s.request + " (stream)");
  out.line();
  std::string text = link_message(s.request) + " opens a stream keyed by its " +
                     code(s.request_key) + " (string or array of strings) that the server " +
                     "answers with " + links(s.items, s.items_when) +
                     " (any number, each naming its key in " + code(s.item_key) + ")";
  if (!s.ends.empty()) text += "; " + links(s.ends, s.ends_when) + " ends it";
  if (!s.failures.empty())
    text += "; " + links(s.failures, s.failures_when) + " ends it with an error";
  text += ".";
  if (!s.cancel.empty())
    text += " The client cancels it with " + link_message(s.cancel) + " (key in " +
            code(s.cancel_key) + ").";
  if (s.generated_key) text += " The key is a fresh id the client generates.";
  if (s.one_result) text += " It is a query: one item, then the end.";
  text += " Ends and failures are recognised before items.";
  out.line(text);
  out.line();
  if (!s.doc.empty()) {
    out.line(s.doc);
    out.line();
  }
  diagram_open(out);
  out.line("    " + arrow(true, false) + diagram_label(p, s.request, nullptr));
  out.line("    loop " + std::string(s.one_result ? "one item" : "items"));
  for (std::size_t k = 0; k < s.items.size(); ++k)
    out.line("        " + arrow(false, true) + diagram_label(p, s.items[k], &s.items_when[k]));
  out.line("    end");
  std::vector<std::pair<std::string, std::vector<std::string>>> branches;
  for (std::size_t k = 0; k < s.ends.size(); ++k)
    branches.push_back(
        {"end", {arrow(false, true) + diagram_label(p, s.ends[k], &s.ends_when[k])}});
  for (std::size_t k = 0; k < s.failures.size(); ++k)
    branches.push_back(
        {"failure", {arrow(false, true) + diagram_label(p, s.failures[k], &s.failures_when[k])}});
  if (!s.cancel.empty())
    branches.push_back({"cancel", {arrow(true, false) + diagram_label(p, s.cancel, nullptr)}});
  if (!branches.empty()) alternatives(out, branches);
  diagram_close(out);
}

/// Whether the runtime can detect `c` in this protocol without a close code mapped to it.
bool applies(const Protocol& p, Condition c) {
  const bool acks = !p.correlation.kind().event_message().empty();
  switch (c) {
    case Condition::handshake_timeout:
    case Condition::handshake_wrong_message:
    case Condition::handshake_undecodable:
      return p.session.handshake.present;
    case Condition::ack_unknown:
    case Condition::ack_duplicate:
    case Condition::ack_timeout:
      return acks;
    case Condition::rate_limit:
      return p.session.rate_limit_messages != 0;
    case Condition::binary_frame:
      return p.transport.text_only;
    // Without a code: a second handshake reaches its handler (or its reply), a shared stream
    // key is allowed, and an unoffered subprotocol is refused or accepted before the upgrade.
    case Condition::repeated_handshake:
    case Condition::duplicate_stream_key:
    case Condition::subprotocol_not_offered:
      return false;
    default:
      return true;
  }
}

void emit_close_codes(Printer& out, const Protocol& p) {
  out.line("## Close codes");
  out.line();
  std::vector<std::string> mapped;
  if (!p.session.close_codes.empty()) {
    out.line("| code | name | meaning | closes on |");
    out.line("|---|---|---|---|");
    for (const auto& c : p.session.close_codes) {
      std::string on;
      for (const auto& condition : c.on) {
        on += (on.empty() ? "" : "; ") + code(condition);
        if (auto known = condition_named(condition)) on += ": " + std::string(info(*known).doc);
        mapped.push_back(condition);
      }
      out.line("| " + std::to_string(c.code) + " | " + code(c.name) + " | " + cell(c.doc) + " | " +
               (on.empty() ? "application use" : on) + " |");
    }
    out.line();
  }
  out.line(
      "Conditions without a code of their own close with the standard code, when the rules "
      "above say to close:");
  out.line();
  out.line("| condition | code | when |");
  out.line("|---|---|---|");
  for (const auto& c : kConditions) {
    const std::string name(c.name);
    bool is_mapped = false;
    for (const auto& m : mapped) is_mapped = is_mapped || m == name;
    if (is_mapped || !applies(p, c.condition)) continue;
    out.line("| " + code(name) + " | " + std::to_string(c.fallback_code) + " | " +
             std::string(c.doc) + " |");
  }
  out.line();
}

}  // namespace

GeneratedFile emit_docs(const Protocol& p) {
  Printer out;
  std::string schema = p.source;
  const auto slash = schema.find_last_of('/');
  if (slash != std::string::npos) schema = schema.substr(slash + 1);
  out.line("<!-- Generated by wirekit-gen --docs from " + schema +
           ". Do not edit: change the schema and regenerate. -->");
  out.line();
  std::string title = p.title.empty() ? p.name : p.title;
  out.line("# " + title);
  out.line();
  out.line("Protocol " + code(p.name) + (p.version.empty() ? "" : ", version " + code(p.version)) +
           ": the reference of its wire format and rules, generated from its wirekit schema.");
  out.line();
  if (!p.doc.empty()) {
    out.line(p.doc);
    out.line();
  }
  emit_transport(out, p);
  emit_layout(out, p);
  emit_session(out, p);
  if (!p.interactions.empty() || !p.streams.empty()) {
    out.line("## Interactions and streams");
    out.line();
    out.line("A message sent by either side that is not listed here is one-way.");
    out.line();
    for (const auto& i : p.interactions) emit_interaction(out, p, i);
    for (const auto& s : p.streams) emit_stream(out, p, s);
  }
  out.line("## Messages");
  out.line();
  out.line("| message | tag | sent by | doc |");
  out.line("|---|---|---|---|");
  for (const auto& m : p.messages)
    out.line("| " + link_message(m.name) + " | " + (m.tag ? code(json_quote(*m.tag)) : "none") +
             " | " + side_name(m.from) + " | " + cell(m.doc) + " |");
  out.line();
  for (const auto& m : p.messages) emit_message(out, p, m);
  if (!p.types.empty()) {
    out.line("## Types");
    out.line();
    for (const auto& t : p.types) emit_type(out, t);
  }
  emit_close_codes(out, p);
  std::string text = out.str();
  while (text.size() > 1 && text[text.size() - 2] == '\n') text.pop_back();
  return {p.name + "/README.md", text};
}

}  // namespace wirekit::gen
