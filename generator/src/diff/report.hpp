// `wirekit-gen diff OLD NEW`: the changes printed one a line, located in both files, and the
// exit status (1 when a change breaks a peer and no `--allow` accepts it).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "diff/compare.hpp"

namespace wirekit::gen {

/// "breaking for old clients", "breaking for old servers", "breaking for old clients and old
/// servers" or "compatible".
std::string breaks_text(unsigned breaks);
/// Whether an `--allow` name accepts `change`: its id, or its kind for every change of that kind.
bool is_allowed(const Change& change, const std::vector<std::string>& allowed);
/// Prints each change and a summary to `out`; returns the exit status.
int report_changes(const std::vector<Change>& changes, const std::vector<std::string>& allowed,
                   std::ostream& out);
/// Loads and compares the two schemas and reports: the exit status. A schema that does not
/// load is printed to `err` as FILE:LINE:COLUMN: error: MESSAGE, with status 1.
int diff_schemas(const std::string& old_path, const std::string& new_path,
                 const std::vector<std::string>& allowed, std::ostream& out, std::ostream& err);

}  // namespace wirekit::gen
