// Internal: what a Server and a Client share below their roles: the loop (their own thread or
// the user's io_context), the table of live connections, the limits, flow control between
// connections, and running work on a connection's strand.
#pragma once

#include <asio/dispatch.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "endpoint/connection.hpp"
#include "memory/memory_budget.hpp"
#include "wirekit/endpoint_options.hpp"
#include "wirekit/protocol_spec.hpp"

namespace wirekit::detail {

class EndpointCore {
 public:
  /// `refuse_when_full`: a write past the send bound is refused (Client) instead of closing
  /// the connection (Server). `memory_limit`: the server-wide MemoryBudget (0: none);
  /// `return_memory`: its draining returns freed memory to the system (see HeldCount).
  EndpointCore(const ProtocolSpec& spec, const EndpointOptions& options, bool refuse_when_full,
               std::size_t memory_limit = 0, bool return_memory = false);
  ~EndpointCore();
  EndpointCore(const EndpointCore&) = delete;
  EndpointCore& operator=(const EndpointCore&) = delete;

  const ProtocolSpec& spec() const noexcept { return spec_; }
  const EndpointOptions& options() const noexcept { return options_; }
  std::size_t max_message_bytes() const noexcept;
  /// The hard bound on a connection's unsent data (see EndpointOptions::send_queue_max_bytes).
  std::size_t send_queue_max_bytes() const noexcept;
  bool refuse_when_full() const noexcept { return refuse_when_full_; }
  SessionConfig session_config(Side local) const;
  MemoryBudget& budget() noexcept { return budget_; }

  // ---- the loop ---------------------------------------------------------------------------
  asio::io_context& loop() noexcept { return *loop_; }
  bool owns_loop() const noexcept { return owned_loop_ != nullptr; }
  /// Own loop: starts its thread (kept alive by a work guard). User loop: nothing to do.
  void start();
  /// Own loop: lets the loop finish and joins its thread (call after the roles' shutdown).
  void join();
  bool on_loop_thread() const noexcept;
  /// The roles' stop: runs `begin` on the loop (it closes what is open and calls
  /// finish_shutdown() once done, or when its grace time is up), waits for that on a user's
  /// loop (however busy), joins an own loop's thread, then retires the guard (see guard()). A
  /// user's loop that has stopped, or that nobody runs for 10 s, is not waited for: the
  /// shutdown is abandoned (its connections are dropped when the io_context is destroyed).
  void shut_down(std::function<void()> begin);
  /// The roles' stop() and destructor: the first caller to clear `running` shuts down with
  /// `begin`; a role that is not running (never started, or already stopped) only joins.
  void stop(std::atomic<bool>& running, std::function<void()> begin);
  /// A token every handler that may still run after the role is gone (websocketpp's, tasks
  /// queued on a user's loop) locks for as long as it runs, and returns at once when it
  /// cannot: shut_down() retires it and waits until no handler holds it, so on a user's loop,
  /// which outlives the role, a late handler never reaches a destroyed Server or Client.
  std::weak_ptr<void> guard() const noexcept { return alive_; }
  /// `handler` run only while the guard lives, holding it meanwhile (a default result
  /// otherwise): for websocketpp's handlers, timers and tasks queued on the loop.
  template <class Handler>
  auto guarded(Handler handler) const {
    return [guard = guard(), handler = std::move(handler)](auto&&... args) mutable {
      using Result = decltype(handler(std::forward<decltype(args)>(args)...));
      if (auto alive = guard.lock()) return handler(std::forward<decltype(args)>(args)...);
      if constexpr (!std::is_void_v<Result>) return Result{};
    };
  }
  /// Ends a shutdown: stops an own loop (connections still opening would keep it alive) and
  /// releases shut_down().
  void finish_shutdown();

  /// Runs `f(connection)` on the connection's strand: at once when already on it (so what a
  /// handler writes keeps its order relative to what the runtime writes), else queued; in call
  /// order either way (see OrderedPost).
  template <class F>
  void run_on(const ConnectionPtr& connection, F&& f) {
    connection->order.run(
        connection->strand(),
        guarded([connection, f = std::forward<F>(f)]() mutable { f(*connection); }));
  }

  // ---- connections ------------------------------------------------------------------------
  ConnectionPtr add(std::unique_ptr<Wire> wire, Side local, ConnectionEvents& events);
  ConnectionPtr find(std::uint64_t id) const;
  void remove(std::uint64_t id);
  std::vector<ConnectionPtr> all() const;
  std::size_t size() const noexcept { return count_.load(); }

  // ---- flow control (called on the connection's strand) -----------------------------------
  /// `recipient` passed the high watermark; `sender` (null if none) is the connection whose
  /// handler wrote to it, which is paused until the recipient drains.
  void over_high_watermark(Connection& recipient, Connection* sender);
  /// `connection` closed: resumes the connections waiting for it and stops watching it.
  void forget(Connection& connection);

 private:
  void arm_flow_timer();
  /// Returns free memory to the system shortly, once; `restart`: counted from now even when
  /// already armed (called with table_mutex_ held).
  void arm_trim_timer(bool restart);
  /// Retires the guard and waits until no handler holds it.
  void retire_guard();
  void poll_flow();
  void drained(const ConnectionPtr& recipient);

  const ProtocolSpec& spec_;
  EndpointOptions options_;
  bool refuse_when_full_;
  std::unique_ptr<asio::io_context> owned_loop_;
  asio::io_context* loop_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::thread thread_;
  std::atomic<std::thread::id> loop_thread_id_{};
  std::shared_ptr<std::promise<void>> shutdown_done_;

  mutable std::mutex table_mutex_;
  std::unordered_map<std::uint64_t, ConnectionPtr> table_;
  std::uint64_t next_id_ = 0;
  std::atomic<std::size_t> count_{0};

  std::mutex flow_mutex_;
  std::vector<std::weak_ptr<Connection>> watched_;
  asio::steady_timer flow_timer_;
  bool flow_timer_armed_ = false;
  MemoryBudget budget_;
  const bool return_memory_;
  // Returning memory after connections close (see remove()): guarded by table_mutex_.
  asio::steady_timer trim_timer_;
  bool trim_armed_ = false;
  std::size_t removed_since_trim_ = 0;
  /// Set when the last holder of alive_ lets go (see guard()).
  std::shared_ptr<std::promise<void>> released_ = std::make_shared<std::promise<void>>();
  std::shared_ptr<void> alive_;
};

}  // namespace wirekit::detail
