// The one table of the schema's built-in types (string, integer, ..., array<T>, map<T>): how
// each is written in a schema, its C++ type, the value a plain member starts with and the
// `default:` it accepts. The parser, describe(), cpp_type(), member initializers and the
// validator all read it. Adding a primitive type means a TypeRef::Kind value (model.hpp), a
// row in primitive_types.cpp, and the runtime's encode_json/decode_json overloads for its C++
// type (runtime/include/wirekit/codegen/json_encode.hpp and json_decode.hpp).
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace wirekit::gen {

/// The `default:` a primitive type accepts.
struct DefaultRule {
  /// True when `d`, as loaded, is a valid default of the type.
  bool (*accepts)(const DefaultValue& d);
  DefaultValue::Kind becomes;  ///< the kind an accepted default takes
  const char* refusal;         ///< follows "default of field 'x' of ..." when refused
  const char* form;            ///< for messages: a container's only default, "[]" or "{}"
};

struct PrimitiveType {
  TypeRef::Kind kind;
  const char* word;      ///< as written in a schema; a container's is followed by `<T>`
  const char* cpp_type;  ///< in a container's, `%` stands for the element's C++ type
  const char* zero;      ///< the value a plain member starts with; "" when its constructor sets one
  bool container;        ///< array<T> or map<T>: has one element type
  bool free_form;        ///< any JSON, kept as its raw text (json, object)
  const DefaultRule* default_rule;  ///< null when the type takes no default
};

/// Every primitive type, in TypeRef::Kind order.
const std::vector<PrimitiveType>& primitive_types();
/// The row of `kind`; null for TypeRef::Kind::named.
const PrimitiveType* primitive(TypeRef::Kind kind);
/// The row written `word` in a schema; null when `word` is no primitive type.
const PrimitiveType* find_primitive(const std::string& word);
/// "string, integer, ..., array<T>, map<T>", for messages.
std::string primitive_words();

bool is_container(const TypeRef& type);
bool is_free_form(const TypeRef& type);

}  // namespace wirekit::gen
