// The schema keys of issue 19 §2 (handshake.allowed_before, session.invalid,
// transport.unoffered_subprotocol, min_length, unset / unset_fields, interaction
// `correlation: next`, a message's stub_name): what they load into the model, what they make
// the emitters write, and the located error each misuse gives.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "emit/field_codegen.hpp"
#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"
#include "model/stub_names.hpp"
#include "schema_error_of.hpp"

using wirekit::gen::load_schema_text;
using wirekit::gen::SchemaError;

namespace {

std::optional<SchemaError> error_of(const std::string& yaml) { return schema_error_of(yaml); }

// Lines 1-13: a protocol with a handshake and a ping; cases append to it from line 14.
const std::string kBase = R"(wirekit: 1
name: demo
transport: {path: /x, subprotocol: demo-v1}
messages:
  Init: {tag: init, from: client}
  Ack: {tag: ack, from: server}
  Ping: {tag: ping, from: both}
  Pong: {tag: pong, from: both}
  Oops:
    tag: oops
    from: server
    fields:
      desc: string
)";

}  // namespace

TEST_CASE("session keys load into the model", "[schema][session_keys]") {
  const auto p = load_schema_text(R"(wirekit: 1
name: demo
transport: {path: /x, subprotocol: demo-v1, unoffered_subprotocol: close}
unset_fields: null
messages:
  Init: {tag: init, from: client}
  Ack: {tag: ack, from: server}
  Ping: {tag: ping, from: both}
  Pong: {tag: pong, from: both}
  Stop:
    tag: stop
    from: client
    stub_name: stop_operation
    fields:
      id: {type: string, min_length: 1, max_length: 8}
      note: {type: string, optional: true, unset: omit}
      extra: {type: string, optional: true}
interactions:
  - {request: Ping, response: Pong, correlation: next}
session:
  handshake: {first: Init, success: Ack, allowed_before: [Ping, Pong]}
  invalid: {from_client: close, from_server: ignore}
  close_codes:
    4429: {name: TOO_MANY_INIT, on: [repeated_handshake]}
    4406: {name: NO_SUBPROTOCOL, on: [subprotocol_not_offered]}
)",
                                  "ok.yaml");
  CHECK(p.transport.unoffered_subprotocol == "close");
  CHECK(p.session.handshake.allowed_before == std::vector<std::string>{"Ping", "Pong"});
  CHECK(p.session.invalid_from_client == "close");
  CHECK(p.session.invalid_from_server == "ignore");
  CHECK(p.interactions.at(0).awaits_next);
  CHECK_FALSE(p.interactions.at(0).correlated);
  const auto& stop = p.messages.at(4);
  CHECK(wirekit::gen::method_name(stop) == "stop_operation");
  CHECK(wirekit::gen::method_name(p.messages.at(2)) == "ping");
  CHECK(stop.fields.at(0).limits.min_length == std::optional<std::uint64_t>(1));
  // min_length goes into the decoder's limits, after the (empty) pattern.
  CHECK(wirekit::gen::limits_declaration(stop.fields.at(0)) ==
        R"(static constexpr wj::Limits kIdLimits{8, 0, "", 1};)");
  // The field's own `unset: omit` wins over `unset_fields: null`, which the other takes.
  CHECK(wirekit::gen::encode_statement(stop.fields.at(1), "m") ==
        R"(wj::encode_optional_field(w, "note", m.note);)");
  CHECK(wirekit::gen::encode_statement(stop.fields.at(2), "m") ==
        R"(wj::encode_nullable_field(w, "extra", m.extra);)");
  CHECK(wirekit::gen::decode_expression(stop.fields.at(2), "out") ==
        R"(wj::decode_nullable_field(value, out.extra, "extra", err))");
}

TEST_CASE("session key misuses are refused at their place", "[schema][session_keys]") {
  SECTION("a message whose method the stubs already have, without stub_name") {
    auto e = error_of(kBase + "  Stop: {tag: stop, from: client}\n");
    REQUIRE(e);
    CHECK(e->where().line == 14);
    CHECK(e->where().column == 3);
    CHECK_THAT(e->message(),
               Catch::Contains("a member 'stop'") && Catch::Contains("set its 'stub_name'"));
    CHECK_FALSE(error_of(kBase + "  Stop: {tag: stop, from: client, stub_name: stop_it}\n"));
  }
  SECTION("a stub_name that is not snake_case, or taken by another message") {
    auto e = error_of(kBase + "  Stop: {tag: stop, from: client, stub_name: StopIt}\n");
    REQUIRE(e);
    CHECK(e->where().line == 14);
    CHECK(e->where().column == 46);
    CHECK_THAT(e->message(), Catch::Contains("snake_case"));
    e = error_of(kBase + "  Halt: {tag: halt, from: client, stub_name: ping}\n");
    REQUIRE(e);
    CHECK(e->where().line == 14);
    CHECK_THAT(e->message(),
               Catch::Contains("messages 'Ping' and 'Halt'") && Catch::Contains("member 'ping'"));
  }
  SECTION("min_length on an integer, above max_length, or broken by the default") {
    auto e = error_of(kBase +
                      "  Id:\n    tag: id\n    from: client\n    fields:\n"
                      "      n: {type: integer, min_length: 1}\n");
    REQUIRE(e);
    CHECK(e->where().line == 18);
    CHECK(e->where().column == 38);
    CHECK_THAT(e->message(), Catch::Contains("'min_length' applies to string"));
    e = error_of(kBase +
                 "  Id:\n    tag: id\n    from: client\n    fields:\n"
                 "      s: {type: string, min_length: 4, max_length: 2}\n");
    REQUIRE(e);
    CHECK(e->where().line == 18);
    CHECK(e->where().column == 52);
    CHECK_THAT(e->message(), Catch::Contains("'max_length' is below its 'min_length'"));
    e = error_of(kBase +
                 "  Id:\n    tag: id\n    from: client\n    fields:\n"
                 "      s: {type: string, min_length: 2, default: a}\n");
    REQUIRE(e);
    CHECK(e->where().line == 18);
    CHECK_THAT(e->message(), Catch::Contains("the default breaks the field's own limits"));
  }
  SECTION("unset: a value other than omit or null, on a required field, omit on a must-be") {
    auto e = error_of(kBase +
                      "  Id:\n    tag: id\n    from: client\n    fields:\n"
                      "      s: {type: string, optional: true, unset: maybe}\n");
    REQUIRE(e);
    CHECK(e->where().line == 18);
    CHECK(e->where().column == 48);
    CHECK_THAT(e->message(), Catch::Contains("must be omit or null, not 'maybe'"));
    e = error_of(kBase +
                 "  Id:\n    tag: id\n    from: client\n    fields:\n"
                 "      s: {type: string, unset: null}\n");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("applies to optional or nullable fields only"));
    e = error_of(kBase +
                 "  Id:\n    tag: id\n    from: client\n    fields:\n"
                 "      s: {type: string, nullable: true, unset: omit}\n");
    REQUIRE(e);
    CHECK(e->where().line == 18);
    CHECK_THAT(e->message(), Catch::Contains("'unset: omit' needs 'optional: true'"));
    e = error_of(kBase + "unset_fields: sometimes\n");
    REQUIRE(e);
    CHECK(e->where().line == 14);
    CHECK(e->where().column == 15);
  }
  SECTION("an interaction correlation other than none or next") {
    auto e = error_of(kBase +
                      "interactions:\n  - {request: Ping, response: Pong, correlation: "
                      "later}\n");
    REQUIRE(e);
    CHECK(e->where().line == 15);
    CHECK(e->where().column == 50);
    CHECK_THAT(e->message(), Catch::Contains("only be 'none' or 'next'"));
  }
  SECTION("an interaction the protocol cannot correlate must say none or next") {
    auto e = error_of(kBase + "interactions:\n  - {request: Ping, response: Pong}\n");
    REQUIRE(e);
    CHECK(e->where().line == 15);
    CHECK(e->where().column == 5);
    CHECK_THAT(e->message(), Catch::Contains("the interaction of 'Ping'") &&
                                 Catch::Contains("'correlation: next'") &&
                                 Catch::Contains("'correlation: none'"));
    CHECK_FALSE(error_of(
        kBase + "interactions:\n  - {request: Ping, response: Pong, correlation: none}\n"));
  }
  SECTION("allowed_before naming an undefined or the handshake's own message") {
    auto e = error_of(kBase +
                      "session:\n  handshake:\n    first: Init\n    success: Ack\n"
                      "    allowed_before: [Pingg]\n");
    REQUIRE(e);
    CHECK(e->where().line == 16);
    CHECK(e->where().column == 5);
    CHECK_THAT(e->message(),
               Catch::Contains("'handshake.allowed_before'") && Catch::Contains("'Pingg'"));
    e = error_of(kBase +
                 "session:\n  handshake:\n    first: Init\n    success: Ack\n"
                 "    allowed_before: [Init]\n");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("the handshake's own message"));
  }
  SECTION("invalid: an unknown policy, reply from the server, reply without the reply") {
    auto e = error_of(kBase + "session:\n  invalid: {from_client: shrug}\n");
    REQUIRE(e);
    CHECK(e->where().line == 15);
    CHECK(e->where().column == 26);
    CHECK_THAT(e->message(), Catch::Contains("must be close, reply or ignore, not 'shrug'"));
    e = error_of(kBase + "session:\n  invalid: {from_server: reply}\n");
    REQUIRE(e);
    CHECK(e->where().line == 15);
    CHECK_THAT(e->message(), Catch::Contains("only a server sends the undecodable reply"));
    e = error_of(kBase + "session:\n  invalid: {from_client: reply}\n");
    REQUIRE(e);
    CHECK(e->where().line == 15);
    CHECK(e->where().column == 12);
    CHECK_THAT(e->message(), Catch::Contains("needs the reply in 'replies.undecodable'"));
    CHECK_FALSE(error_of(kBase + "session:\n  invalid: {from_client: reply}\n  replies:\n"
                                 "    undecodable: {message: Oops, error_field: desc}\n"));
  }
  SECTION("unoffered_subprotocol: a bad value, or no subprotocol to offer") {
    auto e = error_of(
        "wirekit: 1\nname: demo\ntransport: {subprotocol: a, unoffered_subprotocol: shrug}\n"
        "messages: {P: {tag: p, from: client}}\n");
    REQUIRE(e);
    CHECK(e->where().line == 3);
    CHECK(e->where().column == 52);
    CHECK_THAT(e->message(), Catch::Contains("must be refuse, close or accept"));
    e = error_of(
        "wirekit: 1\nname: demo\ntransport: {unoffered_subprotocol: close}\n"
        "messages: {P: {tag: p, from: client}}\n");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("needs a 'subprotocol'"));
  }
  SECTION("close codes for the new conditions need their rule") {
    auto e = error_of(kBase +
                      "session:\n  close_codes:\n    4406: {name: NO, on: "
                      "[subprotocol_not_offered]}\n");
    REQUIRE(e);
    CHECK(e->where().line == 16);
    CHECK(e->where().column == 5);
    CHECK_THAT(e->message(), Catch::Contains("'transport.unoffered_subprotocol: close'"));
    e = error_of(kBase +
                 "session:\n  close_codes:\n    4429: {name: TOO_MANY, on: "
                 "[repeated_handshake]}\n");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("there is no 'handshake'"));
    e = error_of(kBase +
                 "session:\n  handshake: {first: Init, success: Ack}\n  replies:\n"
                 "    repeated_handshake: Oops\n  close_codes:\n"
                 "    4429: {name: TOO_MANY, on: [repeated_handshake]}\n");
    REQUIRE(e);
    CHECK(e->where().line == 19);
    CHECK_THAT(e->message(), Catch::Contains("already answers; keep one"));
  }
}
