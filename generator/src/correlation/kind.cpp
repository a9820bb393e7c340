// What the correlation kinds share.
#include "correlation/kind.hpp"

#include "model/schema_error.hpp"

namespace wirekit::gen {

void require_reply_field(const Protocol& p, const Interaction& i, const std::string& field,
                         const std::string& for_what) {
  for (const auto& names : {i.responses, i.errors})
    for (const auto& r : names)
      if (!p.top_level_field(*p.find_message(r), field))
        throw SchemaError(
            i.where, "reply '" + r + "' has no top-level field '" + field + "' for " + for_what);
}

std::string assign_text(const Field& f, const std::string& text) {
  return "wirekit::assign_text(message." + f.cpp_name + ", " + text + ");";
}

}  // namespace wirekit::gen
