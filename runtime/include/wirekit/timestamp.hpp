// An ISO 8601 date-time carried as its text, e.g. 2026-11-21T10:00:00.123456+00:00.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wirekit {

class Timestamp {
 public:
  Timestamp() = default;
  /// Accepts YYYY-MM-DDTHH:MM:SS, an optional fraction, and Z or a +HH:MM / -HH:MM
  /// offset (a space may stand for T); nullopt otherwise. The text is kept as given.
  static std::optional<Timestamp> parse(std::string_view text);
  /// The current UTC time with microseconds and a +00:00 offset.
  static Timestamp now();

  const std::string& str() const noexcept { return text_; }
  bool empty() const noexcept { return text_.empty(); }

  friend bool operator==(const Timestamp& a, const Timestamp& b) noexcept {
    return a.text_ == b.text_;
  }
  friend bool operator!=(const Timestamp& a, const Timestamp& b) noexcept { return !(a == b); }

 private:
  explicit Timestamp(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace wirekit
