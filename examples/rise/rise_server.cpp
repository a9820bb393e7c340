// rise-server: a Rise model server on the generated stubs, answering as the npm Rise 0.14
// server does (the differential test tests/interop/differential/rise-0.14.json compares them
// frame by frame). Models and event handlers: rise_models.hpp. Each connection holds one
// subscription per key, as the 0.14 server's per-key handler maps do: a key subscribed twice
// gets its value again at once, and one `up` per change. A change's `up` goes out before the
// `evt-res` of the event that made it. An unknown key gets nothing.
// Run: build/bin/rise-server [--host HOST] [--port PORT] [--wire 0.14|document]
//      [--tls-cert FILE --tls-key FILE]
#include <cstdio>
#include <map>
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

/// The models and, per connection, the stream each subscribed key's `up`s go through.
/// `Wire` gives the form's stream type and its `up` message.
template <class Wire>
class Subscriptions {
 public:
  using Stream = typename Wire::Stream;

  void subscribe(wirekit::ConnectionId c, const std::vector<std::string>& keys, Stream stream) {
    std::lock_guard<std::mutex> lock(m_);
    bool load = false;
    for (const auto& key : keys) {
      streams_[c].insert_or_assign(key, stream);
      load = models_.starts_loading(key) || load;
      if (auto v = models_.value(key)) stream.push(Wire::up(key, *v));
    }
    if (load) {
      models_.finish_loading();
      changed("loaded");
    }
  }

  void unsubscribe(wirekit::ConnectionId c, const std::vector<std::string>& keys) {
    std::lock_guard<std::mutex> lock(m_);
    auto it = streams_.find(c);
    if (it == streams_.end()) return;
    for (const auto& key : keys) it->second.erase(key);
  }

  void forget(wirekit::ConnectionId c) {
    std::lock_guard<std::mutex> lock(m_);
    streams_.erase(c);
  }

  /// Runs the event; the `up`s of what it changed are pushed before this returns.
  EventResult event(const std::vector<wirekit::Json>& path, const std::vector<std::string>& args) {
    std::vector<std::string> texts;
    for (const auto& p : path) texts.push_back(p.text);
    std::lock_guard<std::mutex> lock(m_);
    std::vector<std::string> keys;
    EventResult r = models_.handle(texts, args, keys);
    for (const auto& key : keys) changed(key);
    return r;
  }

 private:
  void changed(const std::string& key) {
    const ModelValue v = *models_.value(key);
    for (auto& [connection, streams] : streams_)
      if (auto it = streams.find(key); it != streams.end()) it->second.push(Wire::up(key, v));
  }

  std::mutex m_;
  rise_example::Models models_;
  std::map<wirekit::ConnectionId, std::map<std::string, Stream>> streams_;
};

std::vector<wirekit::Json> as_json(const std::optional<std::vector<std::string>>& texts) {
  if (!texts) return {};
  return std::vector<wirekit::Json>(texts->begin(), texts->end());
}

// The 0.14 form: `evt` and `evt-res` are flat; an undefined value is an `up` without `val`.
struct Wire014 {
  using Stream = rise_0_14::stub::SubStream;
  static rise_0_14::Up up(const std::string& key, const ModelValue& v) {
    rise_0_14::Up u;
    u.key = key;
    if (v.defined) u.val = wirekit::Json(v.json);
    return u;
  }
};

class Rise014 : public rise_0_14::stub::Handlers<> {
 public:
  void on_open(Session& s) override { example::log_opened(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override {
    subscriptions_.forget(s.id());
    example::log_closed(s.id(), info);
  }
  void on_sub(Session& s, const rise_0_14::Sub& r, rise_0_14::stub::SubStream stream) override {
    subscriptions_.subscribe(s.id(), r.keys, std::move(stream));
  }
  void on_unsub(Session& s, const rise_0_14::Unsub& r) override {
    subscriptions_.unsubscribe(s.id(), r.keys);
  }
  void on_evt(Session&, const rise_0_14::Evt& r, rise_0_14::stub::EvtReply reply) override {
    std::vector<std::string> args;
    for (const auto& a : r.payload) args.push_back(a.text);
    const EventResult result = subscriptions_.event(r.target.path, args);
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
  using Stream = rise::stub::SubStream;
  static rise::Up up(const std::string& key, const ModelValue& v) {
    rise::Up u;
    u.key = key;
    u.val = wirekit::Json(v.defined ? v.json : "null");
    return u;
  }
};

class RiseDocument : public rise::stub::Handlers<> {
 public:
  void on_open(Session& s) override { example::log_opened(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override {
    subscriptions_.forget(s.id());
    example::log_closed(s.id(), info);
  }
  void on_sub(Session& s, const rise::Sub& r, rise::stub::SubStream stream) override {
    subscriptions_.subscribe(s.id(), r.keys, std::move(stream));
  }
  void on_unsub(Session& s, const rise::Unsub& r) override {
    subscriptions_.unsubscribe(s.id(), r.keys);
  }
  void on_evt(Session&, const rise::Evt& r, rise::stub::EvtReply reply) override {
    const EventResult result = subscriptions_.event(r.event.target.path, {r.event.payload.text});
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
