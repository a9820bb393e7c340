// The probe's side of a WebSocket: a blocking client socket that sends exactly what it is told
// and reads the server's frames with a deadline, so that a case sees the reply, the close
// code or the silence the server answers with (and nothing a client library would add).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace wirekit::probe {

/// Where the server listens: ws://HOST:PORT/PATH.
struct Endpoint {
  std::string host;
  std::string port;
  std::string path;
};

/// Parses ws://HOST:PORT/PATH; nullopt when `url` is not of that form.
std::optional<Endpoint> parse_url(const std::string& url);

/// What came from the server.
struct Received {
  enum class Kind { text, close, lost, timeout };
  Kind kind = Kind::timeout;
  std::string text;        ///< a text frame's payload
  std::uint16_t code = 0;  ///< a close frame's code (1005 when it has none)
};

class WsSocket {
 public:
  WsSocket() = default;
  ~WsSocket();
  WsSocket(const WsSocket&) = delete;
  WsSocket& operator=(const WsSocket&) = delete;

  /// Connects and sends the upgrade, offering `subprotocol` when not empty and sending
  /// `Authorization: Bearer <bearer>` when not empty. The HTTP status of the answer (101 when
  /// upgraded), or 0 when no answer came.
  int open(const Endpoint& at, const std::string& subprotocol, const std::string& bearer);
  /// Sends one text frame; false when the connection is gone.
  bool send_text(const std::string& payload);
  /// The next text or close frame (pings are answered, other frames skipped), or lost or
  /// timeout.
  Received receive(std::chrono::milliseconds timeout);

 private:
  bool write(const std::string& bytes);
  bool read_exact(char* out, std::size_t n, std::chrono::steady_clock::time_point deadline);
  bool send_frame(std::uint8_t opcode, const std::string& payload);

  int fd_ = -1;
  bool lost_ = false;
};

}  // namespace wirekit::probe
