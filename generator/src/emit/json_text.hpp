// JSON text for the emitters that write about the wire rather than C++ (emit_docs.cpp,
// emit_asyncapi.cpp): quoting, a field's `default:` as JSON, and a small ordered JSON value
// printed with two-space indentation.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace wirekit::gen {

/// `text` as a JSON string literal, quotes included.
std::string json_quote(const std::string& text);
/// A field's `default:` as JSON text: "\"x\"", 3, true, [], {}.
std::string default_json(const DefaultValue& d);

/// A JSON value whose object members keep the order they were added in.
class JsonValue {
 public:
  /// JSON text written as is (a number, true, null, or a default_json()).
  static JsonValue raw(std::string text);
  static JsonValue string(std::string text);
  static JsonValue object();
  static JsonValue array();

  /// Adds (or replaces) the member `key` of an object and returns it.
  JsonValue& set(const std::string& key, JsonValue value);
  JsonValue& set(const std::string& key, const std::string& text) { return set(key, string(text)); }
  /// The member `key` of an object, added as an empty object when missing.
  JsonValue& at(const std::string& key);
  /// Appends to an array and returns the new element.
  JsonValue& push(JsonValue value);
  bool empty() const { return members_.empty() && items_.empty(); }

  /// Pretty-printed, two spaces per level, with a final newline.
  std::string text() const;

 private:
  enum class Kind { raw, object, array };
  void print(std::string& out, int depth) const;

  Kind kind_ = Kind::raw;
  std::string raw_;
  std::vector<std::pair<std::string, JsonValue>> members_;
  std::vector<JsonValue> items_;
};

}  // namespace wirekit::gen
