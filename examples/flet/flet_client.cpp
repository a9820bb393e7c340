// flet-client: Flet's host-client flow on the generated client stub, against flet-server (or a
// Flet server). A host client registers a page; a second connection registers as a web client
// of that page, which starts a session (the host gets sessionCreated and the page "connect"
// event); the host then adds controls (their ids come back), sets and gets a property, and sends
// a batch. One line per step.
// Run: build/bin/flet-client [--host HOST] [--port PORT] [--path PATH] [--page NAME]
//      [--tls] [--ca FILE]
#include <map>
#include <string>
#include <vector>

#include "client_cli.hpp"
#include "client_flow.hpp"
#include "flet/flet_client.hpp"

namespace {

using example::await;
using example::FlowError;
using example::say;

flet::Command command(std::string name, std::vector<std::string> values) {
  flet::Command c;
  c.name = std::move(name);
  c.values = std::move(values);
  return c;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

class Flow {
 public:
  Flow(const example::ClientCli& cli, std::string page)
      : cli_(cli), page_(std::move(page)), host_(cli.options()), web_(cli.options()) {
    host_.on_session_created([this](const flet::SessionCreated& m) {
      pushed_.push("sessionCreated " + m.page_name + " session " + m.session_id);
    });
    host_.on_page_event_to_host([this](const flet::PageEventToHost& m) {
      pushed_.push("pageEventToHost " + m.event_target + " " + m.event_name);
    });
  }

  void run() {
    example::connect(host_, cli_);
    register_host();
    start_session();
    page_commands();
    batch();
    host_.close(1000, "done");
    web_.close(1000, "done");
  }

 private:
  void register_host() {
    flet::RegisterHostClient reg;
    reg.page_name = page_;
    say("-> registerHostClient page " + page_);
    auto out = await(host_.register_host_client(reg), "registerHostClient");
    const auto& r = *out.reply();
    if (!r.error.empty()) throw FlowError("registerHostClient refused: " + r.error);
    say("<- registerHostClient hostClientId " + r.host_client_id + " page " + r.page_name);
  }

  // A session exists once a web client attaches to the page; this connection stands in for
  // the browser.
  void start_session() {
    example::require_connected(web_.connect(cli_.host(), cli_.port(), cli_.path()), cli_.url());
    flet::RegisterWebClient reg;
    reg.page_name = page_;
    say("-> registerWebClient page " + page_ + " (a second connection, as a browser)");
    auto out = await(web_.register_web_client(reg), "registerWebClient");
    const auto& r = *out.reply();
    if (!r.error.empty() || !r.session)
      throw FlowError("registerWebClient refused: " + (r.error.empty() ? "no session" : r.error));
    session_ = r.session->id;
    say("<- registerWebClient session " + session_);
    say("<- " + pushed_.next("sessionCreated"));
    say("<- " + pushed_.next("the page connect event"));
  }

  flet::PageCommandResponse send(const flet::Command& c, const std::string& shown) {
    flet::PageCommandFromHost request;
    request.page_name = page_;
    request.session_id = session_;
    request.command = c;
    say("-> pageCommandFromHost " + shown);
    auto out = await(host_.page_command_from_host(request), "pageCommandFromHost " + c.name);
    const auto& r = *out.reply();
    if (!r.error.empty()) throw FlowError(c.name + " failed: " + r.error);
    say("<- pageCommandResponse result \"" + r.result + "\"");
    return r;
  }

  void page_commands() {
    const std::string ids = send(command("add", {"text", "button"}), "add text button").result;
    const std::string first = ids.substr(0, ids.find(' '));
    if (first.empty()) throw FlowError("add returned no control id");
    auto set = command("set", {first});
    set.attrs = std::map<std::string, std::string>{{"value", "42"}};
    send(set, "set " + first + " value=42");
    const std::string value =
        send(command("get", {first, "value"}), "get " + first + " value").result;
    if (value != "42") throw FlowError("get returned \"" + value + "\", not the 42 set");
    first_ = first;
  }

  void batch() {
    flet::PageCommandsBatchFromHost request;
    request.page_name = page_;
    request.session_id = session_;
    request.commands = {command("add", {"icon"}), command("get", {first_, "value"})};
    say("-> pageCommandsBatchFromHost [add icon; get " + first_ + " value]");
    auto out = await(host_.page_commands_batch_from_host(request), "pageCommandsBatchFromHost");
    const auto& r = *out.reply();
    if (!r.error.empty()) throw FlowError("the batch failed: " + r.error);
    const std::vector<std::string> results = r.results.value_or(std::vector<std::string>{});
    say("<- pageCommandsBatchResponse results [" + joined(results) + "]");
    if (results.size() != 2)
      throw FlowError("the batch returned " + std::to_string(results.size()) + " results, not 2");
  }

  const example::ClientCli& cli_;
  std::string page_, session_, first_;
  example::Inbox pushed_;
  flet::stub::Client host_, web_;  // last: destroyed first, so no handler outlives the inbox
};

}  // namespace

int main(int argc, char** argv) {
  example::ClientCli cli("flet-client",
                         "Flet's host-client flow: register a page, start a session, page "
                         "commands and a batch.",
                         flet::protocol_spec());
  std::string page = "counter";
  cli.add_option("--page", "NAME", "the page to register (default counter)", &page);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  return example::run_flow(cli.program(), [&] { Flow(cli, page).run(); });
}
