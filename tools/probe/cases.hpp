// The conformance cases wirekit-probe derives from a schema and runs against a live server,
// each on a connection of its own: the connection and its subprotocol, the handshake (and one
// refused for a missing required field) and its deadline, a message before the handshake,
// malformed JSON, an unknown tag, a field over its max_length, each interaction's request and
// each stream's opening. Whatever the schema cannot
// tell the probe makes a case skip, saying why.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "sample.hpp"
#include "ws_socket.hpp"

namespace wirekit::probe {

enum class Verdict { pass, fail, skip };

struct CaseResult {
  std::string name;  ///< e.g. "request Order"
  Verdict verdict = Verdict::skip;
  std::string why;
};

struct ProbeOptions {
  Endpoint at;
  std::string bearer;  ///< sent as `Authorization: Bearer` when the schema says `auth: bearer`
  std::chrono::milliseconds wait{2000};  ///< how long a reply may take
  Examples examples;                     ///< `--examples`: values the schema cannot give
};

/// Runs every case; `each` sees each result as it comes.
std::vector<CaseResult> run_cases(const gen::Protocol& p, const ProbeOptions& options,
                                  void (*each)(const CaseResult&));

}  // namespace wirekit::probe
