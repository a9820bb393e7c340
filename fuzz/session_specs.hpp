// The checked-in protocols' session tables, picked by a fuzz input's byte. Kept apart from
// session_frames.cpp: the generated namespace `sync` cannot share a translation unit with
// POSIX sync() from <unistd.h>, which Asio includes.
#pragma once

#include <cstdint>

#include "wirekit/protocol_spec.hpp"

namespace wirekit::fuzz {

/// The protocol at `index` modulo the number of protocols.
const ProtocolSpec& spec_at(std::uint8_t index);

}  // namespace wirekit::fuzz
