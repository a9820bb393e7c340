// Internal: the simdjson parsers each thread decodes with. They grow to the largest message
// they parsed; release_thread_parsers() gives that memory back.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <string>

namespace wirekit::json::detail {

struct ThreadParser {
  simdjson::ondemand::parser parser;
  std::string buffer;  ///< the input, copied with SIMDJSON_PADDING bytes of slack
};

/// The On-Demand parser typed decoding uses, with its input buffer.
ThreadParser& thread_parser();
/// The DOM parser that validates free-form and unknown values.
simdjson::dom::parser& thread_dom_parser();

}  // namespace wirekit::json::detail

namespace wirekit::json {

/// The largest message, in bytes, this thread's decode parsers are sized for (their memory is
/// a small multiple of it).
std::size_t thread_parser_capacity() noexcept;
/// Frees this thread's decode parsers when they are sized for more than `keep_bytes`, so one
/// large message does not stay allocated. The session calls it after each message; no
/// Document or Value from this thread may be in use.
void release_thread_parsers(std::size_t keep_bytes) noexcept;

}  // namespace wirekit::json
