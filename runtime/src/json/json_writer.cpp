#include "wirekit/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

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

// Whether a byte must be looked at: '"', '\\', a control character, or the start of a
// multi-byte UTF-8 sequence (validated one by one).
constexpr bool is_special(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

// One bit (the top one) set in each byte of `w` that is_special, possibly with false positives
// in the bytes above the first true one (borrows), which is all next_special needs: the lowest
// flagged byte is always a true one.
constexpr std::uint64_t special_bytes(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto zero_bytes = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t control = (w - 0x20 * kOnes) & ~w & kHigh;
  return control | zero_bytes(w ^ ('"' * kOnes)) | zero_bytes(w ^ ('\\' * kOnes)) | (w & kHigh);
}

// The first byte in [p, end) that is_special, or end: 8 bytes at a time, then byte by byte.
const char* next_special(const char* p, const char* end) {
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);  // the first byte in memory must be the lowest
#endif
    if (const std::uint64_t m = special_bytes(w)) return p + (__builtin_ctzll(m) >> 3);
    p += 8;
  }
  while (p != end && !is_special(static_cast<unsigned char>(*p))) ++p;
  return p;
}

}  // namespace

void JsonWriter::append_string(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Room for the common case, a string with no escapes; escapes grow it further.
  out_.reserve(out_.size() + s.size() + 2);
  out_.push_back('"');
  const char* const begin = s.data();
  const char* const end = begin + s.size();
  const char* run = begin;  // start of the pending run of bytes that need no escape
  const char* p = begin;
  while ((p = next_special(p, end)) != end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      // JSON text is UTF-8: a byte that does not start a valid sequence becomes U+FFFD,
      // so the output always parses.
      if (const std::size_t n = utf8_sequence(s, static_cast<std::size_t>(p - begin))) {
        p += n;
        continue;
      }
      out_.append(run, static_cast<std::size_t>(p - run));
      run = ++p;
      out_.append("\xEF\xBF\xBD");
      continue;
    }
    out_.append(run, static_cast<std::size_t>(p - run));
    run = ++p;
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
  out_.append(run, static_cast<std::size_t>(end - run));
  out_.push_back('"');
}

}  // namespace wirekit
