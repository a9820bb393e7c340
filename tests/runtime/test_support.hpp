// Helpers for the runtime tests: waiting, thread-safe collections, and misbehaving raw
// peers (raw_peer.hpp: a websocketpp client that can send binary frames, a TCP peer that never
// reads).
#pragma once

#include <asio.hpp>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <simdjson.h>

#include <wirekit/close_info.hpp>

namespace wirekit::test {

using namespace std::chrono_literals;

/// A top-level member of a JSON object text: a string, or an integer as its digits; "" when
/// absent or of another type.
inline std::string json_member(std::string_view text, std::string_view key) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size()).get(root)) return {};
  auto member = root[key];
  std::string_view s;
  if (member.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  std::int64_t i = 0;
  if (member.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  return {};
}

/// Polls `pred` every `every` until it holds or `timeout` passes.
template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout = 3000ms,
                std::chrono::milliseconds every = 1ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(every);
  }
  return true;
}

/// A memory line of /proc/<process>/status in bytes ("VmRSS": resident now, "VmHWM": its
/// peak); `process` is a pid or "self". 0 when the line is absent.
inline std::size_t proc_status_bytes(const std::string& process, const std::string& field) {
  std::ifstream in("/proc/" + process + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) {
      std::istringstream fields(line.substr(field.size() + 1));
      std::size_t kb = 0;
      fields >> kb;
      return kb * 1024;
    }
  return 0;
}

/// A thread-safe list that tests append to from callbacks and read from the test thread.
template <class T>
class Inbox {
 public:
  void push(T value) {
    std::lock_guard<std::mutex> lock(m_);
    items_.push_back(std::move(value));
    cv_.notify_all();
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(m_);
    return items_.size();
  }
  std::vector<T> items() const {
    std::lock_guard<std::mutex> lock(m_);
    return items_;
  }
  T at(std::size_t i) const {
    std::lock_guard<std::mutex> lock(m_);
    return items_.at(i);
  }
  /// Waits until at least n items arrived.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout = 3000ms) const {
    std::unique_lock<std::mutex> lock(m_);
    return cv_.wait_for(lock, timeout, [&] { return items_.size() >= n; });
  }

 private:
  mutable std::mutex m_;
  mutable std::condition_variable cv_;
  std::vector<T> items_;
};

}  // namespace wirekit::test

#include "raw_peer.hpp"  // IWYU pragma: export
