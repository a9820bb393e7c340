// The hand-written baseline: what a user writes today without wirekit's codecs, with
// nlohmann::json and the same generated structs.
//
//   decode: nlohmann::json::parse(text), then read each field into the struct (required
//           fields with at(), types checked by get<>(), UUIDs and timestamps validated with
//           wirekit's parse(), free-form `wirekit::Json` fields filled with j.dump()).
//           Failures throw, as nlohmann code usually does.
//   encode: build a nlohmann::json from the struct (free-form fields re-parsed from their
//           text, since nlohmann cannot embed raw JSON) and dump().
//
// The implementations live in baseline_<protocol>.cpp.
#pragma once

#include <string>
#include <string_view>

#include "messages.hpp"

namespace nlohmann_baseline {

namespace concierge_ {
::concierge::Identify decode_identify(std::string_view text);
std::string encode(const ::concierge::Identify& m);
::concierge::ClientFetchAllResult decode_client_fetch_all_result(std::string_view text);
std::string encode(const ::concierge::ClientFetchAllResult& m);
}  // namespace concierge_

namespace flet_ {
::flet::RegisterHostClient decode_register_host_client(std::string_view text);
std::string encode(const ::flet::RegisterHostClient& m);
::flet::PageCommandsBatchFromHost decode_page_commands_batch(std::string_view text);
std::string encode(const ::flet::PageCommandsBatchFromHost& m);
}  // namespace flet_

namespace sync_ {
::event_sync::Ack decode_ack(std::string_view text);
std::string encode(const ::event_sync::Ack& m);
::event_sync::Event decode_event(std::string_view text);
std::string encode(const ::event_sync::Event& m);
}  // namespace sync_

namespace rise_ {
::rise::EvtRes decode_evt_res(std::string_view text);
std::string encode(const ::rise::EvtRes& m);
::rise::Up decode_up(std::string_view text);
std::string encode(const ::rise::Up& m);
}  // namespace rise_

namespace tetra_ {
::tetra::Subscribe decode_subscribe(std::string_view text);
std::string encode(const ::tetra::Subscribe& m);
::tetra::CallResponse decode_call_response(std::string_view text);
std::string encode(const ::tetra::CallResponse& m);
}  // namespace tetra_

}  // namespace nlohmann_baseline
