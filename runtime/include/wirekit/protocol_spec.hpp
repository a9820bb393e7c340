// The tables a generated SDK hands to the runtime: everything the runtime needs to know
// about one protocol's session rules, with no knowledge of its message types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "wirekit/condition.hpp"
#include "wirekit/decode_error.hpp"

namespace wirekit {

/// Which side sends a message.
enum class Side { client, server, both };

struct CloseCodeSpec {
  std::uint16_t code;
  std::string_view name;
  std::vector<Condition> on;  ///< empty: for application code only
};

struct MessageSpec {
  std::string_view name;  ///< C++ struct name, e.g. "Identify"
  std::string_view tag;   ///< wire tag value, e.g. "IDENTIFY"
  bool untagged;          ///< carries no tag at all (`tag: null` in the schema)
  Side from;
};

struct InteractionSpec {
  std::string_view request;  ///< message name
  std::vector<std::string_view> responses;
  std::vector<std::string_view> errors;
  bool correlated;  ///< false when the schema says `correlation: none` for this pair
};

enum class CorrelationKind { none, echo, sequence, ack };

struct CorrelationSpec {
  CorrelationKind kind = CorrelationKind::none;
  // echo
  std::string_view request_field;   ///< top-level key the request carries the id in
  std::string_view response_field;  ///< top-level key the reply echoes it in
  // sequence
  std::string_view seq_field;          ///< top-level key of the sequence number in replies
  std::int64_t seq_start = 0;          ///< the counter's initial value
  bool seq_counts_handshake = false;   ///< whether the handshake payload is counted
  std::string_view reset_message_tag;  ///< tag of the message that sets the counter
  std::string_view reset_field;        ///< its field holding the new value
  // ack
  std::string_view event_tag;
  std::string_view ack_tag;
  std::string_view id_field;
  std::string_view sent_at_field;
  // all
  std::uint32_t timeout_ms = 0;  ///< default per-request timeout; 0: none
};

struct HandshakeSpec {
  bool present = false;
  std::string_view first_tag;      ///< tag of the message that must come first
  Side from = Side::client;        ///< who sends it
  std::uint32_t within_ms = 0;     ///< 0: no deadline
  std::string_view success_tag;    ///< reply that completes the handshake ("" if none)
  std::string_view deadline_from;  ///< dotted path in `first` holding the ack deadline in ms
};

struct SessionSpec {
  HandshakeSpec handshake;
  std::uint32_t ack_deadline_ms = 0;       ///< default ack deadline; 0: no acks
  std::string_view undecodable_reply_tag;  ///< reply instead of close after the handshake
  std::string_view repeated_handshake_reply_tag;
  std::uint32_t rate_limit_messages = 0;  ///< 0: no limit
  std::uint32_t rate_limit_per_ms = 0;
  std::vector<CloseCodeSpec> close_codes;
};

struct TransportSpec {
  std::string_view path = "/";
  std::string_view subprotocol;  ///< "" when none
  bool text_only = true;
  std::size_t max_message_bytes = 16u * 1024u * 1024u;
  std::uint16_t default_port = 0;
  bool bearer_auth = false;
};

/// Everything the runtime knows about one protocol.
struct ProtocolSpec {
  std::string_view name;
  std::string_view version;
  std::string_view tag_key;  ///< the discriminating key, e.g. "type", "action", "$"
  TransportSpec transport;
  std::vector<MessageSpec> messages;
  std::vector<InteractionSpec> interactions;
  CorrelationSpec correlation;
  SessionSpec session;
  /// Decodes a payload sent by `from` with the generated codec, to check every field rule of
  /// the schema; false with the error when it breaks one. Null: only tags are checked.
  bool (*validate)(std::string_view text, Side from, DecodeError& error) = nullptr;

  /// The close code the schema gives for a condition, or 0 when it gives none.
  std::uint16_t close_code_for(Condition condition) const noexcept {
    for (const auto& c : session.close_codes)
      for (auto on : c.on)
        if (on == condition) return c.code;
    return 0;
  }
  /// The close code with this name, or 0.
  std::uint16_t close_code_named(std::string_view code_name) const noexcept {
    for (const auto& c : session.close_codes)
      if (c.name == code_name) return c.code;
    return 0;
  }
};

}  // namespace wirekit
