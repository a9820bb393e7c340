// A message is built in one expression: aggregate order is the message's own fields, then its
// envelope's, then the fields the runtime fills in, which user code never names. Compiled with
// -Wall -Wextra (and -Werror in our builds): leaving trailing fields out draws no warning.
#include <catch2/catch.hpp>

#include "concierge/concierge_codec.hpp"
#include "flet/flet_codec.hpp"
#include "rise/rise_codec.hpp"
#include "sync/sync_codec.hpp"
#include "tetra/tetra_codec.hpp"

TEST_CASE("construction: a reply names its own fields only; its seq comes last",
          "[codec][construction]") {
  const concierge::ErrorProtocol error{"bad payload"};
  CHECK(error.desc == "bad payload");
  CHECK_FALSE(error.seq.has_value());
  CHECK(concierge::encode(error) == R"({"type":"ERROR_PROTOCOL","desc":"bad payload"})");

  const concierge::Service chat{"chat", {}, wirekit::Uuid{}, {}};
  const concierge::ServiceFetchResult found{chat};
  CHECK(found.service.name == "chat");
  CHECK_FALSE(found.seq.has_value());
}

TEST_CASE("construction: an echo-correlated request and reply leave their id to the runtime",
          "[codec][construction]") {
  // flet: the envelope's `id` is the correlation id of RegisterHostClient and its response
  const flet::RegisterHostClientResponse response{"h1", "s1", "index", "boom"};
  CHECK(response.host_client_id == "h1");
  CHECK(response.session_id == "s1");
  CHECK(response.page_name == "index");
  CHECK(response.error == "boom");
  CHECK(response.id.empty());

  // rise: `key` correlates an event and its result
  const rise::EvtRes result{};
  CHECK(result.key.empty());
}

TEST_CASE("construction: a plain envelope field follows the message's own fields",
          "[codec][construction]") {
  // flet SessionCreated is not correlated: its `id` is the envelope's, after page and session
  const flet::SessionCreated created{"apps/counter", "s9"};
  CHECK(created.page_name == "apps/counter");
  CHECK(created.session_id == "s9");
  CHECK(created.id.empty());

  // tetra: the envelope's `id` and `metadata` follow the message's own fields
  const tetra::Notify notify{"news", "tetra:e", wirekit::Json("[]")};
  CHECK(notify.group == "news");
  CHECK(notify.event_name == "tetra:e");
  CHECK_FALSE(notify.id.has_value());
  CHECK_FALSE(notify.metadata.has_value());
}

TEST_CASE("construction: an ack event's id and time are stamped by the runtime, last",
          "[codec][construction]") {
  const event_sync::Event event{event_sync::Status::kOk, std::nullopt};
  CHECK(event.status == event_sync::Status::kOk);
  CHECK(event.payload.text.empty());
  CHECK(event.id.empty());
  CHECK(event.sent_at == wirekit::Timestamp{});
}
