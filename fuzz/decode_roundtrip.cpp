// Fuzz target: one generated codec's direction decoders. Whatever decodes must encode to text
// that decodes again to a message encoding to the same text (decode, encode, decode, compare);
// nothing may crash, hang or leak. Each direction is decoded without a reply resolver and with
// one that picks a candidate by the correlation id, so replies sharing a tag (Flet's
// `"action": ""`) reach their decoders too. Compiled once per protocol with WIREKIT_FUZZ_CODEC (the
// codec header) and WIREKIT_FUZZ_NAMESPACE (its namespace) defined.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include WIREKIT_FUZZ_CODEC
#include "wirekit/protocol_spec.hpp"

namespace {

namespace proto = WIREKIT_FUZZ_NAMESPACE;

[[noreturn]] void fail(const char* what, const std::string& first, const std::string& second) {
  std::fprintf(stderr, "%s\n  first:  %s\n  second: %s\n", what, first.c_str(), second.c_str());
  std::abort();
}

// Answers which of the replies sharing a tag a message is from its correlation id alone, so
// the same text always resolves the same way.
class PickById final : public wirekit::ReplyResolver {
 public:
  wirekit::MessageIndex expected_reply(std::string_view id, const wirekit::MessageIndex* candidates,
                                       std::size_t count) override {
    return count ? candidates[std::hash<std::string_view>{}(id) % count] : wirekit::kNoMessage;
  }
};

template <class Variant, class Decode>
void roundtrip(std::string_view text, Decode decode) {
  const auto first = decode(text);
  if (!first.ok()) {
    if (first.error().message.empty()) fail("an error without a message", std::string(text), "");
    return;
  }
  const auto encode = [](const Variant& v) {
    return std::visit([](const auto& m) { return proto::encode(m); }, v);
  };
  const std::string encoded = encode(first.value());
  const auto second = decode(encoded);
  if (!second.ok()) fail("re-decoding failed", encoded, second.error().to_string());
  if (second.value().index() != first.value().index())
    fail("re-decoded as another message", encoded, encode(second.value()));
  if (!(second.value() == first.value())) fail("re-decoded to another value", encoded, "");
  const std::string again = encode(second.value());
  if (again != encoded) fail("encoding is not stable", encoded, again);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  PickById resolver;
  for (wirekit::ReplyResolver* r : {static_cast<wirekit::ReplyResolver*>(nullptr),
                                    static_cast<wirekit::ReplyResolver*>(&resolver)}) {
    roundtrip<proto::ToServer>(text,
                               [r](std::string_view t) { return proto::decode_to_server(t, r); });
    roundtrip<proto::ToClient>(text,
                               [r](std::string_view t) { return proto::decode_to_client(t, r); });
  }
  return 0;
}
