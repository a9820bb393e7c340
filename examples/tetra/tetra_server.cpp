// tetra-server: the WebSocket side of Tetra on the generated stubs. Clients subscribe to groups
// and unsubscribe; members of a group receive its pushes.
// - Document form (default): `call` with method "update" on component C pushes
//   component.update_data {group: C, data: args[0]} and notify "updated" to C's members and
//   answers the call with args[0]; any other method gets a call error.
//   Unsubscribe is answered with subscription.response {group, status: "unsubscribed"}, and a
//   group named "private:..." is refused with subscription.response {status: "error"}, which
//   ends the stream on both sides (the schema's `failures: ... when: {status: error}`).
// - Upstream form (--wire upstream): answers as Tetra's own consumer (upstream_consumer.hpp);
//   --groups names the groups its registry allows, and every --tick milliseconds each group
//   joined by hand gets component.data_changed {"tick": N}, standing in for Django code that
//   pushes through Tetra's ComponentDispatcher.
// Run: build/bin/tetra-server [--host HOST] [--port PORT] [--wire document|upstream]
//      [--groups LIST] [--tick MS] [--tls-cert FILE --tls-key FILE]
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "connection_log.hpp"
#include "serve_stub.hpp"
#include "tetra/tetra_server.hpp"
#include "tetra_upstream/tetra_upstream_server.hpp"
#include "upstream_consumer.hpp"

namespace {

bool is_private(const std::string& group) { return group.rfind("private:", 0) == 0; }

class TetraDocument : public tetra::stub::Handlers<> {
 public:
  void on_open(Session& s) override { example::log_opened(s.id()); }
  void on_close(Session& s, const wirekit::CloseInfo& info) override {
    example::log_closed(s.id(), info);
  }

  void on_subscribe(Session&, const tetra::Subscribe& r,
                    tetra::stub::SubscribeStream stream) override {
    using Status = tetra::SubscriptionStatus;
    // A refusal ends the stream, which then joins nothing.
    if (is_private(r.group))
      stream.push(tetra::SubscriptionResponse{r.group, Status::kError, "private group"});
    else
      stream.push(tetra::SubscriptionResponse{r.group, Status::kSubscribed});
    server().join(r.group, stream);
  }

  // tetra.md: subscription.response answers "subscription/unsubscription requests" (the runtime
  // has already ended the group's stream when this runs).
  void on_unsubscribe(Session& s, const tetra::Unsubscribe& r) override {
    server().send(s.id(),
                  tetra::SubscriptionResponse{r.group, tetra::SubscriptionStatus::kUnsubscribed});
  }

  void on_call(Session&, const tetra::Call& r, tetra::stub::CallReply reply) override {
    if (r.method != "update" || r.args.empty()) {
      return reply(tetra::CallError{false, {"unknown_method", "only update(data) is served"}});
    }
    // To the group's open subscription streams (a closed or unsubscribed one has left it).
    server().send_to_group(r.component_id,
                           tetra::ComponentUpdateData{r.component_id, r.args.front()});
    server().send_to_group(r.component_id,
                           tetra::Notify{r.component_id, "updated", r.args.front()});
    reply(tetra::CallResponse{r.args.front()});
  }
};

/// Calls `f` every `interval` on its own thread until destroyed.
class Ticker {
 public:
  template <class F>
  Ticker(std::chrono::milliseconds interval, F f)
      : thread_([this, interval, f = std::move(f)]() mutable {
          std::unique_lock<std::mutex> lock(m_);
          while (!cv_.wait_for(lock, interval, [this] { return stop_; })) {
            lock.unlock();
            f();
            lock.lock();
          }
        }) {}
  ~Ticker() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;  // last: it uses the members above
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c != ',') {
      item.push_back(c);
    } else if (!item.empty()) {
      out.push_back(item);
      item.clear();
    }
  }
  return out;
}

int serve_upstream(const example::ServerCli& cli, const std::string& groups, long tick_ms) {
  tetra_example::UpstreamConsumer handlers(split_list(groups));
  tetra_upstream::stub::Server<> server(handlers, cli.options());
  std::unique_ptr<Ticker> ticker;  // destroyed after run() stopped the server
  server.run([&](std::uint16_t port) {
    if (tick_ms > 0)
      ticker = std::make_unique<Ticker>(std::chrono::milliseconds(tick_ms),
                                        [&handlers] { handlers.tick(); });
    cli.say_listening(port, tetra_upstream::protocol_spec().transport.path);
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  example::ServerCli cli("tetra-server",
                         "The WebSocket side of Tetra: group subscriptions and their pushes.",
                         tetra::protocol_spec());
  std::string wire = "document";
  std::string groups = "*", tick = "1000";
  cli.add_option("--wire", "FORM", "document (default) or upstream (Tetra's current consumer)",
                 &wire);
  cli.add_option("--groups", "LIST",
                 "upstream form: the groups its registry allows, comma-separated; an entry "
                 "ending in '*' allows every group it prefixes (default *)",
                 &groups);
  cli.add_option("--tick", "MS",
                 "upstream form: push component.data_changed to the groups joined by hand "
                 "every MS milliseconds; 0 never (default 1000)",
                 &tick);
  if (const int status = cli.parse(argc, argv); status >= 0) return status;
  char* end = nullptr;
  const long tick_ms = std::strtol(tick.c_str(), &end, 10);
  if (tick.empty() || *end != '\0' || tick_ms < 0 || tick_ms > 3600000)
    return cli.usage_error("--tick needs a number of milliseconds from 0 to 3600000");
  if (wire != "document" && wire != "upstream") {
    std::fprintf(stderr, "tetra-server: --wire is document or upstream\n");
    return 2;
  }
  try {
    if (wire == "upstream") return serve_upstream(cli, groups, tick_ms);
    TetraDocument handlers;
    return example::serve_stub<tetra::stub::Server<>>(cli, handlers, tetra::protocol_spec());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tetra-server: %s\n", e.what());
    return 1;
  }
}
