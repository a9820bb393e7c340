// What a reply must carry to find its request, for generated `set_reply_to()` functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wirekit {

struct ReplyTo {
  std::string id;                   ///< echo correlation: the request's id
  std::optional<std::int64_t> seq;  ///< sequence correlation: the request's seq
};

}  // namespace wirekit
