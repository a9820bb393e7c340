// How a field becomes C++: its type, its initializer, and the statements that encode and
// decode it. Per-type facts (C++ type, zero value) come from the table in primitive_types.hpp,
// the place to touch when adding a primitive type; encoding and decoding go through the
// runtime's overloads for the C++ type, so nothing here names a type.
#pragma once

#include <string>

#include "model/model.hpp"

namespace wirekit::gen {

/// The C++ type of a type expression, e.g. std::vector<wirekit::Uuid>.
std::string cpp_type(const TypeRef& type);
/// The member declaration of a field, e.g. `std::optional<std::string> nickname;`.
std::string member_declaration(const Protocol& p, const Field& field);
/// The statement that writes `field` of `object` to the writer `w`.
std::string encode_statement(const Field& field, const std::string& object);
/// The expression that decodes `value` into `field` of `object`; true on success.
std::string decode_expression(const Field& field, const std::string& object);
/// For a field with limits: the name of the wirekit::json::Limits constant the decode
/// expression uses, and its declaration (a local of the decoding function).
std::string limits_constant(const Field& field);
std::string limits_declaration(const Field& field);

}  // namespace wirekit::gen
