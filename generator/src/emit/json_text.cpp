#include "emit/json_text.hpp"

#include <cstdio>

#include "model/names.hpp"

namespace wirekit::gen {

std::string json_quote(const std::string& text) {
  // A C++ literal escapes what JSON escapes by name (", \, newline, tab, return); JSON wants the
  // other control characters as \u00XX.
  std::string out;
  for (const char c : cpp_string_literal(text)) {
    if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

std::string default_json(const DefaultValue& d) {
  switch (d.kind) {
    case DefaultValue::Kind::string:
    case DefaultValue::Kind::enumerator:
      return json_quote(d.text);
    case DefaultValue::Kind::empty_array:
      return "[]";
    case DefaultValue::Kind::empty_map:
      return "{}";
    case DefaultValue::Kind::boolean:
      return d.text == "true" || d.text == "True" || d.text == "TRUE" ? "true" : "false";
    case DefaultValue::Kind::integer:
    case DefaultValue::Kind::number:
      break;
  }
  return d.text;
}

JsonValue JsonValue::raw(std::string text) {
  JsonValue v;
  v.raw_ = std::move(text);
  return v;
}

JsonValue JsonValue::string(std::string text) { return raw(json_quote(text)); }

JsonValue JsonValue::object() {
  JsonValue v;
  v.kind_ = Kind::object;
  return v;
}

JsonValue JsonValue::array() {
  JsonValue v;
  v.kind_ = Kind::array;
  return v;
}

JsonValue& JsonValue::set(const std::string& key, JsonValue value) {
  for (auto& [k, v] : members_)
    if (k == key) return v = std::move(value);
  members_.emplace_back(key, std::move(value));
  return members_.back().second;
}

JsonValue& JsonValue::at(const std::string& key) {
  for (auto& [k, v] : members_)
    if (k == key) return v;
  return set(key, object());
}

JsonValue& JsonValue::push(JsonValue value) {
  items_.push_back(std::move(value));
  return items_.back();
}

std::string JsonValue::text() const {
  std::string out;
  print(out, 0);
  return out + "\n";
}

void JsonValue::print(std::string& out, int depth) const {
  if (kind_ == Kind::raw) {
    out += raw_;
    return;
  }
  const bool is_object = kind_ == Kind::object;
  if (empty()) {
    out += is_object ? "{}" : "[]";
    return;
  }
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  out += is_object ? "{\n" : "[\n";
  const std::size_t count = is_object ? members_.size() : items_.size();
  for (std::size_t i = 0; i < count; ++i) {
    out += inner;
    if (is_object) {
      out += json_quote(members_[i].first) + ": ";
      members_[i].second.print(out, depth + 1);
    } else {
      items_[i].print(out, depth + 1);
    }
    out += i + 1 < count ? ",\n" : "\n";
  }
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + (is_object ? "}" : "]");
}

}  // namespace wirekit::gen
