// Flet: every example of tests/data/flet/ decodes to the expected message with the values
// the file holds. The three replies tagged "" are ambiguous for decode_to_client() and are
// decoded with decode<T>() for the reply the pending request expects.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "codec_test_support.hpp"
#include "flet/flet_codec.hpp"

using codec_test::expect_alternative;
using codec_test::expect_ok;
using codec_test::read_data;

namespace {

/// The command tree both command examples carry (see tests/data/flet/examples.md).
void check_example_command(const flet::Command& c) {
  CHECK(c.indent == std::optional<std::int64_t>(0));
  CHECK(c.name == "add");
  REQUIRE(c.values.has_value());
  CHECK(*c.values == std::vector<std::string>{"value_1", "value_2"});
  REQUIRE(c.attrs.has_value());
  CHECK(*c.attrs ==
        std::map<std::string, std::string>{{"attr_1", "value_1"}, {"attr_2", "value_2"}});
  REQUIRE(c.lines.has_value());
  CHECK(*c.lines == std::vector<std::string>{"line1"});
  REQUIRE(c.commands.has_value());
  REQUIRE(c.commands->size() == 1);

  const flet::Command& sub = c.commands->front();
  CHECK(sub.indent == std::optional<std::int64_t>(1));
  CHECK(sub.name == "text");
  REQUIRE(sub.attrs.has_value());
  CHECK(*sub.attrs == std::map<std::string, std::string>{{"value", "Hello"}});
  CHECK_FALSE(sub.values.has_value());
  CHECK_FALSE(sub.lines.has_value());
  CHECK_FALSE(sub.commands.has_value());
}

}  // namespace

TEST_CASE("flet example register_web_client.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_server(read_data("flet/register_web_client.json"));
  const auto& m = expect_alternative<flet::RegisterWebClient>(r);
  CHECK(m.id == "");
  CHECK(m.page_name == "");
  CHECK(m.page_hash == "");
  CHECK(m.session_id == "");
}

TEST_CASE("flet example register_web_client_response.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_client(read_data("flet/register_web_client_response.json"));
  const auto& m = expect_alternative<flet::RegisterWebClientResponse>(r);
  CHECK(m.id == "");
  CHECK(m.error == "");
  REQUIRE(m.session.has_value());
  CHECK(m.session->id == "0");
  REQUIRE(m.session->controls.has_value());
  CHECK(m.session->controls->text == R"({
        "page": {
          "i": "page",
          "t": "page",
          "p": "",
          "c": []
        }
      })");
}

TEST_CASE("flet example register_host_client.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_server(read_data("flet/register_host_client.json"));
  const auto& m = expect_alternative<flet::RegisterHostClient>(r);
  CHECK(m.id == "c1");
  CHECK(m.host_client_id == "");
  CHECK(m.page_name == "");
  CHECK(m.is_app == true);
  CHECK(m.update == true);
  CHECK(m.auth_token == "");
  CHECK(m.permissions == "");
}

TEST_CASE("flet example register_host_client_response.json", "[codec][examples][flet]") {
  const auto text = read_data("flet/register_host_client_response.json");
  const auto m = expect_ok(flet::decode<flet::RegisterHostClientResponse>(text));
  CHECK(m.id == "c1");
  CHECK(m.host_client_id == "");
  CHECK(m.session_id == "0");
  CHECK(m.page_name == "");
  CHECK(m.error == "");
}

TEST_CASE("flet example session_created.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_client(read_data("flet/session_created.json"));
  const auto& m = expect_alternative<flet::SessionCreated>(r);
  CHECK(m.id == "");
  CHECK(m.page_name == "");
  CHECK(m.session_id == "");
}

TEST_CASE("flet example page_command_from_host.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_server(read_data("flet/page_command_from_host.json"));
  const auto& m = expect_alternative<flet::PageCommandFromHost>(r);
  CHECK(m.id == "c2");
  CHECK(m.page_name == "");
  CHECK(m.session_id == "");
  check_example_command(m.command);
}

TEST_CASE("flet example page_command_response.json", "[codec][examples][flet]") {
  const auto text = read_data("flet/page_command_response.json");
  const auto m = expect_ok(flet::decode<flet::PageCommandResponse>(text));
  CHECK(m.id == "c2");
  CHECK(m.result == "");
  CHECK(m.error == "");
}

TEST_CASE("flet example page_commands_batch_from_host.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_server(read_data("flet/page_commands_batch_from_host.json"));
  const auto& m = expect_alternative<flet::PageCommandsBatchFromHost>(r);
  CHECK(m.id == "c3");
  CHECK(m.page_name == "");
  CHECK(m.session_id == "");
  REQUIRE(m.commands.size() == 1);
  check_example_command(m.commands.front());
}

TEST_CASE("flet example page_commands_batch_response.json", "[codec][examples][flet]") {
  const auto text = read_data("flet/page_commands_batch_response.json");
  const auto m = expect_ok(flet::decode<flet::PageCommandsBatchResponse>(text));
  CHECK(m.id == "c3");
  REQUIRE(m.results.has_value());
  CHECK(*m.results == std::vector<std::string>{"", ""});
  CHECK(m.error == "");
}

TEST_CASE("flet example inactive_app_from_host.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_server(read_data("flet/inactive_app_from_host.json"));
  const auto& m = expect_alternative<flet::InactiveAppFromHost>(r);
  CHECK(m.id == "");
  CHECK(m.page_name == "");
}

TEST_CASE("flet example page_event_to_host.json", "[codec][examples][flet]") {
  const auto r = flet::decode_to_client(read_data("flet/page_event_to_host.json"));
  const auto& m = expect_alternative<flet::PageEventToHost>(r);
  CHECK(m.id == "");
  CHECK(m.page_name == "");
  CHECK(m.session_id == "");
  CHECK(m.event_target == "");
  CHECK(m.event_name == "");
  CHECK(m.event_data == "");
}

TEST_CASE("flet examples: the \"\"-tagged replies are ambiguous for decode_to_client",
          "[codec][examples][flet]") {
  for (const char* file :
       {"flet/register_host_client_response.json", "flet/page_command_response.json",
        "flet/page_commands_batch_response.json"}) {
    CAPTURE(file);
    const auto r = flet::decode_to_client(read_data(file));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == wirekit::DecodeError::Kind::ambiguous_tag);
    CHECK(r.error().path == "action");
  }
}

TEST_CASE("flet examples: a \"\"-tagged reply also reads as another reply type",
          "[codec][examples][flet]") {
  // examples.md: most reply fields default to "", so each reply decodes as the other two
  // types; only the pending request can tell them apart.
  const auto text = read_data("flet/page_command_response.json");
  const auto as_host = expect_ok(flet::decode<flet::RegisterHostClientResponse>(text));
  CHECK(as_host.id == "c2");
  CHECK(as_host.session_id == "");
  CHECK(as_host.error == "");
  const auto as_batch = expect_ok(flet::decode<flet::PageCommandsBatchResponse>(text));
  CHECK(as_batch.id == "c2");
  CHECK_FALSE(as_batch.results.has_value());
}
