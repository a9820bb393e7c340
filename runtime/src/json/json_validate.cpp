// Validation of values the decoder does not read into typed fields: free-form `json`
// fields and unknown fields. simdjson On-Demand skips such values without checking them,
// so they are checked here: scalars directly, objects and arrays with simdjson's DOM
// parser (which also bounds their nesting depth).
#include "wirekit/codegen/json_decode.hpp"

#include "json/thread_parsers.hpp"

namespace wirekit::json {
namespace {

bool set_error(DecodeError& err, DecodeError::Kind kind, std::string message) {
  err.kind = kind;
  err.path.clear();
  err.message = std::move(message);
  return false;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? . Any magnitude
// is accepted: a free-form number is kept as text, not converted.
bool valid_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (is_digit(s[i])) {
    while (i < s.size() && is_digit(s[i])) ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    const std::size_t start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

bool invalid(DecodeError& err, simdjson::error_code code) {
  if (code == simdjson::DEPTH_ERROR)
    return set_error(err, DecodeError::Kind::invalid_value, "JSON nested too deeply");
  return set_error(err, DecodeError::Kind::not_json,
                   std::string("invalid JSON: ") + simdjson::error_message(code));
}

}  // namespace

bool too_deep(DecodeError& err) {
  return set_error(err, DecodeError::Kind::invalid_value,
                   "nested deeper than " + std::to_string(kMaxNesting) + " levels");
}

simdjson::error_code validate_json_text(std::string_view text) {
  simdjson::dom::element root;
  return detail::thread_dom_parser().parse(text.data(), text.size(), true).get(root);
}

bool validate_value(Value& v, DecodeError& err, std::string_view* raw_out) {
  simdjson::ondemand::json_type type;
  if (auto code = v.type().get(type)) return invalid(err, code);
  std::string_view raw;
  simdjson::error_code code = simdjson::SUCCESS;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      Object obj;
      code = v.get_object().get(obj);
      if (!code) code = obj.raw_json().get(raw);
      if (!code) code = validate_json_text(raw);
      break;
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array array;
      code = v.get_array().get(array);
      if (!code) code = array.raw_json().get(raw);
      if (!code) code = validate_json_text(raw);
      break;
    }
    case simdjson::ondemand::json_type::string: {
      raw = trim_right(v.raw_json_token());
      std::string_view unescaped;
      if (raw.find('\\') != std::string_view::npos) code = v.get_string().get(unescaped);
      break;
    }
    case simdjson::ondemand::json_type::number:
      raw = trim_right(v.raw_json_token());
      if (!valid_number(raw))
        return set_error(err, DecodeError::Kind::not_json, "invalid JSON: malformed number");
      break;
    case simdjson::ondemand::json_type::boolean: {
      raw = trim_right(v.raw_json_token());
      bool b;
      code = v.get_bool().get(b);
      break;
    }
    case simdjson::ondemand::json_type::null: {
      raw = trim_right(v.raw_json_token());
      bool is_null = false;
      code = v.is_null().get(is_null);
      if (!code && !is_null) code = simdjson::N_ATOM_ERROR;
      break;
    }
  }
  if (code) return invalid(err, code);
  if (raw_out) *raw_out = trim_right(raw);
  return true;
}

}  // namespace wirekit::json
