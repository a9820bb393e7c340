// The outcome of a typed request, as generated client stubs return it: exactly one of the
// request's success replies, one of its error replies (both typed, as the schema's
// `interactions` list them), or a session error (timeout, cancelled, disconnected...).
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "wirekit/session_error.hpp"

namespace wirekit {

/// A list of message types; `variant` holds any one of them.
template <class... T>
struct OneOf {
  using variant = std::variant<T...>;
};

namespace detail {
template <class T, class... List>
inline constexpr bool one_of_v = (std::is_same_v<T, List> || ...);
template <class... T>
struct First;
template <class T, class... Rest>
struct First<T, Rest...> {
  using type = T;
};
template <>
struct First<> {
  using type = void;
};
}  // namespace detail

template <class Successes, class Errors>
class Outcome;

template <class... S, class... E>
class Outcome<OneOf<S...>, OneOf<E...>> {
 public:
  using Value = std::variant<SessionError, S..., E...>;
  /// Whether T is one of the replies this outcome may hold.
  template <class T>
  static constexpr bool accepts = detail::one_of_v<T, S..., E...>;

  Outcome() : value_(SessionError{SessionErrc::cancelled, "no outcome yet"}) {}
  Outcome(SessionError error) : value_(std::move(error)) {}  // NOLINT: implicit
  template <class T, class = std::enable_if_t<accepts<std::decay_t<T>>>>
  Outcome(T&& reply) : value_(std::forward<T>(reply)) {}  // NOLINT: implicit

  /// A success reply arrived.
  bool ok() const noexcept { return (std::holds_alternative<S>(value_) || ...); }
  explicit operator bool() const noexcept { return ok(); }
  /// The success reply of type T (the first success type by default), or null.
  template <class T = typename detail::First<S...>::type>
  const T* reply() const noexcept {
    static_assert(detail::one_of_v<T, S...>, "not a success reply of this request");
    return std::get_if<T>(&value_);
  }
  /// One of the protocol's error replies arrived.
  bool is_error() const noexcept { return (std::holds_alternative<E>(value_) || ...); }
  /// The error reply of type T, or null.
  template <class T>
  const T* error() const noexcept {
    static_assert(detail::one_of_v<T, E...>, "not an error reply of this request");
    return std::get_if<T>(&value_);
  }
  /// Why no reply arrived, or null when one did.
  const SessionError* session_error() const noexcept { return std::get_if<SessionError>(&value_); }

  const Value& value() const& noexcept { return value_; }
  Value&& value() && noexcept { return std::move(value_); }

 private:
  Value value_;
};

/// The outcome of a reply as the runtime reports it: `Variant` is the protocol's generated
/// `ToClient`, whose value the reply carries (the runtime decoded it once; it is moved from).
template <class Result, class Variant>
Result outcome_of(ReplyView&& reply) {
  if (!reply.ok()) return SessionError{reply.error, std::string(reply.error_message)};
  Variant* value = reply.value.get<Variant>();
  if (!value)
    return SessionError{SessionErrc::unexpected_reply,
                        "the reply was not decoded by this protocol's codec"};
  Variant& decoded = *value;
  return std::visit(
      [](auto& message) -> Result {
        using M = std::decay_t<decltype(message)>;
        if constexpr (Result::template accepts<M>)
          return Result(std::move(message));
        else
          return SessionError{SessionErrc::unexpected_reply, std::string("the request got ") +
                                                                 std::string(M::kName) +
                                                                 ", which is none of its replies"};
      },
      decoded);
}

}  // namespace wirekit
