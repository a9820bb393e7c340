// Misbehaving raw peers for the runtime tests: a websocketpp client that sends whatever it is
// told (binary frames included) and a TCP peer that opens a WebSocket and never reads again.
// Their code lives in raw_peer.cpp: websocketpp's client templates cost most of a minute of
// compilation in every file that instantiates them, and half the runtime tests use a RawPeer.
#pragma once

#include <asio.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <wirekit/close_info.hpp>

#include "test_support.hpp"

namespace wirekit::test {

/// A bare websocketpp client on its own thread: sends whatever it is told (binary frames
/// included), records texts and the close it sees, and applies no protocol rules.
class RawPeer {
 public:
  RawPeer();
  ~RawPeer();
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;

  /// Connects to ws://127.0.0.1:port<path>; true once open.
  bool connect(std::uint16_t port, const std::string& path, const std::string& subprotocol = {});
  void send_text(const std::string& text);
  void send_binary(const std::string& data);
  void close(std::uint16_t code, const std::string& reason);
  /// The subprotocol the server selected ("" when none).
  std::string subprotocol();
  /// The HTTP status of a refused upgrade (0 before one).
  int http_status() const;
  /// The close the peer sent; waits for it.
  std::optional<CloseInfo> wait_close(std::chrono::milliseconds timeout = 3000ms);

  Inbox<std::string> texts;
  Inbox<CloseInfo> closes;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A client's text frame carrying `payload` (FIN, masked with the key 0, so the payload bytes
/// are sent as they are).
std::string masked_text_frame(const std::string& payload);

/// The Sec-WebSocket-Accept value for an upgrade request's Sec-WebSocket-Key.
std::string websocket_accept(const std::string& request);

/// Opens a WebSocket by hand over TCP, then never reads again (a stalled consumer).
class StalledTcpPeer {
 public:
  /// True once the server accepted the upgrade.
  bool connect(std::uint16_t port, const std::string& path, const std::string& subprotocol = {});
  /// Writes bytes as they are (a frame made by masked_text_frame, for instance).
  bool write_raw(const std::string& bytes);

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_{io_};
};

}  // namespace wirekit::test
