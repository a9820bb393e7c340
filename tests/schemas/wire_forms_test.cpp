// Rise and Tetra: the documents' wire form and the implementations' form, side by side.
#include <catch2/catch.hpp>

#include "rise/rise_codec.hpp"
#include "rise_0_14/rise_0_14_codec.hpp"
#include "tetra/tetra_codec.hpp"
#include "tetra_upstream/tetra_upstream_codec.hpp"

TEST_CASE("rise: the document nests the reply under res, 0.14 is flat", "[rise]") {
  const std::string flat = R"({"$":"evt-res","key":"k1","payload":{"ok":true}})";
  auto real = rise_0_14::decode_to_client(flat);
  REQUIRE(real.ok());
  CHECK(std::get<rise_0_14::EvtRes>(*real).payload->text == R"({"ok":true})");
  auto doc = rise::decode_to_client(flat);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.error().kind == wirekit::DecodeError::Kind::missing_field);
  CHECK(doc.error().path == "res");
}

TEST_CASE("tetra: the document's component.update_data vs upstream's data_changed", "[tetra]") {
  auto doc = tetra::decode_to_client(
      R"({"protocol":"tetra-1.0","type":"component.update_data","payload":{"group":"g","data":{}}})");
  REQUIRE(doc.ok());
  auto upstream = tetra_upstream::decode_to_client(
      R"({"protocol":"tetra-1.0","type":"component.update_data","payload":{"group":"g","data":{}}})");
  REQUIRE_FALSE(upstream.ok());
  CHECK(upstream.error().kind == wirekit::DecodeError::Kind::unknown_tag);
}

TEST_CASE("tetra: the untagged error response decodes as CallError", "[tetra]") {
  auto e =
      tetra::decode_to_client(R"({"protocol":"tetra-1.0","id":"req-123","success":false,)"
                              R"("error":{"code":"ValueError","message":"Invalid input provided"},)"
                              R"("metadata":{"messages":[],"callbacks":[]}})");
  REQUIRE(e.ok());
  const auto& err = std::get<tetra::CallError>(*e);
  CHECK(err.error.code == "ValueError");
  CHECK(err.error.message == "Invalid input provided");
  CHECK_FALSE(err.success);
}

TEST_CASE("tetra: a wrong protocol version in the envelope is rejected", "[tetra]") {
  auto e = tetra::decode_to_client(
      R"({"protocol":"tetra-2.0","type":"notify","payload":{"group":"g","event_name":"x","data":{}}})");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().kind == wirekit::DecodeError::Kind::constant_mismatch);
  CHECK(e.error().path == "protocol");
}

TEST_CASE("tetra: the error response checks its protocol constant too", "[tetra]") {
  auto e = tetra::decode_to_client(
      R"({"protocol":"tetra-2.0","success":false,"error":{"code":"E","message":"m"}})");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().kind == wirekit::DecodeError::Kind::constant_mismatch);
  CHECK(e.error().path == "protocol");
  tetra::CallError error;
  error.error.code = "E";
  CHECK(tetra::encode(error) ==
        R"({"protocol":"tetra-1.0","success":false,"error":{"code":"E","message":""}})");
}
