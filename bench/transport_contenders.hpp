// The two sides of the transport benchmark, as each contender implements them: the wirekit
// runtime with the generated ping-pong SDK (transport_wirekit.cpp), and a raw websocketpp echo of
// frames of the same size (transport_raw.cpp). The harness (transport_bench.cpp) only sees these
// interfaces, so every measure runs the same steps on both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace transport_bench {

/// How a client keeps its window of requests full.
enum class Pacing {
  callback,  ///< the next request is sent from the reply's callback, on the loop thread
  blocking,  ///< a user thread sends one request and waits for its reply (request_future().get())
  driving,   ///< as blocking, the user thread running the client's loop while it waits
             ///< (wirekit::run_until_ready); a contender without that mode uses callback
};

/// A server on its own loop thread, listening on 127.0.0.1 (an ephemeral port).
class ServerSide {
 public:
  virtual ~ServerSide() = default;
  virtual std::uint16_t port() const = 0;
  /// Open connections, as the server's own bookkeeping counts them.
  virtual std::size_t connections() const = 0;
  /// Sends the same push (a frame of kBroadcastBytes) to every open connection.
  virtual void broadcast(std::int64_t round) = 0;
};

/// Clients on one loop thread (one connection each).
class ClientSide {
 public:
  virtual ~ClientSide() = default;
  /// Opens `count` connections to 127.0.0.1:port and returns once they are all open; throws
  /// std::runtime_error when one fails.
  virtual void connect(std::uint16_t port, std::size_t count) = 0;
  /// Round trips on the first connection with `window` requests in flight until `total` replies
  /// arrived; returns the seconds it took. Throws when a reply is missing or wrong.
  virtual double round_trips(std::size_t window, std::size_t total, Pacing pacing) = 0;
  /// One round trip on every connection at once; returns when every reply arrived.
  virtual void one_round_trip_each() = 0;
  /// Called on the loop thread for each push (broadcast) a client receives.
  virtual void on_push(std::function<void()> handler) = 0;
};

/// The ping frame both contenders send (wirekit's encoding of a Ping with a five-digit id, the
/// frame size the issue measured), and the broadcast push.
inline constexpr std::size_t kFrameBytes = 247;
inline constexpr std::size_t kBroadcastBytes = 247;

std::unique_ptr<ServerSide> make_wirekit_server();
std::unique_ptr<ClientSide> make_wirekit_clients();
std::unique_ptr<ServerSide> make_raw_server();
std::unique_ptr<ClientSide> make_raw_clients();

/// A Ping frame of kFrameBytes as wirekit encodes it (the raw contender sends this text).
std::string sample_ping_frame();
/// A Tick push of kBroadcastBytes as wirekit encodes it.
std::string sample_tick_frame();

}  // namespace transport_bench
