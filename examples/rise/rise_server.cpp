// rise-server: a Rise model server on the generated stubs. Models: `counter` (a number) and
// `list` (an array of strings). Events by target component: `increment` adds one to the
// counter, `append` adds the event's first argument to the list, `fail` answers with
// `error: true`. Subscribers get each value now and on every change.
// Run: build/bin/rise-server [--host HOST] [--port PORT] [--wire 0.14|document]
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "rise/rise_server.hpp"
#include "rise_0_14/rise_0_14_server.hpp"
#include "serve_stub.hpp"

namespace {

// The models and their subscribers, shared by both wire forms.
template <class Up, class Stream>
class Models {
 public:
  Models() { values_ = {{"counter", "0"}, {"list", "[]"}}; }

  void subscribe(const std::vector<std::string>& keys, Stream stream) {
    std::lock_guard<std::mutex> lock(m_);
    for (const auto& key : keys)
      if (auto it = values_.find(key); it != values_.end()) stream.push(up(key, it->second));
    streams_.emplace_back(keys, std::move(stream));
  }

  /// Applies an event; false when it fails. `arg` is the event's first argument (JSON).
  bool apply(const std::string& component, const std::string& arg, std::string& result) {
    std::lock_guard<std::mutex> lock(m_);
    if (component == "increment") {
      counter_ += 1;
      result = std::to_string(counter_);
      set("counter", result);
      return true;
    }
    if (component == "append") {
      items_.push_back(arg.empty() ? "null" : arg);
      std::string list = "[";
      for (std::size_t i = 0; i < items_.size(); ++i) list += (i ? "," : "") + items_[i];
      result = list + "]";
      set("list", result);
      return true;
    }
    result = "\"no handler for " + component + "\"";
    return false;
  }

 private:
  static Up up(const std::string& key, const std::string& json) {
    Up u;
    u.key = key;
    u.val = wirekit::Json(json);
    return u;
  }
  void set(const std::string& key, const std::string& json) {
    values_[key] = json;
    for (auto it = streams_.begin(); it != streams_.end();) {
      if (!it->second.is_open()) {
        it = streams_.erase(it);
        continue;
      }
      for (const auto& k : it->first)
        if (k == key) it->second.push(up(key, json));
      ++it;
    }
  }

  std::mutex m_;
  long counter_ = 0;
  std::vector<std::string> items_;
  std::map<std::string, std::string> values_;
  std::vector<std::pair<std::vector<std::string>, Stream>> streams_;
};

void log_open(wirekit::ConnectionId id) {
  std::fprintf(stderr, "connection %llu opened\n", static_cast<unsigned long long>(id));
}
void log_close(wirekit::ConnectionId id, const wirekit::CloseInfo& info) {
  std::fprintf(stderr, "connection %llu closed: %u %s\n", static_cast<unsigned long long>(id),
               info.code, info.reason.c_str());
}

// The 0.14 form: `evt` and `evt-res` are flat.
class Rise014 : public rise_0_14::stub::Handlers<> {
 public:
  void on_open(Session& s) override { log_open(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override { log_close(s.id(), info); }
  void on_sub(Session&, const rise_0_14::Sub& r, rise_0_14::stub::SubStream stream) override {
    models_.subscribe(r.keys, std::move(stream));
  }
  void on_evt(Session&, const rise_0_14::Evt& r, rise_0_14::stub::EvtReply reply) override {
    std::string result;
    rise_0_14::EvtRes res;
    if (!models_.apply(r.target.component, r.payload.empty() ? "" : r.payload.front().text, result))
      res.error = true;
    res.payload = wirekit::Json(result);
    reply(res);
  }

 private:
  Models<rise_0_14::Up, rise_0_14::stub::SubStream> models_;
};

// The document's form: `evt` wraps its details in `event`, `evt-res` its result in `res`.
class RiseDocument : public rise::stub::Handlers<> {
 public:
  void on_open(Session& s) override { log_open(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override { log_close(s.id(), info); }
  void on_sub(Session&, const rise::Sub& r, rise::stub::SubStream stream) override {
    models_.subscribe(r.keys, std::move(stream));
  }
  void on_evt(Session&, const rise::Evt& r, rise::stub::EvtReply reply) override {
    std::string result;
    rise::EvtRes res;
    if (!models_.apply(r.event.target.component, r.event.payload.text, result))
      res.res.error = true;
    res.res.payload = wirekit::Json(result);
    reply(res);
  }

 private:
  Models<rise::Up, rise::stub::SubStream> models_;
};

}  // namespace

int main(int argc, char** argv) {
  example::ServerCli cli("rise-server",
                         "A Rise model server: models `counter` and `list`; events `increment`, "
                         "`append` and `fail` (answered with error: true).",
                         8080);
  std::string wire = "0.14";
  cli.add_option("--wire", "FORM", "0.14 (the npm packages' form, default) or document", &wire);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  if (wire != "0.14" && wire != "document") {
    std::fprintf(stderr, "rise-server: --wire is 0.14 or document\n");
    return 2;
  }
  example::ServerCli::block_signals();
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
