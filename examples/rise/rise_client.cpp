// rise-client: Rise's model flow on the generated client stubs, against rise-server or the npm
// Rise 0.14 server (models `counter` and `list`; event handlers at path ["events", NAME]:
// `increment`, `append`, `fail`). It subscribes to both models and
// prints each `up` (the value now), triggers a change with an `increment` event and prints the
// `evt-res` and the new `up`, appends to the list, sends `fail` (answered with error: true), then
// unsubscribes and shows that a further change sends no `up`. One line per step.
// Speaks the 0.14 wire form of the npm packages by default, `--wire document` for rise.md's.
// Run: build/bin/rise-client [--host HOST] [--port PORT] [--wire 0.14|document] [--tls]
//      [--ca FILE]
#include <string>
#include <vector>

#include "client_cli.hpp"
#include "client_flow.hpp"
#include "rise/rise_client.hpp"
#include "rise_0_14/rise_0_14_client.hpp"

namespace {

using example::await;
using example::FlowError;
using example::say;

// A button's press, whose handler the server finds at target.path: the model `events`, then
// the handler's name (as the npm Rise server looks it up).
template <class Target>
void target(Target& t, const std::string& handler) {
  t.key = "b1";
  t.component = "Button";
  t.prop_key = "onPress";
  t.path = {wirekit::Json("\"events\""), wirekit::Json("\"" + handler + "\"")};
}

// Where the two wire forms differ: `evt` carries its target and argument flat (0.14) or in
// `event` (document), `evt-res` its result flat or in `res`.
struct Wire014 {
  using Client = rise_0_14::stub::Client;
  using Sub = rise_0_14::Sub;
  using Up = rise_0_14::Up;
  using Evt = rise_0_14::Evt;
  using EvtRes = rise_0_14::EvtRes;
  static Evt event(const std::string& handler, const std::string& arg) {
    Evt e;
    target(e.target, handler);
    e.model_state = wirekit::Json(R"({"$":"event"})");
    if (!arg.empty()) e.payload = {wirekit::Json(arg)};
    return e;
  }
  static bool error(const EvtRes& r) { return r.error.value_or(false); }
  static std::string result(const EvtRes& r) { return r.payload ? r.payload->text : "null"; }
  static std::string value(const Up& u) { return u.val ? u.val->text : "undefined"; }
};

struct WireDocument {
  using Client = rise::stub::Client;
  using Sub = rise::Sub;
  using Up = rise::Up;
  using Evt = rise::Evt;
  using EvtRes = rise::EvtRes;
  static Evt event(const std::string& handler, const std::string& arg) {
    Evt e;
    target(e.event.target, handler);
    e.event.model_state = wirekit::Json(R"({"$":"event"})");
    if (!arg.empty()) e.event.payload = wirekit::Json(arg);
    return e;
  }
  static bool error(const EvtRes& r) { return r.res.error.value_or(false); }
  static std::string result(const EvtRes& r) {
    return r.res.payload ? r.res.payload->text : "null";
  }
  static std::string value(const Up& u) { return u.val.text; }
};

template <class Wire>
class Flow {
 public:
  explicit Flow(const example::ClientCli& cli) : cli_(cli), client_(cli.options()) {
    // An `up` outside the subscription's stream: one must not come after unsub.
    client_.on_up([this](const typename Wire::Up& up) { stray_.push("up " + up.key); });
  }

  void run() {
    example::connect(client_, cli_);
    typename Wire::Sub sub;
    sub.keys = {"counter", "list"};
    say("-> sub counter list");
    auto handle = client_.sub(sub, [this](const typename Wire::Up& up) {
      ups_.push("up " + up.key + " = " + Wire::value(up));
    });
    say("<- " + ups_.next("up counter"));
    say("<- " + ups_.next("up list"));

    const std::string counter = event("increment", "", false);
    expect_up("up counter = " + counter);
    const std::string list = event("append", "\"milk\"", false);
    expect_up("up list = " + list);
    event("fail", "", true);

    say("-> unsub counter list");
    handle.cancel();  // sends unsub
    // The server pushes a change's `up` before it answers the event, so none after this reply
    // means the subscription is gone.
    event("increment", "", false);
    if (!ups_.empty() || !stray_.empty()) throw FlowError("an up arrived after unsub");
    say("   (no up: unsubscribed)");
    client_.close(1000, "done");
  }

 private:
  /// Sends event `component` and prints its evt-res; returns its result.
  std::string event(const std::string& component, const std::string& arg, bool expect_error) {
    say("-> evt " + component + (arg.empty() ? "" : " " + arg));
    auto out = await(client_.evt(Wire::event(component, arg)), "evt " + component);
    const auto& res = *out.reply();
    const bool error = Wire::error(res);
    say("<- evt-res " + std::string(error ? "error " : "") + Wire::result(res));
    if (error != expect_error)
      throw FlowError("evt " + component + " was " + (error ? "" : "not ") +
                      "answered with an error");
    return Wire::result(res);
  }

  void expect_up(const std::string& expected) {
    const std::string line = ups_.next(expected);
    say("<- " + line);
    if (line != expected) throw FlowError("expected " + expected + ", got " + line);
  }

  const example::ClientCli& cli_;
  example::Inbox ups_, stray_;
  typename Wire::Client client_;  // last: destroyed first, so no handler outlives the inboxes
};

}  // namespace

int main(int argc, char** argv) {
  example::ClientCli cli("rise-client",
                         "Rise's model flow: sub, up now and on change, events (one answered "
                         "with an error), unsub.",
                         rise_0_14::protocol_spec());
  std::string wire = "0.14";
  cli.add_option("--wire", "FORM", "0.14 (the npm packages' form, default) or document", &wire);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  if (wire != "0.14" && wire != "document") return cli.usage_error("--wire is 0.14 or document");
  return example::run_flow(cli.program(), [&] {
    if (wire == "document")
      Flow<WireDocument>(cli).run();
    else
      Flow<Wire014>(cli).run();
  });
}
