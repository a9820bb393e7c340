// The files wirekit-gen writes for a schema named <name>: <name>/<name>_<part>, one per part
// below, in this order. cmake/WirekitGenerate.cmake reads this list (one quoted part per line)
// inside wirekit's own build, where the generator does not exist yet at configure time, so the
// build and the generator cannot disagree on what is generated.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "model/model.hpp"

namespace wirekit::gen {

// clang-format off
inline constexpr std::array<std::string_view, 9> kOutputParts = {
    "types.hpp",
    "codec.hpp",
    "codec.cpp",
    "protocol.hpp",
    "protocol.cpp",
    "interactions.hpp",
    "client.hpp",
    "client.cpp",
    "server.hpp",
};
// clang-format on

/// The path of one of kOutputParts, relative to the output directory: "chat/chat_types.hpp".
/// Throws std::logic_error for a part not in the list.
std::string output_path(const Protocol& p, std::string_view part);

}  // namespace wirekit::gen
