// The `pattern` of a string field (schemas/README.md "Limits"): one bracketed class of
// printable ASCII characters and ranges, optionally negated with `^`, followed by `+` (one or
// more) or `*` (zero or more), e.g. `[A-Za-z0-9_]+`. A string matches when every byte is in
// the class, checked by one loop over a 256-bit table: linear time and no recursion, unlike a
// regex engine that untrusted input could drive into deep backtracking. A plain class never
// matches a byte of a non-ASCII character; a negated one matches all of them.
//
// The parser is constexpr: the generator validates a schema's patterns with it, and generated
// decoders build their tables with it at compile time.
#pragma once

#include <cstdint>
#include <string_view>

namespace wirekit {

class CharClass {
 public:
  constexpr bool contains(unsigned char c) const noexcept {
    return ((bits_[c >> 6] >> (c & 63u)) & 1u) != 0;
  }
  constexpr void add(unsigned char low, unsigned char high) noexcept {
    for (unsigned c = low; c <= high; ++c) bits_[c >> 6] |= std::uint64_t{1} << (c & 63u);
  }
  constexpr void negate() noexcept {
    for (auto& word : bits_) word = ~word;
  }
  /// Whether `text` matches: every byte in the class, and not empty unless allowed.
  constexpr bool matches(std::string_view text) const noexcept {
    if (text.empty()) return allow_empty;
    for (char c : text)
      if (!contains(static_cast<unsigned char>(c))) return false;
    return true;
  }

  bool allow_empty = false;  ///< the quantifier is `*` rather than `+`

 private:
  std::uint64_t bits_[4] = {0, 0, 0, 0};
};

struct ParsedPattern {
  CharClass chars;
  std::string_view error;  ///< empty when the pattern is valid
};

/// The class of `pattern`, or an error saying what is wrong with it.
constexpr ParsedPattern parse_pattern(std::string_view pattern) noexcept {
  ParsedPattern out;
  const std::size_t n = pattern.size();
  if (n < 4 || pattern[0] != '[' || (pattern[n - 1] != '+' && pattern[n - 1] != '*') ||
      pattern[n - 2] != ']') {
    out.error = "a pattern is one character class followed by + or *, e.g. [A-Za-z0-9_]+";
    return out;
  }
  out.chars.allow_empty = pattern[n - 1] == '*';
  const std::size_t end = n - 2;  // the closing ']'
  std::size_t i = 1;
  const bool negated = pattern[i] == '^';
  if (negated) ++i;
  if (i == end) {
    out.error = "the character class is empty";
    return out;
  }
  // Reads one character of the class at i (`\` escapes the next); false at a bad one.
  auto next = [&](char& c) {
    if (i >= end) return false;
    if (pattern[i] == '\\') {
      if (i + 1 >= end) return false;
      c = pattern[i + 1];
      i += 2;
    } else {
      c = pattern[i];
      if (c == '[' || c == ']') return false;
      ++i;
    }
    return c >= 0x20 && c < 0x7f;
  };
  while (i < end) {
    char low = 0;
    if (!next(low)) {
      out.error =
          "a character class holds printable ASCII characters and ranges only; write [, ] and \\ "
          "as \\[, \\] and \\\\";
      return out;
    }
    char high = low;
    if (i + 1 < end && pattern[i] == '-') {
      ++i;
      if (!next(high) || high < low) {
        out.error = "a range in a character class must go from a lower to a higher character";
        return out;
      }
    }
    out.chars.add(static_cast<unsigned char>(low), static_cast<unsigned char>(high));
  }
  if (negated) out.chars.negate();
  return out;
}

}  // namespace wirekit
