#include "load/schema_loader.hpp"

#include <fstream>
#include <sstream>

#include <wirekit/codegen/char_class.hpp>

#include "correlation/kind.hpp"
#include "load/type_parser.hpp"
#include "load/yaml_nesting.hpp"
#include "load/yaml_reader.hpp"
#include "model/names.hpp"
#include "model/validator.hpp"

namespace wirekit::gen {
namespace {

// The protocol name becomes the folder and the start of every file name, which file systems
// limit to 255 bytes.
constexpr std::size_t kMaxProtocolName = 64;

class Loader {
 public:
  explicit Loader(std::string file) : r_(std::move(file)) {}

  Protocol load(const YAML::Node& root) {
    Protocol p;
    p.source = r_.file();
    if (!root || root.IsNull()) throw SchemaError(Location{r_.file(), 1, 1}, "the schema is empty");
    r_.expect_map(root, "the schema");
    r_.check_keys(root,
                  {"wirekit", "name", "version", "title", "doc", "namespace", "transport",
                   "envelopes", "default_envelope", "types", "messages", "interactions", "streams",
                   "correlation", "session", "unset_fields"},
                  "the schema");
    // Format version 1 is the only one so far; the check makes a future one fail clearly.
    r_.integer(r_.require(root, "wirekit", "the schema"), "'wirekit' (the format version)", 1, 1);
    const YAML::Node name = r_.require(root, "name", "the schema");
    p.name = r_.string(name, "'name'");
    if (p.name.size() > kMaxProtocolName)
      r_.fail(name, "'name' is " + std::to_string(p.name.size()) + " characters long; at most " +
                        std::to_string(kMaxProtocolName) +
                        " are allowed (it becomes file and folder names)");
    if (!is_identifier(p.name) || p.name.front() < 'a' || p.name.front() > 'z' ||
        p.name != snake_case(p.name))
      r_.fail(name,
              "'name' must be lower case letters, digits and underscores, starting with a "
              "letter (it becomes a C++ namespace and a folder)");
    p.version = r_.optional_string(root, "version", "the schema");
    p.title = r_.optional_string(root, "title", "the schema");
    p.doc = r_.optional_string(root, "doc", "the schema");
    p.cpp_namespace = r_.optional_string(root, "namespace", "the schema", p.name);
    if (!is_namespace(p.cpp_namespace))
      r_.fail(root["namespace"] ? root["namespace"] : name,
              "the C++ namespace '" + p.cpp_namespace +
                  "' must be identifiers joined by '::', none a keyword or 'std'");
    const std::string outer = p.cpp_namespace.substr(0, p.cpp_namespace.find("::"));
    if (is_c_global_function(outer))
      r_.fail(root["namespace"] ? root["namespace"] : name,
              "the C++ namespace '" + outer +
                  "' is also a function C or POSIX headers declare "
                  "globally (" +
                  outer +
                  "()), so no file could include both; set 'namespace:' "
                  "to another name");
    if (root["transport"]) p.transport = transport(root["transport"]);
    envelopes(root, p);
    if (root["types"]) {
      r_.expect_map(root["types"], "'types'");
      for (const auto& [key, value] : r_.entries(root["types"], "type"))
        p.types.push_back(named_type(key, value));
    }
    r_.expect_map(r_.require(root, "messages", "the schema"), "'messages'");
    for (const auto& [key, value] : r_.entries(root["messages"], "message"))
      p.messages.push_back(message(key, value, p));
    if (root["interactions"]) {
      if (!root["interactions"].IsSequence())
        r_.fail(root["interactions"], "'interactions' must be a list of '- request: ...' items");
      for (const auto& item : root["interactions"]) p.interactions.push_back(interaction(item));
    }
    if (root["streams"]) {
      if (!root["streams"].IsSequence())
        r_.fail(root["streams"], "'streams' must be a list of '- request: ...' items");
      for (const auto& item : root["streams"]) p.streams.push_back(stream(item));
    }
    if (root["correlation"]) p.correlation = read_correlation(r_, root["correlation"]);
    if (root["session"]) p.session = session(root["session"]);
    if (root["unset_fields"]) apply_unset_fields(root["unset_fields"], p);
    return p;
  }

 private:
  Unset unset(const YAML::Node& node, const std::string& what) {
    if (node.IsNull()) return Unset::null;  // `unset: null` reads as YAML's null
    const std::string s = r_.string(node, what);
    if (s == "omit") return Unset::omit;
    if (s == "null") return Unset::null;
    r_.fail(node, what + " must be omit or null, not '" + s + "'");
  }

  // `unset_fields` is the default of every optional or nullable field without its own `unset`.
  void apply_unset_fields(const YAML::Node& node, Protocol& p) {
    const Unset u = unset(node, "'unset_fields'");
    // A nullable field that must be present keeps writing null.
    auto apply = [u](std::vector<Field>& fields) {
      for (auto& f : fields)
        if (f.unset == Unset::standard && (f.optional || u == Unset::null)) f.unset = u;
    };
    for (auto& e : p.envelopes) apply(e.fields);
    for (auto& t : p.types) apply(t.fields);
    for (auto& m : p.messages) apply(m.fields);
  }

  Transport transport(const YAML::Node& node) {
    r_.expect_map(node, "'transport'");
    r_.check_keys(node,
                  {"path", "subprotocol", "frames", "max_message_bytes", "default_port", "auth",
                   "unoffered_subprotocol"},
                  "'transport'");
    Transport t;
    t.path = r_.optional_string(node, "path", "'transport'", "/");
    if (t.path.empty() || t.path.front() != '/')
      r_.fail(node["path"], "'path' must start with '/'");
    t.subprotocol = r_.optional_string(node, "subprotocol", "'transport'");
    if (const YAML::Node u = node["unoffered_subprotocol"]) {
      const std::string s = r_.string(u, "'unoffered_subprotocol'");
      if (s != "refuse" && s != "close" && s != "accept")
        r_.fail(u, "'unoffered_subprotocol' must be refuse, close or accept, not '" + s + "'");
      if (t.subprotocol.empty())
        r_.fail(u, "'unoffered_subprotocol' needs a 'subprotocol' in 'transport'");
      t.unoffered_subprotocol = s;
    }
    const std::string frames = r_.optional_string(node, "frames", "'transport'", "text");
    if (frames != "text" && frames != "any")
      r_.fail(node["frames"], "'frames' must be text or any");
    t.text_only = frames == "text";
    if (node["max_message_bytes"])
      t.max_message_bytes = static_cast<std::uint64_t>(
          r_.integer(node["max_message_bytes"], "'max_message_bytes'", 16, 1LL << 40));
    if (node["default_port"])
      t.default_port =
          static_cast<std::uint16_t>(r_.integer(node["default_port"], "'default_port'", 1, 65535));
    const std::string auth = r_.optional_string(node, "auth", "'transport'", "none");
    if (auth != "none" && auth != "bearer") r_.fail(node["auth"], "'auth' must be none or bearer");
    t.bearer_auth = auth == "bearer";
    return t;
  }

  void envelopes(const YAML::Node& root, Protocol& p) {
    const YAML::Node list = root["envelopes"];
    if (!list) {
      Envelope e;
      e.name = "default";
      e.where = Location{r_.file(), 1, 1};
      p.envelopes.push_back(e);
    } else {
      r_.expect_map(list, "'envelopes'");
      for (const auto& [key, value] : r_.entries(list, "envelope")) {
        const std::string what = "envelope '" + key.Scalar() + "'";
        r_.expect_map(value, what);
        r_.check_keys(value, {"tag", "body", "constants", "fields", "doc"}, what);
        Envelope e;
        e.name = key.Scalar();
        e.where = r_.at(key);
        e.tag = r_.optional_string(value, "tag", what, "type");
        const std::string body = r_.optional_string(value, "body", what, "flat");
        e.body = body == "flat" ? "" : body;
        if (value["constants"]) {
          r_.expect_map(value["constants"], what + " 'constants'");
          for (const auto& [ck, cv] : r_.entries(value["constants"], "constant"))
            e.constants.emplace_back(ck.Scalar(), r_.string(cv, "constant '" + ck.Scalar() + "'"));
        }
        e.fields = fields(value["fields"], what);
        p.envelopes.push_back(std::move(e));
      }
      if (p.envelopes.empty()) r_.fail(list, "'envelopes' must name at least one envelope");
    }
    default_envelope_ = p.envelopes.front().name;
    if (root["default_envelope"]) {
      default_envelope_ = r_.string(root["default_envelope"], "'default_envelope'");
      bool found = false;
      for (const auto& e : p.envelopes) found = found || e.name == default_envelope_;
      if (!found)
        r_.fail(root["default_envelope"],
                "'default_envelope' names no envelope: '" + default_envelope_ + "'");
    } else if (p.envelopes.size() > 1) {
      r_.fail(list,
              "several envelopes are declared: say which is the default with "
              "'default_envelope'");
    }
  }

  std::vector<Field> fields(const YAML::Node& node, const std::string& owner) {
    std::vector<Field> out;
    if (!node || node.IsNull()) return out;
    r_.expect_map(node, "'fields' of " + owner);
    for (const auto& [key, value] : r_.entries(node, "field"))
      out.push_back(field(key, value, owner));
    return out;
  }

  Field field(const YAML::Node& key, const YAML::Node& value, const std::string& owner) {
    Field f;
    f.wire_name = key.Scalar();
    f.where = r_.at(key);
    const std::string what = "field '" + f.wire_name + "' of " + owner;
    // yaml-cpp nodes are handles: assigning one would overwrite the schema node, so
    // type_node is bound once.
    if (value.IsMap())
      r_.check_keys(value,
                    {"type", "doc", "optional", "nullable", "default", "cpp_name", "min_length",
                     "max_length", "max_items", "pattern", "unset"},
                    what);
    const YAML::Node type_node = value.IsMap() ? r_.require(value, "type", what) : value;
    if (value.IsMap()) {
      f.doc = r_.optional_string(value, "doc", what);
      f.optional = r_.optional_bool(value, "optional", what);
      f.nullable = r_.optional_bool(value, "nullable", what);
      f.cpp_name = r_.optional_string(value, "cpp_name", what);
      if (!f.cpp_name.empty() && (!is_identifier(f.cpp_name) || is_reserved(f.cpp_name)))
        r_.fail(value["cpp_name"], "'cpp_name' must be a C++ identifier that is not a keyword");
      if (value["default"]) f.default_value = default_value(value["default"], what);
      f.limits = limits(value, what);
      if (const YAML::Node u = value["unset"]) {
        f.unset = unset(u, what + " 'unset'");
        if (!f.optional && !f.nullable)
          r_.fail(u, what + ": 'unset' applies to optional or nullable fields only");
        if (f.unset == Unset::omit && !f.optional)
          r_.fail(u, what +
                         ": 'unset: omit' needs 'optional: true', or the peer could not "
                         "leave it out");
      }
    } else if (!value.IsScalar()) {
      r_.fail(value, what + " must be a type such as 'string' or a mapping with 'type:'");
    }
    f.type = parse_type(r_.string(type_node, what + " type"), r_.at(type_node));
    if (f.cpp_name.empty()) f.cpp_name = snake_case(f.wire_name);
    if (f.default_value && (f.optional || f.nullable))
      r_.fail(value["default"], what +
                                    ": a field with a 'default' cannot also be optional or "
                                    "nullable");
    return f;
  }

  // The validator checks that each limit suits the field's type.
  FieldLimits limits(const YAML::Node& value, const std::string& what) {
    FieldLimits l;
    constexpr std::int64_t kMax = std::int64_t{1} << 40;
    if (const YAML::Node n = value["min_length"]) {
      l.where = r_.at(n);
      l.min_length = static_cast<std::uint64_t>(r_.integer(n, what + " 'min_length'", 1, kMax));
    }
    if (const YAML::Node n = value["max_length"]) {
      l.where = r_.at(n);
      l.max_length = static_cast<std::uint64_t>(r_.integer(n, what + " 'max_length'", 1, kMax));
      if (l.min_length && *l.min_length > *l.max_length)
        r_.fail(n, what + " 'max_length' is below its 'min_length'");
    }
    if (const YAML::Node n = value["max_items"]) {
      l.where = r_.at(n);
      l.max_items = static_cast<std::uint64_t>(r_.integer(n, what + " 'max_items'", 1, kMax));
    }
    if (const YAML::Node n = value["pattern"]) {
      l.where = r_.at(n);
      l.pattern = r_.string(n, what + " 'pattern'");
      const auto parsed = parse_pattern(l.pattern);
      if (!parsed.error.empty())
        r_.fail(n, what + " 'pattern' " + l.pattern + ": " + std::string(parsed.error));
    }
    return l;
  }

  DefaultValue default_value(const YAML::Node& node, const std::string& what) {
    DefaultValue d;
    if (node.IsSequence() && node.size() == 0) {
      d.kind = DefaultValue::Kind::empty_array;
    } else if (node.IsMap() && node.size() == 0) {
      d.kind = DefaultValue::Kind::empty_map;
    } else if (node.IsScalar()) {
      // The validator types the scalar by its field.
      d.text = node.Scalar();
      d.quoted = node.Tag() == "!";
    } else {
      r_.fail(node, what + ": 'default' must be a scalar, [] or {}");
    }
    return d;
  }

  NamedType named_type(const YAML::Node& key, const YAML::Node& value) {
    NamedType t;
    t.name = key.Scalar();
    t.where = r_.at(key);
    const std::string what = "type '" + t.name + "'";
    r_.expect_map(value, what);
    r_.check_keys(value, {"doc", "fields", "enum", "union"}, what);
    t.doc = r_.optional_string(value, "doc", what);
    const int kinds =
        (value["fields"] ? 1 : 0) + (value["enum"] ? 1 : 0) + (value["union"] ? 1 : 0);
    if (kinds != 1) r_.fail(key, what + " needs exactly one of 'fields', 'enum' or 'union'");
    if (value["fields"]) {
      t.kind = NamedType::Kind::structure;
      t.fields = fields(value["fields"], what);
    } else if (value["enum"]) {
      t.kind = NamedType::Kind::enumeration;
      enum_values(value["enum"], t, what);
    } else {
      t.kind = NamedType::Kind::union_of;
      const YAML::Node u = value["union"];
      r_.expect_map(u, what + " 'union'");
      r_.check_keys(u, {"tag", "variants"}, what + " 'union'");
      t.union_tag = r_.optional_string(u, "tag", what, "type");
      const YAML::Node variants = r_.require(u, "variants", what + " 'union'");
      r_.expect_map(variants, what + " 'variants'");
      for (const auto& [vk, vv] : r_.entries(variants, "variant"))
        t.variants.push_back(UnionVariant{vk.Scalar(), r_.string(vv, "variant type"), r_.at(vv)});
      if (t.variants.empty()) r_.fail(variants, what + " needs at least one variant");
    }
    return t;
  }

  void enum_values(const YAML::Node& node, NamedType& t, const std::string& what) {
    if (node.IsSequence()) {
      for (const auto& item : node) {
        const std::string wire = r_.string(item, what + " value");
        t.values.push_back(EnumValue{wire, enumerator_name(wire), ""});
      }
    } else if (node.IsMap()) {
      for (const auto& [vk, vv] : r_.entries(node, "enum value")) {
        EnumValue v{vk.Scalar(), enumerator_name(vk.Scalar()), ""};
        if (vv && !vv.IsNull()) {
          const std::string vwhat = what + " value '" + v.wire + "'";
          r_.expect_map(vv, vwhat);
          r_.check_keys(vv, {"doc", "cpp_name"}, vwhat);
          v.doc = r_.optional_string(vv, "doc", vwhat);
          v.cpp_name = r_.optional_string(vv, "cpp_name", vwhat, v.cpp_name);
          if (!is_identifier(v.cpp_name) || is_reserved(v.cpp_name))
            r_.fail(vv["cpp_name"], vwhat +
                                        ": 'cpp_name' must be a C++ identifier that is not a "
                                        "keyword");
        }
        t.values.push_back(v);
      }
    } else {
      r_.fail(node, what + " 'enum' must be a list of strings or a mapping");
    }
    if (t.values.empty()) r_.fail(node, what + " needs at least one value");
    for (std::size_t i = 0; i < t.values.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (t.values[i].wire == t.values[j].wire || t.values[i].cpp_name == t.values[j].cpp_name)
          r_.fail(node, what + ": values '" + t.values[j].wire + "' and '" + t.values[i].wire +
                            "' collide");
  }

  Message message(const YAML::Node& key, const YAML::Node& value, const Protocol& p) {
    Message m;
    m.name = key.Scalar();
    m.where = r_.at(key);
    const std::string what = "message '" + m.name + "'";
    r_.expect_map(value, what);
    r_.check_keys(value, {"tag", "from", "envelope", "doc", "fields", "stub_name"}, what);
    const YAML::Node tag = r_.require(value, "tag", what);
    if (!tag.IsNull()) m.tag = r_.string(tag, what + " 'tag'");
    const YAML::Node from = r_.require(value, "from", what);
    m.from = side(from, what);
    m.envelope = r_.optional_string(value, "envelope", what, default_envelope_);
    bool found = false;
    for (const auto& e : p.envelopes) found = found || e.name == m.envelope;
    if (!found) r_.fail(value["envelope"], what + " names no envelope: '" + m.envelope + "'");
    m.doc = r_.optional_string(value, "doc", what);
    m.fields = fields(value["fields"], what);
    if (const YAML::Node n = value["stub_name"]) {
      m.stub_name = r_.string(n, what + " 'stub_name'");
      if (!is_identifier(m.stub_name) || is_reserved(m.stub_name) ||
          m.stub_name != snake_case(m.stub_name))
        r_.fail(n,
                what + ": 'stub_name' must be a snake_case C++ identifier that is not a keyword");
    }
    return m;
  }

  Side side(const YAML::Node& node, const std::string& what) {
    const std::string s = r_.string(node, what + " 'from'");
    if (s == "client") return Side::client;
    if (s == "server") return Side::server;
    if (s == "both") return Side::both;
    r_.fail(node, what + ": 'from' must be client, server or both, not '" + s + "'");
  }

  Interaction interaction(const YAML::Node& node) {
    Interaction i;
    i.where = r_.at(node);
    r_.expect_map(node, "an interaction");
    r_.check_keys(node, {"request", "responses", "response", "errors", "correlation", "doc"},
                  "an interaction");
    i.request = r_.string(r_.require(node, "request", "an interaction"), "'request'");
    const std::string what = "the interaction of '" + i.request + "'";
    if (node["response"]) i.responses = r_.string_list(node["response"], "'response'");
    if (node["responses"]) {
      for (auto& s : r_.string_list(node["responses"], "'responses'")) i.responses.push_back(s);
    }
    if (node["errors"]) i.errors = r_.string_list(node["errors"], "'errors'");
    i.doc = r_.optional_string(node, "doc", what);
    const std::string corr = r_.optional_string(node, "correlation", what, "default");
    if (corr != "default" && corr != "none" && corr != "next")
      r_.fail(node["correlation"], "'correlation' of an interaction can only be 'none' or 'next'");
    i.correlated = corr == "default";
    i.awaits_next = corr == "next";
    return i;
  }

  /// `items`, `ends` or `failures` of a stream: message names, or `{message: X, when: {field:
  /// value}}` for a message that takes that role only when its fields have those values.
  void stream_messages(const YAML::Node& node, const std::string& what,
                       std::vector<std::string>& names, std::vector<StreamWhen>& whens) {
    if (!node.IsSequence())
      r_.fail(node, what + " must be a list of message names or {message, when} entries");
    for (const auto& entry : node) {
      if (!entry.IsMap()) {
        names.push_back(r_.string(entry, what));
        whens.emplace_back();
        continue;
      }
      r_.check_keys(entry, {"message", "when"}, "an entry of " + what);
      names.push_back(r_.string(r_.require(entry, "message", "an entry of " + what), "'message'"));
      StreamWhen when;
      if (const YAML::Node w = entry["when"]) {
        r_.expect_map(w, "'when'");
        for (const auto& [field, value] : r_.entries(w, "field"))
          when.emplace_back(r_.string(field, "a field name"), r_.string(value, "a field value"));
        if (when.empty()) r_.fail(w, "'when' names no field");
      }
      whens.push_back(std::move(when));
    }
  }

  Stream stream(const YAML::Node& node) {
    Stream st;
    st.where = r_.at(node);
    r_.expect_map(node, "a stream");
    r_.check_keys(node, {"request", "items", "ends", "failures", "cancel", "key", "result", "doc"},
                  "a stream");
    st.request = r_.string(r_.require(node, "request", "a stream"), "'request'");
    const std::string what = "the stream of '" + st.request + "'";
    stream_messages(r_.require(node, "items", what), "'items'", st.items, st.items_when);
    if (node["ends"]) stream_messages(node["ends"], "'ends'", st.ends, st.ends_when);
    if (node["failures"])
      stream_messages(node["failures"], "'failures'", st.failures, st.failures_when);
    st.cancel = r_.optional_string(node, "cancel", what);
    const std::string result = r_.optional_string(node, "result", what, "many");
    if (result != "many" && result != "one")
      r_.fail(node["result"], "'result' of a stream is 'one' or 'many'");
    st.one_result = result == "one";
    const YAML::Node key = r_.require(node, "key", what);
    r_.expect_map(key, "'key' of " + what);
    r_.check_keys(key, {"request", "item", "cancel", "generated"}, "'key' of " + what);
    st.request_key = r_.string(r_.require(key, "request", "'key'"), "'key.request'");
    st.item_key = r_.string(r_.require(key, "item", "'key'"), "'key.item'");
    st.cancel_key = r_.optional_string(key, "cancel", "'key'", st.request_key);
    st.generated_key = r_.optional_bool(key, "generated", "'key'");
    st.doc = r_.optional_string(node, "doc", what);
    return st;
  }

  Session session(const YAML::Node& node) {
    Session s;
    r_.expect_map(node, "'session'");
    r_.check_keys(node, {"handshake", "acks", "replies", "rate_limit", "close_codes", "invalid"},
                  "'session'");
    if (const YAML::Node h = node["handshake"]) {
      r_.expect_map(h, "'handshake'");
      r_.check_keys(
          h, {"first", "from", "within_ms", "success", "deadline_from", "allowed_before", "doc"},
          "'handshake'");
      s.handshake.present = true;
      s.handshake.where = r_.at(h);
      s.handshake.first = r_.string(r_.require(h, "first", "'handshake'"), "'first'");
      s.handshake.from = h["from"] ? side(h["from"], "'handshake'") : Side::client;
      if (s.handshake.from == Side::both)
        r_.fail(h["from"], "'from' of a handshake is client or server");
      if (h["within_ms"])
        s.handshake.within_ms =
            static_cast<std::uint32_t>(r_.integer(h["within_ms"], "'within_ms'", 0, 86400000));
      s.handshake.success = r_.optional_string(h, "success", "'handshake'");
      s.handshake.deadline_from = r_.optional_string(h, "deadline_from", "'handshake'");
      if (h["allowed_before"])
        s.handshake.allowed_before = r_.string_list(h["allowed_before"], "'allowed_before'");
    }
    if (const YAML::Node inv = node["invalid"]) {
      r_.expect_map(inv, "'invalid'");
      r_.check_keys(inv, {"from_client", "from_server"}, "'invalid'");
      s.invalid_where = r_.at(inv);
      for (const char* key : {"from_client", "from_server"}) {
        const YAML::Node n = inv[key];
        if (!n) continue;
        const std::string v = r_.string(n, std::string("'invalid.") + key + "'");
        if (v != "close" && v != "reply" && v != "ignore")
          r_.fail(n, std::string("'invalid.") + key + "' must be close, reply or ignore, not '" +
                         v + "'");
        if (v == "reply" && std::string(key) == "from_server")
          r_.fail(n,
                  "'invalid.from_server' cannot be reply: only a server sends the undecodable "
                  "reply");
        (std::string(key) == "from_client" ? s.invalid_from_client : s.invalid_from_server) = v;
      }
    }
    if (const YAML::Node a = node["acks"]) {
      r_.expect_map(a, "'acks'");
      r_.check_keys(a, {"deadline_ms"}, "'acks'");
      s.ack_deadline_ms = static_cast<std::uint32_t>(
          r_.integer(r_.require(a, "deadline_ms", "'acks'"), "'deadline_ms'", 1, 86400000));
    }
    if (const YAML::Node rep = node["replies"]) {
      r_.expect_map(rep, "'replies'");
      r_.check_keys(rep, {"undecodable", "repeated_handshake"}, "'replies'");
      if (const YAML::Node u = rep["undecodable"]; u && u.IsMap()) {
        r_.check_keys(u, {"message", "error_field"}, "'replies.undecodable'");
        s.undecodable_reply =
            r_.string(r_.require(u, "message", "'replies.undecodable'"), "'message'");
        s.undecodable_error_field = r_.optional_string(u, "error_field", "'replies.undecodable'");
      } else {
        s.undecodable_reply = r_.optional_string(rep, "undecodable", "'replies'");
      }
      s.repeated_handshake_reply = r_.optional_string(rep, "repeated_handshake", "'replies'");
    }
    if (const YAML::Node rl = node["rate_limit"]) {
      r_.expect_map(rl, "'rate_limit'");
      r_.check_keys(rl, {"messages", "per_ms"}, "'rate_limit'");
      s.rate_limit_messages = static_cast<std::uint32_t>(
          r_.integer(r_.require(rl, "messages", "'rate_limit'"), "'messages'", 1, 1000000000));
      s.rate_limit_per_ms = static_cast<std::uint32_t>(
          r_.integer(r_.require(rl, "per_ms", "'rate_limit'"), "'per_ms'", 1, 86400000));
    }
    if (const YAML::Node cc = node["close_codes"]) {
      r_.expect_map(cc, "'close_codes'");
      for (const auto& [key, value] : r_.entries(cc, "close code")) {
        CloseCode c;
        c.where = r_.at(key);
        c.code = static_cast<std::uint16_t>(r_.integer(key, "a close code", 1000, 4999));
        const std::string what = "close code " + std::to_string(c.code);
        r_.expect_map(value, what);
        r_.check_keys(value, {"name", "doc", "on"}, what);
        c.name = r_.string(r_.require(value, "name", what), "'name'");
        c.doc = r_.optional_string(value, "doc", what);
        if (value["on"]) c.on = r_.string_list(value["on"], "'on'");
        s.close_codes.push_back(c);
      }
    }
    return s;
  }

  YamlReader r_;
  std::string default_envelope_;
};

Protocol load(const std::string& text, const std::string& file) {
  check_nesting(text, file);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw SchemaError(Location{file, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
  }
  Protocol p = Loader(file).load(root);
  validate(p);
  return p;
}

}  // namespace

Protocol load_schema(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SchemaError(Location{path, 1, 1}, "cannot read the schema file");
  std::stringstream text;
  text << in.rdbuf();
  return load(text.str(), path);
}

Protocol load_schema_text(const std::string& text, const std::string& file) {
  return load(text, file);
}

}  // namespace wirekit::gen
