// <name>/asyncapi.json (wirekit-gen --asyncapi): the protocol as an AsyncAPI 3.0 document, for
// the tools of that ecosystem (HTML docs, other code generators). The mapping, documented in
// schemas/README.md ("AsyncAPI export"):
// - the document describes the server: the messages a client sends are `receive` operations,
//   those the server sends `send` operations (a message sent by both sides has both);
// - one channel, named after the protocol, at the transport's path, holding every message;
//   its `ws` binding names the subprotocol and the Authorization header as header schemas;
// - each message's payload is a JSON Schema of the whole object on the wire: the tag as a
//   `const`, the envelope's constants and fields, the body flat or under its key;
// - named types are components/schemas, referenced from the payloads;
// - an interaction's request operation has a `reply` listing its responses and errors; a
//   stream's request one listing its items, ends and failures;
// - an echo correlation is each request's and reply's `correlationId`.
#include <string>
#include <vector>

#include "correlation/kind.hpp"
#include "emit/emitters.hpp"
#include "emit/json_text.hpp"

namespace wirekit::gen {
namespace {

using Json = JsonValue;

Json ref_to(const std::string& path) {
  Json r = Json::object();
  r.set("$ref", path);
  return r;
}

Json strings(const std::vector<std::string>& items) {
  Json a = Json::array();
  for (const auto& i : items) a.push(Json::string(i));
  return a;
}

/// The schema of a value of type `t`, with the field's string limits applied to its strings
/// and its item limit to its own container.
Json type_schema(const TypeRef& t, const FieldLimits& l, bool outer) {
  using K = TypeRef::Kind;
  Json s = Json::object();
  switch (t.kind) {
    case K::string:
    case K::uuid:
    case K::timestamp:
      s.set("type", "string");
      if (t.kind == K::uuid) s.set("format", "uuid");
      if (t.kind == K::timestamp) s.set("format", "date-time");
      if (l.min_length) s.set("minLength", Json::raw(std::to_string(*l.min_length)));
      if (l.max_length) s.set("maxLength", Json::raw(std::to_string(*l.max_length)));
      if (!l.pattern.empty()) s.set("pattern", "^" + l.pattern + "$");
      return s;
    case K::integer:
      return s.set("type", "integer"), s;
    case K::number:
      return s.set("type", "number"), s;
    case K::boolean:
      return s.set("type", "boolean"), s;
    case K::json:
      return s;
    case K::object:
      return s.set("type", "object"), s;
    case K::array:
      s.set("type", "array");
      s.set("items", type_schema(t.element.front(), l, false));
      if (outer && l.max_items) s.set("maxItems", Json::raw(std::to_string(*l.max_items)));
      return s;
    case K::map:
      s.set("type", "object");
      s.set("additionalProperties", type_schema(t.element.front(), l, false));
      if (outer && l.max_items) s.set("maxProperties", Json::raw(std::to_string(*l.max_items)));
      return s;
    case K::named:
      break;
  }
  return ref_to("#/components/schemas/" + t.name);
}

Json field_schema(const Field& f) {
  Json s = type_schema(f.type, f.limits, true);
  if (f.nullable) {
    Json any = Json::object();
    Json& options = any.set("anyOf", Json::array());
    options.push(std::move(s));
    options.push(Json::object()).set("type", "null");
    s = std::move(any);
  }
  if (f.default_value) s.set("default", Json::raw(default_json(*f.default_value)));
  if (!f.doc.empty()) s.set("description", f.doc);
  return s;
}

/// Adds `fields` to an object schema's `properties` and `required`.
void add_fields(Json& object, Json& required, const std::vector<Field>& fields) {
  for (const auto& f : fields) {
    object.at("properties").set(f.wire_name, field_schema(f));
    if (f.is_required()) required.push(Json::string(f.wire_name));
  }
}

Json object_schema(const std::vector<Field>& fields, const std::string& doc) {
  Json s = Json::object();
  s.set("type", "object");
  if (!doc.empty()) s.set("description", doc);
  s.set("properties", Json::object());
  Json required = Json::array();
  add_fields(s, required, fields);
  if (!required.empty()) s.set("required", std::move(required));
  return s;
}

Json named_schema(const NamedType& t) {
  switch (t.kind) {
    case NamedType::Kind::structure:
      return object_schema(t.fields, t.doc);
    case NamedType::Kind::enumeration: {
      Json s = Json::object();
      s.set("type", "string");
      if (!t.doc.empty()) s.set("description", t.doc);
      std::vector<std::string> values;
      for (const auto& v : t.values) values.push_back(v.wire);
      s.set("enum", strings(values));
      return s;
    }
    case NamedType::Kind::union_of:
      break;
  }
  Json s = Json::object();
  if (!t.doc.empty()) s.set("description", t.doc);
  Json& variants = s.set("oneOf", Json::array());
  for (const auto& v : t.variants) {
    Json& variant = variants.push(Json::object()).set("allOf", Json::array());
    variant.push(ref_to("#/components/schemas/" + v.type_name));
    Json& tagged = variant.push(Json::object());
    tagged.set("type", "object");
    tagged.at("properties").at(t.union_tag).set("const", v.tag);
    tagged.set("required", strings({t.union_tag}));
  }
  return s;
}

Json payload(const Protocol& p, const Message& m) {
  const Envelope& e = p.envelope_of(m);
  Json s = Json::object();
  s.set("type", "object");
  s.set("properties", Json::object());
  Json required = Json::array();
  if (m.tag) {
    s.at("properties").at(e.tag).set("const", *m.tag);
    required.push(Json::string(e.tag));
  }
  for (const auto& [key, value] : e.constants) s.at("properties").at(key).set("const", value);
  add_fields(s, required, e.fields);
  if (e.body.empty()) {
    add_fields(s, required, m.fields);
  } else {
    Json body = object_schema(m.fields, "");
    bool body_required = false;
    for (const auto& f : m.fields) body_required = body_required || f.is_required();
    s.at("properties").set(e.body, std::move(body));
    if (body_required) required.push(Json::string(e.body));
  }
  if (!required.empty()) s.set("required", std::move(required));
  return s;
}

/// `$message.payload#/field` for an echo correlation's id, or "" when `m` carries none.
std::string correlation_location(const Protocol& p, const Message& m) {
  const CorrelationKind& k = p.correlation.kind();
  const bool request = p.interaction_of(m.name) != nullptr;
  bool reply = false;
  for (const auto& i : p.interactions)
    for (const auto* list : {&i.responses, &i.errors})
      for (const auto& r : *list) reply = reply || r == m.name;
  std::string field;
  if (request && p.top_level_field(m, k.request_key())) field = k.request_key();
  if (reply && p.top_level_field(m, k.reply_key())) field = k.reply_key();
  return field.empty() ? "" : "$message.payload#/" + field;
}

Json message(const Protocol& p, const Message& m) {
  Json j = Json::object();
  j.set("name", m.name);
  j.set("title", m.name);
  std::string summary = m.tag ? p.tag_key() + ": " + *m.tag : "untagged";
  summary += m.from == Side::both     ? ", sent by both sides"
             : m.from == Side::client ? ", sent by the client"
                                      : ", sent by the server";
  j.set("summary", summary);
  if (!m.doc.empty()) j.set("description", m.doc);
  j.set("contentType", "application/json");
  j.set("payload", payload(p, m));
  if (const std::string at = correlation_location(p, m); !at.empty())
    j.at("correlationId").set("location", at);
  return j;
}

std::string operation_id(bool sent, const std::string& message) {
  return (sent ? "send" : "receive") + message;
}

/// The reply of the operation receiving (or sending) `request`: its responses and errors, or
/// its stream's items, ends and failures; nothing when it has none.
std::vector<std::string> replies_of(const Protocol& p, const std::string& request) {
  std::vector<std::string> out;
  const auto add = [&](const std::vector<std::string>& names) {
    for (const auto& n : names) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o == n;
      if (!seen) out.push_back(n);
    }
  };
  if (const Interaction* i = p.interaction_of(request)) {
    add(i->responses);
    add(i->errors);
  }
  if (const Stream* s = p.stream_of(request)) {
    add(s->items);
    add(s->ends);
    add(s->failures);
  }
  return out;
}

void add_operation(Json& operations, const Protocol& p, const Message& m, bool sent) {
  const std::string channel = "#/channels/" + p.name;
  Json& op = operations.set(operation_id(sent, m.name), Json::object());
  op.set("action", sent ? "send" : "receive");
  op.set("channel", ref_to(channel));
  op.set("summary", (sent ? "The server sends " : "The server receives ") + m.name + ".");
  op.set("messages", Json::array()).push(ref_to(channel + "/messages/" + m.name));
  // A request sent by the other side than this one's replies: only the request's own sender.
  const bool request_side = sent ? m.from == Side::server : m.from != Side::server;
  const auto replies = replies_of(p, m.name);
  if (replies.empty() || !request_side) return;
  Json& reply = op.at("reply");
  reply.set("channel", ref_to(channel));
  Json& list = reply.set("messages", Json::array());
  for (const auto& r : replies) list.push(ref_to(channel + "/messages/" + r));
}

Json channel(const Protocol& p) {
  Json c = Json::object();
  c.set("address", p.transport.path);
  c.set("title", p.title.empty() ? p.name : p.title);
  c.set("description", "The WebSocket endpoint; every frame is one JSON object whose `" +
                           p.tag_key() + "` names the message.");
  Json& messages = c.set("messages", Json::object());
  for (const auto& m : p.messages) messages.set(m.name, ref_to("#/components/messages/" + m.name));
  Json& ws = c.at("bindings").at("ws");
  Json headers = Json::object();
  headers.set("type", "object");
  headers.set("properties", Json::object());
  if (!p.transport.subprotocol.empty()) {
    Json& h = headers.at("properties").at("Sec-WebSocket-Protocol");
    h.set("type", "string");
    h.set("description", "Offers the subprotocol " + p.transport.subprotocol +
                             " (unoffered: " + p.transport.unoffered_subprotocol + ").");
  }
  if (p.transport.bearer_auth) {
    Json& h = headers.at("properties").at("Authorization");
    h.set("type", "string");
    h.set("pattern", "^Bearer ");
  }
  if (!headers.at("properties").empty()) ws.set("headers", std::move(headers));
  ws.set("bindingVersion", "0.1.0");
  return c;
}

}  // namespace

GeneratedFile emit_asyncapi(const Protocol& p) {
  Json doc = Json::object();
  doc.set("asyncapi", "3.0.0");
  doc.set("id", "urn:wirekit:" + p.name);
  Json& info = doc.at("info");
  info.set("title", p.title.empty() ? p.name : p.title);
  info.set("version", p.version.empty() ? "0" : p.version);
  if (!p.doc.empty()) info.set("description", p.doc);
  doc.set("defaultContentType", "application/json");
  doc.at("channels").set(p.name, channel(p));
  Json& operations = doc.at("operations");
  for (const auto& m : p.messages) {
    if (m.sent_by_client()) add_operation(operations, p, m, false);
    if (m.sent_by_server()) add_operation(operations, p, m, true);
  }
  Json& components = doc.at("components");
  if (!p.types.empty()) {
    Json& schemas = components.at("schemas");
    for (const auto& t : p.types) schemas.set(t.name, named_schema(t));
  }
  Json& messages = components.at("messages");
  for (const auto& m : p.messages) messages.set(m.name, message(p, m));
  return {p.name + "/asyncapi.json", doc.text()};
}

}  // namespace wirekit::gen
