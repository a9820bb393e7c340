// Hand-built ProtocolSpec tables for the runtime tests, mirroring what the generator
// emits for concierge, flet and event-ack-sync, plus a rule-free "plain" protocol.
#pragma once

#include <wirekit/protocol_spec.hpp>

namespace wirekit::test {

// Built member by member so the helpers survive new fields in the spec structs.
inline MessageSpec message(std::string_view name, std::string_view tag, Side from) {
  MessageSpec m{};
  m.name = name;
  m.tag = tag;
  m.untagged = false;
  m.from = from;
  return m;
}

inline InteractionSpec interaction(std::string_view request, std::string_view response) {
  InteractionSpec i{};
  i.request = request;
  i.responses = {response};
  i.correlated = true;
  return i;
}

inline CloseCodeSpec close_code(std::uint16_t code, std::string_view name,
                                std::vector<Condition> on = {}) {
  CloseCodeSpec c{};
  c.code = code;
  c.name = name;
  c.on = std::move(on);
  return c;
}

/// ERT concierge: sequence numbers, IDENTIFY handshake, ERROR_PROTOCOL replies.
inline const ProtocolSpec& concierge_spec() {
  static const ProtocolSpec spec = [] {
    ProtocolSpec s;
    s.name = "concierge";
    s.version = "0.2.0";
    s.tag_key = "type";
    s.transport.path = "/ws";
    s.transport.subprotocol = "ert-concierge";
    s.transport.default_port = 64209;
    s.messages = {
        message("Identify", "IDENTIFY", Side::client),
        message("SelfSetSeq", "SELF_SET_SEQ", Side::client),
        message("SelfFetch", "SELF_FETCH", Side::client),
        message("ServiceCreate", "SERVICE_CREATE", Side::client),
        message("Message", "MESSAGE", Side::both),
        message("Hello", "HELLO", Side::server),
        message("Ok", "OK", Side::server),
        message("ServiceCreateResult", "SERVICE_CREATE_RESULT", Side::server),
        message("SelfFetchResult", "SELF_FETCH_RESULT", Side::server),
        message("ClientJoined", "CLIENT_JOINED", Side::server),
        message("ErrorProtocol", "ERROR_PROTOCOL", Side::server),
        message("ErrorUnsupported", "ERROR_UNSUPPORTED", Side::server),
    };
    s.interactions = {
        interaction("Identify", "Hello"),
        interaction("SelfSetSeq", "Ok"),
        interaction("SelfFetch", "SelfFetchResult"),
    };
    s.correlation.kind = CorrelationKind::sequence;
    s.correlation.seq_field = "seq";
    s.correlation.seq_start = 0;
    s.correlation.seq_counts_handshake = false;
    s.correlation.reset_message_tag = "SELF_SET_SEQ";
    s.correlation.reset_field = "seq";
    s.correlation.timeout_ms = 5000;
    s.session.handshake.present = true;
    s.session.handshake.first_tag = "IDENTIFY";
    s.session.handshake.from = Side::client;
    s.session.handshake.within_ms = 5000;
    s.session.handshake.success_tag = "HELLO";
    s.session.undecodable_reply_tag = "ERROR_PROTOCOL";
    s.session.repeated_handshake_reply_tag = "ERROR_UNSUPPORTED";
    s.session.close_codes = {
        close_code(4000, "UNKNOWN", {Condition::internal_error}),
        close_code(4002, "FATAL_DECODE", {Condition::handshake_undecodable}),
        close_code(4003, "NO_AUTH", {Condition::handshake_wrong_message}),
        close_code(4004, "AUTH_FAILED", {Condition::handshake_timeout}),
        close_code(4005, "DUPLICATE_AUTH"),
        close_code(4006, "BAD_SECRET"),
        close_code(4007, "BAD_VERSION"),
        close_code(4008, "BAD_AUTH"),
    };
    return s;
  }();
  return spec;
}

/// Flet: {"id","action","payload"}; replies echo the request id with action "".
inline const ProtocolSpec& flet_spec() {
  static const ProtocolSpec spec = [] {
    ProtocolSpec s;
    s.name = "flet";
    s.tag_key = "action";
    s.transport.path = "/ws";
    s.messages = {
        message("RegisterHostClient", "registerHostClient", Side::client),
        message("PageCommandFromHost", "pageCommandFromHost", Side::client),
        message("Response", "", Side::server),
        message("SessionCreated", "sessionCreated", Side::server),
    };
    s.interactions = {interaction("RegisterHostClient", "Response")};
    s.correlation.kind = CorrelationKind::echo;
    s.correlation.request_field = "id";
    s.correlation.response_field = "id";
    s.correlation.timeout_ms = 5000;
    return s;
  }();
  return spec;
}

/// event-ack-sync: every message is an event or an ack; the server's first event
/// carries the ack deadline in payload.ack_timeout_ms. The schema maps the ack
/// conditions to 4010-4012 (upstream leaves them undefined).
inline const ProtocolSpec& event_ack_sync_spec() {
  static const ProtocolSpec spec = [] {
    ProtocolSpec s;
    s.name = "event_ack_sync";
    s.tag_key = "type";
    s.transport.path = "/ws/user";
    s.transport.bearer_auth = true;
    s.messages = {
        message("Event", "event", Side::both),
        message("Ack", "ack", Side::both),
    };
    s.correlation.kind = CorrelationKind::ack;
    s.correlation.event_tag = "event";
    s.correlation.ack_tag = "ack";
    s.correlation.id_field = "id";
    s.correlation.sent_at_field = "sent_at";
    s.session.handshake.present = true;
    s.session.handshake.first_tag = "event";
    s.session.handshake.from = Side::server;
    s.session.handshake.within_ms = 5000;
    s.session.handshake.deadline_from = "payload.ack_timeout_ms";
    s.session.ack_deadline_ms = 10000;
    s.session.close_codes = {
        close_code(4000, "TOKEN_INVALID"),
        close_code(4001, "NOT_TEXT", {Condition::binary_frame}),
        close_code(4002, "BAD_JSON", {Condition::undecodable, Condition::handshake_undecodable}),
        close_code(4003, "MISSING_FIELD", {Condition::missing_field}),
        close_code(4004, "WRONG_TYPE", {Condition::wrong_type}),
        close_code(4005, "INVALID_VALUE", {Condition::invalid_value}),
        close_code(4010, "ACK_UNKNOWN", {Condition::ack_unknown}),
        close_code(4011, "ACK_DUPLICATE", {Condition::ack_duplicate}),
        close_code(4012, "ACK_TIMEOUT", {Condition::ack_timeout}),
    };
    return s;
  }();
  return spec;
}

/// No session rules at all: any JSON object, no handshake, no correlation.
inline const ProtocolSpec& plain_spec() {
  static const ProtocolSpec spec = [] {
    ProtocolSpec s;
    s.name = "plain";
    s.tag_key = "type";
    s.transport.path = "/plain";
    return s;
  }();
  return spec;
}

}  // namespace wirekit::test
