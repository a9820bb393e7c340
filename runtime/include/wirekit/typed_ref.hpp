// A reference to a value the runtime carries without knowing its type (a generated codec's
// decoded message, a connection's user data), whose type is checked when it is read.
#pragma once

#include <type_traits>

namespace wirekit {

class TypedRef {
 public:
  TypedRef() = default;
  /// Refers to `value`, remembering its type T. (Not a copy constructor: a TypedRef is copied
  /// as itself, never referred to.)
  template <class T, class = std::enable_if_t<!std::is_same_v<std::remove_const_t<T>, TypedRef>>>
  explicit TypedRef(T& value) noexcept
      : value_(const_cast<std::remove_const_t<T>*>(&value)),  // NOLINT: constness kept below
        type_(key<T>()),
        read_only_(std::is_const_v<T>) {}

  /// The value when it is a T, else null (also for an empty reference). `get<const T>()`
  /// reads any T; `get<T>()` of a value referred to as const is null.
  template <class T>
  T* get() const noexcept {
    if (type_ != key<T>() || (read_only_ && !std::is_const_v<T>)) return nullptr;
    return static_cast<T*>(value_);
  }
  /// Whether it refers to a value.
  explicit operator bool() const noexcept { return value_ != nullptr; }

 private:
  // One address per type in the program: the identity of T.
  template <class T>
  static const void* key() noexcept {
    return identity<std::remove_const_t<T>>();
  }
  template <class T>
  static const void* identity() noexcept {
    static const char unique = 0;
    return &unique;
  }

  void* value_ = nullptr;
  const void* type_ = nullptr;
  bool read_only_ = false;
};

}  // namespace wirekit
