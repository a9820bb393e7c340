// Reads the few top-level fields the session runtime needs (tag, correlation id, seq,
// event id, negotiated deadline) from one JSON text, without decoding the message.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "wirekit/protocol_spec.hpp"

namespace wirekit {

class FrameInspector {
 public:
  FrameInspector();
  ~FrameInspector();
  FrameInspector(const FrameInspector&) = delete;
  FrameInspector& operator=(const FrameInspector&) = delete;

  /// Parses and fully validates `text`. True when it is a JSON object; otherwise
  /// error() says why. The getters below read the last text parsed successfully.
  bool parse(std::string_view text);
  const std::string& error() const noexcept { return error_; }

  /// A top-level string member.
  std::optional<std::string> string_member(std::string_view key) const;
  /// A top-level member that is a string or an integer, as text ("7" for 7).
  std::optional<std::string> id_member(std::string_view key) const;
  /// A top-level integer member.
  std::optional<std::int64_t> integer_member(std::string_view key) const;
  /// An integer (or integral number) at a dotted path such as "payload.ack_timeout_ms".
  std::optional<std::int64_t> integer_at(std::string_view dotted_path) const;
  bool has_member(std::string_view key) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

/// The tag of a message `sender` may send, checked against spec.messages: empty error
/// and the tag (empty for an untagged message) when valid; otherwise an error text such
/// as "unknown type 'X'". When spec.messages is empty any object is accepted (the
/// tag, when present, must still be a string).
struct TagCheck {
  std::string tag;
  std::string error;
  bool ok() const noexcept { return error.empty(); }
};
TagCheck check_tag(const ProtocolSpec& spec, Side sender, const FrameInspector& frame);

}  // namespace wirekit
