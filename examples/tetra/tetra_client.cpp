// tetra-client: Tetra's WebSocket flow on the generated client stubs, against tetra-server.
// - Document form (default): subscribe to a group and print its subscription.response; call
//   update(41) on the group's component, print the call.response and the component.update_data
//   and notify it pushes to the group; a call the server does not serve gets the call error;
//   unsubscribe.
// - Upstream form (--wire upstream, Tetra's current consumer): ping and its pong; subscribe and
//   print the subscription.response; a subscription to the automatic group "broadcast", which
//   upstream refuses with status "error"; the group's next component.data_changed push (the
//   example server sends one every --tick); unsubscribe and its "unsubscribed" answer.
// One line per step.
// Run: build/bin/tetra-client [--host HOST] [--port PORT] [--wire document|upstream]
//      [--group NAME] [--tls] [--ca FILE]
#include <string>
#include <variant>

#include "client_cli.hpp"
#include "client_flow.hpp"
#include "tetra/tetra_client.hpp"
#include "tetra_upstream/tetra_upstream_client.hpp"

namespace {

using example::await;
using example::FlowError;
using example::say;

// The two forms name the values of their SubscriptionStatus enums alike.
template <class Status>
const char* status_name(Status status) {
  switch (status) {
    case Status::kSubscribed:
      return "subscribed";
    case Status::kResubscribed:
      return "resubscribed";
    case Status::kUnsubscribed:
      return "unsubscribed";
    case Status::kError:
      return "error";
  }
  return "?";
}

template <class Response>
std::string subscription(const Response& r) {
  return "subscription.response " + r.group + " " + status_name(r.status) +
         (r.message && !r.message->empty() ? ": " + *r.message : "");
}

// A subscription stream's item as one line.
struct Describe {
  std::string operator()(const tetra::SubscriptionResponse& r) const { return subscription(r); }
  std::string operator()(const tetra_upstream::SubscriptionResponse& r) const {
    return subscription(r);
  }
  std::string operator()(const tetra::ComponentUpdateData& m) const {
    return "component.update_data " + m.group + " " + m.data.text;
  }
  std::string operator()(const tetra::Notify& m) const {
    return "notify " + m.group + " " + m.event_name + " " + m.data.text;
  }
  std::string operator()(const tetra_upstream::ComponentDataChanged& m) const {
    return "component.data_changed " + m.group + " " + m.data.text;
  }
  std::string operator()(const tetra_upstream::ComponentCreated& m) const {
    return "component.created " + m.group + " " + m.data.text;
  }
  std::string operator()(const tetra_upstream::ComponentRemoved& m) const {
    return "component.removed " + m.group;
  }
};

void expect(const std::string& line, const std::string& start) {
  say("<- " + line);
  if (line.rfind(start, 0) != 0) throw FlowError("expected " + start + "..., got " + line);
}

/// Subscribes to `group` and waits for its subscription.response; the stream's items go to
/// `items`, one line each.
template <class Subscribe, class Item, class Client>
wirekit::StreamHandle subscribe(Client& client, const std::string& group, example::Inbox& items) {
  Subscribe sub;
  sub.group = group;
  say("-> subscribe " + group);
  auto handle = client.subscribe(
      sub, [&items](const Item& item) { items.push(std::visit(Describe{}, item)); });
  expect(items.next("subscription.response"), "subscription.response " + group + " subscribed");
  return handle;
}

void unsubscribe(wirekit::StreamHandle& handle, const std::string& group) {
  say("-> unsubscribe " + group);
  handle.cancel();  // sends unsubscribe
}

class DocumentFlow {
 public:
  DocumentFlow(const example::ClientCli& cli, std::string group)
      : cli_(cli), group_(std::move(group)), client_(cli.options()) {}

  void run() {
    example::connect(client_, cli_);
    auto handle = subscribe<tetra::Subscribe, tetra::stub::SubscribeItem>(client_, group_, items_);

    tetra::Call call;
    call.component_id = group_;
    call.method = "update";
    call.args = {wirekit::Json("41")};
    say("-> call " + group_ + ".update(41)");
    auto out = await(client_.call(call), "call update");
    if (const auto* e = out.error<tetra::CallError>())
      throw FlowError("update failed: " + e->error.code + ": " + e->error.message);
    say("<- call.response " + out.reply()->result.text);
    expect(items_.next("component.update_data"), "component.update_data " + group_ + " 41");
    expect(items_.next("notify"), "notify " + group_);

    call.method = "explode";
    say("-> call " + group_ + ".explode(41)");
    out = await(client_.call(call), "call explode");
    const auto* refused = out.error<tetra::CallError>();
    if (!refused) throw FlowError("explode was not refused");
    say("<- call error " + refused->error.code + ": " + refused->error.message);

    unsubscribe(handle, group_);
    client_.close(1000, "done");
  }

 private:
  const example::ClientCli& cli_;
  std::string group_;
  example::Inbox items_;
  tetra::stub::Client client_;  // last: destroyed first, so no handler outlives the inbox
};

class UpstreamFlow {
 public:
  UpstreamFlow(const example::ClientCli& cli, std::string group)
      : cli_(cli), group_(std::move(group)), client_(cli.options()) {
    // Answers outside a subscription's stream: "unsubscribed" comes after the stream ended.
    client_.on_subscription_response(
        [this](const tetra_upstream::SubscriptionResponse& r) { answers_.push(subscription(r)); });
  }

  void run() {
    example::connect(client_, cli_);
    say("-> ping");
    wirekit::RequestOptions within;
    within.timeout_ms = 5000;
    const auto pong = client_.ping(tetra_upstream::Ping{}, within).get();  // the next pong
    if (!pong.reply()) throw FlowError("ping: " + pong.session_error()->to_string());
    say("<- pong");

    auto handle = subscribe<tetra_upstream::Subscribe, tetra_upstream::stub::SubscribeItem>(
        client_, group_, items_);

    // Upstream refuses a subscription to an automatic group and the connection stays open.
    tetra_upstream::Subscribe automatic;
    automatic.group = "broadcast";
    say("-> subscribe broadcast");
    auto refused = client_.subscribe(
        automatic,
        [this](const tetra_upstream::stub::SubscribeItem& item) {
          refusals_.push("unexpected item " + std::visit(Describe{}, item));
        },
        // status "error" is the stream's failure: it ends the handle, typed.
        [this](const tetra_upstream::stub::SubscribeEnd& end) {
          const auto* r = end.get<tetra_upstream::SubscriptionResponse>();
          refusals_.push(r && end.failed() ? subscription(*r) : "no refusal");
        });
    expect(refusals_.next("subscription.response"), "subscription.response broadcast error");

    expect(items_.next("component.data_changed"), "component.data_changed " + group_);

    unsubscribe(handle, group_);
    expect(answers_.next("subscription.response"),
           "subscription.response " + group_ + " unsubscribed");
    client_.close(1000, "done");
  }

 private:
  const example::ClientCli& cli_;
  std::string group_;
  example::Inbox items_, refusals_, answers_;
  tetra_upstream::stub::Client client_;  // last: destroyed first, so no handler outlives them
};

}  // namespace

int main(int argc, char** argv) {
  example::ClientCli cli("tetra-client",
                         "Tetra's WebSocket flow: group subscription, its pushes, calls (document "
                         "form) or ping and a refused subscription (upstream form), unsubscribe.",
                         tetra::protocol_spec());
  std::string wire = "document", group = "counter";
  cli.add_option("--wire", "FORM", "document (default) or upstream (Tetra's current consumer)",
                 &wire);
  cli.add_option("--group", "NAME", "the group to subscribe to (default counter)", &group);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  if (wire != "document" && wire != "upstream")
    return cli.usage_error("--wire is document or upstream");
  return example::run_flow(cli.program(), [&] {
    if (wire == "upstream")
      UpstreamFlow(cli, group).run();
    else
      DocumentFlow(cli, group).run();
  });
}
