// JsonWriter string escaping: the writer scans 8 bytes at a time for bytes that need a look,
// so every kind of escape, UTF-8 sequence and invalid byte is tried at every position of a
// word and across word boundaries, against the escape each byte must get.
#include <cstdio>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "wirekit/json_writer.hpp"

namespace {

std::string written(std::string_view s) {
  wirekit::JsonWriter w;
  w.string(s);
  return w.str();
}

// The JSON escape of one ASCII byte, spelled out byte by byte.
std::string escape_of(unsigned char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    default:
      break;
  }
  if (c < 0x20) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", c);
    return buf;
  }
  return std::string(1, static_cast<char>(c));
}

// `length` plain letters with `piece` at `position`.
std::string with_piece_at(std::size_t length, std::size_t position, std::string_view piece) {
  std::string s;
  for (std::size_t i = 0; i < length; ++i) s.push_back(static_cast<char>('a' + i % 26));
  s.insert(position, piece);
  return s;
}

}  // namespace

TEST_CASE("JsonWriter writes each ASCII byte as itself or its escape", "[codec][writer]") {
  CHECK(written("") == R"("")");
  CHECK(written("plain") == R"("plain")");
  CHECK(written("a\"b\\c\nd\re\tf\bg\fh") == R"("a\"b\\c\nd\re\tf\bg\fh")");
  CHECK(written(std::string_view("\0\x01\x1f\x20\x7f", 5)) ==
        std::string("\"\\u0000\\u0001\\u001f \x7f\""));
  CHECK(written("/") == R"("/")");  // the solidus needs no escape
  for (int c = 0; c < 0x80; ++c) {
    CAPTURE(c);
    const char byte = static_cast<char>(c);
    CHECK(written(std::string_view(&byte, 1)) ==
          "\"" + escape_of(static_cast<unsigned char>(c)) + "\"");
  }
}

TEST_CASE("JsonWriter escapes at every position of an 8-byte word", "[codec][writer]") {
  // Neighbours of the special bytes ('!' next to '"', '[' and ']' next to '\\', 0x20 next to
  // control characters) catch a word scan that flags or misses the wrong byte.
  for (const char* special : {"\"", "\\", "\n", "\x01", "\x1f", "!", "[", "]", " ", "\x7f"}) {
    const unsigned char c = static_cast<unsigned char>(special[0]);
    for (std::size_t length = 0; length <= 24; ++length) {
      for (std::size_t position = 0; position <= length; ++position) {
        CAPTURE(static_cast<int>(c), length, position);
        const std::string plain = with_piece_at(length, 0, "");
        const std::string input = with_piece_at(length, position, special);
        const std::string expected =
            "\"" + plain.substr(0, position) + escape_of(c) + plain.substr(position) + "\"";
        CHECK(written(input) == expected);
      }
    }
  }
  // NUL, which a C string cannot carry, at every position.
  for (std::size_t position = 0; position <= 17; ++position) {
    CAPTURE(position);
    const std::string input = with_piece_at(17, position, std::string_view("\0", 1));
    const std::string plain = with_piece_at(17, 0, "");
    CHECK(written(input) ==
          "\"" + plain.substr(0, position) + "\\u0000" + plain.substr(position) + "\"");
  }
}

TEST_CASE("JsonWriter escapes runs of special bytes within and across words", "[codec][writer]") {
  CHECK(written("\"\"\"\"\"\"\"\"\"") == R"("\"\"\"\"\"\"\"\"\"")");
  CHECK(written("\\\\\\\\\\\\\\\\") == R"("\\\\\\\\\\\\\\\\")");
  CHECK(written("abcdefg\"\nhijklmn\\") == R"("abcdefg\"\nhijklmn\\")");
  CHECK(written("\x01\x02\x03\x04\x05\x06\x07\x08\x09") ==
        R"("\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t")");
  // Every other byte escaped, over several words.
  std::string input;
  std::string expected = "\"";
  for (int i = 0; i < 40; ++i) {
    input += i % 2 ? '"' : 'x';
    expected += i % 2 ? "\\\"" : "x";
  }
  CHECK(written(input) == expected + "\"");
}

TEST_CASE("JsonWriter keeps valid UTF-8 at every position as is", "[codec][writer]") {
  // 2-, 3- and 4-byte sequences, and the lowest and highest code points of each length.
  for (const char* sequence :
       {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80",
        "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    for (std::size_t length = 0; length <= 20; ++length) {
      for (std::size_t position = 0; position <= length; ++position) {
        CAPTURE(sequence, length, position);
        const std::string input = with_piece_at(length, position, sequence);
        CHECK(written(input) == "\"" + input + "\"");
      }
    }
  }
  const std::string text = "Grüße, ¿qué tal? Привет, мир! 日本語のテキスト 😀🎉 — fin";
  CHECK(written(text) == "\"" + text + "\"");
  CHECK(written("é\"€\n😀") == "\"é\\\"€\\n😀\"");
}

TEST_CASE("JsonWriter writes invalid UTF-8 at every position as U+FFFD", "[codec][writer]") {
  const std::string replacement = "\xEF\xBF\xBD";
  // A stray continuation byte, a lone lead byte, an overlong form, a surrogate, a code point
  // past U+10FFFF, bytes that never appear in UTF-8: each one invalid byte, then plain text.
  for (const char* bad : {"\x80", "\xBF", "\xC3", "\xC0", "\xC1", "\xF5", "\xFF"}) {
    for (std::size_t length = 0; length <= 18; ++length) {
      for (std::size_t position = 0; position <= length; ++position) {
        CAPTURE(static_cast<int>(static_cast<unsigned char>(bad[0])), length, position);
        const std::string plain = with_piece_at(length, 0, "");
        const std::string input = with_piece_at(length, position, bad);
        CHECK(written(input) ==
              "\"" + plain.substr(0, position) + replacement + plain.substr(position) + "\"");
      }
    }
  }
  // Multi-byte forms that are invalid as a whole: each byte is replaced on its own (the
  // continuation bytes are stray once their lead byte is rejected).
  CHECK(written("a\xE0\x80\x80z") == "\"a" + replacement + replacement + replacement + "z\"");
  CHECK(written("a\xED\xA0\x80z") == "\"a" + replacement + replacement + replacement + "z\"");
  CHECK(written("a\xF4\x90\x80\x80z") ==
        "\"a" + replacement + replacement + replacement + replacement + "z\"");
  // A sequence cut short by the end of the string, at the end of a word and inside one.
  CHECK(written("abcdefg\xE2\x82") == "\"abcdefg" + replacement + replacement + "\"");
  CHECK(written("abcdefgh\xF0\x9F\x98") ==
        "\"abcdefgh" + replacement + replacement + replacement + "\"");
  CHECK(written("ab\xC3") == "\"ab" + replacement + "\"");
}

TEST_CASE("JsonWriter writes long strings with and without escapes", "[codec][writer]") {
  std::string plain;
  for (int i = 0; i < 10000; ++i) plain.push_back(static_cast<char>('0' + i % 75));
  // '0' + 74 is 'z'; the range holds '\\' (0x5C) and no other special byte: take it out.
  for (char& c : plain)
    if (c == '\\') c = '/';
  CHECK(written(plain) == "\"" + plain + "\"");

  std::string input;
  std::string expected = "\"";
  for (int i = 0; i < 10000; ++i) {
    if (i % 97 == 0) {
      input += "\t\"\xC3\xA9";
      expected += "\\t\\\"\xC3\xA9";
    } else {
      input += 'k';
      expected += 'k';
    }
  }
  CHECK(written(input) == expected + "\"");

  // Strings after keys and other values in the same writer keep their commas.
  wirekit::JsonWriter w;
  w.begin_object();
  w.key("long\"key with an escape");
  w.string(plain);
  w.key("k");
  w.string("v\n");
  w.end_object();
  CHECK(w.str() == "{\"long\\\"key with an escape\":\"" + plain + "\",\"k\":\"v\\n\"}");
}
