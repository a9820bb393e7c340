// Free-form JSON: a value the schema leaves open (`json`), kept as its raw text.
#pragma once

#include <string>
#include <utility>

namespace wirekit {

/// The raw JSON text of a value, exactly as received (decoding never re-parses it) or as
/// the user wrote it for encoding. An empty text encodes as `null`.
struct Json {
  std::string text;

  Json() = default;
  explicit Json(std::string raw) : text(std::move(raw)) {}

  friend bool operator==(const Json& a, const Json& b) { return a.text == b.text; }
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }
};

/// Free-form JSON that must be an object (`object` in a schema): its raw text, as received
/// or as written by the user. An empty text encodes as `{}`.
struct JsonObject {
  std::string text;

  JsonObject() = default;
  explicit JsonObject(std::string raw) : text(std::move(raw)) {}

  friend bool operator==(const JsonObject& a, const JsonObject& b) { return a.text == b.text; }
  friend bool operator!=(const JsonObject& a, const JsonObject& b) { return !(a == b); }
};

}  // namespace wirekit
