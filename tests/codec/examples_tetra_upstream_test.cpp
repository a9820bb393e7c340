// Tetra upstream (the implementation's form, schema tetra-upstream.yaml): every example of
// tests/data/tetra/upstream/ decodes to the expected message with the values the file holds.
#include <string>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "tetra/tetra_codec.hpp"
#include "tetra_upstream/tetra_upstream_codec.hpp"

using codec_test::expect_alternative;
using codec_test::read_data;

namespace {

wirekit::Result<tetra_upstream::ToServer> from_client(const std::string& file) {
  return tetra_upstream::decode_to_server(read_data("tetra/upstream/" + file));
}

wirekit::Result<tetra_upstream::ToClient> from_server(const std::string& file) {
  return tetra_upstream::decode_to_client(read_data("tetra/upstream/" + file));
}

/// Upstream always writes `"metadata": {}`.
void check_empty_metadata(const std::optional<tetra_upstream::Metadata>& m) {
  REQUIRE(m.has_value());
  CHECK_FALSE(m->js.has_value());
  CHECK_FALSE(m->styles.has_value());
  CHECK_FALSE(m->messages.has_value());
  CHECK_FALSE(m->callbacks.has_value());
}

}  // namespace

TEST_CASE("tetra_upstream example ping.json", "[codec][examples][tetra_upstream]") {
  // The driver's extra "protocol" key is not modelled and is ignored.
  const auto r = from_client("ping.json");
  expect_alternative<tetra_upstream::Ping>(r);
}

TEST_CASE("tetra_upstream example navigation.json", "[codec][examples][tetra_upstream]") {
  const auto r = from_client("navigation.json");
  CHECK(expect_alternative<tetra_upstream::Navigation>(r).payload.path == "/about/");
}

TEST_CASE("tetra_upstream example subscribe.json", "[codec][examples][tetra_upstream]") {
  const auto r = from_client("subscribe.json");
  const auto& m = expect_alternative<tetra_upstream::Subscribe>(r);
  CHECK(m.group == "news");
  CHECK(m.component_id == std::optional<std::string>("c-1"));
  CHECK(m.component_class == std::optional<std::string>("Headline"));
}

TEST_CASE("tetra_upstream example pong.json", "[codec][examples][tetra_upstream]") {
  const auto r = from_server("pong.json");
  CHECK_FALSE(expect_alternative<tetra_upstream::Pong>(r).metadata.has_value());
}

TEST_CASE("tetra_upstream example subscription_response_error.json",
          "[codec][examples][tetra_upstream]") {
  const auto r = from_server("subscription_response_error.json");
  const auto& m = expect_alternative<tetra_upstream::SubscriptionResponse>(r);
  CHECK(m.group == "broadcast");
  CHECK(m.status == tetra_upstream::SubscriptionStatus::kError);
  CHECK(m.message ==
        std::optional<std::string>("Manual subscription to 'broadcast' group is not allowed."));
  check_empty_metadata(m.metadata);
}

TEST_CASE("tetra_upstream example component_data_changed.json",
          "[codec][examples][tetra_upstream]") {
  const auto r = from_server("component_data_changed.json");
  const auto& m = expect_alternative<tetra_upstream::ComponentDataChanged>(r);
  CHECK(m.group == "news");
  CHECK(m.data.text == R"({
      "headline": "Breaking News!"
    })");
  CHECK_FALSE(m.sender_id.has_value());  // null in the file
  CHECK(m.update == false);
  check_empty_metadata(m.metadata);
}

TEST_CASE("tetra_upstream example component_created.json", "[codec][examples][tetra_upstream]") {
  const auto r = from_server("component_created.json");
  const auto& m = expect_alternative<tetra_upstream::ComponentCreated>(r);
  CHECK(m.group == "news");
  CHECK(m.data.text == "{}");
  CHECK(m.component_id == std::optional<std::string>("c-2"));
  CHECK_FALSE(m.target_group.has_value());  // null in the file
  CHECK(m.sender_id == std::optional<std::string>("c-1"));
  check_empty_metadata(m.metadata);
}

TEST_CASE("tetra_upstream example component_removed.json", "[codec][examples][tetra_upstream]") {
  const auto r = from_server("component_removed.json");
  const auto& m = expect_alternative<tetra_upstream::ComponentRemoved>(r);
  CHECK(m.group == "news");
  CHECK(m.component_id == std::optional<std::string>("c-2"));
  CHECK_FALSE(m.target_group.has_value());
  CHECK_FALSE(m.sender_id.has_value());
  check_empty_metadata(m.metadata);
}

TEST_CASE("tetra_upstream example notify.json", "[codec][examples][tetra_upstream]") {
  const auto r = from_server("notify.json");
  const auto& m = expect_alternative<tetra_upstream::Notify>(r);
  CHECK(m.event_name == "tetra:custom-event");
  CHECK(m.data.text == R"({
      "x": 1
    })");
  check_empty_metadata(m.metadata);
}

// The consumer relays `data` as the channel layer event holds it: null when a group_send left it
// out. A `json` field takes null as any other JSON value.
TEST_CASE("tetra_upstream component_created_null_data.json: data null",
          "[codec][examples][tetra_upstream]") {
  const auto r = from_server("component_created_null_data.json");
  const auto& m = expect_alternative<tetra_upstream::ComponentCreated>(r);
  CHECK(m.group == "news");
  CHECK(m.data.text == "null");
  CHECK_FALSE(m.component_id.has_value());
  CHECK_FALSE(m.sender_id.has_value());
}

TEST_CASE("tetra_upstream notify_null_data.json: data null", "[codec][examples][tetra_upstream]") {
  const auto r = from_server("notify_null_data.json");
  const auto& m = expect_alternative<tetra_upstream::Notify>(r);
  CHECK(m.event_name == "tetra:ping");
  CHECK(m.data.text == "null");
}

TEST_CASE("tetra_upstream notify.json has no group, so the document's schema rejects it",
          "[codec][examples][tetra_upstream]") {
  const auto r = tetra::decode_to_client(read_data("tetra/upstream/notify.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == wirekit::DecodeError::Kind::missing_field);
  CHECK(r.error().path == "payload.group");
}
