// One message as the runtime hands it to user code (or to a generated stub).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/typed_ref.hpp"

namespace wirekit {

/// Identifies a stream on one connection (0: none).
using StreamId = std::uint64_t;

struct Incoming {
  std::string_view text;      ///< the raw payload; valid only during the callback
  MessageIndex message = -1;  ///< index in ProtocolSpec::messages; -1 for a binary frame
  std::string_view tag;       ///< the message's tag; empty for an untagged or binary message
  bool binary = false;        ///< a binary frame (only when the spec allows them)
  bool handshake = false;     ///< this is the handshake's first message
  /// Sequence correlation: on a Server, the number of this payload (replies carry it); on a
  /// Client, the value of the message's seq field when it carries one.
  std::optional<std::int64_t> seq;
  /// Echo correlation, on a Server: the request's id, which its reply must carry.
  std::string_view correlation_id;
  /// Ack correlation: the id of an incoming event, which the runtime acks after the callback
  /// returns unless take_over_ack() was called (then call send_ack(event_id) yourself).
  std::string_view event_id;
  /// On a Server: the stream this request opened (ProtocolSpec::streams), else 0.
  StreamId stream = 0;
  /// The decoded message: the protocol's generated `ToServer` (from a client) or `ToClient`
  /// variant (`value.get<ToServer>()`). Empty for a binary frame.
  TypedRef value;
  /// What the session rules read from the message (keys, ids); null for a binary frame.
  const FrameHeader* header = nullptr;
  /// On a Client: another stream handle still reads this message after this one (several
  /// handles on one key), so a handler must not move from `value`.
  bool shared = false;
  /// On a Server: the connection's user data (Server::set_user_data), else empty.
  TypedRef user_data;

  void take_over_ack() const noexcept { ack_taken_over_ = true; }
  bool ack_taken_over() const noexcept { return ack_taken_over_; }

 private:
  mutable bool ack_taken_over_ = false;
};

}  // namespace wirekit
