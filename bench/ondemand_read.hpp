// What the hand-written On-Demand decoders (ondemand_<protocol>.cpp) share: parsing with one
// parser per thread and reading tags and strings. See ondemand_baseline.hpp.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace ondemand_baseline {

namespace od = simdjson::ondemand;

// The input copied into a buffer with simdjson's padding, and the parser: one per thread. The
// document is valid until the next parse on this thread.
inline od::document& parse(std::string_view text) {
  thread_local od::parser parser;
  thread_local std::string buffer;
  thread_local od::document doc;
  buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  buffer.assign(text.data(), text.size());
  doc =
      parser.iterate(simdjson::padded_string_view(buffer.data(), buffer.size(), buffer.capacity()));
  return doc;
}

inline void expect_tag(od::value v, std::string_view tag) {
  if (std::string_view(v.get_string()) != tag)
    throw std::runtime_error("expected a " + std::string(tag) + " message");
}

inline void read_string(od::value v, std::string& out) {
  const std::string_view s = v.get_string();
  out.assign(s.data(), s.size());
}

inline void read_nullable(od::value v, std::optional<std::string>& out) {
  if (v.is_null())
    out.reset();
  else
    read_string(v, out.emplace());
}

}  // namespace ondemand_baseline
