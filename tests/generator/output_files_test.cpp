// The one list of generated files (output_files.hpp) is what the generator writes, in order:
// cmake/WirekitGenerate.cmake relies on it inside wirekit's own build.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "emit/emitters.hpp"
#include "emit/output_files.hpp"
#include "load/schema_loader.hpp"

using namespace wirekit::gen;

TEST_CASE("every schema generates exactly kOutputParts, in order", "[output_files]") {
  const std::string dir = std::string(WIREKIT_SOURCE_DIR);
  for (const std::string& schema : {dir + "/tests/generator/chat.yaml", dir + "/schemas/flet.yaml",
                                    dir + "/tests/runtime/schemas/graphql_ws.yaml"}) {
    const Protocol p = load_schema(schema);
    std::vector<std::string> written, listed;
    for (const auto& f : generate_all(p)) written.push_back(f.path);
    for (auto part : kOutputParts)
      listed.push_back(p.name + "/" + p.name + "_" + std::string(part));
    CHECK(written == listed);
  }
}

TEST_CASE("output_path names a listed part and refuses any other", "[output_files]") {
  Protocol p;
  p.name = "chat";
  CHECK(output_path(p, "client.cpp") == "chat/chat_client.cpp");
  CHECK_THROWS_AS(output_path(p, "extra.hpp"), std::logic_error);
}
