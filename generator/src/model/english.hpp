// English phrasing shared by generated comments and error messages.
#pragma once

#include <string>
#include <vector>

namespace wirekit::gen {

/// {"a", "b", "c"} -> "a, b or c"; {"a"} -> "a"; {} -> "".
inline std::string or_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace wirekit::gen
