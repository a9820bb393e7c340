// Enums convert to and from their wire strings; tag_of() names a message's wire tag, which
// agrees with the message's kTag and with the protocol_spec() table the runtime reads.
#include <set>
#include <string>
#include <variant>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "concierge/concierge_codec.hpp"
#include "concierge/concierge_protocol.hpp"
#include "flet/flet_codec.hpp"
#include "flet/flet_protocol.hpp"
#include "rise/rise_codec.hpp"
#include "rise/rise_protocol.hpp"
#include "rise_0_14/rise_0_14_codec.hpp"
#include "rise_0_14/rise_0_14_protocol.hpp"
#include "sync/sync_codec.hpp"
#include "sync/sync_protocol.hpp"
#include "tetra/tetra_codec.hpp"
#include "tetra/tetra_protocol.hpp"
#include "tetra_upstream/tetra_upstream_codec.hpp"
#include "tetra_upstream/tetra_upstream_protocol.hpp"

using codec_test::expect_alternative;
using codec_test::read_data;

namespace {

/// Every alternative of `Variant` is in `spec` under its kName, with its kTag, tagged or not,
/// and sent by `side` (or both sides). Returns the names checked.
template <class... Ts>
std::set<std::string> check_against_spec(const wirekit::ProtocolSpec& spec, wirekit::Side side,
                                         const std::variant<Ts...>*) {
  std::set<std::string> names;
  auto check_one = [&](auto tag_holder) {
    using T = typename decltype(tag_holder)::type;
    const std::string name(T::kName);
    CAPTURE(spec.name, name);
    names.insert(name);
    const wirekit::MessageSpec* found = nullptr;
    for (const auto& m : spec.messages)
      if (m.name == T::kName) found = &m;
    REQUIRE(found != nullptr);
    CHECK(found->tag == T::kTag);
    CHECK(found->tagged == T::kTagged);
    CHECK((found->from == side || found->from == wirekit::Side::both));
  };
  (check_one(std::common_type<Ts>{}), ...);
  return names;
}

/// The variants of one protocol together list every message of its spec, each once.
template <class ToServer, class ToClient>
void check_spec(const wirekit::ProtocolSpec& spec) {
  auto names =
      check_against_spec(spec, wirekit::Side::client, static_cast<const ToServer*>(nullptr));
  const auto client_names =
      check_against_spec(spec, wirekit::Side::server, static_cast<const ToClient*>(nullptr));
  names.insert(client_names.begin(), client_names.end());
  std::set<std::string> in_spec;
  for (const auto& m : spec.messages) in_spec.insert(std::string(m.name));
  CHECK(names == in_spec);
  CHECK(in_spec.size() == spec.messages.size());
}

}  // namespace

// ---- enums -------------------------------------------------------------------------------

TEST_CASE("enum event_sync::Status to_string / from_string", "[codec][enums]") {
  CHECK(event_sync::to_string(event_sync::Status::kOk) == "ok");
  CHECK(event_sync::to_string(event_sync::Status::kError) == "error");
  CHECK(event_sync::to_string(event_sync::Status::kFatal) == "fatal");
  for (const auto s :
       {event_sync::Status::kOk, event_sync::Status::kError, event_sync::Status::kFatal}) {
    event_sync::Status back =
        s == event_sync::Status::kOk ? event_sync::Status::kFatal : event_sync::Status::kOk;
    REQUIRE(event_sync::from_string(event_sync::to_string(s), back));
    CHECK(back == s);
  }
  event_sync::Status untouched = event_sync::Status::kError;
  CHECK_FALSE(event_sync::from_string("OK", untouched));
  CHECK_FALSE(event_sync::from_string("", untouched));
  CHECK_FALSE(event_sync::from_string("ok ", untouched));
  CHECK(untouched == event_sync::Status::kError);
}

TEST_CASE("enum tetra::SubscriptionStatus to_string / from_string", "[codec][enums]") {
  using S = tetra::SubscriptionStatus;
  const std::pair<S, const char*> all[] = {{S::kSubscribed, "subscribed"},
                                           {S::kResubscribed, "resubscribed"},
                                           {S::kUnsubscribed, "unsubscribed"},
                                           {S::kError, "error"}};
  for (const auto& [value, text] : all) {
    CAPTURE(text);
    CHECK(tetra::to_string(value) == text);
    S back = value == S::kError ? S::kSubscribed : S::kError;
    REQUIRE(tetra::from_string(text, back));
    CHECK(back == value);
  }
  S untouched = S::kUnsubscribed;
  CHECK_FALSE(tetra::from_string("Subscribed", untouched));
  CHECK(untouched == S::kUnsubscribed);
}

TEST_CASE("enum tetra_upstream::SubscriptionStatus and rise::ResponseKind", "[codec][enums]") {
  using S = tetra_upstream::SubscriptionStatus;
  CHECK(tetra_upstream::to_string(S::kResubscribed) == "resubscribed");
  S s = S::kSubscribed;
  REQUIRE(tetra_upstream::from_string("error", s));
  CHECK(s == S::kError);
  CHECK_FALSE(tetra_upstream::from_string("errors", s));

  CHECK(rise::to_string(rise::ResponseKind::kResponse) == "response");
  rise::ResponseKind k = rise::ResponseKind::kResponse;
  CHECK(rise::from_string("response", k));
  CHECK_FALSE(rise::from_string("request", k));
}

TEST_CASE("enum values are written as their strings", "[codec][enums]") {
  tetra::SubscriptionResponse m;
  m.group = "g";
  m.status = tetra::SubscriptionStatus::kResubscribed;
  CHECK(tetra::encode(m).find(R"("status":"resubscribed")") != std::string::npos);

  event_sync::Event e;
  e.id = *wirekit::Uuid::parse("9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c");
  e.sent_at = *wirekit::Timestamp::parse("2026-11-21T10:00:00Z");
  e.status = event_sync::Status::kFatal;
  e.payload = wirekit::JsonObject("{}");
  CHECK(event_sync::encode(e).find(R"("status":"fatal")") != std::string::npos);
}

// ---- tags --------------------------------------------------------------------------------

TEST_CASE("tag_of names the wire tag of a decoded message", "[codec][tags]") {
  const auto identify = concierge::decode_to_server(read_data("concierge/identify.json"));
  REQUIRE(identify.ok());
  CHECK(concierge::tag_of(identify.value()) == "IDENTIFY");

  const auto all_result =
      concierge::decode_to_client(read_data("concierge/service_fetch_all_result.json"));
  REQUIRE(all_result.ok());
  CHECK(concierge::tag_of(all_result.value()) == "SERVICE_FETCH_ALL_RESULT");

  const auto batch = flet::decode_to_server(read_data("flet/page_commands_batch_from_host.json"));
  REQUIRE(batch.ok());
  CHECK(flet::tag_of(batch.value()) == "pageCommandsBatchFromHost");

  const auto evt_res = rise::decode_to_client(read_data("rise/evt_res.json"));
  REQUIRE(evt_res.ok());
  CHECK(rise::tag_of(evt_res.value()) == "evt-res");

  const auto ack = event_sync::decode_to_client(read_data("sync/ack.json"));
  REQUIRE(ack.ok());
  CHECK(event_sync::tag_of(ack.value()) == "ack");

  const auto update = tetra::decode_to_client(read_data("tetra/component_update_data.json"));
  REQUIRE(update.ok());
  CHECK(tetra::tag_of(update.value()) == "component.update_data");
}

TEST_CASE("tag_of for built values, shared tags and the untagged message", "[codec][tags]") {
  CHECK(flet::tag_of(flet::ToClient{flet::PageCommandResponse{}}) == "");
  CHECK(flet::tag_of(flet::ToClient{flet::RegisterHostClientResponse{}}) == "");
  // The web client's request and its reply share "registerWebClient".
  CHECK(flet::tag_of(flet::ToServer{flet::RegisterWebClient{}}) == "registerWebClient");
  CHECK(flet::tag_of(flet::ToClient{flet::RegisterWebClientResponse{}}) == "registerWebClient");
  CHECK(tetra::tag_of(tetra::ToClient{tetra::CallError{}}) == "");
  CHECK_FALSE(tetra::CallError::kTagged);
  CHECK(tetra::tag_of(tetra::ToServer{tetra::Subscribe{}}) == "subscribe");
  CHECK(tetra_upstream::tag_of(tetra_upstream::ToServer{tetra_upstream::Ping{}}) == "ping");
  CHECK(rise_0_14::tag_of(rise_0_14::ToClient{rise_0_14::Up{}}) == "up");
  CHECK(concierge::tag_of(concierge::ToClient{concierge::Message{}}) == "MESSAGE");
  CHECK(concierge::tag_of(concierge::ToServer{concierge::Message{}}) == "MESSAGE");
}

TEST_CASE("every message's kName, kTag and direction agree with protocol_spec()", "[codec][tags]") {
  check_spec<flet::ToServer, flet::ToClient>(flet::protocol_spec());
  check_spec<concierge::ToServer, concierge::ToClient>(concierge::protocol_spec());
  check_spec<event_sync::ToServer, event_sync::ToClient>(event_sync::protocol_spec());
  check_spec<rise::ToServer, rise::ToClient>(rise::protocol_spec());
  check_spec<rise_0_14::ToServer, rise_0_14::ToClient>(rise_0_14::protocol_spec());
  check_spec<tetra::ToServer, tetra::ToClient>(tetra::protocol_spec());
  check_spec<tetra_upstream::ToServer, tetra_upstream::ToClient>(tetra_upstream::protocol_spec());
  CHECK(flet::protocol_spec().tag_key == "action");
  CHECK(concierge::protocol_spec().tag_key == "type");
  CHECK(rise::protocol_spec().tag_key == "$");
}
