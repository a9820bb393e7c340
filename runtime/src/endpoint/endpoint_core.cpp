#include "endpoint/endpoint_core.hpp"

#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <future>

#include "memory/free_memory.hpp"

namespace wirekit::detail {
namespace {
/// How often queues above the high watermark are checked for draining.
constexpr std::chrono::milliseconds kFlowPoll{2};
/// Free memory goes back to the system this long after the last connection closes, or after
/// kTrimAfterRemovals connections have closed since the last time.
constexpr std::chrono::seconds kTrimDelay{1};
constexpr std::size_t kTrimAfterRemovals = 64;
/// shut_down() on a user's loop: how long to wait for the loop to start the shutdown, and how
/// often to look whether it has stopped meanwhile.
constexpr std::chrono::seconds kLoopPatience{10};
constexpr std::chrono::milliseconds kLoopPoll{10};

/// Blocks the process-directed stop signals in the calling thread while it lives, so that a
/// thread started meanwhile inherits them blocked.
class StopSignalsBlocked {
 public:
  StopSignalsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&set, s);
    pthread_sigmask(SIG_BLOCK, &set, &before_);
  }
  ~StopSignalsBlocked() { pthread_sigmask(SIG_SETMASK, &before_, nullptr); }
  StopSignalsBlocked(const StopSignalsBlocked&) = delete;
  StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;

 private:
  sigset_t before_;
};

}  // namespace

EndpointCore::EndpointCore(const ProtocolSpec& spec, const EndpointOptions& options,
                           bool refuse_when_full, std::size_t memory_limit, bool return_memory)
    : spec_(spec),
      options_(options),
      refuse_when_full_(refuse_when_full),
      owned_loop_(options.io_context ? nullptr : std::make_unique<asio::io_context>(1)),
      loop_(options.io_context ? options.io_context : owned_loop_.get()),
      flow_timer_(*loop_),
      budget_(memory_limit, return_memory),
      return_memory_(return_memory),
      trim_timer_(*loop_),
      alive_(new char, [released = released_](char* token) {
        delete token;
        released->set_value();
      }) {}

EndpointCore::~EndpointCore() {
  if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id()) {
    work_.reset();
    loop_->stop();
    thread_.join();
  }
}

std::size_t EndpointCore::max_message_bytes() const noexcept {
  return options_.max_message_bytes ? options_.max_message_bytes
                                    : spec_.transport.max_message_bytes;
}

std::size_t EndpointCore::send_queue_max_bytes() const noexcept {
  return options_.send_queue_max_bytes ? options_.send_queue_max_bytes : 4 * max_message_bytes();
}

SessionConfig EndpointCore::session_config(Side local) const {
  SessionConfig config;
  config.local = local;
  config.handshake_within_ms = options_.handshake_within_ms;
  config.ack_deadline_ms = options_.ack_deadline_ms;
  config.auto_ack = options_.auto_ack;
  if (options_.log) config.log = &options_.log;
  return config;
}

// ---- the loop ---------------------------------------------------------------------------

void EndpointCore::start() {
  if (!owned_loop_ || thread_.joinable()) return;
  work_.emplace(owned_loop_->get_executor());
  std::promise<void> go;
  // The loop thread never takes SIGINT, SIGTERM, SIGHUP or SIGQUIT: the kernel gives them to a
  // thread of the application (its main thread, or wirekit::serve_until_signal's wait), which
  // decides what they mean.
  {
    const StopSignalsBlocked blocked;
    thread_ = std::thread([this, ready = go.get_future()] {
      ready.wait();
      owned_loop_->run();
    });
  }
  loop_thread_id_.store(thread_.get_id());
  go.set_value();
}

void EndpointCore::join() {
  work_.reset();
  if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id()) thread_.join();
}

void EndpointCore::stop(std::atomic<bool>& running, std::function<void()> begin) {
  if (!running.exchange(false)) return join();
  shut_down(std::move(begin));
}

void EndpointCore::shut_down(std::function<void()> begin) {
  auto done = std::make_shared<std::promise<void>>();
  auto finished = done->get_future();
  // Who moves it first decides: the loop (queued -> begun: the wait below lasts until the
  // shutdown has finished, which begin's grace timer bounds) or the stopping thread (queued ->
  // abandoned: nobody ran the loop in time, and the task must not touch `this` later).
  enum State { queued, begun, abandoned };
  auto state = std::make_shared<std::atomic<int>>(queued);
  auto began = std::make_shared<std::promise<void>>();
  auto running = began->get_future();
  asio::post(*loop_, [this, done, state, began, begin = std::move(begin)] {
    int expected = queued;
    if (!state->compare_exchange_strong(expected, begun)) return;
    began->set_value();
    shutdown_done_ = done;
    begin();
  });
  if (!owns_loop() && !on_loop_thread()) {
    // A busy loop gets the time it needs; one that has stopped, or that nobody runs for
    // kLoopPatience, is not waited for.
    const auto give_up = std::chrono::steady_clock::now() + kLoopPatience;
    while (running.wait_for(kLoopPoll) != std::future_status::ready && !loop_->stopped() &&
           std::chrono::steady_clock::now() < give_up) {
    }
    int expected = queued;
    if (!state->compare_exchange_strong(expected, abandoned)) finished.wait();
  }
  join();
  retire_guard();
}

void EndpointCore::retire_guard() {
  if (!alive_) return;
  alive_.reset();
  // A handler running on another thread still holds it: wait for that one to return. On the
  // loop thread itself (a role stopped from its own handler) the holder may be this very call.
  if (!on_loop_thread()) released_->get_future().wait();
}

void EndpointCore::finish_shutdown() {
  if (owned_loop_) owned_loop_->stop();
  {
    std::lock_guard<std::mutex> lock(table_mutex_);
    trim_timer_.cancel();  // a stopped object leaves no work on a user's loop
  }
  // Last: once released, the stopping thread may destroy this object.
  if (auto done = std::move(shutdown_done_)) done->set_value();
}

bool EndpointCore::on_loop_thread() const noexcept {
  if (owned_loop_) return std::this_thread::get_id() == loop_thread_id_.load();
  // A user's loop: running_in_this_thread is answered by a strand; any thread running the
  // io_context counts.
  return loop_->get_executor().running_in_this_thread();
}

// ---- connections ------------------------------------------------------------------------

ConnectionPtr EndpointCore::add(std::unique_ptr<Wire> wire, Side local, ConnectionEvents& events) {
  std::lock_guard<std::mutex> lock(table_mutex_);
  const std::uint64_t id = ++next_id_;
  auto connection =
      std::make_shared<Connection>(*this, id, std::move(wire), session_config(local), events);
  table_.emplace(id, connection);
  count_.store(table_.size());
  return connection;
}

ConnectionPtr EndpointCore::find(std::uint64_t id) const {
  std::lock_guard<std::mutex> lock(table_mutex_);
  auto it = table_.find(id);
  return it == table_.end() ? nullptr : it->second;
}

void EndpointCore::remove(std::uint64_t id) {
  std::lock_guard<std::mutex> lock(table_mutex_);
  table_.erase(id);
  count_.store(table_.size());
  ++removed_since_trim_;
  if (!return_memory_) return;
  // The last one: the trim comes kTrimDelay after it, even when one is already due sooner.
  if (table_.empty())
    arm_trim_timer(/*restart=*/true);
  else if (removed_since_trim_ >= kTrimAfterRemovals)
    arm_trim_timer(/*restart=*/false);
}

void EndpointCore::arm_trim_timer(bool restart) {
  // Later, not now: the transport frees a closed connection's buffers when its last pending
  // operation ends, after this. Once armed, further removals wait for the same trim.
  if (trim_armed_ && !restart) return;
  trim_armed_ = true;
  removed_since_trim_ = 0;
  trim_timer_.expires_after(kTrimDelay);
  // expires_after() cancels a wait already under way: that handler sees an error and leaves
  // trim_armed_ to this one.
  trim_timer_.async_wait(guarded([this](std::error_code ec) {
    if (ec) return;
    {
      std::lock_guard<std::mutex> lock(table_mutex_);
      trim_armed_ = false;
    }
    return_free_memory();
  }));
}

std::vector<ConnectionPtr> EndpointCore::all() const {
  std::lock_guard<std::mutex> lock(table_mutex_);
  std::vector<ConnectionPtr> out;
  out.reserve(table_.size());
  for (const auto& [id, c] : table_) out.push_back(c);
  std::sort(out.begin(), out.end(),
            [](const ConnectionPtr& a, const ConnectionPtr& b) { return a->id() < b->id(); });
  return out;
}

// ---- flow control -----------------------------------------------------------------------

void EndpointCore::over_high_watermark(Connection& recipient, Connection* sender) {
  std::lock_guard<std::mutex> lock(flow_mutex_);
  if (!recipient.flow.watched) {
    recipient.flow.watched = true;
    recipient.flow.above_since = std::chrono::steady_clock::now();
    watched_.push_back(recipient.weak_from_this());
    arm_flow_timer();
  }
  if (!sender) return;
  auto& waiters = recipient.flow.waiters;
  const bool known = std::any_of(waiters.begin(), waiters.end(),
                                 [sender](const auto& w) { return w.lock().get() == sender; });
  if (known) return;
  waiters.push_back(sender->weak_from_this());
  if (sender->flow.blocked_on++ == 0) sender->pause_reading();  // on the sender's strand
}

void EndpointCore::forget(Connection& connection) {
  std::vector<std::weak_ptr<Connection>> waiters;
  {
    std::lock_guard<std::mutex> lock(flow_mutex_);
    waiters.swap(connection.flow.waiters);
    connection.flow.watched = false;
  }
  for (auto& w : waiters)
    if (auto waiter = w.lock())
      run_on(waiter, [this](Connection& c) {
        bool resume = false;
        {
          std::lock_guard<std::mutex> lock(flow_mutex_);
          resume = c.flow.blocked_on > 0 && --c.flow.blocked_on == 0;
        }
        if (resume) c.resume_reading();
      });
}

void EndpointCore::arm_flow_timer() {
  if (flow_timer_armed_) return;
  flow_timer_armed_ = true;
  flow_timer_.expires_after(kFlowPoll);
  flow_timer_.async_wait(guarded([this](std::error_code ec) {
    if (!ec) poll_flow();
  }));
}

void EndpointCore::poll_flow() {
  std::vector<ConnectionPtr> check;
  {
    std::lock_guard<std::mutex> lock(flow_mutex_);
    flow_timer_armed_ = false;
    watched_.erase(std::remove_if(watched_.begin(), watched_.end(),
                                  [](const auto& w) {
                                    auto c = w.lock();
                                    return !c || !c->flow.watched;
                                  }),
                   watched_.end());
    for (auto& w : watched_)
      if (auto c = w.lock()) check.push_back(std::move(c));
    if (!watched_.empty()) arm_flow_timer();
  }
  const auto stall = std::chrono::milliseconds(options_.flow.stall_timeout_ms);
  for (auto& c : check)
    run_on(c, [this, stall](Connection& connection) {
      if (connection.queued_bytes() <= options_.flow.low_watermark_bytes) {
        drained(connection.shared_from_this());
        return;
      }
      std::chrono::steady_clock::time_point since;
      {
        std::lock_guard<std::mutex> lock(flow_mutex_);
        since = connection.flow.above_since;
      }
      if (options_.flow.stall_timeout_ms && std::chrono::steady_clock::now() - since >= stall)
        connection.session().close(1008, "send queue stalled");
    });
}

void EndpointCore::drained(const ConnectionPtr& recipient) {
  forget(*recipient);
  recipient->notify_drained();
}

}  // namespace wirekit::detail
