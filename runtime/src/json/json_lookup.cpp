#include "wirekit/json_lookup.hpp"

#include <simdjson.h>

#include <cmath>
#include <string>

#include "json/key_text.hpp"

namespace wirekit::json {

namespace {

/// The member of `json_text` at JSON pointer `pointer` ("" for the root); an error when the
/// text is not JSON or has no such member. `parser` holds what it points into.
simdjson::simdjson_result<simdjson::dom::element> member_at(simdjson::dom::parser& parser,
                                                            std::string_view json_text,
                                                            std::string_view pointer) {
  simdjson::dom::element root;
  if (auto error = parser.parse(json_text.data(), json_text.size()).get(root)) return error;
  return root.at_pointer(pointer);
}

/// `key` as one JSON pointer step ("/" + key, with "~" and "/" escaped).
void append_step(std::string& pointer, std::string_view key) {
  pointer.push_back('/');
  for (char c : key) {
    if (c == '~')
      pointer.append("~0");
    else if (c == '/')
      pointer.append("~1");
    else
      pointer.push_back(c);
  }
}

}  // namespace

std::optional<std::int64_t> integer_at(std::string_view json_text, std::string_view dotted_path) {
  std::string pointer;
  for (std::size_t from = 0;;) {
    const std::size_t dot = dotted_path.find('.', from);
    append_step(pointer,
                dotted_path.substr(from, dot == std::string_view::npos ? dot : dot - from));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  simdjson::dom::parser parser;
  auto value = member_at(parser, json_text, pointer);
  std::int64_t i = 0;
  if (value.get_int64().get(i) == simdjson::SUCCESS) return i;
  double d = 0;
  if (value.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && std::floor(d) == d &&
      std::fabs(d) < 9.0e18)
    return static_cast<std::int64_t>(d);
  return std::nullopt;
}

std::optional<std::string> key_text_at(std::string_view json_text, std::string_view key) {
  std::string pointer;
  append_step(pointer, key);
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  if (member_at(parser, json_text, pointer).get(value)) return std::nullopt;
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  std::int64_t i = 0;
  if (value.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  return std::nullopt;
}

}  // namespace wirekit::json
