// The model's own queries, shared by the validator and the emitters.
#include "model/model.hpp"

namespace wirekit::gen {

const NamedType* Protocol::find_type(const std::string& type_name) const {
  for (const auto& t : types)
    if (t.name == type_name) return &t;
  return nullptr;
}

const Message* Protocol::find_message(const std::string& message_name) const {
  for (const auto& m : messages)
    if (m.name == message_name) return &m;
  return nullptr;
}

const Envelope& Protocol::envelope_of(const Message& m) const {
  for (const auto& e : envelopes)
    if (e.name == m.envelope) return e;
  return envelopes.front();
}

const Field* Protocol::top_level_field(const Message& m, const std::string& wire) const {
  const Envelope& e = envelope_of(m);
  for (const auto& f : e.fields)
    if (f.wire_name == wire) return &f;
  if (e.body.empty())
    for (const auto& f : m.fields)
      if (f.wire_name == wire) return &f;
  return nullptr;
}

const Field* Protocol::any_field(const Message& m, const std::string& wire) const {
  if (const Field* f = top_level_field(m, wire)) return f;
  for (const auto& f : m.fields)
    if (f.wire_name == wire) return &f;
  return nullptr;
}

const Field* Protocol::field_at(const Message& m, const std::string& path) const {
  const Envelope& e = envelope_of(m);
  const std::string first = path.substr(0, path.find('.'));
  if (!e.body.empty() && first == e.body && path.size() > first.size() + 1) {
    const std::string rest = path.substr(first.size() + 1);
    for (const auto& f : m.fields)
      if (f.wire_name == rest) return &f;
    return nullptr;
  }
  return top_level_field(m, path);
}

const Interaction* Protocol::interaction_of(const std::string& message) const {
  for (const auto& i : interactions)
    if (i.request == message) return &i;
  return nullptr;
}

const Stream* Protocol::stream_of(const std::string& message) const {
  for (const auto& s : streams)
    if (s.request == message) return &s;
  return nullptr;
}

}  // namespace wirekit::gen
