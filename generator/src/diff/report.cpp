#include "diff/report.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"

namespace wirekit::gen {
namespace {

std::string place(const Location& where) {
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string breaks_text(unsigned breaks) {
  switch (breaks) {
    case breaks_old_clients:
      return "breaking for old clients";
    case breaks_old_servers:
      return "breaking for old servers";
    case breaks_old_clients | breaks_old_servers:
      return "breaking for old clients and old servers";
    default:
      return "compatible";
  }
}

bool is_allowed(const Change& change, const std::vector<std::string>& allowed) {
  return std::find(allowed.begin(), allowed.end(), change.id()) != allowed.end() ||
         std::find(allowed.begin(), allowed.end(), change.kind) != allowed.end();
}

int report_changes(const std::vector<Change>& changes, const std::vector<std::string>& allowed,
                   std::ostream& out) {
  std::size_t for_clients = 0, for_servers = 0, breaking = 0, accepted = 0;
  for (const auto& c : changes) {
    std::string verdict = breaks_text(c.breaks);
    if (c.breaks != breaks_nobody && is_allowed(c, allowed)) {
      verdict = "allowed (" + verdict + ")";
      ++accepted;
    } else if (c.breaks != breaks_nobody) {
      ++breaking;
      for_clients += (c.breaks & breaks_old_clients) ? 1 : 0;
      for_servers += (c.breaks & breaks_old_servers) ? 1 : 0;
    }
    out << place(c.old_where) << " " << place(c.new_where) << ": " << verdict << ": [" << c.id()
        << "] " << c.what << "\n";
  }
  for (const auto& name : allowed) {
    const bool used = std::any_of(changes.begin(), changes.end(),
                                  [&](const Change& c) { return is_allowed(c, {name}); });
    if (!used) out << "note: --allow " << name << " matches no change\n";
  }
  out << changes.size() << (changes.size() == 1 ? " change: " : " changes: ") << breaking
      << " breaking (" << for_clients << " for old clients, " << for_servers
      << " for old servers), " << accepted << " allowed, " << changes.size() - breaking - accepted
      << " compatible\n";
  return breaking ? 1 : 0;
}

int diff_schemas(const std::string& old_path, const std::string& new_path,
                 const std::vector<std::string>& allowed, std::ostream& out, std::ostream& err) {
  std::string failing = old_path;
  try {
    const Protocol old_protocol = load_schema(old_path);
    const SourceMap old_source(read_file(old_path), old_path);
    failing = new_path;
    const Protocol new_protocol = load_schema(new_path);
    const SourceMap new_source(read_file(new_path), new_path);
    const auto changes = compare_schemas(SchemaVersion{old_protocol, old_source},
                                         SchemaVersion{new_protocol, new_source});
    return report_changes(changes, allowed, out);
  } catch (const SchemaError& e) {
    err << e.what() << "\n";
  } catch (const YAML::Exception& e) {
    err << failing << ":" << e.mark.line + 1 << ":" << e.mark.column + 1 << ": error: " << e.msg
        << "\n";
  }
  return 1;
}

}  // namespace wirekit::gen
