// The second hand-written baseline: simdjson On-Demand decoders written by hand into the same
// generated structs, the way a user who knows simdjson would write them: iterate the object,
// match keys, assign strings, read numbers, parse UUIDs, skip unknown keys. It is the floor of
// a decoder built on On-Demand, so the generated decoder's distance from it is what the codec
// itself costs.
//
// It checks less than the generated decoder: the tag's value, the types of the fields it reads
// and the required fields; not that the values it skips are valid JSON, that the tag is given
// once, or that nothing follows the object. Failures throw (simdjson_error or
// std::runtime_error).
#pragma once

#include <string_view>

#include "messages.hpp"

namespace ondemand_baseline {

namespace concierge_ {
::concierge::Identify decode_identify(std::string_view text);
::concierge::ClientFetchAllResult decode_client_fetch_all_result(std::string_view text);
}  // namespace concierge_

namespace tetra_ {
::tetra::Subscribe decode_subscribe(std::string_view text);
}  // namespace tetra_

}  // namespace ondemand_baseline
