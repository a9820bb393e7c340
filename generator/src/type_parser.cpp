#include "type_parser.hpp"

#include <cctype>
#include <map>

#include "schema_error.hpp"

namespace wirekit::gen {
namespace {

class Parser {
 public:
  Parser(const std::string& text, const Location& where) : text_(text), where_(where) {}

  TypeRef parse_all() {
    TypeRef t = parse();
    skip_space();
    if (pos_ != text_.size()) error("unexpected '" + text_.substr(pos_) + "'");
    return t;
  }

 private:
  TypeRef parse() {
    if (++depth_ > kMaxDepth)
      error("types nest deeper than " + std::to_string(kMaxDepth) + " levels");
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    const std::string word = text_.substr(start, pos_ - start);
    if (word.empty()) error("expected a type name");
    TypeRef t;
    t.where = here(start);
    static const std::map<std::string, TypeRef::Kind> kPrimitives = {
        {"string", TypeRef::Kind::string}, {"integer", TypeRef::Kind::integer},
        {"number", TypeRef::Kind::number}, {"boolean", TypeRef::Kind::boolean},
        {"uuid", TypeRef::Kind::uuid},     {"timestamp", TypeRef::Kind::timestamp},
        {"json", TypeRef::Kind::json},     {"object", TypeRef::Kind::object},
        {"array", TypeRef::Kind::array},   {"map", TypeRef::Kind::map}};
    auto it = kPrimitives.find(word);
    if (it == kPrimitives.end()) {
      if (!std::isupper(static_cast<unsigned char>(word[0])))
        error("unknown type '" + word +
                  "'; expected string, integer, number, boolean, uuid, timestamp, json, object, "
                  "array<T>, map<T> or a type name in PascalCase",
              start);
      t.kind = TypeRef::Kind::named;
      t.name = word;
      return t;
    }
    t.kind = it->second;
    if (t.kind == TypeRef::Kind::array || t.kind == TypeRef::Kind::map) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '<')
        error("'" + word + "' needs an element type, e.g. " + word + "<string>");
      ++pos_;
      t.element.push_back(parse());
      --depth_;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '>') error("expected '>'");
      ++pos_;
    }
    return t;
  }

  void skip_space() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  Location here(std::size_t offset) const {
    Location l = where_;
    l.column += static_cast<int>(offset);
    return l;
  }
  [[noreturn]] void error(const std::string& message) { error(message, pos_); }
  [[noreturn]] void error(const std::string& message, std::size_t offset) {
    throw SchemaError(here(offset), "in type '" + text_ + "': " + message);
  }

  static constexpr int kMaxDepth = 32;
  const std::string& text_;
  Location where_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

TypeRef parse_type(const std::string& text, const Location& where) {
  return Parser(text, where).parse_all();
}

std::string describe(const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::string:
      return "string";
    case TypeRef::Kind::integer:
      return "integer";
    case TypeRef::Kind::number:
      return "number";
    case TypeRef::Kind::boolean:
      return "boolean";
    case TypeRef::Kind::uuid:
      return "uuid";
    case TypeRef::Kind::timestamp:
      return "timestamp";
    case TypeRef::Kind::json:
      return "json";
    case TypeRef::Kind::object:
      return "object";
    case TypeRef::Kind::array:
      return "array<" + describe(type.element.front()) + ">";
    case TypeRef::Kind::map:
      return "map<" + describe(type.element.front()) + ">";
    case TypeRef::Kind::named:
      return type.name;
  }
  return "?";
}

}  // namespace wirekit::gen
