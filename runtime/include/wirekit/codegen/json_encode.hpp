// Encoding helpers for generated codecs: `encode_json(JsonWriter&, const T&)` for the
// runtime's value types and containers. Generated code adds overloads for its own types
// in its namespace; the templates find them by ADL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wirekit/json.hpp"
#include "wirekit/json_writer.hpp"
#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit::json {

inline void encode_json(JsonWriter& w, const std::string& v) { w.string(v); }
inline void encode_json(JsonWriter& w, std::int64_t v) { w.integer(v); }
inline void encode_json(JsonWriter& w, double v) { w.number(v); }
inline void encode_json(JsonWriter& w, bool v) { w.boolean(v); }
inline void encode_json(JsonWriter& w, const Uuid& v) { w.string(v.str()); }
inline void encode_json(JsonWriter& w, const Timestamp& v) { w.string(v.str()); }
inline void encode_json(JsonWriter& w, const Json& v) { w.raw(v.text); }
inline void encode_json(JsonWriter& w, const JsonObject& v) {
  w.raw(v.text.empty() ? std::string_view("{}") : std::string_view(v.text));
}

template <class T>
void encode_json(JsonWriter& w, const std::vector<T>& v);
template <class T>
void encode_json(JsonWriter& w, const std::map<std::string, T>& v);

template <class T>
void encode_json(JsonWriter& w, const std::vector<T>& v) {
  w.begin_array();
  for (const auto& item : v) encode_json(w, item);
  w.end_array();
}

template <class T>
void encode_json(JsonWriter& w, const std::map<std::string, T>& v) {
  w.begin_object();
  for (const auto& [key, item] : v) {
    w.key(key);
    encode_json(w, item);
  }
  w.end_object();
}

/// The compact JSON text of anything with an `encode_json` overload (found by ADL).
template <class T>
std::string to_text(const T& value) {
  JsonWriter w;
  encode_json(w, value);
  return w.take();
}

/// A field that is always written.
template <class T>
void encode_field(JsonWriter& w, std::string_view name, const T& v) {
  w.key(name);
  encode_json(w, v);
}

/// An `optional` field: omitted when unset.
template <class T>
void encode_optional_field(JsonWriter& w, std::string_view name, const std::optional<T>& v) {
  if (!v) return;
  w.key(name);
  encode_json(w, *v);
}

/// A `nullable` field: written as null when unset.
template <class T>
void encode_nullable_field(JsonWriter& w, std::string_view name, const std::optional<T>& v) {
  w.key(name);
  if (v)
    encode_json(w, *v);
  else
    w.null();
}

}  // namespace wirekit::json
