// Internal: the request deadlines of a client, with one timer armed at the earliest. Entries
// of completed requests are dropped when they come due (the owner finds no request for them),
// so completing a request costs nothing here.
#pragma once

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <vector>

namespace wirekit::detail {

class DeadlineQueue {
 public:
  using Clock = std::chrono::steady_clock;
  /// Called for each entry that came due: the key and id it was added with.
  using Expired = std::function<void(std::uint64_t key, std::uint64_t id)>;

  DeadlineQueue(asio::io_context& loop, Expired expired);
  void add(Clock::time_point at, std::uint64_t key, std::uint64_t id);
  /// Forgets every entry and cancels the timer.
  void clear();
  std::size_t size() const noexcept { return heap_.size(); }

 private:
  struct Entry {
    Clock::time_point at;
    std::uint64_t key;
    std::uint64_t id;
    bool operator>(const Entry& o) const noexcept { return at > o.at; }
  };
  void arm();
  void fire();

  asio::steady_timer timer_;
  Expired expired_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;
  std::optional<Clock::time_point> armed_at_;
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace wirekit::detail
