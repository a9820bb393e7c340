// Field limits (schemas/README.md "Limits"): a string longer than max_length, a string outside
// its pattern, or an array or map with more than max_items entries is an invalid_value naming
// the field's path; values at the limit decode. Also: a union whose tag appears twice.
#include <string>

#include <catch2/catch.hpp>

#include <wirekit/codegen/char_class.hpp>
#include <wirekit/decode_error.hpp>

#include "codec_test_support.hpp"
#include "concierge/concierge_codec.hpp"
#include "rise/rise_codec.hpp"

using codec_test::expect_ok;
using Kind = wirekit::DecodeError::Kind;

namespace {

std::string identify(const std::string& name, const std::string& tags = "[]") {
  return R"({"type":"IDENTIFY","name":")" + name + R"(","version":"0.2.0","tags":)" + tags + "}";
}

std::string tag_list(int count, std::size_t length) {
  std::string out = "[";
  for (int i = 0; i < count; ++i) out += (i ? ",\"" : "\"") + std::string(length, 't') + "\"";
  return out + "]";
}

std::string client_fetch_all(const std::string& name) {
  return R"({"type":"CLIENT_FETCH_ALL_RESULT","seq":1,"clients":[{"name":"ok","uuid":"3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f","tags":[]},{"name":")" +
         name + R"(","uuid":"b6e0d4a2-1c3f-4e5a-8b9c-0d1e2f3a4b5c","tags":[]}]})";
}

template <class R>
void check_invalid(const R& r, const std::string& path, const std::string& message) {
  REQUIRE_FALSE(r.ok());
  CAPTURE(r.error().to_string());
  CHECK(r.error().kind == Kind::invalid_value);
  CHECK(r.error().path == path);
  CHECK_THAT(r.error().message, Catch::Contains(message));
}

}  // namespace

TEST_CASE("a string longer than max_length is an invalid value at its path", "[limits]") {
  const auto ok = concierge::decode<concierge::Identify>(identify(std::string(256, 'a')));
  CHECK(expect_ok(ok).name.size() == 256);
  check_invalid(concierge::decode<concierge::Identify>(identify(std::string(257, 'a'))), "name",
                "longer than 256 bytes (257)");
  // The 1 MB name of the hostile-input run.
  check_invalid(concierge::decode_to_server(identify(std::string(1 << 20, 'a'))), "name",
                "longer than 256 bytes (1048576)");
}

TEST_CASE("a length counts the bytes of the unescaped string", "[limits]") {
  // 128 two-byte characters written as \u escapes: 256 bytes of UTF-8, at the limit.
  std::string escaped;
  for (int i = 0; i < 128; ++i) escaped += "\\u00e9";
  CHECK(expect_ok(concierge::decode<concierge::Identify>(identify(escaped))).name.size() == 256);
  check_invalid(concierge::decode<concierge::Identify>(identify(escaped + "x")), "name",
                "longer than 256 bytes (257)");
}

TEST_CASE("max_items bounds an array, max_length each of its strings", "[limits]") {
  CHECK(expect_ok(concierge::decode<concierge::Identify>(identify("a", tag_list(64, 256))))
            .tags.size() == 64);
  check_invalid(concierge::decode<concierge::Identify>(identify("a", tag_list(65, 1))), "tags",
                "more than 64 entries");
  check_invalid(concierge::decode<concierge::Identify>(
                    identify("a", R"(["x","y",")" + std::string(257, 'z') + "\"]")),
                "tags[2]", "longer than 256 bytes");
  check_invalid(rise::decode<rise::Sub>(R"({"$":"sub","keys":)" + tag_list(1025, 1) + "}"), "keys",
                "more than 1024 entries");
}

TEST_CASE("a string outside its pattern is an invalid value at its path", "[limits]") {
  CHECK(expect_ok(concierge::decode<concierge::ClientFetchAllResult>(client_fetch_all("Bob_42")))
            .clients[1]
            .name == "Bob_42");
  for (const std::string bad : {"bob smith", "bob-1", "b\\u00f6b", "", "bob\\n"}) {
    INFO(bad);
    check_invalid(concierge::decode<concierge::ClientFetchAllResult>(client_fetch_all(bad)),
                  "clients[1].name", "does not match the pattern [A-Za-z0-9_]+");
  }
}

TEST_CASE("a pattern is one character class checked byte by byte", "[limits]") {
  constexpr auto word = wirekit::parse_pattern("[A-Za-z0-9_]+");
  static_assert(word.error.empty());
  static_assert(word.chars.matches("abc_XYZ_09"));
  static_assert(!word.chars.matches(""));
  static_assert(!word.chars.matches("a-b"));
  constexpr auto any_but_quote = wirekit::parse_pattern("[^\"\\\\]*");
  static_assert(any_but_quote.error.empty());
  static_assert(any_but_quote.chars.matches(""));
  static_assert(any_but_quote.chars.matches("caf\xC3\xA9"));
  static_assert(!any_but_quote.chars.matches("a\"b"));
  constexpr auto escaped = wirekit::parse_pattern("[\\-\\]a]+");
  static_assert(escaped.error.empty());
  static_assert(escaped.chars.matches("-]a"));
  static_assert(!escaped.chars.matches("b"));
  CHECK_FALSE(wirekit::parse_pattern("[a-z]").error.empty());
  CHECK_FALSE(wirekit::parse_pattern("[z-a]+").error.empty());
  CHECK_FALSE(wirekit::parse_pattern("[]+").error.empty());
  // Linear in the input: a megabyte of matching bytes then one that does not.
  CHECK_FALSE(word.chars.matches(std::string(1 << 20, 'a') + "!"));
}

TEST_CASE("a union whose tag appears twice is an error, as for messages", "[limits][tags]") {
  const auto r = concierge::decode_to_server(
      R"({"type":"MESSAGE","target":{"type":"NAME","name":"a","type":"ALL"},"data":1})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == Kind::invalid_value);
  CHECK(r.error().path == "target.type");
  CHECK_THAT(r.error().message, Catch::Contains("twice"));
  // Once, anywhere in the object, is fine.
  CHECK(expect_ok(concierge::decode<concierge::Message>(
                      R"({"type":"MESSAGE","target":{"name":"a","type":"NAME"},"data":1})"))
            .target.index() == 0);
}
