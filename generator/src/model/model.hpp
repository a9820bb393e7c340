// The validated protocol model: what the loader builds from a schema and every emitter
// reads. It mirrors schemas/README.md; nothing in it is specific to one protocol.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wirekit::gen {

/// A place in a schema file, 1-based, for error messages.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

/// A type expression: a primitive, array<T>, map<T> or a named type. Every kind but `named`
/// has its row (schema word, C++ type, ...) in the table of primitive_types.cpp.
struct TypeRef {
  enum class Kind {
    string,
    integer,
    number,
    boolean,
    uuid,
    timestamp,
    json,
    object,
    array,
    map,
    named
  };
  Kind kind = Kind::string;
  std::string name;              ///< for named
  std::vector<TypeRef> element;  ///< one element, for array and map
  Location where;
};

/// The value a field takes when absent (`default:` in the schema).
struct DefaultValue {
  enum class Kind { string, integer, number, boolean, empty_array, empty_map, enumerator };
  Kind kind = Kind::string;  ///< set by the validator from the field's type
  std::string text;          ///< the scalar as written in the schema
  bool quoted = false;       ///< written in quotes: only a string default may be
};

/// Bounds on a field's values, enforced by generated decoders (schemas/README.md "Limits").
/// `max_length` and `pattern` apply to the field's strings (each element of an array<string>
/// or map<string>), `max_items` to its array or map.
struct FieldLimits {
  std::optional<std::uint64_t> min_length;  ///< in bytes of UTF-8
  std::optional<std::uint64_t> max_length;  ///< in bytes of UTF-8
  std::optional<std::uint64_t> max_items;
  std::string pattern;  ///< "[class]+" or "[class]*", empty for none
  Location where;

  bool any() const { return min_length || max_length || max_items || !pattern.empty(); }
};

/// How an encoder writes an unset optional or nullable field (`unset:` in the schema).
enum class Unset {
  standard,  ///< optional only: omitted; nullable: written as null
  omit,      ///< always omitted
  null,      ///< always written as null
};

struct Field {
  std::string wire_name;
  std::string cpp_name;
  std::string doc;
  TypeRef type;
  bool optional = false;
  bool nullable = false;
  std::optional<DefaultValue> default_value;
  FieldLimits limits;
  Unset unset = Unset::standard;  ///< the field's own `unset`, else the schema's `unset_fields`
  Location where;

  /// Held as std::optional<T> in C++.
  bool is_optional_in_cpp() const { return optional || nullable; }
  /// Must be present when decoding.
  bool is_required() const { return !optional && !default_value; }
  /// Whether an unset value is written as null (else omitted).
  bool writes_null_when_unset() const {
    return unset == Unset::null || (unset == Unset::standard && nullable);
  }
};

struct EnumValue {
  std::string wire;
  std::string cpp_name;
  std::string doc;
};

struct UnionVariant {
  std::string tag;
  std::string type_name;  ///< a struct type
  Location where;
};

struct NamedType {
  enum class Kind { structure, enumeration, union_of };
  Kind kind = Kind::structure;
  std::string name;
  std::string doc;
  std::vector<Field> fields;           ///< structure
  std::vector<EnumValue> values;       ///< enumeration
  std::string union_tag;               ///< union_of: the key naming the variant
  std::vector<UnionVariant> variants;  ///< union_of
  Location where;
};

struct Envelope {
  std::string name;
  std::string tag = "type";
  std::string body;  ///< "" for flat, else the key the body object sits under
  std::vector<std::pair<std::string, std::string>> constants;
  std::vector<Field> fields;
  Location where;
};

enum class Side { client, server, both };

struct Message {
  std::string name;
  std::string stub_name;  ///< `stub_name`: the stubs' method name instead of snake_case(name)
  std::optional<std::string> tag;  ///< nullopt: the message carries no tag
  Side from = Side::client;
  std::string envelope;
  std::string doc;
  std::vector<Field> fields;
  Location where;

  bool sent_by_client() const { return from != Side::server; }
  bool sent_by_server() const { return from != Side::client; }
};

struct Interaction {
  std::string request;
  std::vector<std::string> responses;
  std::vector<std::string> errors;
  bool correlated = true;
  bool awaits_next = false;  ///< `correlation: next`: the next of its replies answers it
  std::string doc;
  Location where;
};

/// A stream message's condition (`when:`): field wire name -> the value it must have, as
/// written in the schema; empty: always.
using StreamWhen = std::vector<std::pair<std::string, std::string>>;

/// A request answered by many messages, each naming the stream it belongs to by a key
/// (`streams:` in the schema).
struct Stream {
  std::string request;                ///< opens the stream (client to server)
  std::vector<std::string> items;     ///< pushed while it is open
  std::vector<std::string> ends;      ///< end it normally
  std::vector<std::string> failures;  ///< end it with an error
  /// The conditions of `items`, `ends` and `failures`, index for index.
  std::vector<StreamWhen> items_when, ends_when, failures_when;
  std::string cancel;          ///< sent by the client to cancel it; "" when none
  std::string request_key;     ///< the request's key field: string or array<string>
  std::string item_key;        ///< the key field of items, ends and failures: a string
  std::string cancel_key;      ///< the cancel message's key field
  bool generated_key = false;  ///< `key.generated`: the runtime fills the key in
  bool one_result = false;     ///< `result: one`: one item, then the stream is complete
  std::string doc;
  Location where;
};

class CorrelationKind;  // correlation/kind.hpp: one type per kind

/// The schema's `correlation`: how a reply is matched to its request.
struct Correlation {
  std::shared_ptr<const CorrelationKind> rule;  ///< null: kind none
  std::uint32_t timeout_ms = 0;                 ///< the default per-request timeout; 0: none
  Location where;

  /// The kind (correlation/registry.cpp): none when the schema has no `correlation`.
  const CorrelationKind& kind() const;
};

struct CloseCode {
  std::uint16_t code = 0;
  std::string name;
  std::string doc;
  std::vector<std::string> on;  ///< condition names, as in the schema
  Location where;
};

struct Handshake {
  bool present = false;
  std::string first;  ///< message name
  Side from = Side::client;
  std::uint32_t within_ms = 0;
  std::string success;  ///< message name, may be empty
  std::string deadline_from;
  std::vector<std::string> allowed_before;  ///< messages the peer may send before it completes
  Location where;
};

struct Session {
  Handshake handshake;
  std::uint32_t ack_deadline_ms = 0;
  std::string undecodable_reply;         ///< message name
  std::string undecodable_error_field;   ///< its string field that carries the error text
  std::string repeated_handshake_reply;  ///< message name
  std::uint32_t rate_limit_messages = 0;
  std::uint32_t rate_limit_per_ms = 0;
  std::vector<CloseCode> close_codes;
  /// `invalid.from_client` / `invalid.from_server`: close, reply or ignore; "" for the default.
  std::string invalid_from_client;
  std::string invalid_from_server;
  Location invalid_where;
};

struct Transport {
  std::string path = "/";
  std::string subprotocol;
  bool text_only = true;
  std::uint64_t max_message_bytes = 16u * 1024u * 1024u;
  std::uint16_t default_port = 0;
  bool bearer_auth = false;
  /// `unoffered_subprotocol`: refuse (default), close or accept.
  std::string unoffered_subprotocol = "refuse";
};

struct Protocol {
  std::string source;  ///< the schema path as given
  std::string name;
  std::string cpp_namespace;
  std::string version;
  std::string title;
  std::string doc;
  Transport transport;
  std::vector<Envelope> envelopes;
  std::vector<NamedType> types;
  std::vector<Message> messages;
  std::vector<Interaction> interactions;
  std::vector<Stream> streams;
  Correlation correlation;
  Session session;

  const NamedType* find_type(const std::string& type_name) const;
  const Message* find_message(const std::string& message_name) const;
  const Envelope& envelope_of(const Message& m) const;
  /// The field of `m` at the top level of its JSON object (an envelope field, or a message
  /// field of a flat envelope); null when none.
  const Field* top_level_field(const Message& m, const std::string& wire) const;
  /// The field of `m` with this wire name, at the top level or in a nested body.
  const Field* any_field(const Message& m, const std::string& wire) const;
  /// The field of `m` by dotted path: top level, or `<body>.<field>` in a nested body.
  const Field* field_at(const Message& m, const std::string& path) const;
  /// The interaction whose request is `message`, or null.
  const Interaction* interaction_of(const std::string& message) const;
  /// The stream opened by `message`, or null.
  const Stream* stream_of(const std::string& message) const;
  /// The tag key, the same for every envelope.
  const std::string& tag_key() const { return envelopes.front().tag; }
};

}  // namespace wirekit::gen
