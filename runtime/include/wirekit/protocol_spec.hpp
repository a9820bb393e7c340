// The tables a generated SDK hands to the runtime: everything the runtime needs to know about
// one protocol's session rules, plus the generated codec's hooks (wirekit/codegen/codec_hooks.hpp).
// The runtime knows no message type: messages are referred to by their index in `messages`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/condition.hpp"

namespace wirekit {

/// Which side sends a message.
enum class Side : std::uint8_t { client, server, both };

/// A message index in ProtocolSpec::messages; kNoMessage when none.
using MessageIndex = int;
inline constexpr MessageIndex kNoMessage = -1;

struct MessageSpec {
  std::string_view name;  ///< the C++ struct name, e.g. "Identify"
  std::string_view tag;   ///< the wire tag value, e.g. "IDENTIFY"
  bool tagged = true;     ///< false: it carries no tag at all (`tag: null` in the schema)
  Side from = Side::client;
};

struct CloseCodeSpec {
  std::uint16_t code = 0;
  std::string_view name;
  std::vector<Condition> on;  ///< empty: for application code only
};

/// A request and the replies that may answer it.
struct RequestSpec {
  MessageIndex request = kNoMessage;
  std::vector<MessageIndex> responses;  ///< success replies
  std::vector<MessageIndex> errors;     ///< error replies
  bool correlated = true;               ///< false: `correlation: none` or `next` for this pair
  /// `correlation: next`: no id links the pair; a request waits for the next of its replies
  /// to arrive (requests waiting for the same replies are answered in the order sent).
  bool awaits_next = false;

  /// Whether `message` is one of its replies.
  bool answered_by(MessageIndex message) const noexcept {
    for (auto m : responses)
      if (m == message) return true;
    for (auto m : errors)
      if (m == message) return true;
    return false;
  }
};

/// One message a stream takes as an item, an end or a failure; `when`, when not 0, is a mask
/// of FrameHeader::stream_conditions bits that must all be set (a field's value, evaluated by
/// the generated header_of()).
struct StreamMessage {
  MessageIndex message = kNoMessage;
  std::uint32_t when = 0;

  bool matches(MessageIndex m, std::uint32_t conditions) const noexcept {
    return m == message && (conditions & when) == when;
  }
};

/// What a message is to a stream.
enum class StreamRole : std::uint8_t { none, item, end, failure };

/// A request that opens a stream of messages, all carrying a key that names their stream.
struct StreamSpec {
  MessageIndex request = kNoMessage;    ///< opens the stream; carries the key(s)
  std::vector<StreamMessage> items;     ///< pushed while the stream is open
  std::vector<StreamMessage> ends;      ///< end the stream normally
  std::vector<StreamMessage> failures;  ///< end the stream with an error
  MessageIndex cancel = kNoMessage;     ///< sent by the client to cancel; carries the key(s)
  /// The runtime fills in the request's key (a fresh id, like an echo correlation id) and the
  /// server's stream writer stamps it into items and ends (`key: {generated: true}`).
  bool generated_key = false;
  /// One item, then the stream is complete (`result: one`).
  bool one_result = false;

  /// What `message` (whose header has `conditions` set) is to this stream: ends and failures
  /// are checked before items, so a message may be an item unless its value ends the stream.
  StreamRole role_of(MessageIndex message, std::uint32_t conditions) const noexcept {
    for (const auto& m : ends)
      if (m.matches(message, conditions)) return StreamRole::end;
    for (const auto& m : failures)
      if (m.matches(message, conditions)) return StreamRole::failure;
    for (const auto& m : items)
      if (m.matches(message, conditions)) return StreamRole::item;
    return StreamRole::none;
  }
};

// ---- correlation kinds: how a reply finds its request ---------------------------------------

/// The runtime writes an id into the request; the reply echoes it.
struct EchoCorrelation {};
/// The server numbers the payloads it receives; replies carry the number they answer.
struct SequenceCorrelation {
  std::int64_t start = 0;           ///< the counter's first value
  bool counts_handshake = false;    ///< whether the handshake's first payload is counted
  MessageIndex reset = kNoMessage;  ///< the message that sets the counter (its value: the
                                    ///< header's counter_reset)
};
/// Every event is acknowledged once by an ack naming its id.
struct AckCorrelation {
  MessageIndex event = kNoMessage;
  MessageIndex ack = kNoMessage;
};

struct CorrelationSpec {
  std::variant<std::monostate, EchoCorrelation, SequenceCorrelation, AckCorrelation> kind;
  std::uint32_t timeout_ms = 0;  ///< default per-request timeout; 0: none
  /// The top-level field by which a reply names its request (echo: the id it carries back;
  /// sequence: the number it answers); "" when none. Read from a reply that does not decode,
  /// so that its request still completes (SessionErrc::undecodable_reply).
  std::string_view reply_field;

  template <class Kind>
  const Kind* as() const noexcept {
    return std::get_if<Kind>(&kind);
  }
};

struct HandshakeSpec {
  MessageIndex first = kNoMessage;    ///< the message that must come first; kNoMessage: none
  Side from = Side::client;           ///< who sends it
  std::uint32_t within_ms = 0;        ///< 0: no deadline
  MessageIndex success = kNoMessage;  ///< the reply that completes it
  /// Messages the peer may send before the handshake completes (graphql-ws Ping/Pong): they
  /// are delivered and the handshake goes on waiting.
  std::vector<MessageIndex> allowed_before;
  bool present() const noexcept { return first != kNoMessage; }
  bool allows_before(MessageIndex message) const noexcept {
    for (auto m : allowed_before)
      if (m == message) return true;
    return false;
  }
};

struct RateLimitSpec {
  std::uint32_t messages = 0;  ///< 0: no limit
  std::uint32_t per_ms = 0;
};

/// What an endpoint does with an incoming payload that is unknown (no valid tag) or does not
/// decode, once the handshake is done (`session.invalid` in the schema). A close code the
/// schema maps to the payload's condition (missing_field, ...) closes in every case.
enum class InvalidPolicy : std::uint8_t {
  standard,  ///< a server replies (replies.undecodable) or closes; a client closes only when
             ///< the schema maps `undecodable` to a code, else ignores it silently
  close,     ///< close with the `undecodable` code
  reply,     ///< answer with the schema's undecodable reply (server only)
  ignore,    ///< drop it with one log line (EndpointOptions::log)
};

struct SessionSpec {
  HandshakeSpec handshake;
  std::uint32_t ack_deadline_ms = 0;           ///< default ack deadline; 0: none
  bool replies_to_undecodable = false;         ///< codec.undecodable_reply answers them
  bool replies_to_repeated_handshake = false;  ///< codec.repeated_handshake_reply answers them
  RateLimitSpec rate_limit;
  std::vector<CloseCodeSpec> close_codes;
  InvalidPolicy invalid_from_client = InvalidPolicy::standard;  ///< what a server does
  InvalidPolicy invalid_from_server = InvalidPolicy::standard;  ///< what a client does
};

struct TransportSpec {
  std::string_view path = "/";
  std::string_view subprotocol;  ///< "" when none
  /// What the server does with a client that does not offer `subprotocol`.
  enum class Unoffered : std::uint8_t {
    refuse,  ///< the upgrade is refused (HTTP 400)
    close,   ///< accepted without a subprotocol, then closed with `subprotocol_not_offered`
    accept   ///< accepted without a subprotocol, and served
  };
  Unoffered unoffered_subprotocol = Unoffered::refuse;
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
  std::vector<RequestSpec> requests;
  std::vector<StreamSpec> streams;
  CorrelationSpec correlation;
  SessionSpec session;
  CodecHooks codec;

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
  /// The request spec of message `request`, or null.
  const RequestSpec* request_of(MessageIndex request) const noexcept {
    for (const auto& r : requests)
      if (r.request == request) return &r;
    return nullptr;
  }
  const StreamSpec* stream_of(MessageIndex request) const noexcept {
    for (const auto& s : streams)
      if (s.request == request) return &s;
    return nullptr;
  }
  std::string_view message_name(MessageIndex m) const noexcept {
    return m >= 0 && static_cast<std::size_t>(m) < messages.size() ? messages[m].name
                                                                   : std::string_view("?");
  }
};

}  // namespace wirekit
