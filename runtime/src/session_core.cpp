#include "session_core.hpp"

#include <cctype>

#include "wirekit/close_policy.hpp"
#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit::detail {

std::string clip_close_reason(std::string reason) {
  constexpr std::size_t max = 123;
  if (reason.size() <= max) return reason;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(reason[n]) & 0xC0u) == 0x80u) --n;
  reason.resize(n);
  return reason;
}

SessionCore::SessionCore(const ProtocolSpec& spec, SessionConfig config, asio::io_context& loop,
                         SessionTransport transport)
    : spec_(spec),
      config_(config),
      transport_(std::move(transport)),
      handshake_timer_(loop),
      ack_timer_(loop),
      counter_(spec),
      rate_(spec.session.rate_limit_messages, spec.session.rate_limit_per_ms) {
  const auto& hs = spec_.session.handshake;
  awaiting_peer_handshake_ = hs.present && hs.from != config_.local;
}

void SessionCore::start() {
  if (!awaiting_peer_handshake_) return;
  const auto& hs = spec_.session.handshake;
  const std::uint32_t within = config_.handshake_within_ms.value_or(hs.within_ms);
  if (within == 0) return;
  handshake_timer_.expires_after(std::chrono::milliseconds(within));
  std::weak_ptr<SessionCore> weak = weak_from_this();
  handshake_timer_.async_wait([weak, within](const std::error_code& ec) {
    auto self = weak.lock();
    if (ec || !self || self->closed_ || !self->awaiting_peer_handshake_) return;
    self->violation(Condition::handshake_timeout,
                    "no " + std::string(self->spec_.session.handshake.first_tag) + " within " +
                        std::to_string(within) + " ms");
  });
}

void SessionCore::shutdown() {
  closed_ = true;
  handshake_timer_.cancel();
  ack_timer_.cancel();
  ack_timer_at_.reset();
}

void SessionCore::close(std::uint16_t code, const std::string& reason) {
  if (closed_) return;
  shutdown();
  transport_.close(code, clip_close_reason(reason));
}

void SessionCore::violation(Condition condition, const std::string& reason) {
  close(close_code(spec_, condition), reason);
}

void SessionCore::read_negotiated_deadline(const FrameInspector& frame) {
  const auto& path = spec_.session.handshake.deadline_from;
  if (path.empty()) return;
  if (auto ms = frame.integer_at(path); ms && *ms > 0 && *ms <= 0xFFFFFFFFll)
    negotiated_deadline_ms_ = static_cast<std::uint32_t>(*ms);
}

std::optional<std::uint32_t> SessionCore::ack_deadline() const noexcept {
  std::uint32_t ms = spec_.session.ack_deadline_ms;
  if (config_.ack_deadline_ms)
    ms = *config_.ack_deadline_ms;
  else if (negotiated_deadline_ms_)
    ms = *negotiated_deadline_ms_;
  if (ms == 0) return std::nullopt;
  return ms;
}

SessionCore::WriteInfo SessionCore::write_text(const std::string& text) {
  WriteInfo info;
  if (closed_) return info;
  const auto& hs = spec_.session.handshake;
  const auto& corr = spec_.correlation;
  const bool counting = config_.local == Side::client && counter_.enabled();
  const bool want_handshake = hs.present && hs.from == config_.local && !sent_own_handshake_;
  const bool want_reset = counting && !corr.reset_message_tag.empty();
  std::optional<std::int64_t> reset;
  if ((want_handshake || want_reset) && out_frame_.parse(text)) {
    auto tag = out_frame_.string_member(spec_.tag_key);
    if (tag && want_handshake && *tag == hs.first_tag) {
      info.handshake = true;
      sent_own_handshake_ = true;
      awaiting_peer_success_ = config_.local == Side::server && !hs.success_tag.empty();
      read_negotiated_deadline(out_frame_);
    }
    if (tag && want_reset && *tag == corr.reset_message_tag)
      reset = out_frame_.integer_member(corr.reset_field);
  }
  if (counting) info.seq = counter_.count(info.handshake, reset);
  transport_.write(text);
  return info;
}

std::string SessionCore::write_event(const EventBuilder& build) {
  std::string id = Uuid::generate().to_string();
  const std::string text = build(id, Timestamp::now().str());
  write_text(text);  // may set the negotiated deadline when this is the handshake event
  if (closed_) return id;
  std::optional<AckTracker::Clock::time_point> deadline;
  if (auto ms = ack_deadline())
    deadline = AckTracker::Clock::now() + std::chrono::milliseconds(*ms);
  acks_.track(id, deadline);
  arm_ack_timer();
  return id;
}

void SessionCore::write_ack(const std::string& event_id) {
  if (closed_) return;
  transport_.write(build_ack(spec_, event_id, Timestamp::now().str()));
}

void SessionCore::arm_ack_timer() {
  if (closed_) return;
  auto next = acks_.next_deadline();
  if (!next) {
    if (ack_timer_at_) ack_timer_.cancel();
    ack_timer_at_.reset();
    return;
  }
  if (ack_timer_at_ && *ack_timer_at_ <= *next) return;  // an earlier wake-up is armed
  ack_timer_at_ = next;
  ack_timer_.expires_at(*next);
  std::weak_ptr<SessionCore> weak = weak_from_this();
  ack_timer_.async_wait([weak](const std::error_code& ec) {
    auto self = weak.lock();
    if (ec || !self || self->closed_) return;
    self->ack_timer_at_.reset();
    if (auto id = self->acks_.overdue(AckTracker::Clock::now())) {
      self->violation(Condition::ack_timeout, "event " + *id + " not acknowledged within " +
                                                  std::to_string(self->ack_deadline().value_or(0)) +
                                                  " ms");
      return;
    }
    self->arm_ack_timer();
  });
}

void SessionCore::undecodable(const std::string& error, std::optional<std::int64_t> seq) {
  if (closed_) return;
  if (config_.local == Side::server) {
    if (undecodable_hook_) {
      if (auto reply = undecodable_hook_(error, seq)) {
        transport_.write(*reply);
        return;
      }
    } else if (!spec_.session.undecodable_reply_tag.empty()) {
      transport_.write(build_undecodable_reply(spec_, error, seq));
      return;
    }
  }
  violation(Condition::undecodable, error);
}

Condition SessionCore::condition_of(DecodeError::Kind kind) noexcept {
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

bool SessionCore::within_rate_limit() {
  if (config_.local != Side::server || rate_.allow(RateLimiter::Clock::now())) return true;
  violation(Condition::rate_limit,
            "more than " + std::to_string(spec_.session.rate_limit_messages) + " messages in " +
                std::to_string(spec_.session.rate_limit_per_ms) + " ms");
  return false;
}

std::optional<Incoming> SessionCore::on_text(std::string_view text) {
  if (closed_ || !within_rate_limit()) return std::nullopt;
  const auto& hs = spec_.session.handshake;
  const auto& corr = spec_.correlation;
  std::string error;
  TagCheck tag;
  if (in_frame_.parse(text)) {
    tag = check_tag(spec_, peer(), in_frame_);
    error = tag.error;
  } else {
    error = in_frame_.error();
  }
  // Every field rule of the schema, through the generated codec.
  Condition invalid_as = Condition::undecodable;
  if (error.empty() && config_.validate_payloads && spec_.validate) {
    DecodeError decode_error;
    if (!spec_.validate(text, peer(), decode_error) &&
        decode_error.kind != DecodeError::Kind::ambiguous_tag) {  // checked by the reply's reader
      error = decode_error.to_string();
      invalid_as = condition_of(decode_error.kind);
    }
  }

  bool is_handshake = false;
  if (awaiting_peer_handshake_) {
    if (!error.empty()) {
      violation(Condition::handshake_undecodable, error);
      return std::nullopt;
    }
    if (tag.tag != hs.first_tag) {
      violation(Condition::handshake_wrong_message,
                "expected " + std::string(hs.first_tag) + " first, got " + tag.tag);
      return std::nullopt;
    }
    awaiting_peer_handshake_ = false;
    handshake_timer_.cancel();
    is_handshake = true;
    read_negotiated_deadline(in_frame_);
  }

  std::optional<std::int64_t> seq;
  if (config_.local == Side::server && counter_.enabled()) {
    std::optional<std::int64_t> reset;
    if (error.empty() && !corr.reset_message_tag.empty() && tag.tag == corr.reset_message_tag)
      reset = in_frame_.integer_member(corr.reset_field);
    seq = counter_.count(is_handshake, reset);
  }
  if (!error.empty()) {
    if (invalid_as != Condition::undecodable && spec_.close_code_for(invalid_as))
      violation(invalid_as, error);
    else
      undecodable(error, seq);
    return std::nullopt;
  }
  // The handshake this side opened ends with the peer's success message (event-ack-sync: the
  // client's Ack of the server's first Event); anything else first breaks it.
  if (awaiting_peer_success_) {
    if (tag.tag != hs.success_tag) {
      violation(Condition::handshake_wrong_message,
                "expected " + std::string(hs.success_tag) + " first, got " + tag.tag);
      return std::nullopt;
    }
    awaiting_peer_success_ = false;
  }
  // A second handshake message gets the schema's reply (concierge: ERROR_UNSUPPORTED).
  if (!is_handshake && hs.present && hs.from != config_.local && tag.tag == hs.first_tag &&
      !spec_.session.repeated_handshake_reply_tag.empty()) {
    transport_.write(build_status_reply(spec_, spec_.session.repeated_handshake_reply_tag, seq));
    return std::nullopt;
  }

  Incoming in;
  in.text = text;
  in.tag = std::move(tag.tag);
  in.handshake = is_handshake;
  if (config_.local == Side::server)
    in.seq = seq;
  else if (corr.kind == CorrelationKind::sequence)
    in.seq = in_frame_.integer_member(corr.seq_field);

  if (corr.kind == CorrelationKind::ack) {
    if (in.tag == corr.ack_tag) {
      auto id = in_frame_.string_member(corr.id_field);
      if (!id) {
        violation(Condition::missing_field,
                  "ack without string '" + std::string(corr.id_field) + "'");
        return std::nullopt;
      }
      // UUIDs compare case-insensitively (RFC 4122); ours are sent in lower case.
      if (Uuid::parse(*id))
        for (char& c : *id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      switch (acks_.acknowledge(*id)) {
        case AckTracker::Result::acked:
          arm_ack_timer();
          break;
        case AckTracker::Result::unknown:
          violation(Condition::ack_unknown, "ack for unknown event " + *id);
          break;
        case AckTracker::Result::duplicate:
          violation(Condition::ack_duplicate, "duplicate ack for event " + *id);
          break;
      }
      return std::nullopt;
    }
    if (in.tag == corr.event_tag) {
      auto id = in_frame_.string_member(corr.id_field);
      if (!id) {
        violation(Condition::missing_field,
                  "event without string '" + std::string(corr.id_field) + "'");
        return std::nullopt;
      }
      in.event_id = std::move(*id);
    }
  }
  return in;
}

std::optional<Incoming> SessionCore::on_binary(std::string_view data) {
  if (closed_ || !within_rate_limit()) return std::nullopt;
  if (awaiting_peer_handshake_) {
    violation(spec_.close_code_for(Condition::handshake_undecodable)
                  ? Condition::handshake_undecodable
                  : Condition::binary_frame,
              "binary frame during the handshake");
    return std::nullopt;
  }
  if (spec_.transport.text_only) {
    violation(Condition::binary_frame, "binary frame");
    return std::nullopt;
  }
  Incoming in;
  in.text = data;
  in.binary = true;
  return in;
}

void SessionCore::after_delivery(const Incoming& message) {
  if (closed_ || message.event_id.empty() || !config_.auto_ack || message.ack_taken_over()) return;
  write_ack(message.event_id);
}

}  // namespace wirekit::detail
