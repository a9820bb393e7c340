// Malformed input: every failure gives the expected DecodeError kind and path, decoding never
// crashes, and unknown extra fields are ignored.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <catch2/catch.hpp>

#include <wirekit/decode_error.hpp>

#include "codec_test_support.hpp"
#include "concierge/concierge_codec.hpp"
#include "crash_guard.hpp"
#include "flet/flet_codec.hpp"
#include "rise/rise_codec.hpp"
#include "rise_0_14/rise_0_14_codec.hpp"
#include "sync/sync_codec.hpp"
#include "tetra/tetra_codec.hpp"
#include "tetra_upstream/tetra_upstream_codec.hpp"

using codec_test::expect_alternative;
using codec_test::expect_ok;
using codec_test::read_data;
using Kind = wirekit::DecodeError::Kind;

namespace {

/// `r` failed with `kind` at `path`.
template <class R>
void check_error_of(const R& r, Kind kind, const std::string& path) {
  CHECK_FALSE(r.ok());
  if (r.ok()) return;
  CAPTURE(r.error().to_string());
  CHECK(r.error().kind == kind);
  CHECK(r.error().path == path);
}

/// check_error(decode expression, kind, path), reporting the expression and line on failure.
#define check_error(expr, kind, path)        \
  do {                                       \
    INFO("line " << __LINE__ << ": " #expr); \
    check_error_of((expr), (kind), (path));  \
  } while (false)

/// A Flet pageCommandFromHost whose command is `command_json`.
std::string flet_command(const std::string& command_json) {
  return R"({"id":"c2","action":"pageCommandFromHost","payload":{"pageName":"p","sessionID":"s","command":)" +
         command_json + "}}";
}

/// A Flet pageCommandsBatchFromHost whose commands are `commands_json`.
std::string flet_batch(const std::string& commands_json) {
  return R"({"id":"c3","action":"pageCommandsBatchFromHost","payload":{"pageName":"p","sessionID":"s","commands":)" +
         commands_json + "}}";
}

/// A sync Event with the given sent_at and status texts (JSON values).
std::string sync_event(const std::string& sent_at, const std::string& status) {
  return R"({"type":"event","id":"9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c","sent_at":)" + sent_at +
         R"(,"status":)" + status + R"(,"reason":null,"payload":{}})";
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

// ---- not JSON ----------------------------------------------------------------------------

TEST_CASE("malformed: text that is not JSON", "[codec][malformed]") {
  check_error(concierge::decode_to_server("hello"), Kind::not_json, "");
  check_error(concierge::decode_to_client("hello"), Kind::not_json, "");
  check_error(concierge::decode<concierge::Identify>("hello"), Kind::not_json, "");
  check_error(flet::decode_to_server("{hello}"), Kind::not_json, "");
  check_error(tetra::decode<tetra::CallError>("hello"), Kind::not_json, "");
  check_error(tetra::decode_to_client("hello"), Kind::not_json, "");
}

TEST_CASE("malformed: not JSON, though its first character could start a JSON value",
          "[codec][malformed]") {
  // Words and broken values that begin like null, true, false, a number or an array are not
  // JSON either; they must not be reported as a valid JSON value that is merely not an object.
  for (const char* text : {"nonsense", "nul", "tru", "fals", "-x", "123abc", "[1,", "[}"}) {
    CAPTURE(text);
    check_error(concierge::decode_to_client(text), Kind::not_json, "");      // tagged path
    check_error(tetra::decode<tetra::CallError>(text), Kind::not_json, "");  // untagged path
  }
}

TEST_CASE("malformed: a broken number or list in a typed field is not JSON, not a wrong type",
          "[codec][malformed]") {
  // 01, 1., -, +1 are not JSON numbers and ["a",] is not a JSON array: the text is not JSON.
  // (1.0 and 1e2 are JSON numbers that are not integers: those are wrong_type.)
  for (const char* seq : {"01", "1.", "-", "+1"}) {
    CAPTURE(seq);
    const auto r = concierge::decode_to_client(std::string(R"({"type":"OK","seq":)") + seq + "}");
    CHECK_FALSE(r.ok());
    if (!r.ok()) {
      CAPTURE(r.error().to_string());
      CHECK(r.error().kind == Kind::not_json);
    }
  }
  const auto list =
      concierge::decode_to_server(R"({"type":"IDENTIFY","name":"a","version":"1","tags":["a",]})");
  CHECK_FALSE(list.ok());
  if (!list.ok()) {
    CAPTURE(list.error().to_string());
    CHECK(list.error().kind == Kind::not_json);
  }
  for (const char* seq : {"1.0", "1e2", R"("1")", "true"}) {
    CAPTURE(seq);
    check_error(concierge::decode_to_client(std::string(R"({"type":"OK","seq":)") + seq + "}"),
                Kind::wrong_type, "seq");
  }
}

TEST_CASE("malformed: empty and blank input", "[codec][malformed]") {
  check_error(concierge::decode_to_server(""), Kind::not_json, "");
  check_error(concierge::decode<concierge::Ok>(""), Kind::not_json, "");
  check_error(tetra::decode<tetra::CallError>(""), Kind::not_json, "");
  check_error(event_sync::decode_to_client(" \n\t "), Kind::not_json, "");
}

TEST_CASE("malformed: truncated text", "[codec][malformed]") {
  // A valid example cut in half (or just before its last brace) is not JSON. The path is empty:
  // the text as a whole is broken, not one field.
  for (const char* file :
       {"concierge/identify.json", "concierge/self_fetch_result.json",
        "flet/page_command_from_host.json", "tetra/call_response.json", "sync/event.json"}) {
    CAPTURE(file);
    const std::string text = read_data(file);
    const std::string half = text.substr(0, text.size() / 2);
    const std::string no_last_brace = text.substr(0, text.rfind('}'));
    for (const auto& cut : {half, no_last_brace}) {
      CAPTURE(cut);
      const std::string ns = std::string(file).substr(0, std::string(file).find('/'));
      if (ns == "concierge") {
        check_error(concierge::decode_to_server(cut), Kind::not_json, "");
        check_error(concierge::decode_to_client(cut), Kind::not_json, "");
      } else if (ns == "flet") {
        check_error(flet::decode_to_server(cut), Kind::not_json, "");
        check_error(flet::decode<flet::PageCommandFromHost>(cut), Kind::not_json, "");
      } else if (ns == "tetra") {
        check_error(tetra::decode_to_client(cut), Kind::not_json, "");
        check_error(tetra::decode<tetra::CallResponse>(cut), Kind::not_json, "");
      } else {
        check_error(event_sync::decode_to_server(cut), Kind::not_json, "");
        check_error(event_sync::decode<event_sync::Event>(cut), Kind::not_json, "");
      }
    }
  }
}

TEST_CASE("malformed: trailing garbage after the object", "[codec][malformed]") {
  for (const char* text : {R"({"type":"OK","seq":1} x)", R"({"type":"OK","seq":1}})",
                           R"({"type":"OK","seq":1}{"type":"OK"})", R"({"type":"OK"},)"}) {
    CAPTURE(text);
    check_error(concierge::decode_to_client(text), Kind::not_json, "");
    check_error(concierge::decode<concierge::Ok>(text), Kind::not_json, "");
  }
  check_error(tetra::decode_to_client(R"({"success":false,"error":{"code":"c","message":"m"}} 1)"),
              Kind::not_json, "");
  // Trailing whitespace is fine.
  CHECK(concierge::decode_to_client("{\"type\":\"OK\"} \n\t\r\n").ok());
}

TEST_CASE("malformed: invalid JSON inside a field", "[codec][malformed]") {
  // The message text as a whole is not JSON, whichever field holds the defect; a free-form
  // `json` field must not keep (and later re-send) text that is not JSON.
  for (const char* text : {R"({"type":"MESSAGE","target":{"type":"ALL"},"data":[1,]})",
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":[1 2]})",
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":[nul]})",
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":[}]})",
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":{"a":1,}})",
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":{"a":tru}})",
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":tru})",
                           R"({"type":"MESSAGE","target":{"type":"ALL"},"data":{"a" 1}})",
                           R"({"type":"IDENTIFY","name":"a","version":"1","tags":["x" "y"]})"}) {
    CAPTURE(text);
    const auto r = concierge::decode_to_server(text);
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK(r.error().kind == Kind::not_json);
  }
}

TEST_CASE("malformed: invalid JSON inside an ignored unknown field", "[codec][malformed]") {
  // Unknown fields are skipped, but the text must still be JSON.
  for (const char* junk :
       {"[1,]", "[1 2]", "[nul]", "tru", R"({"a":tru})", R"({"a" 1})", R"({"a":1,})"}) {
    CAPTURE(junk);
    const std::string text = std::string(R"({"type":"OK","seq":1,"junk":)") + junk + "}";
    const auto r = concierge::decode_to_client(text);
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK(r.error().kind == Kind::not_json);
  }
}

TEST_CASE("malformed: a shared-tag reply whose correlation lookup meets broken JSON",
          "[codec][malformed]") {
  // fuzz/regressions/session_frames/flet_reply_dead_document: looking for the correlation id of
  // a Flet `"action": ""` reply ran into the unclosed object, which ends simdjson's iterator;
  // rewinding it dereferenced a null parser. Now the reply is not JSON.
  struct FirstReply final : wirekit::ReplyResolver {
    wirekit::MessageIndex expected_reply(std::string_view, const wirekit::MessageIndex* candidates,
                                         std::size_t) override {
      return candidates[0];
    }
  } resolver;
  for (const char* text : {R"({"id+":"c2","action":"","payload":{"hostClientID":"","s":"0"})",
                           R"({"action":"","payload":{"a":[1,}})"}) {
    CAPTURE(text);
    check_error(flet::decode_to_client(text, &resolver), Kind::not_json, "");
  }
  check_error(flet::decode_to_client(R"({"action":"","id":tru})", &resolver), Kind::not_json, "id");
}

TEST_CASE("malformed: a shared-tag reply that gives its correlation id twice",
          "[codec][malformed]") {
  // fuzz/regressions/decode_flet/duplicate-correlation-id: the resolver was asked about the
  // first "id" while the decoder kept the last, so one text decoded as two different replies.
  // A second correlation key is refused, as a second tag key is.
  struct ByIdReply final : wirekit::ReplyResolver {
    std::vector<std::string> asked;
    wirekit::MessageIndex expected_reply(std::string_view id,
                                         const wirekit::MessageIndex* candidates,
                                         std::size_t count) override {
      asked.emplace_back(id);
      return id == "c2" ? candidates[count - 1] : candidates[0];
    }
  } resolver;
  check_error(flet::decode_to_client(R"({"id":"c3","id":"c2","action":"","payload":{"error":""}})",
                                     &resolver),
              Kind::invalid_value, "");
  CHECK(resolver.asked.empty());
  // Given once, anywhere among the members, the id picks the reply type.
  const auto one =
      flet::decode_to_client(R"({"action":"","payload":{"error":"x"},"id":"c2"})", &resolver);
  REQUIRE(one.ok());
  REQUIRE(resolver.asked == std::vector<std::string>{"c2"});
  REQUIRE(std::holds_alternative<flet::PageCommandsBatchResponse>(one.value()));
  CHECK(std::get<flet::PageCommandsBatchResponse>(one.value()).id == "c2");
  CHECK(std::get<flet::PageCommandsBatchResponse>(one.value()).error == "x");
}

TEST_CASE("malformed: invalid UTF-8 is not JSON", "[codec][malformed]") {
  check_error(
      concierge::decode_to_server("{\"type\":\"IDENTIFY\",\"name\":\"\xff\",\"version\":\"1\"}"),
      Kind::not_json, "");
}

// ---- not an object -----------------------------------------------------------------------

TEST_CASE("malformed: top level is not an object", "[codec][malformed]") {
  for (const char* text : {R"([{"type":"OK"}])", "[]", "42", R"("OK")", "null", "true"}) {
    CAPTURE(text);
    check_error(concierge::decode_to_client(text), Kind::not_object, "");
    check_error(concierge::decode<concierge::Ok>(text), Kind::not_object, "");
    check_error(flet::decode_to_server(text), Kind::not_object, "");
    check_error(tetra::decode_to_client(text), Kind::not_object, "");  // untagged path
    check_error(tetra::decode<tetra::CallError>(text), Kind::not_object, "");
  }
}

// ---- wrong types -------------------------------------------------------------------------

TEST_CASE("malformed: wrong type of a nested field", "[codec][malformed]") {
  const auto r = flet::decode_to_server(flet_command(R"({"name":"add","attrs":"x"})"));
  check_error(r, Kind::wrong_type, "payload.command.attrs");
  CHECK(r.error().message == "expected object, got string");
  CHECK(r.error().to_string() == "payload.command.attrs: expected object, got string");

  check_error(
      flet::decode<flet::PageCommandFromHost>(flet_command(R"({"name":"add","values":{}})")),
      Kind::wrong_type, "payload.command.values");
  check_error(flet::decode_to_server(flet_command(R"({"name":"add","indent":"0"})")),
              Kind::wrong_type, "payload.command.indent");
  check_error(flet::decode_to_server(flet_command(R"({"name":"add","indent":1.5})")),
              Kind::wrong_type, "payload.command.indent");
  check_error(
      flet::decode_to_server(
          R"({"id":"c1","action":"registerHostClient","payload":{"pageName":"p","isApp":"yes"}})"),
      Kind::wrong_type, "payload.isApp");
  check_error(flet::decode_to_server(
                  R"({"id":7,"action":"inactiveAppFromHost","payload":{"pageName":"p"}})"),
              Kind::wrong_type, "id");
  check_error(flet::decode_to_server(R"({"id":"","action":"inactiveAppFromHost","payload":[]})"),
              Kind::wrong_type, "payload");
  check_error(concierge::decode_to_client(
                  R"({"type":"SELF_FETCH_RESULT","seq":1,"client":[],"subscriptions":[]})"),
              Kind::wrong_type, "client");
  check_error(
      concierge::decode_to_client(
          R"({"type":"MESSAGE","origin":{"name":"b","uuid":"b6e0d4a2-1c3f-4e5a-8b9c-0d1e2f3a4b5c","tags":[],"service":5},"target":{"type":"ALL"},"data":1})"),
      Kind::wrong_type, "origin.service");
  check_error(
      tetra::decode_to_client(
          R"({"protocol":"tetra-1.0","type":"call.response","payload":{"result":1},"metadata":{"js":"x"}})"),
      Kind::wrong_type, "metadata.js");
  check_error(
      rise::decode_to_client(R"({"$":"evt-res","key":"e1","res":{"$":"response","error":"no"}})"),
      Kind::wrong_type, "res.error");
  check_error(
      event_sync::decode_to_server(
          R"({"type":"ack","id":["9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c"],"sent_at":"2026-11-21T10:00:00Z"})"),
      Kind::wrong_type, "id");
  check_error(concierge::decode_to_server(R"({"type":7})"), Kind::wrong_type, "type");
}

TEST_CASE("malformed: wrong type inside an array element", "[codec][malformed]") {
  check_error(flet::decode_to_server(flet_batch(R"([{"name":"a"},{"name":5}])")), Kind::wrong_type,
              "payload.commands[1].name");
  check_error(flet::decode_to_server(flet_batch(R"([{"name":"a"},"b"])")), Kind::wrong_type,
              "payload.commands[1]");
  check_error(flet::decode_to_server(flet_command(R"({"name":"a","values":["x",2]})")),
              Kind::wrong_type, "payload.command.values[1]");
  check_error(
      flet::decode_to_server(flet_command(
          R"({"name":"a","commands":[{"name":"b","commands":[{"name":"c"},{"name":"d","lines":[1]}]}]})")),
      Kind::wrong_type, "payload.command.commands[0].commands[1].lines[0]");
  check_error(concierge::decode_to_server(
                  R"({"type":"IDENTIFY","name":"a","version":"1","tags":["ui",null]})"),
              Kind::wrong_type, "tags[1]");
  check_error(
      tetra::decode_to_client(
          R"({"protocol":"tetra-1.0","type":"call.response","payload":{"result":1},"metadata":{"messages":[{"level":"a","message":"b","uid":"c"},{"level":1,"message":"b","uid":"c"}]}})"),
      Kind::wrong_type, "metadata.messages[1].level");
}

TEST_CASE("malformed: wrong type of a map value", "[codec][malformed]") {
  check_error(flet::decode_to_server(flet_command(R"({"name":"a","attrs":{"ok":"x","bad":1}})")),
              Kind::wrong_type, R"(payload.command.attrs["bad"])");
}

TEST_CASE("malformed: null for a non-nullable field", "[codec][malformed]") {
  // Required fields.
  check_error(concierge::decode_to_server(R"({"type":"IDENTIFY","name":null,"version":"0.2.0"})"),
              Kind::wrong_type, "name");
  check_error(concierge::decode_to_client(R"({"type":"HELLO","uuid":null,"version":"0.2.0"})"),
              Kind::wrong_type, "uuid");
  check_error(flet::decode_to_server(flet_command("null")), Kind::wrong_type, "payload.command");
  check_error(concierge::decode_to_server(R"({"type":"MESSAGE","target":null,"data":1})"),
              Kind::wrong_type, "target");
  // Defaulted fields.
  check_error(
      concierge::decode_to_server(R"({"type":"IDENTIFY","name":"a","version":"1","tags":null})"),
      Kind::wrong_type, "tags");
  check_error(
      flet::decode_to_server(
          R"({"id":"","action":"registerWebClient","payload":{"pageName":"p","pageHash":null}})"),
      Kind::wrong_type, "payload.pageHash");
  // Optional (but not nullable) fields: absent is fine, null is a type error.
  check_error(concierge::decode_to_client(R"({"type":"OK","seq":null})"), Kind::wrong_type, "seq");
  check_error(
      tetra::decode_to_server(
          R"({"type":"call","id":null,"payload":{"component_id":"c","method":"m","state":{},"encrypted_state":"e"}})"),
      Kind::wrong_type, "id");
  check_error(flet::decode_to_server(flet_command(R"({"name":"a","attrs":null})")),
              Kind::wrong_type, "payload.command.attrs");
  // A json field accepts null: it is a JSON value.
  const auto r =
      concierge::decode_to_server(R"({"type":"MESSAGE","target":{"type":"ALL"},"data":null})");
  CHECK(expect_alternative<concierge::Message>(r).data.text == "null");
}

// ---- missing fields ----------------------------------------------------------------------

TEST_CASE("malformed: missing required field", "[codec][malformed]") {
  const auto r = concierge::decode_to_server(R"({"type":"IDENTIFY","version":"0.2.0"})");
  check_error(r, Kind::missing_field, "name");
  CHECK(r.error().to_string() == "name: required field is missing");
  check_error(concierge::decode_to_server(R"({"type":"IDENTIFY","name":"a"})"), Kind::missing_field,
              "version");
  check_error(concierge::decode_to_client(R"({"type":"HELLO","version":"0.2.0"})"),
              Kind::missing_field, "uuid");
  check_error(
      concierge::decode<concierge::Message>(R"({"type":"MESSAGE","target":{"type":"ALL"}})"),
      Kind::missing_field, "data");
  check_error(
      event_sync::decode_to_server(
          R"({"type":"event","id":"9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c","sent_at":"2026-11-21T10:00:00Z","status":"ok","payload":{}})"),
      Kind::missing_field, "reason");  // nullable, not optional: must be present
  check_error(
      flet::decode_to_server(R"({"action":"inactiveAppFromHost","payload":{"pageName":"p"}})"),
      Kind::missing_field, "id");
  check_error(flet::decode_to_server(R"({"id":"","action":"inactiveAppFromHost"})"),
              Kind::missing_field, "payload");
  check_error(tetra::decode_to_server(R"({"protocol":"tetra-1.0","type":"call"})"),
              Kind::missing_field, "payload");
  check_error(tetra::decode_to_client(R"({"protocol":"tetra-1.0","success":false})"),
              Kind::missing_field, "error");
}

TEST_CASE("malformed: missing required nested field", "[codec][malformed]") {
  check_error(flet::decode_to_server(flet_command(R"({"indent":0})")), Kind::missing_field,
              "payload.command.name");
  check_error(flet::decode_to_server(R"({"id":"","action":"inactiveAppFromHost","payload":{}})"),
              Kind::missing_field, "payload.pageName");
  check_error(flet::decode_to_server(flet_batch(R"([{"name":"a"},{"name":"b","commands":[{}]}])")),
              Kind::missing_field, "payload.commands[1].commands[0].name");
  check_error(
      concierge::decode_to_client(
          R"({"type":"MESSAGE","origin":{"name":"b","tags":[]},"target":{"type":"ALL"},"data":1})"),
      Kind::missing_field, "origin.uuid");
  check_error(
      concierge::decode_to_client(
          R"({"type":"SERVICE_FETCH_ALL_RESULT","services":[{"name":"a","owner_uuid":"b6e0d4a2-1c3f-4e5a-8b9c-0d1e2f3a4b5c","subscribers":[]},{"name":"b","owner_uuid":"b6e0d4a2-1c3f-4e5a-8b9c-0d1e2f3a4b5c"}]})"),
      Kind::missing_field, "services[1].subscribers");
  check_error(
      concierge::decode_to_server(R"({"type":"MESSAGE","target":{"type":"NAME"},"data":1})"),
      Kind::missing_field, "target.name");
  check_error(
      rise::decode_to_server(
          R"({"$":"evt","key":"e1","event":{"modelState":{},"payload":{},"target":{"component":"B","path":[]}}})"),
      Kind::missing_field, "event.target.propKey");
  check_error(rise::decode_to_client(R"({"$":"evt-res","key":"e1","res":{}})"), Kind::missing_field,
              "res.$");
  check_error(tetra::decode_to_client(R"({"success":false,"error":{"code":"E"}})"),
              Kind::missing_field, "error.message");
}

// ---- tags --------------------------------------------------------------------------------

TEST_CASE("malformed: unknown tag", "[codec][malformed]") {
  const auto r = concierge::decode_to_server(R"({"type":"NOPE"})");
  check_error(r, Kind::unknown_tag, "type");
  CHECK(r.error().message.find("NOPE") != std::string::npos);
  // A server message sent the wrong way is unknown in that direction.
  check_error(concierge::decode_to_server(read_data("concierge/hello.json")), Kind::unknown_tag,
              "type");
  check_error(concierge::decode_to_client(read_data("concierge/identify.json")), Kind::unknown_tag,
              "type");
  check_error(flet::decode_to_server(R"({"id":"","action":"nope","payload":{}})"),
              Kind::unknown_tag, "action");
  check_error(rise::decode_to_client(R"({"$":"down","key":"k","val":1})"), Kind::unknown_tag, "$");
  check_error(rise_0_14::decode_to_server(R"({"$":"up","key":"k","val":1})"), Kind::unknown_tag,
              "$");
  check_error(tetra::decode_to_client(R"({"protocol":"tetra-1.0","type":"pong"})"),
              Kind::unknown_tag, "type");
  check_error(tetra_upstream::decode_to_client(read_data("tetra/component_update_data.json")),
              Kind::unknown_tag, "type");
  check_error(event_sync::decode_to_client(R"({"type":"Event"})"), Kind::unknown_tag, "type");
  // decode<T>() of another message's text.
  const auto other = concierge::decode<concierge::Ok>(read_data("concierge/bad.json"));
  check_error(other, Kind::unknown_tag, "type");
  CHECK(other.error().message.find("OK") != std::string::npos);
  // A union's own tag.
  check_error(
      concierge::decode_to_server(R"({"type":"MESSAGE","target":{"type":"EVERYONE"},"data":1})"),
      Kind::unknown_tag, "target.type");
}

TEST_CASE("malformed: missing tag", "[codec][malformed]") {
  check_error(concierge::decode_to_server(R"({"name":"alice","version":"0.2.0"})"),
              Kind::missing_field, "type");
  check_error(concierge::decode_to_client("{}"), Kind::missing_field, "type");
  check_error(concierge::decode<concierge::Identify>(R"({"name":"alice","version":"0.2.0"})"),
              Kind::missing_field, "type");
  check_error(flet::decode_to_client(R"({"id":"","payload":{}})"), Kind::missing_field, "action");
  check_error(tetra::decode_to_server(R"({"group":"g"})"), Kind::missing_field, "type");
  check_error(rise::decode_to_server(R"({"keys":[]})"), Kind::missing_field, "$");
  check_error(concierge::decode_to_server(R"({"type":"MESSAGE","target":{"name":"bob"},"data":1})"),
              Kind::missing_field, "target.type");
}

TEST_CASE("malformed: flet's shared reply tag is ambiguous", "[codec][malformed][flet]") {
  const auto r = flet::decode_to_client(R"({"id":"c1","action":"","payload":{}})");
  check_error(r, Kind::ambiguous_tag, "action");
  CHECK(r.error().message.find("RegisterHostClientResponse") != std::string::npos);
  // The client never sends "" itself.
  check_error(flet::decode_to_server(R"({"id":"c1","action":"","payload":{}})"), Kind::unknown_tag,
              "action");
}

// ---- invalid values ----------------------------------------------------------------------

TEST_CASE("malformed: invalid uuid", "[codec][malformed]") {
  for (const char* bad :
       {"not-a-uuid", "", "3f2c1a9e8b7d4c6e9f102a3b4c5d6e7f",
        "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7g", "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7",
        "{3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f}", "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f0"}) {
    CAPTURE(bad);
    check_error(concierge::decode_to_client(R"({"type":"HELLO","uuid":")" + std::string(bad) +
                                            R"(","version":"0.2.0"})"),
                Kind::invalid_value, "uuid");
    check_error(
        concierge::decode_to_client(
            R"({"type":"SERVICE_FETCH_RESULT","service":{"name":"chat","owner_uuid":"3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f","subscribers":["3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f",")" +
            std::string(bad) + R"("]}})"),
        Kind::invalid_value, "service.subscribers[1]");
  }
  check_error(
      event_sync::decode_to_server(R"({"type":"ack","id":42,"sent_at":"2026-11-21T10:00:00Z"})"),
      Kind::wrong_type, "id");
}

TEST_CASE("malformed: invalid timestamp", "[codec][malformed]") {
  for (const char* bad :
       {"yesterday", "", "2026-11-21", "2026-11-21T10:00", "2026-13-01T10:00:00Z",
        "2026-11-32T10:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T10:60:00Z",
        "2026-11-21T10:00:00.Z", "2026-11-21T10:00:00+25:00", "2026-11-21T10:00:00 UTC",
        "2026-11-21X10:00:00Z", "2026-11-21T10:00:00Zjunk"}) {
    CAPTURE(bad);
    check_error(event_sync::decode_to_server(
                    R"({"type":"ack","id":"9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c","sent_at":")" +
                    std::string(bad) + R"("})"),
                Kind::invalid_value, "sent_at");
  }
  check_error(event_sync::decode_to_server(sync_event("1700000000", R"("ok")")), Kind::wrong_type,
              "sent_at");
}

TEST_CASE("malformed: timestamp with an impossible calendar date", "[codec][malformed]") {
  // Each part is in range on its own, but the day does not exist in that month.
  for (const char* bad : {"2026-02-30T10:00:00Z", "2026-04-31T10:00:00Z", "2025-02-29T10:00:00Z"}) {
    CAPTURE(bad);
    check_error(event_sync::decode_to_server(sync_event(std::string("\"") + bad + "\"", R"("ok")")),
                Kind::invalid_value, "sent_at");
  }
  // 2028 is a leap year.
  CHECK(event_sync::decode_to_server(sync_event(R"("2028-02-29T10:00:00Z")", R"("ok")")).ok());
}

TEST_CASE("malformed: invalid enum value", "[codec][malformed]") {
  const auto r = event_sync::decode_to_server(sync_event(R"("2026-11-21T10:00:00Z")", R"("OK")"));
  check_error(r, Kind::invalid_value, "status");
  CHECK(r.error().message.find("ok, error, fatal") != std::string::npos);
  check_error(event_sync::decode_to_server(sync_event(R"("2026-11-21T10:00:00Z")", R"("")")),
              Kind::invalid_value, "status");
  check_error(event_sync::decode_to_server(sync_event(R"("2026-11-21T10:00:00Z")", "1")),
              Kind::wrong_type, "status");
  check_error(
      tetra::decode_to_client(
          R"({"protocol":"tetra-1.0","type":"subscription.response","payload":{"group":"g","status":"Subscribed"}})"),
      Kind::invalid_value, "payload.status");
  check_error(tetra_upstream::decode_to_client(
                  R"({"type":"subscription.response","payload":{"group":"g","status":"gone"}})"),
              Kind::invalid_value, "payload.status");
  check_error(rise::decode_to_client(R"({"$":"evt-res","key":"e1","res":{"$":"request"}})"),
              Kind::invalid_value, "res.$");
}

TEST_CASE("malformed: integer out of the int64 range", "[codec][malformed]") {
  // The right JSON type (an integer) but a value outside the range: invalid_value, which the
  // DecodeError documentation reserves for "right JSON type, but not a valid value (... range)".
  check_error(concierge::decode_to_server(R"({"type":"SELF_SET_SEQ","seq":9223372036854775808})"),
              Kind::invalid_value, "seq");
  check_error(concierge::decode_to_client(R"({"type":"OK","seq":-9223372036854775809})"),
              Kind::invalid_value, "seq");
}

TEST_CASE("malformed: envelope constant mismatch", "[codec][malformed]") {
  std::string text = read_data("tetra/call.json");
  text.replace(text.find("tetra-1.0"), 9, "tetra-2.0");
  const auto r = tetra::decode_to_server(text);
  check_error(r, Kind::constant_mismatch, "protocol");
  CHECK(r.error().message.find("tetra-1.0") != std::string::npos);
  check_error(tetra::decode<tetra::Call>(text), Kind::constant_mismatch, "protocol");
  check_error(
      tetra::decode_to_client(
          R"({"protocol":"tetra-2.0","type":"notify","payload":{"group":"g","event_name":"e","data":{}}})"),
      Kind::constant_mismatch, "protocol");
  check_error(tetra_upstream::decode_to_client(R"({"protocol":"tetra-0.9","type":"pong"})"),
              Kind::constant_mismatch, "protocol");
  check_error(tetra_upstream::decode_to_client(R"({"protocol":1,"type":"pong"})"), Kind::wrong_type,
              "protocol");
  // An absent constant is accepted.
  CHECK(expect_alternative<tetra_upstream::Pong>(
            tetra_upstream::decode_to_client(R"({"type":"pong"})"))
            .metadata == std::nullopt);
}

// ---- robustness --------------------------------------------------------------------------

TEST_CASE("malformed: deeply nested junk never crashes", "[codec][malformed][robustness]") {
  // 5000 nested arrays in a free-form json field, in an ignored field, and unbalanced.
  const std::string deep = repeat("[", 5000) + repeat("]", 5000);
  const std::string in_json_field =
      R"({"type":"MESSAGE","target":{"type":"ALL"},"data":)" + deep + "}";
  const std::string in_unknown_field = R"({"type":"OK","junk":)" + deep + "}";
  const std::string unbalanced = R"({"type":"OK","junk":)" + repeat("[", 5000) + "}";
  const std::string deep_objects =
      R"({"type":"OK","junk":)" + repeat(R"({"a":)", 5000) + "1" + repeat("}", 5000) + "}";

  const auto outcome = codec_test::run_in_child([&] {
    (void)concierge::decode_to_server(in_json_field);
    (void)concierge::decode<concierge::Message>(in_json_field);
    (void)concierge::decode_to_client(in_unknown_field);
    (void)concierge::decode_to_client(unbalanced);
    (void)concierge::decode_to_client(deep_objects);
  });
  CAPTURE(outcome.description);
  CHECK(outcome.exited_normally);

  // And in this process: each gives an error or a value; unbalanced text is an error.
  const auto r = concierge::decode_to_server(in_json_field);
  // Nesting past simdjson's depth limit (1024) is refused as an invalid value.
  if (r.ok())
    CHECK(std::get<concierge::Message>(r.value()).data.text == deep);
  else
    CHECK(r.error().kind == Kind::invalid_value);
  CHECK_FALSE(concierge::decode_to_client(unbalanced).ok());
}

TEST_CASE("malformed: a deeply nested flet command tree never crashes",
          "[codec][malformed][robustness]") {
  // A recursive struct (Command.commands) nested far deeper than any real page: the decoder
  // must return an error or a value, not overflow the stack. 100000 levels is about 2.5 MB,
  // well under the 16 MiB message limit flet's transport allows.
  for (const std::size_t depth : {5000u, 100000u}) {
    CAPTURE(depth);
    const std::string tree =
        repeat(R"({"name":"a","commands":[)", depth) + R"({"name":"leaf"})" + repeat("]}", depth);
    const std::string text = flet_command(tree);
    const auto outcome = codec_test::run_in_child([&] { (void)flet::decode_to_server(text); });
    CAPTURE(outcome.description);
    CHECK(outcome.exited_normally);
  }
}

// ---- tolerated input ---------------------------------------------------------------------

TEST_CASE("malformed: unknown extra fields are ignored", "[codec][malformed]") {
  SECTION("concierge, flat, extra keys of every JSON kind at every level") {
    const auto r = concierge::decode_to_client(R"({
      "extra_object": {"deep": [1, {"x": null}], "type": "NOPE"},
      "seq": 6,
      "type": "SERVICE_FETCH_RESULT",
      "extra_array": [[], {}, "s"],
      "service": {
        "name": "chat", "colour": "blue", "nickname": null,
        "owner_uuid": "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f",
        "subscribers": [], "more": {"a": [true, false]}
      },
      "extra_null": null, "extra_number": -1.5e3, "extra_bool": true
    })");
    const auto& m = expect_alternative<concierge::ServiceFetchResult>(r);
    CHECK(m.seq == std::optional<std::int64_t>(6));
    CHECK(m.service.name == "chat");
    CHECK_FALSE(m.service.nickname.has_value());
    CHECK(m.service.owner_uuid.str() == "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f");
    CHECK(m.service.subscribers.empty());
  }
  SECTION("flet, extra keys in the envelope, the payload and a command") {
    const auto r = flet::decode_to_server(
        R"({"extra":1,"id":"c2","action":"pageCommandFromHost","payload":{"x":[1],"pageName":"p","sessionID":"s","command":{"name":"add","i":"short","c":[{"n":"x"}]}},"trailer":{}})");
    const auto& m = expect_alternative<flet::PageCommandFromHost>(r);
    CHECK(m.id == "c2");
    CHECK(m.page_name == "p");
    CHECK(m.session_id == "s");
    CHECK(m.command.name == "add");
    CHECK_FALSE(m.command.commands.has_value());
  }
  SECTION("tetra, an extra key in a unified message and in the untagged error") {
    const auto r = tetra::decode_to_client(
        R"({"protocol":"tetra-1.0","type":"notify","payload":{"group":"g","event_name":"e","data":[],"extra":"x"},"metadata":{"extra":1},"extra":2})");
    const auto& m = expect_alternative<tetra::Notify>(r);
    CHECK(m.group == "g");
    CHECK(m.event_name == "e");
    CHECK(m.data.text == "[]");
    const auto e = tetra::decode_to_client(
        R"({"success":false,"error":{"code":"E","message":"m","trace":[1]},"extra":{}})");
    const auto& error = expect_alternative<tetra::CallError>(e);
    CHECK(error.error.code == "E");
    CHECK(error.error.message == "m");
  }
  SECTION("sync, the document allows extra top-level keys on an Event") {
    const auto r = event_sync::decode_to_server(
        R"({"type":"event","id":"9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c","sent_at":"2026-11-21T10:00:00Z","status":"error","reason":"r","payload":{},"state":{"doors":2}})");
    const auto& m = expect_alternative<event_sync::Event>(r);
    CHECK(m.status == event_sync::Status::kError);
    CHECK(m.reason == std::optional<std::string>("r"));
  }
}

TEST_CASE("malformed: json fields keep any valid JSON value", "[codec][malformed]") {
  // RFC 8259 numbers have no range limit; a free-form field keeps the text as received.
  for (const char* value : {"1e400", "-1e400", "123456789012345678901234567890", "1E-400"}) {
    CAPTURE(value);
    const auto r =
        rise::decode_to_client(std::string(R"({"$":"up","key":"k","val":)") + value + "}");
    CHECK(r.ok());
    if (!r.ok()) {
      CAPTURE(r.error().to_string());
      CHECK(r.error().kind != Kind::not_json);
      continue;
    }
    CHECK(std::get<rise::Up>(r.value()).val.text == value);
  }
}

// ---- the error text ----------------------------------------------------------------------

TEST_CASE("DecodeError::to_string gives \"path: message\"", "[codec][malformed]") {
  const auto r = flet::decode_to_server(flet_batch(R"([{"name":"a"},{"name":5}])"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().to_string() == r.error().path + ": " + r.error().message);
  CHECK(r.error().to_string() == "payload.commands[1].name: expected string, got number");

  // Without a path, just the message.
  const auto not_json = concierge::decode_to_server("hello");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.error().path.empty());
  CHECK(not_json.error().to_string() == not_json.error().message);
  CHECK_FALSE(not_json.error().message.empty());

  wirekit::DecodeError e{Kind::invalid_value, "a.b[2]", "expected x"};
  CHECK(e.to_string() == "a.b[2]: expected x");
  CHECK(wirekit::to_string(Kind::constant_mismatch) == "constant_mismatch");
  CHECK(wirekit::to_string(Kind::ambiguous_tag) == "ambiguous_tag");
}

TEST_CASE("a leading UTF-8 byte order mark is ignored", "[codec]") {
  const auto r = concierge::decode_to_client("\xEF\xBB\xBF{\"type\":\"OK\",\"seq\":2}");
  REQUIRE(r.ok());
  CHECK(std::get<concierge::Ok>(r.value()).seq == 2);
}

TEST_CASE("encoding writes invalid UTF-8 as U+FFFD, so the output always decodes", "[codec]") {
  concierge::Identify identify;
  identify.name =
      "a\xff"
      "b\xc3";  // a stray byte, and a sequence cut short at the end
  identify.version = "caf\xc3\xa9 \xe2\x9c\x93";  // valid: kept as is
  const std::string text = concierge::encode(identify);
  CHECK(text.find("\"name\":\"a\xEF\xBF\xBD"
                  "b\xEF\xBF\xBD\"") != std::string::npos);
  const auto back = concierge::decode<concierge::Identify>(text);
  REQUIRE(back.ok());
  CHECK(back->name ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(back->version == "caf\xc3\xa9 \xe2\x9c\x93");
}
