// For generated decoders: which reply a message is when several replies share its tag (Flet
// answers every host request with `"action": ""`). The reply's correlation names its request;
// the request's interaction names the reply type.
#pragma once

#include <cstddef>
#include <string_view>

#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/codegen/json_decode.hpp"

namespace wirekit::json {

/// The shared tag and the messages that carry it.
struct SharedTag {
  std::string_view tag_key;                  ///< e.g. "action"
  std::string_view tag;                      ///< e.g. ""
  std::string_view correlation;              ///< the top-level key the correlation is in
  const MessageIndex* candidates = nullptr;  ///< the messages sharing the tag
  std::size_t count = 0;
  std::string_view names;  ///< their names, for the error message
};

/// Reads the correlation member (a string, or an integer as its digits) of `doc`, rewinds it,
/// and asks `resolver` which candidate it is. Returns that index; otherwise fills `err`
/// (ambiguous_tag: no resolver, or no pending request expects one) and returns -1.
MessageIndex resolve_reply(Document& doc, const SharedTag& shared, ReplyResolver* resolver,
                           DecodeError& err);

}  // namespace wirekit::json
