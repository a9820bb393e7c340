// Emits <name>_protocol.hpp / .cpp: the wirekit::ProtocolSpec tables the runtime reads
// (messages, requests, streams, correlation, handshake, close codes), the codec hooks through
// which the runtime decodes each payload once, `header_of()` for every message (what the
// session rules read from it), message indices and close codes by name.
#include <algorithm>

#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "emit/output_files.hpp"
#include "model/names.hpp"
#include "model/primitive_types.hpp"
#include "model/stream_conditions.hpp"

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

std::string close_constant(const std::string& name) { return enumerator_name(name); }

bool is_raw_json(const Field& f) { return is_free_form(f.type); }

/// The close_code namespace of the protocol's WebSocket close codes, each with its doc.
void declare_close_codes(Printer& out, const Protocol& p) {
  if (p.session.close_codes.empty()) return;
  out.emit(R"(

    /// The protocol's WebSocket close codes.
    namespace close_code {
    $codes$
    }  // namespace close_code
  )",
           {{"codes", [&] {
               for (const auto& c : p.session.close_codes) {
                 std::string doc = c.doc;
                 if (!c.on.empty()) {
                   doc += (doc.empty() ? "" : " ") + std::string("Sent by the runtime on:");
                   for (std::size_t i = 0; i < c.on.size(); ++i) doc += (i ? ", " : " ") + c.on[i];
                   doc += ".";
                 }
                 if (!doc.empty()) out.comment(doc);
                 out.emit("inline constexpr std::uint16_t $name$ = $code$;",
                          {{"name", close_constant(c.name)}, {"code", std::to_string(c.code)}});
               }
             }}});
}

// ---- header -----------------------------------------------------------------------------------

GeneratedFile header(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "session rules and codec hooks for the wirekit runtime");
  const bool hooks = has_stub_hooks(p);
  out.emit(R"(
    #pragma once

    #include <cstdint>
    $include_string_view$

    #include <wirekit/codegen/codec_hooks.hpp>
    $include_reply_to$
    #include <wirekit/protocol_spec.hpp>

    #include "$name$_types.hpp"

    $namespace_open$

    $spec_doc$
    const wirekit::ProtocolSpec& protocol_spec();
    $close_codes$

    $detail_doc$
    namespace detail {

    /// Each message's index in protocol_spec().messages.
    namespace message_index {
    $indices$
    }  // namespace message_index

    $hooks_doc$
    struct Hooks {
      $header_of_doc$
      $header_of$
      $stub_hooks$
    };

    }  // namespace detail

    $namespace_close$
  )",
           {{"include_string_view", hooks ? "#include <string_view>" : ""},
            {"include_reply_to", hooks ? "#include <wirekit/codegen/reply_to.hpp>" : ""},
            {"name", p.name},
            {"namespace_open", namespace_open(p)},
            {"namespace_close", namespace_close(p)},
            {"spec_doc",
             [&] {
               out.comment(
                   "The protocol's transport, messages, interactions and session rules, and the "
                   "hooks through which the runtime decodes each payload once with this "
                   "protocol's codec.");
             }},
            {"indices",
             [&] {
               for (std::size_t i = 0; i < p.messages.size(); ++i)
                 out.emit("inline constexpr wirekit::MessageIndex k$message$ = $index$;",
                          {{"message", p.messages[i].name}, {"index", std::to_string(i)}});
             }},
            {"detail_doc",
             [&] {
               out.comment(
                   "What the generated stubs and codec share with the runtime: plumbing, not the "
                   "protocol's API.");
             }},
            {"hooks_doc",
             [&] {
               out.comment(
                   "The functions the runtime's stub templates call for this protocol "
                   "(wirekit/codegen/make_outgoing.hpp, wirekit/server_stub.hpp, "
                   "wirekit/client_stub.hpp).");
             }},
            {"header_of_doc",
             [&] {
               out.comment(
                   "What the session rules read from a message: its index and, where the schema "
                   "gives them, its correlation id, sequence number, event id, stream keys and "
                   "negotiated ack deadline (views into `message`).");
             }},
            {"header_of",
             [&] {
               for (const auto& m : p.messages)
                 out.aligned_call("static void header_of",
                                  {"const " + m.name + "& message", "wirekit::FrameHeader& header"},
                                  ";");
             }},
            {"stub_hooks", [&] { declare_stub_hooks(out, p); }},
            {"close_codes", [&] { declare_close_codes(out, p); }}});
  return GeneratedFile{output_path(p, "protocol.hpp"), out.str()};
}

// ---- header_of() ------------------------------------------------------------------------------

/// The field naming the stream(s) `m` belongs to, as a request, item, end, failure or cancel
/// of a stream; "" when none.
std::string stream_key_of(const Protocol& p, const Message& m) {
  const auto in = [&m](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), m.name) != names.end();
  };
  for (const auto& st : p.streams) {
    if (st.request == m.name) return st.request_key;
    if (st.cancel == m.name) return st.cancel_key;
    if (in(st.items) || in(st.ends) || in(st.failures)) return st.item_key;
  }
  return "";
}

/// The statements that fill a FrameHeader from `message`, one per rule that applies.
std::vector<std::string> header_statements(const Protocol& p, const Message& m) {
  std::vector<std::string> lines = p.correlation.kind().header_statements(p, m);
  auto member = [](const Field& f) { return "message." + f.cpp_name; };
  if (const std::string key = stream_key_of(p, m); !key.empty())
    lines.push_back("header.stream_keys = " + member(*p.any_field(m, key)) + ";");
  for (const auto& c : stream_conditions(p)) {
    if (c.message != m.name) continue;
    std::string test;
    for (const auto& [field, value] : *c.when)
      test += (test.empty() ? "" : " && ") + field_value_test(p, *p.any_field(m, field), value);
    lines.push_back("if (" + test + ") header.stream_conditions |= " + std::to_string(c.bit) +
                    "u;");
  }
  const Handshake& h = p.session.handshake;
  if (h.present && m.name == h.first && !h.deadline_from.empty()) {
    if (const Field* f = p.field_at(m, h.deadline_from)) {
      if (f->type.kind == TypeRef::Kind::integer)
        lines.push_back("header.ack_deadline_ms = " + member(*f) + ";");
    } else {
      // A path into a free-form field: read it from the field's raw JSON text.
      const std::string first = h.deadline_from.substr(0, h.deadline_from.find('.'));
      if (const Field* raw = p.top_level_field(m, first); raw && is_raw_json(*raw))
        lines.push_back("header.ack_deadline_path = " + lit(h.deadline_from) + ";");
    }
  }
  return lines;
}

void emit_header_functions(Printer& out, const Protocol& p) {
  for (const auto& m : p.messages) {
    const auto lines = header_statements(p, m);
    const std::string signature = "void Hooks::header_of(const " + m.name +
                                  (lines.empty() ? "&" : "& message") +
                                  ", wirekit::FrameHeader& header)";
    const std::string first = "header.message = " + index_of(m.name) + ";";
    if (lines.empty()) {
      out.short_function(signature, first);
      out.line();
      continue;
    }
    out.emit(R"(
      $signature$ {
        $first$
        $statements$
      }

    )",
             {{"signature", signature}, {"first", first}, {"statements", [&] {
                                                             for (const auto& l : lines)
                                                               out.line(l);
                                                           }}});
  }
}

// ---- codec hooks ------------------------------------------------------------------------------

/// One direction of the decode hook; a direction without messages never decodes to a value.
void emit_decode_direction(Printer& out, const Protocol& p, bool client, bool last) {
  const std::string ret = last ? "" : "return ";
  Vars vars = {{"decoder", client ? "decode_to_server" : "decode_to_client"}, {"return", ret}};
  if (messages_sent_by(p, client).empty()) {
    out.emit(R"(
      auto message = $decoder$(text, &sink);
      $return$sink.on_undecodable(message.error());
    )",
             vars);
    return;
  }
  out.emit(R"(
    auto message = $decoder$(text, &sink);
    if (!message) return sink.on_undecodable(message.error());
    std::visit([&header](const auto& m) { detail::Hooks::header_of(m, header); }, *message);
    $return$sink.on_decoded(header, wirekit::TypedRef(*message));
  )",
           vars);
}

void emit_decode_hook(Printer& out, const Protocol& p) {
  out.emit(R"(
    // Decodes a payload once and hands the typed value and its header to the runtime.
    void decode(std::string_view text, wirekit::Side from, wirekit::InboundSink& sink) {
      wirekit::FrameHeader header;
      if (from == wirekit::Side::client) {
        $from_client$
      }
      $from_server$
    }
  )",
           {{"from_client", [&] { emit_decode_direction(out, p, true, false); }},
            {"from_server", [&] { emit_decode_direction(out, p, false, true); }}});
}

/// The field of a reply the runtime makes in which it fills in the sequence number; null when
/// none.
const Field* seq_field_of(const Protocol& p, const Message& m) {
  const std::string seq = p.correlation.kind().seq_field();
  return seq.empty() ? nullptr : p.top_level_field(m, seq);
}

/// `reply.seq = seq;` for a reply that carries the sequence number, when there is one; "" when
/// not.
std::string seq_assignment(const Protocol& p, const Message& m) {
  const Field* f = seq_field_of(p, m);
  if (!f) return "";
  if (f->is_optional_in_cpp()) return "reply." + f->cpp_name + " = seq;";
  return "if (seq) reply." + f->cpp_name + " = *seq;";
}

void emit_reply_hooks(Printer& out, const Protocol& p) {
  const Session& s = p.session;
  p.correlation.kind().define_codec_hooks(out, p);
  if (!s.undecodable_reply.empty()) {
    const Message& m = *p.find_message(s.undecodable_reply);
    const bool uses_error = !s.undecodable_error_field.empty();
    const bool uses_seq = seq_field_of(p, m) != nullptr;
    out.emit(R"(

      // The reply to a payload that did not decode (session.replies.undecodable).
      $signature$
        $reply$ reply;
        $assign_error$
        $assign_seq$
        return encode(reply);
      }
    )",
             {{"signature",
               [&] {
                 out.aligned_call(
                     "std::string undecodable_reply",
                     {std::string("std::string_view") + (uses_error ? " error" : ""),
                      std::string("std::optional<std::int64_t>") + (uses_seq ? " seq" : "")},
                     " {");
               }},
              {"reply", m.name},
              {"assign_error",
               uses_error ? "reply." + p.any_field(m, s.undecodable_error_field)->cpp_name +
                                " = std::string(error);"
                          : ""},
              {"assign_seq", seq_assignment(p, m)}});
  }
  if (!s.repeated_handshake_reply.empty()) {
    const Message& m = *p.find_message(s.repeated_handshake_reply);
    const bool uses_seq = seq_field_of(p, m) != nullptr;
    out.emit(
        R"(

      // The reply to a second handshake message (session.replies.repeated_handshake).
      std::string repeated_handshake_reply(std::optional<std::int64_t>$seq$) {
        $reply$ reply;
        $assign_seq$
        return encode(reply);
      }
    )",
        {{"seq", uses_seq ? " seq" : ""}, {"reply", m.name}, {"assign_seq", seq_assignment(p, m)}});
  }
}

// ---- the spec ---------------------------------------------------------------------------------

// A template variable printing `statement` with each of `values` (`$$` in it), one a line.
Var each(Printer& out, std::string statement, std::vector<std::string> values) {
  return [&out, statement = std::move(statement), values = std::move(values)] {
    for (const auto& v : values) out.emit(statement, {{"value", v}});
  };
}

std::vector<std::string> indices_of(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(index_of(n));
  return out;
}

// A statement kept only when `present`, for the template's optional lines.
std::string when(bool present, std::string statement) { return present ? statement : ""; }

void emit_transport(Printer& out, const Protocol& p) {
  const Transport& t = p.transport;
  out.emit(
      R"(
    s.transport.path = $path$;
    $subprotocol$
    $unoffered$
    s.transport.text_only = $text_only$;
    s.transport.max_message_bytes = $max_message_bytes$;
    $default_port$
    $bearer_auth$
  )",
      {{"path", lit(t.path)},
       {"subprotocol",
        when(!t.subprotocol.empty(), "s.transport.subprotocol = " + lit(t.subprotocol) + ";")},
       {"unoffered",
        when(t.unoffered_subprotocol != "refuse",
             "s.transport.unoffered_subprotocol = wirekit::TransportSpec::Unoffered::" +
                 t.unoffered_subprotocol + ";")},
       {"text_only", t.text_only ? "true" : "false"},
       {"max_message_bytes", std::to_string(t.max_message_bytes)},
       {"default_port", when(t.default_port != 0,
                             "s.transport.default_port = " + std::to_string(t.default_port) + ";")},
       {"bearer_auth", when(t.bearer_auth, "s.transport.bearer_auth = true;")}});
}

void emit_messages(Printer& out, const Protocol& p) {
  for (const auto& m : p.messages)
    out.emit(R"(
      {
        wirekit::MessageSpec& m = s.messages.emplace_back();
        m.name = $name$;
        $tag$
        m.from = $from$;
      }
    )",
             {{"name", lit(m.name)},
              {"tag", m.tag ? "m.tag = " + lit(*m.tag) + ";" : "m.tagged = false;"},
              {"from", side(m.from)}});
}

void emit_requests(Printer& out, const Protocol& p) {
  for (const auto& i : p.interactions)
    out.emit(R"(
      {
        wirekit::RequestSpec& r = s.requests.emplace_back();
        r.request = $request$;
        $responses$
        $errors$
        $uncorrelated$
        $awaits_next$
      }
    )",
             {{"request", index_of(i.request)},
              {"responses", each(out, "r.responses.push_back($value$);", indices_of(i.responses))},
              {"errors", each(out, "r.errors.push_back($value$);", indices_of(i.errors))},
              {"uncorrelated", when(!i.correlated, "r.correlated = false;")},
              {"awaits_next", when(i.awaits_next, "r.awaits_next = true;")}});
}

/// `{kMessage, mask}` for each of a stream's items, ends or failures.
std::vector<std::string> stream_entries(const Protocol& p, const std::vector<std::string>& names,
                                        const std::vector<StreamWhen>& whens) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out.push_back("{" + index_of(names[i]) + ", " + std::to_string(condition_mask(p, whens.at(i))) +
                  "u}");
  return out;
}

void emit_streams(Printer& out, const Protocol& p) {
  for (const auto& st : p.streams)
    out.emit(R"(
      {
        wirekit::StreamSpec& st = s.streams.emplace_back();
        st.request = $request$;
        $items$
        $ends$
        $failures$
        $cancel$
        $generated$
        $one$
      }
    )",
             {{"request", index_of(st.request)},
              {"items", each(out, "st.items.push_back($value$);",
                             stream_entries(p, st.items, st.items_when))},
              {"ends",
               each(out, "st.ends.push_back($value$);", stream_entries(p, st.ends, st.ends_when))},
              {"failures", each(out, "st.failures.push_back($value$);",
                                stream_entries(p, st.failures, st.failures_when))},
              {"cancel", when(!st.cancel.empty(), "st.cancel = " + index_of(st.cancel) + ";")},
              {"generated", when(st.generated_key, "st.generated_key = true;")},
              {"one", when(st.one_result, "st.one_result = true;")}});
}

void emit_correlation(Printer& out, const Protocol& p) {
  const Correlation& c = p.correlation;
  c.kind().emit_spec(out);
  if (const std::string field = c.kind().reply_key(); !field.empty())
    out.line("s.correlation.reply_field = " + lit(field) + ";");
  if (c.timeout_ms) out.line("s.correlation.timeout_ms = " + std::to_string(c.timeout_ms) + ";");
}

std::string condition(const std::string& name) { return "wirekit::Condition::" + name; }

void emit_session(Printer& out, const Protocol& p) {
  const Session& s = p.session;
  const Handshake& h = s.handshake;
  if (h.present)
    out.emit(R"(
      s.session.handshake.first = $first$;
      s.session.handshake.from = $from$;
      s.session.handshake.within_ms = $within_ms$;
      $success$
      $allowed_before$
    )",
             {{"first", index_of(h.first)},
              {"from", side(h.from)},
              {"within_ms", std::to_string(h.within_ms)},
              {"success", when(!h.success.empty(),
                               "s.session.handshake.success = " + index_of(h.success) + ";")},
              {"allowed_before", each(out, "s.session.handshake.allowed_before.push_back($value$);",
                                      indices_of(h.allowed_before))}});
  out.emit(R"(
    $ack_deadline$
    $undecodable$
    $repeated_handshake$
    $invalid$
    $rate_limit$
  )",
           {{"ack_deadline",
             when(s.ack_deadline_ms != 0,
                  "s.session.ack_deadline_ms = " + std::to_string(s.ack_deadline_ms) + ";")},
            {"undecodable",
             when(!s.undecodable_reply.empty(), "s.session.replies_to_undecodable = true;")},
            {"repeated_handshake", when(!s.repeated_handshake_reply.empty(),
                                        "s.session.replies_to_repeated_handshake = true;")},
            {"invalid",
             [&] {
               if (!s.invalid_from_client.empty())
                 out.line("s.session.invalid_from_client = wirekit::InvalidPolicy::" +
                          s.invalid_from_client + ";");
               if (!s.invalid_from_server.empty())
                 out.line("s.session.invalid_from_server = wirekit::InvalidPolicy::" +
                          s.invalid_from_server + ";");
             }},
            {"rate_limit", [&] {
               if (s.rate_limit_messages)
                 out.emit(R"(
                   s.session.rate_limit.messages = $messages$;
                   s.session.rate_limit.per_ms = $per_ms$;
                 )",
                          {{"messages", std::to_string(s.rate_limit_messages)},
                           {"per_ms", std::to_string(s.rate_limit_per_ms)}});
             }}});
  // Docs stay in <name>_protocol.hpp; the table holds what the runtime acts on.
  for (const auto& c : s.close_codes) {
    std::vector<std::string> conditions;
    for (const auto& on : c.on) conditions.push_back(condition(on));
    out.emit(R"(
      {
        wirekit::CloseCodeSpec& c = s.session.close_codes.emplace_back();
        c.code = close_code::$constant$;
        c.name = $name$;
        $conditions$
      }
    )",
             {{"constant", close_constant(c.name)},
              {"name", lit(c.name)},
              {"conditions", each(out, "c.on.push_back($value$);", conditions)}});
  }
}

void emit_codec_hooks(Printer& out, const Protocol& p) {
  out.emit(R"(
    s.codec.decode = decode;
    $correlation$
    $undecodable$
    $repeated_handshake$
  )",
           {{"correlation", [&] { p.correlation.kind().assign_codec_hooks(out); }},
            {"undecodable", when(!p.session.undecodable_reply.empty(),
                                 "s.codec.undecodable_reply = undecodable_reply;")},
            {"repeated_handshake",
             when(!p.session.repeated_handshake_reply.empty(),
                  "s.codec.repeated_handshake_reply = repeated_handshake_reply;")}});
}

GeneratedFile source(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "session rules and codec hooks for the wirekit runtime");
  out.emit(R"(
    #include "$name$_protocol.hpp"

    #include <variant>

    #include <wirekit/codegen/text_value.hpp>

    #include "$name$_codec.hpp"

    $namespace_open$
    namespace detail {

    $header_functions$
    $stub_hooks$
    }  // namespace detail

    namespace {

    $decode_hook$
    $reply_hooks$

    wirekit::ProtocolSpec make_spec() {
      wirekit::ProtocolSpec s;
      s.name = $name_literal$;
      s.version = $version$;
      s.tag_key = $tag_key$;
      $tables$
      return s;
    }

    }  // namespace

    const wirekit::ProtocolSpec& protocol_spec() {
      static const wirekit::ProtocolSpec spec = make_spec();
      return spec;
    }

    $namespace_close$
  )",
           {{"name", p.name},
            {"namespace_open", namespace_open(p)},
            {"namespace_close", namespace_close(p)},
            {"header_functions", [&] { emit_header_functions(out, p); }},
            {"stub_hooks", [&] { define_stub_hooks(out, p); }},
            {"decode_hook", [&] { emit_decode_hook(out, p); }},
            {"reply_hooks", [&] { emit_reply_hooks(out, p); }},
            {"name_literal", lit(p.name)},
            {"version", lit(p.version)},
            {"tag_key", lit(p.tag_key())},
            {"tables", [&] {
               emit_transport(out, p);
               emit_messages(out, p);
               emit_requests(out, p);
               emit_streams(out, p);
               emit_correlation(out, p);
               emit_session(out, p);
               emit_codec_hooks(out, p);
             }}});
  return GeneratedFile{output_path(p, "protocol.cpp"), out.str()};
}

}  // namespace

std::vector<GeneratedFile> emit_protocol_tables(const Protocol& p) {
  return {header(p), source(p)};
}

}  // namespace wirekit::gen
