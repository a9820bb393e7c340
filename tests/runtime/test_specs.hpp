// The protocols the runtime tests speak, generated at build time from the test schemas in
// tests/runtime/schemas/ (each modelled on one of the real protocols, with lenient fields).
#pragma once

#include <utility>
#include <vector>

#include <wirekit/protocol_spec.hpp>

#include "rt_ack/rt_ack_protocol.hpp"
#include "rt_echo/rt_echo_protocol.hpp"
#include "rt_plain/rt_plain_protocol.hpp"
#include "rt_sequence/rt_sequence_protocol.hpp"

namespace wirekit::test {

/// Sequence numbers, an IDENTIFY handshake, replies to undecodable payloads (concierge-like).
inline const ProtocolSpec& sequence_spec() { return rt_sequence::protocol_spec(); }
/// Echo correlation with replies sharing the action "" (Flet-like).
inline const ProtocolSpec& echo_spec() { return rt_echo::protocol_spec(); }
/// Events and acks, a handshake the server opens (event-ack-sync-like).
inline const ProtocolSpec& ack_spec() { return rt_ack::protocol_spec(); }
/// No rules: any JSON object is a message.
inline const ProtocolSpec& plain_spec() { return rt_plain::protocol_spec(); }

/// A close code a test adds to a copy of a spec.
inline CloseCodeSpec close_code(std::uint16_t code, std::string_view name,
                                std::vector<Condition> on = {}) {
  CloseCodeSpec c;
  c.code = code;
  c.name = name;
  c.on = std::move(on);
  return c;
}

}  // namespace wirekit::test
