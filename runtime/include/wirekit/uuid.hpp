// A UUID carried as its canonical hyphenated text (8-4-4-4-12 hex digits), stored inline:
// parsing or copying one never allocates.
#pragma once

#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace wirekit {

class Uuid {
 public:
  static constexpr std::size_t kLength = 36;

  Uuid() = default;
  /// Accepts 8-4-4-4-12 hex digits (either case, kept as given); nullopt otherwise.
  static std::optional<Uuid> parse(std::string_view text);
  /// A random (version 4) UUID, lower-case.
  static Uuid generate();

  /// The text; empty for a default-constructed Uuid.
  std::string_view str() const noexcept { return {text_.data(), set_ ? kLength : 0}; }
  std::string to_string() const { return std::string(str()); }
  bool empty() const noexcept { return !set_; }

  friend bool operator==(const Uuid& a, const Uuid& b) noexcept { return a.str() == b.str(); }
  friend bool operator!=(const Uuid& a, const Uuid& b) noexcept { return !(a == b); }
  friend bool operator<(const Uuid& a, const Uuid& b) noexcept { return a.str() < b.str(); }

 private:
  explicit Uuid(std::string_view text) : set_(true) {
    std::memcpy(text_.data(), text.data(), kLength);
  }
  std::array<char, kLength> text_{};
  bool set_ = false;
};

}  // namespace wirekit
