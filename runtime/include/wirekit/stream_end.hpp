// How a stream ended, as its end handler is told (client side): StreamEnd from the runtime
// Client (the message as an Incoming), StreamEndOf<End> from a generated stub (typed).
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include "wirekit/incoming.hpp"
#include "wirekit/session_error.hpp"

namespace wirekit {

struct StreamEnd {
  enum class Reason {
    ended,   ///< the server sent one of the stream's end messages (`message`)
    failed,  ///< the server sent one of the stream's failure messages (`message`)
    session  ///< the session ended it: cancelled, dropped, disconnected, stopped (`error`)
  };
  Reason reason = Reason::ended;
  const Incoming* message = nullptr;  ///< ended / failed: the message (valid during the call)
  SessionError error;                 ///< session: why
};

/// A generated stub's StreamEnd: `End` is the stream's end or failure message (one type, or
/// a std::variant of its ends and failures; std::monostate when it has none).
template <class End>
struct StreamEndOf {
 private:
  template <class T>
  struct is_variant : std::false_type {};
  template <class... T>
  struct is_variant<std::variant<T...>> : std::true_type {};

 public:
  using Reason = StreamEnd::Reason;
  Reason reason = Reason::ended;
  std::optional<End> message;  ///< ended / failed: the message, typed
  SessionError error;          ///< session: why

  bool ended() const noexcept { return reason == Reason::ended; }
  bool failed() const noexcept { return reason == Reason::failed; }
  /// The end or failure message if it is an `M`, else null.
  template <class M>
  const M* get() const noexcept {
    if (!message) return nullptr;
    if constexpr (std::is_same_v<End, M>)
      return &*message;
    else if constexpr (is_variant<End>::value)
      return std::get_if<M>(&*message);
    else
      return nullptr;
  }
};

/// The outcome of a one-result stream (`result: one`): its item, if one came, and how the
/// stream ended (normally, with a typed failure, or a session error).
template <class Item, class End>
struct StreamResult {
  std::optional<Item> item;
  StreamEndOf<End> end;

  /// The item when the stream ended normally after it.
  const Item* ok() const noexcept { return item && end.ended() ? &*item : nullptr; }
};

}  // namespace wirekit
