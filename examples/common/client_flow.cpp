#include "client_flow.hpp"

#include <cstdio>
#include <exception>

namespace example {

void say(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

void require_connected(const wirekit::ConnectResult& result, const std::string& url) {
  if (!result) throw FlowError("cannot connect to " + url + ": " + result.to_string());
}

void Inbox::push(std::string line) {
  std::lock_guard<std::mutex> lock(m_);
  lines_.push_back(std::move(line));
  cv_.notify_all();
}

std::string Inbox::next(const std::string& waiting_for) {
  std::unique_lock<std::mutex> lock(m_);
  if (!cv_.wait_for(lock, kStepTimeout, [&] { return !lines_.empty(); }))
    throw FlowError("no " + waiting_for + " within " + std::to_string(kStepTimeout.count()) + " s");
  std::string line = std::move(lines_.front());
  lines_.pop_front();
  return line;
}

bool Inbox::empty() const {
  std::lock_guard<std::mutex> lock(m_);
  return lines_.empty();
}

int run_flow(const std::string& program, const std::function<void()>& flow) {
  try {
    flow();
    say("done");
    return 0;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", program.c_str(), e.what());
    return 1;
  }
}

}  // namespace example
