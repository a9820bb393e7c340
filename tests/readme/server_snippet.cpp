// README "Writing a server": handlers on the server stub, the handshake, a reply, typed sends,
// and run() in a program's main().
// The lines between the readme markers are README's blocks, character for character.
// clang-format off
// [readme]
#include "concierge/concierge_server.hpp"

// [/readme]
// clang-format on
#include <cstdio>
#include <string>

namespace readme {

bool taken(const std::string& name);
concierge::Hello hello_for(const concierge::Identify& request);
const concierge::Service* find(const std::string& service);
concierge::ServiceFetchResult result_for(const concierge::Service& service);
concierge::InvalidService invalid_service(const std::string& service);

// clang-format off
// [readme]
struct Member { std::string name; };

class Gateway : public concierge::stub::Handlers<Member> {
  // The handshake: accept with the typed success message, or refuse with a close code.
  wirekit::Accept<concierge::Hello> on_identify(Session& s, const concierge::Identify& r) override {
    if (taken(r.name)) return wirekit::Accept<concierge::Hello>::refuse(4005, "name taken");
    s.state().name = r.name;
    return hello_for(r);
  }
  // A request answers with one of its replies or errors; the stub fills in `seq`. `reply` may
  // be kept and called later, from any thread. reply(x) returns nothing, so a handler may
  // `return reply(x);`; reply.send(x) says whether it was sent (false once answered).
  void on_service_fetch(Session&, const concierge::ServiceFetch& r,
                        concierge::stub::ServiceFetchReply reply) override {
    if (auto* svc = find(r.service)) return reply(result_for(*svc));
    reply(invalid_service(r.service));
  }
};

// [/readme]
// clang-format on

void server_snippet(const concierge::Client& gone) {
  // clang-format off
  // [readme]
  Gateway gateway;
  concierge::stub::Server<Member> server(gateway);   // ServerOptions: host, port (0: any), tls, limits
  server.start();                                     // serves on its own thread; stop() ends it
  server.broadcast(concierge::ClientLeft{gone});      // typed sends: send(id, m), send(ids, m), broadcast(m)
  // [/readme]
  // clang-format on
}

int main_snippet(concierge::stub::Server<Member>& server) {
  // clang-format off
  // [readme run]
  server.run([](std::uint16_t port) { std::printf("listening on ws://127.0.0.1:%u/ws\n", port); });
  return 0;                                           // SIGINT or SIGTERM: stopped cleanly
  // [/readme]
  // clang-format on
}

}  // namespace readme
