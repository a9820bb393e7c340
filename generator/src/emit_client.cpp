// <name>_client.hpp / .cpp: the typed client stub. One method per message the client sends
// (typed outcome for a request, a stream handle for a stream, an id for an event, a bool for a
// one-way message), one handler per message the server pushes, and a typed connect() that runs
// the schema's handshake. Built on wirekit::ClientStub (wirekit/client_stub.hpp).
#include <utility>

#include "emitters.hpp"
#include "stub_names.hpp"

namespace wirekit::gen {
namespace {

std::string doc_of(const Message& m, const std::string& fallback) {
  return m.doc.empty() ? fallback : m.doc;
}

std::string connect_return(const Protocol& p) {
  const std::string result = handshake_result(p);
  return result.empty() ? "wirekit::ConnectResult"
                        : "wirekit::Connected<" + qualified(p, result) + ">";
}

std::vector<std::string> connect_params(const Protocol& p) {
  std::vector<std::string> params = {"const std::string& host", "std::uint16_t port"};
  const Handshake& h = p.session.handshake;
  if (h.present && h.from == Side::client) params.push_back(qualified(p, h.first) + " first");
  params.push_back("std::string path = {}");
  return params;
}

std::string strip_default(std::string param) {
  const auto eq = param.find(" = ");
  return eq == std::string::npos ? param : param.substr(0, eq);
}

void declare_connect(Printer& out, const Protocol& p) {
  const Handshake& h = p.session.handshake;
  std::string doc = "Connects to ws://host:port" + p.transport.path +
                    " (or `path`) and waits until the connection is open";
  if (h.present && h.from == Side::client)
    doc += ", sends `first` (" + h.first + ")" +
           (h.success.empty() ? "" : " and waits for " + h.success) +
           ". Fails with the close code and reason when the server refuses it";
  else if (h.present)
    doc += " and the server's first message (" + h.first + ") has arrived";
  doc += "; fails on a refused upgrade or a timeout. Every reconnection repeats the handshake.";
  out.comment(doc);
  out.aligned_call(connect_return(p) + " connect", connect_params(p), ";");
}

void declare_call(Printer& out, const Protocol& p, const Message& m) {
  const std::string name = method_name(m);
  const std::string type = qualified(p, m.name);
  switch (client_call(p, m)) {
    case StubCall::handshake:
    case StubCall::ack:
      return;
    case StubCall::request: {
      const Interaction& i = *p.interaction_of(m.name);
      out.line();
      out.comment(doc_of(m, m.name) + (i.doc.empty() ? "" : "\n\n" + i.doc) +
                  "\n\nReturns a future of its outcome; the callback form calls `done` once, "
                  "on the client's loop, and returns an id for cancel().");
      out.aligned_call("std::future<" + m.name + "Outcome> " + name,
                       {type + " request", "wirekit::RequestOptions options = {}"}, ";");
      out.aligned_call("wirekit::RequestId " + name,
                       {type + " request", "std::function<void(" + m.name + "Outcome)> done",
                        "wirekit::RequestOptions options = {}"},
                       ";");
      return;
    }
    case StubCall::stream: {
      const Stream& st = *p.stream_of(m.name);
      out.line();
      out.comment(doc_of(m, m.name) + (st.doc.empty() ? "" : "\n\n" + st.doc) +
                  "\n\nCalls `on_item` for each item until the stream ends, is cancelled" +
                  (st.cancel.empty() ? "" : " (cancel() sends " + st.cancel + ")") +
                  " or the connection closes; `on_end` is told once why.");
      out.aligned_call(
          "wirekit::StreamHandle " + name,
          {"const " + type + "& request", "std::function<void(const " + m.name + "Item&)> on_item",
           "std::function<void(const wirekit::StreamEnd&)> on_end = {}"},
          ";");
      return;
    }
    case StubCall::event:
      out.line();
      out.comment(doc_of(m, m.name) +
                  "\n\nThe runtime stamps its id and time and tracks it until the server "
                  "acks it; returns the id. `acked`, if given, is called once: with code ok "
                  "when the server acks it, else with why not (not_connected, disconnected "
                  "when the connection ends first or the ack deadline passes, stopped).");
      out.aligned_call("std::string " + name, {type + " event", "wirekit::AckHandler acked = {}"},
                       ";");
      return;
    case StubCall::one_way:
      out.line();
      out.comment(doc_of(m, m.name) + "\n\nFalse when it could not be queued.");
      out.line("bool " + name + "(const " + type + "& message);");
      return;
  }
}

void define_call(Printer& out, const Protocol& p, const Message& m) {
  const std::string name = method_name(m);
  const std::string type = qualified(p, m.name);
  switch (client_call(p, m)) {
    case StubCall::handshake:
    case StubCall::ack:
      return;
    case StubCall::request:
      out.emit(R"(
        $future_signature$
          return stub_call_future<$outcome$>(std::move(request), options);
        }

        $callback_signature$
          return stub_call<$outcome$>(std::move(request), std::move(done), options);
        }

      )",
               {{"outcome", m.name + "Outcome"},
                {"future_signature",
                 [&] {
                   out.aligned_call("std::future<" + m.name + "Outcome> Client::" + name,
                                    {type + " request", "wirekit::RequestOptions options"}, " {");
                 }},
                {"callback_signature", [&] {
                   out.aligned_call(
                       "wirekit::RequestId Client::" + name,
                       {type + " request", "std::function<void(" + m.name + "Outcome)> done",
                        "wirekit::RequestOptions options"},
                       " {");
                 }}});
      return;
    case StubCall::stream: {
      const Stream& st = *p.stream_of(m.name);
      const Message* cancel = st.cancel.empty() ? nullptr : p.find_message(st.cancel);
      out.emit(R"(
        $signature$
          $make_cancel$
          $call$
        }

      )",
               {{"signature",
                 [&] {
                   out.aligned_call("wirekit::StreamHandle Client::" + name,
                                    {"const " + type + "& request",
                                     "std::function<void(const " + m.name + "Item&)> on_item",
                                     "std::function<void(const wirekit::StreamEnd&)> on_end"},
                                    " {");
                 }},
                {"make_cancel",
                 [&] {
                   if (!cancel) return;
                   out.emit(R"(
                     $type$ cancel;
                     cancel.$key$ = request.$request_key$;
                   )",
                            {{"type", qualified(p, cancel->name)},
                             {"key", p.any_field(*cancel, st.cancel_key)->cpp_name},
                             {"request_key", p.any_field(m, st.request_key)->cpp_name}});
                 }},
                {"call", [&] {
                   out.aligned_call("return stub_stream<" + m.name + "Item>",
                                    {"request", "std::move(on_item)", "std::move(on_end)",
                                     cancel ? "wirekit::make_outgoing(cancel)" : "std::nullopt"},
                                    ";");
                 }}});
      return;
    }
    case StubCall::event:
      out.emit(R"(
        $signature$
          return stub_event(std::move(event), std::move(acked));
        }

      )",
               {{"signature", [&] {
                   out.aligned_call("std::string Client::" + name,
                                    {type + " event", "wirekit::AckHandler acked"}, " {");
                 }}});
      return;
    case StubCall::one_way:
      out.short_function("bool Client::" + name + "(const " + type + "& message)",
                         "return runtime().send(wirekit::make_outgoing(message));");
      out.line();
      return;
  }
}

void declare_handler(Printer& out, const Protocol& p, const Message& m) {
  out.line();
  out.comment(doc_of(m, m.name) +
              (is_correlated_reply(p, m)
                   ? "\n\nCalled when it arrives as no pending request's reply (a broadcast, a "
                     "reply to a request already timed out or cancelled)."
                   : "") +
              "\n\nCalled on the client's loop; set it before connect().");
  out.aligned_call("void on_" + method_name(m),
                   {"std::function<void(const " + qualified(p, m.name) + "&)> handler"}, ";");
}

void define_handler(Printer& out, const Protocol& p, const Message& m) {
  out.emit(R"(
    $signature$
      stub_handler(message_index::k$message$, std::move(handler));
    }

  )",
           {{"message", m.name}, {"signature", [&] {
                                    out.aligned_call("void Client::on_" + method_name(m),
                                                     {"std::function<void(const " +
                                                      qualified(p, m.name) + "&)> handler"},
                                                     " {");
                                  }}});
}

void define_connect(Printer& out, const Protocol& p) {
  std::vector<std::string> params;
  for (const auto& param : connect_params(p)) params.push_back(strip_default(param));
  const Handshake& h = p.session.handshake;
  const std::string result = handshake_result(p);
  out.emit(R"(
    $signature$
      $set_handshake$
      $connect$
    }

  )",
           {{"signature",
             [&] { out.aligned_call(connect_return(p) + " Client::connect", params, " {"); }},
            {"set_handshake",
             [&] {
               if (h.present && h.from == Side::client)
                 out.line(
                     "runtime().set_handshake([first = std::move(first)] { return "
                     "wirekit::make_outgoing(first); });");
             }},
            {"connect", result.empty() ? "return stub_connect_plain(host, port, std::move(path));"
                                       : "return stub_connect<" + qualified(p, result) +
                                             ">(host, port, std::move(path));"}});
}

GeneratedFile header(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "the typed client stub");
  out.emit(R"(
    #pragma once

    #include <cstdint>
    #include <functional>
    #include <future>
    #include <string>

    #include <wirekit/client_stub.hpp>

    $stub_includes$

    namespace $namespace$::stub {

    $doc$
    class Client : public wirekit::ClientStub<$to_client$> {
     public:
      explicit Client(wirekit::ClientOptions options = {});

      $methods$

     protected:
      $spec_doc$
      Client(const wirekit::ProtocolSpec& spec, wirekit::ClientOptions options);
    };

    }  // namespace $namespace$::stub
  )",
           {{"stub_includes", [&] { include_stub_dependencies(out, p); }},
            {"namespace", p.cpp_namespace},
            {"to_client", qualified(p, "ToClient")},
            {"doc",
             [&] {
               out.comment("A typed client of the " + p.name +
                           " protocol. Handlers run on the client's loop thread; every other "
                           "method may be called from any thread (see wirekit/client.hpp).");
             }},
            {"methods",
             [&] {
               declare_connect(out, p);
               for (const auto& m : p.messages)
                 if (m.sent_by_client()) declare_call(out, p, m);
               for (const auto& m : p.messages)
                 if (is_push(p, m)) declare_handler(out, p, m);
             }},
            {"spec_doc", [&] { out.comment(spec_doc("client")); }}});
  return GeneratedFile{p.name + "/" + p.name + "_client.hpp", out.str()};
}

GeneratedFile source(const Protocol& p) {
  Printer out;
  emit_file_header(out, p, "the typed client stub");
  out.emit(R"(
    #include "$name$_client.hpp"

    #include <utility>

    namespace $namespace$::stub {

    $constructors$

    $definitions$
    }  // namespace $namespace$::stub
  )",
           {{"name", p.name},
            {"namespace", p.cpp_namespace},
            {"constructors",
             [&] {
               out.continued("Client::Client(wirekit::ClientOptions options)",
                             ": Client(protocol_spec(), std::move(options)) {}");
               out.continued(
                   "Client::Client(const wirekit::ProtocolSpec& spec, wirekit::ClientOptions "
                   "options)",
                   ": ClientStub(spec, std::move(options)) {}");
             }},
            {"definitions", [&] {
               define_connect(out, p);
               for (const auto& m : p.messages)
                 if (m.sent_by_client()) define_call(out, p, m);
               for (const auto& m : p.messages)
                 if (is_push(p, m)) define_handler(out, p, m);
             }}});
  return GeneratedFile{p.name + "/" + p.name + "_client.cpp", out.str()};
}

}  // namespace

std::vector<GeneratedFile> emit_client(const Protocol& p) { return {header(p), source(p)}; }

}  // namespace wirekit::gen
