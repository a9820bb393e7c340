// What went wrong when decoding a message, and where.
#pragma once

#include <string>
#include <string_view>

namespace wirekit {

struct DecodeError {
 public:
  enum class Kind {
    not_json,           ///< the text is not valid JSON (or is truncated)
    not_object,         ///< a message or struct is not a JSON object
    missing_field,      ///< a required field is absent
    wrong_type,         ///< a field holds another JSON type than the schema says
    invalid_value,      ///< right JSON type, but not a valid value (enum, uuid, timestamp, range)
    unknown_tag,        ///< the discriminator names no message of this direction
    ambiguous_tag,      ///< several replies share the tag; decode with decode<T>()
    constant_mismatch,  ///< an envelope constant has another value
  };

  Kind kind = Kind::not_json;
  std::string path;     ///< dotted field path, e.g. "payload.command.attrs" or "services[2].name"
  std::string message;  ///< what was expected

  /// "payload.command.attrs: expected object, got string"
  std::string to_string() const { return path.empty() ? message : path + ": " + message; }
  /// Prepends a field name to the path (called while unwinding).
  void in_field(std::string_view name) {
    if (path.empty() || path.front() == '[')
      path.insert(0, name);
    else
      path.insert(0, std::string(name) + ".");
  }
  /// Prepends an array index or map key to the path.
  void in_index(std::size_t index) { prepend_subscript("[" + std::to_string(index) + "]"); }
  void in_key(std::string_view key) { prepend_subscript("[\"" + std::string(key) + "\"]"); }

 private:
  void prepend_subscript(const std::string& subscript) {
    if (!path.empty() && path.front() != '[') path.insert(0, ".");
    path.insert(0, subscript);
  }
};

std::string_view to_string(DecodeError::Kind kind) noexcept;

}  // namespace wirekit
