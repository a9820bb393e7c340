// tetra-server's upstream form (--wire upstream): answers as Tetra's Django Channels consumer
// (TetraConsumer in tetra-framework/tetra, src/tetra/consumers.py) does:
// - every connection is in the automatic groups "broadcast" and "users" from the start;
// - subscribe answers subscription.response with status "subscribed", "resubscribed" when the
//   connection is in the group already, or "error" with a message (and the connection stays
//   open) for an empty group name, an automatic group, a private user group
//   ("auth.user.<id>"), a session group ("session.<key>") or a group the registry does not
//   allow;
// - unsubscribe answers "unsubscribed" only when the connection was in the group, else nothing;
// - ping is answered pong; navigation gets nothing;
// - every message in the unified envelope carries "metadata": {}.
// Upstream pushes a group's component messages when Django code calls ComponentDispatcher;
// this example stands in for that with tick(): component.data_changed {"tick": N} to the
// members of every group joined by hand.
// A connection's groups are the server's named groups: the session is a member of the automatic
// ones, the subscription stream of each group joined by hand.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tetra_upstream/tetra_upstream_server.hpp"

namespace tetra_example {

/// Why upstream refuses a subscription to `group`: its error message, or nullopt.
/// `registered`: the group registry's entries, an exact name or a prefix ending in '*'.
std::optional<std::string> refusal(const std::string& group,
                                   const std::vector<std::string>& registered);

class UpstreamConsumer : public tetra_upstream::stub::Handlers<> {
 public:
  explicit UpstreamConsumer(std::vector<std::string> registered)
      : registered_(std::move(registered)) {}

  void on_open(Session& s) override;
  void on_close(Session& s, const wirekit::CloseInfo& info) override;
  void on_ping(Session& s, const tetra_upstream::Ping&,
               tetra_upstream::stub::PingReply reply) override;
  void on_subscribe(Session& s, const tetra_upstream::Subscribe& r,
                    tetra_upstream::stub::SubscribeStream stream) override;
  void on_unsubscribe(Session& s, const tetra_upstream::Unsubscribe& r) override;

  /// Pushes component.data_changed {group, data: {"tick": N}} to the members of every group
  /// joined by hand; N counts the ticks.
  void tick();

 private:
  /// Whether the connection's session or one of its streams is in `group`.
  bool in_group(wirekit::ConnectionId id, const std::string& group);

  const std::vector<std::string> registered_;
  std::mutex m_;
  std::set<std::string> joined_;  ///< the groups joined by hand that may still have members
  long ticks_ = 0;
};

}  // namespace tetra_example
