#include "ws_socket.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>

namespace wirekit::probe {

std::optional<Endpoint> parse_url(const std::string& url) {
  const std::string scheme = "ws://";
  if (url.rfind(scheme, 0) != 0) return std::nullopt;
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == authority.size())
    return std::nullopt;
  Endpoint e;
  e.host = authority.substr(0, colon);
  e.port = authority.substr(colon + 1);
  e.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (e.port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return e;
}

WsSocket::~WsSocket() {
  if (fd_ >= 0) ::close(fd_);
}

int WsSocket::open(const Endpoint& at, const std::string& subprotocol, const std::string& bearer) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(at.host.c_str(), at.port.c_str(), &hints, &found) != 0) return 0;
  for (addrinfo* a = found; a && fd_ < 0; a = a->ai_next) {
    fd_ = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd_ >= 0 && ::connect(fd_, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd_ < 0) return 0;
  std::string request = "GET " + at.path + " HTTP/1.1\r\nHost: " + at.host + ":" + at.port +
                        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: d2lyZWtpdC1wcm9iZS1rZXk=\r\n"
                        "Sec-WebSocket-Version: 13\r\n";
  if (!subprotocol.empty()) request += "Sec-WebSocket-Protocol: " + subprotocol + "\r\n";
  if (!bearer.empty()) request += "Authorization: Bearer " + bearer + "\r\n";
  if (!write(request + "\r\n")) return 0;
  std::string head;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (head.find("\r\n\r\n") == std::string::npos) {
    char c = 0;
    if (!read_exact(&c, 1, deadline)) return 0;
    head += c;
  }
  // "HTTP/1.1 101 Switching Protocols"
  const auto space = head.find(' ');
  return space == std::string::npos ? 0 : std::atoi(head.c_str() + space + 1);
}

bool WsSocket::write(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool WsSocket::read_exact(char* out, std::size_t n,
                          std::chrono::steady_clock::time_point deadline) {
  std::size_t got = 0;
  while (got < n) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    const ssize_t r = ::recv(fd_, out + got, n - got, 0);
    if (r <= 0) {
      lost_ = true;
      return false;
    }
    got += static_cast<std::size_t>(r);
  }
  return true;
}

bool WsSocket::send_frame(std::uint8_t opcode, const std::string& payload) {
  // A client masks every frame (RFC 6455 5.3).
  static std::mt19937 random{std::random_device{}()};
  std::string frame(1, static_cast<char>(0x80 | opcode));
  const std::uint64_t n = payload.size();
  if (n < 126) {
    frame += static_cast<char>(0x80 | n);
  } else {
    const int bytes = n <= 0xFFFF ? 2 : 8;
    frame += static_cast<char>(0x80 | (bytes == 2 ? 126 : 127));
    for (int i = bytes - 1; i >= 0; --i) frame += static_cast<char>((n >> (8 * i)) & 0xFF);
  }
  char mask[4];
  for (auto& m : mask) m = static_cast<char>(random() & 0xFF);
  frame.append(mask, 4);
  for (std::size_t i = 0; i < payload.size(); ++i)
    frame += static_cast<char>(payload[i] ^ mask[i % 4]);
  return write(frame);
}

bool WsSocket::send_text(const std::string& payload) { return send_frame(0x1, payload); }

Received WsSocket::receive(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    Received r;
    unsigned char head[2];
    if (!read_exact(reinterpret_cast<char*>(head), 2, deadline)) {
      r.kind = lost_ ? Received::Kind::lost : Received::Kind::timeout;
      return r;
    }
    std::uint64_t n = head[1] & 0x7F;
    if (n >= 126) {
      unsigned char ext[8];
      const std::size_t bytes = n == 126 ? 2 : 8;
      if (!read_exact(reinterpret_cast<char*>(ext), bytes, deadline)) {
        r.kind = Received::Kind::lost;
        return r;
      }
      n = 0;
      for (std::size_t i = 0; i < bytes; ++i) n = (n << 8) | ext[i];
    }
    std::string payload(static_cast<std::size_t>(n), '\0');
    if (n > 0 && !read_exact(payload.data(), payload.size(), deadline)) {
      r.kind = Received::Kind::lost;
      return r;
    }
    const unsigned opcode = head[0] & 0x0F;
    if (opcode == 0x1) {
      r.kind = Received::Kind::text;
      r.text = std::move(payload);
      return r;
    }
    if (opcode == 0x8) {
      r.kind = Received::Kind::close;
      r.code = payload.size() < 2
                   ? 1005
                   : static_cast<std::uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                                                static_cast<unsigned char>(payload[1]));
      send_frame(0x8, payload.substr(0, 2));
      return r;
    }
    if (opcode == 0x9) send_frame(0xA, payload);
  }
}

}  // namespace wirekit::probe
