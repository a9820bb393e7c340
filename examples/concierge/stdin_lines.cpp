#include "stdin_lines.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace example {

bool StdinLines::take_line(std::string& line) {
  const auto newline = buffer_.find('\n');
  if (newline == std::string::npos) return false;
  line = buffer_.substr(0, newline);
  buffer_.erase(0, newline + 1);
  return true;
}

StdinLines::Got StdinLines::next(std::string& line, int timeout_ms) {
  while (!take_line(line)) {
    if (at_end_) {
      if (buffer_.empty()) return Got::end;
      line = std::move(buffer_);
      buffer_.clear();
      return Got::line;
    }
    pollfd in{STDIN_FILENO, POLLIN, 0};
    const int ready = poll(&in, 1, timeout_ms);
    if (ready == 0 || (ready < 0 && errno == EINTR)) return Got::nothing_yet;
    char chunk[4096];
    const ssize_t n = ready < 0 ? -1 : read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) return Got::nothing_yet;
    if (n <= 0) {
      at_end_ = true;  // the end, or stdin cannot be read: nothing more will come
      continue;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  if (!line.empty() && line.back() == '\r')
    line.pop_back();  // a CRLF line end, e.g. from a Windows text file
  return Got::line;
}

}  // namespace example
