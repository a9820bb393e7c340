// Wire names become readable, valid C++ identifiers.
#include <catch2/catch.hpp>

#include "model/names.hpp"

using namespace wirekit::gen;

TEST_CASE("snake_case keeps words and acronyms apart", "[names]") {
  CHECK(snake_case("hostClientID") == "host_client_id");
  CHECK(snake_case("pageName") == "page_name");
  CHECK(snake_case("sessionID") == "session_id");
  CHECK(snake_case("owner_uuid") == "owner_uuid");
  CHECK(snake_case("event-name") == "event_name");
  CHECK(snake_case("HTTPServer") == "http_server");
  CHECK(snake_case("$") == "value");
}

TEST_CASE("C++ keywords and leading digits are escaped", "[names]") {
  CHECK(snake_case("class") == "class_");
  CHECK(snake_case("default") == "default_");
  CHECK(snake_case("1st") == "f_1st");
  CHECK(is_reserved("namespace"));
  CHECK_FALSE(is_reserved("service"));
}

TEST_CASE("enumerators are kPascalCase", "[names]") {
  CHECK(enumerator_name("subscribed") == "kSubscribed");
  CHECK(enumerator_name("SERVICE_CLIENT_UUID") == "kServiceClientUuid");
  CHECK(enumerator_name("call.response") == "kCallResponse");
  CHECK(enumerator_name("tetra:custom-event") == "kTetraCustomEvent");
  CHECK(enumerator_name("camelCase") == "kCamelCase");
  CHECK(enumerator_name("") == "kEmpty");
}

TEST_CASE("string literals are escaped", "[names]") {
  CHECK(cpp_string_literal("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
}
