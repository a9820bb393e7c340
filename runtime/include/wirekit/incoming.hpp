// One message as the runtime hands it to user code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wirekit {

struct Incoming {
  std::string_view text;   ///< the raw payload (JSON text); valid only during the callback
  std::string tag;         ///< the tag value; empty for an untagged or binary message
  bool binary = false;     ///< a binary frame (only when the spec allows them)
  bool handshake = false;  ///< this is the handshake's first message
  /// Sequence kind: on a Server, the seq of this payload (reply with it); on a Client,
  /// the value of the seq field when the message carries one. nullopt otherwise.
  std::optional<std::int64_t> seq;
  /// Ack kind: the id of an incoming event, which the runtime acks after the callback
  /// returns unless take_over_ack() was called (then call send_ack(event_id) yourself).
  std::string event_id;

  void take_over_ack() const noexcept { ack_taken_over_ = true; }
  bool ack_taken_over() const noexcept { return ack_taken_over_; }

 private:
  mutable bool ack_taken_over_ = false;
};

}  // namespace wirekit
