#include "wirekit/codegen/json_reply.hpp"

#include <charconv>
#include <string>

namespace wirekit::json {

MessageIndex resolve_reply(Document& doc, const SharedTag& shared, ReplyResolver* resolver,
                           DecodeError& err) {
  if (resolver) {
    char digits[24];
    std::string copy;
    int seen = 0;
    Object object;
    simdjson::error_code code = doc.get_object().get(object);
    // The correlation value is read wherever it stands; given twice, the message could be
    // resolved by one value here and decoded with the other (the decoders keep the last), so
    // it is refused, as a second tag key is.
    if (!code) {
      for (auto member : object) {
        if ((code = member.error())) break;
        simdjson::ondemand::field&& field = std::move(member).value_unsafe();
        if (!(field.key() == shared.correlation)) continue;
        if (++seen > 1) break;
        std::string_view id;
        Value v = field.value();
        if (!string_view_of(v, id, err)) {
          std::int64_t number = 0;
          if (v.get_int64().get(number) == simdjson::SUCCESS) {
            const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
            (void)ec;
            id = std::string_view(digits, static_cast<std::size_t>(end - digits));
          }
        }
        copy.assign(id.data(), id.size());
      }
    }
    // Malformed JSON on the way stops simdjson's iterator for good: a dead document cannot be
    // rewound, so the message is reported as the syntax error it is.
    if (!doc.is_alive() || (code && code != simdjson::INCORRECT_TYPE)) {
      fail_syntax(code != simdjson::SUCCESS ? code : simdjson::TAPE_ERROR, err);
      return -1;
    }
    if (seen > 1) {
      invalid_value("the message gives its \"" + std::string(shared.correlation) + "\" twice", err);
      return -1;
    }
    doc.rewind();
    const MessageIndex chosen = resolver->expected_reply(copy, shared.candidates, shared.count);
    if (chosen >= 0) return chosen;
  }
  ambiguous_tag(shared.tag_key, shared.tag, shared.names, err);
  return -1;
}

}  // namespace wirekit::json
