// tetra by hand with simdjson On-Demand: see ondemand_baseline.hpp.
#include <stdexcept>

#include "ondemand_baseline.hpp"
#include "ondemand_read.hpp"

namespace ondemand_baseline::tetra_ {

::tetra::Subscribe decode_subscribe(std::string_view text) {
  ::tetra::Subscribe m;
  bool has_tag = false;
  bool has_group = false;
  for (auto field : parse(text).get_object()) {
    const od::raw_json_string key = field.key();
    od::value v = field.value();
    if (key == "type") {
      expect_tag(v, ::tetra::Subscribe::kTag);
      has_tag = true;
    } else if (key == "group") {
      read_string(v, m.group);
      has_group = true;
    }
  }
  if (!has_tag || !has_group) throw std::runtime_error("subscribe lacks a field");
  return m;
}

}  // namespace ondemand_baseline::tetra_
