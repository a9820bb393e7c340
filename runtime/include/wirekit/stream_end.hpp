// How a stream ended, as its end handler is told (client side).
#pragma once

#include <string>

#include "wirekit/incoming.hpp"
#include "wirekit/session_error.hpp"

namespace wirekit {

struct StreamEnd {
  enum class Reason {
    ended,   ///< the server sent one of the stream's end messages (`message`)
    failed,  ///< the server sent one of the stream's failure messages (`message`)
    session  ///< the session ended it: cancelled, disconnected, stopped, not connected (`error`)
  };
  Reason reason = Reason::ended;
  const Incoming* message = nullptr;  ///< ended / failed: the message (valid during the call)
  SessionError error;                 ///< session: why
};

}  // namespace wirekit
