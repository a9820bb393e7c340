#include "emit/output_files.hpp"

#include <algorithm>
#include <stdexcept>

namespace wirekit::gen {

std::string output_path(const Protocol& p, std::string_view part) {
  if (std::find(kOutputParts.begin(), kOutputParts.end(), part) == kOutputParts.end())
    throw std::logic_error("output_path: '" + std::string(part) + "' is not in kOutputParts");
  return p.name + "/" + p.name + "_" + std::string(part);
}

}  // namespace wirekit::gen
