// Counts the text payloads one client sends, as spec.correlation (kind sequence) says:
// each counted payload gets the counter's value, then the counter goes up by one; the
// reset message (reset_message_tag) gets the value of its reset_field and counting goes
// on from there. The server counts what it receives; the client counts what it sends,
// so both know every payload's seq.
#pragma once

#include <cstdint>
#include <optional>

#include "wirekit/protocol_spec.hpp"

namespace wirekit {

class SequenceCounter {
 public:
  explicit SequenceCounter(const ProtocolSpec& spec) noexcept;

  bool enabled() const noexcept { return enabled_; }
  /// The seq of the next payload; nullopt when the payload would not be counted.
  /// `is_handshake`: this payload is the handshake's first message.
  /// `reset_value`: the payload is the reset message and carries this value.
  std::optional<std::int64_t> count(bool is_handshake,
                                    std::optional<std::int64_t> reset_value) noexcept;
  /// The value the next counted payload gets.
  std::int64_t next() const noexcept { return next_; }

 private:
  bool enabled_;
  bool counts_handshake_;
  bool started_;
  std::int64_t next_;
};

}  // namespace wirekit
