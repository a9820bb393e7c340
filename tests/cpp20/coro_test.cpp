// A C++20 application over the C++17 stubs (wirekit/coro.hpp): requests awaited to their reply,
// typed error, timeout and cancellation; streams read to their end and cancelled by the
// coroutine; resumption on the client's loop or on the application's own executor. Real
// servers run in-process: a small concierge gateway, and the feed test schema's server.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

// [readme]
#include <wirekit/coro.hpp>

// [/readme]

#include "concierge/concierge_client.hpp"
#include "concierge/concierge_server.hpp"
#include "feed_support.hpp"
#include "rise_0_14/rise_0_14_client.hpp"
#include "sync/sync_client.hpp"
#include "sync/sync_server.hpp"

using namespace std::chrono_literals;
using wirekit::Task;
using wirekit::stub_test::Inbox;

namespace {

struct Member {};

// Knows one service, "weather"; never answers SelfFetch (for timeouts and cancellation).
class Gateway : public concierge::stub::Handlers<Member> {
 public:
  wirekit::Accept<concierge::Hello> on_identify(Session&, const concierge::Identify&) override {
    concierge::Hello hello;
    hello.uuid = *wirekit::Uuid::parse("00000000-0000-4000-8000-00000000000a");
    hello.version = "0.2.0";
    return hello;
  }
  void on_service_fetch(Session&, const concierge::ServiceFetch& request,
                        concierge::stub::ServiceFetchReply reply) override {
    if (request.service == "weather") {
      concierge::ServiceFetchResult result;
      result.service.name = request.service;
      result.service.owner_uuid = *wirekit::Uuid::parse("00000000-0000-4000-8000-000000000001");
      reply(result);
      return;
    }
    concierge::InvalidService invalid;
    invalid.service = request.service;
    reply(invalid);
  }
  void on_self_fetch(Session&, const concierge::SelfFetch&,
                     concierge::stub::SelfFetchReply reply) override {
    held.push(reply);
  }

  Inbox<concierge::stub::SelfFetchReply> held;
};

struct Concierge {
  Gateway gateway;
  concierge::stub::Server<Member> server{gateway};
  concierge::stub::Client client;
  Concierge() {
    server.start();
    concierge::Identify identify;
    identify.name = "coro";
    identify.version = "0.2.0";
    const auto hello = client.connect("127.0.0.1", server.port(), identify);
    INFO(hello.result.to_string());
    REQUIRE(hello.ok());
  }
};

concierge::ServiceFetch fetch(const std::string& service) {
  concierge::ServiceFetch f;
  f.service = service;
  return f;
}

feed::Watch watch(const std::string& topic) {
  feed::Watch w;
  w.topics = {topic};
  return w;
}

// The application's own loop: one thread running what is posted to it, in order.
class Worker {
 public:
  Worker() : thread_([this] { run(); }) {}
  ~Worker() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  wirekit::Executor executor() {
    return [this](std::function<void()> job) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs_.push_back(std::move(job));
      }
      cv_.notify_one();
    };
  }
  bool here() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

Task<std::string> service_name(concierge::stub::Client& client, std::string service) {
  auto out = co_await client.service_fetch(fetch(service));
  if (auto* found = out.reply()) co_return "found " + found->service.name;
  if (auto* invalid = out.error<concierge::InvalidService>())
    co_return "no service " + invalid->service;
  co_return std::string("session error ") + wirekit::to_string(out.session_error()->code);
}

Task<wirekit::SessionErrc> self_fetch_error(concierge::stub::Client& client,
                                            wirekit::RequestOptions options) {
  auto out = co_await client.self_fetch(concierge::SelfFetch{}, options);
  co_return out.session_error() ? out.session_error()->code : wirekit::SessionErrc{};
}

std::string item_text(const feed::Item& item) {
  return item.topic + "=" + std::to_string(item.value);
}

}  // namespace

// README's "Coroutines (C++20)" block: the regions between the readme markers, word for word
// (tests/readme checks README against them), compiled here and run by the test below.
namespace readme {
template <class K, class V>
void render(const K&, const V&) {}

// [readme]
wirekit::Task<std::string> describe(concierge::stub::Client& client, std::string name) {
  const concierge::ServiceFetch fetch{name};
  wirekit::RequestOptions quick;
  quick.timeout_ms = 2000;                                   // as in the callback form
  auto found = co_await client.service_fetch(fetch, quick);  // the same typed outcome
  if (auto* ok = found.reply()) co_return ok->service.name;
  if (auto* e = found.error<concierge::InvalidService>()) co_return "no " + e->service;
  co_return found.session_error()->to_string();  // timeout, cancelled...
}

wirekit::Task<> watch(rise_0_14::stub::Client& client, std::stop_token stop) {
  const rise_0_14::Sub sub{{"counter"}};
  auto reader = client.sub(sub);  // the request alone: a reader
  while (auto up = co_await wirekit::cancel_on(stop, reader.next())) render(up->key, up->val);
  // reader.end() says how it ended; a reader destroyed with its stream open sends unsub
}

// [/readme]
void usage(concierge::stub::Client& client, rise_0_14::stub::Client& rise_client,
           std::stop_source& stop, const wirekit::Executor& post_to_my_loop) {
  // clang-format off
  // [readme]
  std::string text = wirekit::sync_wait(describe(client, "weather"));     // blocks this thread
  wirekit::spawn(watch(rise_client, stop.get_token()), post_to_my_loop);  // runs by itself
  // [/readme]
  // clang-format on
  (void)text;
}
}  // namespace readme

TEST_CASE("coro: README's snippet", "[coro]") {
  Concierge c;
  CHECK(wirekit::sync_wait(readme::describe(c.client, "weather")) == "weather");
  CHECK(wirekit::sync_wait(readme::describe(c.client, "tides")) == "no tides");
}

TEST_CASE("coro: a request awaited to its typed reply and to its typed error", "[coro]") {
  Concierge c;
  CHECK(wirekit::sync_wait(service_name(c.client, "weather")) == "found weather");
  CHECK(wirekit::sync_wait(service_name(c.client, "tides")) == "no service tides");
}

TEST_CASE("coro: a request's timeout from RequestOptions", "[coro]") {
  Concierge c;
  wirekit::RequestOptions options;
  options.timeout_ms = 50;
  CHECK(wirekit::sync_wait(self_fetch_error(c.client, options)) == wirekit::SessionErrc::timeout);
  CHECK(c.gateway.held.wait_for(1).size() == 1);  // it was sent, and never answered
}

TEST_CASE("coro: a request cancelled by the coroutine and by a stop request", "[coro]") {
  Concierge c;
  auto cancelled_by_itself = [&]() -> Task<wirekit::SessionErrc> {
    auto call = c.client.self_fetch(concierge::SelfFetch{});
    call.cancel();
    auto out = co_await std::move(call);
    co_return out.session_error()->code;
  };
  CHECK(wirekit::sync_wait(cancelled_by_itself()) == wirekit::SessionErrc::cancelled);

  std::stop_source stop;
  std::thread stopper([&] {
    c.gateway.held.wait_for(2);  // the server has the request: the coroutine is waiting
    stop.request_stop();
  });
  auto cancelled_on_stop = [&]() -> Task<wirekit::SessionErrc> {
    auto out =
        co_await wirekit::cancel_on(stop.get_token(), c.client.self_fetch(concierge::SelfFetch{}));
    co_return out.session_error()->code;
  };
  CHECK(wirekit::sync_wait(cancelled_on_stop()) == wirekit::SessionErrc::cancelled);
  stopper.join();
  CHECK(c.gateway.held.size() == 2);
}

TEST_CASE("coro: a stream iterated to its typed end", "[coro]") {
  feed_test::Fixture f;
  std::thread server_side([&] {
    if (f.topics.opened.wait_for(1).size() != 1) return;
    auto stream = f.topics.stream(0);
    stream.push(feed_test::item("a", 1));
    stream.push(feed_test::item("a", 2));
    feed::Done done;
    done.topic = "a";
    stream.end(done);
  });
  auto read_all = [&]() -> Task<std::vector<std::string>> {
    auto reader = f.client.watch(watch("a"));
    std::vector<std::string> seen;
    while (auto item = co_await reader.next()) seen.push_back(item_text(*item));
    const auto end = reader.end();
    seen.push_back(end && end->ended() && end->get<feed::Done>()
                       ? "done " + end->get<feed::Done>()->topic
                       : "no end");
    co_return seen;
  };
  CHECK(wirekit::sync_wait(read_all()) == std::vector<std::string>{"a=1", "a=2", "done a"});
  server_side.join();
  CHECK(f.topics.cancelled.size() == 0);
}

TEST_CASE("coro: a stream cancelled by the coroutine: the server sees the cancel", "[coro]") {
  feed_test::Fixture f;
  std::thread server_side([&] {
    if (f.topics.opened.wait_for(1).size() != 1) return;
    f.topics.stream(0).push(feed_test::item("b", 7));
    if (f.topics.opened.wait_for(2).size() != 2) return;
    f.topics.stream(1).push(feed_test::item("c", 8));
  });
  auto cancel_after_one = [&]() -> Task<std::string> {
    auto reader = f.client.watch(watch("b"));
    auto first = co_await reader.next();
    reader.cancel();
    auto after = co_await reader.next();
    const bool cancelled = reader.end() &&
                           reader.end()->reason == wirekit::StreamEnd::Reason::session &&
                           reader.end()->error.code == wirekit::SessionErrc::cancelled;
    co_return item_text(*first) + (after ? ", more" : ", then the end") +
        (cancelled ? " (cancelled)" : "");
  };
  CHECK(wirekit::sync_wait(cancel_after_one()) == "b=7, then the end (cancelled)");
  CHECK(f.topics.cancelled.wait_for(1).size() == 1);

  auto leave_early = [&]() -> Task<std::string> {
    auto reader = f.client.watch(watch("c"));
    auto first = co_await reader.next();
    co_return item_text(*first);  // the reader goes out of scope with its stream open
  };
  CHECK(wirekit::sync_wait(leave_early()) == "c=8");
  CHECK(f.topics.cancelled.wait_for(2).size() == 2);
  server_side.join();
  CHECK_FALSE(f.topics.stream(0).is_open());
  CHECK_FALSE(f.topics.stream(1).is_open());
}

TEST_CASE("coro: a stream's next() cancelled by a stop request", "[coro]") {
  feed_test::Fixture f;
  std::stop_source stop;
  std::thread stopper([&] {
    f.topics.opened.wait_for(1);
    stop.request_stop();
  });
  auto wait_for_an_item = [&]() -> Task<std::string> {
    auto reader = f.client.watch(watch("d"));
    auto item = co_await wirekit::cancel_on(stop.get_token(), reader.next());
    co_return item ? "an item" : "no item";
  };
  CHECK(wirekit::sync_wait(wait_for_an_item()) == "no item");
  stopper.join();
  CHECK(f.topics.cancelled.wait_for(1).size() == 1);
}

TEST_CASE("coro: resumption on the client's loop by default, else on the application's executor",
          "[coro]") {
  Concierge c;
  std::promise<std::thread::id> loop;
  c.client.service_fetch(fetch("weather"), [&loop](concierge::stub::ServiceFetchOutcome) {
    loop.set_value(std::this_thread::get_id());
  });
  const auto loop_thread = loop.get_future().get();
  REQUIRE(loop_thread != std::this_thread::get_id());

  // Without an executor: where the outcome arrives (a timeout: surely after the await began).
  auto resumed_on = [&]() -> Task<std::thread::id> {
    wirekit::RequestOptions options;
    options.timeout_ms = 20;
    co_await c.client.self_fetch(concierge::SelfFetch{}, options);
    co_return std::this_thread::get_id();
  };
  CHECK(wirekit::sync_wait(resumed_on()) == loop_thread);

  Worker worker;
  auto on_worker = [&]() -> Task<std::vector<std::string>> {
    std::vector<std::string> where;
    where.push_back(worker.here() ? "starts on the worker" : "starts elsewhere");
    auto out = co_await c.client.service_fetch(fetch("weather"));
    where.push_back(out.ok() && worker.here() ? "resumes on the worker" : "resumes elsewhere");
    const std::string inner = co_await service_name(c.client, "tides");  // inherits the executor
    where.push_back(inner + (worker.here() ? " on the worker" : " elsewhere"));
    co_return where;
  };
  CHECK(wirekit::sync_wait(on_worker(), worker.executor()) ==
        std::vector<std::string>{"starts on the worker", "resumes on the worker",
                                 "no service tides on the worker"});

  // One await sent to the worker, in a task that otherwise runs where outcomes arrive.
  auto one_await = [&]() -> Task<bool> {
    co_await wirekit::resume_on(worker.executor(), c.client.service_fetch(fetch("weather")));
    co_return worker.here();
  };
  CHECK(wirekit::sync_wait(one_await()));

  // A detached task on the worker, reporting through an inbox.
  Inbox<std::string> report;
  wirekit::spawn(
      [](concierge::stub::Client& client, Worker& w, Inbox<std::string>& out) -> Task<> {
        const std::string name = co_await service_name(client, "weather");
        out.push(name + (w.here() ? " on the worker" : " elsewhere"));
      }(c.client, worker, report),
      worker.executor());
  CHECK(report.wait_for(1) == std::vector<std::string>{"found weather on the worker"});
}

namespace {

// Acks every event (the runtime does) unless its status is fatal: then it closes the session.
class SyncStore : public event_sync::stub::Handlers<> {
 public:
  event_sync::Event on_handshake(Session&) override {
    return event_sync::Event{event_sync::Status::kOk, std::nullopt, wirekit::JsonObject("{}")};
  }
  void on_event(Session& session, const event_sync::Event& e) override {
    if (e.status == event_sync::Status::kFatal) session.close(4005, "status fatal");
  }
};

Task<wirekit::SessionErrc> send_acked(event_sync::stub::Client& client, event_sync::Status status) {
  auto [acked, on_ack] = wirekit::callback_future<wirekit::SessionError>();
  client.event(event_sync::Event{status, std::nullopt, wirekit::JsonObject("{\"n\":1}")}, on_ack);
  const wirekit::SessionError why = co_await std::move(acked);
  co_return why.code;
}

}  // namespace

TEST_CASE("coro: an acked event awaited to its ack, and to the connection's end before one",
          "[coro]") {
  SyncStore store;
  event_sync::stub::Server<> server{store};
  server.start();
  event_sync::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", server.port()).ok());
  CHECK(wirekit::sync_wait(send_acked(client, event_sync::Status::kOk)) ==
        wirekit::SessionErrc::ok);
  CHECK(client.runtime().pending_acks() == 0);
  CHECK(wirekit::sync_wait(send_acked(client, event_sync::Status::kFatal)) ==
        wirekit::SessionErrc::disconnected);
}

TEST_CASE("coro: callback_future: the first call counts, and a callback never called breaks it",
          "[coro]") {
  auto [first, set_first] = wirekit::callback_future<int>();
  set_first(1);
  set_first(2);
  CHECK(first.get() == 1);

  auto [never, set_never] = wirekit::callback_future<int>();
  set_never = nullptr;  // the last copy of the callback, gone uncalled
  auto awaited = [](wirekit::Future<int> f) -> Task<bool> {
    try {
      co_await std::move(f);
    } catch (const std::future_error& e) {
      co_return e.code() == std::future_errc::broken_promise;
    }
    co_return false;
  };
  CHECK(wirekit::sync_wait(awaited(std::move(never))));
}
