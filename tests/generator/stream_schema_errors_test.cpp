// Stream entries of a schema: `when:` conditions, `from: both` messages, generated keys and
// one-result streams load into the model, and each misuse gives a located, specific error.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "load/schema_loader.hpp"
#include "model/schema_error.hpp"
#include "schema_error_of.hpp"

using wirekit::gen::load_schema_text;
using wirekit::gen::SchemaError;

namespace {

// Subscribe/Response/Halt with a `status` enum; `streams` is appended by each case.
const std::string kProtocol = R"(wirekit: 1
name: demo
types:
  Status:
    enum: [ok, error, done]
messages:
  Subscribe:
    tag: subscribe
    from: client
    fields: {group: string, n: integer}
  Response:
    tag: response
    from: server
    fields: {group: string, status: Status, note: {type: string, optional: true}}
  Halt:
    tag: halt
    from: both
    fields: {group: string}
)";

std::optional<SchemaError> error_of(const std::string& streams) {
  return schema_error_of(kProtocol + streams);
}

}  // namespace

TEST_CASE("stream entries with 'when', a 'from: both' end and cancel load", "[schema][streams]") {
  const auto p = load_schema_text(kProtocol + R"(streams:
  - request: Subscribe
    items: [Response]
    ends: [Halt, {message: Response, when: {status: done}}]
    failures: [{message: Response, when: {status: error}}]
    cancel: Halt
    key: {request: group, item: group, generated: true}
    result: one
)",
                                  "ok.yaml");
  REQUIRE(p.streams.size() == 1);
  const auto& st = p.streams[0];
  CHECK(st.ends == std::vector<std::string>{"Halt", "Response"});
  CHECK(st.ends_when.at(0).empty());
  REQUIRE(st.ends_when.at(1).size() == 1);
  CHECK(st.ends_when.at(1)[0] == std::make_pair(std::string("status"), std::string("done")));
  CHECK(st.failures_when.at(0)[0].second == "error");
  CHECK(st.generated_key);
  CHECK(st.one_result);
}

TEST_CASE("a 'when' naming a field the message lacks is refused", "[schema][streams]") {
  auto e = error_of(R"(streams:
  - request: Subscribe
    items: [Response]
    failures: [{message: Response, when: {state: error}}]
    key: {request: group, item: group}
)");
  REQUIRE(e);
  CHECK_THAT(e->message(), Catch::Contains("'when' names field 'state'"));
}

TEST_CASE("a 'when' value not of its field's type is refused", "[schema][streams]") {
  auto e = error_of(R"(streams:
  - request: Subscribe
    items: [Response]
    failures: [{message: Response, when: {status: broken}}]
    key: {request: group, item: group}
)");
  REQUIRE(e);
  CHECK_THAT(e->message(), Catch::Contains("'when' value 'broken' is not a value of field"));
}

TEST_CASE("an unknown key in a stream entry is refused", "[schema][streams]") {
  auto e = error_of(R"(streams:
  - request: Subscribe
    items: [{message: Response, if: {status: ok}}]
    key: {request: group, item: group}
)");
  REQUIRE(e);
  CHECK(e->where().line == 21);
  CHECK_THAT(e->message(), Catch::Contains("'if'"));
}

TEST_CASE("a generated key must be a string", "[schema][streams]") {
  auto e = error_of(R"(streams:
  - request: Subscribe
    items: [Response]
    key: {request: n, item: group, generated: true}
)");
  REQUIRE(e);
  CHECK_THAT(e->message(), Catch::Contains("stream key 'n' of 'Subscribe' must be a"));
}

TEST_CASE("a one-result stream needs an end", "[schema][streams]") {
  auto e = error_of(R"(streams:
  - request: Subscribe
    items: [Response]
    result: one
    key: {request: group, item: group}
)");
  REQUIRE(e);
  CHECK_THAT(e->message(), Catch::Contains("needs an end message"));
  auto bad = error_of(R"(streams:
  - request: Subscribe
    items: [Response]
    result: two
    key: {request: group, item: group}
)");
  REQUIRE(bad);
  CHECK_THAT(bad->message(), Catch::Contains("'result' of a stream is 'one' or 'many'"));
}

TEST_CASE("a stream item the client sends is refused; one sent by both is not",
          "[schema][streams]") {
  auto e = error_of(R"(streams:
  - request: Subscribe
    items: [Subscribe]
    key: {request: group, item: group}
)");
  REQUIRE(e);
  CHECK_THAT(e->message(), Catch::Contains("'Subscribe' must be sent by the server"));
  CHECK_FALSE(error_of(R"(streams:
  - request: Subscribe
    items: [Halt]
    key: {request: group, item: group}
)"));
}
