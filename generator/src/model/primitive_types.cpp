#include "model/primitive_types.hpp"

namespace wirekit::gen {
namespace {

// How many characters of `text` `parse` (std::stoll, std::stod) reads; 0 when it fails.
template <class Parse>
std::size_t parsed_length(const std::string& text, Parse parse) {
  std::size_t used = 0;
  try {
    (void)parse(text, &used);
  } catch (...) {
    used = 0;
  }
  return used;
}

bool any_scalar(const DefaultValue&) { return true; }

bool integer_text(const DefaultValue& d) {
  const std::size_t used =
      parsed_length(d.text, [](const std::string& s, std::size_t* n) { return std::stoll(s, n); });
  return !d.quoted && used == d.text.size() && !d.text.empty();
}

bool finite_number_text(const DefaultValue& d) {
  const std::size_t used =
      parsed_length(d.text, [](const std::string& s, std::size_t* n) { return std::stod(s, n); });
  const bool plain = d.text.find_first_not_of("0123456789+-.eE") == std::string::npos;
  return !d.quoted && used == d.text.size() && !d.text.empty() && plain;
}

bool boolean_text(const DefaultValue& d) {
  return !d.quoted && (d.text == "true" || d.text == "false");
}

bool empty_array(const DefaultValue& d) {
  return d.kind == DefaultValue::Kind::empty_array && d.text.empty();
}

bool empty_map(const DefaultValue& d) { return d.kind == DefaultValue::Kind::empty_map; }

using D = DefaultValue::Kind;
const DefaultRule kStringDefault{any_scalar, D::string, "", ""};
const DefaultRule kIntegerDefault{integer_text, D::integer, " must be an integer", ""};
const DefaultRule kNumberDefault{finite_number_text, D::number, " must be a finite number", ""};
const DefaultRule kBooleanDefault{boolean_text, D::boolean, " must be true or false", ""};
const DefaultRule kArrayDefault{empty_array, D::empty_array, " can only be [] for an array", "[]"};
const DefaultRule kMapDefault{empty_map, D::empty_map, " can only be {} for a map", "{}"};

}  // namespace

const std::vector<PrimitiveType>& primitive_types() {
  using K = TypeRef::Kind;
  // kind, word, C++ type, zero, container, free-form JSON, default
  static const std::vector<PrimitiveType> kTable = {
      {K::string, "string", "std::string", "", false, false, &kStringDefault},
      {K::integer, "integer", "std::int64_t", "0", false, false, &kIntegerDefault},
      {K::number, "number", "double", "0.0", false, false, &kNumberDefault},
      {K::boolean, "boolean", "bool", "false", false, false, &kBooleanDefault},
      {K::uuid, "uuid", "wirekit::Uuid", "", false, false, nullptr},
      {K::timestamp, "timestamp", "wirekit::Timestamp", "", false, false, nullptr},
      {K::json, "json", "wirekit::Json", "", false, true, nullptr},
      {K::object, "object", "wirekit::JsonObject", "", false, true, nullptr},
      {K::array, "array", "std::vector<%>", "", true, false, &kArrayDefault},
      {K::map, "map", "std::map<std::string, %>", "", true, false, &kMapDefault},
  };
  return kTable;
}

const PrimitiveType* primitive(TypeRef::Kind kind) {
  for (const PrimitiveType& t : primitive_types())
    if (t.kind == kind) return &t;
  return nullptr;
}

const PrimitiveType* find_primitive(const std::string& word) {
  for (const PrimitiveType& t : primitive_types())
    if (word == t.word) return &t;
  return nullptr;
}

std::string primitive_words() {
  std::string words;
  for (const PrimitiveType& t : primitive_types()) {
    if (!words.empty()) words += ", ";
    words += t.word;
    if (t.container) words += "<T>";
  }
  return words;
}

bool is_container(const TypeRef& type) {
  const PrimitiveType* t = primitive(type.kind);
  return t && t->container;
}

bool is_free_form(const TypeRef& type) {
  const PrimitiveType* t = primitive(type.kind);
  return t && t->free_form;
}

}  // namespace wirekit::gen
