// A hostile peer at the byte level: a blocking TCP socket that writes whatever it is told (a
// partial upgrade, hand-built WebSocket frames, garbage) and reads the server's frames with a
// deadline, so a test can assert the exact close frame a server sends before it drops TCP.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace wirekit::hostile {

enum Opcode : std::uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

struct Frame {
  bool fin = true;
  std::uint8_t opcode = 0;
  std::string payload;

  /// The code of a close frame (1005 when it carries none).
  std::uint16_t close_code() const {
    if (payload.size() < 2) return 1005;
    return static_cast<std::uint16_t>((static_cast<std::uint8_t>(payload[0]) << 8) |
                                      static_cast<std::uint8_t>(payload[1]));
  }
  std::string close_reason() const { return payload.size() > 2 ? payload.substr(2) : ""; }
};

class RawSocket {
 public:
  RawSocket() = default;
  ~RawSocket() { drop(); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  /// A TCP connection to 127.0.0.1:port.
  bool connect(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }

  static std::string upgrade_request(const std::string& path, const std::string& subprotocol) {
    std::string request = "GET " + path +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\n";
    if (!subprotocol.empty()) request += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
    return request + "\r\n";
  }

  /// Connects and completes the WebSocket upgrade; true on "101 Switching Protocols".
  bool open(std::uint16_t port, const std::string& path, const std::string& subprotocol) {
    if (!connect(port) || !write(upgrade_request(path, subprotocol))) return false;
    std::string head;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (head.find("\r\n\r\n") == std::string::npos) {
      char c = 0;
      if (!read_exact(&c, 1, deadline)) return false;
      head += c;
    }
    return head.rfind("HTTP/1.1 101", 0) == 0;
  }

  bool write(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  /// A client frame (masked, as RFC 6455 requires of clients).
  static std::string frame(std::uint8_t opcode, const std::string& payload, bool fin = true) {
    std::string out;
    out += static_cast<char>((fin ? 0x80 : 0x00) | opcode);
    const std::size_t n = payload.size();
    if (n < 126) {
      out += static_cast<char>(0x80 | n);
    } else if (n <= 0xFFFF) {
      out += static_cast<char>(0x80 | 126);
      out += static_cast<char>(n >> 8);
      out += static_cast<char>(n & 0xFF);
    } else {
      out += static_cast<char>(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8)
        out += static_cast<char>((static_cast<std::uint64_t>(n) >> shift) & 0xFF);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    out.append(mask, 4);
    for (std::size_t i = 0; i < n; ++i) out += static_cast<char>(payload[i] ^ mask[i % 4]);
    return out;
  }

  bool send_frame(std::uint8_t opcode, const std::string& payload, bool fin = true) {
    return write(frame(opcode, payload, fin));
  }

  /// The next frame from the server, or nullopt when TCP closed or `timeout` passed.
  std::optional<Frame> read_frame(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    unsigned char head[2];
    if (!read_exact(reinterpret_cast<char*>(head), 2, deadline)) return std::nullopt;
    Frame f;
    f.fin = (head[0] & 0x80) != 0;
    f.opcode = head[0] & 0x0F;
    std::uint64_t n = head[1] & 0x7F;
    if (n >= 126) {
      unsigned char ext[8];
      const std::size_t bytes = n == 126 ? 2 : 8;
      if (!read_exact(reinterpret_cast<char*>(ext), bytes, deadline)) return std::nullopt;
      n = 0;
      for (std::size_t i = 0; i < bytes; ++i) n = (n << 8) | ext[i];
    }
    f.payload.resize(static_cast<std::size_t>(n));
    if (n > 0 && !read_exact(f.payload.data(), f.payload.size(), deadline)) return std::nullopt;
    return f;
  }

  /// The next text frame, skipping pings; nullopt on a close, TCP close or timeout.
  std::optional<std::string> read_text(std::chrono::milliseconds timeout) {
    while (auto f = read_frame(timeout)) {
      if (f->opcode == kText) return f->payload;
      if (f->opcode == kClose) {
        last_close_ = f;
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  /// Reads frames until the server's close frame; nullopt when TCP closed without one.
  std::optional<Frame> wait_close(std::chrono::milliseconds timeout) {
    if (last_close_) return last_close_;
    while (auto f = read_frame(timeout))
      if (f->opcode == kClose) return f;
    return std::nullopt;
  }

  /// Whether the server dropped the TCP connection within `timeout` (reads hit end of file).
  bool dropped_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      if (::recv(fd_, buffer, sizeof buffer, 0) <= 0) return true;
    }
  }

  /// Closes the socket at once, without a close frame (a peer vanishing).
  void drop() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  bool read_exact(char* out, std::size_t size, std::chrono::steady_clock::time_point deadline) {
    std::size_t done = 0;
    while (done < size) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      const ssize_t n = ::recv(fd_, out + done, size - done, 0);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  int fd_ = -1;
  std::optional<Frame> last_close_;
};

}  // namespace wirekit::hostile
