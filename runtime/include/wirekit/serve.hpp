// Serving until SIGINT or SIGTERM, so that no server's main() handles signals by hand.
#pragma once

#include <cstdint>
#include <functional>

#include "wirekit/server.hpp"

namespace wirekit {

/// Serves with `server` until the process gets SIGINT or SIGTERM, then stops it cleanly.
/// In order: catches both signals (first, so one sent as soon as the server says it is ready
/// is not lost), starts the server unless it is running already, calls `ready` with the port
/// it listens on (print the address there), waits for a signal, stops the server and returns
/// the signal's number.
/// The signals are blocked in the calling thread and taken by sigwait, so a signal is never
/// lost however soon it comes; threads started meanwhile (the server's own, or any `ready`
/// starts) inherit the mask, and the server's loop threads block them in any case. A signal
/// the kernel gives another thread of the application goes on to the waiting one. Call it from
/// one thread at a time; the mask and the previous signal actions are back once it returns.
/// Throws what Server::start() throws (the port is taken...); the server is then not started.
int serve_until_signal(Server& server, const std::function<void(std::uint16_t port)>& ready = {});

}  // namespace wirekit
