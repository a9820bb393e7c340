// An error in a schema, located at file:line:col.
#pragma once

#include <stdexcept>
#include <string>

#include "model/model.hpp"

namespace wirekit::gen {

class SchemaError : public std::runtime_error {
 public:
  SchemaError(const Location& where, const std::string& message)
      : std::runtime_error(format(where, message)), where_(where), message_(message) {}

  const Location& where() const noexcept { return where_; }
  const std::string& message() const noexcept { return message_; }

 private:
  static std::string format(const Location& where, const std::string& message) {
    return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
           ": error: " + message;
  }
  Location where_;
  std::string message_;
};

}  // namespace wirekit::gen
