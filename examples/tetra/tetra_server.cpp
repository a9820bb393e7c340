// tetra-server: the WebSocket side of Tetra on the generated stubs. Clients subscribe to groups
// and unsubscribe; members of a group receive its pushes.
// - Document form (default): `call` with method "update" on component C pushes
//   component.update_data {group: C, data: args[0]} and notify "updated" to C's members and
//   answers the call with args[0]; any other method gets a call error.
// - Upstream form (--wire upstream): ping is answered pong; each subscription pushes
//   component.created {group, data: {"members": N}} to every member of the group.
// Both forms answer unsubscribe with subscription.response {group, status: "unsubscribed"}, and
// refuse a group named "private:..." with subscription.response {status: "error"}, which ends
// the stream on both sides (the schemas' `failures: ... when: {status: error}`).
// Run: build/bin/tetra-server [--host HOST] [--port PORT] [--wire document|upstream]
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "serve_stub.hpp"
#include "tetra/tetra_server.hpp"
#include "tetra_upstream/tetra_upstream_server.hpp"

namespace {

// The open subscription streams by group.
template <class Stream>
class Groups {
 public:
  void join(const std::string& group, Stream stream) {
    std::lock_guard<std::mutex> lock(m_);
    members_[group].push_back(std::move(stream));
  }
  /// Calls f(stream) for every open stream of `group`; returns how many there were.
  template <class F>
  int each(const std::string& group, F&& f) {
    std::lock_guard<std::mutex> lock(m_);
    auto& streams = members_[group];
    int n = 0;
    for (auto it = streams.begin(); it != streams.end();) {
      if (!it->is_open()) {
        it = streams.erase(it);
        continue;
      }
      f(*it);
      ++n;
      ++it;
    }
    return n;
  }

 private:
  std::mutex m_;
  std::map<std::string, std::vector<Stream>> members_;
};

void log_open(wirekit::ConnectionId id) {
  std::fprintf(stderr, "connection %llu opened\n", static_cast<unsigned long long>(id));
}
void log_close(wirekit::ConnectionId id, const wirekit::CloseInfo& info) {
  std::fprintf(stderr, "connection %llu closed: %u %s\n", static_cast<unsigned long long>(id),
               info.code, info.reason.c_str());
}

bool is_private(const std::string& group) { return group.rfind("private:", 0) == 0; }

class TetraDocument : public tetra::stub::Handlers<> {
 public:
  void on_open(Session& s) override { log_open(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override { log_close(s.id(), info); }

  void on_subscribe(Session&, const tetra::Subscribe& r,
                    tetra::stub::SubscribeStream stream) override {
    tetra::SubscriptionResponse answer;
    answer.group = r.group;
    answer.status = tetra::SubscriptionStatus::kSubscribed;
    if (is_private(r.group)) {
      answer.status = tetra::SubscriptionStatus::kError;
      answer.message = "private group";
    }
    stream.push(answer);  // a refusal ends the stream
    if (stream.is_open()) groups_.join(r.group, std::move(stream));
  }

  // tetra.md: subscription.response answers "subscription/unsubscription requests" (the runtime
  // has already ended the group's stream when this runs).
  void on_unsubscribe(Session& s, const tetra::Unsubscribe& r) override {
    tetra::SubscriptionResponse done;
    done.group = r.group;
    done.status = tetra::SubscriptionStatus::kUnsubscribed;
    server().send(s.id(), done);
  }

  void on_call(Session&, const tetra::Call& r, tetra::stub::CallReply reply) override {
    if (r.method != "update" || r.args.empty()) {
      tetra::CallError error;
      error.error.code = "unknown_method";
      error.error.message = "only update(data) is served";
      reply(error);
      return;
    }
    groups_.each(r.component_id, [&](tetra::stub::SubscribeStream& member) {
      tetra::ComponentUpdateData update;
      update.group = r.component_id;
      update.data = r.args.front();
      member.push(update);
      tetra::Notify notify;
      notify.group = r.component_id;
      notify.event_name = "updated";
      notify.data = r.args.front();
      member.push(notify);
    });
    tetra::CallResponse response;
    response.result = r.args.front();
    reply(response);
  }

 private:
  Groups<tetra::stub::SubscribeStream> groups_;
};

class TetraUpstream : public tetra_upstream::stub::Handlers<> {
 public:
  void on_open(Session& s) override { log_open(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override { log_close(s.id(), info); }
  void on_ping(Session& s, const tetra_upstream::Ping&) override {
    server().send(s.id(), tetra_upstream::Pong{});
  }
  void on_subscribe(Session&, const tetra_upstream::Subscribe& r,
                    tetra_upstream::stub::SubscribeStream stream) override {
    tetra_upstream::SubscriptionResponse answer;
    answer.group = r.group;
    if (is_private(r.group)) {
      answer.status = tetra_upstream::SubscriptionStatus::kError;
      answer.message = "private group";
      stream.push(answer);  // a refusal ends the stream
      return;
    }
    stream.push(answer);
    groups_.join(r.group, std::move(stream));
    const int members = groups_.each(r.group, [](auto&) {});
    groups_.each(r.group, [&](tetra_upstream::stub::SubscribeStream& member) {
      tetra_upstream::ComponentCreated created;
      created.group = r.group;
      created.data = wirekit::Json("{\"members\":" + std::to_string(members) + "}");
      member.push(created);
    });
  }

  // Answered as in the document form (NOTES.md lists "unsubscribed" among the statuses).
  void on_unsubscribe(Session& s, const tetra_upstream::Unsubscribe& r) override {
    tetra_upstream::SubscriptionResponse done;
    done.group = r.group;
    done.status = tetra_upstream::SubscriptionStatus::kUnsubscribed;
    server().send(s.id(), done);
  }

 private:
  Groups<tetra_upstream::stub::SubscribeStream> groups_;
};

}  // namespace

int main(int argc, char** argv) {
  example::ServerCli cli(
      "tetra-server", "The WebSocket side of Tetra: group subscriptions and their pushes.", 8080);
  std::string wire = "document";
  cli.add_option("--wire", "FORM", "document (default) or upstream (Tetra 0.9.x)", &wire);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  if (wire != "document" && wire != "upstream") {
    std::fprintf(stderr, "tetra-server: --wire is document or upstream\n");
    return 2;
  }
  example::ServerCli::block_signals();
  try {
    if (wire == "upstream") {
      TetraUpstream handlers;
      return example::serve_stub<tetra_upstream::stub::Server<>>(cli, handlers,
                                                                 tetra_upstream::protocol_spec());
    }
    TetraDocument handlers;
    return example::serve_stub<tetra::stub::Server<>>(cli, handlers, tetra::protocol_spec());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tetra-server: %s\n", e.what());
    return 1;
  }
}
