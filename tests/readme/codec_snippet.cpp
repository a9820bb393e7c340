// README "The message layer": encode and decode without a connection.
// The lines between the readme markers are README's block, character for character.
// clang-format off
// [readme]
#include "concierge/concierge_codec.hpp"

// [/readme]
// clang-format on
#include <string>

namespace readme {

void log(const std::string& text);

void codec_snippet(const concierge::Identify& hello, const std::string& incoming_text) {
  // clang-format off
  // [readme]
  std::string text = concierge::encode(hello);                 // {"type":"IDENTIFY",...}
  auto message = concierge::decode_to_client(incoming_text);   // never throws
  if (!message) log(message.error().to_string());   // e.g. "service.owner_uuid: expected a UUID ..."
  // [/readme]
  // clang-format on
  log(text);
}

}  // namespace readme
