// Emits <name>_types.hpp: enums, structs, unions, one struct per message, and the
// ToServer / ToClient variants.
#include <algorithm>
#include <functional>
#include <set>

#include "emit/emitters.hpp"
#include "emit/field_codegen.hpp"
#include "emit/output_files.hpp"
#include "model/english.hpp"
#include "model/names.hpp"
#include "model/runtime_fields.hpp"

namespace wirekit::gen {
namespace {

// Named types in an order where each is defined before a struct holds it by value.
std::vector<const NamedType*> definition_order(const Protocol& p) {
  std::vector<const NamedType*> order;
  std::set<std::string> done, active;
  std::function<void(const NamedType&)> visit = [&](const NamedType& t) {
    if (done.count(t.name) || active.count(t.name)) return;
    active.insert(t.name);
    std::function<void(const TypeRef&)> need = [&](const TypeRef& r) {
      if (r.kind == TypeRef::Kind::named) visit(*p.find_type(r.name));
      for (const auto& e : r.element) need(e);
    };
    for (const auto& f : t.fields) need(f.type);
    for (const auto& v : t.variants) visit(*p.find_type(v.type_name));
    active.erase(t.name);
    done.insert(t.name);
    order.push_back(&t);
  };
  for (const auto& t : p.types) visit(t);
  return order;
}

// Struct types that some type uses before its definition (only through containers).
std::vector<std::string> forward_declarations(const std::vector<const NamedType*>& order) {
  std::vector<std::string> out;
  std::set<std::string> defined;
  std::function<void(const TypeRef&, const std::string&)> check = [&](const TypeRef& r,
                                                                      const std::string& self) {
    if (r.kind == TypeRef::Kind::named && r.name != self && !defined.count(r.name) &&
        std::find(out.begin(), out.end(), r.name) == out.end())
      out.push_back(r.name);
    for (const auto& e : r.element) check(e, self);
  };
  for (const NamedType* t : order) {
    for (const auto& f : t->fields) check(f.type, t->name);
    defined.insert(t->name);
  }
  return out;
}

void emit_doc(Printer& out, const std::string& doc) {
  if (!doc.empty()) out.comment(doc);
}

// What decoding enforces, e.g. "Decoding refuses more than 64 entries or strings longer than
// 256 bytes."
std::string limits_phrase(const FieldLimits& l) {
  std::vector<std::string> parts;
  if (l.max_items) parts.push_back("more than " + std::to_string(*l.max_items) + " entries");
  if (l.max_length)
    parts.push_back("strings longer than " + std::to_string(*l.max_length) + " bytes");
  if (!l.pattern.empty()) parts.push_back("strings not matching " + l.pattern);
  return "Decoding refuses " + or_list(parts) + ".";
}

void emit_fields(Printer& out, const Protocol& p, const std::vector<const Field*>& fields) {
  for (const Field* field : fields) {
    const Field& f = *field;
    std::string doc = f.doc;
    if (f.wire_name != f.cpp_name)
      doc += (doc.empty() ? "" : " ") + std::string("JSON key \"") + f.wire_name + "\".";
    if (f.limits.any()) doc += (doc.empty() ? "" : " ") + limits_phrase(f.limits);
    emit_doc(out, doc);
    out.line(member_declaration(p, f));
  }
}

void emit_equality(Printer& out, const std::string& name, const std::vector<const Field*>& fields,
                   bool after_members) {
  if (after_members) out.line();
  if (fields.empty())
    out.emit(R"(
      friend bool operator==(const $type$&, const $type$&) { return true; }
    )",
             {{"type", name}});
  else
    out.emit(R"(
      friend bool operator==(const $type$& a, const $type$& b) {
        $comparisons$
        return true;
      }
    )",
             {{"type", name}, {"comparisons", [&] {
                                 for (const Field* f : fields)
                                   out.line("if (a." + f->cpp_name + " != b." + f->cpp_name +
                                            ") return false;");
                               }}});
  out.short_function("friend bool operator!=(const " + name + "& a, const " + name + "& b)",
                     "return !(a == b);");
}

void emit_enum(Printer& out, const NamedType& t) {
  emit_doc(out, t.doc);
  out.emit(R"(
    enum class $type$ {
      $values$
    };
  )",
           {{"type", t.name}, {"values", [&] {
                                 for (const auto& v : t.values) {
                                   std::string doc = v.doc;
                                   doc += (doc.empty() ? "" : " ") + std::string("JSON \"") +
                                          v.wire + "\".";
                                   emit_doc(out, doc);
                                   out.line(v.cpp_name + ",");
                                 }
                               }}});
}

void emit_struct(Printer& out, const Protocol& p, const NamedType& t) {
  emit_doc(out, t.doc);
  std::vector<const Field*> all;
  for (const auto& f : t.fields) all.push_back(&f);
  out.emit(R"(
    struct $type$ {
      $fields$
      $equality$
    };
  )",
           {{"type", t.name},
            {"fields", [&] { emit_fields(out, p, all); }},
            {"equality", [&] { emit_equality(out, t.name, all, !all.empty()); }}});
}

void emit_union(Printer& out, const NamedType& t) {
  std::string doc = t.doc;
  doc += (doc.empty() ? "" : "\n\n") + std::string("A JSON object whose \"") + t.union_tag +
         "\" says which alternative it is:";
  for (const auto& v : t.variants) doc += " \"" + v.tag + "\" is " + v.type_name + ",";
  doc.back() = '.';
  emit_doc(out, doc);
  std::vector<std::string> names;
  for (const auto& v : t.variants) names.push_back(v.type_name);
  out.alias_list(t.name, "std::variant<", names, ">;");
}

std::string sender_phrase(Side s) {
  switch (s) {
    case Side::client:
      return "Sent by the client.";
    case Side::server:
      return "Sent by the server.";
    case Side::both:
      return "Sent by either side.";
  }
  return "";
}

std::string interaction_phrase(const Protocol& p, const Message& m) {
  std::string text;
  for (const auto& i : p.interactions) {
    if (i.request == m.name) {
      if (!i.responses.empty()) text += " Answered by " + or_list(i.responses) + ".";
      if (!i.errors.empty()) text += " Errors: " + or_list(i.errors) + ".";
    }
    const bool answers = std::count(i.responses.begin(), i.responses.end(), m.name) ||
                         std::count(i.errors.begin(), i.errors.end(), m.name);
    if (answers) text += " Answers " + i.request + ".";
  }
  return text;
}

void emit_message(Printer& out, const Protocol& p, const Message& m) {
  const Envelope& e = p.envelope_of(m);
  std::string doc = m.doc;
  doc += (doc.empty() ? "" : "\n\n") + sender_phrase(m.from) + interaction_phrase(p, m);
  if (m.tag)
    doc += " On the wire: {\"" + e.tag + "\": \"" + *m.tag + "\"" +
           (e.body.empty() ? ", ...}" : ", \"" + e.body + "\": {...}}") + ".";
  else
    doc += " On the wire it carries no \"" + e.tag + "\" key.";
  emit_doc(out, doc);
  // Aggregate order: the message's own fields, then its envelope's, then those the runtime
  // fills in; so `Message{a, b}` names the schema's fields in order and nothing else.
  const std::vector<const Field*> filled = runtime_fields(p, m);
  auto by_user = [&](const std::vector<Field>& fields) {
    std::vector<const Field*> out;
    for (const auto& f : fields)
      if (std::find(filled.begin(), filled.end(), &f) == filled.end()) out.push_back(&f);
    return out;
  };
  std::vector<const Field*> user = by_user(m.fields);
  for (const Field* f : by_user(e.fields)) user.push_back(f);
  std::vector<const Field*> all = user;
  all.insert(all.end(), filled.begin(), filled.end());
  out.emit(R"(
    struct $type$ {
      static constexpr std::string_view kName = $name$;
      static constexpr std::string_view kTag = $tag$;
      static constexpr bool kTagged = $tagged$;
      $fields$
      $equality$
    };
  )",
           {{"type", m.name},
            {"name", cpp_string_literal(m.name)},
            {"tag", cpp_string_literal(m.tag.value_or(""))},
            {"tagged", m.tag ? "true" : "false"},
            {"fields",
             [&] {
               if (!all.empty()) out.line();
               emit_fields(out, p, user);
               if (filled.empty()) return;
               if (!user.empty()) out.line();
               out.comment(
                   "Filled in by the runtime when the message is sent (correlation); leave "
                   "unset.");
               emit_fields(out, p, filled);
             }},
            {"equality", [&] { emit_equality(out, m.name, all, true); }}});
}

void emit_direction(Printer& out, const Protocol& p, bool client, const std::string& name) {
  const auto sent = messages_sent_by(p, client);
  out.comment(client ? "Every message the client sends to the server."
                     : "Every message the server sends to the client.");
  std::vector<std::string> names;
  for (const Message* m : sent) names.push_back(m->name);
  if (names.empty()) names.push_back("std::monostate");
  out.alias_list(name, "std::variant<", names, ">;");
}

}  // namespace

GeneratedFile emit_types(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "message and data types");
  const auto order = definition_order(p);
  const auto forward = forward_declarations(order);
  out.emit(R"(
    #pragma once

    #include <cstdint>
    #include <map>
    #include <optional>
    #include <string>
    #include <string_view>
    #include <variant>
    #include <vector>

    #include <wirekit/json.hpp>
    #include <wirekit/timestamp.hpp>
    #include <wirekit/uuid.hpp>

    $namespace_open$
    $forward_declarations$
    $types$

    $to_server$

    $to_client$

    $namespace_close$
  )",
           {{"namespace_open", namespace_open(p)},
            {"namespace_close", namespace_close(p)},
            {"forward_declarations",
             [&] {
               if (forward.empty()) return;
               out.line();
               for (const auto& name : forward) out.emit("struct $name$;", {{"name", name}});
             }},
            {"types",
             [&] {
               for (const NamedType* t : order) {
                 out.line();
                 switch (t->kind) {
                   case NamedType::Kind::enumeration:
                     emit_enum(out, *t);
                     break;
                   case NamedType::Kind::structure:
                     emit_struct(out, p, *t);
                     break;
                   case NamedType::Kind::union_of:
                     emit_union(out, *t);
                     break;
                 }
               }
               for (const auto& m : p.messages) {
                 out.line();
                 emit_message(out, p, m);
               }
             }},
            {"to_server", [&] { emit_direction(out, p, true, "ToServer"); }},
            {"to_client", [&] {
               if (!directions_identical(p)) {
                 emit_direction(out, p, false, "ToClient");
                 return;
               }
               out.emit(R"(
                 /// Every message the server sends to the client: the same set as ToServer.
                 using ToClient = ToServer;
               )");
             }}});
  return GeneratedFile{output_path(p, "types.hpp"), out.str()};
}

}  // namespace wirekit::gen
