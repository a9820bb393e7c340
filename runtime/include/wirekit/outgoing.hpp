// One payload to send, as a generated stub hands it to the runtime: its JSON text and what the
// session rules need to know of it (copied from the typed message's FrameHeader).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/codegen/codec_hooks.hpp"

namespace wirekit {

struct Outgoing {
  std::string text;
  /// Its facts; `facts.message` -1: unknown (the runtime then decodes the text to learn them).
  MessageFacts facts;
  std::vector<std::string> stream_keys;  ///< a stream request's, item's or cancel's key(s)

  Outgoing() = default;
  /// Raw text: the runtime decodes it to learn its facts.
  Outgoing(std::string json) : text(std::move(json)) {}  // NOLINT: implicit
  Outgoing(std::string json, const FrameHeader& header)
      : text(std::move(json)), facts(static_cast<const MessageFacts&>(header)) {
    header.stream_keys.for_each([this](std::string_view k) { stream_keys.emplace_back(k); });
  }
  /// Whether its facts are known (from a generated codec) rather than to be decoded.
  bool has_facts() const noexcept { return facts.message >= 0; }
};

/// Makes an event from the id and sent_at the runtime stamped on it: its text, or (from a
/// generated stub) an Outgoing whose facts need no second decode.
using EventBuilder = std::function<Outgoing(std::string_view id, std::string_view sent_at)>;
struct SessionError;
/// Told once whether an event was acknowledged (code ok) or why not.
using AckHandler = std::function<void(const SessionError&)>;

}  // namespace wirekit
