#include "gateway.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

#include <wirekit/overloaded.hpp>

#include "connection_log.hpp"

namespace example {
namespace {

constexpr const char* kVersion = "0.2.0";
constexpr std::string_view kServiceGroup = "service:";  // a service's group: its subscribers

bool valid_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool digits_only(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A SemVer 2.0 version number: digits, without leading zeros.
bool semver_number(const std::string& text) {
  return digits_only(text) && (text.size() == 1 || text[0] != '0');
}

// SemVer 2.0 build metadata: dot-separated, non-empty identifiers of letters, digits and hyphens.
bool semver_build(const std::string& text) {
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = text.find('.', start);
    const std::size_t end = dot == std::string::npos ? text.size() : dot;
    if (end == start) return false;
    for (std::size_t i = start; i < end; ++i)
      if (!std::isalnum(static_cast<unsigned char>(text[i])) && text[i] != '-') return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

// Compatible with ^0.2.0, as upstream checks it with the semver crate: a well-formed SemVer 2.0
// version with major 0 and minor 2, any patch and any build metadata, and no pre-release (a
// requirement without one matches no pre-release version, e.g. 0.2.1-alpha). Upstream panics on
// a version that is not SemVer at all (Version::parse(..).unwrap()) and drops the connection
// without a close code; refusing it with 4007 keeps the gateway up and says why.
bool compatible_version(const std::string& version) {
  std::string core = version;
  if (const auto plus = core.find('+'); plus != std::string::npos) {
    if (!semver_build(core.substr(plus + 1))) return false;
    core.erase(plus);
  }
  if (core.find('-') != std::string::npos) return false;  // a pre-release
  const auto first = core.find('.');
  const auto second = first == std::string::npos ? first : core.find('.', first + 1);
  if (second == std::string::npos || core.find('.', second + 1) != std::string::npos) return false;
  return core.substr(0, first) == "0" && core.substr(first + 1, second - first - 1) == "2" &&
         semver_number(core.substr(second + 1));
}

concierge::InvalidService invalid_service(const std::string& name) {
  return concierge::InvalidService{name};
}

}  // namespace

Gateway::Gateway(Options options) : options_(std::move(options)), server_(*this, options_.server) {
  server_.start();
}

wirekit::Accept<concierge::Hello> Gateway::on_identify(Session& session,
                                                       const concierge::Identify& request) {
  using Accept = wirekit::Accept<concierge::Hello>;
  // Checked in upstream's order, each refused with upstream's close reason.
  if (!valid_name(request.name))
    return Accept::refuse(concierge::close_code::kBadAuth, "Name must be alphanumeric");
  if (options_.secret.empty() ? request.secret.has_value()
                              : request.secret.value_or("") != options_.secret)
    return Accept::refuse(concierge::close_code::kBadSecret, "Secret mismatch");
  if (!compatible_version(request.version))
    return Accept::refuse(concierge::close_code::kBadVersion, "Version mismatch");
  if (find_by_name(request.name))
    return Accept::refuse(concierge::close_code::kDuplicateAuth, "Duplicate name in namespace");
  Member& me = session.state();
  me.info =
      concierge::Client{request.name, request.nickname, wirekit::Uuid::generate(), request.tags};
  // To the identified clients: this one is listed once HELLO is sent.
  server_.broadcast(concierge::ClientJoined{me.info});
  return concierge::Hello{me.info.uuid, kVersion};
}

void Gateway::on_self_subscribe(Session& session, const concierge::SelfSubscribe& request,
                                concierge::stub::SelfSubscribeReply reply) {
  auto it = services_.find(request.service);
  if (it == services_.end()) return reply(invalid_service(request.service));
  const bool joined = server_.join(group_of(request.service), session);
  const concierge::Service service = service_info(it->second);
  reply(concierge::SelfSubscribeResult{joined, service});
  if (!joined) return;
  server_.send_to_group(group_of(request.service),
                        concierge::ServiceClientSubscribed{session.state().info, service});
}

void Gateway::on_self_unsubscribe(Session& session, const concierge::SelfUnsubscribe& request,
                                  concierge::stub::SelfUnsubscribeReply reply) {
  auto it = services_.find(request.service);
  if (it == services_.end()) return reply(invalid_service(request.service));
  const bool left = server_.leave(group_of(request.service), session);
  const concierge::Service service = service_info(it->second);
  reply(concierge::SelfUnsubscribeResult{left, service});
  if (!left) return;
  // concierge.md: SERVICE_CLIENT_UNSUBSCRIBED is "broadcasted to the service when a client
  // unsubscribes from the service", to those still subscribed (upstream does so too).
  server_.send_to_group(group_of(request.service),
                        concierge::ServiceClientUnsubscribed{session.state().info, service});
}

void Gateway::on_self_fetch(Session& session, const concierge::SelfFetch&,
                            concierge::stub::SelfFetchReply reply) {
  concierge::SelfFetchResult result;
  result.client = session.state().info;
  for (const auto& name : subscriptions(session.id()))
    result.subscriptions.push_back(service_info(services_.at(name)));
  reply(result);
}

void Gateway::on_self_set_seq(Session&, const concierge::SelfSetSeq&,
                              concierge::stub::SelfSetSeqReply reply) {
  reply(concierge::Ok{});  // the runtime already set the counter; OK carries the new number
}

void Gateway::on_service_create(Session& session, const concierge::ServiceCreate& request,
                                concierge::stub::ServiceCreateReply reply) {
  concierge::ServiceCreateResult result;
  auto it = services_.find(request.service);
  result.successful = it == services_.end();
  if (result.successful) {
    OwnedService s;
    s.info.name = request.service;
    s.info.nickname = request.nickname;
    s.info.owner_uuid = session.state().info.uuid;
    s.owner = session.id();
    it = services_.emplace(request.service, std::move(s)).first;
  }
  result.service = service_info(it->second);
  if (result.successful) server_.broadcast(result);  // unsequenced, to everyone
  reply(result);
}

void Gateway::on_service_delete(Session& session, const concierge::ServiceDelete& request,
                                concierge::stub::ServiceDeleteReply reply) {
  auto it = services_.find(request.service);
  if (it == services_.end()) return reply(invalid_service(request.service));
  // Upstream sends this BAD without a seq, the one status it leaves unsequenced, so a client
  // cannot match it to its SERVICE_DELETE. Kept sequenced on purpose: the schema lists BAD as
  // SERVICE_DELETE's error reply, and the client SDK would otherwise wait for a reply in vain.
  if (it->second.owner != session.id()) return reply(concierge::Bad{});
  concierge::ServiceDeleteResult result;
  result.service = service_info(it->second);
  remove_service(request.service);
  server_.broadcast(result);
  reply(result);
}

void Gateway::on_service_fetch(Session&, const concierge::ServiceFetch& request,
                               concierge::stub::ServiceFetchReply reply) {
  auto it = services_.find(request.service);
  if (it == services_.end()) return reply(invalid_service(request.service));
  reply(concierge::ServiceFetchResult{service_info(it->second)});
}

void Gateway::on_service_fetch_all(Session&, const concierge::ServiceFetchAll&,
                                   concierge::stub::ServiceFetchAllReply reply) {
  concierge::ServiceFetchAllResult result;
  for (const auto& [name, s] : services_) result.services.push_back(service_info(s));
  reply(result);
}

void Gateway::on_client_fetch_all(Session&, const concierge::ClientFetchAll&,
                                  concierge::stub::ClientFetchAllReply reply) {
  concierge::ClientFetchAllResult result;
  for (const auto& [id, member] : members()) result.clients.push_back(member->info);
  reply(result);
}

void Gateway::on_message(Session& session, const concierge::Message& request,
                         concierge::stub::MessageReply reply) {
  const Member& me = session.state();
  concierge::Message message = request;
  // The gateway fills in the origin itself, whatever the client sent.
  message.origin = concierge::Origin{me.info.name, me.info.nickname, me.info.uuid, me.info.tags};
  auto deliver = [&](wirekit::ConnectionId to) {
    server_.send(to, message);
    reply(concierge::Ok{});
  };
  std::visit(wirekit::overloaded{
                 [&](const concierge::TargetName& t) {
                   if (auto to = find_by_name(t.name)) return deliver(to);
                   concierge::InvalidName invalid;
                   invalid.name = t.name;
                   reply(invalid);
                 },
                 [&](const concierge::TargetUuid& t) {
                   if (auto to = find_by_uuid(t.uuid)) return deliver(to);
                   concierge::InvalidUuid invalid;
                   invalid.uuid = t.uuid;
                   reply(invalid);
                 },
                 [&](const concierge::TargetService& t) {
                   auto it = services_.find(t.service);
                   if (it == services_.end()) return reply(invalid_service(t.service));
                   message.origin->service = service_info(it->second);
                   if (it->second.owner == session.id()) {
                     server_.send_to_group(group_of(t.service), message,
                                           session.id());  // to subscribers
                   } else if (subscribed(session.id(), t.service)) {
                     server_.send(it->second.owner, message);  // subscriber to the owner only
                   } else {
                     return reply(concierge::Bad{});
                   }
                   reply(concierge::Ok{});
                 },
                 [&](const concierge::TargetServiceClientUuid& t) {
                   // Upstream looks the service up first: unknown is INVALID_SERVICE, and only
                   // a known service that the sender does not own is BAD.
                   auto it = services_.find(t.service);
                   if (it == services_.end()) return reply(invalid_service(t.service));
                   if (it->second.owner != session.id()) return reply(concierge::Bad{});
                   // Sent on behalf of the service, as upstream does: the origin names it.
                   message.origin->service = service_info(it->second);
                   if (auto to = find_by_uuid(t.uuid)) return deliver(to);
                   concierge::InvalidUuid invalid;
                   invalid.uuid = t.uuid;
                   reply(invalid);
                 },
                 [&](const concierge::TargetAll&) {
                   // Every connected client, the sender too: upstream broadcasts to them all.
                   server_.broadcast(message);
                   reply(concierge::Ok{});
                 },
             },
             request.target);
}

void Gateway::on_open(Session& session) {
  if (options_.log) log_opened(session.id());
}

void Gateway::on_close(Session& session, const wirekit::CloseInfo& info) {
  if (options_.log) log_closed(session.id(), info);
  if (!session.handshaken()) return;  // it never identified: nobody knew it
  const Member gone = session.state();
  // The stub takes the connection out of its groups after this handler, so groups_of() still
  // names the services it was in. Upstream reports the services as they stood when the client
  // left: its own services with their subscribers (itself too, if it was subscribed), and the
  // ones it was in still listing it. state_of() no longer finds a closed connection, so
  // service_info() skips it and the leaver is added back.
  const std::vector<std::string> in = subscriptions(session.id());
  const auto as_it_stood = [&](const OwnedService& s) {
    concierge::Service info = service_info(s);
    if (std::binary_search(in.begin(), in.end(), s.info.name))
      info.subscribers.push_back(gone.info.uuid);
    return info;
  };
  std::vector<concierge::Service> owned;
  for (const auto& [name, s] : services_)
    if (s.owner == session.id()) owned.push_back(as_it_stood(s));
  std::vector<concierge::Service> joined;
  for (const auto& name : in)
    if (auto s = services_.find(name); s != services_.end() && s->second.owner != session.id())
      joined.push_back(as_it_stood(s->second));
  for (auto& info : owned) {
    remove_service(info.name);
    server_.broadcast(concierge::ServiceDeleteResult{std::move(info)});
  }
  // NOTES.md: to the services it was in. (Upstream's loop notifies the subscribers of every
  // remaining service, also those the leaver was not in; not followed.)
  for (auto& info : joined) {
    const std::string group = group_of(info.name);
    server_.send_to_group(group, concierge::ServiceClientUnsubscribed{gone.info, std::move(info)},
                          session.id());
  }
  server_.broadcast(concierge::ClientLeft{gone.info});
}

Gateway::Members Gateway::members() const {
  Members out;
  for (auto id : server_.connections())
    if (auto member = server_.state_of(id)) out.emplace_back(id, std::move(member));
  return out;
}

std::string Gateway::group_of(const std::string& service) {
  return std::string(kServiceGroup) + service;
}

std::vector<std::string> Gateway::subscriptions(wirekit::ConnectionId id) const {
  std::vector<std::string> out;  // sorted, as groups_of() is and the prefix keeps it
  for (const auto& group : server_.groups_of(id))
    if (group.compare(0, kServiceGroup.size(), kServiceGroup) == 0)
      out.push_back(group.substr(kServiceGroup.size()));
  return out;
}

bool Gateway::subscribed(wirekit::ConnectionId id, const std::string& service) const {
  const auto in = subscriptions(id);
  return std::binary_search(in.begin(), in.end(), service);
}

void Gateway::remove_service(const std::string& service) {
  const std::string group = group_of(service);
  for (const auto& member : server_.members(group)) server_.leave(group, member);
  services_.erase(service);
}

concierge::Service Gateway::service_info(const OwnedService& service) const {
  concierge::Service info = service.info;
  info.subscribers.clear();
  for (const auto& member : server_.members(group_of(service.info.name)))
    if (auto state = server_.state_of(member.connection))
      info.subscribers.push_back(state->info.uuid);
  return info;
}

wirekit::ConnectionId Gateway::find_by_name(const std::string& name) const {
  for (const auto& [id, member] : members())
    if (member->info.name == name) return id;
  return 0;
}

wirekit::ConnectionId Gateway::find_by_uuid(const wirekit::Uuid& uuid) const {
  for (const auto& [id, member] : members())
    if (member->info.uuid == uuid) return id;
  return 0;
}

}  // namespace example
