// A concierge gateway written on the generated server stub: clients identify, own and
// subscribe to services, and route MESSAGE payloads. The runtime enforces the session rules
// (IDENTIFY within 5 s, 4002/4003/4004, payload numbering) and the stub fills in each reply's
// seq; this class holds only the gateway's own rules.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "concierge/concierge_server.hpp"

namespace example {

/// What the gateway keeps per connection (the stub's per-session state). A service's
/// subscribers are the members of its group (group_of()); the stub lists only identified
/// connections (those past IDENTIFY).
struct Member {
  concierge::Client info;
};

class Gateway : public concierge::stub::Handlers<Member> {
 public:
  struct Options {
    wirekit::ServerOptions server;  ///< host, port (0: ephemeral), limits, deadlines
    /// The secret IDENTIFY must carry (4006 otherwise). Empty: an IDENTIFY with a non-null
    /// secret is refused with 4006, as the upstream server does.
    std::string secret;
    bool log = false;  ///< one stderr line per connection opened and closed
  };

  explicit Gateway(Options options);
  /// Stops the server first, so no handler runs while the gateway's state is destroyed.
  ~Gateway() override { server_.stop(); }
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;
  /// The port the gateway listens on.
  std::uint16_t port() const { return server_.port(); }
  void stop() { server_.stop(); }
  /// Serves until SIGINT or SIGTERM, then stops (the stub's run()).
  void run(const std::function<void(std::uint16_t port)>& ready) { server_.run(ready); }

  wirekit::Accept<concierge::Hello> on_identify(Session& session,
                                                const concierge::Identify& request) override;
  void on_self_subscribe(Session& session, const concierge::SelfSubscribe& request,
                         concierge::stub::SelfSubscribeReply reply) override;
  void on_self_unsubscribe(Session& session, const concierge::SelfUnsubscribe& request,
                           concierge::stub::SelfUnsubscribeReply reply) override;
  void on_self_fetch(Session& session, const concierge::SelfFetch& request,
                     concierge::stub::SelfFetchReply reply) override;
  void on_self_set_seq(Session& session, const concierge::SelfSetSeq& request,
                       concierge::stub::SelfSetSeqReply reply) override;
  void on_service_create(Session& session, const concierge::ServiceCreate& request,
                         concierge::stub::ServiceCreateReply reply) override;
  void on_service_delete(Session& session, const concierge::ServiceDelete& request,
                         concierge::stub::ServiceDeleteReply reply) override;
  void on_service_fetch(Session& session, const concierge::ServiceFetch& request,
                        concierge::stub::ServiceFetchReply reply) override;
  void on_service_fetch_all(Session& session, const concierge::ServiceFetchAll& request,
                            concierge::stub::ServiceFetchAllReply reply) override;
  void on_client_fetch_all(Session& session, const concierge::ClientFetchAll& request,
                           concierge::stub::ClientFetchAllReply reply) override;
  void on_message(Session& session, const concierge::Message& request,
                  concierge::stub::MessageReply reply) override;
  void on_open(Session& session) override;
  void on_close(Session& session, const wirekit::CloseInfo& info) override;

 private:
  struct OwnedService {
    concierge::Service info;
    wirekit::ConnectionId owner = 0;
  };
  using Members = std::vector<std::pair<wirekit::ConnectionId, std::shared_ptr<Member>>>;

  /// Every identified connection.
  Members members() const;
  /// The group of a service's subscribers (its owner too, if subscribed).
  static std::string group_of(const std::string& service);
  /// The services a connection is subscribed to, by name.
  std::vector<std::string> subscriptions(wirekit::ConnectionId id) const;
  bool subscribed(wirekit::ConnectionId id, const std::string& service) const;
  /// Empties the service's group and forgets the service.
  void remove_service(const std::string& service);
  concierge::Service service_info(const OwnedService& service) const;
  wirekit::ConnectionId find_by_name(const std::string& name) const;
  wirekit::ConnectionId find_by_uuid(const wirekit::Uuid& uuid) const;

  Options options_;
  std::map<std::string, OwnedService> services_;
  concierge::stub::Server<Member> server_;  // last: built once the state above exists
};

}  // namespace example
