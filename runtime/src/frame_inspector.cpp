#include "wirekit/frame_inspector.hpp"

#include <cmath>

#include <simdjson.h>

#include "wirekit/session_messages.hpp"

namespace wirekit {

struct FrameInspector::Impl {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  bool valid = false;

  simdjson::simdjson_result<simdjson::dom::element> member(std::string_view key) const {
    return object.at_key(key);
  }
};

FrameInspector::FrameInspector() : impl_(std::make_unique<Impl>()) {}
FrameInspector::~FrameInspector() = default;

bool FrameInspector::parse(std::string_view text) {
  impl_->valid = false;
  simdjson::dom::element root;
  if (auto err = impl_->parser.parse(text.data(), text.size()).get(root)) {
    error_ = std::string("invalid JSON: ") + simdjson::error_message(err);
    return false;
  }
  if (root.get_object().get(impl_->object) != simdjson::SUCCESS) {
    error_ = "not a JSON object";
    return false;
  }
  error_.clear();
  impl_->valid = true;
  return true;
}

bool FrameInspector::has_member(std::string_view key) const {
  return impl_->valid && impl_->member(key).error() == simdjson::SUCCESS;
}

std::optional<std::string> FrameInspector::string_member(std::string_view key) const {
  if (!impl_->valid) return std::nullopt;
  std::string_view s;
  if (impl_->member(key).get_string().get(s) != simdjson::SUCCESS) return std::nullopt;
  return std::string(s);
}

std::optional<std::string> FrameInspector::id_member(std::string_view key) const {
  if (!impl_->valid) return std::nullopt;
  auto m = impl_->member(key);
  std::string_view s;
  if (m.get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  std::int64_t i = 0;
  if (m.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  return std::nullopt;
}

namespace {
std::optional<std::int64_t> as_integer(simdjson::simdjson_result<simdjson::dom::element> m) {
  std::int64_t i = 0;
  if (m.get_int64().get(i) == simdjson::SUCCESS) return i;
  double d = 0;
  if (m.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && std::floor(d) == d &&
      std::fabs(d) < 9.0e18)
    return static_cast<std::int64_t>(d);
  return std::nullopt;
}
}  // namespace

std::optional<std::int64_t> FrameInspector::integer_member(std::string_view key) const {
  if (!impl_->valid) return std::nullopt;
  return as_integer(impl_->member(key));
}

std::optional<std::int64_t> FrameInspector::integer_at(std::string_view dotted_path) const {
  if (!impl_->valid) return std::nullopt;
  return as_integer(impl_->object.at_pointer(dotted_to_pointer(dotted_path)));
}

TagCheck check_tag(const ProtocolSpec& spec, Side sender, const FrameInspector& frame) {
  TagCheck out;
  auto from_sender = [&](const MessageSpec& m) { return m.from == sender || m.from == Side::both; };
  if (!frame.has_member(spec.tag_key)) {
    for (const auto& m : spec.messages)
      if (m.untagged && from_sender(m)) return out;
    if (spec.messages.empty()) return out;
    out.error = "missing tag '" + std::string(spec.tag_key) + "'";
    return out;
  }
  auto tag = frame.string_member(spec.tag_key);
  if (!tag) {
    out.error = "tag '" + std::string(spec.tag_key) + "' is not a string";
    return out;
  }
  out.tag = std::move(*tag);
  if (spec.messages.empty()) return out;
  for (const auto& m : spec.messages)
    if (!m.untagged && m.tag == out.tag && from_sender(m)) return out;
  out.error = "unknown " + std::string(spec.tag_key) + " '" + out.tag + "'";
  return out;
}

}  // namespace wirekit
