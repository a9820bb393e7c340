// Decoding a field that has limits (schemas/README.md "Limits"): a string's `min_length`,
// `max_length` and `pattern`, an array's or map's `max_items`. A value beyond them is an
// invalid_value naming the field's path; strings are checked before they are copied. Generated
// codecs hold one constexpr Limits per limited field and call the *_field functions below.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/codegen/char_class.hpp"
#include "wirekit/codegen/json_decode.hpp"

namespace wirekit::json {

struct Limits {
  /// 0 means no limit; `pattern` as in char_class.hpp, empty for none (checked by the
  /// generator, so a pattern here is always valid).
  constexpr Limits(std::size_t max_length_bytes, std::size_t max_entries,
                   std::string_view pattern_text = {}, std::size_t min_length_bytes = 0)
      : max_length(max_length_bytes),
        max_items(max_entries),
        pattern(pattern_text),
        chars(parse_pattern(pattern_text).chars),
        min_length(min_length_bytes) {}

  std::size_t max_length;  ///< bytes of UTF-8
  std::size_t max_items;
  std::string_view pattern;
  CharClass chars;
  std::size_t min_length;  ///< bytes of UTF-8; 0: none
};

/// Checks a string against `min_length`, `max_length` and `pattern`.
bool check_string(std::string_view text, const Limits& limits, DecodeError& err);

/// Types without string or item limits decode as usual.
template <class T>
bool decode_limited(Value& v, T& out, const Limits&, DecodeError& err) {
  return decode_json(v, out, err);
}

bool decode_limited(Value& v, std::string& out, const Limits& limits, DecodeError& err);

template <class T>
bool decode_limited(Value& v, std::vector<T>& out, const Limits& limits, DecodeError& err) {
  Limits each = limits;
  each.max_items = 0;
  return decode_array(v, out, limits.max_items, err,
                      [&](Value& item, T& slot) { return decode_limited(item, slot, each, err); });
}

template <class T>
bool decode_limited(Value& v, std::map<std::string, T>& out, const Limits& limits,
                    DecodeError& err) {
  Limits each = limits;
  each.max_items = 0;
  return decode_map(v, out, limits.max_items, err,
                    [&](Value& item, T& slot) { return decode_limited(item, slot, each, err); });
}

/// decode_field, decode_optional_field and decode_nullable_field with limits.
template <class T>
bool decode_field(Value& v, T& out, const Limits& limits, std::string_view name, DecodeError& err) {
  if (decode_limited(v, out, limits, err)) return true;
  err.in_field(name);
  return false;
}

template <class T>
bool decode_optional_field(Value& v, std::optional<T>& out, const Limits& limits,
                           std::string_view name, DecodeError& err) {
  return decode_field(v, out.emplace(), limits, name, err);
}

template <class T>
bool decode_nullable_field(Value& v, std::optional<T>& out, const Limits& limits,
                           std::string_view name, DecodeError& err) {
  bool is_null = false;
  if (!null_field(v, is_null, name, err)) return false;
  if (is_null) {
    out.reset();
    return true;
  }
  return decode_field(v, out.emplace(), limits, name, err);
}

}  // namespace wirekit::json
