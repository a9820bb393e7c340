// Writes JSON text straight into a string: no intermediate tree. Used by generated
// encoders; usable by hand. The writer inserts commas itself.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wirekit {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(256); }

  void begin_object() {
    value_prefix();
    out_.push_back('{');
    first_ = true;
  }
  void end_object() {
    out_.push_back('}');
    first_ = false;
  }
  void begin_array() {
    value_prefix();
    out_.push_back('[');
    first_ = true;
  }
  void end_array() {
    out_.push_back(']');
    first_ = false;
  }

  /// An object key; the next call writes its value.
  void key(std::string_view name) {
    if (!first_) out_.push_back(',');
    append_string(name);
    out_.push_back(':');
    after_key_ = true;
  }

  /// A string, escaped; bytes that are not valid UTF-8 are written as U+FFFD.
  void string(std::string_view s) {
    value_prefix();
    append_string(s);
  }
  void integer(std::int64_t v);
  /// Finite numbers in their shortest round-trip form; NaN and infinities, which JSON
  /// cannot express, as null.
  void number(double v);
  void boolean(bool v) {
    value_prefix();
    out_.append(v ? "true" : "false");
  }
  void null() {
    value_prefix();
    out_.append("null");
  }
  /// Raw JSON text, written as is (an empty text as null).
  void raw(std::string_view json) {
    value_prefix();
    if (json.empty())
      out_.append("null");
    else
      out_.append(json);
  }

  const std::string& str() const& noexcept { return out_; }
  /// Moves the text out; the writer is then empty.
  std::string take() { return std::move(out_); }

 private:
  void value_prefix() {
    if (after_key_) {
      after_key_ = false;
      first_ = false;
      return;
    }
    if (!first_) out_.push_back(',');
    first_ = false;
  }
  void append_string(std::string_view s);

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace wirekit
