// One payload to send, as a generated stub hands it to the runtime: its JSON text and the
// facts the session rules need (copied from the typed message's FrameHeader).
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
  MessageIndex message = -1;  ///< its index in ProtocolSpec::messages; -1: unknown (the
                              ///< runtime then decodes the text to find out)
  std::optional<std::int64_t> counter_reset;    ///< the sequence reset message's value
  std::optional<std::int64_t> ack_deadline_ms;  ///< the handshake's negotiated ack deadline
  std::string_view ack_deadline_path;    ///< or its path in `text` (FrameHeader::ack_deadline_path)
  std::vector<std::string> stream_keys;  ///< a stream request's or cancel's key(s)
  std::uint32_t stream_conditions = 0;   ///< FrameHeader::stream_conditions

  Outgoing() = default;
  /// Raw text: the runtime decodes it to learn its facts.
  Outgoing(std::string json) : text(std::move(json)) {}  // NOLINT: implicit
  Outgoing(std::string json, const FrameHeader& header)
      : text(std::move(json)),
        message(header.message),
        counter_reset(header.counter_reset),
        ack_deadline_ms(header.ack_deadline_ms),
        ack_deadline_path(header.ack_deadline_path),
        stream_conditions(header.stream_conditions) {
    header.stream_keys.for_each([this](std::string_view k) { stream_keys.emplace_back(k); });
  }
};

/// Makes an event from the id and sent_at the runtime stamped on it: its text, or (from a
/// generated stub) an Outgoing whose facts need no second decode.
using EventBuilder = std::function<Outgoing(std::string_view id, std::string_view sent_at)>;
struct SessionError;
/// Told once whether an event was acknowledged (code ok) or why not.
using AckHandler = std::function<void(const SessionError&)>;

}  // namespace wirekit
