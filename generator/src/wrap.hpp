// Line wrapping of comma-separated lists the way clang-format (Google style) lays them out.
#pragma once

#include <string>
#include <vector>

#include "printer.hpp"

namespace wirekit::gen {

/// Prints `using alias = open<items...>close` on one line if it fits in 100 columns;
/// otherwise breaks after '=' and packs the items on continuation lines.
void emit_alias_list(Printer& out, const std::string& alias, const std::string& open,
                     const std::vector<std::string>& items, const std::string& close);

}  // namespace wirekit::gen
