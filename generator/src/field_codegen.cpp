#include "field_codegen.hpp"

#include "names.hpp"

namespace wirekit::gen {

std::string cpp_type(const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::string:
      return "std::string";
    case TypeRef::Kind::integer:
      return "std::int64_t";
    case TypeRef::Kind::number:
      return "double";
    case TypeRef::Kind::boolean:
      return "bool";
    case TypeRef::Kind::uuid:
      return "wirekit::Uuid";
    case TypeRef::Kind::timestamp:
      return "wirekit::Timestamp";
    case TypeRef::Kind::json:
      return "wirekit::Json";
    case TypeRef::Kind::object:
      return "wirekit::JsonObject";
    case TypeRef::Kind::array:
      return "std::vector<" + cpp_type(type.element.front()) + ">";
    case TypeRef::Kind::map:
      return "std::map<std::string, " + cpp_type(type.element.front()) + ">";
    case TypeRef::Kind::named:
      return type.name;
  }
  return "void";
}

namespace {

std::string enumerator_of(const Protocol& p, const std::string& type_name,
                          const std::string& wire) {
  const NamedType* t = p.find_type(type_name);
  for (const auto& v : t->values)
    if (v.wire == wire) return type_name + "::" + v.cpp_name;
  return type_name + "::" + t->values.front().cpp_name;
}

// The initializer that keeps a plain member from starting out indeterminate.
std::string initializer(const Protocol& p, const Field& f) {
  if (f.default_value) {
    const DefaultValue& d = *f.default_value;
    switch (d.kind) {
      case DefaultValue::Kind::string:
        return " = " + cpp_string_literal(d.text);
      case DefaultValue::Kind::integer:
      case DefaultValue::Kind::number:
        return " = " + d.text;
      case DefaultValue::Kind::boolean:
        return " = " + d.text;
      case DefaultValue::Kind::enumerator:
        return " = " + enumerator_of(p, f.type.name, d.text);
      case DefaultValue::Kind::empty_array:
      case DefaultValue::Kind::empty_map:
        return "";
    }
  }
  if (f.is_optional_in_cpp()) return "";
  switch (f.type.kind) {
    case TypeRef::Kind::integer:
      return " = 0";
    case TypeRef::Kind::number:
      return " = 0.0";
    case TypeRef::Kind::boolean:
      return " = false";
    case TypeRef::Kind::named: {
      const NamedType* t = p.find_type(f.type.name);
      if (t && t->kind == NamedType::Kind::enumeration)
        return " = " + t->name + "::" + t->values.front().cpp_name;
      return "";
    }
    default:
      return "";
  }
}

}  // namespace

std::string member_declaration(const Protocol& p, const Field& field) {
  std::string type = cpp_type(field.type);
  if (field.is_optional_in_cpp()) type = "std::optional<" + type + ">";
  return type + " " + field.cpp_name + initializer(p, field) + ";";
}

std::string encode_statement(const Field& field, const std::string& object) {
  const std::string helper = field.nullable   ? "encode_nullable_field"
                             : field.optional ? "encode_optional_field"
                                              : "encode_field";
  return "wj::" + helper + "(w, " + cpp_string_literal(field.wire_name) + ", " + object + "." +
         field.cpp_name + ");";
}

std::string decode_expression(const Field& field, const std::string& object) {
  const std::string helper = field.nullable   ? "decode_nullable_field"
                             : field.optional ? "decode_optional_field"
                                              : "decode_field";
  const std::string limits = field.limits.any() ? limits_constant(field) + ", " : "";
  return "wj::" + helper + "(value, " + object + "." + field.cpp_name + ", " + limits +
         cpp_string_literal(field.wire_name) + ", err)";
}

std::string limits_constant(const Field& field) {
  return enumerator_name(field.cpp_name) + "Limits";
}

std::string limits_declaration(const Field& field) {
  const FieldLimits& l = field.limits;
  std::string args =
      std::to_string(l.max_length.value_or(0)) + ", " + std::to_string(l.max_items.value_or(0));
  if (!l.pattern.empty()) args += ", " + cpp_string_literal(l.pattern);
  return "static constexpr wj::Limits " + limits_constant(field) + "{" + args + "};";
}

}  // namespace wirekit::gen
