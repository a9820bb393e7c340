#include "load/type_parser.hpp"

#include <cctype>

#include "model/primitive_types.hpp"
#include "model/schema_error.hpp"

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
    const PrimitiveType* row = find_primitive(word);
    if (!row) {
      if (!std::isupper(static_cast<unsigned char>(word[0])))
        error("unknown type '" + word + "'; expected " + primitive_words() +
                  " or a type name in PascalCase",
              start);
      t.kind = TypeRef::Kind::named;
      t.name = word;
      return t;
    }
    t.kind = row->kind;
    if (row->container) {
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
  const PrimitiveType* row = primitive(type.kind);
  if (!row) return type.name;
  if (row->container) return std::string(row->word) + "<" + describe(type.element.front()) + ">";
  return row->word;
}

}  // namespace wirekit::gen
