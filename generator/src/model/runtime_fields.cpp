// Which fields of a message the runtime fills in (runtime_fields.hpp).
#include "model/runtime_fields.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "correlation/kind.hpp"

namespace wirekit::gen {
namespace {

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The wire names of the top-level fields of `m` the runtime writes.
std::set<std::string> filled_wire_names(const Protocol& p, const Message& m) {
  const CorrelationKind& c = p.correlation.kind();
  std::set<std::string> names;
  for (const auto& i : p.interactions) {
    if (!i.correlated) continue;
    if (i.request == m.name && !c.request_key().empty()) names.insert(c.request_key());
    if ((lists(i.responses, m.name) || lists(i.errors, m.name)) && !c.reply_key().empty())
      names.insert(c.reply_key());
  }
  if (c.event_message() == m.name)
    for (const auto& f : c.stamped_fields()) names.insert(f);
  for (const auto& st : p.streams) {
    if (!st.generated_key) continue;
    if (st.request == m.name) names.insert(st.request_key);
    if (lists(st.items, m.name) || lists(st.ends, m.name) || lists(st.failures, m.name))
      names.insert(st.item_key);
  }
  return names;
}

}  // namespace

std::vector<const Field*> runtime_fields(const Protocol& p, const Message& m) {
  const std::set<std::string> names = filled_wire_names(p, m);
  std::vector<const Field*> out;
  for (const auto* fields : {&p.envelope_of(m).fields, &m.fields})
    for (const auto& f : *fields)
      if (names.count(f.wire_name)) out.push_back(&f);
  return out;
}

}  // namespace wirekit::gen
