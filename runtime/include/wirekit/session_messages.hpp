// The few messages the runtime writes itself, built from the spec's names.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "wirekit/protocol_spec.hpp"

namespace wirekit {

/// Makes an event's text from the id and sent_at the runtime stamped on it.
using EventBuilder = std::function<std::string(std::string_view id, std::string_view sent_at)>;

/// {"<tag_key>":"<ack_tag>","<id_field>":"<id>","<sent_at_field>":"<sent_at>"}
std::string build_ack(const ProtocolSpec& spec, std::string_view event_id,
                      std::string_view sent_at);

/// {"<tag_key>":"<undecodable_reply_tag>","<seq_field>":<seq>,"desc":"<error>"}; the seq
/// member only when `seq` is set and the correlation kind is sequence.
std::string build_undecodable_reply(const ProtocolSpec& spec, std::string_view error,
                                    std::optional<std::int64_t> seq);

/// {"<tag_key>":"<tag>","<seq_field>":<seq>}: a status reply with no other fields (the seq
/// member only when `seq` is set and the correlation kind is sequence).
std::string build_status_reply(const ProtocolSpec& spec, std::string_view tag,
                               std::optional<std::int64_t> seq);
/// Turns a dotted path ("payload.ack_timeout_ms") into a JSON pointer ("/payload/ack_timeout_ms").
std::string dotted_to_pointer(std::string_view dotted_path);

}  // namespace wirekit
