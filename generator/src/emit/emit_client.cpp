// <name>_client.hpp / .cpp: the typed client stub. One method per message the client sends
// (typed outcome for a request, a stream handle for a stream, an id for an event, a bool for a
// one-way message), one handler per message the server pushes, and a typed connect() that runs
// the schema's handshake. Built on wirekit::ClientStub (wirekit/client_stub.hpp).
#include <algorithm>
#include <functional>
#include <utility>

#include "emit/emitters.hpp"
#include "emit/output_files.hpp"
#include "model/stub_names.hpp"

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
  doc += "; fails on a refused upgrade or a timeout.";
  if (h.present) doc += " A reconnection (ClientOptions::reconnect) repeats the handshake.";
  out.comment(doc);
  out.aligned_call(connect_return(p) + " connect", connect_params(p), ";");
}

// ---- one method per message the client sends, by how it is called (client_call) --------------
// Each kind declares its method in the class and defines it in the .cpp, side by side here.

struct Call {
  Printer& out;
  const Protocol& p;
  const Message& m;
  std::string name;  ///< the method's name
  std::string type;  ///< the message's qualified type
};

void declare_request(const Call& c) {
  const Interaction& i = *c.p.interaction_of(c.m.name);
  c.out.line();
  c.out.comment(doc_of(c.m, c.m.name) + (i.doc.empty() ? "" : "\n\n" + i.doc) +
                "\n\nReturns a future of its outcome (in C++20, co_await it: wirekit/coro.hpp); "
                "the callback form calls `done` once, on the client's loop, and returns an id "
                "for cancel().");
  c.out.aligned_call("wirekit::Future<" + c.m.name + "Outcome> " + c.name,
                     {c.type + " request", "wirekit::RequestOptions options = {}"}, ";");
  c.out.aligned_call("wirekit::RequestId " + c.name,
                     {c.type + " request", "std::function<void(" + c.m.name + "Outcome)> done",
                      "wirekit::RequestOptions options = {}"},
                     ";");
}

void define_request(const Call& c) {
  c.out.emit(
      R"(
    $future_signature$
      return stub_call_future<$outcome$>(std::move(request), options);
    }

    $callback_signature$
      return stub_call<$outcome$>(std::move(request), std::move(done), options);
    }

  )",
      {{"outcome", c.m.name + "Outcome"},
       {"future_signature",
        c.out.aligned("wirekit::Future<" + c.m.name + "Outcome> Client::" + c.name,
                      {c.type + " request", "wirekit::RequestOptions options"}, " {")},
       {"callback_signature",
        c.out.aligned("wirekit::RequestId Client::" + c.name,
                      {c.type + " request", "std::function<void(" + c.m.name + "Outcome)> done",
                       "wirekit::RequestOptions options"},
                      " {")}});
}

void declare_stream(const Call& c) {
  const Stream& st = *c.p.stream_of(c.m.name);
  const std::string end = c.m.name + "End";
  c.out.line();
  std::string doc = doc_of(c.m, c.m.name) + (st.doc.empty() ? "" : "\n\n" + st.doc);
  if (st.generated_key)
    doc += "\n\nLeave `" + st.request_key + "` empty: the runtime fills in a fresh key.";
  if (st.one_result) {
    c.out.comment(doc +
                  "\n\nOne item, then the stream completes: returns a future of its item and "
                  "how it ended (in C++20, co_await it: wirekit/coro.hpp); the callback form "
                  "calls `done` once, on the client's loop, and returns a handle to cancel it.");
    c.out.aligned_call("wirekit::Future<" + c.m.name + "Result> " + c.name,
                       {"const " + c.type + "& request"}, ";");
    c.out.aligned_call(
        "wirekit::StreamHandle " + c.name,
        {"const " + c.type + "& request", "std::function<void(" + c.m.name + "Result)> done"}, ";");
    return;
  }
  c.out.comment(doc + "\n\nCalls `on_item` for each item until the stream ends, is cancelled" +
                (st.cancel.empty() ? "" : " (cancel() sends " + st.cancel + ")") +
                " or the connection closes; `on_end` is told once why, with the end or failure "
                "message typed.");
  c.out.aligned_call(
      "wirekit::StreamHandle " + c.name,
      {"const " + c.type + "& request", "std::function<void(const " + c.m.name + "Item&)> on_item",
       "std::function<void(const " + end + "&)> on_end = {}"},
      ";");
  c.out.line();
  c.out.comment(
      "The same stream read one item at a time; destroying the reader cancels the stream if it "
      "is still open (in C++20, co_await its next(): wirekit/coro.hpp).");
  c.out.aligned_call(
      "wirekit::StreamReader<" + c.m.name + "Item, " + c.m.name + "EndMessage> " + c.name,
      {"const " + c.type + "& request"}, ";");
}

/// The functions a stream's method hands the stub: `<name>_cancel_` makes the cancel messages
/// for some keys, `<name>_key_` writes a generated key into the request.
void define_stream_helpers(const Call& c, const Stream& st) {
  const Message* cancel = st.cancel.empty() ? nullptr : c.p.find_message(st.cancel);
  if (!cancel && !st.generated_key) return;
  c.out.line("namespace {");
  c.out.line();
  if (cancel) {
    const Field& key = *c.p.any_field(*cancel, st.cancel_key);
    const std::string signature = "std::vector<wirekit::Outgoing> " + c.name +
                                  "_cancel_(const std::vector<std::string>& keys) {";
    const std::string type = qualified(c.p, cancel->name);
    if (key.type.kind == TypeRef::Kind::array) {
      c.out.emit(R"(
        $signature$
          $type$ cancel;
          cancel.$key$ = keys;
          return {wirekit::make_outgoing<$hooks$>(cancel)};
        }
      )",
                 {{"signature", signature},
                  {"type", type},
                  {"key", key.cpp_name},
                  {"hooks", qualified(c.p, "detail::Hooks")}});
    } else {
      c.out.emit(R"(
        $signature$
          std::vector<wirekit::Outgoing> out;
          for (const auto& key : keys) {
            $type$ cancel;
            cancel.$key$ = key;
            out.push_back(wirekit::make_outgoing<$hooks$>(cancel));
          }
          return out;
        }
      )",
                 {{"signature", signature},
                  {"type", type},
                  {"key", key.cpp_name},
                  {"hooks", qualified(c.p, "detail::Hooks")}});
    }
    c.out.line();
  }
  if (st.generated_key) {
    c.out.short_function(
        "void " + c.name + "_key_(" + c.type + "& request, std::string_view key)",
        "request." + c.p.any_field(c.m, st.request_key)->cpp_name + " = std::string(key);");
    c.out.line();
  }
  c.out.line("}  // namespace");
  c.out.line();
}

/// A call laid out as clang-format does: aligned after `head(` unless breaking after it (the
/// arguments on one line four columns in) takes fewer lines.
std::function<void()> stub_call_of(const Call& c, const std::string& head,
                                   const std::vector<std::string>& args) {
  return [&c, head, args] {
    Printer trial;
    for (std::size_t i = 0; i < c.out.indentation() / 2; ++i) trial.indent();
    trial.aligned_call(head, args, ";");
    const std::string& text = trial.str();
    std::string joined;
    for (const auto& a : args) joined += (joined.empty() ? "" : ", ") + a;
    if (std::count(text.begin(), text.end(), '\n') > 2 &&
        c.out.indentation() + 4 + joined.size() + 2 <= 100)
      c.out.call(head, joined, ";");
    else
      c.out.aligned_call(head, args, ";");
  };
}

void define_stream(const Call& c) {
  const Stream& st = *c.p.stream_of(c.m.name);
  define_stream_helpers(c, st);
  const std::string key = st.generated_key ? c.name + "_key_" : "nullptr";
  const std::string cancel = st.cancel.empty() ? "nullptr" : c.name + "_cancel_";
  const std::string types = "<" + c.m.name + "Item, " + c.m.name + "EndMessage>";
  if (st.one_result) {
    c.out.emit(
        R"(
      $future_signature$
        $future_call$
      }

      $callback_signature$
        $callback_call$
      }

    )",
        {{"future_signature",
          c.out.aligned("wirekit::Future<" + c.m.name + "Result> Client::" + c.name,
                        {"const " + c.type + "& request"}, " {")},
         {"future_call",
          stub_call_of(c, "return stub_stream_future" + types, {"request", key, cancel})},
         {"callback_signature", c.out.aligned("wirekit::StreamHandle Client::" + c.name,
                                              {"const " + c.type + "& request",
                                               "std::function<void(" + c.m.name + "Result)> done"},
                                              " {")},
         {"callback_call", stub_call_of(c, "return stub_stream_once" + types,
                                        {"request", key, "std::move(done)", cancel})}});
    return;
  }
  c.out.emit(
      R"(
    $signature$
      $call$
    }

    $reader_signature$
      $reader_call$
    }

  )",
      {{"reader_signature", c.out.aligned("wirekit::StreamReader" + types + " Client::" + c.name,
                                          {"const " + c.type + "& request"}, " {")},
       {"reader_call",
        stub_call_of(c, "return stub_stream_reader" + types, {"request", key, cancel})},
       {"signature", c.out.aligned("wirekit::StreamHandle Client::" + c.name,
                                   {"const " + c.type + "& request",
                                    "std::function<void(const " + c.m.name + "Item&)> on_item",
                                    "std::function<void(const " + c.m.name + "End&)> on_end"},
                                   " {")},
       {"call",
        stub_call_of(c, "return stub_stream" + types,
                     {"request", key, "std::move(on_item)", "std::move(on_end)", cancel})}});
}

void declare_event(const Call& c) {
  c.out.line();
  c.out.comment(doc_of(c.m, c.m.name) +
                "\n\nThe runtime stamps its id and time and tracks it until the server "
                "acks it; returns the id. `acked`, if given, is called once: with code ok "
                "when the server acks it, else with why not (not_connected, disconnected "
                "when the connection ends first or the ack deadline passes, stopped).");
  c.out.aligned_call("std::string " + c.name, {c.type + " event", "wirekit::AckHandler acked = {}"},
                     ";");
}

void define_event(const Call& c) {
  c.out.emit(
      R"(
    $signature$
      return stub_event(std::move(event), std::move(acked));
    }

  )",
      {{"signature", c.out.aligned("std::string Client::" + c.name,
                                   {c.type + " event", "wirekit::AckHandler acked"}, " {")}});
}

void declare_one_way(const Call& c) {
  c.out.line();
  c.out.comment(doc_of(c.m, c.m.name) + "\n\nFalse when it could not be queued.");
  c.out.line("bool " + c.name + "(const " + c.type + "& message);");
}

void define_one_way(const Call& c) {
  c.out.short_function("bool Client::" + c.name + "(const " + c.type + "& message)",
                       "return runtime().send(wirekit::make_outgoing<" +
                           qualified(c.p, "detail::Hooks") + ">(message));");
  c.out.line();
}

struct CallKind {
  void (*declare)(const Call&);
  void (*define)(const Call&);
};

// The handshake's first message goes through connect() and acks are sent by the runtime:
// neither gets a method.
const CallKind* call_kind(StubCall call) {
  static constexpr CallKind kRequest{declare_request, define_request};
  static constexpr CallKind kStream{declare_stream, define_stream};
  static constexpr CallKind kEvent{declare_event, define_event};
  static constexpr CallKind kOneWay{declare_one_way, define_one_way};
  switch (call) {
    case StubCall::request:
      return &kRequest;
    case StubCall::stream:
      return &kStream;
    case StubCall::event:
      return &kEvent;
    case StubCall::one_way:
      return &kOneWay;
    case StubCall::handshake:
    case StubCall::ack:
      return nullptr;
  }
  return nullptr;
}

void emit_call(Printer& out, const Protocol& p, const Message& m,
               void (*CallKind::*part)(const Call&)) {
  if (const CallKind* kind = call_kind(client_call(p, m)))
    (kind->*part)(Call{out, p, m, method_name(m), qualified(p, m.name)});
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
      stub_handler($index$, std::move(handler));
    }

  )",
           {{"index", index_of(m.name)}, {"signature", [&] {
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
                 out.emit(R"(
                   runtime().set_handshake([first = std::move(first)] {
                     return wirekit::make_outgoing<$hooks$>(first);
                   });
                 )",
                          {{"hooks", qualified(p, "detail::Hooks")}});
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
    class Client : public wirekit::ClientStub<$to_client$, $hooks$> {
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
            {"hooks", qualified(p, "detail::Hooks")},
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
                 if (m.sent_by_client()) emit_call(out, p, m, &CallKind::declare);
               for (const auto& m : p.messages)
                 if (is_push(p, m)) declare_handler(out, p, m);
             }},
            {"spec_doc", [&] { out.comment(spec_doc("client")); }}});
  return GeneratedFile{output_path(p, "client.hpp"), out.str()};
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
                 if (m.sent_by_client()) emit_call(out, p, m, &CallKind::define);
               for (const auto& m : p.messages)
                 if (is_push(p, m)) define_handler(out, p, m);
             }}});
  return GeneratedFile{output_path(p, "client.cpp"), out.str()};
}

}  // namespace

std::vector<GeneratedFile> emit_client(const Protocol& p) { return {header(p), source(p)}; }

}  // namespace wirekit::gen
