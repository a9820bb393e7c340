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
    if (doc.find_field_unordered(shared.correlation).get(v) == simdjson::SUCCESS) {
      std::int64_t number = 0;
      if (!string_view_of(v, id, err)) {
        if (v.get_int64().get(number) == simdjson::SUCCESS) {
          const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
          (void)ec;
          id = std::string_view(digits, static_cast<std::size_t>(end - digits));
        }
      }
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
