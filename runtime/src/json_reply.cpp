#include "wirekit/json_reply.hpp"

#include <charconv>
#include <string>

namespace wirekit::json {

MessageIndex resolve_reply(Document& doc, const SharedTag& shared, ReplyResolver* resolver,
                           DecodeError& err) {
  if (resolver) {
    char digits[24];
    std::string_view id;
    Value v;
    simdjson::error_code code = doc.find_field_unordered(shared.correlation).get(v);
    if (code == simdjson::SUCCESS) {
      std::int64_t number = 0;
      if (!string_view_of(v, id, err)) {
        code = v.get_int64().get(number);
        if (code == simdjson::SUCCESS) {
          const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
          (void)ec;
          id = std::string_view(digits, static_cast<std::size_t>(end - digits));
        }
      }
    }
    // Malformed JSON on the way stops simdjson's iterator for good: a dead document cannot be
    // rewound, so the message is reported as the syntax error it is.
    if (!doc.is_alive()) {
      fail_syntax(code != simdjson::SUCCESS ? code : simdjson::TAPE_ERROR, err);
      return -1;
    }
    // The id must outlive the rewind: a plain string is read from the input, which does.
    std::string copy(id);
    doc.rewind();
    const MessageIndex chosen = resolver->expected_reply(copy, shared.candidates, shared.count);
    if (chosen >= 0) return chosen;
  }
  ambiguous_tag(shared.tag_key, shared.tag, shared.names, err);
  return -1;
}

}  // namespace wirekit::json
