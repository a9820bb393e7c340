#include <algorithm>

#include "correlation/kind.hpp"
#include "model/names.hpp"
#include "model/stub_names.hpp"

namespace wirekit::gen {
namespace {
bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}
}  // namespace

StubCall client_call(const Protocol& p, const Message& m) {
  const Handshake& h = p.session.handshake;
  if (h.present && h.from == Side::client && h.first == m.name) return StubCall::handshake;
  const CorrelationKind& c = p.correlation.kind();
  if (m.name == c.ack_message()) return StubCall::ack;
  if (m.name == c.event_message()) return StubCall::event;
  if (p.stream_of(m.name)) return StubCall::stream;
  const Interaction* i = p.interaction_of(m.name);
  if (i && i->awaits_next) return StubCall::request;
  if (i && i->correlated && c.correlates()) return StubCall::request;
  return StubCall::one_way;
}

bool is_push(const Protocol& p, const Message& m) {
  if (!m.sent_by_server()) return false;
  return m.name != p.correlation.kind().ack_message();
}

bool is_correlated_reply(const Protocol& p, const Message& m) {
  const bool correlates = p.correlation.kind().correlates();
  for (const auto& i : p.interactions)
    if (((i.correlated && correlates) || i.awaits_next) &&
        (listed(i.responses, m.name) || listed(i.errors, m.name)))
      return true;
  return false;
}

std::string qualified(const Protocol& p, const std::string& type) {
  return p.cpp_namespace + "::" + type;
}

std::string method_name(const Message& m) {
  return m.stub_name.empty() ? snake_case(m.name) : m.stub_name;
}

std::string handshake_result(const Protocol& p) {
  const Handshake& h = p.session.handshake;
  if (!h.present) return "";
  if (h.from == Side::server) return h.first;
  return h.success;
}

// Also reserved: every name starting with `stub_` (the stub base classes' own helpers).
const std::vector<std::string>& reserved_stub_members() {
  static const std::vector<std::string> names = {
      "connect",     "close",    "stop",           "start",          "cancel",
      "runtime",     "is_open",  "port",           "send",           "broadcast",
      "connections", "state_of", "server",         "send_event",     "unsupported",
      "on_open",     "on_close", "on_reconnected", "on_undecodable", "on_stream_cancelled",
      "on_handshake"};
  return names;
}

}  // namespace wirekit::gen
