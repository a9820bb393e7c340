#include "wirekit/codegen/json_limits.hpp"

namespace wirekit::json {

bool check_string(std::string_view text, const Limits& limits, DecodeError& err) {
  if (text.size() < limits.min_length)
    return invalid_value("shorter than " + std::to_string(limits.min_length) + " bytes (" +
                             std::to_string(text.size()) + ")",
                         err);
  if (limits.max_length != 0 && text.size() > limits.max_length)
    return invalid_value("longer than " + std::to_string(limits.max_length) + " bytes (" +
                             std::to_string(text.size()) + ")",
                         err);
  if (!limits.pattern.empty() && !limits.chars.matches(text))
    return invalid_value("does not match the pattern " + std::string(limits.pattern), err);
  return true;
}

bool decode_limited(Value& v, std::string& out, const Limits& limits, DecodeError& err) {
  std::string_view s;
  if (!string_view_of(v, s, err) || !check_string(s, limits, err)) return false;
  out.assign(s.data(), s.size());
  return true;
}

}  // namespace wirekit::json
