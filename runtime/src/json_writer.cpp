#include "wirekit/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace wirekit {

void JsonWriter::integer(std::int64_t v) {
  value_prefix();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void JsonWriter::number(double v) {
  value_prefix();
  if (!std::isfinite(v)) {
    out_.append("null");
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

namespace {

// The length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F)) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

void JsonWriter::append_string(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_.push_back('"');
  std::size_t run = 0;  // start of the pending run of characters that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // JSON text is UTF-8: a byte that does not start a valid sequence becomes U+FFFD,
      // so the output always parses.
      if (const std::size_t n = utf8_sequence(s, i)) {
        i += n - 1;
        continue;
      }
      out_.append(s.data() + run, i - run);
      run = i + 1;
      out_.append("\xEF\xBF\xBD");
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    out_.push_back('\\');
    switch (c) {
      case '"':
        out_.push_back('"');
        break;
      case '\\':
        out_.push_back('\\');
        break;
      case '\n':
        out_.push_back('n');
        break;
      case '\r':
        out_.push_back('r');
        break;
      case '\t':
        out_.push_back('t');
        break;
      case '\b':
        out_.push_back('b');
        break;
      case '\f':
        out_.push_back('f');
        break;
      default:
        out_.append("u00");
        out_.push_back(kHex[c >> 4]);
        out_.push_back(kHex[c & 0xF]);
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_.push_back('"');
}

}  // namespace wirekit
