// For generated stubs: a typed message made into the Outgoing the runtime sends.
#pragma once

#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/outgoing.hpp"

namespace wirekit {

/// A generated message ready to send: its text, from the protocol's `encode()` (found by
/// argument-dependent lookup), and its header, from `Hooks::header_of()`. `Hooks` is the
/// protocol's generated `<name>::detail::Hooks`, the functions its stubs call.
template <class Hooks, class M>
Outgoing make_outgoing(const M& message) {
  FrameHeader header;
  Hooks::header_of(message, header);
  return Outgoing(encode(message), header);
}

}  // namespace wirekit
