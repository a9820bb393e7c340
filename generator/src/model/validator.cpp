#include "model/validator.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include <wirekit/codegen/char_class.hpp>
#include <wirekit/condition.hpp>

#include "correlation/kind.hpp"
#include "load/type_parser.hpp"
#include "model/names.hpp"
#include "model/primitive_types.hpp"
#include "model/schema_error.hpp"
#include "model/stream_conditions.hpp"
#include "model/stub_names.hpp"

namespace wirekit::gen {

namespace {

bool is_pascal_identifier(const std::string& name) {
  return is_identifier(name) && std::isupper(static_cast<unsigned char>(name[0]));
}

class Validator {
 public:
  explicit Validator(Protocol& p) : p_(p) {}

  void run() {
    envelopes();
    names();
    for (auto& t : p_.types) named_type(t);
    for (auto& e : p_.envelopes) fields(e.fields, "envelope '" + e.name + "'");
    for (auto& m : p_.messages) message(m);
    recursion();
    tags();
    for (const auto& i : p_.interactions) interaction(i);
    for (const auto& st : p_.streams) stream(st);
    stub_names();
    correlation();
    session();
  }

 private:
  void envelopes() {
    for (const auto& e : p_.envelopes) {
      if (e.tag != p_.tag_key())
        throw SchemaError(e.where, "envelope '" + e.name + "' uses tag '" + e.tag +
                                       "' but envelope '" + p_.envelopes.front().name + "' uses '" +
                                       p_.tag_key() +
                                       "': every envelope of a protocol uses the same tag key");
      std::set<std::string> keys = {e.tag};
      auto claim = [&](const std::string& key, const Location& where) {
        if (!keys.insert(key).second)
          throw SchemaError(where, "key '" + key + "' is used twice in envelope '" + e.name + "'");
      };
      plain_key(e.tag, e.where, "tag key");
      if (!e.body.empty()) claim(e.body, e.where);
      for (const auto& c : e.constants) claim(c.first, e.where);
      for (const auto& key : keys) plain_key(key, e.where, "envelope key");
      for (const auto& f : e.fields) claim(f.wire_name, f.where);
    }
  }

  void names() {
    std::map<std::string, Location> seen;
    auto claim = [&](const std::string& name, const Location& where, const std::string& what) {
      if (!is_pascal_identifier(name))
        throw SchemaError(where, what + " name '" + name +
                                     "' must be a PascalCase identifier (it names a C++ type)");
      if (is_standard_macro(name))
        throw SchemaError(where, "'" + name +
                                     "' is a macro of the C++ standard headers; choose "
                                     "another name");
      if (name == "ToServer" || name == "ToClient")
        throw SchemaError(where, "'" + name + "' is reserved for the generated message variants");
      if (name == "Hooks")
        throw SchemaError(where,
                          "'Hooks' is reserved for the generated <name>::detail::Hooks "
                          "(the functions the runtime calls for this protocol)");
      if (name.back() == '_')
        throw SchemaError(where, what + " name '" + name +
                                     "' ends in '_', which is reserved for the generated code's "
                                     "own names (its template parameters)");
      auto [it, fresh] = seen.emplace(name, where);
      if (!fresh)
        throw SchemaError(where, "duplicate name '" + name + "': already defined at line " +
                                     std::to_string(it->second.line) +
                                     " (types and messages share one namespace)");
    };
    for (const auto& t : p_.types) claim(t.name, t.where, "type");
    for (const auto& m : p_.messages) claim(m.name, m.where, "message");
  }

  void named_type(NamedType& t) {
    if (t.kind == NamedType::Kind::structure) fields(t.fields, "type '" + t.name + "'");
    if (t.kind == NamedType::Kind::union_of) {
      std::set<std::string> tags;
      for (const auto& v : t.variants) {
        const NamedType* target = p_.find_type(v.type_name);
        if (!target || target->kind != NamedType::Kind::structure)
          throw SchemaError(v.where, "variant '" + v.tag + "' of union '" + t.name +
                                         "' must name a struct type defined under 'types', not '" +
                                         v.type_name + "'");
        for (const auto& f : target->fields)
          if (f.wire_name == t.union_tag)
            throw SchemaError(f.where, "field '" + f.wire_name + "' of '" + target->name +
                                           "' clashes with the tag of union '" + t.name + "'");
        if (!tags.insert(v.tag).second)
          throw SchemaError(v.where, "union '" + t.name + "' uses tag '" + v.tag + "' twice");
      }
      std::set<std::string> alternatives;
      for (const auto& v : t.variants)
        if (!alternatives.insert(v.type_name).second)
          throw SchemaError(v.where, "union '" + t.name + "' lists type '" + v.type_name +
                                         "' twice; each variant needs its own struct type");
    }
  }

  void fields(std::vector<Field>& list, const std::string& owner) {
    std::map<std::string, const Field*> cpp_names;
    for (auto& f : list) {
      plain_key(f.wire_name, f.where, "field name");
      type_ref(f.type);
      if (f.default_value) default_value(f, owner);
      if (f.limits.any()) limits(f, owner);
      auto [it, fresh] = cpp_names.emplace(f.cpp_name, &f);
      if (!fresh)
        throw SchemaError(f.where, "fields '" + it->second->wire_name + "' and '" + f.wire_name +
                                       "' of " + owner + " both become C++ member '" + f.cpp_name +
                                       "'; set 'cpp_name' on one");
    }
  }

  // max_length and pattern bound strings (or the strings in an array or map); max_items
  // bounds an array or map.
  static void limits(const Field& f, const std::string& owner) {
    const TypeRef& t = f.type;
    const bool container = is_container(t);
    const bool strings = t.kind == TypeRef::Kind::string ||
                         (container && t.element.front().kind == TypeRef::Kind::string);
    const std::string what = "field '" + f.wire_name + "' of " + owner;
    if ((f.limits.max_length || !f.limits.pattern.empty()) && !strings)
      throw SchemaError(f.limits.where, what + ": 'max_length' and 'pattern' apply to string, " +
                                            "array<string> and map<string> fields, not " +
                                            describe(t));
    if (f.limits.min_length && !strings)
      throw SchemaError(f.limits.where, what + ": 'min_length' applies to string, " +
                                            "array<string> and map<string> fields, not " +
                                            describe(t));
    if (f.limits.max_items && !container)
      throw SchemaError(f.limits.where,
                        what + ": 'max_items' applies to array and map fields, not " + describe(t));
    if (f.default_value && f.default_value->kind == DefaultValue::Kind::string) {
      const std::string& d = f.default_value->text;
      const bool matches =
          f.limits.pattern.empty() || parse_pattern(f.limits.pattern).chars.matches(d);
      if ((f.limits.max_length && d.size() > *f.limits.max_length) ||
          (f.limits.min_length && d.size() < *f.limits.min_length) || !matches)
        throw SchemaError(f.where, what + ": the default breaks the field's own limits");
    }
  }

  // Keys are matched as written on the wire, so a key needing escapes could never match.
  static void plain_key(const std::string& key, const Location& where, const std::string& what) {
    for (unsigned char c : key)
      if (c == '"' || c == '\\' || c < 0x20)
        throw SchemaError(where, what + " '" + key +
                                     "' holds a quote, backslash or control character, which "
                                     "JSON would have to escape; choose another");
  }

  void type_ref(const TypeRef& t) {
    if (!t.element.empty()) type_ref(t.element.front());
    if (t.kind == TypeRef::Kind::named && !p_.find_type(t.name))
      throw SchemaError(t.where, "unknown type '" + t.name + "'; define it under 'types' or use " +
                                     primitive_words());
  }

  void default_value(Field& f, const std::string& owner) {
    DefaultValue& d = *f.default_value;
    const std::string what = "default of field '" + f.wire_name + "' of " + owner;
    auto need_scalar = [&] {
      if (d.kind == DefaultValue::Kind::empty_array || d.kind == DefaultValue::Kind::empty_map)
        throw SchemaError(f.where, what + " must be a " + describe(f.type));
    };
    if (const PrimitiveType* row = primitive(f.type.kind)) {
      if (const DefaultRule* rule = row->default_rule) {
        if (!row->container) need_scalar();
        if (!rule->accepts(d)) throw SchemaError(f.where, what + rule->refusal);
        d.kind = rule->becomes;
        return;
      }
    } else {
      need_scalar();
      const NamedType* t = p_.find_type(f.type.name);
      if (t->kind == NamedType::Kind::enumeration) {
        for (const auto& v : t->values)
          if (v.wire == d.text) {
            d.kind = DefaultValue::Kind::enumerator;
            return;
          }
        throw SchemaError(f.where,
                          what + " '" + d.text + "' is not a value of enum '" + t->name + "'");
      }
    }
    throw SchemaError(
        f.where, what + ": a default is only possible for " + types_with_defaults() + " fields");
  }

  // "string, integer, number, boolean, enum, array ([]) and map ({})": the scalar primitive
  // types that take a default, enums, then the containers with their one default.
  static std::string types_with_defaults() {
    std::vector<std::string> names;
    for (const PrimitiveType& t : primitive_types())
      if (t.default_rule && !t.container) names.push_back(t.word);
    names.push_back("enum");
    for (const PrimitiveType& t : primitive_types())
      if (t.default_rule && t.container)
        names.push_back(std::string(t.word) + " (" + t.default_rule->form + ")");
    std::string text = names.front();
    for (std::size_t i = 1; i < names.size(); ++i)
      text += (i + 1 == names.size() ? " and " : ", ") + names[i];
    return text;
  }

  void message(Message& m) {
    const Envelope& e = p_.envelope_of(m);
    fields(m.fields, "message '" + m.name + "'");
    std::set<std::string> top = {e.tag};
    for (const auto& c : e.constants) top.insert(c.first);
    for (const auto& f : e.fields) top.insert(f.wire_name);
    if (!e.body.empty()) top.insert(e.body);
    for (const auto& f : m.fields) {
      if (e.body.empty() && top.count(f.wire_name))
        throw SchemaError(f.where, "field '" + f.wire_name + "' of message '" + m.name +
                                       "' clashes with envelope '" + e.name + "'");
      for (const auto& ef : e.fields)
        if (ef.cpp_name == f.cpp_name)
          throw SchemaError(f.where, "field '" + f.wire_name + "' of message '" + m.name +
                                         "' and envelope field '" + ef.wire_name +
                                         "' both become C++ member '" + f.cpp_name + "'");
    }
    if (!m.tag && !e.body.empty())
      throw SchemaError(m.where, "message '" + m.name +
                                     "' has no tag ('tag: null'); it needs a "
                                     "flat envelope");
  }

  // A struct may contain itself (or a cycle) only through array<> or map<>.
  void recursion() {
    for (const auto& t : p_.types) {
      std::set<std::string> visiting;
      direct_cycle(t.name, t.name, visiting);
    }
    // A union is a std::variant alias, which cannot be declared ahead of its alternatives.
    for (const auto& t : p_.types) {
      if (t.kind != NamedType::Kind::union_of) continue;
      std::set<std::string> seen;
      if (reaches(t.name, t.name, seen, true))
        throw SchemaError(t.where, "union '" + t.name +
                                       "' contains itself (through its variants' "
                                       "fields); recursion is supported through structs only");
    }
  }
  // Whether `target` can be reached from `current` through any field or variant.
  bool reaches(const std::string& target, const std::string& current, std::set<std::string>& seen,
               bool start) {
    if (!start && current == target) return true;
    if (!seen.insert(current).second) return false;
    const NamedType* t = p_.find_type(current);
    if (!t) return false;
    std::vector<std::string> next;
    std::function<void(const TypeRef&)> collect = [&](const TypeRef& r) {
      if (r.kind == TypeRef::Kind::named) next.push_back(r.name);
      for (const auto& e : r.element) collect(e);
    };
    for (const auto& f : t->fields) collect(f.type);
    for (const auto& v : t->variants) next.push_back(v.type_name);
    for (const auto& n : next)
      if (reaches(target, n, seen, false)) return true;
    return false;
  }
  void direct_cycle(const std::string& root, const std::string& current,
                    std::set<std::string>& visiting) {
    const NamedType* t = p_.find_type(current);
    if (!t || !visiting.insert(current).second) return;
    auto follow = [&](const std::string& next, const Location& where) {
      if (next == root)
        throw SchemaError(where, "type '" + root +
                                     "' contains itself other than through "
                                     "array<...> or map<...>; that would have infinite size");
      direct_cycle(root, next, visiting);
    };
    if (t->kind == NamedType::Kind::structure)
      for (const auto& f : t->fields)
        if (f.type.kind == TypeRef::Kind::named) follow(f.type.name, f.where);
    if (t->kind == NamedType::Kind::union_of)
      for (const auto& v : t->variants) follow(v.type_name, v.where);
  }

  bool is_response(const std::string& name) const {
    for (const auto& i : p_.interactions) {
      if (!i.correlated) continue;
      if (std::count(i.responses.begin(), i.responses.end(), name) ||
          std::count(i.errors.begin(), i.errors.end(), name))
        return true;
    }
    return false;
  }

  void tags() {
    for (int side = 0; side < 2; ++side) {
      std::map<std::string, const Message*> by_tag;
      const Message* untagged = nullptr;
      for (const auto& m : p_.messages) {
        if (!(side == 0 ? m.sent_by_client() : m.sent_by_server())) continue;
        if (!m.tag) {
          if (untagged)
            throw SchemaError(m.where, "messages '" + untagged->name + "' and '" + m.name +
                                           "' both have no tag; at most one message per side may "
                                           "be untagged");
          untagged = &m;
          continue;
        }
        auto [it, fresh] = by_tag.emplace(*m.tag, &m);
        if (fresh) continue;
        const bool shared_replies = p_.correlation.kind().correlates() &&
                                    is_response(it->second->name) && is_response(m.name);
        if (!shared_replies)
          throw SchemaError(m.where, "tag '" + *m.tag + "' of message '" + m.name +
                                         "' is already used by message '" + it->second->name +
                                         "' sent by the same side; only correlated responses "
                                         "may share a tag");
      }
    }
  }

  const Message& require_message(const std::string& name, const Location& where,
                                 const std::string& role) {
    return gen::require_message(p_, name, where, role);
  }

  void interaction(const Interaction& i) {
    const Message& request = require_message(i.request, i.where, "an interaction's 'request'");
    if (i.responses.empty() && i.errors.empty())
      throw SchemaError(i.where,
                        "the interaction of '" + i.request + "' lists no 'responses' or 'errors'");
    auto check_reply = [&](const std::string& name) {
      const Message& reply =
          require_message(name, i.where, "the interaction of '" + i.request + "'");
      const bool ok =
          request.from == Side::both || reply.from == Side::both || reply.from != request.from;
      if (!ok)
        throw SchemaError(i.where, "reply '" + name + "' to '" + i.request +
                                       "' is sent by the same side as the request");
    };
    for (const auto& r : i.responses) check_reply(r);
    for (const auto& r : i.errors) check_reply(r);
    // Without a correlating kind nothing matches the reply: the schema says what the stubs do.
    if (i.correlated && !p_.correlation.kind().correlates())
      throw SchemaError(i.where, "the interaction of '" + i.request +
                                     "': the protocol's correlation cannot match its replies; "
                                     "say 'correlation: next' (the client stub awaits the next "
                                     "reply) or 'correlation: none' (a one-way send, replies "
                                     "reach their push handlers)");
  }

  /// A stream key field: a string (or, for `array_ok`, an array of strings) of `m`.
  void stream_key(const Stream& st, const Message& m, const std::string& key, bool array_ok) {
    const Field* f = p_.any_field(m, key);
    if (!f)
      throw SchemaError(st.where, "the stream of '" + st.request + "': message '" + m.name +
                                      "' has no key field '" + key + "'");
    const bool is_string = f->type.kind == TypeRef::Kind::string;
    const bool is_list = f->type.kind == TypeRef::Kind::array &&
                         f->type.element.front().kind == TypeRef::Kind::string;
    if (f->is_optional_in_cpp() || !(is_string || (array_ok && is_list)))
      throw SchemaError(f->where, "stream key '" + key + "' of '" + m.name + "' must be a " +
                                      (array_ok ? "string or array<string>" : "string") +
                                      " that is neither optional nor nullable");
  }

  void stream(const Stream& st) {
    const std::string what = "the stream of '" + st.request + "'";
    const Message& request = require_message(st.request, st.where, "a stream's 'request'");
    if (request.from != Side::client)
      throw SchemaError(st.where, what + ": the request must be sent by the client");
    if (p_.interaction_of(st.request))
      throw SchemaError(st.where, what + ": '" + st.request +
                                      "' is also an interaction's request; a request either "
                                      "gets replies or opens a stream");
    for (const auto& other : p_.streams)
      if (&other != &st && other.request == st.request)
        throw SchemaError(st.where, what + " is declared twice");
    if (st.items.empty()) throw SchemaError(st.where, what + " lists no 'items'");
    stream_key(st, request, st.request_key, true);
    const auto check = [&](const std::vector<std::string>& names,
                           const std::vector<StreamWhen>& whens) {
      for (std::size_t i = 0; i < names.size(); ++i) {
        const Message& m = require_message(names[i], st.where, what);
        if (m.from == Side::client)
          throw SchemaError(st.where, what + ": '" + names[i] + "' must be sent by the server");
        stream_key(st, m, st.item_key, false);
        stream_when(st, m, whens.at(i));
      }
    };
    check(st.items, st.items_when);
    check(st.ends, st.ends_when);
    check(st.failures, st.failures_when);
    if (!st.cancel.empty()) {
      const Message& cancel = require_message(st.cancel, st.where, what + "'s 'cancel'");
      if (cancel.from == Side::server)
        throw SchemaError(st.where, what + ": the cancel message must be sent by the client");
      stream_key(st, cancel, st.cancel_key, true);
    }
    if (st.generated_key) {
      const Field* key = p_.any_field(request, st.request_key);
      if (key->type.kind != TypeRef::Kind::string)
        throw SchemaError(st.where, what + ": a generated key must be a string field, not '" +
                                        st.request_key + "'");
    }
    if (st.one_result && st.ends.empty())
      throw SchemaError(st.where, what +
                                      ": a one-result stream ('result: one') needs an end "
                                      "message that completes it");
    if (stream_conditions(p_).size() > 32)
      throw SchemaError(st.where, what + ": a protocol may give at most 32 'when' conditions");
  }

  /// `when:` of a stream message: fields of `m` and values of their type.
  void stream_when(const Stream& st, const Message& m, const StreamWhen& when) {
    for (const auto& [field, value] : when) {
      const Field* f = p_.any_field(m, field);
      if (!f)
        throw SchemaError(st.where, "the stream of '" + st.request + "': 'when' names field '" +
                                        field + "', which '" + m.name + "' does not have");
      if (field_value_literal(p_, *f, value).empty())
        throw SchemaError(f->where, "the stream of '" + st.request + "': 'when' value '" + value +
                                        "' is not a value of field '" + field + "' of '" + m.name +
                                        "' (a string, integer, boolean or enum field)");
    }
  }

  // The stubs name a method after each message (`service_create`) and a handler `on_` it.
  void stub_names() {
    const auto& reserved = reserved_stub_members();
    std::map<std::string, const Message*> methods;
    for (const auto& m : p_.messages) {
      const std::string name = method_name(m);
      if (auto [it, fresh] = methods.emplace(name, &m); !fresh)
        throw SchemaError(m.where, "messages '" + it->second->name + "' and '" + m.name +
                                       "' both give the generated stubs a member '" + name +
                                       "'; set 'stub_name' on one");
      for (const auto& taken : {name, "on_" + name})
        if (taken.rfind("stub_", 0) == 0 ||
            std::find(reserved.begin(), reserved.end(), taken) != reserved.end())
          throw SchemaError(m.where, "message '" + m.name +
                                         "' would give the generated stubs "
                                         "a member '" +
                                         taken +
                                         "', which they already have; "
                                         "rename the message or set its 'stub_name'");
    }
  }

  void correlation() { p_.correlation.kind().validate(p_, p_.correlation.where); }

  void session() {
    const Session& s = p_.session;
    const Handshake& h = s.handshake;
    if (h.present) {
      const Message& first = require_message(h.first, h.where, "'handshake.first'");
      if (!first.tag) throw SchemaError(h.where, "the handshake message needs a tag");
      if (!(h.from == Side::client ? first.sent_by_client() : first.sent_by_server()))
        throw SchemaError(h.where, "handshake message '" + h.first + "' is not sent by the " +
                                       (h.from == Side::client ? "client" : "server"));
      if (!h.success.empty()) require_message(h.success, h.where, "'handshake.success'");
      if (!h.deadline_from.empty() && !p_.field_at(first, h.deadline_from) &&
          !has_json_field_on_path(first, h.deadline_from))
        throw SchemaError(h.where, "'deadline_from' names no field of '" + h.first + "': '" +
                                       h.deadline_from + "'");
    }
    for (const auto& name : h.allowed_before) {
      require_message(name, h.where, "'handshake.allowed_before'");
      if (name == h.first || name == h.success)
        throw SchemaError(h.where, "'handshake.allowed_before' lists '" + name +
                                       "', which is the handshake's own message");
    }
    const Location where = h.where;
    if (s.invalid_from_client == "reply" && s.undecodable_reply.empty())
      throw SchemaError(s.invalid_where,
                        "'invalid.from_client: reply' needs the reply in 'replies.undecodable'");
    if (!s.undecodable_reply.empty()) undecodable_reply(s, where);
    if (!s.repeated_handshake_reply.empty())
      require_message(s.repeated_handshake_reply, where, "'replies.repeated_handshake'");
    std::set<std::string> names;
    std::set<std::uint16_t> codes;
    for (const auto& c : s.close_codes) {
      if (!codes.insert(c.code).second)
        throw SchemaError(c.where, "close code " + std::to_string(c.code) + " is declared twice");
      if (!names.insert(c.name).second)
        throw SchemaError(c.where, "close code name '" + c.name + "' is used twice");
      for (const auto& on : c.on) {
        if (on == "repeated_handshake" && !s.repeated_handshake_reply.empty())
          throw SchemaError(c.where, "close code " + std::to_string(c.code) +
                                         " closes on repeated_handshake, which "
                                         "'replies.repeated_handshake' already answers; keep one");
        if (on == "repeated_handshake" && !h.present)
          throw SchemaError(c.where, "close code " + std::to_string(c.code) +
                                         " closes on repeated_handshake, but there is no "
                                         "'handshake'");
        if (on == "subprotocol_not_offered" && p_.transport.unoffered_subprotocol != "close")
          throw SchemaError(c.where, "close code " + std::to_string(c.code) +
                                         " closes on subprotocol_not_offered, which needs "
                                         "'transport.unoffered_subprotocol: close'");
        if (!condition_named(on)) {
          std::string list;
          for (const auto& k : kConditions)
            list += (list.empty() ? "" : ", ") + std::string(k.name);
          throw SchemaError(c.where, "unknown condition '" + on + "' for close code " +
                                         std::to_string(c.code) + "; expected one of: " + list);
        }
      }
    }
  }

  // The runtime fills in the reply to an undecodable payload itself: the error text goes into
  // `error_field`, the sequence number into the correlation field; nothing else may be required.
  void undecodable_reply(const Session& s, const Location& where) {
    const Message& m = require_message(s.undecodable_reply, where, "'replies.undecodable'");
    const Envelope& e = p_.envelope_of(m);
    std::vector<const Field*> all;
    for (const auto& f : e.fields) all.push_back(&f);
    for (const auto& f : m.fields) all.push_back(&f);
    bool found = s.undecodable_error_field.empty();
    for (const Field* f : all) {
      if (f->wire_name == s.undecodable_error_field) {
        if (f->type.kind != TypeRef::Kind::string)
          throw SchemaError(f->where,
                            "'error_field' of replies.undecodable must be a string field, "
                            "not '" +
                                f->wire_name + "'");
        found = true;
        continue;
      }
      const std::string seq = p_.correlation.kind().seq_field();
      const bool correlation = !seq.empty() && f->wire_name == seq;
      if (f->is_required() && !correlation)
        throw SchemaError(where, "reply '" + m.name +
                                     "' to undecodable payloads has the required "
                                     "field '" +
                                     f->wire_name + "' the runtime cannot fill; " +
                                     (s.undecodable_error_field.empty()
                                          ? "name the field for the error text with 'error_field'"
                                          : "make it optional or give it a default"));
    }
    if (!found)
      throw SchemaError(where, "'error_field' names no field of '" + m.name + "': '" +
                                   s.undecodable_error_field + "'");
  }

  // deadline_from may go into a free-form json field (e.g. payload.ack_timeout_ms).
  bool has_json_field_on_path(const Message& m, const std::string& dotted) const {
    const std::string first = dotted.substr(0, dotted.find('.'));
    const Envelope& e = p_.envelope_of(m);
    std::vector<const Field*> candidates;
    for (const auto& f : e.fields) candidates.push_back(&f);
    if (e.body.empty())
      for (const auto& f : m.fields) candidates.push_back(&f);
    for (const Field* f : candidates)
      if (f->wire_name == first && is_free_form(f->type)) return true;
    return false;
  }

  Protocol& p_;
};

}  // namespace

const Message& require_message(const Protocol& p, const std::string& name, const Location& where,
                               const std::string& role) {
  const Message* m = p.find_message(name);
  if (!m) throw SchemaError(where, role + " names an undefined message '" + name + "'");
  return *m;
}

void validate(Protocol& protocol) { Validator(protocol).run(); }

}  // namespace wirekit::gen
