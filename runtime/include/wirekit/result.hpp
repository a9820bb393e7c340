// Result<T>: a decoded value or the DecodeError that prevented it. Decoding never throws.
#pragma once

#include <utility>
#include <variant>

#include "wirekit/decode_error.hpp"

namespace wirekit {

template <class T>
class Result {
 public:
  Result(T&& value) : v_(std::in_place_index<0>, std::move(value)) {}          // NOLINT: implicit
  Result(const T& value) : v_(std::in_place_index<0>, value) {}                // NOLINT: implicit
  Result(DecodeError error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  /// Constructs the value in place, e.g. Result<Variant>(std::in_place_type<Alternative>).
  template <class... Args>
  explicit Result(std::in_place_t, Args&&... args)
      : v_(std::in_place_index<0>, std::forward<Args>(args)...) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only when ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
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
  std::variant<T, DecodeError> v_;
};

}  // namespace wirekit
