#include "session/session_core.hpp"

#include <asio/bind_executor.hpp>

#include <cstdio>

#include "json/thread_parsers.hpp"
#include "wirekit/close_policy.hpp"
#include "wirekit/json_lookup.hpp"

namespace wirekit::detail {

std::string clip_close_reason(std::string reason) {
  constexpr std::size_t max = 123;
  if (reason.size() <= max) return reason;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(reason[n]) & 0xC0u) == 0x80u) --n;
  reason.resize(n);
  return reason;
}

namespace {

/// Parser memory a thread keeps between messages: enough for ordinary messages; what a larger
/// one needed is freed once it has been handled (issue 10: one 13 MiB message used to leave
/// hundreds of MB allocated per thread).
constexpr std::size_t kKeepParserBytes = 1u << 20;

/// Keeps the facts of a decoded outgoing payload; the value itself is discarded.
class FactsSink final : public InboundSink {
 public:
  MessageFacts facts;
  MessageIndex expected_reply(std::string_view, const MessageIndex* candidates,
                              std::size_t count) override {
    return count ? candidates[0] : kNoMessage;  // any: only the shared facts matter
  }
  void on_decoded(const FrameHeader& header, TypedRef) override { facts = header; }
  void on_undecodable(const DecodeError&) override {}
};

/// The ack deadline a handshake message negotiates, if it carries one.
std::optional<std::int64_t> negotiated_deadline(std::optional<std::int64_t> ms,
                                                std::string_view path, std::string_view text) {
  if (ms) return ms;
  if (!path.empty()) return json::integer_at(text, path);
  return std::nullopt;
}

/// The condition a codec error breaks (missing_field, wrong_type, invalid_value or undecodable).
Condition condition_of(DecodeError::Kind kind) noexcept {
  switch (kind) {
    case DecodeError::Kind::missing_field:
      return Condition::missing_field;
    case DecodeError::Kind::wrong_type:
      return Condition::wrong_type;
    case DecodeError::Kind::invalid_value:
    case DecodeError::Kind::constant_mismatch:
      return Condition::invalid_value;
    default:
      return Condition::undecodable;
  }
}

}  // namespace

MessageFacts decoded_facts(const ProtocolSpec& spec, std::string_view text, Side from) {
  FactsSink sink;
  if (spec.codec.decode) spec.codec.decode(text, from, sink);
  json::release_thread_parsers(kKeepParserBytes);
  return sink.facts;
}

SessionCore::SessionCore(const ProtocolSpec& spec, SessionConfig config, asio::io_context& loop,
                         asio::io_context::strand& strand, SessionTransport& transport,
                         SessionDelivery& delivery)
    : spec_(spec),
      config_(config),
      loop_(loop),
      strand_(strand),
      transport_(transport),
      delivery_(delivery),
      correlation_(make_correlation(spec, config_, *this)),
      handshake_timer_(loop),
      rate_(spec.session.rate_limit.messages, spec.session.rate_limit.per_ms) {
  const auto& hs = spec_.session.handshake;
  awaiting_peer_handshake_ = hs.present() && hs.from != config_.local;
}

SessionCore::~SessionCore() = default;

void SessionCore::start() {
  if (!awaiting_peer_handshake_) return;
  const std::uint32_t within =
      config_.handshake_within_ms.value_or(spec_.session.handshake.within_ms);
  if (within == 0) return;
  handshake_timer_.expires_after(std::chrono::milliseconds(within));
  std::weak_ptr<char> alive = alive_;
  handshake_timer_.async_wait(
      asio::bind_executor(strand_, [this, alive, within](std::error_code ec) {
        if (ec || !alive.lock() || closed_ || !awaiting_peer_handshake_) return;
        violation(Condition::handshake_timeout,
                  "no " + std::string(spec_.messages[spec_.session.handshake.first].tag) +
                      " within " + std::to_string(within) + " ms");
      }));
}

void SessionCore::shutdown() {
  closed_ = true;
  handshake_timer_.cancel();
  correlation_->shutdown();
}

void SessionCore::close(std::uint16_t code, const std::string& reason) {
  if (closed_) return;
  shutdown();
  transport_.close(code, clip_close_reason(reason));
}

void SessionCore::violation(Condition condition, const std::string& reason) {
  close(close_code(spec_, condition), reason);
}

void SessionCore::log_line(const std::string& line) {
  if (config_.log && *config_.log) {
    (*config_.log)(line);
    return;
  }
  std::fprintf(stderr, "wirekit %.*s: %s\n", static_cast<int>(spec_.name.size()), spec_.name.data(),
               line.c_str());
}

void SessionCore::write_runtime_text(const std::string& text) {
  if (!closed_) transport_.write(text);
}

// ---- outgoing ----------------------------------------------------------------------------

SessionCore::WriteInfo SessionCore::write(const std::string& text, const MessageFacts& facts) {
  WriteInfo info;
  if (closed_) return info;
  const auto& hs = spec_.session.handshake;
  if (hs.present() && hs.from == config_.local && !sent_own_handshake_ &&
      facts.message == hs.first) {
    info.handshake = true;
    sent_own_handshake_ = true;
    awaiting_peer_success_ = config_.local == Side::server && hs.success != kNoMessage;
    if (auto ms = negotiated_deadline(facts.ack_deadline_ms, facts.ack_deadline_path, text))
      correlation_->set_negotiated_deadline(*ms);
  }
  info.seq = correlation_->on_sent(facts, info.handshake);
  transport_.write(text);
  return info;
}

void SessionCore::write_event(const std::string& id, const std::string& text,
                              const MessageFacts& facts) {
  write(text, facts);  // may negotiate the deadline when this is the handshake's event
  if (!closed_) correlation_->track_event(id);
}

void SessionCore::write_ack(std::string_view event_id) {
  if (!closed_) correlation_->write_ack(event_id);
}

// ---- incoming ----------------------------------------------------------------------------

void SessionCore::on_frame(bool binary, std::string_view payload) {
  if (!frame_rules(binary)) return;
  if (binary) {
    binary_frame(payload);
    return;
  }
  text_ = payload;
  if (spec_.codec.decode) {
    spec_.codec.decode(payload, peer(), *this);
  } else {
    DecodeError error;
    error.kind = DecodeError::Kind::not_json;
    error.message = "the protocol has no codec";
    on_undecodable(error);
  }
  text_ = {};
  // The message has been handled: a large one leaves no parser memory behind on this thread.
  json::release_thread_parsers(kKeepParserBytes);
}

bool SessionCore::frame_rules(bool binary) {
  if (closed_) return false;
  if (config_.local == Side::server && !rate_.allow(RateLimiter::Clock::now())) {
    violation(Condition::rate_limit,
              "more than " + std::to_string(spec_.session.rate_limit.messages) + " messages in " +
                  std::to_string(spec_.session.rate_limit.per_ms) + " ms");
    return false;
  }
  (void)binary;
  return true;
}

void SessionCore::binary_frame(std::string_view data) {
  if (awaiting_peer_handshake_) {
    violation(spec_.close_code_for(Condition::handshake_undecodable)
                  ? Condition::handshake_undecodable
                  : Condition::binary_frame,
              "binary frame during the handshake");
    return;
  }
  if (spec_.transport.text_only) {
    violation(Condition::binary_frame, "binary frame");
    return;
  }
  Incoming in;
  in.text = data;
  in.binary = true;
  delivery_.deliver(in);
}

MessageIndex SessionCore::expected_reply(std::string_view correlation_id,
                                         const MessageIndex* candidates, std::size_t count) {
  return delivery_.expected_reply(correlation_id, candidates, count);
}

void SessionCore::on_decoded(const FrameHeader& header, TypedRef value) {
  bool is_handshake = false;
  if (!handshake_step(header, is_handshake)) return;
  const Received received = correlation_->on_received(header, is_handshake);
  if (closed_ || !peer_success_step(header) || received.consumed) return;
  if (!repeated_handshake_step(header, is_handshake, received.seq)) return;
  deliver(header, value, is_handshake, received.seq);
}

// Whether the handshake's next message is the one expected; else a violation naming both.
bool SessionCore::first_is(const FrameHeader& header, MessageIndex expected) {
  if (header.message == expected) return true;
  violation(Condition::handshake_wrong_message,
            "expected " + std::string(spec_.messages[expected].tag) + " first, got " +
                std::string(spec_.messages[header.message].tag));
  return false;
}

bool SessionCore::handshake_step(const FrameHeader& header, bool& is_handshake) {
  if (!awaiting_peer_handshake_) return true;
  // Messages the schema allows before the handshake (graphql-ws Ping) pass; it goes on waiting.
  if (spec_.session.handshake.allows_before(header.message)) return true;
  if (!first_is(header, spec_.session.handshake.first)) return false;
  awaiting_peer_handshake_ = false;
  handshake_timer_.cancel();
  is_handshake = true;
  if (auto ms = negotiated_deadline(header.ack_deadline_ms, header.ack_deadline_path, text_))
    correlation_->set_negotiated_deadline(*ms);
  return true;
}

// The handshake this side opened ends with the peer's success message (event-ack-sync: the
// client's Ack of the server's first Event); anything else first breaks it.
bool SessionCore::peer_success_step(const FrameHeader& header) {
  if (!awaiting_peer_success_) return true;
  if (spec_.session.handshake.allows_before(header.message)) return true;
  if (!first_is(header, spec_.session.handshake.success)) return false;
  awaiting_peer_success_ = false;
  return true;
}

// A second handshake message gets the schema's close code (graphql-ws 4429) or its reply
// (concierge: ERROR_UNSUPPORTED); without either it is delivered.
bool SessionCore::repeated_handshake_step(const FrameHeader& header, bool is_handshake,
                                          std::optional<std::int64_t> seq) {
  const auto& hs = spec_.session.handshake;
  if (is_handshake || !hs.present() || hs.from == config_.local || header.message != hs.first)
    return true;
  if (spec_.close_code_for(Condition::repeated_handshake)) {
    violation(Condition::repeated_handshake,
              "repeated " + std::string(spec_.messages[header.message].tag));
    return false;
  }
  if (!spec_.session.replies_to_repeated_handshake || !spec_.codec.repeated_handshake_reply)
    return true;
  write_runtime_text(spec_.codec.repeated_handshake_reply(seq));
  return false;
}

void SessionCore::deliver(const FrameHeader& header, TypedRef value, bool is_handshake,
                          std::optional<std::int64_t> seq) {
  Incoming in;
  in.text = text_;
  in.message = header.message;
  in.tag = spec_.messages[header.message].tag;
  in.handshake = is_handshake;
  in.seq = seq;
  in.correlation_id = header.correlation_id;
  in.value = value;
  in.header = &header;
  const auto* acks = spec_.correlation.as<AckCorrelation>();
  if (acks && header.message == acks->event) in.event_id = header.event_id;
  delivery_.deliver(in);
  if (!closed_ && !in.event_id.empty())
    correlation_->delivered_event(in.event_id, in.ack_taken_over());
}

void SessionCore::on_undecodable(const DecodeError& error) {
  if (awaiting_peer_handshake_) {
    violation(Condition::handshake_undecodable, error.to_string());
    return;
  }
  const auto seq = correlation_->on_received_undecodable(false);
  const Condition condition = condition_of(error.kind);
  if (condition != Condition::undecodable && spec_.close_code_for(condition)) {
    violation(condition, error.to_string());
    return;
  }
  undecodable_policy(error, seq);
}

void SessionCore::undecodable(const std::string& error, std::optional<std::int64_t> seq,
                              bool handshake) {
  if (closed_) return;
  if (handshake || awaiting_peer_handshake_) {
    violation(Condition::handshake_undecodable, error);
    return;
  }
  DecodeError e;
  e.kind = DecodeError::Kind::invalid_value;
  e.message = error;
  undecodable_policy(e, seq);
}

void SessionCore::undecodable_policy(const DecodeError& error, std::optional<std::int64_t> seq) {
  if (auto reply = delivery_.undecodable(error, seq)) {
    write_runtime_text(*reply);
    return;
  }
  if (closed_) return;
  const InvalidPolicy policy = config_.local == Side::server ? spec_.session.invalid_from_client
                                                             : spec_.session.invalid_from_server;
  switch (policy) {
    case InvalidPolicy::ignore:
      log_line("ignored from " + std::string(config_.local == Side::server ? "client" : "server") +
               ": " + error.to_string());
      return;
    case InvalidPolicy::close:
      violation(Condition::undecodable, error.to_string());
      return;
    case InvalidPolicy::reply:
      if (spec_.codec.undecodable_reply) {
        write_runtime_text(spec_.codec.undecodable_reply(error.to_string(), seq));
        return;
      }
      break;
    case InvalidPolicy::standard:
      break;
  }
  if (config_.local == Side::server && spec_.session.replies_to_undecodable &&
      spec_.codec.undecodable_reply) {
    write_runtime_text(spec_.codec.undecodable_reply(error.to_string(), seq));
    return;
  }
  // A client keeps going unless the schema closes for it (event-ack-sync's 4002): a server
  // newer than the client may well send messages it does not know.
  if (config_.local == Side::client && !spec_.close_code_for(Condition::undecodable)) return;
  violation(Condition::undecodable, error.to_string());
}

}  // namespace wirekit::detail
