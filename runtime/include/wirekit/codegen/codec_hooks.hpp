// The contract between a generated codec and the runtime. The runtime never parses a payload
// itself: for each incoming text it calls the generated `CodecHooks::decode`, which decodes the
// message in one pass into the protocol's typed variant and reports, with it, the few values
// the session rules need (a FrameHeader). The typed value then reaches the handler: one parse
// and one decode per message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/decode_error.hpp"
#include "wirekit/typed_ref.hpp"

namespace wirekit {

enum class Side : std::uint8_t;
using MessageIndex = int;

/// The keys a stream message names: one string field, or an array of strings.
struct KeyList {
  const std::string* one = nullptr;
  const std::vector<std::string>* many = nullptr;

  KeyList() = default;
  KeyList(const std::string& key) : one(&key) {}                  // NOLINT: implicit
  KeyList(const std::vector<std::string>& keys) : many(&keys) {}  // NOLINT: implicit

  bool empty() const noexcept { return !one && (!many || many->empty()); }
  bool contains(std::string_view key) const noexcept {
    if (one) return *one == key;
    if (many)
      for (const auto& k : *many)
        if (k == key) return true;
    return false;
  }
  template <class F>
  void for_each(F&& f) const {
    if (one) f(std::string_view(*one));
    if (many)
      for (const auto& k : *many) f(std::string_view(k));
  }
};

/// What the session rules need to know of one message besides its text and its keys, sent or
/// received: copied with an outgoing message (Outgoing::facts), read from an incoming one
/// (FrameHeader). Only the members the schema gives the message are set.
struct MessageFacts {
  MessageIndex message = -1;                    ///< index in ProtocolSpec::messages
  std::optional<std::int64_t> counter_reset;    ///< the sequence reset message's new value
  std::optional<std::int64_t> ack_deadline_ms;  ///< the handshake's negotiated ack deadline
  /// Or, when the deadline sits inside a free-form field: its dotted path in the message's JSON
  /// text (a literal; read only from the handshake's message).
  std::string_view ack_deadline_path;
  /// Bits of the schema's stream conditions (`when:` of a stream's items, ends or failures)
  /// that this message's field values satisfy (StreamMessage::when).
  std::uint32_t stream_conditions = 0;
};

/// What the session rules read from one message: its facts, and the values correlation and
/// streams match on, filled by the generated codec from the typed value (string views point
/// into it, so a header lives no longer than the value).
struct FrameHeader : MessageFacts {
  std::string_view correlation_id;  ///< echo correlation: the id field's value
  std::optional<std::int64_t> seq;  ///< sequence correlation: the seq field's value
  std::string_view event_id;        ///< ack correlation: an event's or ack's id
  KeyList stream_keys;              ///< a stream request's, item's or cancel's key(s)
  char id_buffer[24] = {};          ///< holds correlation_id when it was an integer
};

/// Names the type of a reply whose tag several replies share (Flet's ""): the one the pending
/// request carrying `correlation_id` expects, among `candidates`; -1 when no pending request
/// expects one of them.
class ReplyResolver {
 public:
  virtual MessageIndex expected_reply(std::string_view correlation_id,
                                      const MessageIndex* candidates, std::size_t count) = 0;

 protected:
  ~ReplyResolver() = default;
};

/// Receives the outcome of CodecHooks::decode: exactly one of on_decoded / on_undecodable.
class InboundSink : public ReplyResolver {
 public:
  /// The payload decoded: its header and the value, the protocol's generated direction
  /// variant (`ToServer` for messages from the client, else `ToClient`). Both live until this
  /// call returns; generated stubs may move from the value.
  virtual void on_decoded(const FrameHeader& header, TypedRef value) = 0;
  virtual void on_undecodable(const DecodeError& error) = 0;

 protected:
  ~InboundSink() = default;
};

/// Functions the generated codec provides to the runtime (set in `<name>::protocol_spec()`).
struct CodecHooks {
  /// Decodes one payload sent by `from` and reports it to `sink`.
  void (*decode)(std::string_view text, Side from, InboundSink& sink) = nullptr;
  /// Ack correlation: the ack of event `event_id`, stamped `sent_at`.
  std::string (*ack)(std::string_view event_id, std::string_view sent_at) = nullptr;
  /// session.replies.undecodable: the reply to a payload that did not decode, carrying the
  /// payload's `seq` under sequence correlation.
  std::string (*undecodable_reply)(std::string_view error,
                                   std::optional<std::int64_t> seq) = nullptr;
  /// session.replies.repeated_handshake: the reply to a second handshake message.
  std::string (*repeated_handshake_reply)(std::optional<std::int64_t> seq) = nullptr;
};

}  // namespace wirekit
