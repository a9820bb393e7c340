// Rise (the document's form, schema rise.yaml): every example at the top of
// tests/data/rise/ decodes to the expected message with the values the file holds.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "rise/rise_codec.hpp"

using codec_test::expect_alternative;
using codec_test::read_data;

namespace {

std::vector<std::string> texts(const std::vector<wirekit::Json>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.text);
  return out;
}

}  // namespace

TEST_CASE("rise example sub.json", "[codec][examples][rise]") {
  const auto r = rise::decode_to_server(read_data("rise/sub.json"));
  CHECK(expect_alternative<rise::Sub>(r).keys == std::vector<std::string>{"ui", "counter"});
}

TEST_CASE("rise example unsub.json", "[codec][examples][rise]") {
  const auto r = rise::decode_to_server(read_data("rise/unsub.json"));
  CHECK(expect_alternative<rise::Unsub>(r).keys == std::vector<std::string>{"counter"});
}

TEST_CASE("rise example evt.json", "[codec][examples][rise]") {
  const auto r = rise::decode_to_server(read_data("rise/evt.json"));
  const auto& m = expect_alternative<rise::Evt>(r);
  CHECK(m.key == "e1");
  CHECK(m.event.model_state.text == R"({
      "$": "event"
    })");
  CHECK(m.event.payload.text == R"({
      "pressed": true
    })");
  CHECK(m.event.target.key == std::optional<std::string>("button-1"));
  CHECK(m.event.target.component == "Button");
  CHECK(m.event.target.prop_key == "onPress");
  // Path items are strings and numbers, each kept as its raw JSON text.
  CHECK(texts(m.event.target.path) ==
        std::vector<std::string>{R"("ui")", R"("children")", "0", R"("props")", R"("onPress")"});
}

TEST_CASE("rise example up.json", "[codec][examples][rise]") {
  const auto r = rise::decode_to_client(read_data("rise/up.json"));
  const auto& m = expect_alternative<rise::Up>(r);
  CHECK(m.key == "counter");
  CHECK(m.val.text == "3");
}

TEST_CASE("rise example evt_res.json", "[codec][examples][rise]") {
  const auto r = rise::decode_to_client(read_data("rise/evt_res.json"));
  const auto& m = expect_alternative<rise::EvtRes>(r);
  CHECK(m.key == "e1");
  CHECK(m.res.kind == rise::ResponseKind::kResponse);
  CHECK(m.res.error == std::optional<bool>(false));
  REQUIRE(m.res.payload.has_value());
  CHECK(m.res.payload->text == R"({
      "ok": true
    })");
  REQUIRE(m.res.actions.has_value());
  CHECK(m.res.actions->empty());
}
