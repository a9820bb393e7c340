// Emits <name>_protocol.hpp / .cpp: the wirekit::ProtocolSpec tables the runtime reads
// (tags, interactions, correlation, handshake, close codes), and close codes by name.
#include "emitters.hpp"
#include "names.hpp"

namespace wirekit::gen {
namespace {

std::string lit(const std::string& s) { return cpp_string_literal(s); }

std::string side(Side s) {
  switch (s) {
    case Side::client:
      return "wirekit::Side::client";
    case Side::server:
      return "wirekit::Side::server";
    case Side::both:
      return "wirekit::Side::both";
  }
  return "";
}

std::string tag_of(const Protocol& p, const std::string& message) {
  const Message* m = p.find_message(message);
  return m && m->tag ? *m->tag : "";
}

std::string list(const std::vector<std::string>& names) {
  std::string s = "{";
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + lit(names[i]);
  return s + "}";
}

std::string close_constant(const std::string& name) {
  std::string k = enumerator_name(name);
  return k;
}

GeneratedFile header(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "session rules for the wirekit runtime");
  out.line("#pragma once");
  out.line();
  out.line("#include <cstdint>");
  out.line();
  out.line("#include <wirekit/protocol_spec.hpp>");
  out.line();
  out.line(namespace_open(p));
  out.line();
  out.comment("The protocol's transport, tags, interactions and session rules.");
  out.line("const wirekit::ProtocolSpec& protocol_spec();");
  if (!p.session.close_codes.empty()) {
    out.line();
    out.comment("The protocol's WebSocket close codes.");
    out.line("namespace close_code {");
    for (const auto& c : p.session.close_codes) {
      std::string doc = c.doc;
      if (!c.on.empty()) {
        doc += (doc.empty() ? "" : " ") + std::string("Sent by the runtime on:");
        for (std::size_t i = 0; i < c.on.size(); ++i) doc += (i ? ", " : " ") + c.on[i];
        doc += ".";
      }
      if (!doc.empty()) out.comment(doc);
      out.line("inline constexpr std::uint16_t " + close_constant(c.name) + " = " +
               std::to_string(c.code) + ";");
    }
    out.line("}  // namespace close_code");
  }
  out.line();
  out.line(namespace_close(p));
  return GeneratedFile{p.name + "/" + p.name + "_protocol.hpp", out.str()};
}

void emit_transport(Printer& out, const Protocol& p) {
  const Transport& t = p.transport;
  out.line("s.transport.path = " + lit(t.path) + ";");
  if (!t.subprotocol.empty()) out.line("s.transport.subprotocol = " + lit(t.subprotocol) + ";");
  out.line(std::string("s.transport.text_only = ") + (t.text_only ? "true" : "false") + ";");
  out.line("s.transport.max_message_bytes = " + std::to_string(t.max_message_bytes) + ";");
  if (t.default_port)
    out.line("s.transport.default_port = " + std::to_string(t.default_port) + ";");
  if (t.bearer_auth) out.line("s.transport.bearer_auth = true;");
}

void emit_correlation(Printer& out, const Protocol& p) {
  const Correlation& c = p.correlation;
  switch (c.kind) {
    case Correlation::Kind::none:
      out.line("s.correlation.kind = wirekit::CorrelationKind::none;");
      break;
    case Correlation::Kind::echo:
      out.line("s.correlation.kind = wirekit::CorrelationKind::echo;");
      out.line("s.correlation.request_field = " + lit(c.request_field) + ";");
      out.line("s.correlation.response_field = " + lit(c.response_field) + ";");
      break;
    case Correlation::Kind::sequence:
      out.line("s.correlation.kind = wirekit::CorrelationKind::sequence;");
      out.line("s.correlation.seq_field = " + lit(c.field) + ";");
      out.line("s.correlation.seq_start = " + std::to_string(c.start) + ";");
      out.line(std::string("s.correlation.seq_counts_handshake = ") +
               (c.counts_handshake ? "true" : "false") + ";");
      if (!c.reset_message.empty()) {
        out.line("s.correlation.reset_message_tag = " + lit(tag_of(p, c.reset_message)) + ";");
        out.line("s.correlation.reset_field = " + lit(c.reset_field) + ";");
      }
      break;
    case Correlation::Kind::ack:
      out.line("s.correlation.kind = wirekit::CorrelationKind::ack;");
      out.line("s.correlation.event_tag = " + lit(tag_of(p, c.event)) + ";");
      out.line("s.correlation.ack_tag = " + lit(tag_of(p, c.ack)) + ";");
      out.line("s.correlation.id_field = " + lit(c.id_field) + ";");
      out.line("s.correlation.sent_at_field = " + lit(c.sent_at_field) + ";");
      break;
  }
  if (c.timeout_ms) out.line("s.correlation.timeout_ms = " + std::to_string(c.timeout_ms) + ";");
}

std::string condition(const std::string& name) { return "wirekit::Condition::" + name; }

void emit_session(Printer& out, const Protocol& p) {
  const Session& s = p.session;
  const Handshake& h = s.handshake;
  if (h.present) {
    out.line("s.session.handshake.present = true;");
    out.line("s.session.handshake.first_tag = " + lit(tag_of(p, h.first)) + ";");
    out.line("s.session.handshake.from = " + side(h.from) + ";");
    out.line("s.session.handshake.within_ms = " + std::to_string(h.within_ms) + ";");
    if (!h.success.empty())
      out.line("s.session.handshake.success_tag = " + lit(tag_of(p, h.success)) + ";");
    if (!h.deadline_from.empty())
      out.line("s.session.handshake.deadline_from = " + lit(h.deadline_from) + ";");
  }
  if (s.ack_deadline_ms)
    out.line("s.session.ack_deadline_ms = " + std::to_string(s.ack_deadline_ms) + ";");
  if (!s.undecodable_reply.empty())
    out.line("s.session.undecodable_reply_tag = " + lit(tag_of(p, s.undecodable_reply)) + ";");
  if (!s.repeated_handshake_reply.empty())
    out.line("s.session.repeated_handshake_reply_tag = " +
             lit(tag_of(p, s.repeated_handshake_reply)) + ";");
  if (s.rate_limit_messages) {
    out.line("s.session.rate_limit_messages = " + std::to_string(s.rate_limit_messages) + ";");
    out.line("s.session.rate_limit_per_ms = " + std::to_string(s.rate_limit_per_ms) + ";");
  }
  // Docs stay in <name>_protocol.hpp; the table holds what the runtime acts on.
  for (const auto& c : s.close_codes) {
    out.call("s.session.close_codes.push_back",
             "{close_code::" + close_constant(c.name) + ", " + lit(c.name) + ", {}}", ";");
    for (const auto& on : c.on)
      out.line("s.session.close_codes.back().on.push_back(" + condition(on) + ");");
  }
}

GeneratedFile source(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "session rules for the wirekit runtime");
  out.line("#include \"" + p.name + "_protocol.hpp\"");
  out.line();
  out.line("#include \"" + p.name + "_codec.hpp\"");
  out.line();
  out.line(namespace_open(p));
  out.line("namespace {");
  out.line();
  out.comment("Decodes a payload with this protocol's codec, for the runtime's field checks.",
              "//");
  out.line(
      "bool validate(std::string_view text, wirekit::Side from, wirekit::DecodeError& error) {");
  out.indent();
  out.line("if (from == wirekit::Side::client) {");
  out.line("  auto message = decode_to_server(text);");
  out.line("  if (!message) error = message.error();");
  out.line("  return message.ok();");
  out.line("}");
  out.line("auto message = decode_to_client(text);");
  out.line("if (!message) error = message.error();");
  out.line("return message.ok();");
  out.outdent();
  out.line("}");
  out.line();
  out.line("wirekit::ProtocolSpec make_spec() {");
  out.indent();
  out.line("wirekit::ProtocolSpec s;");
  out.line("s.name = " + lit(p.name) + ";");
  out.line("s.version = " + lit(p.version) + ";");
  out.line("s.tag_key = " + lit(p.tag_key()) + ";");
  emit_transport(out, p);
  for (const auto& m : p.messages)
    out.call("s.messages.push_back",
             "{" + lit(m.name) + ", " + lit(m.tag.value_or("")) + ", " +
                 (m.tag ? "false" : "true") + ", " + side(m.from) + "}",
             ";");
  for (const auto& i : p.interactions)
    out.call("s.interactions.push_back",
             "{" + lit(i.request) + ", " + list(i.responses) + ", " + list(i.errors) + ", " +
                 (i.correlated ? "true" : "false") + "}",
             ";");
  emit_correlation(out, p);
  emit_session(out, p);
  out.line("s.validate = validate;");
  out.line("return s;");
  out.outdent();
  out.line("}");
  out.line();
  out.line("}  // namespace");
  out.line();
  out.line("const wirekit::ProtocolSpec& protocol_spec() {");
  out.indent();
  out.line("static const wirekit::ProtocolSpec spec = make_spec();");
  out.line("return spec;");
  out.outdent();
  out.line("}");
  out.line();
  out.line(namespace_close(p));
  return GeneratedFile{p.name + "/" + p.name + "_protocol.cpp", out.str()};
}

}  // namespace

std::vector<GeneratedFile> emit_protocol_tables(const Protocol& p) {
  return {header(p), source(p)};
}

}  // namespace wirekit::gen
