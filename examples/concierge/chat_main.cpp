// concierge-chat: a line chat on the generated concierge client stub, against concierge-server
// (or an ERT concierge gateway). It identifies with --name (and --secret); with --service it
// creates that service when it does not exist (and owns it: its lines go to the subscribers) or
// else subscribes to it (its lines go to the owner); with --to its lines go to that client;
// with neither, to everyone. Each line of stdin is sent as a MESSAGE whose data is the line as a
// JSON string; each MESSAGE that arrives prints as "<origin name>: <data>", each client joining
// or leaving as "* NAME joined" / "* NAME left". At the end of stdin it closes with 1000 and
// exits 0; when the server refuses or closes the connection it prints the close code and
// reason and exits 1.
// Run: build/bin/concierge-chat --name NAME [--secret S] [--service NAME] [--to NAME]
//      [--host HOST] [--port PORT] [--path PATH] [--tls] [--ca FILE]
#include <simdjson.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include <wirekit/json_writer.hpp>

#include "client_cli.hpp"
#include "client_flow.hpp"
#include "concierge/concierge_client.hpp"
#include "stdin_lines.hpp"

namespace {

using example::await;
using example::FlowError;
using example::say;

struct Settings {
  std::string name, secret, service, to;
};

/// A MESSAGE's data as a line: a JSON string's text (what concierge-chat sends), else the JSON.
std::string text_of(const wirekit::Json& data) {
  simdjson::dom::parser parser;
  std::string_view text;
  if (!data.text.empty() && data.text.front() == '"' &&
      parser.parse(data.text).get_string().get(text) == simdjson::SUCCESS)
    return std::string(text);
  return data.text;
}

/// The tag of the reply an outcome holds (e.g. INVALID_NAME), or its session error.
template <class Outcome>
std::string reply_name(const Outcome& outcome) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, wirekit::SessionError>)
          return v.to_string();
        else
          return std::string(T::kTag);
      },
      outcome.value());
}

class Chat {
 public:
  Chat(const example::ClientCli& cli, Settings settings)
      : cli_(cli), s_(std::move(settings)), client_(cli.options()) {
    client_.on_message([](const concierge::Message& m) {
      say((m.origin ? m.origin->name : std::string("?")) + ": " + text_of(m.data));
    });
    client_.on_client_joined(
        [](const concierge::ClientJoined& m) { say("* " + m.client.name + " joined"); });
    client_.on_client_left(
        [](const concierge::ClientLeft& m) { say("* " + m.client.name + " left"); });
    client_.on_service_delete_result([](const concierge::ServiceDeleteResult& m) {
      say("* service " + m.service.name + " deleted");
    });
    client_.on_close([this](const wirekit::CloseInfo& info) {
      if (!info.by_peer) return;  // our own close at the end of stdin
      std::lock_guard<std::mutex> lock(m_);
      closed_ = info;
      closed_by_peer_ = true;
    });
  }

  int run() {
    try {
      connect();
      if (!s_.service.empty()) join(s_.service);
      relay_stdin();
    } catch (const FlowError& e) {
      // A request that failed because the server closed: say how it closed.
      return fail(closed_by_peer_ ? "the server closed the connection: " + close_text()
                                  : std::string(e.what()));
    }
    if (closed_by_peer_) return fail("the server closed the connection: " + close_text());
    client_.close(1000, "bye");
    client_.stop();
    return 0;
  }

 private:
  void connect() {
    concierge::Identify me;
    me.name = s_.name;
    me.version = std::string(concierge::protocol_spec().version);
    if (!s_.secret.empty()) me.secret = s_.secret;
    auto hello = client_.connect(cli_.host(), cli_.port(), me, cli_.path());
    example::require_connected(hello.result, cli_.url());
    if (!hello) throw FlowError("the server sent no HELLO");
    say("* connected to " + cli_.url() + " as " + s_.name);
  }

  /// Creates the service, or subscribes to it when it exists.
  void join(const std::string& service) {
    if (await(client_.service_fetch(concierge::ServiceFetch{service}), "SERVICE_FETCH")
            .is_error()) {
      auto created =
          await(client_.service_create(concierge::ServiceCreate{service}), "SERVICE_CREATE");
      if (created.reply()->successful) return say("* created service " + service);
      // Another client created it since the fetch: subscribe to theirs.
    }
    auto subscribed =
        await(client_.self_subscribe(concierge::SelfSubscribe{service}), "SELF_SUBSCRIBE");
    if (!subscribed.ok() || !subscribed.reply()->successful)
      throw FlowError("cannot subscribe to " + service + ": " + reply_name(subscribed));
    say("* subscribed to service " + service);
  }

  void relay_stdin() {
    example::StdinLines input;
    std::string line;
    for (;;) {
      if (closed_by_peer_) return;
      const auto got = input.next(line, 100);
      if (got == example::StdinLines::Got::end) return;
      if (got == example::StdinLines::Got::nothing_yet || line.empty()) continue;
      send(line);
    }
  }

  void send(const std::string& line) {
    concierge::Message message;
    if (!s_.to.empty())
      message.target = concierge::TargetName{s_.to};
    else if (!s_.service.empty())
      message.target = concierge::TargetService{s_.service};
    else
      message.target = concierge::TargetAll{};
    wirekit::JsonWriter data;
    data.string(line);
    message.data = wirekit::Json(data.take());
    // Waiting for the answer keeps the lines in order and reports each one not delivered.
    auto sent = await(client_.message(message), "MESSAGE");
    if (!sent.ok()) std::fprintf(stderr, "* not delivered: %s\n", reply_name(sent).c_str());
  }

  std::string close_text() {
    std::lock_guard<std::mutex> lock(m_);
    return std::to_string(closed_.code) + " " + closed_.reason;
  }

  int fail(const std::string& why) const {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", cli_.program().c_str(), why.c_str());
    return 1;
  }

  const example::ClientCli& cli_;
  Settings s_;
  std::mutex m_;
  wirekit::CloseInfo closed_;
  std::atomic<bool> closed_by_peer_{false};
  concierge::stub::Client client_;  // last: destroyed first, so no handler outlives the rest
};

}  // namespace

int main(int argc, char** argv) {
  example::ClientCli cli("concierge-chat",
                         "A line chat on the concierge gateway: each line of stdin is sent as a "
                         "MESSAGE to --to, to --service (created if it does not exist, else "
                         "subscribed to) or to everyone.",
                         concierge::protocol_spec(),
                         "Prints each MESSAGE as \"<origin name>: <data>\". Exits 0 at the end of "
                         "stdin, 1 when the server refuses or closes the connection.");
  Settings settings;
  cli.add_option("--name", "NAME", "the name to identify with (required)", &settings.name);
  cli.add_option("--secret", "S", "the secret to identify with", &settings.secret);
  cli.add_option("--service", "NAME", "the service to create or subscribe to", &settings.service);
  cli.add_option("--to", "NAME", "send each line to this client instead", &settings.to);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  if (settings.name.empty()) return cli.usage_error("--name is required");
  return Chat(cli, settings).run();
}
