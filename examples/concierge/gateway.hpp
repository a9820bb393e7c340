// A concierge gateway built on the generated concierge SDK and wirekit::Server: clients
// identify, own and subscribe to services, and route MESSAGE payloads. The runtime enforces
// the handshake (IDENTIFY within 5 s, 4002/4003/4004) and numbers each payload; this class
// holds only the gateway's own rules.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include <wirekit/server.hpp>

#include "concierge/concierge_codec.hpp"

namespace example {

class Gateway {
 public:
  struct Options {
    wirekit::ServerOptions server;  ///< host, port (0: ephemeral), limits, deadlines
    std::string secret;             ///< empty: no secret required
  };

  explicit Gateway(Options options);
  /// Stops the server first, so no handler runs while the gateway's state is destroyed.
  ~Gateway() { server_.stop(); }
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;
  /// The port the gateway listens on.
  std::uint16_t port() const { return server_.port(); }
  void stop() { server_.stop(); }

 private:
  struct Member {
    concierge::Client info;
    std::set<std::string> subscriptions;
  };
  struct OwnedService {
    concierge::Service info;
    wirekit::ConnectionId owner = 0;
  };

  void on_message(wirekit::ConnectionId id, const wirekit::Incoming& in);
  void on_close(wirekit::ConnectionId id);
  void identify(wirekit::ConnectionId id, const concierge::Identify& request);
  void handle(wirekit::ConnectionId id, std::int64_t seq, const concierge::ToServer& request);
  void route(wirekit::ConnectionId id, std::int64_t seq, concierge::Message message);

  template <class Reply>
  void reply(wirekit::ConnectionId id, std::int64_t seq, Reply message) {
    message.seq = seq;
    server_.send(id, concierge::encode(message));
  }
  template <class Payload>
  void broadcast(const Payload& message, wirekit::ConnectionId except = 0) {
    const std::string text = concierge::encode(message);
    for (const auto& [other, member] : members_)
      if (other != except) server_.send(other, text);
  }
  void send_to_service(const OwnedService& service, const std::string& text);
  concierge::Service service_info(const OwnedService& service) const;
  wirekit::ConnectionId find_by_name(const std::string& name) const;
  wirekit::ConnectionId find_by_uuid(const wirekit::Uuid& uuid) const;

  Options options_;
  wirekit::Server server_;
  std::map<wirekit::ConnectionId, Member> members_;  // identified clients only
  std::map<std::string, OwnedService> services_;
};

}  // namespace example
