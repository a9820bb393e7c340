// README "Write your own protocol": the heart of examples/new-app, a kv server and client.
// The lines between the readme markers are README's block, character for character.
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "kv/kv_client.hpp"
#include "kv/kv_server.hpp"

namespace readme {

// clang-format off
// [readme]
// server: one handler per message the client sends
class Store : public kv::stub::Handlers<> {
  void on_put(Session& session, const kv::Put& request, kv::stub::PutReply reply) override {
    if (request.key.empty()) return reply(kv::Rejected{request.key, "the key is empty"});
    const std::int64_t version = ++versions_[request.key];
    server().send_to_group(request.key, kv::Changed{request.key, request.value, version});
    reply(kv::Stored{request.key, version});
    server().broadcast(kv::Notice{"stored " + request.key}, session.id());  // a push
  }
  void on_watch(Session&, const kv::Watch& request, kv::stub::WatchStream stream) override {
    server().join(request.key, stream);  // leaves by itself on unwatch or close
  }
  std::map<std::string, std::int64_t> versions_;
};
// [/readme]
// clang-format on

void kv_snippet(const wirekit::ServerOptions& options, const kv::Watch& watch, const kv::Put& put) {
  // clang-format off
  // [readme]
  Store store;
  kv::stub::Server<> server(store, options);  // options.port = 9100
  server.run();                               // until SIGINT or SIGTERM

  // client: one method per message it sends, one handler per push
  kv::stub::Client client;
  client.on_notice([](const kv::Notice& n) { std::puts(n.text.c_str()); });
  client.connect("127.0.0.1", 9100);
  auto handle = client.watch(watch, [](const kv::Changed& c) { std::puts(c.value.c_str()); });
  auto outcome = client.put(put).get();  // outcome.reply() (Stored) or .error<kv::Rejected>()
  if (auto* stored = outcome.reply()) std::cout << "version " << stored->version << "\n";
  handle.cancel();                        // sends Unwatch
  // [/readme]
  // clang-format on
}

}  // namespace readme
