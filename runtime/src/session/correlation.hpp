// Internal: how one connection correlates messages, one type per kind of the schema's
// `correlation` (none, echo, sequence, ack). Adding a kind means adding one implementation and
// one case in make_correlation(); the session core only calls this interface.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "session/session_services.hpp"
#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/protocol_spec.hpp"

namespace wirekit::detail {

/// What a correlation rule decided about a received payload.
struct Received {
  std::optional<std::int64_t> seq;  ///< server, sequence: the payload's number
  bool consumed = false;            ///< the rule handled it (an ack): do not deliver it
};

class Correlation {
 public:
  virtual ~Correlation() = default;

  /// Client: writes into `id_text` the correlation id of the next request (echo: a fresh
  /// number; sequence: the number the request will get) and returns the key its reply will
  /// carry. nullopt: this kind cannot match a reply to a request.
  virtual std::optional<std::uint64_t> next_request_key(std::string& id_text);
  /// Client: the key an incoming reply carries, to find its request.
  virtual std::optional<std::uint64_t> reply_key(const FrameHeader& header) const;
  /// A payload this side writes; returns its seq when this side counts what it sends.
  virtual std::optional<std::int64_t> on_sent(const MessageFacts& facts, bool handshake);
  /// A payload received from the peer that decoded.
  virtual Received on_received(const FrameHeader& header, bool handshake);
  /// A payload received from the peer that did not decode (it is counted all the same).
  virtual std::optional<std::int64_t> on_received_undecodable(bool handshake);
  /// The number the next counted payload gets (sequence), for queries.
  virtual std::int64_t next_seq() const;

  // Ack correlation only (no-ops otherwise).
  /// Stamps and tracks an outgoing event: its id, made by the rule.
  virtual std::string track_event(std::string id);
  /// After the handler of an incoming event returned: ack it unless the user took over.
  virtual void delivered_event(std::string_view event_id, bool taken_over);
  virtual void write_ack(std::string_view event_id);
  /// The handshake negotiated an ack deadline.
  virtual void set_negotiated_deadline(std::int64_t ms);
  virtual std::size_t pending_acks() const;
  /// Cancels timers; nothing is written afterwards.
  virtual void shutdown();
};

/// The correlation of `spec` for an endpoint with `config`.
std::unique_ptr<Correlation> make_correlation(const ProtocolSpec& spec, const SessionConfig& config,
                                              SessionServices& services);
std::unique_ptr<Correlation> make_echo_correlation();
std::unique_ptr<Correlation> make_sequence_correlation(const ProtocolSpec& spec, Side local);
std::unique_ptr<Correlation> make_ack_correlation(const ProtocolSpec& spec,
                                                  const SessionConfig& config,
                                                  SessionServices& services);

/// A decimal correlation id as the key it was made from; nullopt for any other text.
std::optional<std::uint64_t> parse_key(std::string_view text) noexcept;

}  // namespace wirekit::detail
