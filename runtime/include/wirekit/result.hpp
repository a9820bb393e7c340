// Result<T>: a decoded value or the DecodeError that prevented it. Decoding never throws.
#pragma once

#include <utility>
#include <variant>

#include "wirekit/decode_error.hpp"

namespace wirekit {

/// Result<T>(default_init): a T default-initialized in place, for a decoder to fill. For a
/// generated message, whose scalar members all have default member initializers, that is all
/// the initialization it needs; value-initializing it (std::in_place with no arguments) would
/// first zero the whole struct.
struct DefaultInit {};
inline constexpr DefaultInit default_init{};

namespace detail {
template <class T>
struct ResultSlot {
  ResultSlot(DefaultInit) {}  // NOLINT: leaves `value` default-initialized, see DefaultInit
  template <class... Args>
  explicit ResultSlot(std::in_place_t, Args&&... args) : value(std::forward<Args>(args)...) {}
  T value;
};
}  // namespace detail

template <class T>
class Result {
 public:
  Result(T&& value) : v_(std::in_place_index<0>, std::in_place, std::move(value)) {}  // NOLINT
  Result(const T& value) : v_(std::in_place_index<0>, std::in_place, value) {}        // NOLINT
  Result(DecodeError error) : v_(std::in_place_index<1>, std::move(error)) {}         // NOLINT
  /// Constructs the value in place, e.g. Result<Variant>(std::in_place_type<Alternative>).
  template <class... Args>
  explicit Result(std::in_place_t, Args&&... args)
      : v_(std::in_place_index<0>, std::in_place, std::forward<Args>(args)...) {}
  /// Default-initializes the value in place (see DefaultInit).
  explicit Result(DefaultInit) : v_(std::in_place_index<0>, default_init) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only when ok().
  T& value() & { return std::get<0>(v_).value; }
  const T& value() const& { return std::get<0>(v_).value; }
  T&& value() && { return std::move(std::get<0>(v_).value); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  /// Replaces the value with an error.
  Result& operator=(DecodeError error) {
    v_.template emplace<1>(std::move(error));
    return *this;
  }

  /// The error; only when !ok().
  const DecodeError& error() const { return std::get<1>(v_); }

 private:
  std::variant<detail::ResultSlot<T>, DecodeError> v_;
};

}  // namespace wirekit
