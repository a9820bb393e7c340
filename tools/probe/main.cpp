// wirekit-probe: checks a running server against its wirekit schema, whatever it is written in.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "cases.hpp"
#include "junit.hpp"
#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"
#include "sample.hpp"

namespace {

constexpr const char* kUsage =
    R"(usage: wirekit-probe SCHEMA.yaml ws://HOST:PORT/PATH [--bearer TOKEN] [--wait MS]
                     [--examples FILE] [--junit FILE]
       wirekit-probe SCHEMA.yaml --samples [--examples FILE]
       wirekit-probe --help | --version

Derives conformance cases from SCHEMA.yaml and runs them against the server at the URL, each
on a connection of its own: the upgrade (and the subprotocol rule), the handshake and its
deadline, a message before the handshake, malformed JSON, an unknown tag, a field over its
max_length, each interaction's request (answered with a declared reply), each stream (an
item, end or failure with its key), sequence numbering and acks. Requests are minimal valid
messages: required fields with values of their type that meet their limits.

  --bearer TOKEN  the token to send when the schema says `auth: bearer`
  --wait MS       how long a reply may take (default 2000)
  --examples FILE values the schema cannot give (a version the server accepts, an existing
                  name): a YAML mapping of message name to {field: value}, e.g.
                  `Identify: {version: "0.2.0"}`; they replace the samples of those fields
  --junit FILE    also write the results as a JUnit XML report (a <testcase> per case,
                  <failure> or <skipped> with why), for CI systems
  --samples       print the message each client message is probed with, and exit
  --version       print the version of wirekit this probe belongs to

Prints one line per case, `pass`, `fail` or `skip` with why, then `N passed, M failed, K
skipped`. Exit status: 0 when no case fails, 1 when one does, the schema does not load or
the report cannot be written, 2 when the command line is wrong.
)";

int usage_error(const std::string& message) {
  std::cerr << "wirekit-probe: " << message << "\n\n" << kUsage;
  return 2;
}

void print(const wirekit::probe::CaseResult& r) {
  const char* verdict = r.verdict == wirekit::probe::Verdict::pass   ? "pass"
                        : r.verdict == wirekit::probe::Verdict::fail ? "fail"
                                                                     : "skip";
  std::cout << verdict << "  " << r.name << ": " << r.why << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc), positional;
  wirekit::probe::ProbeOptions options;
  std::string examples, junit;
  bool samples = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (args[i] == "--version") {
      std::cout << "wirekit-probe " << WIREKIT_VERSION << "\n";
      return 0;
    } else if (args[i] == "--samples") {
      samples = true;
    } else if (args[i] == "--bearer" || args[i] == "--wait" || args[i] == "--examples" ||
               args[i] == "--junit") {
      if (i + 1 >= args.size()) return usage_error(args[i] + " needs a value");
      if (args[i] == "--bearer") {
        options.bearer = args[++i];
      } else if (args[i] == "--junit") {
        junit = args[++i];
      } else if (args[i] == "--examples") {
        examples = args[++i];
      } else {
        const std::string ms = args[++i];
        if (ms.empty() || ms.find_first_not_of("0123456789") != std::string::npos)
          return usage_error("--wait takes milliseconds");
        options.wait = std::chrono::milliseconds(std::stoll(ms));
      }
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error("unknown option " + args[i]);
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.size() != (samples ? 1 : 2))
    return usage_error(samples ? "--samples takes a schema only" : "give a schema and a ws:// URL");
  if (!samples) {
    const auto at = wirekit::probe::parse_url(positional[1]);
    if (!at) return usage_error("the URL must be ws://HOST:PORT/PATH, not " + positional[1]);
    options.at = *at;
  }
  try {
    const auto protocol = wirekit::gen::load_schema(positional[0]);
    if (!examples.empty()) options.examples = wirekit::probe::load_examples(examples, protocol);
    if (samples) {
      for (const auto& m : protocol.messages)
        if (m.sent_by_client())
          std::cout << m.name << ": "
                    << wirekit::probe::sample_message(protocol, m, options.examples[m.name])
                    << "\n";
      return 0;
    }
    const auto results = wirekit::probe::run_cases(protocol, options, print);
    std::size_t passed = 0, failed = 0, skipped = 0;
    for (const auto& r : results)
      (r.verdict == wirekit::probe::Verdict::pass   ? passed
       : r.verdict == wirekit::probe::Verdict::fail ? failed
                                                    : skipped)++;
    std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
    if (!junit.empty()) {
      std::ofstream report(junit, std::ios::binary);
      report << wirekit::probe::junit_report(protocol.name, positional[1], results);
      if (!report.flush()) {
        std::cerr << "wirekit-probe: cannot write " << junit << "\n";
        return 1;
      }
    }
    return failed ? 1 : 0;
  } catch (const wirekit::gen::SchemaError& e) {
    std::cerr << e.what() << "\n";
  } catch (const YAML::Exception& e) {
    std::cerr << positional[0] << ":" << e.mark.line + 1 << ":" << e.mark.column + 1
              << ": error: " << e.msg << "\n";
  }
  return 1;
}
