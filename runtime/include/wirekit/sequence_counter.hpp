// Counts the text payloads one client sends, as a schema's sequence correlation says: each
// counted payload gets the counter's value, then the counter goes up by one; the reset message
// gets the value it carries and counting goes on from there. The server counts what it
// receives; the client counts what it sends, so both know every payload's seq.
#pragma once

#include <cstdint>
#include <optional>

namespace wirekit {

class SequenceCounter {
 public:
  /// `start`: the first value; `counts_handshake`: whether the handshake's first payload is
  /// counted; `handshake_first`: whether counting waits for the handshake.
  SequenceCounter(std::int64_t start, bool counts_handshake, bool handshake_first) noexcept
      : counts_handshake_(counts_handshake), started_(!handshake_first), next_(start) {}

  /// The seq of the next payload; nullopt when the payload is not counted.
  /// `is_handshake`: this payload is the handshake's first message.
  /// `reset_value`: the payload is the reset message and carries this value.
  std::optional<std::int64_t> count(bool is_handshake,
                                    std::optional<std::int64_t> reset_value) noexcept;
  /// The value the next counted payload gets.
  std::int64_t next() const noexcept { return next_; }

 private:
  bool counts_handshake_;
  bool started_;
  std::int64_t next_;
};

}  // namespace wirekit
