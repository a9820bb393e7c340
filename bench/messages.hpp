// The messages the benchmark encodes and decodes: for each protocol a typical short one and a
// large one built with many elements. Deterministic, so every run measures the same text.
#pragma once

#include <concierge/concierge_types.hpp>
#include <flet/flet_types.hpp>
#include <rise/rise_types.hpp>
#include <sync/sync_types.hpp>
#include <tetra/tetra_types.hpp>

namespace bench {

// concierge
concierge::Identify concierge_small();               // IDENTIFY, as in tests/data
concierge::ClientFetchAllResult concierge_medium();  // CLIENT_FETCH_ALL_RESULT, 10 clients
concierge::ClientFetchAllResult concierge_large();   // CLIENT_FETCH_ALL_RESULT, 200 clients

// flet
flet::RegisterHostClient flet_small();         // registerHostClient
flet::PageCommandsBatchFromHost flet_large();  // 200 commands, attrs and sub-commands

// sync
event_sync::Ack sync_small();    // ack
event_sync::Event sync_large();  // event with a ~20 KB payload object

// rise
rise::EvtRes rise_small();  // evt-res, as in tests/data
rise::Up rise_large();      // up with a ~20 KB val

// tetra
tetra::Subscribe tetra_small();     // subscribe
tetra::CallResponse tetra_large();  // call.response, 40 callbacks + messages

}  // namespace bench
