// The wirekit-gen command line: help, lint, generation, --check, and failure behaviour.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "run_command.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kSchema = std::string(WIREKIT_SOURCE_DIR) + "/tests/generator/chat.yaml";

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("help explains every option", "[cli]") {
  const auto r = run_command(gen_binary() + " --help");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("--out DIR") && Catch::Contains("--check") &&
                        Catch::Contains("--lint") && Catch::Contains("FILE:LINE:COLUMN"));
}

TEST_CASE("version: wirekit-gen --version prints the project's version", "[cli]") {
  const auto r = run_command(gen_binary() + " --version");
  CHECK(r.status == 0);
  CHECK(r.out == std::string("wirekit-gen ") + WIREKIT_VERSION + "\n");
  CHECK_THAT(run_command(gen_binary() + " --help").out,
             Catch::Contains("--version") && Catch::Contains("Exit status: 0 on success"));
}

TEST_CASE("a wrong command line exits 2 with usage", "[cli]") {
  CHECK(run_command(gen_binary()).status == 2);
  const auto r = run_command(gen_binary() + " " + kSchema + " --frobnicate");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("unknown option --frobnicate") && Catch::Contains("usage:"));
  CHECK(run_command(gen_binary() + " " + kSchema).status == 2);  // neither --out nor --lint
}

TEST_CASE("lint accepts a valid schema silently", "[cli]") {
  const auto r = run_command(gen_binary() + " " + kSchema + " --lint");
  CHECK(r.status == 0);
  CHECK(r.out.empty());
}

TEST_CASE("a broken schema fails with file:line:col and writes nothing", "[cli]") {
  const auto dir = fresh_dir("broken");
  const auto schema = dir / "broken.yaml";
  write(schema, "wirekit: 1\nname: broken\nmessages:\n  Ping:\n    tag: ping\n    from: nobody\n");
  const auto lint = run_command(gen_binary() + " " + schema.string() + " --lint");
  CHECK(lint.status == 1);
  CHECK_THAT(lint.out, Catch::Contains(schema.string() + ":6:11: error:") &&
                           Catch::Contains("'from' must be client, server or both"));
  const auto out = dir / "out";
  const auto gen = run_command(gen_binary() + " " + schema.string() + " --out " + out.string());
  CHECK(gen.status == 1);
  CHECK_FALSE(fs::exists(out));
  fs::remove_all(dir);
}

TEST_CASE("a missing schema file is a clear error", "[cli]") {
  const auto r = run_command(gen_binary() + " /nonexistent/x.yaml --lint");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("/nonexistent/x.yaml") &&
                        Catch::Contains("cannot read the schema file"));
}

TEST_CASE("list-outputs prints what out writes, relative to the directory", "[cli]") {
  const auto r = run_command(gen_binary() + " " + kSchema + " --list-outputs");
  CHECK(r.status == 0);
  CHECK(r.out ==
        "chat/chat_types.hpp\nchat/chat_codec.hpp\nchat/chat_codec.cpp\nchat/chat_protocol.hpp\n"
        "chat/chat_protocol.cpp\nchat/chat_interactions.hpp\nchat/chat_client.hpp\n"
        "chat/chat_client.cpp\nchat/chat_server.hpp\n");
  const auto both = run_command(gen_binary() + " " + kSchema + " --list-outputs --lint");
  CHECK(both.status == 2);
}

TEST_CASE("out generates the SDK files and check compares with them", "[cli]") {
  const auto dir = fresh_dir("gen");
  const std::string out = (dir / "sdk").string();
  REQUIRE(run_command(gen_binary() + " " + kSchema + " --out " + out).status == 0);
  for (const char* f : {"chat_types.hpp", "chat_codec.hpp", "chat_codec.cpp", "chat_protocol.hpp",
                        "chat_protocol.cpp", "chat_interactions.hpp", "chat_client.hpp",
                        "chat_client.cpp", "chat_server.hpp"})
    CHECK(fs::exists(fs::path(out) / "chat" / f));
  CHECK(count_files(out) == 9);
  CHECK(run_command(gen_binary() + " " + kSchema + " --out " + out + " --check").status == 0);

  SECTION("a hand edit is detected and named") {
    std::ofstream(fs::path(out) / "chat" / "chat_codec.cpp", std::ios::app) << "// edited\n";
    const auto r = run_command(gen_binary() + " " + kSchema + " --out " + out + " --check");
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("chat/chat_codec.cpp: differs") &&
                          !Catch::Contains("chat_types.hpp"));
  }
  SECTION("a missing file is detected and named") {
    fs::remove(fs::path(out) / "chat" / "chat_types.hpp");
    const auto r = run_command(gen_binary() + " " + kSchema + " --out " + out + " --check");
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("chat/chat_types.hpp"));
  }
  SECTION("generation is deterministic and leaves unchanged files alone") {
    const auto before = fs::last_write_time(fs::path(out) / "chat" / "chat_types.hpp");
    REQUIRE(run_command(gen_binary() + " " + kSchema + " --out " + out).status == 0);
    CHECK(fs::last_write_time(fs::path(out) / "chat" / "chat_types.hpp") == before);
  }
  fs::remove_all(dir);
}
