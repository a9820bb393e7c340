// flet-server: Flet's host-client protocol on the generated stubs, with an in-memory page per
// session. A host client registers a page; each web client registering for it starts a session:
// the host gets sessionCreated and a pageEventToHost {eventTarget: "page", eventName:
// "connect"}. The host's page commands apply to the session's page: `add` returns the new
// control ids joined by spaces, `set` stores properties (attrs) on the control named by the
// first value, `get` returns the property (values: id, name), `clean` and `remove` answer "";
// `begin`, `close`, `error` and the "f" variants (addf, setf, ...) get no reply at all.
// Run: build/bin/flet-server [--host HOST] [--port PORT] [--tls-cert FILE --tls-key FILE]
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "connection_log.hpp"
#include "flet/flet_server.hpp"
#include "server_cli.hpp"

namespace {

struct Page {
  int next_id = 1;
  std::map<std::string, std::map<std::string, std::string>> controls;  // id -> props
};

class Host : public flet::stub::Handlers<> {
 public:
  void on_open(Session& s) override { example::log_opened(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override {
    example::log_closed(s.id(), info);
    std::lock_guard<std::mutex> lock(m_);
    for (auto it = hosts_.begin(); it != hosts_.end();)
      it = it->second == s.id() ? hosts_.erase(it) : std::next(it);
  }

  void on_register_host_client(Session& s, const flet::RegisterHostClient& r,
                               flet::stub::RegisterHostClientReply reply) override {
    flet::RegisterHostClientResponse response;
    response.page_name = r.page_name;
    response.session_id = "0";  // flet.md: "sessionID": "0", // always "0"
    {
      std::lock_guard<std::mutex> lock(m_);
      hosts_[r.page_name] = s.id();
      response.host_client_id = "host" + std::to_string(s.id());
    }
    reply(response);
  }

  void on_register_web_client(Session&, const flet::RegisterWebClient& r,
                              flet::stub::RegisterWebClientReply reply) override {
    flet::RegisterWebClientResponse response;
    wirekit::ConnectionId host = 0;
    std::string session;
    {
      std::lock_guard<std::mutex> lock(m_);
      auto it = hosts_.find(r.page_name);
      if (it == hosts_.end()) {
        response.error = "no host serves page " + r.page_name;
        return reply(response);
      }
      host = it->second;
      session = r.session_id.empty() ? "s" + std::to_string(next_session_++) : r.session_id;
      pages_[key(r.page_name, session)];
    }
    response.session = flet::Session{session};
    reply(response);
    server().send(host, flet::SessionCreated{r.page_name, session});
    server().send(host, flet::PageEventToHost{r.page_name, session, "page", "connect"});
  }

  void on_page_command_from_host(Session&, const flet::PageCommandFromHost& r,
                                 flet::stub::PageCommandFromHostReply reply) override {
    std::string result, error;
    bool answer = false;
    {
      std::lock_guard<std::mutex> lock(m_);
      answer = apply(pages_[key(r.page_name, r.session_id)], r.command, result, error);
    }
    if (!answer) return;  // a command the protocol never answers
    reply(flet::PageCommandResponse{result, error});
  }

  void on_page_commands_batch_from_host(Session&, const flet::PageCommandsBatchFromHost& r,
                                        flet::stub::PageCommandsBatchFromHostReply reply) override {
    flet::PageCommandsBatchResponse response;
    response.results = std::vector<std::string>{};
    {
      std::lock_guard<std::mutex> lock(m_);
      Page& page = pages_[key(r.page_name, r.session_id)];
      for (const auto& c : r.commands) {
        std::string result;
        apply(page, c, result, response.error);
        response.results->push_back(result);
      }
    }
    reply(response);
  }

  void on_inactive_app_from_host(Session& s, const flet::InactiveAppFromHost& m) override {
    std::fprintf(stderr, "connection %s: page %s inactive\n", example::id_text(s.id()).c_str(),
                 m.page_name.c_str());
  }

 private:
  static std::string key(const std::string& page, const std::string& session) {
    return page + "\n" + session;
  }

  /// Applies `c`; false for a command that gets no reply.
  static bool apply(Page& page, const flet::Command& c, std::string& result, std::string& error) {
    const std::string& name = c.name;
    if (name == "begin" || name == "close" || name == "error" ||
        (name.size() > 1 && name.back() == 'f'))
      return false;
    const std::vector<std::string> none;
    const auto& values = c.values ? *c.values : none;
    if (name == "add") {
      // One control per sub-command; without any (flet.md's example sends "commands": []),
      // one per value, at least one.
      const std::size_t count = c.commands && !c.commands->empty()
                                    ? c.commands->size()
                                    : std::max<std::size_t>(1, values.size());
      for (std::size_t i = 0; i < count; ++i) {
        const std::string id = "_" + std::to_string(page.next_id++);
        page.controls[id];
        result += (i ? " " : "") + id;
      }
    } else if (name == "set") {
      if (values.empty() || !page.controls.count(values[0])) {
        error = "set: unknown control";
      } else if (c.attrs) {
        for (const auto& [k, v] : *c.attrs) page.controls[values[0]][k] = v;
      }
    } else if (name == "get") {
      if (values.size() < 2 || !page.controls.count(values[0]))
        error = "get: unknown control";
      else
        result = page.controls[values[0]][values[1]];
    } else if (name == "clean" || name == "remove") {
      for (const auto& id : values) page.controls.erase(id);
    } else {
      error = "unknown command " + name;
    }
    return true;
  }

  std::mutex m_;
  int next_session_ = 1;
  std::map<std::string, wirekit::ConnectionId> hosts_;  // page name -> host connection
  std::map<std::string, Page> pages_;                   // page and session -> page
};

}  // namespace

int main(int argc, char** argv) {
  const auto& spec = flet::protocol_spec();
  example::ServerCli cli("flet-server",
                         "Flet's host-client protocol with an in-memory page per session.", spec);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  try {
    Host host;
    wirekit::ServerOptions options = cli.options();
    flet::stub::Server<> server(host, options);
    server.run([&](std::uint16_t port) { cli.say_listening(port, spec.transport.path); });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "flet-server: %s\n", e.what());
    return 1;
  }
  return 0;
}
