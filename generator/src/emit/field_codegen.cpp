#include "emit/field_codegen.hpp"

#include "model/names.hpp"
#include "model/primitive_types.hpp"

namespace wirekit::gen {

std::string cpp_type(const TypeRef& type) {
  const PrimitiveType* row = primitive(type.kind);
  if (!row) return type.name;
  std::string cpp = row->cpp_type;
  if (row->container) cpp.replace(cpp.find('%'), 1, cpp_type(type.element.front()));
  return cpp;
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
  if (const PrimitiveType* row = primitive(f.type.kind))
    return *row->zero ? std::string(" = ") + row->zero : "";
  const NamedType* t = p.find_type(f.type.name);
  if (t && t->kind == NamedType::Kind::enumeration)
    return " = " + t->name + "::" + t->values.front().cpp_name;
  return "";
}

}  // namespace

std::string member_declaration(const Protocol& p, const Field& field) {
  std::string type = cpp_type(field.type);
  if (field.is_optional_in_cpp()) type = "std::optional<" + type + ">";
  // "{}" when there is no other initializer: a member left out of aggregate initialisation
  // is then value-initialised without a -Wmissing-field-initializers warning.
  const std::string init = initializer(p, field);
  return type + " " + field.cpp_name + (init.empty() ? "{}" : init) + ";";
}

std::string encode_statement(const Field& field, const std::string& object) {
  const std::string helper = !field.is_optional_in_cpp()      ? "encode_field"
                             : field.writes_null_when_unset() ? "encode_nullable_field"
                                                              : "encode_optional_field";
  return "wj::" + helper + "(w, " + cpp_string_literal(field.wire_name) + ", " + object + "." +
         field.cpp_name + ");";
}

std::string decode_expression(const Field& field, const std::string& object) {
  // A field written as null when unset also reads null as unset.
  const std::string helper = !field.is_optional_in_cpp()      ? "decode_field"
                             : field.writes_null_when_unset() ? "decode_nullable_field"
                             : field.nullable                 ? "decode_nullable_field"
                                                              : "decode_optional_field";
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
  if (!l.pattern.empty() || l.min_length) args += ", " + cpp_string_literal(l.pattern);
  if (l.min_length) args += ", " + std::to_string(*l.min_length);
  return "static constexpr wj::Limits " + limits_constant(field) + "{" + args + "};";
}

}  // namespace wirekit::gen
