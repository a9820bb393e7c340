// wirekit-gen diff: a table of old/new schema pairs (tests/generator/diff/base.yaml and one edit
// of it) with the changes each must list, whom each breaks, and the exit status; then the
// places the changes name, `--allow`, and the command line of the real executable.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "diff/compare.hpp"
#include "diff/report.hpp"
#include "load/schema_loader.hpp"
#include "run_command.hpp"

namespace fs = std::filesystem;
using wirekit::gen::breaks_nobody;
using wirekit::gen::breaks_old_clients;
using wirekit::gen::breaks_old_servers;
using wirekit::gen::Change;

namespace {

constexpr unsigned kBoth = breaks_old_clients | breaks_old_servers;

std::string base_schema() {
  std::ifstream in(std::string(WIREKIT_SOURCE_DIR) + "/tests/generator/diff/base.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `text` with its one occurrence of `from` replaced by `to`.
std::string edit(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

std::vector<Change> changes_between(const std::string& old_text, const std::string& new_text) {
  const auto old_protocol = wirekit::gen::load_schema_text(old_text, "old.yaml");
  const auto new_protocol = wirekit::gen::load_schema_text(new_text, "new.yaml");
  const wirekit::gen::SourceMap old_source(old_text, "old.yaml");
  const wirekit::gen::SourceMap new_source(new_text, "new.yaml");
  return wirekit::gen::compare_schemas({old_protocol, old_source}, {new_protocol, new_source});
}

int status_of(const std::vector<Change>& changes, const std::vector<std::string>& allowed = {}) {
  std::ostringstream out;
  return wirekit::gen::report_changes(changes, allowed, out);
}

/// 1-based number of the line of `text` holding `needle`.
int line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

struct Case {
  const char* name;
  const char* from;  ///< replaced in the base schema by `to`; the base is the old version
  const char* to;
  std::vector<std::pair<std::string, unsigned>> expected;  ///< change id, whom it breaks
  int status;
  bool reversed = false;  ///< the edited schema is the old version, the base the new
};

const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      {"a message sent both ways is removed",
       "  Ping:\n    tag: ping\n    from: both\n    fields:\n      id: {type: string, optional: "
       "true}\n",
       "",
       {{"message-removed:Ping", kBoth}},
       1},
      {"a server message is added",
       "  Ping:\n",
       "  Notice:\n    tag: notice\n    from: server\n  Ping:\n",
       {{"message-added:Notice", breaks_old_clients}},
       1},
      {"a client message is added",
       "  Ping:\n",
       "  Leave:\n    tag: leave\n    from: client\n  Ping:\n",
       {{"message-added:Leave", breaks_old_servers}},
       1},
      {"a tag is renamed", "tag: tick", "tag: ticker", {{"message-tag-changed:Tick", kBoth}}, 1},
      {"a message is renamed under the same tag",
       "  Ping:\n",
       "  Heartbeat:\n",
       {{"message-renamed:Ping", breaks_nobody}},
       0},
      {"a required field of a server message is removed",
       "      total: integer\n",
       "",
       {{"field-removed-required:Ordered.total", breaks_old_clients}},
       1},
      {"a required field of a client message is removed",
       "      item: Item\n",
       "",
       {{"field-removed-required:Order.item", breaks_old_servers}},
       1},
      {"an optional field is removed",
       "      token: {type: string, optional: true}\n",
       "",
       {{"field-removed-optional:Hello.token", breaks_nobody}},
       0},
      {"a required field is added to a client message",
       "      item: Item\n",
       "      item: Item\n      qty: integer\n",
       {{"field-added-required:Order.qty", breaks_old_clients}},
       1},
      {"an optional field is added",
       "      item: Item\n",
       "      item: Item\n      gift: {type: boolean, optional: true}\n",
       {{"field-added-optional:Order.gift", breaks_nobody}},
       0},
      {"a field with a default is added",
       "      item: Item\n",
       "      item: Item\n      rush: {type: boolean, default: false}\n",
       {{"field-added-optional:Order.rush", breaks_nobody}},
       0},
      {"a field changes type",
       "      price: number",
       "      price: string",
       {{"field-type-changed:Tick.price", kBoth}},
       1},
      {"an optional field becomes required",
       "      token: {type: string, optional: true}",
       "      token: string",
       {{"field-now-required:Hello.token", breaks_old_clients}},
       1},
      {"a required field of a server message becomes optional",
       "      total: integer",
       "      total: {type: integer, optional: true}",
       {{"field-now-optional:Ordered.total", breaks_old_clients}},
       1},
      {"a required field of a client message becomes optional",
       "      item: Item",
       "      item: {type: Item, optional: true}",
       {{"field-now-optional:Order.item", breaks_old_servers}},
       1},
      {"a field is no longer nullable",
       "      reason: {type: string, nullable: true}",
       "      reason: string",
       {{"field-no-longer-nullable:Refused.reason", breaks_old_servers}},
       1},
      {"a field may now be null",
       "      price: number",
       "      price: {type: number, nullable: true}",
       {{"field-now-nullable:Tick.price", breaks_old_clients}},
       1},
      {"an enum value is added (the enum travels from the client)",
       "enum: [red, green]",
       "enum: [red, green, blue]",
       {{"enum-value-added:Color.blue", breaks_old_servers}},
       1},
      {"an enum value is removed (the enum travels from the client)",
       "enum: [red, green]",
       "enum: [red]",
       {{"enum-value-removed:Color.green", breaks_old_clients}},
       1},
      {"a max_length is tightened",
       "max_length: 16",
       "max_length: 8",
       {{"limit-tightened:Item.sku.max_length", breaks_old_clients}},
       1},
      {"a max_length is loosened",
       "max_length: 16",
       "max_length: 64",
       {{"limit-loosened:Item.sku.max_length", breaks_old_servers}},
       1},
      {"a min_length is added",
       "      topic: string\n  Tick:",
       "      topic: {type: string, min_length: 3}\n  Tick:",
       {{"limit-tightened:Watch.topic.min_length", breaks_old_clients}},
       1},
      {"a pattern is added",
       "max_length: 16",
       "max_length: 16, pattern: \"[a-z]+\"",
       {{"limit-tightened:Item.sku.pattern", breaks_old_clients}},
       1},
      {"a default changes",
       "default: 1}",
       "default: 2}",
       {{"field-default-changed:Item.count", breaks_old_clients | breaks_old_servers}},
       1},
      {"a union variant is added (the union travels from the server)",
       "        square: Square\n",
       "        square: Square\n        dot: Dot\n  Dot:\n    fields:\n      at: number\n",
       {{"union-variant-added:Shape.dot", breaks_old_clients}, {"type-added:Dot", breaks_nobody}},
       1},
      {"a union variant is removed",
       "        square: Square\n",
       "",
       {{"union-variant-removed:Shape.square", breaks_old_servers}},
       1},
      {"a close code is removed",
       "    4002: {name: BAD_JSON, on: [undecodable]}\n",
       "",
       {{"close-code-removed:4002", breaks_old_clients}},
       1},
      {"a close code is renumbered",
       "4002: {name: BAD_JSON",
       "4003: {name: BAD_JSON",
       {{"close-code-renumbered:BAD_JSON", kBoth}},
       1},
      {"a close code is added",
       "    4002:",
       "    4009: {name: TOO_BIG, on: [too_large]}\n    4002:",
       {{"close-code-added:4009", breaks_nobody}},
       0},
      {"a close code's conditions change",
       "on: [undecodable]",
       "on: [undecodable, wrong_type]",
       {{"close-code-conditions-changed:4002", breaks_old_clients}},
       1},
      {"the correlation changes kind",
       "    errors: [Refused]\n\nstreams:\n  - request: Watch\n    items: [Tick]\n    ends: "
       "[Done]\n    cancel: Unwatch\n    key: {request: topic, item: topic}\n\ncorrelation:\n  "
       "kind: echo\n  request_field: id\n  response_field: id\n  timeout_ms: 5000\n",
       "    errors: [Refused]\n    correlation: next\n\nstreams:\n  - request: Watch\n    items: "
       "[Tick]\n    ends: [Done]\n    cancel: Unwatch\n    key: {request: topic, item: "
       "topic}\n\ncorrelation:\n  kind: none\n",
       {{"interaction-correlation-changed:Order", kBoth},
        {"correlation-changed", kBoth},
        {"correlation-timeout-changed", breaks_nobody}},
       1},
      {"the request timeout changes",
       "timeout_ms: 5000",
       "timeout_ms: 9000",
       {{"correlation-timeout-changed", breaks_nobody}},
       0},
      {"the handshake's success message is dropped",
       "    success: Welcome\n",
       "",
       {{"handshake-changed:success", kBoth}},
       1},
      {"the handshake deadline is tightened",
       "within_ms: 5000",
       "within_ms: 1000",
       {{"handshake-deadline-tightened", breaks_old_clients}},
       1},
      {"the handshake deadline is loosened",
       "within_ms: 5000",
       "within_ms: 30000",
       {{"handshake-deadline-loosened", breaks_nobody}},
       0},
      {"the handshake is removed",
       "  handshake:\n    first: Hello\n    from: client\n    within_ms: 5000\n    success: "
       "Welcome\n",
       "",
       {{"handshake-removed", kBoth}},
       1},
      {"the transport path changes",
       "path: /shop",
       "path: /store",
       {{"transport-path-changed", kBoth}},
       1},
      {"the subprotocol changes",
       "subprotocol: shop-v1",
       "subprotocol: shop-v2",
       {{"transport-subprotocol-changed", kBoth}},
       1},
      {"bearer auth is required",
       "  max_message_bytes: 65536\n",
       "  max_message_bytes: 65536\n  auth: bearer\n",
       {{"transport-auth-changed", breaks_old_clients}},
       1},
      {"the message size limit is lowered",
       "max_message_bytes: 65536",
       "max_message_bytes: 4096",
       {{"transport-max_message_bytes-changed", kBoth}},
       1},
      {"a stream end is removed",
       "    ends: [Done]\n",
       "",
       {{"stream-end-removed:Watch.Done", breaks_old_servers}},
       1},
      {"a stream end is added",
       "    ends: [Done]\n",
       "",
       {{"stream-end-added:Watch.Done", breaks_old_clients}},
       1,
       true},
      {"a stream's cancel is removed",
       "    cancel: Unwatch\n",
       "",
       {{"stream-cancel-changed:Watch", breaks_old_clients}},
       1},
      {"a stream's key changes",
       "key: {request: topic, item: topic}",
       "key: {request: id, item: topic}",
       {{"stream-key-changed:Watch", kBoth}},
       1},
      {"a stream is removed",
       "streams:\n  - request: Watch\n    items: [Tick]\n    ends: [Done]\n    cancel: Unwatch\n "
       "   key: {request: topic, item: topic}\n",
       "",
       {{"stream-removed:Watch", breaks_old_clients}},
       1},
      {"an error reply is removed",
       "    errors: [Refused]\n",
       "",
       {{"error-reply-removed:Order.Refused", breaks_old_servers}},
       1},
      {"a reply is added",
       "    responses: [Ordered]",
       "    responses: [Ordered, Refused]",
       {{"reply-added:Order.Refused", breaks_old_clients}},
       1},
      {"an interaction is added",
       "interactions:\n",
       "interactions:\n  - request: Hello\n    responses: [Welcome]\n",
       {{"interaction-added:Hello", breaks_old_servers}},
       1},
      {"the rate limit is tightened",
       "{messages: 10, per_ms: 1000}",
       "{messages: 10, per_ms: 5000}",
       {{"rate-limit-tightened", breaks_old_clients}},
       1},
      {"the rate limit is removed",
       "  rate_limit: {messages: 10, per_ms: 1000}\n",
       "",
       {{"rate-limit-loosened", breaks_nobody}},
       0},
      {"a message sent both ways is now sent by the client only",
       "    from: both",
       "    from: client",
       {{"message-direction-changed:Ping", breaks_old_servers}},
       1},
      {"docs and the version change",
       "version: 1.0.0\n",
       "version: 1.1.0\ndoc: A shop.\n",
       {{"metadata-changed:version", breaks_nobody}, {"metadata-changed:doc", breaks_nobody}},
       0},
      {"nothing changes", "", "", {}, 0},
  };
  return table;
}

}  // namespace

TEST_CASE("diff classifies each change of the table", "[diff]") {
  const std::string base = base_schema();
  REQUIRE(cases().size() >= 30);
  for (const auto& c : cases()) {
    DYNAMIC_SECTION(c.name) {
      const std::string edited = std::string(c.from).empty() ? base : edit(base, c.from, c.to);
      const auto changes =
          c.reversed ? changes_between(edited, base) : changes_between(base, edited);
      std::vector<std::pair<std::string, unsigned>> found;
      for (const auto& ch : changes) {
        found.emplace_back(ch.id(), ch.breaks);
        CHECK(ch.old_where.file == "old.yaml");
        CHECK(ch.new_where.file == "new.yaml");
        CHECK(ch.old_where.line > 0);
        CHECK(ch.new_where.line > 0);
        CHECK_FALSE(ch.what.empty());
      }
      CHECK(found == c.expected);
      CHECK(status_of(changes) == c.status);
    }
  }
}

TEST_CASE("diff places a change in both files", "[diff]") {
  const std::string base = base_schema();
  const std::string edited = edit(base, "      total: integer", "      total: string");
  const auto changes = changes_between(base, edited);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].old_where.line == line_of(base, "      total: integer"));
  CHECK(changes[0].old_where.column == 7);  // the field's key: its type is its value
  CHECK(changes[0].new_where.line == line_of(edited, "      total: string"));

  // A removed element is placed at its enclosing element in the new file.
  const std::string removed = edit(base, "    errors: [Refused]\n", "");
  const auto gone = changes_between(base, removed);
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].old_where.line == line_of(base, "    errors: [Refused]"));
  CHECK(gone[0].new_where.line == line_of(removed, "  - request: Order"));
}

TEST_CASE("diff --allow accepts a change by its name or its kind", "[diff]") {
  const std::string base = base_schema();
  const auto changes = changes_between(base, edit(base, "enum: [red, green]", "enum: [red]"));
  CHECK(status_of(changes) == 1);
  CHECK(status_of(changes, {"enum-value-removed:Color.green"}) == 0);
  CHECK(status_of(changes, {"enum-value-removed"}) == 0);
  CHECK(status_of(changes, {"enum-value-removed:Color.red"}) == 1);
  std::ostringstream out;
  wirekit::gen::report_changes(changes, {"enum-value-removed", "message-removed"}, out);
  CHECK_THAT(
      out.str(),
      Catch::Contains("allowed (breaking for old clients): [enum-value-removed:Color.green]") &&
          Catch::Contains("note: --allow message-removed matches no change") &&
          Catch::Contains("1 change: 0 breaking (0 for old clients, 0 for old servers), 1 "
                          "allowed, 0 compatible"));
}

TEST_CASE("wirekit-gen diff prints each change and exits by whether one breaks", "[diff][cli]") {
  const auto dir = fresh_dir("diff");
  const std::string base = base_schema();
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  const auto old_path = write("old.yaml", base);
  const auto new_path = write("new.yaml", edit(base, "      total: integer\n", ""));
  const auto doc_path = write("doc.yaml", edit(base, "version: 1.0.0", "version: 1.0.1"));
  const std::string line_old = std::to_string(line_of(base, "      total: integer"));
  const std::string line_new = std::to_string(line_of(base, "  Ordered:") + 3);  // its fields

  const auto breaking = run_command(gen_binary() + " diff " + old_path + " " + new_path);
  CHECK(breaking.status == 1);
  CHECK_THAT(breaking.out,
             Catch::Contains(old_path + ":" + line_old + ":7 " + new_path + ":" + line_new +
                             ":5: breaking for old clients: [field-removed-required:Ordered.total] "
                             "required field 'total' of Ordered is removed") &&
                 Catch::Contains("1 change: 1 breaking (1 for old clients, 0 for old servers), 0 "
                                 "allowed, 0 compatible"));

  const auto allowed = run_command(gen_binary() + " diff " + old_path + " " + new_path +
                                   " --allow field-removed-required:Ordered.total");
  CHECK(allowed.status == 0);
  CHECK_THAT(allowed.out, Catch::Contains("allowed (breaking for old clients)"));

  const auto compatible = run_command(gen_binary() + " diff " + old_path + " " + doc_path);
  CHECK(compatible.status == 0);
  CHECK_THAT(compatible.out, Catch::Contains(": compatible: [metadata-changed:version]"));

  const auto same = run_command(gen_binary() + " diff " + old_path + " " + old_path);
  CHECK(same.status == 0);
  CHECK(same.out ==
        "0 changes: 0 breaking (0 for old clients, 0 for old servers), 0 allowed, 0 "
        "compatible\n");

  const auto broken_path = write("broken.yaml", "wirekit: 1\nname: x\nmessages: 3\n");
  const auto broken = run_command(gen_binary() + " diff " + old_path + " " + broken_path);
  CHECK(broken.status == 1);
  CHECK_THAT(broken.out, Catch::Contains(broken_path + ":3:11: error:"));

  CHECK(run_command(gen_binary() + " diff " + old_path).status == 2);
  CHECK(run_command(gen_binary() + " diff " + old_path + " " + new_path + " --allow").status == 2);
  CHECK_THAT(run_command(gen_binary() + " --help").out, Catch::Contains("diff OLD.yaml NEW.yaml"));
  fs::remove_all(dir);
}
