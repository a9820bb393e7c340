// Memory per connection, measured on separate processes: the harness starts this program again as
// a server and as a client process (so neither side's memory counts in the other's, and earlier
// measures leave nothing behind), opens the connections, and reads each process's resident set
// from /proc before and after.
#pragma once

#include <cstddef>
#include <string>

namespace transport_bench {

struct MemoryFigures {
  double server_idle_kb = 0;   ///< per connection, connections open, nothing sent
  double server_after_kb = 0;  ///< per connection, after one round trip on each
  double client_idle_kb = 0;
  double client_after_kb = 0;
};

/// Starts `program` as `--serve <contender>` and `--clients <contender> <port> <count>`, and
/// measures both processes. `contender` is "wirekit" or "raw".
MemoryFigures measure_memory(const std::string& program, const std::string& contender,
                             std::size_t count);

/// The two child processes' main functions (stdin/stdout speak a line protocol with the harness).
int serve_child(const std::string& contender);
int clients_child(const std::string& contender, unsigned port, std::size_t count);

}  // namespace transport_bench
