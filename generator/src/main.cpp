// wirekit-gen: generates a typed C++ SDK from a wirekit protocol schema.
#include <iostream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "diff/report.hpp"
#include "emit/emitters.hpp"
#include "emit/output.hpp"
#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"

namespace {

constexpr const char* kUsage =
    R"(usage: wirekit-gen SCHEMA.yaml --out DIR [--check] [--docs] [--asyncapi]
       wirekit-gen SCHEMA.yaml --lint
       wirekit-gen SCHEMA.yaml --list-outputs [--docs] [--asyncapi]
       wirekit-gen diff OLD.yaml NEW.yaml [--allow NAME]...
       wirekit-gen --help | --version

Generates the C++ SDK of a WebSocket JSON protocol described by SCHEMA.yaml (the format is
documented in schemas/README.md).

  --out DIR   write the SDK to DIR/<name>/: <name>_types.hpp, <name>_codec.hpp/.cpp,
              <name>_protocol.hpp/.cpp, and the typed stubs <name>_interactions.hpp,
              <name>_client.hpp/.cpp and <name>_server.hpp, where <name> is the schema's
              `name`. Files are written only after the whole SDK is generated, and
              unchanged files are left untouched.
  --check     with --out: write nothing; exit 1 naming every file in DIR that is missing
              or differs from a fresh generation (for CI and golden tests).
  --docs      also write DIR/<name>/README.md: the protocol's reference in Markdown (transport,
              session rules, a table per message, Mermaid diagrams, close codes).
  --asyncapi  also write DIR/<name>/asyncapi.json: the protocol as an AsyncAPI 3.0 document.
  --lint      validate the schema only; print nothing and exit 0 when it is valid.
  --list-outputs
              validate the schema and print the paths --out would write, relative to
              DIR, one per line (for build systems).
  --help      show this text.
  --version   print wirekit's version.

diff lists every change from OLD.yaml to NEW.yaml, one a line with its place in both files,
classified as breaking for old clients (a new server meets an old client), breaking for old
servers (a new client meets an old server) or compatible, with a stable name in brackets.
  --allow NAME
              accept a breaking change: NAME is a change's name as printed ("kind:subject")
              or its kind alone, for every change of that kind; may be repeated.
diff exits 1 when a change breaks and is not allowed, 0 otherwise.

Errors are printed as FILE:LINE:COLUMN: error: MESSAGE. Exit status: 0 on success; 1 for a
schema error, a file --check finds stale, a file that cannot be written, or a breaking diff;
2 when the command line itself is wrong.
)";

int usage_error(const std::string& message) {
  std::cerr << "wirekit-gen: " << message << "\n\n" << kUsage;
  return 2;
}

/// `diff OLD NEW [--allow NAME]...`.
int run_diff(const std::vector<std::string>& args) {
  std::vector<std::string> schemas, allowed;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--allow") {
      if (i + 1 >= args.size()) return usage_error("--allow needs a change name");
      allowed.push_back(args[++i]);
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage_error("unknown option " + args[i] + " for diff");
    } else {
      schemas.push_back(args[i]);
    }
  }
  if (schemas.size() != 2) return usage_error("diff takes two schemas: OLD.yaml NEW.yaml");
  return wirekit::gen::diff_schemas(schemas[0], schemas[1], allowed, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "diff") return run_diff(args);
  std::string schema, out_dir;
  bool check = false, lint = false, list = false, docs = false, asyncapi = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--version") {
      std::cout << "wirekit-gen " << WIREKIT_VERSION << "\n";
      return 0;
    } else if (a == "--out") {
      if (i + 1 >= args.size()) return usage_error("--out needs a directory");
      out_dir = args[++i];
    } else if (a == "--check") {
      check = true;
    } else if (a == "--docs") {
      docs = true;
    } else if (a == "--asyncapi") {
      asyncapi = true;
    } else if (a == "--lint") {
      lint = true;
    } else if (a == "--list-outputs") {
      list = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option " + a);
    } else if (schema.empty()) {
      schema = a;
    } else {
      return usage_error("only one schema at a time (got " + schema + " and " + a + ")");
    }
  }
  if (schema.empty()) return usage_error("no schema given");
  if (list && (lint || check || !out_dir.empty()))
    return usage_error("--list-outputs takes no --out, --check or --lint");
  if (!lint && !list && out_dir.empty())
    return usage_error("say where to write with --out DIR, or use --lint");
  if (lint && (check || !out_dir.empty() || docs || asyncapi))
    return usage_error("--lint takes no --out, --check, --docs or --asyncapi");
  try {
    const auto protocol = wirekit::gen::load_schema(schema);
    if (lint) return 0;
    auto files = wirekit::gen::generate_all(protocol);
    if (docs) files.push_back(wirekit::gen::emit_docs(protocol));
    if (asyncapi) files.push_back(wirekit::gen::emit_asyncapi(protocol));
    if (list) {
      for (const auto& f : files) std::cout << f.path << "\n";
      return 0;
    }
    if (check) {
      const auto stale = wirekit::gen::stale_files(out_dir, files);
      for (const auto& f : stale)
        std::cerr << out_dir << "/" << f << ": differs from a fresh generation of " << schema
                  << "\n";
      if (!stale.empty())
        std::cerr << "wirekit-gen: regenerate with: wirekit-gen " << schema << " --out " << out_dir
                  << "\n";
      return stale.empty() ? 0 : 1;
    }
    wirekit::gen::write_files(out_dir, files);
    return 0;
  } catch (const wirekit::gen::SchemaError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  } catch (const YAML::Exception& e) {
    std::cerr << schema << ":" << e.mark.line + 1 << ":" << e.mark.column + 1
              << ": error: " << e.msg << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "wirekit-gen: " << e.what() << "\n";
    return 1;
  }
}
