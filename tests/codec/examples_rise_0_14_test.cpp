// Rise 0.14 (the implementation's flat form, schema rise-0.14.yaml): the examples of
// tests/data/rise/rise-0.14/, plus sub.json and up.json of tests/data/rise/ which
// examples.md says are valid for it too; and the cross-decoding examples.md describes
// between the document's form (rise) and the implementation's (rise_0_14).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "rise/rise_codec.hpp"
#include "rise_0_14/rise_0_14_codec.hpp"

using codec_test::expect_alternative;
using codec_test::read_data;

TEST_CASE("rise_0_14 example rise-0.14/evt.json", "[codec][examples][rise_0_14]") {
  const auto r = rise_0_14::decode_to_server(read_data("rise/rise-0.14/evt.json"));
  const auto& m = expect_alternative<rise_0_14::Evt>(r);
  CHECK(m.key == "e1");
  CHECK(m.target.key == std::optional<std::string>("button-1"));
  CHECK(m.target.component == "Button");
  CHECK(m.target.prop_key == "onPress");
  REQUIRE(m.target.path.size() == 5);
  CHECK(m.target.path[0].text == R"("ui")");
  CHECK(m.target.path[1].text == R"("children")");
  CHECK(m.target.path[2].text == "0");
  CHECK(m.target.path[3].text == R"("props")");
  CHECK(m.target.path[4].text == R"("onPress")");
  CHECK(m.model_state.text == R"({
    "$": "event"
  })");
  REQUIRE(m.payload.size() == 1);
  CHECK(m.payload[0].text == R"({
      "pressed": true
    })");
}

TEST_CASE("rise_0_14 example rise-0.14/evt_res.json", "[codec][examples][rise_0_14]") {
  const auto r = rise_0_14::decode_to_client(read_data("rise/rise-0.14/evt_res.json"));
  const auto& m = expect_alternative<rise_0_14::EvtRes>(r);
  CHECK(m.key == "e1");
  REQUIRE(m.payload.has_value());
  CHECK(m.payload->text == R"({
    "ok": true
  })");
  CHECK_FALSE(m.error.has_value());
  CHECK_FALSE(m.actions.has_value());
}

TEST_CASE("rise_0_14 example rise-0.14/evt_res_error.json", "[codec][examples][rise_0_14]") {
  const auto r = rise_0_14::decode_to_client(read_data("rise/rise-0.14/evt_res_error.json"));
  const auto& m = expect_alternative<rise_0_14::EvtRes>(r);
  CHECK(m.key == "e1");
  CHECK(m.error == std::optional<bool>(true));
  REQUIRE(m.payload.has_value());
  CHECK(m.payload->text == R"("Missing event handler on the server")");
  CHECK_FALSE(m.actions.has_value());
}

TEST_CASE("rise_0_14 reads the shared examples sub.json and up.json",
          "[codec][examples][rise_0_14]") {
  const auto sub = rise_0_14::decode_to_server(read_data("rise/sub.json"));
  CHECK(expect_alternative<rise_0_14::Sub>(sub).keys == std::vector<std::string>{"ui", "counter"});
  const auto up = rise_0_14::decode_to_client(read_data("rise/up.json"));
  const auto& m = expect_alternative<rise_0_14::Up>(up);
  CHECK(m.key == "counter");
  REQUIRE(m.val.has_value());
  CHECK(m.val->text == "3");
}

TEST_CASE("rise_0_14: an up without val (a model holding undefined) decodes and round-trips",
          "[codec][examples][rise_0_14]") {
  // The 0.14 server's JSON.stringify leaves `val` out when the model's value is undefined.
  const auto up = rise_0_14::decode_to_client(R"({"$":"up","key":"later"})");
  const auto& m = expect_alternative<rise_0_14::Up>(up);
  CHECK(m.key == "later");
  CHECK_FALSE(m.val.has_value());
  CHECK(rise_0_14::encode(m) == R"({"$":"up","key":"later"})");
}

TEST_CASE("rise cross-decoding: the 0.14 files fail with the document's schema",
          "[codec][examples][rise_0_14]") {
  const auto evt = rise::decode_to_server(read_data("rise/rise-0.14/evt.json"));
  REQUIRE_FALSE(evt.ok());
  CHECK(evt.error().kind == wirekit::DecodeError::Kind::missing_field);
  CHECK(evt.error().path == "event");

  for (const char* file : {"rise/rise-0.14/evt_res.json", "rise/rise-0.14/evt_res_error.json"}) {
    CAPTURE(file);
    const auto res = rise::decode_to_client(read_data(file));
    REQUIRE_FALSE(res.ok());
    CHECK(res.error().kind == wirekit::DecodeError::Kind::missing_field);
    CHECK(res.error().path == "res");
  }
}

TEST_CASE("rise cross-decoding: the document's evt.json fails with rise_0_14",
          "[codec][examples][rise_0_14]") {
  const auto r = rise_0_14::decode_to_server(read_data("rise/evt.json"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == wirekit::DecodeError::Kind::missing_field);
  CHECK(r.error().path == "target");
}

TEST_CASE("rise cross-decoding: the document's evt_res.json is a lossy read for rise_0_14",
          "[codec][examples][rise_0_14]") {
  const auto r = rise_0_14::decode_to_client(read_data("rise/evt_res.json"));
  const auto& m = expect_alternative<rise_0_14::EvtRes>(r);
  CHECK(m.key == "e1");
  CHECK_FALSE(m.payload.has_value());  // it sits under `res`, an unknown key here
  CHECK_FALSE(m.error.has_value());
  CHECK_FALSE(m.actions.has_value());
}
