// Emits <name>_codec.hpp / .cpp: encode() for every message, decode<T>() and the
// direction decoders that dispatch on the tag, and the JSON functions of named types.
#include <algorithm>
#include <map>

#include "correlation/kind.hpp"
#include "emitters.hpp"
#include "field_codegen.hpp"
#include "names.hpp"

namespace wirekit::gen {
namespace {

std::string lit(const std::string& s) { return cpp_string_literal(s); }

// The direction variants that hold messages (a side may send none), each named once.
std::vector<std::string> variants_with_messages(const Protocol& p) {
  std::vector<std::string> out;
  if (!messages_sent_by(p, true).empty()) out.push_back("ToServer");
  if (!messages_sent_by(p, false).empty() && !directions_identical(p)) out.push_back("ToClient");
  return out;
}

// Whether two messages one side sends share a tag (correlated replies, e.g. Flet's "").
bool has_shared_tags(const Protocol& p, bool client) {
  std::map<std::string, int> count;
  for (const Message* m : messages_sent_by(p, client))
    if (m->tag && ++count[*m->tag] > 1) return true;
  return false;
}

bool has_required(const std::vector<Field>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const Field& f) { return f.is_required(); });
}

bool has_limits(const Protocol& p) {
  auto any = [](const std::vector<Field>& fields) {
    return std::any_of(fields.begin(), fields.end(), [](const Field& f) { return f.limits.any(); });
  };
  return std::any_of(p.envelopes.begin(), p.envelopes.end(),
                     [&](const Envelope& e) { return any(e.fields); }) ||
         std::any_of(p.types.begin(), p.types.end(),
                     [&](const NamedType& t) { return any(t.fields); }) ||
         std::any_of(p.messages.begin(), p.messages.end(),
                     [&](const Message& m) { return any(m.fields); });
}

/// to_string() and from_string() of each enum, after a blank line and their doc; nothing when
/// the protocol has no enum.
void declare_enum_strings(Printer& out, const Protocol& p) {
  bool any_enum = false;
  for (const auto& t : p.types) {
    if (t.kind != NamedType::Kind::enumeration) continue;
    if (!any_enum) {
      out.line();
      out.comment("Enum values and their JSON strings.");
      any_enum = true;
    }
    out.emit(R"(
      std::string_view to_string($type$ value);
      bool from_string(std::string_view text, $type$& value);
    )",
             {{"type", t.name}});
  }
}

// ---- header ---------------------------------------------------------------------------------

GeneratedFile codec_header(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "JSON encoding and decoding");
  std::string to_client_doc =
      "Decodes any message the server sends, dispatching on \"" + p.tag_key() + "\".";
  if (has_shared_tags(p, false))
    to_client_doc +=
        " Replies that share a tag are decoded as the reply their pending request expects, "
        "which `resolver` (the runtime) names from their correlation; without one they give "
        "DecodeError::Kind::ambiguous_tag: decode them with decode<T>().";
  out.emit(R"(
    #pragma once

    #include <string>
    #include <string_view>

    #include <wirekit/codec_hooks.hpp>
    #include <wirekit/json_writer.hpp>
    #include <wirekit/result.hpp>

    #include "$name$_types.hpp"

    $namespace_open$

    $encode_doc$
    $encoders$

    $decode_doc$
    template <class Message>
    wirekit::Result<Message> decode(std::string_view text);
    $decoders$

    $to_server_doc$
    wirekit::Result<ToServer> decode_to_server(std::string_view text,
                                               wirekit::ReplyResolver* resolver = nullptr);
    $to_client_doc$
    wirekit::Result<ToClient> decode_to_client(std::string_view text,
                                               wirekit::ReplyResolver* resolver = nullptr);

    /// The tag of a message as it appears on the wire.
    $tag_of$
    $enums$

    $writers_doc$
    $writers$

    $namespace_close$
  )",
           {{"name", p.name},
            {"namespace_open", namespace_open(p)},
            {"namespace_close", namespace_close(p)},
            {"encode_doc",
             [&] {
               out.comment(
                   "Encoding: the message as compact JSON text, tag first, fields in schema "
                   "order. Unset optional fields are omitted; unset nullable fields are written "
                   "as null.");
             }},
            {"encoders",
             [&] {
               for (const auto& m : p.messages)
                 out.emit("std::string encode(const $type$& message);", {{"type", m.name}});
               for (const auto& variant : variants_with_messages(p))
                 out.emit("std::string encode(const $type$& message);", {{"type", variant}});
             }},
            {"decode_doc",
             [&] {
               out.comment(
                   "Decoding never throws: the result holds the message or a "
                   "wirekit::DecodeError naming the failing field's path. Unknown fields are "
                   "ignored.");
             }},
            {"decoders",
             [&] {
               for (const auto& m : p.messages) {
                 out.line("template <>");
                 out.call("wirekit::Result<" + m.name + "> decode<" + m.name + ">",
                          "std::string_view text", ";");
               }
             }},
            {"to_server_doc",
             [&] {
               out.comment("Decodes any message the client sends, dispatching on \"" + p.tag_key() +
                           "\".");
             }},
            {"to_client_doc", [&] { out.comment(to_client_doc); }},
            {"tag_of",
             [&] {
               for (const auto& variant : variants_with_messages(p))
                 out.emit("std::string_view tag_of(const $type$& message);", {{"type", variant}});
             }},
            {"enums", [&] { declare_enum_strings(out, p); }},
            {"writers_doc",
             [&] {
               out.comment(
                   "JSON writers for every type, for composing larger documents with "
                   "wirekit::JsonWriter.");
             }},
            {"writers", [&] {
               for (const auto& t : p.types)
                 out.aligned_call(
                     "void encode_json",
                     {"wirekit::JsonWriter& w",
                      (t.kind == NamedType::Kind::enumeration ? t.name : "const " + t.name + "&") +
                          " value"},
                     ";");
               for (const auto& m : p.messages)
                 out.aligned_call("void encode_json",
                                  {"wirekit::JsonWriter& w", "const " + m.name + "& message"}, ";");
             }}});
  return GeneratedFile{p.name + "/" + p.name + "_codec.hpp", out.str()};
}

// ---- source: encoders -----------------------------------------------------------------------

void emit_members_encoder(Printer& out, const std::string& type, const std::vector<Field>& fields,
                          const std::string& fn) {
  if (fields.empty()) {
    out.aligned_call("void " + fn, {"wirekit::JsonWriter&", "const " + type + "&"}, " {}");
    return;
  }
  out.aligned_call("void " + fn, {"wirekit::JsonWriter& w", "const " + type + "& value"}, " {");
  out.indent();
  for (const auto& f : fields) out.line(encode_statement(f, "value"));
  out.outdent();
  out.line("}");
}

void emit_enum_functions(Printer& out, const NamedType& t) {
  out.line("std::string_view to_string(" + t.name + " value) {");
  out.indent();
  out.line("switch (value) {");
  out.indent();
  for (const auto& v : t.values)
    out.line("case " + t.name + "::" + v.cpp_name + ":\n" +
             std::string(out.indentation() + 2, ' ') + "return " + lit(v.wire) + ";");
  out.outdent();
  out.line("}");
  out.line("return {};");
  out.outdent();
  out.line("}");
  out.line();
  out.line("bool from_string(std::string_view text, " + t.name + "& value) {");
  out.indent();
  for (const auto& v : t.values) {
    out.line("if (text == " + lit(v.wire) + ") {");
    out.indent();
    out.line("value = " + t.name + "::" + v.cpp_name + ";");
    out.line("return true;");
    out.outdent();
    out.line("}");
  }
  out.line("return false;");
  out.outdent();
  out.line("}");
  out.line();
  out.short_function("void encode_json(wirekit::JsonWriter& w, " + t.name + " value)",
                     "w.string(to_string(value));");
  out.line();
  std::string expected;
  for (const auto& v : t.values) expected += (expected.empty() ? "" : ", ") + v.wire;
  out.aligned_call("bool decode_json",
                   {"wj::Value& value", t.name + "& out", "wirekit::DecodeError& err"}, " {");
  out.indent();
  out.line("return wj::decode_enum(value, out, " + lit(expected) + ", err);");
  out.outdent();
  out.line("}");
}

void emit_union_functions(Printer& out, const NamedType& t) {
  out.aligned_call("void encode_json", {"wirekit::JsonWriter& w", "const " + t.name + "& value"},
                   " {");
  out.indent();
  out.line("w.begin_object();");
  out.line("w.key(" + lit(t.union_tag) + ");");
  out.line("switch (value.index()) {");
  out.indent();
  for (std::size_t i = 0; i < t.variants.size(); ++i) {
    const auto& v = t.variants[i];
    out.line("case " + std::to_string(i) + ":");
    out.indent();
    out.line("w.string(" + lit(v.tag) + ");");
    out.line("encode_members(w, std::get<" + std::to_string(i) + ">(value));");
    out.line("break;");
    out.outdent();
  }
  out.outdent();
  out.line("}");
  out.line("w.end_object();");
  out.outdent();
  out.line("}");
  out.line();
  out.aligned_call("bool decode_json",
                   {"wj::Value& value", t.name + "& out", "wirekit::DecodeError& err"}, " {");
  out.indent();
  out.line("wj::Object object;");
  out.line("std::string tag;");
  out.if_return("!wj::open_object(value, object, err) || !wj::read_object_tag(object, " +
                    lit(t.union_tag) + ", tag, err)",
                "false");
  for (const auto& v : t.variants)
    out.if_return("tag == " + lit(v.tag),
                  "wj::decode_alternative<" + v.type_name + ">(object, out, err)");
  out.line("return wj::unknown_tag(" + lit(t.union_tag) + ", tag, err);");
  out.outdent();
  out.line("}");
}

// The loop that reads the fields of one JSON object into `out`. `extra` handles keys
// besides `fields` (envelope keys) and returns the lines to put before the fields' cases.
using Case = std::pair<std::string, std::string>;  // condition, returned expression

void emit_field_loop(Printer& out, const std::vector<Field>& fields,
                     const std::vector<Case>& extra_cases,
                     const std::vector<std::string>& extra_flags) {
  std::vector<const Field*> required;
  for (const auto& f : fields)
    if (f.is_required()) required.push_back(&f);
  for (const Field* f : required) out.line("bool has_" + f->cpp_name + " = false;");
  for (const auto& flag : extra_flags) out.line(flag);
  for (const auto& f : fields)
    if (f.limits.any()) out.line(limits_declaration(f));
  const bool any = !fields.empty() || !extra_cases.empty();
  if (!any) {
    out.line("return wj::skip_fields(object, err);");
    return;
  }
  out.line("const bool ok = wj::for_each_field(object, err, [&](wj::Key key, wj::Value& value) {");
  out.indent();
  for (const auto& c : extra_cases) out.if_return(c.first, c.second);
  for (const auto& f : fields) {
    const std::string assign = f.is_required() ? "has_" + f.cpp_name + " = " : "";
    out.if_return("key == " + lit(f.wire_name), assign + decode_expression(f, "out"));
  }
  out.line("return wj::skip_unknown(value, err);");
  out.outdent();
  out.line("});");
  out.line("if (!ok) return false;");
  for (const Field* f : required)
    out.line("if (!has_" + f->cpp_name + ") return wj::missing_field(" + lit(f->wire_name) +
             ", err);");
}

void emit_struct_decoder(Printer& out, const std::string& type, const std::vector<Field>& fields) {
  out.aligned_call(
      "bool decode_members",
      {"wj::Object& object", type + (fields.empty() ? "&" : "& out"), "wirekit::DecodeError& err"},
      " {");
  out.indent();
  emit_field_loop(out, fields, {}, {});
  if (!fields.empty()) out.line("return true;");
  out.outdent();
  out.line("}");
  out.line();
  out.aligned_call("bool decode_json",
                   {"wj::Value& value", type + "& out", "wirekit::DecodeError& err"}, " {");
  out.indent();
  out.line("wj::Object object;");
  out.line("return wj::open_object(value, object, err) && decode_members(object, out, err);");
  out.outdent();
  out.line("}");
}

void emit_message_functions(Printer& out, const Protocol& p, const Message& m) {
  const Envelope& e = p.envelope_of(m);
  const bool nested = !e.body.empty();
  // Encoder.
  out.aligned_call("void encode_json",
                   {"wirekit::JsonWriter& w",
                    "const " + m.name + (e.fields.empty() && m.fields.empty() ? "&" : "& message")},
                   " {");
  out.indent();
  out.line("w.begin_object();");
  if (m.tag) {
    out.line("w.key(" + lit(e.tag) + ");");
    out.line("w.string(" + m.name + "::kTag);");
  }
  for (const auto& c : e.constants) {
    out.line("w.key(" + lit(c.first) + ");");
    out.line("w.string(" + lit(c.second) + ");");
  }
  for (const auto& f : e.fields) out.line(encode_statement(f, "message"));
  if (nested && !m.fields.empty()) {
    out.line("w.key(" + lit(e.body) + ");");
    out.line("w.begin_object();");
  }
  for (const auto& f : m.fields) out.line(encode_statement(f, "message"));
  if (nested && !m.fields.empty()) out.line("w.end_object();");
  out.line("w.end_object();");
  out.outdent();
  out.line("}");
  out.line();
  out.short_function("std::string encode(const " + m.name + "& message)",
                     "return wj::to_text(message);");
  out.line();
  // Body decoder for nested envelopes.
  if (nested) {
    out.aligned_call("bool decode_body",
                     {"wj::Value& value", m.name + (m.fields.empty() ? "&" : "& out"),
                      "wirekit::DecodeError& err"},
                     " {");
    out.indent();
    out.line("wj::Object object;");
    out.line("if (!wj::open_object(value, object, err)) return false;");
    emit_field_loop(out, m.fields, {}, {});
    if (!m.fields.empty()) out.line("return true;");
    out.outdent();
    out.line("}");
    out.line();
  }
  // Top-level decoder.
  const bool uses_out = !e.fields.empty() || !m.fields.empty() || nested;
  out.aligned_call(
      "bool decode_message",
      {"wj::Object& object", m.name + (uses_out ? "& out" : "&"), "wirekit::DecodeError& err"},
      " {");
  out.indent();
  std::vector<Case> cases;
  std::vector<std::string> flags;
  // The tag was read and checked before dispatch.
  if (m.tag) {
    flags.push_back("bool seen_tag = false;");
    cases.emplace_back("key == " + lit(e.tag), "wj::first_tag(seen_tag, " + lit(e.tag) + ", err)");
  }
  for (const auto& c : e.constants)
    cases.emplace_back("key == " + lit(c.first), "wj::decode_constant(value, " + lit(c.second) +
                                                     ", " + lit(c.first) + ", err)");
  std::vector<Field> top = e.fields;
  if (nested) {
    const bool body_required = has_required(m.fields);
    if (body_required) flags.push_back("bool seen_body = false;");
    cases.emplace_back("key == " + lit(e.body), std::string(body_required ? "seen_body = " : "") +
                                                    "wj::in_field(" + lit(e.body) +
                                                    ", decode_body(value, out, err), err)");
  } else {
    top.insert(top.end(), m.fields.begin(), m.fields.end());
  }
  emit_field_loop(out, top, cases, flags);
  if (nested && has_required(m.fields))
    out.line("if (!seen_body) return wj::missing_field(" + lit(e.body) + ", err);");
  if (!cases.empty() || !top.empty()) out.line("return true;");
  out.outdent();
  out.line("}");
  out.line();
  // decode<T>
  out.line("template <>");
  out.call("wirekit::Result<" + m.name + "> decode<" + m.name + ">", "std::string_view text", " {");
  out.indent();
  out.line("return wj::decode_text<" + m.name + ">(text, " + lit(e.tag) + ");");
  out.outdent();
  out.line("}");
}

void emit_direction_decoder(Printer& out, const Protocol& p, bool client) {
  const std::string variant = client ? "ToServer" : "ToClient";
  const auto sent = messages_sent_by(p, client);
  const bool shares_tags = has_shared_tags(p, client);
  out.aligned_call("wirekit::Result<" + variant + "> decode_to_" + (client ? "server" : "client"),
                   {"std::string_view text",
                    std::string("wirekit::ReplyResolver*") + (shares_tags ? " resolver" : "")},
                   " {");
  out.indent();
  out.line("wirekit::DecodeError err;");
  out.line("wj::Document doc;");
  out.line("std::string_view tag;");
  out.line("bool tagged = false;");
  out.if_return("!wj::parse(text, doc, err) || !wj::read_tag(doc, " + lit(p.tag_key()) +
                    ", tag, tagged, err)",
                "err");
  const Message* untagged = nullptr;
  for (const Message* m : sent)
    if (!m->tag) untagged = m;
  if (untagged)
    out.if_return("!tagged",
                  "wj::decode_document<" + untagged->name + ", " + variant + ">(doc, err)");
  else {
    out.line("if (!tagged) {");
    out.line("  wj::missing_tag(" + lit(p.tag_key()) + ", err);");
    out.line("  return err;");
    out.line("}");
  }
  std::map<std::string, std::vector<const Message*>> by_tag;
  std::vector<std::string> order;
  for (const Message* m : sent) {
    if (!m->tag) continue;
    if (by_tag[*m->tag].empty()) order.push_back(*m->tag);
    by_tag[*m->tag].push_back(m);
  }
  for (const auto& tag : order) {
    const auto& candidates = by_tag[tag];
    if (candidates.size() == 1) {
      out.if_return("tag == " + lit(tag),
                    "wj::decode_document<" + candidates[0]->name + ", " + variant + ">(doc, err)");
    } else {
      // Replies sharing a tag: the pending request their correlation names says which.
      std::string names;
      for (const Message* m : candidates) names += (names.empty() ? "" : ", ") + m->name;
      const std::string key = p.correlation.kind().reply_key();
      out.line("if (tag == " + lit(tag) + ") {");
      out.indent();
      out.line("static constexpr wirekit::MessageIndex kShared[] = {");
      for (const Message* m : candidates) out.line("    message_index::k" + m->name + ",");
      out.line("};");
      out.line("wj::SharedTag shared;");
      out.line("shared.tag_key = " + lit(p.tag_key()) + ";");
      out.line("shared.tag = tag;");
      out.line("shared.correlation = " + lit(key) + ";");
      out.line("shared.candidates = kShared;");
      out.line("shared.count = " + std::to_string(candidates.size()) + ";");
      out.line("shared.names = " + lit(names) + ";");
      out.line("switch (wj::resolve_reply(doc, shared, resolver, err)) {");
      out.indent();
      for (const Message* m : candidates) {
        out.line("case message_index::k" + m->name + ":");
        out.line("  return wj::decode_document<" + m->name + ", " + variant + ">(doc, err);");
      }
      out.line("default:");
      out.line("  return err;");
      out.outdent();
      out.line("}");
      out.outdent();
      out.line("}");
    }
  }
  out.line("wj::unknown_tag(" + lit(p.tag_key()) + ", tag, err);");
  out.line("return err;");
  out.outdent();
  out.line("}");
}

void emit_direction_functions(Printer& out, const std::string& variant) {
  out.line("std::string encode(const " + variant + "& message) {");
  out.indent();
  out.line("return std::visit([](const auto& m) { return encode(m); }, message);");
  out.outdent();
  out.line("}");
  out.line();
  out.line("std::string_view tag_of(const " + variant + "& message) {");
  out.indent();
  out.line(
      "return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::kTag; }, message);");
  out.outdent();
  out.line("}");
}

GeneratedFile codec_source(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "JSON encoding and decoding");
  out.line("#include \"" + p.name + "_codec.hpp\"");
  out.line();
  out.line("#include <type_traits>");
  out.line();
  out.line("#include <wirekit/json_decode.hpp>");
  out.line("#include <wirekit/json_encode.hpp>");
  if (has_limits(p)) out.line("#include <wirekit/json_limits.hpp>");
  if (has_shared_tags(p, true) || has_shared_tags(p, false)) {
    out.line("#include <wirekit/json_reply.hpp>");
    out.line();
    out.line("#include \"" + p.name + "_protocol.hpp\"");
  }
  out.line();
  out.line(namespace_open(p));
  out.line();
  out.line("namespace wj = wirekit::json;");
  out.line();
  out.comment(
      "Declared up front so that the container templates in wirekit::json find each overload "
      "by argument-dependent lookup, whatever the order of definitions below.",
      "//");
  for (const auto& t : p.types) {
    if (t.kind == NamedType::Kind::structure) {
      out.aligned_call("void encode_members",
                       {"wirekit::JsonWriter& w", "const " + t.name + "& value"}, ";");
      out.aligned_call("bool decode_members",
                       {"wj::Object& object", t.name + "& out", "wirekit::DecodeError& err"}, ";");
    }
    out.aligned_call("bool decode_json",
                     {"wj::Value& value", t.name + "& out", "wirekit::DecodeError& err"}, ";");
  }
  for (const auto& m : p.messages)
    out.aligned_call("bool decode_message",
                     {"wj::Object& object", m.name + "& out", "wirekit::DecodeError& err"}, ";");
  for (const auto& t : p.types) {
    out.line();
    switch (t.kind) {
      case NamedType::Kind::enumeration:
        emit_enum_functions(out, t);
        break;
      case NamedType::Kind::structure:
        emit_members_encoder(out, t.name, t.fields, "encode_members");
        out.line();
        out.aligned_call("void encode_json",
                         {"wirekit::JsonWriter& w", "const " + t.name + "& value"}, " {");
        out.indent();
        out.line("w.begin_object();");
        out.line("encode_members(w, value);");
        out.line("w.end_object();");
        out.outdent();
        out.line("}");
        out.line();
        emit_struct_decoder(out, t.name, t.fields);
        break;
      case NamedType::Kind::union_of:
        emit_union_functions(out, t);
        break;
    }
  }
  for (const auto& m : p.messages) {
    out.line();
    emit_message_functions(out, p, m);
  }
  for (const auto& variant : variants_with_messages(p)) {
    out.line();
    emit_direction_functions(out, variant);
  }
  out.line();
  emit_direction_decoder(out, p, true);
  out.line();
  emit_direction_decoder(out, p, false);
  out.line();
  out.line(namespace_close(p));
  return GeneratedFile{p.name + "/" + p.name + "_codec.cpp", out.str()};
}

}  // namespace

std::vector<GeneratedFile> emit_codec(const Protocol& p) {
  return {codec_header(p), codec_source(p)};
}

}  // namespace wirekit::gen
