// wirekit-probe against the five example servers (every case passes or skips, and some pass)
// and against a server that breaks its schema on purpose (the probe names each broken rule).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "run_command.hpp"

namespace {

std::string bin(const std::string& name) { return std::string(WIREKIT_BIN_DIR) + "/" + name; }
std::string source(const std::string& path) { return std::string(WIREKIT_SOURCE_DIR) + "/" + path; }

/// Starts `args` (a server printing "listening on URL") and probes it with `schema`.
CommandResult probe(const std::vector<std::string>& args, const std::string& schema,
                    const std::string& more = "") {
  wirekit::test::ChildProcess server(args);
  const std::string listening = server.out_line();
  const std::string prefix = "listening on ";
  REQUIRE(listening.rfind(prefix, 0) == 0);
  const auto r = run_command(bin("wirekit-probe") + " " + source(schema) + " " +
                             listening.substr(prefix.size()) + " " + more);
  server.terminate();
  INFO(r.out);
  return r;
}

/// N of "N passed, M failed, K skipped".
int count_of(const std::string& out, const std::string& word) {
  const auto at = out.rfind(" " + word + ",");
  const auto at_end = out.rfind(" " + word + "\n");
  const auto pos = at != std::string::npos ? at : at_end;
  if (pos == std::string::npos) return -1;
  const auto start = out.find_last_of(" \n", pos - 1);
  return std::stoi(out.substr(start + 1, pos - start - 1));
}

}  // namespace

TEST_CASE("wirekit-probe passes or skips every case against the example servers", "[probe]") {
  struct Server {
    std::string binary;
    std::vector<std::string> args;
    std::string schema;
    std::string more;
  };
  const std::vector<Server> servers = {
      {"concierge-server",
       {},
       "schemas/concierge.yaml",
       "--examples " + source("tests/probe/examples.yaml")},
      {"flet-server", {}, "schemas/flet.yaml", ""},
      {"rise-server", {}, "schemas/rise-0.14.yaml", ""},
      {"rise-server", {"--wire", "document"}, "schemas/rise.yaml", ""},
      {"tetra-server", {}, "schemas/tetra.yaml", ""},
      {"sync-server", {"--token", "probe-token"}, "schemas/sync.yaml", "--bearer probe-token"},
  };
  for (const auto& s : servers) {
    DYNAMIC_SECTION(s.binary << " " << s.schema) {
      std::vector<std::string> args = {bin(s.binary), "--port", "0"};
      args.insert(args.end(), s.args.begin(), s.args.end());
      const auto r = probe(args, s.schema, s.more);
      INFO(r.out);
      CHECK(r.status == 0);
      CHECK(count_of(r.out, "failed") == 0);
      CHECK(count_of(r.out, "passed") > 0);
      CHECK(r.out.find("\nfail ") == std::string::npos);
      CHECK(r.out.rfind("pass  connect:", 0) == 0);
      if (s.binary == "concierge-server")  // a handshake that does not decode is refused
        CHECK_THAT(r.out, Catch::Contains("pass  handshake refused: Identify without name: "
                                          "closed with 4002 (FATAL_DECODE)"));
    }
  }
}

TEST_CASE("wirekit-probe names each rule a wrong server breaks", "[probe]") {
  const std::string report = std::string(WIREKIT_BIN_DIR) + "/probe-wrong-junit.xml";
  std::remove(report.c_str());
  const auto r = probe({bin("probe-wrong-server")}, "tests/probe/wrong.yaml", "--junit " + report);
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("pass  connect:") &&
                        Catch::Contains("fail  request Ping: Pong names request "
                                        "\"not-your-request\", not \"probe-request-") &&
                        Catch::Contains("fail  malformed JSON: after malformed JSON: nothing "
                                        "within 2000 ms; the schema says close 4001") &&
                        Catch::Contains("fail  unknown tag:") &&
                        Catch::Contains("fail  field over its max_length: Ping.note of 9 bytes"));
  CHECK(count_of(r.out, "failed") == 4);

  // The same results as a JUnit report: one testcase per case, the four failures with why.
  std::ifstream in(report);
  REQUIRE(in);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto count = [&xml](const std::string& what) {
    std::size_t n = 0;
    for (auto at = xml.find(what); at != std::string::npos; at = xml.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>", 0) == 0);
  CHECK_THAT(xml, Catch::Contains("<testsuite name=\"probe_check\" tests=\"") &&
                      Catch::Contains("failures=\"4\"") &&
                      Catch::Contains("<testcase classname=\"probe_check\" name=\"connect\"/>") &&
                      Catch::Contains("<testcase classname=\"probe_check\" name=\"request Ping\">\n"
                                      "      <failure message=\"Pong names request &quot;"
                                      "not-your-request&quot;, not &quot;probe-request-"));
  CHECK(count("<failure ") == 4);
  CHECK(count("<testcase ") ==
        static_cast<std::size_t>(count_of(r.out, "passed") + count_of(r.out, "failed") +
                                 count_of(r.out, "skipped")));
  std::remove(report.c_str());
}

TEST_CASE("wirekit-probe refuses a wrong command line and a broken schema", "[probe]") {
  CHECK(run_command(bin("wirekit-probe")).status == 2);
  CHECK(run_command(bin("wirekit-probe") + " --junit").status == 2);
  const auto version = run_command(bin("wirekit-probe") + " --version");
  CHECK(version.status == 0);
  CHECK(version.out == std::string("wirekit-probe ") + WIREKIT_VERSION + "\n");
  CHECK(
      run_command(bin("wirekit-probe") + " " + source("schemas/flet.yaml") + " http://x/").status ==
      2);
  const auto broken = run_command(bin("wirekit-probe") + " /nonexistent.yaml ws://127.0.0.1:1/");
  CHECK(broken.status == 1);
  CHECK_THAT(broken.out, Catch::Contains("/nonexistent.yaml:1:1: error:"));
  const auto samples =
      run_command(bin("wirekit-probe") + " " + source("tests/probe/wrong.yaml") + " --samples");
  CHECK(samples.status == 0);
  CHECK_THAT(samples.out,
             Catch::Contains(R"(Ping: {"type":"ping","id":"probe1","note":"probe2"})"));
}
