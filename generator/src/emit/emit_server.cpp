// <name>_server.hpp: the typed server stub. `Handlers<State>` has one virtual per message the
// client sends (a request's handler gets a Reply to answer with, a stream's a StreamWriter, the
// handshake's returns Accept<Success>); `Server<State>` runs them on a wirekit::Server and
// dispatches each decoded message to its handler. Built on wirekit::ServerStub
// (wirekit/server_stub.hpp). Templates on the user's per-connection state type, so all of it is
// in the header.
#include <algorithm>

#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "emit/output_files.hpp"
#include "model/names.hpp"
#include "model/stream_conditions.hpp"
#include "model/stub_names.hpp"

namespace wirekit::gen {
namespace {

std::string doc_of(const Message& m) { return m.doc.empty() ? m.name + "." : m.doc; }

bool server_opens_handshake(const Protocol& p) {
  return p.session.handshake.present && p.session.handshake.from == Side::server;
}

/// Whether the handshake's first message gets an accept-or-refuse handler.
bool accepts_handshake(const Protocol& p, const Message& m) {
  return client_call(p, m) == StubCall::handshake && !p.session.handshake.success.empty();
}

/// The statements that build `failure`, the stream's first failure message saying nobody
/// handles the request: its key from the request's, its `when` values, every other required
/// string "no handler for <Request>"; empty when some other required field has no value that
/// is always valid (a uuid, a timestamp, raw JSON...), or the stream has no failure.
std::vector<std::string> default_failure(const Protocol& p, const Stream& st,
                                         const Message& request) {
  if (st.failures.empty()) return {};
  const Message& f = *p.find_message(st.failures.front());
  const StreamWhen& when = st.failures_when.front();
  const Field& key = *p.any_field(f, st.item_key);
  const Field& request_key = *p.any_field(request, st.request_key);
  std::vector<std::string> lines = {qualified(p, f.name) + " failure;"};
  if (request_key.type.kind == TypeRef::Kind::array)
    lines.push_back("if (!request." + request_key.cpp_name + ".empty()) failure." + key.cpp_name +
                    " = request." + request_key.cpp_name + ".front();");
  else
    lines.push_back("failure." + key.cpp_name + " = request." + request_key.cpp_name + ";");
  std::vector<const Field*> fields;
  for (const auto& field : p.envelope_of(f).fields) fields.push_back(&field);
  for (const auto& field : f.fields) fields.push_back(&field);
  for (const Field* field : fields) {
    if (field == &key) continue;
    const auto given = std::find_if(
        when.begin(), when.end(), [&](const auto& w) { return p.any_field(f, w.first) == field; });
    if (given != when.end()) {
      const std::string literal = field_value_literal(p, *field, given->second);
      const bool is_enum = field->type.kind == TypeRef::Kind::named;
      lines.push_back("failure." + field->cpp_name + " = " +
                      (is_enum ? qualified(p, literal) : literal) + ";");
      continue;
    }
    if (!field->is_required() || field->is_optional_in_cpp()) continue;
    switch (field->type.kind) {
      case TypeRef::Kind::string:
        lines.push_back("failure." + field->cpp_name + " = " +
                        cpp_string_literal("no handler for " + request.name) + ";");
        break;
      case TypeRef::Kind::integer:
      case TypeRef::Kind::number:
      case TypeRef::Kind::boolean:
      case TypeRef::Kind::array:
      case TypeRef::Kind::map:
        break;
      case TypeRef::Kind::named:
        if (p.find_type(field->type.name)->kind == NamedType::Kind::enumeration) break;
        return {};
      default:
        return {};
    }
  }
  return lines;
}

void declare_handler(Printer& out, const Protocol& p, const Message& m) {
  const std::string name = "on_" + method_name(m);
  const std::string type = "const " + qualified(p, m.name) + "&";
  const StubCall call = client_call(p, m);
  if (call == StubCall::ack) return;
  out.line();
  if (accepts_handshake(p, m)) {
    const std::string success = qualified(p, p.session.handshake.success);
    out.comment(doc_of(m) + "\n\nThe handshake: accept with " + p.session.handshake.success +
                " (sent for you), or refuse with wirekit::Accept<...>::refuse(code, reason), "
                "which closes the connection.");
    out.aligned_call("virtual wirekit::Accept<" + success + "> " + name,
                     {"Session& session", type + " request"}, " = 0;");
    return;
  }
  switch (call) {
    case StubCall::request:
      out.comment(doc_of(m));
      out.emit(
          R"(
        $signature$
          server().unsupported(session, $name$);
        }
      )",
          {{"signature",
            out.aligned("virtual void " + name,
                        {"Session& session", type + " /*request*/", m.name + "Reply /*reply*/"},
                        " {")},
           {"name", cpp_string_literal(m.name)}});
      return;
    case StubCall::stream: {
      const std::vector<std::string> failure = default_failure(p, *p.stream_of(m.name), m);
      out.comment(doc_of(m) + (failure.empty() ? ""
                                               : "\n\nDefault: the stream fails at once with " +
                                                     p.stream_of(m.name)->failures.front() +
                                                     " saying nobody handles it."));
      out.emit(
          R"(
        $signature$
          $body$
        }
      )",
          {{"signature", out.aligned("virtual void " + name,
                                     {failure.empty() ? "Session& session" : "Session& /*session*/",
                                      type + (failure.empty() ? " /*request*/" : " request"),
                                      m.name + "Stream stream"},
                                     " {")},
           {"body", [&] {
              if (failure.empty()) {
                out.line("server().unsupported(session, " + cpp_string_literal(m.name) + ");");
                out.line("stream.end();");
                return;
              }
              for (const auto& line : failure) out.line(line);
              out.line("stream.end(failure);");
            }}});
      return;
    }
    default:
      out.comment(doc_of(m) + (call == StubCall::event
                                   ? "\n\nAcked by the runtime when the handler returns."
                                   : ""));
      out.aligned_call("virtual void " + name, {"Session&", type}, " {}");
      return;
  }
}

void emit_dispatch_case(Printer& out, const Protocol& p, const Message& m) {
  const StubCall call = client_call(p, m);
  if (call == StubCall::ack) return;
  const std::string value = "std::get<" + qualified(p, m.name) + ">(message)";
  const std::string name = "handlers_.on_" + method_name(m);
  out.line("case " + index_of(m.name) + ":");
  out.indent();
  if (accepts_handshake(p, m)) {
    out.call("return this->answer_handshake", "session, " + name + "(session, " + value + ")", ";");
  } else if (call == StubCall::request) {
    out.aligned_call(
        "return " + name,
        {"session", value, m.name + "Reply(this->runtime(), session.id(), this->reply_to(in))"},
        ";");
  } else if (call == StubCall::stream) {
    out.aligned_call(
        "return " + name,
        {"session", value, m.name + "Stream(this->runtime(), session.id(), in.stream)"}, ";");
  } else {
    out.aligned_call("return " + name, {"session", value}, ";");
  }
  out.outdent();
}

void emit_handlers(Printer& out, const Protocol& p) {
  out.emit(
      R"(
    $doc$
    template <class State_ = wirekit::NoState>
    class Handlers {
     public:
      using Session = wirekit::Session<State_>;
      virtual ~Handlers() = default;

      /// A connection opened (before any handshake). Default: nothing.
      virtual void on_open(Session&) {}
      /// A connection closed: its code and reason. Default: nothing.
      virtual void on_close(Session&, const wirekit::CloseInfo&) {}
      $stream_cancelled$
      $handshake$
      $handlers$

      /// The server these handlers run on (set when it is constructed).
      Server<State_>& server() { return *server_; }

     private:
      friend class Server<State_>;
      Server<State_>* server_ = nullptr;
    };
  )",
      {{"doc",
        [&] {
          bool requests = false, streams = false, one_way = false;
          for (const auto& m : p.messages) {
            if (!m.sent_by_client() || accepts_handshake(p, m)) continue;
            const StubCall call = client_call(p, m);
            requests = requests || call == StubCall::request;
            streams = streams || call == StubCall::stream;
            one_way = one_way || (call != StubCall::request && call != StubCall::stream &&
                                  call != StubCall::ack);
          }
          std::string doc =
              "What server code implements: one handler per message the client sends, each "
              "given the connection's Session (its id, the payload's seq, the user's State). "
              "Override the ones the server needs.";
          if (requests)
            doc +=
                "\n\nA request's handler answers through `reply` with one of the request's "
                "replies or errors, now or later from any thread; not overridden, it gets "
                "the protocol's undecodable reply (or a close) saying nobody handles it.";
          if (streams)
            doc +=
                "\n\nA stream's handler pushes items through `stream` until it ends or the "
                "client cancels it (on_stream_cancelled); `stream` may be kept and used from "
                "any thread. Not overridden, the stream fails with the schema's failure "
                "message when it has one, else as a request, and ends.";
          if (one_way) doc += "\n\nA message that is not answered is ignored unless handled.";
          out.comment(doc);
        }},
       {"stream_cancelled",
        [&] {
          if (p.streams.empty()) return;
          out.emit(R"(
                 /// The client cancelled a stream it opened. Default: nothing.
                 virtual void on_stream_cancelled(Session&, wirekit::StreamId) {}
               )");
        }},
       {"handshake",
        [&] {
          if (!server_opens_handshake(p)) return;
          const Message& first = *p.find_message(p.session.handshake.first);
          out.line();
          out.comment("The handshake's first message (" + first.name +
                      "), sent to each connection as it opens.");
          out.line("virtual " + qualified(p, first.name) + " on_handshake(Session& session) = 0;");
        }},
       {"handlers", [&] {
          for (const auto& m : p.messages)
            if (m.sent_by_client()) declare_handler(out, p, m);
        }}});
}

/// Server::opened(): the user's on_open, then the handshake's first message when the server
/// sends it.
void emit_opened(Printer& out, const Protocol& p) {
  if (!server_opens_handshake(p)) {
    out.line("void opened(Session& session) override { handlers_.on_open(session); }");
    return;
  }
  // event_message() is "" when the kind has no events, never a message's name.
  const bool first_is_event = p.correlation.kind().event_message() == p.session.handshake.first;
  out.emit(R"(
    void opened(Session& session) override {
      handlers_.on_open(session);
      $send$(session.id(), handlers_.on_handshake(session));
    }
  )",
           {{"send", first_is_event ? "send_event" : "this->send"}});
}

/// `head rest` on one line when it fits, else `rest` on the next, four columns in (as
/// clang-format breaks a long alias or base clause).
void line_or_break(Printer& out, const std::string& head, const std::string& rest) {
  if (out.fits(head + " " + rest)) {
    out.line(head + " " + rest);
    return;
  }
  out.line(head);
  out.line("    " + rest);
}

void emit_server_class(Printer& out, const Protocol& p) {
  const std::string base = "wirekit::ServerStub<State_, " + qualified(p, "ToClient") + ", " +
                           qualified(p, "detail::Hooks") + ">";
  out.emit(
      R"(
    $doc$
    template <class State_ = wirekit::NoState>
    $class_head$
     public:
      using Session = wirekit::Session<State_>;

      /// `handlers` must outlive the server.
      explicit Server(Handlers<State_>& handlers, wirekit::ServerOptions options = {})
          : Server(handlers, protocol_spec(), std::move(options)) {}
      /// Stops first: the handlers are virtual.
      ~Server() override { this->stop(); }
      $send_event$

      $unsupported_doc$
      void unsupported(Session& session, const char* what) { this->unhandled(session, what); }

     protected:
      $spec_doc$
      $constructor$
        handlers_.server_ = this;
      }

      $opened$
      void closed(Session& session, const wirekit::CloseInfo& info) override {
        handlers_.on_close(session, info);
      }
      $stream_cancelled_override$
      void dispatch(Session& session, const wirekit::Incoming& in) override {
        $to_server$* decoded = in.value.get<$to_server$>();
        if (!decoded) return;
        auto& message = *decoded;
        switch (in.message) {
          $cases$
          default:
            return;
        }
      }

     private:
      $base_alias$

      Handlers<State_>& handlers_;
    };
  )",
      {{"doc",
        [&] {
          out.comment("A typed server of the " + p.name +
                      " protocol: runs `Handlers` on a wirekit::Server, which enforces every "
                      "session rule before a handler runs. Typed sends (send, broadcast) "
                      "take any message the server sends.");
        }},
       {"base_alias", [&] { line_or_break(out, "using Base_ =", base + ";"); }},
       {"class_head", [&] { line_or_break(out, "class Server", ": public " + base + " {"); }},
       {"send_event",
        [&] {
          const std::string event = p.correlation.kind().event_message();
          if (event.empty()) return;
          out.line();
          out.comment(
              "Sends an event stamped with a fresh id and the current time, tracked until "
              "the client acks it.");
          out.aligned_call("void send_event",
                           {"wirekit::ConnectionId to", qualified(p, event) + " event"}, " {");
          out.line("  Base_::send_event(to, std::move(event));");
          out.line("}");
        }},
       {"unsupported_doc",
        [&] {
          out.comment(
              "Answers a request no handler takes: the protocol's undecodable reply with "
              "the payload's seq, or a close with its undecodable code.");
        }},
       {"spec_doc", [&] { out.comment(spec_doc("server")); }},
       {"constructor",
        [&] {
          out.aligned_call("Server",
                           {"Handlers<State_>& handlers", "const wirekit::ProtocolSpec& spec",
                            "wirekit::ServerOptions options"},
                           "");
          const std::string init = "    : Base_(spec, std::move(options)),";
          if (out.fits(init + " handlers_(handlers) {")) {
            out.line(init + " handlers_(handlers) {");
          } else {
            out.line(init);
            out.line("      handlers_(handlers) {");
          }
        }},
       {"opened", [&] { emit_opened(out, p); }},
       {"stream_cancelled_override",
        [&] {
          if (p.streams.empty()) {
            out.line("void stream_cancelled(Session&, wirekit::StreamId) override {}");
            return;
          }
          out.line("void stream_cancelled(Session& session, wirekit::StreamId stream) override {");
          out.indent();
          out.line("handlers_.on_stream_cancelled(session, stream);");
          out.outdent();
          out.line("}");
        }},
       {"to_server", qualified(p, "ToServer")},
       {"cases", [&] {
          for (const auto& m : p.messages)
            if (m.sent_by_client()) emit_dispatch_case(out, p, m);
        }}});
}

}  // namespace

GeneratedFile emit_server(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "the typed server stub");
  out.emit(R"(
    #pragma once

    #include <utility>
    #include <variant>

    #include <wirekit/server_stub.hpp>

    $stub_includes$

    namespace $namespace$::stub {

    template <class State_>
    class Server;

    $handlers$

    $server$

    }  // namespace $namespace$::stub
  )",
           {{"stub_includes", [&] { include_stub_dependencies(out, p); }},
            {"namespace", p.cpp_namespace},
            {"handlers", [&] { emit_handlers(out, p); }},
            {"server", [&] { emit_server_class(out, p); }}});
  return GeneratedFile{output_path(p, "server.hpp"), out.str()};
}

}  // namespace wirekit::gen
