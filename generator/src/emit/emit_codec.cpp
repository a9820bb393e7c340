// Emits <name>_codec.hpp / .cpp: encode() for every message, decode<T>() and the
// direction decoders that dispatch on the tag, and the JSON functions of named types.
#include <algorithm>
#include <functional>
#include <map>

#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "emit/field_codegen.hpp"
#include "emit/output_files.hpp"
#include "model/names.hpp"

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

// Whether some field of the protocol (in an envelope, a type or a message) satisfies `test`.
bool any_field_where(const Protocol& p, const std::function<bool(const Field&)>& test) {
  auto any = [&](const std::vector<Field>& fields) {
    return std::any_of(fields.begin(), fields.end(), test);
  };
  return std::any_of(p.envelopes.begin(), p.envelopes.end(),
                     [&](const Envelope& e) { return any(e.fields); }) ||
         std::any_of(p.types.begin(), p.types.end(),
                     [&](const NamedType& t) { return any(t.fields); }) ||
         std::any_of(p.messages.begin(), p.messages.end(),
                     [&](const Message& m) { return any(m.fields); });
}

// Whether some unset field is written otherwise than its kind says by default (`unset`,
// `unset_fields`): an optional field written as null, or a nullable one left out.
bool unset_overridden(const Protocol& p) {
  return any_field_where(p, [](const Field& f) {
    return f.is_optional_in_cpp() && f.writes_null_when_unset() != f.nullable;
  });
}

bool has_limits(const Protocol& p) {
  return any_field_where(p, [](const Field& f) { return f.limits.any(); });
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

    #include <wirekit/codegen/codec_hooks.hpp>
    #include <wirekit/json_writer.hpp>
    #include <wirekit/result.hpp>

    #include "$name$_types.hpp"

    $namespace_open$

    $encode_doc$
    $encoders$

    $decode_doc$
    template <class Message_>
    wirekit::Result<Message_> decode(std::string_view text);
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
                   "order. " +
                   std::string(unset_overridden(p)
                                   ? "Unset optional and nullable fields are omitted or written "
                                     "as null, as the schema says of each (`unset`)."
                                   : "Unset optional fields are omitted; unset nullable fields "
                                     "are written as null."));
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
  return GeneratedFile{output_path(p, "codec.hpp"), out.str()};
}

// ---- source ---------------------------------------------------------------------------------

// The parameters of a function decoding `first` into `type` (`out` unnamed when unused).
std::vector<std::string> decoder_params(const std::string& first, const std::string& type,
                                        bool uses_out = true) {
  return {first, type + (uses_out ? "& out" : "&"), "wirekit::DecodeError& err"};
}

void emit_members_encoder(Printer& out, const std::string& type, const std::vector<Field>& fields) {
  if (fields.empty()) {
    out.aligned_call("void encode_members", {"wirekit::JsonWriter&", "const " + type + "&"}, " {}");
    return;
  }
  out.emit(
      R"(
    $signature$
      $fields$
    }
  )",
      {{"signature", out.aligned("void encode_members",
                                 {"wirekit::JsonWriter& w", "const " + type + "& value"}, " {")},
       {"fields", [&] {
          for (const auto& f : fields) out.line(encode_statement(f, "value"));
        }}});
}

void emit_enum_functions(Printer& out, const NamedType& t) {
  std::string expected;
  for (const auto& v : t.values) expected += (expected.empty() ? "" : ", ") + v.wire;
  out.emit(R"(
    std::string_view to_string($type$ value) {
      switch (value) {
        $cases$
      }
      return {};
    }

    bool from_string(std::string_view text, $type$& value) {
      $matches$
      return false;
    }

    $encode_json$

    $decode_signature$
      return wj::decode_enum(value, out, $expected$, err);
    }
  )",
           {{"type", t.name},
            {"cases",
             [&] {
               for (const auto& v : t.values)
                 out.emit(R"(
                   case $type$::$value$:
                     return $wire$;
                 )",
                          {{"type", t.name}, {"value", v.cpp_name}, {"wire", lit(v.wire)}});
             }},
            {"matches",
             [&] {
               for (const auto& v : t.values)
                 out.emit(R"(
                   if (text == $wire$) {
                     value = $type$::$value$;
                     return true;
                   }
                 )",
                          {{"type", t.name}, {"value", v.cpp_name}, {"wire", lit(v.wire)}});
             }},
            {"encode_json",
             [&] {
               out.short_function("void encode_json(wirekit::JsonWriter& w, " + t.name + " value)",
                                  "w.string(to_string(value));");
             }},
            {"decode_signature",
             out.aligned("bool decode_json", decoder_params("wj::Value& value", t.name), " {")},
            {"expected", lit(expected)}});
}

void emit_union_functions(Printer& out, const NamedType& t) {
  out.emit(R"(
    $encode_signature$
      w.begin_object();
      w.key($union_tag$);
      switch (value.index()) {
        $cases$
      }
      w.end_object();
    }

    $decode_signature$
      wj::Object object;
      std::string tag;
      $read_tag$
      $alternatives$
      return wj::unknown_tag($union_tag$, tag, err);
    }
  )",
           {{"encode_signature",
             out.aligned("void encode_json",
                         {"wirekit::JsonWriter& w", "const " + t.name + "& value"}, " {")},
            {"union_tag", lit(t.union_tag)},
            {"cases",
             [&] {
               for (std::size_t i = 0; i < t.variants.size(); ++i)
                 out.emit(R"(
                   case $index$:
                     w.string($tag$);
                     encode_members(w, std::get<$index$>(value));
                     break;
                 )",
                          {{"index", std::to_string(i)}, {"tag", lit(t.variants[i].tag)}});
             }},
            {"decode_signature",
             out.aligned("bool decode_json", decoder_params("wj::Value& value", t.name), " {")},
            {"read_tag",
             [&] {
               out.if_return(
                   "!wj::open_object(value, object, err) || !wj::read_object_tag(object, " +
                       lit(t.union_tag) + ", tag, err)",
                   "false");
             }},
            {"alternatives", [&] {
               for (const auto& v : t.variants)
                 out.if_return("tag == " + lit(v.tag),
                               "wj::decode_alternative<" + v.type_name + ">(object, out, err)");
             }}});
}

// The loop that reads the fields of one JSON object into `out`. `extra_cases` handle keys
// besides `fields` (envelope keys), before the fields' cases, with `extra_flags` their locals.
using Case = std::pair<std::string, std::string>;  // condition, returned expression

void emit_field_loop(Printer& out, const std::vector<Field>& fields,
                     const std::vector<Case>& extra_cases,
                     const std::vector<std::string>& extra_flags) {
  std::vector<const Field*> required;
  for (const auto& f : fields)
    if (f.is_required()) required.push_back(&f);
  const Var locals = [&] {
    for (const Field* f : required) out.line("bool has_" + f->cpp_name + " = false;");
    for (const auto& flag : extra_flags) out.line(flag);
    for (const auto& f : fields)
      if (f.limits.any()) out.line(limits_declaration(f));
  };
  if (fields.empty() && extra_cases.empty()) {
    out.emit(R"(
      $locals$
      return wj::skip_fields(object, err);
    )",
             {{"locals", locals}});
    return;
  }
  out.emit(R"(
    $locals$
    const bool ok = wj::for_each_field(object, err, [&](wj::Key key, wj::Value& value) {
      $cases$
      return wj::skip_unknown(value, err);
    });
    if (!ok) return false;
    $checks$
  )",
           {{"locals", locals},
            {"cases",
             [&] {
               for (const auto& c : extra_cases) out.if_return(c.first, c.second);
               for (const auto& f : fields) {
                 const std::string assign = f.is_required() ? "has_" + f.cpp_name + " = " : "";
                 out.if_return("key == " + lit(f.wire_name), assign + decode_expression(f, "out"));
               }
             }},
            {"checks", [&] {
               for (const Field* f : required)
                 out.line("if (!has_" + f->cpp_name + ") return wj::missing_field(" +
                          lit(f->wire_name) + ", err);");
             }}});
}

void emit_struct_functions(Printer& out, const NamedType& t) {
  out.emit(R"(
    $members_encoder$

    $encode_signature$
      w.begin_object();
      encode_members(w, value);
      w.end_object();
    }

    $members_signature$
      $fields$
      $return_true$
    }

    $decode_signature$
      wj::Object object;
      return wj::open_object(value, object, err) && decode_members(object, out, err);
    }
  )",
           {{"members_encoder", [&] { emit_members_encoder(out, t.name, t.fields); }},
            {"encode_signature",
             out.aligned("void encode_json",
                         {"wirekit::JsonWriter& w", "const " + t.name + "& value"}, " {")},
            {"members_signature",
             out.aligned("bool decode_members",
                         decoder_params("wj::Object& object", t.name, !t.fields.empty()), " {")},
            {"fields", [&] { emit_field_loop(out, t.fields, {}, {}); }},
            {"return_true", t.fields.empty() ? "" : "return true;"},
            {"decode_signature",
             out.aligned("bool decode_json", decoder_params("wj::Value& value", t.name), " {")}});
}

// A nested envelope's body: its own decoder, called for the body key.
void emit_body_decoder(Printer& out, const Message& m) {
  out.emit(
      R"(
    $signature$
      wj::Object object;
      if (!wj::open_object(value, object, err)) return false;
      $fields$
      $return_true$
    }

  )",
      {{"signature",
        out.aligned("bool decode_body",
                    decoder_params("wj::Value& value", m.name, !m.fields.empty()), " {")},
       {"fields", [&] { emit_field_loop(out, m.fields, {}, {}); }},
       {"return_true", m.fields.empty() ? "" : "return true;"}});
}

void emit_message_functions(Printer& out, const Protocol& p, const Message& m) {
  const Envelope& e = p.envelope_of(m);
  const bool nested = !e.body.empty();
  const bool body_object = nested && !m.fields.empty();
  // What the decoder reads besides the fields: the tag (read and checked before dispatch, so
  // only a second one is refused here), the envelope's constants and a nested body.
  std::vector<Case> cases;
  std::vector<std::string> flags;
  if (m.tag) {
    flags.push_back("bool seen_tag = false;");
    cases.emplace_back("key == " + lit(e.tag), "wj::first_tag(seen_tag, " + lit(e.tag) + ", err)");
  }
  for (const auto& c : e.constants)
    cases.emplace_back("key == " + lit(c.first), "wj::decode_constant(value, " + lit(c.second) +
                                                     ", " + lit(c.first) + ", err)");
  std::vector<Field> top = e.fields;
  const bool body_required = nested && has_required(m.fields);
  if (nested) {
    if (body_required) flags.push_back("bool seen_body = false;");
    cases.emplace_back("key == " + lit(e.body), std::string(body_required ? "seen_body = " : "") +
                                                    "wj::in_field(" + lit(e.body) +
                                                    ", decode_body(value, out, err), err)");
  } else {
    top.insert(top.end(), m.fields.begin(), m.fields.end());
  }
  const bool uses_out = !e.fields.empty() || !m.fields.empty() || nested;
  out.emit(
      R"(
    $encode_signature$
      w.begin_object();
      $envelope$
      $open_body$
      $fields$
      $close_body$
      w.end_object();
    }

    $encode$

    $body_decoder$
    $decode_signature$
      $field_loop$
      $missing_body$
      $return_true$
    }

    template <>
    $decode_text$
      return wj::decode_text<$type$>(text, $tag_key$);
    }
  )",
      {{"encode_signature",
        out.aligned(
            "void encode_json",
            {"wirekit::JsonWriter& w",
             "const " + m.name + (e.fields.empty() && m.fields.empty() ? "&" : "& message")},
            " {")},
       {"envelope",
        [&] {
          if (m.tag)
            out.emit(R"(
                   w.key($tag_key$);
                   w.string($type$::kTag);
                 )",
                     {{"tag_key", lit(e.tag)}, {"type", m.name}});
          for (const auto& c : e.constants)
            out.emit(R"(
                   w.key($key$);
                   w.string($value$);
                 )",
                     {{"key", lit(c.first)}, {"value", lit(c.second)}});
          for (const auto& f : e.fields) out.line(encode_statement(f, "message"));
        }},
       {"open_body",
        [&] {
          if (body_object)
            out.emit(R"(
                   w.key($body$);
                   w.begin_object();
                 )",
                     {{"body", lit(e.body)}});
        }},
       {"fields",
        [&] {
          for (const auto& f : m.fields) out.line(encode_statement(f, "message"));
        }},
       {"close_body", body_object ? "w.end_object();" : ""},
       {"encode",
        [&] {
          out.short_function("std::string encode(const " + m.name + "& message)",
                             "return wj::to_text(message);");
        }},
       {"body_decoder",
        [&] {
          if (nested) emit_body_decoder(out, m);
        }},
       {"decode_signature",
        out.aligned("bool decode_message", decoder_params("wj::Object& object", m.name, uses_out),
                    " {")},
       {"field_loop", [&] { emit_field_loop(out, top, cases, flags); }},
       {"missing_body",
        body_required ? "if (!seen_body) return wj::missing_field(" + lit(e.body) + ", err);" : ""},
       {"return_true", !cases.empty() || !top.empty() ? "return true;" : ""},
       {"decode_text",
        [&] {
          out.call("wirekit::Result<" + m.name + "> decode<" + m.name + ">",
                   "std::string_view text", " {");
        }},
       {"type", m.name},
       {"tag_key", lit(e.tag)}});
}

// Replies sharing a tag: the pending request their correlation names says which.
void emit_shared_tag(Printer& out, const Protocol& p, const std::string& variant,
                     const std::string& tag, const std::vector<const Message*>& candidates) {
  std::string names;
  for (const Message* m : candidates) names += (names.empty() ? "" : ", ") + m->name;
  out.emit(R"(
    if (tag == $tag$) {
      static constexpr wirekit::MessageIndex kShared[] = {
          $indices$
      };
      wj::SharedTag shared;
      shared.tag_key = $tag_key$;
      shared.tag = tag;
      shared.correlation = $correlation$;
      shared.candidates = kShared;
      shared.count = $count$;
      shared.names = $names$;
      switch (wj::resolve_reply(doc, shared, resolver, err)) {
        $cases$
        default:
          return err;
      }
    }
  )",
           {{"tag", lit(tag)},
            {"indices",
             [&] {
               for (const Message* m : candidates) out.line(index_of(m->name) + ",");
             }},
            {"tag_key", lit(p.tag_key())},
            {"correlation", lit(p.correlation.kind().reply_key())},
            {"count", std::to_string(candidates.size())},
            {"names", lit(names)},
            {"cases", [&] {
               for (const Message* m : candidates)
                 out.emit(R"(
                   case $index$:
                     return wj::decode_document<$type$, $variant$>(doc, err);
                 )",
                          {{"index", index_of(m->name)}, {"type", m->name}, {"variant", variant}});
             }}});
}

void emit_direction_decoder(Printer& out, const Protocol& p, bool client) {
  const std::string variant = client ? "ToServer" : "ToClient";
  const auto sent = messages_sent_by(p, client);
  const Message* untagged = nullptr;
  std::map<std::string, std::vector<const Message*>> by_tag;
  std::vector<std::string> order;
  for (const Message* m : sent) {
    if (!m->tag) {
      untagged = m;
      continue;
    }
    if (by_tag[*m->tag].empty()) order.push_back(*m->tag);
    by_tag[*m->tag].push_back(m);
  }
  out.emit(
      R"(
    $signature$
      wirekit::DecodeError err;
      wj::Document doc;
      std::string_view tag;
      bool tagged = false;
      $read_tag$
      $untagged$
      $tags$
      wj::unknown_tag($tag_key$, tag, err);
      return err;
    }
  )",
      {{"signature",
        out.aligned("wirekit::Result<" + variant + "> decode_to_" + (client ? "server" : "client"),
                    {"std::string_view text", std::string("wirekit::ReplyResolver*") +
                                                  (has_shared_tags(p, client) ? " resolver" : "")},
                    " {")},
       {"read_tag",
        [&] {
          out.if_return("!wj::parse(text, doc, err) || !wj::read_tag(doc, " + lit(p.tag_key()) +
                            ", tag, tagged, err)",
                        "err");
        }},
       {"untagged",
        [&] {
          if (untagged)
            out.if_return("!tagged",
                          "wj::decode_document<" + untagged->name + ", " + variant + ">(doc, err)");
          else
            out.emit(R"(
                   if (!tagged) {
                     wj::missing_tag($tag_key$, err);
                     return err;
                   }
                 )",
                     {{"tag_key", lit(p.tag_key())}});
        }},
       {"tags",
        [&] {
          for (const auto& tag : order) {
            const auto& candidates = by_tag[tag];
            if (candidates.size() == 1)
              out.if_return("tag == " + lit(tag), "wj::decode_document<" + candidates[0]->name +
                                                      ", " + variant + ">(doc, err)");
            else
              emit_shared_tag(out, p, variant, tag, candidates);
          }
        }},
       {"tag_key", lit(p.tag_key())}});
}

void emit_direction_functions(Printer& out, const std::string& variant) {
  out.emit(R"(
    std::string encode(const $variant$& message) {
      return std::visit([](const auto& m) { return encode(m); }, message);
    }

    std::string_view tag_of(const $variant$& message) {
      return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::kTag; }, message);
    }
  )",
           {{"variant", variant}});
}

GeneratedFile codec_source(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "JSON encoding and decoding");
  out.emit(R"(
    #include "$name$_codec.hpp"

    #include <type_traits>

    #include <wirekit/codegen/json_decode.hpp>
    #include <wirekit/codegen/json_encode.hpp>
    $limits_include$
    $reply_includes$

    $namespace_open$

    namespace wj = wirekit::json;

    $declarations$
    $types$
    $messages$
    $variants$

    $to_server$

    $to_client$

    $namespace_close$
  )",
           {{"name", p.name},
            {"limits_include", has_limits(p) ? "#include <wirekit/codegen/json_limits.hpp>" : ""},
            {"reply_includes",
             [&] {
               if (has_shared_tags(p, true) || has_shared_tags(p, false))
                 out.emit(R"(
                   #include <wirekit/codegen/json_reply.hpp>

                   #include "$name$_protocol.hpp"
                 )",
                          {{"name", p.name}});
             }},
            {"namespace_open", namespace_open(p)},
            {"declarations",
             [&] {
               out.comment(
                   "Declared up front so that the container templates in wirekit::json find "
                   "each overload by argument-dependent lookup, whatever the order of "
                   "definitions below.",
                   "//");
               for (const auto& t : p.types) {
                 if (t.kind == NamedType::Kind::structure) {
                   out.aligned_call("void encode_members",
                                    {"wirekit::JsonWriter& w", "const " + t.name + "& value"}, ";");
                   out.aligned_call("bool decode_members",
                                    decoder_params("wj::Object& object", t.name), ";");
                 }
                 out.aligned_call("bool decode_json", decoder_params("wj::Value& value", t.name),
                                  ";");
               }
               for (const auto& m : p.messages)
                 out.aligned_call("bool decode_message",
                                  decoder_params("wj::Object& object", m.name), ";");
             }},
            {"types",
             [&] {
               for (const auto& t : p.types) {
                 out.line();
                 switch (t.kind) {
                   case NamedType::Kind::enumeration:
                     emit_enum_functions(out, t);
                     break;
                   case NamedType::Kind::structure:
                     emit_struct_functions(out, t);
                     break;
                   case NamedType::Kind::union_of:
                     emit_union_functions(out, t);
                     break;
                 }
               }
             }},
            {"messages",
             [&] {
               for (const auto& m : p.messages) {
                 out.line();
                 emit_message_functions(out, p, m);
               }
             }},
            {"variants",
             [&] {
               for (const auto& variant : variants_with_messages(p)) {
                 out.line();
                 emit_direction_functions(out, variant);
               }
             }},
            {"to_server", [&] { emit_direction_decoder(out, p, true); }},
            {"to_client", [&] { emit_direction_decoder(out, p, false); }},
            {"namespace_close", namespace_close(p)}});
  return GeneratedFile{output_path(p, "codec.cpp"), out.str()};
}

}  // namespace

std::vector<GeneratedFile> emit_codec(const Protocol& p) {
  return {codec_header(p), codec_source(p)};
}

}  // namespace wirekit::gen
