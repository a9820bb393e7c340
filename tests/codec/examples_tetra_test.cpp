// Tetra (the document's form, schema tetra.yaml): every example at the top of
// tests/data/tetra/ decodes to the expected message with the values the file holds.
// redirect_metadata.json is a fragment, not a message (see its test).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "tetra/tetra_codec.hpp"

using codec_test::expect_alternative;
using codec_test::expect_ok;
using codec_test::read_data;

namespace {

/// A Metadata object with no member set (the examples' `"metadata": {}`).
void check_empty(const tetra::Metadata& m) {
  CHECK_FALSE(m.js.has_value());
  CHECK_FALSE(m.styles.has_value());
  CHECK_FALSE(m.messages.has_value());
  CHECK_FALSE(m.callbacks.has_value());
}

}  // namespace

TEST_CASE("tetra example call.json", "[codec][examples][tetra]") {
  const auto r = tetra::decode_to_server(read_data("tetra/call.json"));
  const auto& m = expect_alternative<tetra::Call>(r);
  CHECK(m.id == std::optional<std::string>("req-123"));
  CHECK_FALSE(m.metadata.has_value());
  CHECK(m.component_id == "comp-unique-id");
  CHECK(m.method == "my_public_method");
  REQUIRE(m.args.size() == 2);
  CHECK(m.args[0].text == R"("arg1")");
  CHECK(m.args[1].text == "42");
  CHECK(m.state.text == "{}");
  CHECK(m.encrypted_state == "...");
  REQUIRE(m.children_state.has_value());
  CHECK(m.children_state->text == "{}");
}

TEST_CASE("tetra example subscribe.json", "[codec][examples][tetra]") {
  const auto r = tetra::decode_to_server(read_data("tetra/subscribe.json"));
  CHECK(expect_alternative<tetra::Subscribe>(r).group == "my-update-group");
}

TEST_CASE("tetra example unsubscribe.json", "[codec][examples][tetra]") {
  const auto r = tetra::decode_to_server(read_data("tetra/unsubscribe.json"));
  CHECK(expect_alternative<tetra::Unsubscribe>(r).group == "my-update-group");
}

TEST_CASE("tetra example call_response.json", "[codec][examples][tetra]") {
  const auto r = tetra::decode_to_client(read_data("tetra/call_response.json"));
  const auto& m = expect_alternative<tetra::CallResponse>(r);
  CHECK(m.id == std::optional<std::string>("req-123"));
  CHECK(m.result.text == R"("Success message")");
  REQUIRE(m.metadata.has_value());
  CHECK(m.metadata->js == std::optional<std::vector<std::string>>({"/static/tetra/comp.js"}));
  CHECK(m.metadata->styles == std::optional<std::vector<std::string>>({"/static/tetra/comp.css"}));
  REQUIRE(m.metadata->messages.has_value());
  REQUIRE(m.metadata->messages->size() == 1);
  const auto& message = m.metadata->messages->front();
  CHECK(message.level == "success");
  CHECK(message.message == "Saved!");
  CHECK(message.uid == "uuid");
  REQUIRE(m.metadata->callbacks.has_value());
  REQUIRE(m.metadata->callbacks->size() == 1);
  const auto& callback = m.metadata->callbacks->front();
  CHECK(callback.callback == std::vector<std::string>{"_updateHtml"});
  REQUIRE(callback.args.size() == 1);
  // Raw JSON text: the escaped quotes stay escaped.
  CHECK(callback.args[0].text == R"("<div tetra-component=\"MyComponent\">...</div>")");
}

TEST_CASE("tetra example subscription_response.json", "[codec][examples][tetra]") {
  const auto r = tetra::decode_to_client(read_data("tetra/subscription_response.json"));
  const auto& m = expect_alternative<tetra::SubscriptionResponse>(r);
  CHECK_FALSE(m.id.has_value());
  CHECK(m.group == "my-update-group");
  CHECK(m.status == tetra::SubscriptionStatus::kSubscribed);
  CHECK(m.message == std::optional<std::string>(""));  // present, empty
  REQUIRE(m.metadata.has_value());
  check_empty(*m.metadata);
}

TEST_CASE("tetra example component_update_data.json", "[codec][examples][tetra]") {
  const auto r = tetra::decode_to_client(read_data("tetra/component_update_data.json"));
  const auto& m = expect_alternative<tetra::ComponentUpdateData>(r);
  CHECK_FALSE(m.id.has_value());
  CHECK(m.group == "my-update-group");
  CHECK(m.data.text == R"({
      "title": "New Title"
    })");
  REQUIRE(m.metadata.has_value());
  check_empty(*m.metadata);
}

TEST_CASE("tetra example notify.json", "[codec][examples][tetra]") {
  const auto r = tetra::decode_to_client(read_data("tetra/notify.json"));
  const auto& m = expect_alternative<tetra::Notify>(r);
  CHECK_FALSE(m.id.has_value());
  CHECK(m.group == "my-group");
  CHECK(m.event_name == "tetra:custom-event");
  CHECK(m.data.text == "{}");
  REQUIRE(m.metadata.has_value());
  check_empty(*m.metadata);
}

TEST_CASE("tetra example call_error.json (the untagged message)", "[codec][examples][tetra]") {
  const auto text = read_data("tetra/call_error.json");
  const auto r = tetra::decode_to_client(text);
  const auto& m = expect_alternative<tetra::CallError>(r);
  CHECK(m.id == std::optional<std::string>("req-123"));
  CHECK(m.success == false);
  CHECK(m.error.code == "ValueError");
  CHECK(m.error.message == "Invalid input provided");
  REQUIRE(m.metadata.has_value());
  CHECK_FALSE(m.metadata->js.has_value());
  CHECK_FALSE(m.metadata->styles.has_value());
  REQUIRE(m.metadata->messages.has_value());
  CHECK(m.metadata->messages->empty());
  REQUIRE(m.metadata->callbacks.has_value());
  CHECK(m.metadata->callbacks->empty());

  // decode<CallError>() reads the same value.
  CHECK(expect_ok(tetra::decode<tetra::CallError>(text)) == m);
}

TEST_CASE("tetra example redirect_metadata.json (a metadata fragment)",
          "[codec][examples][tetra]") {
  // examples.md: this file is NOT a complete message but the document's section 5.2 fragment
  // {"metadata": {...}}. What it shows is its `metadata` object, which must read as Metadata
  // with one _redirect callback; the object as a whole must fail to decode as CallError.
  const auto text = read_data("tetra/redirect_metadata.json");

  SECTION("the whole object is not a CallError: `success` is missing") {
    const auto r = tetra::decode_to_client(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == wirekit::DecodeError::Kind::missing_field);
    CHECK(r.error().path == "success");
    const auto direct = tetra::decode<tetra::CallError>(text);
    REQUIRE_FALSE(direct.ok());
    CHECK(direct.error().kind == wirekit::DecodeError::Kind::missing_field);
    CHECK(direct.error().path == "success");
  }

  SECTION("its metadata object decodes as Metadata") {
    // The codec exposes no decoder for Metadata alone, so the fragment's members are spliced,
    // unchanged, into a complete CallError, whose `metadata` sits at the same top level.
    const auto open = text.find('{');
    const auto close = text.rfind('}');
    REQUIRE(open != std::string::npos);
    REQUIRE(close != std::string::npos);
    const std::string members = text.substr(open + 1, close - open - 1);
    const std::string message =
        R"({"success": false, "error": {"code": "Redirect", "message": "m"},)" + members + "}";
    const auto m = expect_ok(tetra::decode<tetra::CallError>(message));
    REQUIRE(m.metadata.has_value());
    CHECK_FALSE(m.metadata->js.has_value());
    CHECK_FALSE(m.metadata->styles.has_value());
    CHECK_FALSE(m.metadata->messages.has_value());
    REQUIRE(m.metadata->callbacks.has_value());
    REQUIRE(m.metadata->callbacks->size() == 1);
    const auto& callback = m.metadata->callbacks->front();
    CHECK(callback.callback == std::vector<std::string>{"_redirect"});
    REQUIRE(callback.args.size() == 1);
    CHECK(callback.args[0].text == R"("/new-url")");
  }
}
