// rise-server: a Rise model server on the generated stubs, answering as the npm Rise 0.14
// server does (the differential test tests/interop/differential/rise-0.14.json compares them
// frame by frame). Models and event handlers: rise_models.hpp. Each connection holds one
// subscription per key, as the 0.14 server's per-key handler maps do: a key subscribed twice
// gets its value again at once, and one `up` per change. A change's `up` goes out before the
// `evt-res` of the event that made it. An unknown key gets nothing.
// Run: build/bin/rise-server [--host HOST] [--port PORT] [--wire 0.14|document]
//      [--tls-cert FILE --tls-key FILE]
#include <cstdio>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "connection_log.hpp"
#include "rise/rise_server.hpp"
#include "rise_0_14/rise_0_14_server.hpp"
#include "rise_models.hpp"
#include "serve_stub.hpp"

namespace {

using rise_example::EventResult;
using rise_example::ModelValue;

/// The models, and the streams each key's `up`s go through: the members of the server's group
/// named by the key, one stream per connection. `Wire` gives the form's server, stream type and
/// `up` message.
template <class Wire>
class Subscriptions {
 public:
  using Server = typename Wire::Server;
  using Stream = typename Wire::Stream;

  void subscribe(Server& server, const std::vector<std::string>& keys, const Stream& stream) {
    std::lock_guard<std::mutex> lock(m_);
    bool load = false;
    for (const auto& key : keys) {
      leave(server, stream.connection(), key);  // the new stream takes the key over
      server.join(key, stream);
      load = models_.starts_loading(key) || load;
      if (auto v = models_.value(key)) stream.push(Wire::up(key, *v));
    }
    if (load) {
      models_.finish_loading();
      changed(server, "loaded");
    }
  }

  void unsubscribe(Server& server, wirekit::ConnectionId c, const std::vector<std::string>& keys) {
    std::lock_guard<std::mutex> lock(m_);
    for (const auto& key : keys) leave(server, c, key);
  }

  /// Runs the event; the `up`s of what it changed are pushed before this returns.
  EventResult event(Server& server, const std::vector<wirekit::Json>& path,
                    const std::vector<std::string>& args) {
    std::vector<std::string> texts;
    for (const auto& p : path) texts.push_back(p.text);
    std::lock_guard<std::mutex> lock(m_);
    std::vector<std::string> keys;
    EventResult r = models_.handle(texts, args, keys);
    for (const auto& key : keys) changed(server, key);
    return r;
  }

 private:
  static void leave(Server& server, wirekit::ConnectionId c, const std::string& key) {
    for (const auto& member : server.members(key))
      if (member.connection == c) server.leave(key, member);
  }

  void changed(Server& server, const std::string& key) {
    server.send_to_group(key, Wire::up(key, *models_.value(key)));
  }

  std::mutex m_;
  rise_example::Models models_;
};

std::vector<wirekit::Json> as_json(const std::optional<std::vector<std::string>>& texts) {
  if (!texts) return {};
  return std::vector<wirekit::Json>(texts->begin(), texts->end());
}

// The 0.14 form: `evt` and `evt-res` are flat; an undefined value is an `up` without `val`.
struct Wire014 {
  using Server = rise_0_14::stub::Server<>;
  using Stream = rise_0_14::stub::SubStream;
  static rise_0_14::Up up(const std::string& key, const ModelValue& v) {
    if (!v.defined) return rise_0_14::Up{key};
    return rise_0_14::Up{key, wirekit::Json(v.json)};
  }
};

class Rise014 : public rise_0_14::stub::Handlers<> {
 public:
  void on_open(Session& s) override { example::log_opened(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override {
    example::log_closed(s.id(), info);
  }
  void on_sub(Session&, const rise_0_14::Sub& r, rise_0_14::stub::SubStream stream) override {
    subscriptions_.subscribe(server(), r.keys, stream);
  }
  void on_unsub(Session& s, const rise_0_14::Unsub& r) override {
    subscriptions_.unsubscribe(server(), s.id(), r.keys);
  }
  void on_evt(Session&, const rise_0_14::Evt& r, rise_0_14::stub::EvtReply reply) override {
    std::vector<std::string> args;
    for (const auto& a : r.payload) args.push_back(a.text);
    const EventResult result = subscriptions_.event(server(), r.target.path, args);
    rise_0_14::EvtRes res;
    if (result.error) res.error = true;
    if (result.payload) res.payload = wirekit::Json(*result.payload);
    if (result.actions) res.actions = as_json(result.actions);
    reply(res);
  }

 private:
  Subscriptions<Wire014> subscriptions_;
};

// The document's form: `evt` wraps its details in `event` (one payload value, the handler's
// argument), `evt-res` its result in `res`; `up` always has a `val` (null while undefined).
struct WireDocument {
  using Server = rise::stub::Server<>;
  using Stream = rise::stub::SubStream;
  static rise::Up up(const std::string& key, const ModelValue& v) {
    return rise::Up{key, wirekit::Json(v.defined ? v.json : "null")};
  }
};

class RiseDocument : public rise::stub::Handlers<> {
 public:
  void on_open(Session& s) override { example::log_opened(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override {
    example::log_closed(s.id(), info);
  }
  void on_sub(Session&, const rise::Sub& r, rise::stub::SubStream stream) override {
    subscriptions_.subscribe(server(), r.keys, stream);
  }
  void on_unsub(Session& s, const rise::Unsub& r) override {
    subscriptions_.unsubscribe(server(), s.id(), r.keys);
  }
  void on_evt(Session&, const rise::Evt& r, rise::stub::EvtReply reply) override {
    const EventResult result =
        subscriptions_.event(server(), r.event.target.path, {r.event.payload.text});
    rise::EvtRes res;
    if (result.error) res.res.error = true;
    if (result.payload) res.res.payload = wirekit::Json(*result.payload);
    if (result.actions) res.res.actions = as_json(result.actions);
    reply(res);
  }

 private:
  Subscriptions<WireDocument> subscriptions_;
};

}  // namespace

int main(int argc, char** argv) {
  example::ServerCli cli("rise-server",
                         "A Rise model server, answering as the npm Rise 0.14 server: models "
                         "counter, list, greeting/NAME, loaded; event handlers at path "
                         "[\"events\", NAME]: increment, append, reset, navigate, fail.",
                         rise_0_14::protocol_spec());
  std::string wire = "0.14";
  cli.add_option("--wire", "FORM", "0.14 (the npm packages' form, default) or document", &wire);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  if (wire != "0.14" && wire != "document") {
    std::fprintf(stderr, "rise-server: --wire is 0.14 or document\n");
    return 2;
  }
  try {
    if (wire == "document") {
      RiseDocument handlers;
      return example::serve_stub<rise::stub::Server<>>(cli, handlers, rise::protocol_spec());
    }
    Rise014 handlers;
    return example::serve_stub<rise_0_14::stub::Server<>>(cli, handlers,
                                                          rise_0_14::protocol_spec());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rise-server: %s\n", e.what());
    return 1;
  }
}
