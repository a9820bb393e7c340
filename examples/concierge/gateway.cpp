#include "gateway.hpp"

#include <algorithm>
#include <cctype>

#include "concierge/concierge_protocol.hpp"

namespace example {
namespace {

constexpr const char* kVersion = "0.2.0";

bool valid_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Compatible with ^0.2.0: major 0, minor 2, any patch.
bool compatible_version(const std::string& version) {
  return version.rfind("0.2.", 0) == 0 && version.size() > 4;
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

Gateway::Gateway(Options options)
    : options_(std::move(options)), server_(concierge::protocol_spec(), options_.server) {
  server_.on_message(
      [this](wirekit::ConnectionId id, const wirekit::Incoming& in) { on_message(id, in); });
  server_.on_close([this](wirekit::ConnectionId id, const wirekit::CloseInfo&) { on_close(id); });
  server_.start();
}

void Gateway::on_message(wirekit::ConnectionId id, const wirekit::Incoming& in) {
  // The runtime decoded the payload once and answered ERROR_PROTOCOL for one that did not.
  const auto& request = *static_cast<const concierge::ToServer*>(in.value);
  if (in.handshake) {
    identify(id, std::get<concierge::Identify>(request));
    return;
  }
  handle(id, in.seq.value_or(0), request);
}

void Gateway::identify(wirekit::ConnectionId id, const concierge::Identify& request) {
  if (!valid_name(request.name)) {
    server_.close(id, concierge::close_code::kBadAuth, "name must be alphanumeric or _");
    return;
  }
  if (!options_.secret.empty() && request.secret.value_or("") != options_.secret) {
    server_.close(id, concierge::close_code::kBadSecret, "bad secret");
    return;
  }
  if (!compatible_version(request.version)) {
    server_.close(id, concierge::close_code::kBadVersion, std::string("server is ") + kVersion);
    return;
  }
  if (find_by_name(request.name)) {
    server_.close(id, concierge::close_code::kDuplicateAuth, "name taken");
    return;
  }
  Member member;
  member.info.name = request.name;
  member.info.nickname = request.nickname;
  member.info.uuid = wirekit::Uuid::generate();
  member.info.tags = request.tags;
  concierge::ClientJoined joined;
  joined.client = member.info;
  broadcast(joined);
  concierge::Hello hello;
  hello.uuid = member.info.uuid;
  hello.version = kVersion;
  members_.emplace(id, std::move(member));
  server_.send(id, concierge::encode(hello));
}

void Gateway::handle(wirekit::ConnectionId id, std::int64_t seq,
                     const concierge::ToServer& request) {
  Member& me = members_.at(id);
  auto find_service = [&](const std::string& name) -> OwnedService* {
    auto it = services_.find(name);
    if (it != services_.end()) return &it->second;
    concierge::InvalidService invalid;
    invalid.service = name;
    reply(id, seq, invalid);
    return nullptr;
  };
  std::visit(Overloaded{
                 // The runtime answers a second IDENTIFY itself (the schema's
                 // replies.repeated_handshake), so this is only reached without that rule.
                 [&](const concierge::Identify&) { reply(id, seq, concierge::ErrorUnsupported{}); },
                 [&](const concierge::SelfSubscribe& r) {
                   OwnedService* s = find_service(r.service);
                   if (!s) return;
                   concierge::SelfSubscribeResult result;
                   result.successful = me.subscriptions.insert(r.service).second;
                   result.service = service_info(*s);
                   reply(id, seq, result);
                   if (result.successful) {
                     concierge::ServiceClientSubscribed note;
                     note.client = me.info;
                     note.service = result.service;
                     send_to_service(*s, concierge::encode(note));
                   }
                 },
                 [&](const concierge::SelfUnsubscribe& r) {
                   OwnedService* s = find_service(r.service);
                   if (!s) return;
                   concierge::SelfUnsubscribeResult result;
                   result.successful = me.subscriptions.erase(r.service) > 0;
                   result.service = service_info(*s);
                   reply(id, seq, result);
                 },
                 [&](const concierge::SelfFetch&) {
                   concierge::SelfFetchResult result;
                   result.client = me.info;
                   for (const auto& name : me.subscriptions)
                     result.subscriptions.push_back(service_info(services_.at(name)));
                   reply(id, seq, result);
                 },
                 [&](const concierge::SelfSetSeq&) {
                   // The runtime already set the counter; the OK carries the new number.
                   reply(id, seq, concierge::Ok{});
                 },
                 [&](const concierge::ServiceCreate& r) {
                   concierge::ServiceCreateResult result;
                   auto it = services_.find(r.service);
                   result.successful = it == services_.end();
                   if (result.successful) {
                     OwnedService s;
                     s.info.name = r.service;
                     s.info.nickname = r.nickname;
                     s.info.owner_uuid = me.info.uuid;
                     s.owner = id;
                     it = services_.emplace(r.service, std::move(s)).first;
                   }
                   result.service = service_info(it->second);
                   if (result.successful) broadcast(result);  // unsequenced, to everyone
                   reply(id, seq, result);
                 },
                 [&](const concierge::ServiceDelete& r) {
                   OwnedService* s = find_service(r.service);
                   if (!s) return;
                   if (s->owner != id) {
                     reply(id, seq, concierge::Bad{});
                     return;
                   }
                   concierge::ServiceDeleteResult result;
                   result.service = service_info(*s);
                   for (auto& [other, member] : members_) member.subscriptions.erase(r.service);
                   services_.erase(r.service);
                   broadcast(result);
                   reply(id, seq, result);
                 },
                 [&](const concierge::ServiceFetch& r) {
                   OwnedService* s = find_service(r.service);
                   if (!s) return;
                   concierge::ServiceFetchResult result;
                   result.service = service_info(*s);
                   reply(id, seq, result);
                 },
                 [&](const concierge::ServiceFetchAll&) {
                   concierge::ServiceFetchAllResult result;
                   for (const auto& [name, s] : services_)
                     result.services.push_back(service_info(s));
                   reply(id, seq, result);
                 },
                 [&](const concierge::ClientFetchAll&) {
                   concierge::ClientFetchAllResult result;
                   for (const auto& [other, member] : members_)
                     result.clients.push_back(member.info);
                   reply(id, seq, result);
                 },
                 [&](const concierge::Message& m) { route(id, seq, m); },
             },
             request);
}

void Gateway::route(wirekit::ConnectionId id, std::int64_t seq, concierge::Message message) {
  const Member& me = members_.at(id);
  // The gateway fills in the origin itself, whatever the client sent.
  concierge::Origin origin;
  origin.name = me.info.name;
  origin.nickname = me.info.nickname;
  origin.uuid = me.info.uuid;
  origin.tags = me.info.tags;
  message.origin = origin;
  auto deliver = [&](wirekit::ConnectionId to) {
    server_.send(to, concierge::encode(message));
    reply(id, seq, concierge::Ok{});
  };
  std::visit(Overloaded{
                 [&](const concierge::TargetName& t) {
                   if (auto to = find_by_name(t.name)) return deliver(to);
                   concierge::InvalidName invalid;
                   invalid.name = t.name;
                   reply(id, seq, invalid);
                 },
                 [&](const concierge::TargetUuid& t) {
                   if (auto to = find_by_uuid(t.uuid)) return deliver(to);
                   concierge::InvalidUuid invalid;
                   invalid.uuid = t.uuid;
                   reply(id, seq, invalid);
                 },
                 [&](const concierge::TargetService& t) {
                   auto it = services_.find(t.service);
                   if (it == services_.end()) {
                     concierge::InvalidService invalid;
                     invalid.service = t.service;
                     return reply(id, seq, invalid);
                   }
                   message.origin->service = service_info(it->second);
                   const std::string text = concierge::encode(message);
                   if (it->second.owner == id) {
                     send_to_service(it->second, text);  // owner to every subscriber
                   } else if (me.subscriptions.count(t.service)) {
                     server_.send(it->second.owner, text);  // subscriber to the owner only
                   } else {
                     return reply(id, seq, concierge::Bad{});
                   }
                   reply(id, seq, concierge::Ok{});
                 },
                 [&](const concierge::TargetServiceClientUuid& t) {
                   auto it = services_.find(t.service);
                   if (it == services_.end() || it->second.owner != id)
                     return reply(id, seq, concierge::Bad{});
                   if (auto to = find_by_uuid(t.uuid)) return deliver(to);
                   concierge::InvalidUuid invalid;
                   invalid.uuid = t.uuid;
                   reply(id, seq, invalid);
                 },
                 [&](const concierge::TargetAll&) {
                   broadcast(message, id);
                   reply(id, seq, concierge::Ok{});
                 },
             },
             message.target);
}

void Gateway::on_close(wirekit::ConnectionId id) {
  auto it = members_.find(id);
  if (it == members_.end()) return;  // never identified
  const Member gone = std::move(it->second);
  members_.erase(it);
  for (auto s = services_.begin(); s != services_.end();) {
    if (s->second.owner != id) {
      ++s;
      continue;
    }
    concierge::ServiceDeleteResult deleted;
    deleted.service = service_info(s->second);
    for (auto& [other, member] : members_) member.subscriptions.erase(s->first);
    s = services_.erase(s);
    broadcast(deleted);
  }
  for (const auto& name : gone.subscriptions) {
    auto s = services_.find(name);
    if (s == services_.end()) continue;
    concierge::ServiceClientUnsubscribed note;
    note.client = gone.info;
    note.service = service_info(s->second);
    send_to_service(s->second, concierge::encode(note));
  }
  concierge::ClientLeft left;
  left.client = gone.info;
  broadcast(left);
}

void Gateway::send_to_service(const OwnedService& service, const std::string& text) {
  for (const auto& [other, member] : members_)
    if (other != service.owner && member.subscriptions.count(service.info.name))
      server_.send(other, text);
}

concierge::Service Gateway::service_info(const OwnedService& service) const {
  concierge::Service info = service.info;
  info.subscribers.clear();
  for (const auto& [other, member] : members_)
    if (member.subscriptions.count(service.info.name)) info.subscribers.push_back(member.info.uuid);
  return info;
}

wirekit::ConnectionId Gateway::find_by_name(const std::string& name) const {
  for (const auto& [id, member] : members_)
    if (member.info.name == name) return id;
  return 0;
}

wirekit::ConnectionId Gateway::find_by_uuid(const wirekit::Uuid& uuid) const {
  for (const auto& [id, member] : members_)
    if (member.info.uuid == uuid) return id;
  return 0;
}

}  // namespace example
