#include "upstream_consumer.hpp"

#include "connection_log.hpp"

namespace tetra_example {
namespace {

// Django's default user model, as TetraConsumer's user_prefix names it.
const std::string kUserPrefix = "auth.user.";

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

bool allowed(const std::string& group, const std::vector<std::string>& registered) {
  for (const auto& entry : registered) {
    if (!entry.empty() && entry.back() == '*') {
      if (starts_with(group, entry.substr(0, entry.size() - 1))) return true;
    } else if (group == entry) {
      return true;
    }
  }
  return false;
}

tetra_upstream::SubscriptionResponse response(const std::string& group,
                                              tetra_upstream::SubscriptionStatus status) {
  tetra_upstream::SubscriptionResponse r;
  r.metadata = tetra_upstream::Metadata{};
  r.group = group;
  r.status = status;
  return r;
}

}  // namespace

std::optional<std::string> refusal(const std::string& group,
                                   const std::vector<std::string>& registered) {
  if (group.empty()) return "Invalid group name";
  if (group == "broadcast" || group == "users")
    return "Manual subscription to '" + group + "' group is not allowed.";
  // Exactly auth.user.<id>: a further dot makes it another group.
  if (starts_with(group, kUserPrefix) && group.find('.', kUserPrefix.size()) == std::string::npos)
    return "Manual subscription to private user group is not allowed.";
  if (starts_with(group, "session.")) return "No manually joining of session groups allowed.";
  if (!allowed(group, registered)) return "Subscription group is not registered";
  return std::nullopt;
}

void UpstreamConsumer::on_open(Session& s) {
  example::log_opened(s.id());
  server().join("broadcast", s);
  server().join("users", s);
}

void UpstreamConsumer::on_close(Session& s, const wirekit::CloseInfo& info) {
  example::log_closed(s.id(), info);
}

void UpstreamConsumer::on_ping(Session&, const tetra_upstream::Ping&,
                               tetra_upstream::stub::PingReply reply) {
  reply(tetra_upstream::Pong{});
}

void UpstreamConsumer::on_subscribe(Session& s, const tetra_upstream::Subscribe& r,
                                    tetra_upstream::stub::SubscribeStream stream) {
  using Status = tetra_upstream::SubscriptionStatus;
  if (auto why = refusal(r.group, registered_)) {
    std::fprintf(stderr, "subscription to '%s' refused: %s\n", r.group.c_str(), why->c_str());
    auto refused = response(r.group, Status::kError);
    refused.message = *why;
    stream.push(refused);
    stream.end();
    return;
  }
  std::lock_guard<std::mutex> lock(m_);
  if (in_group(s.id(), r.group)) {
    // The group's items keep coming through the stream of the first subscription.
    stream.push(response(r.group, Status::kResubscribed));
    stream.end();
    return;
  }
  stream.push(response(r.group, Status::kSubscribed));
  server().join(r.group, stream);
  joined_.insert(r.group);
}

// Unsubscribe cancels the group's stream; it leaves the group once this handler has run.
void UpstreamConsumer::on_unsubscribe(Session& s, const tetra_upstream::Unsubscribe& r) {
  {
    std::lock_guard<std::mutex> lock(m_);
    bool was_in = false;
    for (const auto& member : server().members(r.group))
      if (member.connection == s.id()) was_in = server().leave(r.group, member) || was_in;
    if (!was_in) return;
  }
  server().send(s.id(), response(r.group, tetra_upstream::SubscriptionStatus::kUnsubscribed));
}

void UpstreamConsumer::tick() {
  std::lock_guard<std::mutex> lock(m_);
  ++ticks_;
  for (auto group = joined_.begin(); group != joined_.end();) {
    if (server().members(*group).empty()) {
      group = joined_.erase(group);
      continue;
    }
    tetra_upstream::ComponentDataChanged changed;
    changed.metadata = tetra_upstream::Metadata{};
    changed.group = *group;
    changed.data = wirekit::Json("{\"tick\":" + std::to_string(ticks_) + "}");
    server().send_to_group(*group, changed);
    ++group;
  }
}

bool UpstreamConsumer::in_group(wirekit::ConnectionId id, const std::string& group) {
  for (const auto& member : server().members(group))
    if (member.connection == id) return true;
  return false;
}

}  // namespace tetra_example
