// The changes between two versions of a schema, each classified by whom it breaks: a new
// server talking to an old client, a new client talking to an old server, or no one. Nothing
// here is specific to one protocol; the rules are in compare.cpp and README.md ("Checking a
// schema change").
#pragma once

#include <string>
#include <vector>

#include "diff/source_map.hpp"
#include "model/model.hpp"

namespace wirekit::gen {

/// Whom a change breaks: a bit each, none for a compatible change.
enum Breaks : unsigned {
  breaks_nobody = 0,
  breaks_old_clients = 1,  ///< a new server and an old client no longer agree
  breaks_old_servers = 2,  ///< a new client and an old server no longer agree
};

struct Change {
  std::string kind;     ///< stable, e.g. "field-removed-required"
  std::string subject;  ///< what changed, e.g. "Login.token"; "" when the kind says it all
  unsigned breaks = breaks_nobody;
  Location old_where;  ///< in the old schema (the enclosing element when it is new)
  Location new_where;  ///< in the new schema (the enclosing element when it is gone)
  std::string what;    ///< one sentence: what changed and why it breaks or not

  /// The name `--allow` accepts: "<kind>:<subject>", or the kind alone.
  std::string id() const { return subject.empty() ? kind : kind + ":" + subject; }
};

/// One version of a schema: its model and where its elements stand.
struct SchemaVersion {
  const Protocol& protocol;
  const SourceMap& source;
};

/// Every change from `old_version` to `new_version`, in schema order.
std::vector<Change> compare_schemas(const SchemaVersion& old_version,
                                    const SchemaVersion& new_version);

}  // namespace wirekit::gen
