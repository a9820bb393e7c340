#include "wirekit/json_lookup.hpp"

#include <simdjson.h>

#include <cmath>
#include <string>

namespace wirekit::json {

std::optional<std::int64_t> integer_at(std::string_view json_text, std::string_view dotted_path) {
  std::string pointer = "/";
  for (char c : dotted_path) {
    if (c == '.')
      pointer.push_back('/');
    else if (c == '~')
      pointer.append("~0");
    else if (c == '/')
      pointer.append("~1");
    else
      pointer.push_back(c);
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json_text.data(), json_text.size()).get(root)) return std::nullopt;
  auto value = root.at_pointer(pointer);
  std::int64_t i = 0;
  if (value.get_int64().get(i) == simdjson::SUCCESS) return i;
  double d = 0;
  if (value.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && std::floor(d) == d &&
      std::fabs(d) < 9.0e18)
    return static_cast<std::int64_t>(d);
  return std::nullopt;
}

std::optional<std::string> key_text_at(std::string_view json_text, std::string_view key) {
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json_text.data(), json_text.size()).get(root)) return std::nullopt;
  simdjson::dom::element value;
  if (root.at_key(key).get(value)) return std::nullopt;
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  std::int64_t i = 0;
  if (value.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  return std::nullopt;
}

}  // namespace wirekit::json
