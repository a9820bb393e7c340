// Lines of standard input, waited for with a bound, so that a program reading them (the chat)
// also notices in time that its connection closed meanwhile; std::getline would block until
// the next line. POSIX headers stay in the .cpp.
#pragma once

#include <string>

namespace example {

class StdinLines {
 public:
  enum class Got { line, nothing_yet, end };

  /// The next line (without its newline) when one is complete; nothing_yet after `timeout_ms`
  /// without one; end once stdin is at its end (a last line without newline comes first).
  Got next(std::string& line, int timeout_ms);

 private:
  bool take_line(std::string& line);

  std::string buffer_;
  bool at_end_ = false;
};

}  // namespace example
