// README "Writing a client": a stream's handle, its items and its typed end.
// The lines between the readme markers are README's block, character for character.
#include <optional>
#include <string>

#include "rise_0_14/rise_0_14_client.hpp"

namespace readme {

void render(const std::string& key, const std::optional<wirekit::Json>& value);
void warn(const std::string& text);

void stream_snippet(rise_0_14::stub::Client& client) {
  // clang-format off
  // [readme]
  auto handle = client.sub(rise_0_14::Sub{{"counter"}}, [](const rise_0_14::Up& up) { render(up.key, up.val); },
                           [](const rise_0_14::stub::SubEnd& end) { if (end.failed()) warn("sub failed"); });
  handle.cancel();                                         // sends unsub
  // [/readme]
  // clang-format on
}

}  // namespace readme
