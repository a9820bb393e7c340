// Setting a typed field from the text the runtime made or read (a correlation id, an event id,
// a timestamp), for generated code.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit {

/// Sets `field` from `text`; false (and `field` unchanged) when the text is not a valid value.
inline bool assign_text(std::string& field, std::string_view text) {
  field.assign(text.data(), text.size());
  return true;
}
inline bool assign_text(Uuid& field, std::string_view text) {
  auto parsed = Uuid::parse(text);
  if (!parsed) return false;
  field = *parsed;
  return true;
}
inline bool assign_text(Timestamp& field, std::string_view text) {
  auto parsed = Timestamp::parse(text);
  if (!parsed) return false;
  field = std::move(*parsed);
  return true;
}
inline bool assign_text(std::int64_t& field, std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  field = v;
  return true;
}
template <class T>
bool assign_text(std::optional<T>& field, std::string_view text) {
  T value{};
  if (!assign_text(value, text)) return false;
  field = std::move(value);
  return true;
}

/// The text of a field used as a correlation or event id.
inline std::string_view id_text(const std::string& field, char*) { return field; }
inline std::string_view id_text(const Uuid& field, char*) { return field.str(); }
/// An integer id, written into `buffer` (at least 24 bytes).
inline std::string_view id_text(std::int64_t field, char* buffer) {
  const auto [end, ec] = std::to_chars(buffer, buffer + 24, field);
  (void)ec;
  return std::string_view(buffer, static_cast<std::size_t>(end - buffer));
}
template <class T>
std::string_view id_text(const std::optional<T>& field, char* buffer) {
  return field ? id_text(*field, buffer) : std::string_view();
}

}  // namespace wirekit
