// The rules of compare_schemas(). Each message travels one way (or both); a change to what it
// may contain either narrows what a receiver accepts, which breaks the old peers that send it
// (they may still send what the new receiver refuses), or widens what a sender may send, which
// breaks the old peers that receive it. The session's rules (handshake, replies, limits, close
// codes) are read the same way: who relied on the old rule, and who meets the new one.
#include "diff/compare.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "load/type_parser.hpp"

namespace wirekit::gen {
namespace {

/// Which ways a message (or a type inside one) travels.
constexpr unsigned kFromClient = 1;
constexpr unsigned kFromServer = 2;

/// How a change alters what is valid on the wire.
constexpr unsigned kNarrows = 1;  ///< refuses what was valid: breaks old senders
constexpr unsigned kWidens = 2;   ///< allows what was invalid: breaks old receivers
constexpr unsigned kAlters = kNarrows | kWidens;

unsigned ways(Side s) {
  return s == Side::client   ? kFromClient
         : s == Side::server ? kFromServer
                             : kFromClient | kFromServer;
}

unsigned impact(unsigned ways, unsigned effect) {
  unsigned b = breaks_nobody;
  if (effect & kNarrows) {
    if (ways & kFromClient) b |= breaks_old_clients;
    if (ways & kFromServer) b |= breaks_old_servers;
  }
  if (effect & kWidens) {
    if (ways & kFromClient) b |= breaks_old_servers;
    if (ways & kFromServer) b |= breaks_old_clients;
  }
  return b;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string number_or(const std::optional<std::uint64_t>& n, const char* none) {
  return n ? std::to_string(*n) : none;
}

SchemaPath join(SchemaPath path, std::initializer_list<std::string> more) {
  path.insert(path.end(), more);
  return path;
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

template <typename T, typename Key>
const T* find_by(const std::vector<T>& list, Key key, const std::string& name) {
  for (const auto& item : list)
    if (key(item) == name) return &item;
  return nullptr;
}

class Differ {
 public:
  Differ(const SchemaVersion& a, const SchemaVersion& b) : a_(a), b_(b) {
    for (const SchemaVersion* v : {&a_, &b_}) {
      for (const auto& m : v->protocol.messages) {
        envelope_ways_[m.envelope] |= ways(m.from);
        for (const auto& f : m.fields) mark(v->protocol, f.type, ways(m.from));
        if (const Envelope* e = find_by(v->protocol.envelopes, name_of<Envelope>, m.envelope))
          for (const auto& f : e->fields) mark(v->protocol, f.type, ways(m.from));
      }
    }
  }

  std::vector<Change> run() {
    metadata();
    transport();
    envelopes();
    types();
    messages();
    interactions();
    streams();
    correlation();
    session();
    close_codes();
    return std::move(out_);
  }

 private:
  template <typename T>
  static const std::string& name_of(const T& t) {
    return t.name;
  }

  /// Records the ways the named types in `type` travel, through structures and unions.
  void mark(const Protocol& p, const TypeRef& type, unsigned w) {
    for (const auto& e : type.element) mark(p, e, w);
    if (type.kind != TypeRef::Kind::named) return;
    unsigned& known = type_ways_[type.name];
    if ((known | w) == known) return;
    known |= w;
    if (const NamedType* t = p.find_type(type.name)) {
      for (const auto& f : t->fields) mark(p, f.type, w);
      for (const auto& v : t->variants) {
        TypeRef variant;
        variant.kind = TypeRef::Kind::named;
        variant.name = v.type_name;
        mark(p, variant, w);
      }
    }
  }

  void add(const std::string& kind, const std::string& subject, unsigned breaks,
           const SchemaPath& old_path, const SchemaPath& new_path, const std::string& what) {
    out_.push_back(
        Change{kind, subject, breaks, a_.source.at(old_path), b_.source.at(new_path), what});
  }
  void add(const std::string& kind, const std::string& subject, unsigned breaks,
           const SchemaPath& path, const std::string& what) {
    add(kind, subject, breaks, path, path, what);
  }

  // ---- the top level and the transport

  void metadata() {
    const Protocol& a = a_.protocol;
    const Protocol& b = b_.protocol;
    const std::pair<const char*, std::pair<std::string, std::string>> keys[] = {
        {"name", {a.name, b.name}},
        {"namespace", {a.cpp_namespace, b.cpp_namespace}},
        {"version", {a.version, b.version}},
        {"title", {a.title, b.title}},
        {"doc", {a.doc, b.doc}},
    };
    for (const auto& [key, values] : keys)
      if (values.first != values.second)
        add("metadata-changed", key, breaks_nobody, {key},
            std::string("'") + key + "' changed from '" + values.first + "' to '" + values.second +
                "': generated names only, not the wire");
  }

  void transport() {
    const Transport& a = a_.protocol.transport;
    const Transport& b = b_.protocol.transport;
    auto both = [&](const char* key, const std::string& from, const std::string& to,
                    const std::string& why) {
      add("transport-" + std::string(key) + "-changed", "", breaks_old_clients | breaks_old_servers,
          {"transport", key},
          "transport '" + std::string(key) + "' changed from " + from + " to " + to + ": " + why);
    };
    if (a.path != b.path)
      both("path", quoted(a.path), quoted(b.path), "each side connects or listens elsewhere");
    if (a.subprotocol != b.subprotocol)
      both("subprotocol", quoted(a.subprotocol), quoted(b.subprotocol),
           "the two sides no longer agree on one");
    if (a.text_only != b.text_only)
      both("frames", a.text_only ? "text" : "any", b.text_only ? "text" : "any",
           "one side may send binary frames the other refuses");
    if (a.max_message_bytes != b.max_message_bytes)
      both("max_message_bytes", std::to_string(a.max_message_bytes),
           std::to_string(b.max_message_bytes),
           a.max_message_bytes > b.max_message_bytes
               ? "an old peer may send a message the new one refuses"
               : "a new peer may send a message an old one refuses");
    if (a.default_port != b.default_port)
      add("transport-default_port-changed", "", breaks_old_clients, {"transport", "default_port"},
          "transport 'default_port' changed from " + std::to_string(a.default_port) + " to " +
              std::to_string(b.default_port) + ": old clients connect to the old port");
    if (a.bearer_auth != b.bearer_auth)
      add("transport-auth-changed", "", b.bearer_auth ? breaks_old_clients : breaks_old_servers,
          {"transport", "auth"},
          b.bearer_auth ? "transport 'auth' is now bearer: old clients send no token"
                        : "transport 'auth' is no longer bearer: new clients send no token an old "
                          "server requires");
    if (a.unoffered_subprotocol != b.unoffered_subprotocol)
      add("transport-unoffered_subprotocol-changed", "",
          a.unoffered_subprotocol == "accept" ? breaks_old_clients : breaks_nobody,
          {"transport", "unoffered_subprotocol"},
          "transport 'unoffered_subprotocol' changed from " + a.unoffered_subprotocol + " to " +
              b.unoffered_subprotocol +
              (a.unoffered_subprotocol == "accept"
                   ? ": old clients that offer no subprotocol are no longer accepted"
                   : ": the server accepts at least what it did"));
  }

  // ---- fields, wherever they are (envelopes, types, messages)

  void fields(const std::vector<Field>& a, const std::vector<Field>& b, const SchemaPath& old_owner,
              const SchemaPath& new_owner, const std::string& owner, unsigned w) {
    auto wire = [](const Field& x) { return x.wire_name; };
    // A field in one version only: a required one breaks whoever still relies on it.
    auto one_side = [&](const Field& f, bool removed) {
      const bool required = f.is_required();
      add(std::string(removed ? "field-removed-" : "field-added-") +
              (required ? "required" : "optional"),
          owner + "." + f.wire_name,
          required ? impact(w, removed ? kWidens : kNarrows) : breaks_nobody,
          join(old_owner, {"fields", f.wire_name}), join(new_owner, {"fields", f.wire_name}),
          std::string(required ? "required" : "optional") + " field " + quoted(f.wire_name) +
              " of " + owner + (removed ? " is removed: " : " is new: ") +
              (!required ? "receivers that do not know it ignore it"
               : removed ? "old receivers still require it"
                         : "old senders leave it out"));
    };
    for (const auto& f : a) {
      if (const Field* g = find_by(b, wire, f.wire_name))
        field(f, *g, join(old_owner, {"fields", f.wire_name}),
              join(new_owner, {"fields", f.wire_name}), owner + "." + f.wire_name, w);
      else
        one_side(f, true);
    }
    for (const auto& g : b)
      if (!find_by(a, wire, g.wire_name)) one_side(g, false);
  }

  void field(const Field& a, const Field& b, const SchemaPath& old_path, const SchemaPath& new_path,
             const std::string& subject, unsigned w) {
    const std::string name = "field " + quoted(subject);
    auto at = [&](const char* key) {
      return std::make_pair(join(old_path, {key}), join(new_path, {key}));
    };
    if (describe(a.type) != describe(b.type)) {
      const auto [o, n] = at("type");
      add("field-type-changed", subject, impact(w, kAlters), o, n,
          name + " changed type from " + describe(a.type) + " to " + describe(b.type));
    }
    if (a.is_required() != b.is_required()) {
      const auto [o, n] = at("optional");
      if (b.is_required())
        add("field-now-required", subject, impact(w, kNarrows), o, n,
            name + " is now required: old senders may leave it out");
      else
        add("field-now-optional", subject, impact(w, kWidens), o, n,
            name + " may now be left out: old receivers require it");
    }
    if (a.nullable != b.nullable) {
      const auto [o, n] = at("nullable");
      if (b.nullable)
        add("field-now-nullable", subject, impact(w, kWidens), o, n,
            name + " may now be null: old receivers refuse null");
      else
        add("field-no-longer-nullable", subject, impact(w, kNarrows), o, n,
            name + " may no longer be null: old senders may send null");
    }
    if (a.default_value && b.default_value && a.default_value->text != b.default_value->text) {
      const auto [o, n] = at("default");
      add("field-default-changed", subject, impact(w, kAlters), o, n,
          name + " default changed from '" + a.default_value->text + "' to '" +
              b.default_value->text + "': a field left out means another value");
    }
    bound(a.limits.min_length, b.limits.min_length, false, "min_length", old_path, new_path,
          subject, w);
    bound(a.limits.max_length, b.limits.max_length, true, "max_length", old_path, new_path, subject,
          w);
    bound(a.limits.max_items, b.limits.max_items, true, "max_items", old_path, new_path, subject,
          w);
    if (a.limits.pattern != b.limits.pattern) {
      const auto [o, n] = at("pattern");
      const bool added = a.limits.pattern.empty();
      const bool removed = b.limits.pattern.empty();
      add(added     ? "limit-tightened"
          : removed ? "limit-loosened"
                    : "limit-changed",
          subject + ".pattern",
          impact(w, added     ? kNarrows
                    : removed ? kWidens
                              : kAlters),
          o, n,
          name + " pattern changed from '" + a.limits.pattern + "' to '" + b.limits.pattern + "'");
    }
    if (a.unset != b.unset) {
      const auto [o, n] = at("unset");
      add("field-unset-changed", subject, breaks_nobody, o, n,
          name + " is written unset another way (omitted or null), which receivers accept alike");
    }
    if (a.cpp_name != b.cpp_name) {
      const auto [o, n] = at("cpp_name");
      add("cpp-name-changed", subject, breaks_nobody, o, n,
          name + " C++ name changed from " + a.cpp_name + " to " + b.cpp_name + ": source only");
    }
    if (a.doc != b.doc) {
      const auto [o, n] = at("doc");
      add("doc-changed", subject, breaks_nobody, o, n, name + " doc changed");
    }
  }

  /// A length or count limit: a larger minimum or a smaller maximum narrows.
  void bound(const std::optional<std::uint64_t>& a, const std::optional<std::uint64_t>& b,
             bool is_max, const char* key, const SchemaPath& old_path, const SchemaPath& new_path,
             const std::string& subject, unsigned w) {
    if (a == b) return;
    const bool tighter = b && (!a || (is_max ? *b < *a : *b > *a));
    add(tighter ? "limit-tightened" : "limit-loosened", subject + "." + key,
        impact(w, tighter ? kNarrows : kWidens), join(old_path, {key}), join(new_path, {key}),
        "field " + quoted(subject) + " '" + key + "' changed from " + number_or(a, "none") +
            " to " + number_or(b, "none") +
            (tighter ? ": old senders may send what new receivers refuse"
                     : ": new senders may send what old receivers refuse"));
  }

  // ---- envelopes and named types

  void envelopes() {
    for (const auto& e : a_.protocol.envelopes) {
      const SchemaPath path = {"envelopes", e.name};
      const Envelope* f = find_by(b_.protocol.envelopes, name_of<Envelope>, e.name);
      if (!f) {
        add("envelope-removed", e.name, breaks_nobody, path,
            "envelope " + quoted(e.name) + " is removed (its messages' changes are listed)");
        continue;
      }
      const unsigned w = envelope_ways_[e.name];
      const std::string name = "envelope " + quoted(e.name);
      if (e.tag != f->tag)
        add("envelope-tag-key-changed", e.name, impact(w, kAlters), join(path, {"tag"}),
            name + " tag key changed from " + quoted(e.tag) + " to " + quoted(f->tag));
      if (e.body != f->body)
        add("envelope-body-changed", e.name, impact(w, kAlters), join(path, {"body"}),
            name + " body changed from " + quoted(e.body.empty() ? "flat" : e.body) + " to " +
                quoted(f->body.empty() ? "flat" : f->body));
      if (e.constants != f->constants)
        add("envelope-constants-changed", e.name, impact(w, kAlters), join(path, {"constants"}),
            name + " constants changed");
      fields(e.fields, f->fields, path, path, e.name, w);
    }
    for (const auto& f : b_.protocol.envelopes)
      if (!find_by(a_.protocol.envelopes, name_of<Envelope>, f.name))
        add("envelope-added", f.name, breaks_nobody, {"envelopes", f.name},
            "envelope " + quoted(f.name) + " is new");
  }

  void types() {
    for (const auto& t : a_.protocol.types) {
      const SchemaPath path = {"types", t.name};
      const NamedType* u = b_.protocol.find_type(t.name);
      if (!u) {
        add("type-removed", t.name, breaks_nobody, path,
            "type " + quoted(t.name) + " is removed (the fields that used it are listed)");
        continue;
      }
      const unsigned w = type_ways_[t.name];
      if (t.kind != u->kind) {
        add("type-kind-changed", t.name, impact(w, kAlters), path,
            "type " + quoted(t.name) + " is now another kind (structure, enum or union)");
        continue;
      }
      fields(t.fields, u->fields, path, path, t.name, w);
      enum_values(t, *u, path, w);
      variants(t, *u, path, w);
      if (t.doc != u->doc)
        add("doc-changed", t.name, breaks_nobody, join(path, {"doc"}),
            "type " + quoted(t.name) + " doc changed");
    }
    for (const auto& u : b_.protocol.types)
      if (!a_.protocol.find_type(u.name))
        add("type-added", u.name, breaks_nobody, {"types", u.name},
            "type " + quoted(u.name) + " is new");
  }

  void enum_values(const NamedType& t, const NamedType& u, const SchemaPath& path, unsigned w) {
    auto wire = [](const EnumValue& v) { return v.wire; };
    for (const auto& v : t.values) {
      const EnumValue* x = find_by(u.values, wire, v.wire);
      const auto at = join(path, {"enum", v.wire});
      if (!x)
        member("enum-value", "enum", "value", t.name, v.wire, at, true, w);
      else if (x->cpp_name != v.cpp_name)
        add("cpp-name-changed", t.name + "." + v.wire, breaks_nobody, at,
            "enum " + quoted(t.name) + " value " + quoted(v.wire) + " C++ name changed from " +
                v.cpp_name + " to " + x->cpp_name + ": source only");
    }
    for (const auto& x : u.values)
      if (!find_by(t.values, wire, x.wire))
        member("enum-value", "enum", "value", t.name, x.wire, join(path, {"enum", x.wire}), false,
               w);
  }

  /// An enum value or a union variant in one version only: removing one narrows, adding
  /// one widens.
  void member(const std::string& kind, const std::string& type_word, const std::string& word,
              const std::string& type, const std::string& name, const SchemaPath& at, bool removed,
              unsigned w) {
    add(kind + (removed ? "-removed" : "-added"), type + "." + name,
        impact(w, removed ? kNarrows : kWidens), at,
        type_word + " " + quoted(type) + " " + word + " " + quoted(name) +
            (removed ? " is removed: old senders may still send it"
                     : " is new: old receivers refuse it"));
  }

  void variants(const NamedType& t, const NamedType& u, const SchemaPath& path, unsigned w) {
    if (t.kind != NamedType::Kind::union_of) return;
    const SchemaPath union_path = join(path, {"union"});
    if (t.union_tag != u.union_tag)
      add("union-tag-key-changed", t.name, impact(w, kAlters), join(union_path, {"tag"}),
          "union " + quoted(t.name) + " tag key changed from " + quoted(t.union_tag) + " to " +
              quoted(u.union_tag));
    auto tag = [](const UnionVariant& v) { return v.tag; };
    for (const auto& v : t.variants) {
      const UnionVariant* x = find_by(u.variants, tag, v.tag);
      const auto at = join(union_path, {"variants", v.tag});
      const std::string subject = t.name + "." + v.tag;
      if (!x)
        member("union-variant", "union", "variant", t.name, v.tag, at, true, w);
      else if (x->type_name != v.type_name)
        add("union-variant-type-changed", subject, impact(w, kAlters), at,
            "union " + quoted(t.name) + " variant " + quoted(v.tag) + " changed type from " +
                v.type_name + " to " + x->type_name);
    }
    for (const auto& x : u.variants)
      if (!find_by(t.variants, tag, x.tag))
        member("union-variant", "union", "variant", t.name, x.tag,
               join(union_path, {"variants", x.tag}), false, w);
  }

  // ---- messages

  static std::string direction(Side s) {
    return s == Side::client   ? "client to server"
           : s == Side::server ? "server to client"
                               : "both ways";
  }

  /// The message of the new schema that `m` became under another name: same tag, same sender.
  const Message* renamed(const Message& m) const {
    if (!m.tag) return nullptr;
    for (const auto& n : b_.protocol.messages)
      if (n.tag == m.tag && n.from == m.from && !a_.protocol.find_message(n.name)) return &n;
    return nullptr;
  }

  void messages() {
    std::vector<std::string> rename_targets;
    for (const auto& m : a_.protocol.messages) {
      const SchemaPath path = {"messages", m.name};
      if (const Message* n = b_.protocol.find_message(m.name)) {
        message(m, *n);
      } else if (const Message* r = renamed(m)) {
        rename_targets.push_back(r->name);
        add("message-renamed", m.name, breaks_nobody, path, {"messages", r->name},
            "message " + quoted(m.name) + " is now called " + quoted(r->name) +
                " (same tag and sender): source only");
        message(m, *r);
      } else {
        add("message-removed", m.name, impact(ways(m.from), kNarrows), path,
            "message " + quoted(m.name) + " (" + direction(m.from) +
                ") is removed: old senders may still send it");
      }
    }
    for (const auto& n : b_.protocol.messages)
      if (!a_.protocol.find_message(n.name) && !contains(rename_targets, n.name))
        add("message-added", n.name, impact(ways(n.from), kWidens), {"messages", n.name},
            "message " + quoted(n.name) + " (" + direction(n.from) +
                ") is new: old receivers do not know it");
  }

  void message(const Message& m, const Message& n) {
    const SchemaPath old_path = {"messages", m.name};
    const SchemaPath new_path = {"messages", n.name};
    const std::string name = "message " + quoted(n.name);
    const unsigned w = ways(m.from) | ways(n.from);
    if (m.tag != n.tag)
      add("message-tag-changed", n.name, impact(w, kAlters), join(old_path, {"tag"}),
          join(new_path, {"tag"}),
          name + " tag changed from " + quoted(m.tag.value_or("(none)")) + " to " +
              quoted(n.tag.value_or("(none)")));
    if (m.from != n.from) {
      const unsigned gone = ways(m.from) & ~ways(n.from);
      const unsigned came = ways(n.from) & ~ways(m.from);
      add("message-direction-changed", n.name, impact(gone, kNarrows) | impact(came, kWidens),
          join(old_path, {"from"}), join(new_path, {"from"}),
          name + " now goes " + direction(n.from) + " instead of " + direction(m.from));
    }
    if (m.envelope != n.envelope)
      add("message-envelope-changed", n.name, impact(w, kAlters), join(old_path, {"envelope"}),
          join(new_path, {"envelope"}),
          name + " envelope changed from " + quoted(m.envelope) + " to " + quoted(n.envelope));
    fields(m.fields, n.fields, old_path, new_path, n.name, w);
    if (m.stub_name != n.stub_name)
      add("stub-name-changed", n.name, breaks_nobody, join(old_path, {"stub_name"}),
          join(new_path, {"stub_name"}), name + " stub name changed: source only");
    if (m.doc != n.doc)
      add("doc-changed", n.name, breaks_nobody, join(old_path, {"doc"}), join(new_path, {"doc"}),
          name + " doc changed");
  }

  // ---- interactions and streams

  /// Replies in `a` and not in `b` break old servers (a new client does not expect them);
  /// replies in `b` and not in `a` break old clients (they do not expect them).
  void replies(const std::vector<std::string>& a, const std::vector<std::string>& b,
               const SchemaPath& path, const std::string& key, const std::string& owner,
               const std::string& kind, const std::string& role) {
    for (const auto& r : a)
      if (!contains(b, r))
        add(kind + "-removed", owner + "." + r, breaks_old_servers, join(path, {key, r}),
            role + " " + quoted(r) + " of " + quoted(owner) +
                " is removed: an old server may still send it to a new client");
    for (const auto& r : b)
      if (!contains(a, r))
        add(kind + "-added", owner + "." + r, breaks_old_clients, join(path, {key, r}),
            role + " " + quoted(r) + " of " + quoted(owner) +
                " is new: an old client does not expect it");
  }

  static std::string correlation_of(const Interaction& i) {
    return i.awaits_next ? "next" : i.correlated ? "default" : "none";
  }

  /// Pairs the interactions (or streams) of both versions by their request: an unpaired one
  /// is reported as removed or added, a pair goes to `compare`.
  template <typename T, typename Find, typename Compare>
  void by_request(const std::vector<T>& a, const std::vector<T>& b, Find find,
                  const std::string& noun, const std::string& awaited, Compare compare) {
    const std::string section = noun + "s";
    for (const auto& i : a) {
      const SchemaPath path = {section, i.request};
      if (const T* j = find(b_.protocol, i.request))
        compare(i, *j, path);
      else
        add(noun + "-removed", i.request, breaks_old_clients, path,
            "the " + noun + " of " + quoted(i.request) + " is removed: old clients wait for " +
                awaited + " a new server need not send");
    }
    for (const auto& j : b)
      if (!find(a_.protocol, j.request))
        add(noun + "-added", j.request, breaks_old_servers, {section, j.request},
            "the " + noun + " of " + quoted(j.request) + " is new: new clients wait for " +
                awaited + " an old server need not send");
  }

  void interactions() {
    by_request(
        a_.protocol.interactions, b_.protocol.interactions,
        [](const Protocol& p, const std::string& r) { return p.interaction_of(r); }, "interaction",
        "a reply",
        [this](const Interaction& i, const Interaction& j, const SchemaPath& path) {
          replies(i.responses, j.responses, path, "responses", i.request, "reply", "reply");
          replies(i.errors, j.errors, path, "errors", i.request, "error-reply", "error reply");
          if (correlation_of(i) != correlation_of(j))
            add("interaction-correlation-changed", i.request,
                breaks_old_clients | breaks_old_servers, join(path, {"correlation"}),
                "the interaction of " + quoted(i.request) + " changed correlation from " +
                    correlation_of(i) + " to " + correlation_of(j));
        });
  }

  void stream_role(const std::vector<std::string>& a, const std::vector<StreamWhen>& a_when,
                   const std::vector<std::string>& b, const std::vector<StreamWhen>& b_when,
                   const SchemaPath& path, const char* key, const std::string& owner,
                   const std::string& role) {
    replies(a, b, path, key, owner, "stream-" + role, "stream " + role);
    for (std::size_t i = 0; i < a.size(); ++i)
      for (std::size_t j = 0; j < b.size(); ++j)
        if (a[i] == b[j] && a_when[i] != b_when[j] && std::count(a.begin(), a.end(), a[i]) == 1 &&
            std::count(b.begin(), b.end(), b[j]) == 1)
          add("stream-condition-changed", owner + "." + a[i],
              breaks_old_clients | breaks_old_servers, join(path, {key, a[i]}),
              "the 'when' of stream " + role + " " + quoted(a[i]) + " of " + quoted(owner) +
                  " changed");
  }

  static std::string keys_of(const Stream& s) {
    return s.request_key + " " + s.item_key + " " + s.cancel_key +
           (s.generated_key ? " generated" : "");
  }

  void streams() {
    by_request(
        a_.protocol.streams, b_.protocol.streams,
        [](const Protocol& p, const std::string& r) { return p.stream_of(r); }, "stream", "items",
        [this](const Stream& s, const Stream& t, const SchemaPath& path) { stream(s, t, path); });
  }

  void stream(const Stream& s, const Stream& t, const SchemaPath& path) {
    stream_role(s.items, s.items_when, t.items, t.items_when, path, "items", s.request, "item");
    stream_role(s.ends, s.ends_when, t.ends, t.ends_when, path, "ends", s.request, "end");
    stream_role(s.failures, s.failures_when, t.failures, t.failures_when, path, "failures",
                s.request, "failure");
    if (s.cancel != t.cancel) {
      const unsigned b = s.cancel.empty()   ? breaks_old_servers
                         : t.cancel.empty() ? breaks_old_clients
                                            : breaks_old_clients | breaks_old_servers;
      add("stream-cancel-changed", s.request, b, join(path, {"cancel"}),
          "the cancel message of stream " + quoted(s.request) + " changed from " +
              quoted(s.cancel) + " to " + quoted(t.cancel));
    }
    if (keys_of(s) != keys_of(t))
      add("stream-key-changed", s.request, breaks_old_clients | breaks_old_servers,
          join(path, {"key"}), "the key of stream " + quoted(s.request) + " changed");
    if (s.one_result != t.one_result)
      add("stream-result-changed", s.request, breaks_old_clients | breaks_old_servers,
          join(path, {"result"}),
          "stream " + quoted(s.request) + " now has " + (t.one_result ? "one result" : "many") +
              " instead of " + (s.one_result ? "one" : "many"));
  }

  // ---- correlation and session

  void correlation() {
    const SchemaPath path = {"correlation"};
    if (a_.source.canonical(path, {"doc", "timeout_ms"}) !=
        b_.source.canonical(path, {"doc", "timeout_ms"}))
      add("correlation-changed", "", breaks_old_clients | breaks_old_servers, path,
          "correlation changed: replies are matched to requests another way");
    if (a_.protocol.correlation.timeout_ms != b_.protocol.correlation.timeout_ms)
      add("correlation-timeout-changed", "", breaks_nobody, join(path, {"timeout_ms"}),
          "the clients' default request timeout changed from " +
              std::to_string(a_.protocol.correlation.timeout_ms) + " to " +
              std::to_string(b_.protocol.correlation.timeout_ms) + " ms");
  }

  void handshake() {
    const Handshake& a = a_.protocol.session.handshake;
    const Handshake& b = b_.protocol.session.handshake;
    const SchemaPath path = {"session", "handshake"};
    const unsigned both = breaks_old_clients | breaks_old_servers;
    if (a.present != b.present) {
      add(b.present ? "handshake-added" : "handshake-removed", "", both, path,
          b.present ? "a handshake is now required: old peers do not perform it"
                    : "the handshake is removed: old peers still perform it");
      return;
    }
    if (!a.present) return;
    auto changed = [&](const char* key, const std::string& from, const std::string& to) {
      if (from != to)
        add("handshake-changed", key, both, join(path, {key}),
            std::string("handshake '") + key + "' changed from " + quoted(from) + " to " +
                quoted(to));
    };
    changed("first", a.first, b.first);
    changed("from", direction(a.from), direction(b.from));
    changed("success", a.success, b.success);
    changed("deadline_from", a.deadline_from, b.deadline_from);
    if (a.within_ms != b.within_ms) {
      // 0: no deadline.
      const bool tighter = b.within_ms != 0 && (a.within_ms == 0 || b.within_ms < a.within_ms);
      add(tighter ? "handshake-deadline-tightened" : "handshake-deadline-loosened", "",
          tighter ? impact(ways(a.from), kNarrows) : breaks_nobody, join(path, {"within_ms"}),
          "handshake 'within_ms' changed from " + std::to_string(a.within_ms) + " to " +
              std::to_string(b.within_ms) +
              (tighter ? ": an old peer may be too slow for the new deadline" : ""));
    }
    // The handshake's sender may send these before it completes; the other side accepts them.
    for (const auto& m : a.allowed_before)
      if (!contains(b.allowed_before, m))
        add("handshake-allowed-before-removed", m, impact(ways(a.from), kNarrows),
            join(path, {"allowed_before", m}),
            quoted(m) + " may no longer come before the handshake: old peers may still send it");
    for (const auto& m : b.allowed_before)
      if (!contains(a.allowed_before, m))
        add("handshake-allowed-before-added", m, impact(ways(b.from), kWidens),
            join(path, {"allowed_before", m}),
            quoted(m) + " may now come before the handshake: old peers refuse it");
  }

  static std::string policy(const std::string& s) { return s.empty() ? "the default" : quoted(s); }

  void session() {
    handshake();
    const Session& a = a_.protocol.session;
    const Session& b = b_.protocol.session;
    if (a.ack_deadline_ms != b.ack_deadline_ms) {
      const bool tighter = b.ack_deadline_ms != 0 &&
                           (a.ack_deadline_ms == 0 || b.ack_deadline_ms < a.ack_deadline_ms);
      add(tighter ? "ack-deadline-tightened" : "ack-deadline-loosened", "",
          tighter ? breaks_old_clients : breaks_nobody, {"session", "acks", "deadline_ms"},
          "the ack deadline changed from " + std::to_string(a.ack_deadline_ms) + " to " +
              std::to_string(b.ack_deadline_ms) + " ms" +
              (tighter ? ": an old client may ack too late" : ""));
    }
    if (a.undecodable_reply != b.undecodable_reply ||
        a.undecodable_error_field != b.undecodable_error_field)
      add("session-reply-changed", "undecodable", breaks_old_clients,
          {"session", "replies", "undecodable"},
          "the reply to an undecodable message changed from " + quoted(a.undecodable_reply) +
              " to " + quoted(b.undecodable_reply) + ": old clients expect the old one");
    if (a.repeated_handshake_reply != b.repeated_handshake_reply)
      add("session-reply-changed", "repeated_handshake", breaks_old_clients,
          {"session", "replies", "repeated_handshake"},
          "the reply to a repeated handshake changed from " + quoted(a.repeated_handshake_reply) +
              " to " + quoted(b.repeated_handshake_reply) + ": old clients expect the old one");
    rate_limit(a, b);
    if (a.invalid_from_client != b.invalid_from_client)
      add("invalid-handling-changed", "from_client", breaks_old_clients,
          {"session", "invalid", "from_client"},
          "what the server does with an invalid message changed from " +
              policy(a.invalid_from_client) + " to " + policy(b.invalid_from_client));
    if (a.invalid_from_server != b.invalid_from_server)
      add("invalid-handling-changed", "from_server", breaks_old_servers,
          {"session", "invalid", "from_server"},
          "what the client does with an invalid message changed from " +
              policy(a.invalid_from_server) + " to " + policy(b.invalid_from_server));
  }

  void rate_limit(const Session& a, const Session& b) {
    if (a.rate_limit_messages == b.rate_limit_messages &&
        a.rate_limit_per_ms == b.rate_limit_per_ms)
      return;
    // Messages per millisecond, compared without division; none is unlimited.
    const bool a_on = a.rate_limit_messages != 0;
    const bool b_on = b.rate_limit_messages != 0;
    const bool tighter =
        b_on && (!a_on || std::uint64_t{b.rate_limit_messages} * a.rate_limit_per_ms <
                              std::uint64_t{a.rate_limit_messages} * b.rate_limit_per_ms);
    auto text = [](const Session& s) {
      return s.rate_limit_messages ? std::to_string(s.rate_limit_messages) + " per " +
                                         std::to_string(s.rate_limit_per_ms) + " ms"
                                   : std::string("none");
    };
    add(tighter ? "rate-limit-tightened" : "rate-limit-loosened", "",
        tighter ? breaks_old_clients : breaks_nobody, {"session", "rate_limit"},
        "the rate limit changed from " + text(a) + " to " + text(b) +
            (tighter ? ": an old client may send faster than the new server allows" : ""));
  }

  void close_codes() {
    const auto& a = a_.protocol.session.close_codes;
    const auto& b = b_.protocol.session.close_codes;
    auto code = [](const CloseCode& c) { return std::to_string(c.code); };
    for (const auto& c : a) {
      const SchemaPath path = {"session", "close_codes", code(c)};
      const CloseCode* d = find_by(b, code, code(c));
      if (!d) {
        if (const CloseCode* moved = find_by(b, name_of<CloseCode>, c.name))
          add("close-code-renumbered", c.name, breaks_old_clients | breaks_old_servers, path,
              {"session", "close_codes", code(*moved)},
              "close code " + c.name + " is now " + code(*moved) + " instead of " + code(c));
        else
          add("close-code-removed", code(c), breaks_old_clients, path,
              "close code " + code(c) + " (" + c.name +
                  ") is removed: old clients wait for it in vain");
        continue;
      }
      if (c.on != d->on)
        add("close-code-conditions-changed", code(c), breaks_old_clients, join(path, {"on"}),
            "close code " + code(c) +
                " now closes on other conditions: old clients read it "
                "the old way");
      if (c.name != d->name)
        add("close-code-name-changed", code(c), breaks_nobody, join(path, {"name"}),
            "close code " + code(c) + " is now called " + d->name + " instead of " + c.name +
                ": source only");
    }
    for (const auto& d : b)
      if (!find_by(a, code, code(d)) && !find_by(a, name_of<CloseCode>, d.name))
        add("close-code-added", code(d), breaks_nobody, {"session", "close_codes", code(d)},
            "close code " + code(d) + " (" + d.name +
                ") is new: an old client sees the number without its name");
  }

  const SchemaVersion& a_;
  const SchemaVersion& b_;
  std::map<std::string, unsigned> type_ways_;
  std::map<std::string, unsigned> envelope_ways_;
  std::vector<Change> out_;
};

}  // namespace

std::vector<Change> compare_schemas(const SchemaVersion& old_version,
                                    const SchemaVersion& new_version) {
  return Differ(old_version, new_version).run();
}

}  // namespace wirekit::gen
