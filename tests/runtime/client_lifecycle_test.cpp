// The Client's connection lifecycle as a state machine (endpoint/client_lifecycle.hpp): every
// legal path moves to the state it names, every other transition is refused and leaves the
// state as it was.
#include <catch2/catch.hpp>

#include <vector>

#include "endpoint/client_lifecycle.hpp"

using wirekit::detail::ClientLifecycle;
using wirekit::detail::ClientState;
using S = ClientState;

namespace {

const std::vector<S> kAll = {S::idle,           S::connecting, S::handshaking, S::open,
                             S::reconnect_wait, S::closed,     S::stopping,    S::stopped};

/// A lifecycle brought to `target` along legal transitions.
ClientLifecycle at(S target) {
  ClientLifecycle l;
  const std::vector<S> path = [target]() -> std::vector<S> {
    switch (target) {
      case S::idle:
        return {};
      case S::connecting:
        return {S::connecting};
      case S::handshaking:
        return {S::connecting, S::handshaking};
      case S::open:
        return {S::connecting, S::handshaking, S::open};
      case S::reconnect_wait:
        return {S::connecting, S::reconnect_wait};
      case S::closed:
        return {S::connecting, S::closed};
      case S::stopping:
        return {S::stopping};
      case S::stopped:
        return {S::stopping, S::stopped};
    }
    return {};
  }();
  for (S s : path) REQUIRE(l.to(s));
  REQUIRE(l.state() == target);
  return l;
}

}  // namespace

TEST_CASE("client lifecycle: a connect, a loss, a retry, a close and a stop",
          "[runtime][client_lifecycle]") {
  ClientLifecycle l;
  CHECK(l.state() == S::idle);
  CHECK_FALSE(l.busy());
  CHECK(l.to(S::connecting));
  CHECK(l.busy());
  CHECK(l.to(S::handshaking));
  CHECK(l.to(S::open));
  CHECK(l.state() == S::open);
  CHECK(l.to(S::reconnect_wait));  // the connection dropped
  CHECK_FALSE(l.busy());
  CHECK(l.to(S::connecting));      // the backoff timer fired
  CHECK(l.to(S::reconnect_wait));  // the attempt failed
  CHECK(l.to(S::connecting));
  CHECK(l.to(S::handshaking));
  CHECK(l.to(S::closed));      // closed before the handshake completed
  CHECK(l.to(S::connecting));  // connect() again
  CHECK(l.to(S::handshaking));
  CHECK(l.to(S::open));
  CHECK(l.to(S::closed));
  CHECK(l.to(S::stopping));
  CHECK(l.stopping());
  CHECK(l.to(S::stopped));
  CHECK(l.state() == S::stopped);
  CHECK(l.stopping());
}

TEST_CASE("client lifecycle: stop() is legal from every state until stopping",
          "[runtime][client_lifecycle]") {
  for (S from : kAll) {
    ClientLifecycle l = at(from);
    const bool legal = from != S::stopping && from != S::stopped;
    INFO("from " << wirekit::detail::to_string(from));
    CHECK(l.to(S::stopping) == legal);
    CHECK(l.state() == (legal ? S::stopping : from));
  }
}

TEST_CASE("client lifecycle: illegal transitions are refused and change nothing",
          "[runtime][client_lifecycle]") {
  struct Case {
    S from, to;
  };
  const std::vector<Case> refused = {
      {S::idle, S::open},  // no handshake without a connection
      {S::idle, S::handshaking},
      {S::idle, S::reconnect_wait},
      {S::idle, S::stopped},     // a stop goes through stopping
      {S::connecting, S::open},  // the handshake comes first
      {S::connecting, S::connecting},
      {S::handshaking, S::connecting},
      {S::open, S::handshaking},
      {S::open, S::connecting},
      {S::open, S::open},
      {S::reconnect_wait, S::open},
      {S::reconnect_wait, S::handshaking},
      {S::closed, S::open},
      {S::closed, S::reconnect_wait},
      {S::stopping, S::connecting},
      {S::stopping, S::open},
      {S::stopping, S::closed},
      {S::stopped, S::connecting},
      {S::stopped, S::idle},
      {S::stopped, S::stopped},
  };
  for (const Case& c : refused) {
    ClientLifecycle l = at(c.from);
    INFO(wirekit::detail::to_string(c.from) << " -> " << wirekit::detail::to_string(c.to));
    CHECK_FALSE(ClientLifecycle::allowed(c.from, c.to));
    CHECK_FALSE(l.to(c.to));
    CHECK(l.state() == c.from);
  }
  // Nothing leaves stopped; nothing but stopped follows stopping.
  for (S to : kAll) {
    CHECK_FALSE(ClientLifecycle::allowed(S::stopped, to));
    CHECK(ClientLifecycle::allowed(S::stopping, to) == (to == S::stopped));
  }
}

TEST_CASE("client lifecycle: close() suppresses reconnection apart from the state",
          "[runtime][client_lifecycle]") {
  ClientLifecycle l = at(S::connecting);
  CHECK_FALSE(l.reconnect_suppressed());
  l.suppress_reconnect(true);  // close() while connecting: the attempt goes on
  CHECK(l.state() == S::connecting);
  CHECK(l.reconnect_suppressed());
  CHECK(std::string(wirekit::detail::to_string(S::reconnect_wait)) == "reconnect_wait");
}
