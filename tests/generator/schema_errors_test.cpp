// Each kind of broken schema gives a located, specific error.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"
#include "schema_error_of.hpp"

using wirekit::gen::load_schema_text;
using wirekit::gen::SchemaError;

namespace {

std::optional<SchemaError> error_of(const std::string& yaml) { return schema_error_of(yaml); }

// A valid schema the cases below break one way each.
const std::string kHead = R"(wirekit: 1
name: demo
)";

}  // namespace

TEST_CASE("a valid schema loads into the model", "[schema]") {
  const auto p = load_schema_text(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
    fields:
      n: integer
)",
                                  "ok.yaml");
  REQUIRE(p.messages.size() == 1);
  CHECK(p.messages[0].name == "Ping");
  CHECK(p.messages[0].tag == std::optional<std::string>("ping"));
  CHECK(p.messages[0].fields[0].cpp_name == "n");
  CHECK(p.tag_key() == "type");
}

TEST_CASE("bad YAML is located", "[schema]") {
  auto e = error_of("wirekit: 1\nname: demo\nmessages: {Ping: [\n");
  REQUIRE(e);
  CHECK(e->where().file == "broken.yaml");
  CHECK(e->where().line == 4);
  CHECK_THAT(e->message(), Catch::Contains("invalid YAML"));
  CHECK_THAT(std::string(e->what()), Catch::StartsWith("broken.yaml:4:"));
}

TEST_CASE("an unknown type names the type and its place", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
    fields:
      when: array<Instant>
)");
  REQUIRE(e);
  CHECK(e->where().line == 8);
  CHECK(e->where().column == 19);  // the 'I' of Instant inside array<Instant>
  CHECK_THAT(e->message(), Catch::Contains("unknown type 'Instant'"));
}

TEST_CASE("a lower-case unknown primitive is rejected while parsing the type", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
    fields:
      n: int
)");
  REQUIRE(e);
  CHECK(e->where().line == 8);
  CHECK_THAT(e->message(), Catch::Contains("unknown type 'int'"));
}

TEST_CASE("a duplicate message is reported at its second definition", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
  Ping:
    tag: ping2
    from: client
)");
  REQUIRE(e);
  CHECK(e->where().line == 7);
  CHECK(e->where().column == 3);
  CHECK_THAT(e->message(), Catch::Contains("duplicate message 'Ping'") &&
                               Catch::Contains("first defined at line 4"));
}

TEST_CASE("a duplicate field is reported", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
    fields:
      n: integer
      n: string
)");
  REQUIRE(e);
  CHECK(e->where().line == 9);
  CHECK_THAT(e->message(), Catch::Contains("duplicate field 'n'"));
}

TEST_CASE("two fields mapping to one C++ name are reported", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
    fields:
      pageName: string
      page_name: string
)");
  REQUIRE(e);
  CHECK(e->where().line == 9);
  CHECK_THAT(e->message(), Catch::Contains("page_name") && Catch::Contains("cpp_name"));
}

TEST_CASE("a tag used twice by one side is reported", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
  Pong:
    tag: ping
    from: both
)");
  REQUIRE(e);
  CHECK(e->where().line == 7);
  CHECK_THAT(e->message(), Catch::Contains("tag 'ping'") && Catch::Contains("'Ping'"));
}

TEST_CASE("a tag may repeat across sides and among correlated replies", "[schema]") {
  const auto p = load_schema_text(kHead + R"(envelopes:
  e: {tag: action, fields: {id: string}}
messages:
  A: {tag: a, from: client}
  B: {tag: b, from: client}
  AReply: {tag: "", from: server}
  BReply: {tag: "", from: server}
  Echo: {tag: a, from: server}
interactions:
  - {request: A, responses: [AReply]}
  - {request: B, responses: [BReply]}
correlation: {kind: echo, request_field: id}
)",
                                  "ok.yaml");
  CHECK(p.messages.size() == 5);
}

TEST_CASE("shared reply tags need correlation", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  A: {tag: a, from: client}
  B: {tag: b, from: client}
  AReply: {tag: "", from: server}
  BReply: {tag: "", from: server}
interactions:
  - {request: A, responses: [AReply]}
  - {request: B, responses: [BReply]}
)");
  REQUIRE(e);
  CHECK(e->where().line == 7);
  CHECK_THAT(e->message(), Catch::Contains("only correlated responses may share a tag"));
}

TEST_CASE("a response naming an undefined message is reported", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping: {tag: ping, from: client}
interactions:
  - request: Ping
    responses: [Pong]
)");
  REQUIRE(e);
  CHECK(e->where().line == 6);
  CHECK(e->where().column == 5);
  CHECK_THAT(e->message(), Catch::Contains("undefined message 'Pong'"));
}

TEST_CASE("a missing required key is reported with its owner", "[schema]") {
  SECTION("message without from") {
    auto e = error_of(kHead + "messages:\n  Ping:\n    tag: ping\n");
    REQUIRE(e);
    CHECK(e->where().line == 5);
    CHECK_THAT(e->message(), Catch::Contains("missing required key 'from' in message 'Ping'"));
  }
  SECTION("schema without messages") {
    auto e = error_of(kHead);
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("missing required key 'messages'"));
  }
  SECTION("schema without format version") {
    auto e = error_of("name: demo\nmessages: {}\n");
    REQUIRE(e);
    CHECK(e->where().line == 1);
    CHECK_THAT(e->message(), Catch::Contains("missing required key 'wirekit'"));
  }
}

TEST_CASE("an unknown key lists what was expected", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
    feilds: {}
)");
  REQUIRE(e);
  CHECK(e->where().line == 7);
  CHECK(e->where().column == 5);
  CHECK_THAT(e->message(), Catch::Contains("unknown key 'feilds'") && Catch::Contains("fields"));
}

TEST_CASE("wrong values in session rules are reported", "[schema]") {
  SECTION("unknown close condition") {
    auto e = error_of(kHead + R"(messages:
  Ping: {tag: ping, from: client}
session:
  close_codes:
    4000: {name: X, on: [sometimes]}
)");
    REQUIRE(e);
    CHECK(e->where().line == 7);
    CHECK_THAT(e->message(), Catch::Contains("unknown condition 'sometimes'"));
  }
  SECTION("close code out of range") {
    auto e = error_of(kHead + R"(messages:
  Ping: {tag: ping, from: client}
session:
  close_codes:
    99: {name: X}
)");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("between 1000 and 4999"));
  }
  SECTION("handshake naming an undefined message") {
    auto e = error_of(kHead + R"(messages:
  Ping: {tag: ping, from: client}
session:
  handshake: {first: Hello, within_ms: 10}
)");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("undefined message 'Hello'"));
  }
}

TEST_CASE("a struct containing itself by value is rejected", "[schema]") {
  auto e = error_of(kHead + R"(types:
  Node:
    fields:
      next: Node
messages:
  Ping: {tag: ping, from: client, fields: {root: Node}}
)");
  REQUIRE(e);
  CHECK(e->where().line == 6);
  CHECK_THAT(e->message(), Catch::Contains("contains itself"));
}

TEST_CASE("defaults must match their field's type", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping:
    tag: ping
    from: client
    fields:
      n: {type: integer, default: lots}
)");
  REQUIRE(e);
  CHECK(e->where().line == 8);
  CHECK_THAT(e->message(), Catch::Contains("must be an integer"));
}

TEST_CASE("correlation fields must exist on requests and replies", "[schema]") {
  auto e = error_of(kHead + R"(messages:
  Ping: {tag: ping, from: client}
  Pong: {tag: pong, from: server, fields: {id: string}}
interactions:
  - {request: Ping, responses: [Pong]}
correlation: {kind: echo, request_field: id}
)");
  REQUIRE(e);
  CHECK(e->where().line == 7);
  CHECK_THAT(e->message(), Catch::Contains("request 'Ping' has no top-level field 'id'"));
}

TEST_CASE("names that would not compile are rejected at their place", "[schema]") {
  SECTION("a type named like a standard macro") {
    auto e = error_of(kHead + "messages:\n  EOF: {tag: eof, from: client}\n");
    REQUIRE(e);
    CHECK(e->where().line == 4);
    CHECK_THAT(e->message(), Catch::Contains("macro"));
  }
  SECTION("a name ending in an underscore, reserved for the generated code's own names") {
    auto e = error_of(kHead + "types:\n  State_: {fields: {n: integer}}\nmessages: {}\n");
    REQUIRE(e);
    CHECK(e->where().line == 4);
    CHECK_THAT(e->message(), Catch::Contains("type name 'State_' ends in '_'"));
  }
  SECTION("Hooks, the name of the generated detail::Hooks") {
    auto e = error_of(kHead + "messages:\n  Hooks: {tag: hooks, from: client}\n");
    REQUIRE(e);
    CHECK(e->where().line == 4);
    CHECK_THAT(e->message(), Catch::Contains("'Hooks' is reserved"));
  }
  SECTION("the std namespace") {
    auto e = error_of("wirekit: 1\nname: std\nmessages: {}\n");
    REQUIRE(e);
    CHECK(e->where().line == 2);
    CHECK_THAT(e->message(), Catch::Contains("namespace 'std'"));
  }
  SECTION("a namespace that is not identifiers") {
    auto e = error_of(kHead + "namespace: \"1 bad\"\nmessages: {}\n");
    REQUIRE(e);
    CHECK(e->where().line == 3);
  }
  SECTION("an enum cpp_name that is not an identifier") {
    auto e = error_of(kHead +
                      "types:\n  E:\n    enum:\n      a: {cpp_name: \"not valid\"}\n"
                      "messages: {}\n");
    REQUIRE(e);
    CHECK(e->where().line == 6);
    CHECK_THAT(e->message(), Catch::Contains("cpp_name"));
  }
  SECTION("a field name JSON would have to escape") {
    auto e = error_of(kHead +
                      "messages:\n  P:\n    tag: p\n    from: client\n    fields:\n"
                      "      \"q\\\"k\": string\n");
    REQUIRE(e);
    CHECK(e->where().line == 8);
    CHECK_THAT(e->message(), Catch::Contains("quote, backslash"));
  }
}

TEST_CASE("a union that contains itself is rejected", "[schema]") {
  auto e = error_of(kHead + R"(types:
  U:
    union: {tag: t, variants: {a: S}}
  S:
    fields: {u: array<U>}
messages: {}
)");
  REQUIRE(e);
  CHECK(e->where().line == 4);
  CHECK_THAT(e->message(), Catch::Contains("union 'U' contains itself"));
}

TEST_CASE("odd values are rejected with a location, never a crash", "[schema]") {
  SECTION("a non-finite number default") {
    auto e = error_of(kHead +
                      "messages:\n  P:\n    tag: p\n    from: client\n    fields:\n"
                      "      x: {type: number, default: nan}\n");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("finite number"));
  }
  SECTION("types nested absurdly deep") {
    std::string type;
    for (int i = 0; i < 10000; ++i) type += "array<";
    type += "string";
    for (int i = 0; i < 10000; ++i) type += ">";
    auto e = error_of(kHead +
                      "messages:\n  P:\n    tag: p\n    from: client\n    fields:\n"
                      "      x: \"" +
                      type + "\"\n");
    REQUIRE(e);
    CHECK(e->where().line == 8);
    CHECK_THAT(e->message(), Catch::Contains("nest deeper than 32"));
  }
  SECTION("a close code YAML would read as octal") {
    auto e = error_of(kHead +
                      "messages: {}\nsession:\n  close_codes:\n    4000: {name: A}\n"
                      "    04000: {name: B}\n");
    REQUIRE(e);
    CHECK(e->where().line == 7);
    CHECK_THAT(e->message(), Catch::Contains("must be a decimal integer"));
  }
  SECTION("one close code written twice") {
    auto e = error_of(kHead +
                      "messages: {}\nsession:\n  close_codes:\n    4000: {name: A}\n"
                      "    \"4000\": {name: B}\n");
    REQUIRE(e);
    CHECK(e->where().line == 7);
  }
  SECTION("a key of another correlation kind") {
    auto e = error_of(kHead + "messages: {}\ncorrelation: {kind: none, event: foo}\n");
    REQUIRE(e);
    CHECK(e->where().line == 4);
    CHECK_THAT(e->message(), Catch::Contains("unknown key 'event'"));
  }
}

TEST_CASE("correlation errors name the kinds and the keys each kind takes", "[schema]") {
  auto correlation = [](const std::string& flow) {
    return error_of(kHead + "messages: {}\ncorrelation: " + flow + "\n");
  };
  auto unknown_kind = correlation("{kind: bogus}");
  REQUIRE(unknown_kind);
  CHECK(unknown_kind->where().line == 4);
  CHECK(unknown_kind->message() == "'kind' must be none, echo, sequence or ack, not 'bogus'");
  auto unknown_key = correlation("{foo: 1}");
  REQUIRE(unknown_key);
  CHECK(unknown_key->message() ==
        "unknown key 'foo' in 'correlation'; expected one of: kind, request_field, "
        "response_field, field, start, counts, reset, event, ack, id_field, sent_at_field, "
        "timeout_ms, doc");
  auto other_kind = correlation("{kind: sequence, field: seq, event: E}");
  REQUIRE(other_kind);
  CHECK(other_kind->message() ==
        "unknown key 'event' in 'correlation'; expected one of: kind, field, start, counts, "
        "reset, timeout_ms, doc");
  auto no_timeout = correlation("{kind: ack, event: E, ack: A, timeout_ms: 5}");
  REQUIRE(no_timeout);
  CHECK(no_timeout->message() ==
        "unknown key 'timeout_ms' in 'correlation'; expected one of: kind, event, ack, "
        "id_field, sent_at_field, doc");
}

TEST_CASE("a namespace that is a C library function is refused where it is named", "[schema]") {
  const std::string messages = R"(messages:
  Ping:
    tag: ping
    from: client
)";
  auto e = error_of("wirekit: 1\nname: sync\n" + messages);
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK_THAT(e->message(),
             Catch::Contains("'sync' is also a function") && Catch::Contains("set 'namespace:'"));
  auto nested = error_of("wirekit: 1\nname: demo\nnamespace: time::v1\n" + messages);
  REQUIRE(nested);
  CHECK(nested->where().line == 3);
  CHECK_THAT(nested->message(), Catch::Contains("'time'"));
  CHECK_FALSE(error_of("wirekit: 1\nname: sync\nnamespace: event_sync\n" + messages));
}

TEST_CASE("field limits must suit their field and be well formed", "[schema][limits]") {
  auto field = [](const std::string& spec) {
    return error_of(kHead +
                    "messages:\n  P:\n    tag: p\n    from: client\n    fields:\n      x: " + spec +
                    "\n");
  };
  SECTION("valid limits load into the model") {
    const auto p = load_schema_text(
        kHead +
            "messages:\n  P:\n    tag: p\n    from: client\n    fields:\n"
            "      x: {type: array<string>, max_items: 8, max_length: 16, pattern: '[a-z\\-]*'}\n",
        "ok.yaml");
    const auto& l = p.messages[0].fields[0].limits;
    CHECK(l.max_items == std::optional<std::uint64_t>(8));
    CHECK(l.max_length == std::optional<std::uint64_t>(16));
    CHECK(l.pattern == "[a-z\\-]*");
  }
  SECTION("max_length on an integer") {
    auto e = field("{type: integer, max_length: 4}");
    REQUIRE(e);
    CHECK(e->where().line == 8);
    CHECK(e->where().column == 38);
    CHECK_THAT(e->message(), Catch::Contains("'max_length' and 'pattern' apply to string"));
  }
  SECTION("max_items on a string") {
    auto e = field("{type: string, max_items: 4}");
    REQUIRE(e);
    CHECK(e->where().line == 8);
    CHECK_THAT(e->message(), Catch::Contains("'max_items' applies to array and map fields"));
  }
  SECTION("a zero or negative limit") {
    auto e = field("{type: string, max_length: 0}");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("'max_length' must be between 1 and"));
    e = field("{type: array<string>, max_items: -1}");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("'max_items' must be between 1 and"));
  }
  SECTION("a pattern that is not one character class") {
    for (const char* bad : {"'^[a-z]+$'", "'[a-z]'", "'(a|b)+'", "'[a-z]+[0-9]+'", "'[]+'",
                            "'[z-a]+'", "'[a[b]+'", "\"[\\u00e9]+\""}) {
      INFO(bad);
      auto e = field(std::string("{type: string, pattern: ") + bad + "}");
      REQUIRE(e);
      CHECK(e->where().line == 8);
      CHECK_THAT(e->message(), Catch::Contains("'pattern'"));
    }
  }
  SECTION("a default that breaks its own limits") {
    auto e = field("{type: string, default: 'a b', pattern: '[a-z]+'}");
    REQUIRE(e);
    CHECK_THAT(e->message(), Catch::Contains("the default breaks the field's own limits"));
  }
}

TEST_CASE("a 100,000-character protocol name is refused at its place", "[schema]") {
  auto e = error_of("wirekit: 1\nname: " + std::string(100000, 'a') + "\nmessages: {}\n");
  REQUIRE(e);
  CHECK(e->where().line == 2);
  CHECK(e->where().column == 7);
  CHECK_THAT(e->message(), Catch::Contains("'name' is 100000 characters long; at most 64"));
}

TEST_CASE("deeply nested YAML is refused where it gets too deep", "[schema]") {
  SECTION("flow brackets") {
    auto e = error_of(kHead + "doc: " + std::string(100000, '[') + std::string(100000, ']') +
                      "\nmessages: {}\n");
    REQUIRE(e);
    CHECK(e->where().line == 3);
    CHECK(e->where().column == 6 + 63);
    CHECK_THAT(e->message(), Catch::Contains("nests deeper than 64 levels"));
  }
  SECTION("block indentation") {
    std::string yaml = kHead + "messages:\n";
    for (int i = 1; i <= 5000; ++i)
      yaml += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
    auto e = error_of(yaml);
    REQUIRE(e);
    CHECK(e->where().line == 4 + 63);
    CHECK_THAT(e->message(), Catch::Contains("nests deeper than 64 levels"));
  }
  SECTION("sequence items") {
    std::string yaml = kHead + "messages: {}\ninteractions:\n  ";
    for (int i = 0; i < 1000; ++i) yaml += "- ";
    auto e = error_of(yaml + "x\n");
    REQUIRE(e);
    CHECK(e->where().line == 5);
    CHECK_THAT(e->message(), Catch::Contains("nests deeper than 64 levels"));
  }
  SECTION("brackets inside quotes, comments and block text do not count") {
    const std::string many(200, '[');
    const auto p = load_schema_text(
        kHead + "doc: |\n  " + many + "\ntitle: \"" + many + "\"\n# " + many + "\nmessages: {}\n",
        "ok.yaml");
    CHECK(p.doc == many + "\n");
  }
}
