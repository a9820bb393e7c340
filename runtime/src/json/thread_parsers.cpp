#include "json/thread_parsers.hpp"

#include <algorithm>

namespace wirekit::json {
namespace detail {

ThreadParser& thread_parser() {
  thread_local ThreadParser tp;
  return tp;
}

simdjson::dom::parser& thread_dom_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

}  // namespace detail

std::size_t thread_parser_capacity() noexcept {
  const auto& tp = detail::thread_parser();
  return std::max(
      {tp.parser.capacity(), tp.buffer.capacity(), detail::thread_dom_parser().capacity()});
}

void release_thread_parsers(std::size_t keep_bytes) noexcept {
  auto& tp = detail::thread_parser();
  if (tp.parser.capacity() > keep_bytes) tp.parser = simdjson::ondemand::parser{};
  if (tp.buffer.capacity() > keep_bytes) std::string().swap(tp.buffer);
  auto& dom = detail::thread_dom_parser();
  if (dom.capacity() > keep_bytes) dom = simdjson::dom::parser{};
}

}  // namespace wirekit::json
