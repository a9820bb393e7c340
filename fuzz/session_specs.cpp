#include "session_specs.hpp"

#include <iterator>

#include "concierge/concierge_protocol.hpp"
#include "flet/flet_protocol.hpp"
#include "rise/rise_protocol.hpp"
#include "rise_0_14/rise_0_14_protocol.hpp"
#include "sync/sync_protocol.hpp"
#include "tetra/tetra_protocol.hpp"
#include "tetra_upstream/tetra_upstream_protocol.hpp"

namespace wirekit::fuzz {

const ProtocolSpec& spec_at(std::uint8_t index) {
  static const ProtocolSpec* const specs[] = {
      &concierge::protocol_spec(),     &event_sync::protocol_spec(), &flet::protocol_spec(),
      &rise::protocol_spec(),          &rise_0_14::protocol_spec(),  &tetra::protocol_spec(),
      &tetra_upstream::protocol_spec()};
  return *specs[index % std::size(specs)];
}

}  // namespace wirekit::fuzz
