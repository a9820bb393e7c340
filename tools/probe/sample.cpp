#include "sample.hpp"

#include <cctype>
#include <cstdio>

#include <yaml-cpp/yaml.h>

#include <wirekit/codegen/char_class.hpp>

#include "model/schema_error.hpp"

namespace wirekit::probe {
namespace {

using gen::TypeRef;

int counter = 0;

/// A character `limits`' pattern accepts, letters first; 'a' without a pattern.
char allowed_char(const gen::FieldLimits& limits) {
  if (limits.pattern.empty()) return 'a';
  const auto parsed = parse_pattern(limits.pattern);
  for (char c : std::string("aA0_-."))
    if (parsed.chars.contains(static_cast<unsigned char>(c))) return c;
  for (int c = 0x21; c < 0x7f; ++c)
    if (c != '"' && c != '\\' && parsed.chars.contains(static_cast<unsigned char>(c)))
      return static_cast<char>(c);
  return 'a';
}

bool accepts(const gen::FieldLimits& limits, const std::string& s) {
  if (limits.min_length && s.size() < *limits.min_length) return false;
  if (limits.max_length && s.size() > *limits.max_length) return false;
  return limits.pattern.empty() || parse_pattern(limits.pattern).chars.matches(s);
}

std::string value(const gen::Protocol& p, const TypeRef& type, const gen::FieldLimits& limits,
                  int depth);

std::string object(const gen::Protocol& p, const std::vector<gen::Field>& fields,
                   const Overrides& overrides, int depth, std::string prefix = "") {
  std::string out = "{" + prefix;
  bool first = prefix.empty();
  for (const auto& f : fields) {
    const auto o = overrides.find(f.wire_name);
    if (!f.is_required() && o == overrides.end()) continue;
    out += (first ? "\"" : ",\"") + f.wire_name +
           "\":" + (o != overrides.end() ? o->second : value(p, f.type, f.limits, depth + 1));
    first = false;
  }
  return out + "}";
}

std::string value(const gen::Protocol& p, const TypeRef& type, const gen::FieldLimits& limits,
                  int depth) {
  switch (type.kind) {
    case TypeRef::Kind::string:
      return sample_string(limits);
    case TypeRef::Kind::integer:
    case TypeRef::Kind::number:
      return "1";
    case TypeRef::Kind::boolean:
      return "false";
    case TypeRef::Kind::uuid: {
      char text[64];
      std::snprintf(text, sizeof text, "\"00000000-0000-4000-8000-%012d\"", ++counter);
      return text;
    }
    case TypeRef::Kind::timestamp:
      return "\"2026-01-01T00:00:00Z\"";
    case TypeRef::Kind::json:
    case TypeRef::Kind::object:
    case TypeRef::Kind::map:
      return "{}";
    case TypeRef::Kind::array:
      return "[]";
    case TypeRef::Kind::named:
      break;
  }
  const gen::NamedType* t = p.find_type(type.name);
  if (!t || depth > 16) return "null";
  if (t->kind == gen::NamedType::Kind::enumeration) return "\"" + t->values.front().wire + "\"";
  if (t->kind == gen::NamedType::Kind::structure) return object(p, t->fields, {}, depth);
  const auto& variant = t->variants.front();
  const gen::NamedType* v = p.find_type(variant.type_name);
  return object(p, v ? v->fields : std::vector<gen::Field>{}, {}, depth,
                "\"" + t->union_tag + "\":\"" + variant.tag + "\"");
}

/// A YAML value as JSON: quoted scalars and words are strings; numbers, true, false and null
/// stay as they are.
std::string json_of(const YAML::Node& node) {
  if (node.IsSequence()) {
    std::string out = "[";
    for (const auto& item : node) out += (out.size() > 1 ? "," : "") + json_of(item);
    return out + "]";
  }
  if (node.IsMap()) {
    std::string out = "{";
    for (const auto& item : node)
      out += (out.size() > 1 ? ",\"" : "\"") + item.first.Scalar() + "\":" + json_of(item.second);
    return out + "}";
  }
  if (node.IsNull()) return "null";
  const std::string& s = node.Scalar();
  const bool plain = node.Tag() != "!";
  if (plain && (s == "true" || s == "false" || s == "null")) return s;
  if (plain && !s.empty() && s.find_first_not_of("0123456789.-+eE") == std::string::npos &&
      std::isdigit(static_cast<unsigned char>(s.back())))
    return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Examples load_examples(const std::string& path, const gen::Protocol& p) {
  const YAML::Node root = YAML::LoadFile(path);
  auto at = [&](const YAML::Node& n) {
    return gen::Location{path, n.Mark().line + 1, n.Mark().column + 1};
  };
  Examples out;
  if (!root || root.IsNull()) return out;
  if (!root.IsMap()) throw gen::SchemaError(at(root), "examples must map message names to fields");
  for (const auto& message : root) {
    const gen::Message* m = p.find_message(message.first.Scalar());
    if (!m)
      throw gen::SchemaError(at(message.first),
                             "the schema has no message '" + message.first.Scalar() + "'");
    if (!message.second.IsMap())
      throw gen::SchemaError(at(message.second), "examples of a message map fields to values");
    for (const auto& field : message.second) {
      if (!p.any_field(*m, field.first.Scalar()))
        throw gen::SchemaError(at(field.first), "message '" + m->name + "' has no field '" +
                                                    field.first.Scalar() + "'");
      out[m->name][field.first.Scalar()] = json_of(field.second);
    }
  }
  return out;
}

std::string sample_string_of(const gen::FieldLimits& limits, std::size_t length) {
  return "\"" + std::string(length ? length : 1, allowed_char(limits)) + "\"";
}

std::string sample_string(const gen::FieldLimits& limits) {
  const std::string unique = "probe" + std::to_string(++counter);
  if (accepts(limits, unique)) return "\"" + unique + "\"";
  std::size_t length = limits.min_length ? *limits.min_length : 1;
  return sample_string_of(limits, length);
}

std::string sample_message(const gen::Protocol& p, const gen::Message& m,
                           const Overrides& overrides) {
  const gen::Envelope& e = p.envelope_of(m);
  std::string prefix;
  if (m.tag) prefix = "\"" + e.tag + "\":\"" + *m.tag + "\"";
  for (const auto& [key, constant] : e.constants)
    prefix += (prefix.empty() ? "\"" : ",\"") + key + "\":\"" + constant + "\"";
  if (e.body.empty()) {
    std::vector<gen::Field> fields = e.fields;
    fields.insert(fields.end(), m.fields.begin(), m.fields.end());
    return object(p, fields, overrides, 0, prefix);
  }
  const std::string body = object(p, m.fields, overrides, 0);
  std::vector<gen::Field> top = e.fields;
  std::string out = object(p, top, overrides, 0, prefix);
  out.pop_back();
  return out + (out.size() > 1 ? "," : "") + "\"" + e.body + "\":" + body + "}";
}

}  // namespace wirekit::probe
