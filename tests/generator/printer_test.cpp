// The printer's templates: substitution, indentation, and the emitter bugs they catch.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "emit/printer.hpp"

using namespace wirekit::gen;

TEST_CASE("a template is dedented and printed at the printer's indentation", "[printer]") {
  Printer out;
  out.indent();
  out.emit(R"(
      class $name$ {
       public:

        int $field$ = 0;  // $$1
      };
  )",
           {{"name", "Chat"}, {"field", "count"}});
  CHECK(out.str() ==
        "  class Chat {\n"
        "   public:\n"
        "\n"
        "    int count = 0;  // $1\n"
        "  };\n");
}

TEST_CASE("a callback prints its lines at its line's column", "[printer]") {
  Printer out;
  out.emit(R"(
    void f() {
      $body$
    }
  )",
           {{"body", [&] {
               out.line("a();");
               out.aligned_call("b", {"x", "y"}, ";");
             }}});
  CHECK(out.str() == "void f() {\n  a();\n  b(x, y);\n}\n");
  // The indentation is back where it was: later lines are not indented.
  out.line("g();");
  CHECK(out.str().substr(out.str().size() - 5) == "g();\n");
}

TEST_CASE("a line of only a variable with no text is left out", "[printer]") {
  Printer out;
  out.emit(R"(
    #include <a>
    $optional$
    #include <c> $empty$
  )",
           {{"optional", ""}, {"empty", ""}});
  CHECK(out.str() == "#include <a>\n#include <c> \n");
}

TEST_CASE("a variable used a second time prints the same text", "[printer]") {
  Printer out;
  out.emit("$a$ + $a$", {{"a", "1"}});
  CHECK(out.str() == "1 + 1\n");
}

TEST_CASE("an unknown or unused variable is an emitter bug naming it", "[printer]") {
  Printer out;
  CHECK_THROWS_WITH(out.emit("int $missing$;", {}),
                    "template names $missing$ but no value is given");
  CHECK_THROWS_WITH(out.emit("int x;", {{"spare", "1"}}),
                    "$spare$ is given but the template never names it");
  CHECK_THROWS_AS(out.emit("int $open;", {}), std::logic_error);
  CHECK_THROWS_WITH(out.emit("f($cb$);", {{"cb", [] {}}}),
                    "callback $cb$ must stand alone on its line");
  CHECK_THROWS_WITH(out.emit("$v$", {{"v", "a\nb"}}), "value of $v$ spans lines");
}

TEST_CASE("a long alias breaks after '=' as clang-format does", "[printer]") {
  Printer out;
  const std::vector<std::string> items(8, "SomeLongTypeName");
  out.alias_list("Everything", "std::variant<", items, ">;");
  CHECK(out.str() ==
        "using Everything =\n"
        "    std::variant<SomeLongTypeName, SomeLongTypeName, SomeLongTypeName, "
        "SomeLongTypeName,\n"
        "                 SomeLongTypeName, SomeLongTypeName, SomeLongTypeName, "
        "SomeLongTypeName>;\n");
}
