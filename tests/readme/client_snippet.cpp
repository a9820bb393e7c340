// README "Writing a client": the client stub's handshake, requests, typed outcomes and cancel.
// The lines between the readme markers are README's block, character for character.
// clang-format off
// [readme]
#include "concierge/concierge_client.hpp"

// [/readme]
// clang-format on
#include <iostream>
#include <string>

namespace readme {

int fail(const std::string& why);
void use(const concierge::Service& service);
void warn(const std::string& service);
void log(const std::string& text);
void report(const concierge::stub::ServiceFetchOutcome& outcome);

int client_snippet() {
  // clang-format off
  // [readme]
  concierge::stub::Client client;
  client.on_client_joined([](const concierge::ClientJoined& m) { std::cout << m.client.name << "\n"; });
  client.on_close([](const wirekit::CloseInfo& c) { std::cerr << c.code << " " << c.reason << "\n"; });

  // name, nickname, version: a message is built in one expression (see "The message layer")
  auto hello = client.connect("127.0.0.1", 64209, concierge::Identify{"alice", {}, "0.2.0"});
  if (!hello) return fail(hello.result.to_string());
  // e.g. "handshake_failed: the server closed the connection: 4005 name taken"

  const concierge::ServiceFetch fetch{"weather"};
  auto found = client.service_fetch(fetch).get();         // std::future form
  if (auto* ok = found.reply()) use(ok->service);         // the success reply, typed
  else if (auto* e = found.error<concierge::InvalidService>()) warn(e->service);  // a typed error
  else log(found.session_error()->to_string());           // timeout, disconnected, cancelled...

  wirekit::RequestOptions quick;
  quick.timeout_ms = 2000;                                 // per call
  auto id = client.service_fetch(fetch, [](concierge::stub::ServiceFetchOutcome r) { report(r); }, quick);
  client.cancel(id);                                       // the callback gets `cancelled`
  // [/readme]
  // clang-format on
  return 0;
}

}  // namespace readme
