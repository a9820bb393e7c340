// README "Writing a server", groups: sessions and streams join groups, one send reaches them.
// The lines between the readme markers are README's block, character for character.
#include <string>

#include "concierge/concierge_server.hpp"
#include "kv/kv_server.hpp"

namespace readme {

concierge::Service record_of(const std::string& service);
concierge::ServiceClientSubscribed subscribed(wirekit::ConnectionId who,
                                              const std::string& service);

class Services : public concierge::stub::Handlers<> {
  // clang-format off
  // [readme]
  // A concierge service's subscribers (examples/concierge/gateway.cpp):
  void on_self_subscribe(Session& s, const concierge::SelfSubscribe& r,
                         concierge::stub::SelfSubscribeReply reply) override {
    const bool joined = server().join("service:" + r.service, s);  // false: in it already
    reply(concierge::SelfSubscribeResult{joined, record_of(r.service)});
    server().send_to_group("service:" + r.service, subscribed(s.id(), r.service));  // to every subscriber
  }
  // [/readme]
  // clang-format on
};

class Watches : public kv::stub::Handlers<> {
  // clang-format off
  // [readme]
  // A stream joins too: kv's watches of a key (examples/new-app/store.cpp).
  void on_watch(Session&, const kv::Watch& r, kv::stub::WatchStream stream) override {
    server().join(r.key, stream);
  }
  // [/readme]
  // clang-format on
};

void groups_snippet(kv::stub::Server<>& server, const std::string& key, const kv::Changed& changed,
                    wirekit::ConnectionId except_id, wirekit::ConnectionId session) {
  // clang-format off
  // [readme]
  server.send_to_group(key, changed);               // pushed on each open watch of `key`
  server.send_to_group(key, changed, except_id);    // all but one connection's members
  server.leave(key, session);                       // or a stream; members(group), groups_of(session)
  // [/readme]
  // clang-format on
}

}  // namespace readme
