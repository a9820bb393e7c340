// What each message is to the generated client and server stubs, and the names the stubs
// give it. Shared by emit_client.cpp, emit_server.cpp and the validator.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace wirekit::gen {

/// What a message the client sends becomes in the stubs.
enum class StubCall {
  handshake,  ///< the handshake's first message: connect()'s argument / the accept handler
  request,    ///< a correlated (or `correlation: next`) interaction's request: a typed outcome /
              ///< a Reply to answer with
  stream,     ///< opens a stream: a StreamHandle / a StreamWriter
  event,      ///< ack correlation's event: stamped and tracked until acked
  ack,        ///< ack correlation's ack: the runtime sends and consumes it
  one_way     ///< anything else: sent as is / a handler without reply
};

StubCall client_call(const Protocol& p, const Message& m);
/// Whether a message the server sends gets a client handler: every one but an ack the runtime
/// consumes (a correlated reply's handler sees only copies that answer no pending request).
bool is_push(const Protocol& p, const Message& m);
/// Whether `m` answers a correlated request, or one awaiting the next reply (`correlation:
/// next`): its handler then sees only unsolicited copies.
bool is_correlated_reply(const Protocol& p, const Message& m);

/// `ns::Name`: a protocol type named from inside the stub namespace.
std::string qualified(const Protocol& p, const std::string& type);
/// The snake_case method name of a message, e.g. `service_create`.
std::string method_name(const Message& m);
/// The message the stub's connect() returns: the handshake's success message, or its first
/// message when the server opens it; "" without a handshake.
std::string handshake_result(const Protocol& p);

/// Member names of the generated stubs that a message's method or handler must not take.
const std::vector<std::string>& reserved_stub_members();

}  // namespace wirekit::gen
