#include "cases.hpp"

#include <simdjson.h>

#include <algorithm>
#include <memory>

#include "correlation/kind.hpp"
#include "sample.hpp"

namespace wirekit::probe {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

CaseResult pass(std::string why) { return {"", Verdict::pass, std::move(why)}; }
CaseResult fail(std::string why) { return {"", Verdict::fail, std::move(why)}; }
CaseResult skip(std::string why) { return {"", Verdict::skip, std::move(why)}; }

/// What the schema says a server answers with.
struct Expect {
  enum class Kind { reply, close, stays_open };
  Kind kind = Kind::close;
  std::vector<std::string> replies;  ///< message names, for reply
  std::uint16_t code = 0;            ///< for close; 0: any code
  std::string rule;                  ///< the schema's rule, for the report
};

class Prober {
 public:
  Prober(const gen::Protocol& p, const ProbeOptions& o) : p_(p), o_(o) {}

  std::vector<CaseResult> run(void (*each)(const CaseResult&)) {
    auto add = [&](const std::string& name, CaseResult r) {
      r.name = name;
      if (each) each(r);
      results_.push_back(std::move(r));
    };
    add("connect", connect_case());
    if (results_.back().verdict == Verdict::fail) return std::move(results_);
    if (!p_.transport.subprotocol.empty()) add("subprotocol not offered", subprotocol_case());
    add("handshake", handshake_case());
    add("handshake refused", refused_handshake_case());
    add("handshake deadline", deadline_case());
    add("message before the handshake", early_message_case());
    add("malformed JSON", invalid_case("{\"wirekit-probe\": ", "malformed JSON"));
    add("unknown tag",
        invalid_case("{\"" + p_.tag_key() + "\":\"wirekit-probe-unknown\"}", "an unknown tag"));
    add("field over its max_length", over_length_case());
    for (const auto& i : p_.interactions) add("request " + i.request, request_case(i));
    for (const auto& s : p_.streams) add("stream " + s.request, stream_case(s));
    add("sequence numbering", sequence_case());
    add("acks", ack_case());
    return std::move(results_);
  }

 private:
  // ---- the connection and the handshake

  std::unique_ptr<WsSocket> open(std::string& why, bool offer = true) {
    if (p_.transport.bearer_auth && o_.bearer.empty()) {
      why = "the schema says auth: bearer; give a token with --bearer";
      return nullptr;
    }
    auto s = std::make_unique<WsSocket>();
    const int status = s->open(o_.at, offer ? p_.transport.subprotocol : "", o_.bearer);
    if (status != 101) {
      why = status ? "the upgrade was answered with HTTP " + std::to_string(status)
                   : "no WebSocket upgrade from " + o_.at.host + ":" + o_.at.port;
      return nullptr;
    }
    return s;
  }

  /// The message a server sent, by its tag: the first of `expected` with that tag (replies may
  /// share one), else the first server message; "" when no server message has it.
  std::string message_of(const std::string& text,
                         const std::vector<std::string>& expected = {}) const {
    simdjson::dom::element doc;
    if (parser_.parse(text).get(doc) || !doc.is_object()) return "";
    std::string_view tag;
    if (doc[p_.tag_key()].get_string().get(tag)) return "";
    for (const auto& name : expected)
      if (const gen::Message* m = p_.find_message(name); m && m->tag && *m->tag == tag)
        return m->name;
    for (const auto& m : p_.messages)
      if (m.sent_by_server() && m.tag && *m.tag == tag) return m.name;
    return "";
  }

  /// The first of `names` that carries no tag; "" when none.
  std::string untagged(const std::vector<std::string>& names) const {
    for (const auto& name : names)
      if (const gen::Message* m = p_.find_message(name); m && !m->tag) return name;
    return "";
  }

  /// "4007 (BAD_VERSION)".
  std::string code_text(std::uint16_t code) const {
    for (const auto& c : p_.session.close_codes)
      if (c.code == code) return std::to_string(code) + " (" + c.name + ")";
    return std::to_string(code);
  }

  /// The raw JSON of top-level field `wire` of `text`; "" when absent.
  std::string field_of(const std::string& text, const std::string& wire) const {
    simdjson::dom::element doc, value;
    if (parser_.parse(text).get(doc) || doc[wire].get(value)) return "";
    return simdjson::minify(value);
  }

  /// Waits for one of `names` (other messages are passed over); the text, or "" with `why`.
  /// A reply without a tag is known by the request id it echoes (`id`, when not empty).
  std::string await(WsSocket& s, const std::vector<std::string>& names, std::string& why,
                    milliseconds wait, const std::string& id = "") {
    const auto deadline = Clock::now() + wait;
    for (;;) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      const Received r = s.receive(std::max(left, milliseconds(1)));
      if (r.kind == Received::Kind::text) {
        const std::string name = message_of(r.text, names);
        if (std::find(names.begin(), names.end(), name) != names.end()) return r.text;
        if (name.empty() && !untagged(names).empty() && !id.empty() &&
            field_of(r.text, p_.correlation.kind().reply_key()) == id)
          return r.text;
        continue;
      }
      why = r.kind == Received::Kind::close ? "the server closed with " + code_text(r.code)
            : r.kind == Received::Kind::lost
                ? "the server dropped the connection"
                : "nothing within " + std::to_string(wait.count()) + " ms";
      return "";
    }
  }

  /// Opens a connection and completes the handshake; null with `why` when either fails.
  std::unique_ptr<WsSocket> session(std::string& why) {
    auto s = open(why);
    if (!s) return nullptr;
    const gen::Handshake& h = p_.session.handshake;
    if (!h.present) return s;
    const gen::Message* first = p_.find_message(h.first);
    if (h.from == gen::Side::client) {
      if (!s->send_text(sample(*first))) {
        why = "the connection closed before the handshake";
        return nullptr;
      }
      if (h.success.empty()) return s;
      if (await(*s, {h.success}, why, o_.wait).empty()) {
        why = h.first + " was not answered with " + h.success + ": " + why;
        return nullptr;
      }
      return s;
    }
    const std::string text = await(*s, {h.first}, why, o_.wait);
    if (text.empty()) {
      why = "the server did not open the handshake with " + h.first + ": " + why;
      return nullptr;
    }
    if (const gen::Message* reply = p_.find_message(h.success)) {
      // The reply takes the values of the fields it shares with the server's first message
      // (an ack names what it acks).
      Overrides same;
      for (const auto& f : reply->fields)
        if (const std::string v = field_of(text, f.wire_name); !v.empty()) same[f.wire_name] = v;
      s->send_text(sample(*reply, same));
      if (s->receive(milliseconds(300)).kind == Received::Kind::close) {
        why = "the server closed after " + h.success;
        return nullptr;
      }
    }
    return s;
  }

  CaseResult connect_case() {
    std::string why;
    return open(why) ? pass("upgraded at " + o_.at.path) : fail(why);
  }

  std::uint16_t code_for(const std::string& condition) const {
    for (const auto& c : p_.session.close_codes)
      if (std::find(c.on.begin(), c.on.end(), condition) != c.on.end()) return c.code;
    return 0;
  }

  CaseResult subprotocol_case() {
    if (p_.transport.bearer_auth && o_.bearer.empty())
      return skip("the schema says auth: bearer; give a token with --bearer");
    WsSocket s;
    const int status = s.open(o_.at, "", o_.bearer);
    const std::string& rule = p_.transport.unoffered_subprotocol;
    if (rule == "accept")
      return status == 101 ? pass("accepted without the subprotocol, as 'accept' says")
                           : fail("refused with HTTP " + std::to_string(status) +
                                  " though the schema says accept");
    if (rule == "refuse")
      return status != 101 ? pass("refused with HTTP " + std::to_string(status))
                           : fail("upgraded without " + p_.transport.subprotocol +
                                  " though the schema says refuse");
    if (status != 101)
      return fail("refused with HTTP " + std::to_string(status) + " though the schema says close");
    return check(s, close_expectation("subprotocol_not_offered", 0));
  }

  CaseResult handshake_case() {
    const gen::Handshake& h = p_.session.handshake;
    if (!h.present) return skip("the schema has no handshake");
    std::string why;
    if (!session(why)) return fail(why);
    if (h.from == gen::Side::server)
      return pass("the server opened with " + h.first +
                  (h.success.empty() ? "" : ", and took " + h.success));
    return pass(h.first + (h.success.empty() ? " accepted" : " answered with " + h.success));
  }

  Expect close_expectation(const std::string& condition, std::uint16_t fallback) const {
    Expect e;
    e.kind = Expect::Kind::close;
    e.code = code_for(condition);
    if (!e.code) e.code = fallback;
    e.rule = e.code ? "close " + std::to_string(e.code) + " (" + condition + ")"
                    : "a close (" + condition + ")";
    return e;
  }

  CaseResult deadline_case() {
    const gen::Handshake& h = p_.session.handshake;
    if (!h.present) return skip("the schema has no handshake");
    if (h.from != gen::Side::client) return skip("the server opens the handshake");
    if (h.within_ms == 0) return skip("the handshake has no deadline (within_ms)");
    if (h.within_ms > 15000)
      return skip("the deadline of " + std::to_string(h.within_ms) + " ms is too long to wait");
    std::string why;
    auto s = open(why);
    if (!s) return fail(why);
    return check(*s, close_expectation("handshake_timeout", 0),
                 milliseconds(h.within_ms) + o_.wait);
  }

  /// The handshake's first message without its required fields: a handshake that does not
  /// decode, which the schema closes for (handshake_undecodable).
  CaseResult refused_handshake_case() {
    const gen::Handshake& h = p_.session.handshake;
    if (!h.present) return skip("the schema has no handshake");
    if (h.from != gen::Side::client) return skip("the server opens the handshake");
    const gen::Message* first = p_.find_message(h.first);
    if (!first || !first->tag) return skip(h.first + " carries no tag to send alone");
    std::vector<std::string> left_out;
    for (const auto& f : first->fields)
      if (f.is_required()) left_out.push_back(f.wire_name);
    if (left_out.empty()) return skip(h.first + " has no required field to leave out");
    std::string why;
    auto s = open(why);
    if (!s) return fail(why);
    s->send_text("{\"" + p_.tag_key() + "\":\"" + *first->tag + "\"}");
    CaseResult r = check(*s, close_expectation("handshake_undecodable", 0));
    r.why = h.first + " without " + left_out.front() + ": " + r.why;
    return r;
  }

  CaseResult early_message_case() {
    const gen::Handshake& h = p_.session.handshake;
    if (!h.present) return skip("the schema has no handshake");
    if (h.from != gen::Side::client) return skip("the server opens the handshake");
    const gen::Message* early = nullptr;
    for (const auto& m : p_.messages)
      if (m.sent_by_client() && m.name != h.first && m.tag &&
          std::find(h.allowed_before.begin(), h.allowed_before.end(), m.name) ==
              h.allowed_before.end()) {
        early = &m;
        break;
      }
    if (!early) return skip("every client message may come before the handshake");
    std::string why;
    auto s = open(why);
    if (!s) return fail(why);
    s->send_text(sample(*early));
    return check(*s, close_expectation("handshake_wrong_message", 0));
  }

  /// What the server does with an invalid payload after the handshake (schemas/README.md,
  /// `invalid`); `condition` may have a close code of its own.
  Expect invalid_expectation(const std::string& condition) const {
    if (condition != "undecodable" && code_for(condition)) return close_expectation(condition, 0);
    std::string policy = p_.session.invalid_from_client;
    if (policy.empty()) policy = p_.session.undecodable_reply.empty() ? "close" : "reply";
    Expect e;
    if (policy == "reply") {
      e.kind = Expect::Kind::reply;
      e.replies = {p_.session.undecodable_reply};
      e.rule = "the reply " + p_.session.undecodable_reply;
    } else if (policy == "ignore") {
      e.kind = Expect::Kind::stays_open;
      e.rule = "ignored ('invalid.from_client: ignore')";
    } else {
      e = close_expectation("undecodable", 1007);
    }
    return e;
  }

  CaseResult check(WsSocket& s, const Expect& e, milliseconds wait = milliseconds(0)) {
    if (wait.count() == 0) wait = o_.wait;
    const auto deadline = Clock::now() + wait;
    for (;;) {
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      const Received r = s.receive(std::max(left, milliseconds(1)));
      switch (r.kind) {
        case Received::Kind::text: {
          const std::string name = message_of(r.text, e.replies);
          if (e.kind == Expect::Kind::reply &&
              std::find(e.replies.begin(), e.replies.end(), name) != e.replies.end())
            return pass("answered with " + name + ", as the schema says");
          continue;  // a push meanwhile
        }
        case Received::Kind::close:
          if (e.kind == Expect::Kind::close && (e.code == 0 || e.code == r.code))
            return pass("closed with " + code_text(r.code) + ", as the schema says");
          return fail("closed with " + code_text(r.code) + "; the schema says " + e.rule);
        case Received::Kind::lost:
          return fail("the connection dropped without a close frame; the schema says " + e.rule);
        case Received::Kind::timeout:
          if (e.kind == Expect::Kind::stays_open) return pass("still open, as the schema says");
          return fail("nothing within " + std::to_string(wait.count()) + " ms; the schema says " +
                      e.rule);
      }
    }
  }

  CaseResult invalid_case(const std::string& payload, const std::string& what) {
    std::string why;
    auto s = session(why);
    if (!s) return skip("no session (see the handshake case): " + why);
    s->send_text(payload);
    CaseResult r = check(*s, invalid_expectation("undecodable"));
    r.why = "after " + what + ": " + r.why;
    return r;
  }

  /// A client message that opens an interaction or a stream, else any client message; with
  /// its top-level or body string field that has a max_length.
  CaseResult over_length_case() {
    for (const auto& m : p_.messages) {
      if (!m.sent_by_client() || !m.tag || m.name == p_.session.handshake.first) continue;
      std::vector<gen::Field> fields = p_.envelope_of(m).fields;
      fields.insert(fields.end(), m.fields.begin(), m.fields.end());
      for (const auto& f : fields) {
        if (f.type.kind != gen::TypeRef::Kind::string || !f.limits.max_length) continue;
        if (*f.limits.max_length > 1000000) continue;
        std::string why;
        auto s = session(why);
        if (!s) return skip("no session (see the handshake case): " + why);
        s->send_text(
            sample(m, {{f.wire_name, sample_string_of(f.limits, *f.limits.max_length + 1)}}));
        CaseResult r = check(*s, invalid_expectation("invalid_value"));
        r.why = m.name + "." + f.wire_name + " of " + std::to_string(*f.limits.max_length + 1) +
                " bytes: " + r.why;
        return r;
      }
    }
    return skip("no client message has a string field with a max_length");
  }

  // ---- requests and streams

  /// The request's correlation: the echo field set to a known value, to check the reply.
  std::pair<Overrides, std::string> correlated(const gen::Message& m) {
    const auto& kind = p_.correlation.kind();
    if (kind.request_key().empty() || kind.reply_key().empty()) return {};
    const gen::Field* f = p_.top_level_field(m, kind.request_key());
    if (!f || f->type.kind != gen::TypeRef::Kind::string) return {};
    const std::string id = "\"probe-request-" + std::to_string(++requests_) + "\"";
    return {{{kind.request_key(), id}}, id};
  }

  CaseResult request_case(const gen::Interaction& i) {
    if (i.request == p_.session.handshake.first) return skip("the handshake's first message");
    const gen::Message* m = p_.find_message(i.request);
    if (!m->tag) return skip(i.request + " has no tag");
    if (!i.correlated && !i.awaits_next && i.responses.empty() && i.errors.empty())
      return skip("one-way: the schema declares no reply");
    std::string why;
    auto s = session(why);
    if (!s) return skip("no session (see the handshake case): " + why);
    const auto [overrides, id] = correlated(*m);
    s->send_text(sample(*m, overrides));
    std::vector<std::string> replies = i.responses;
    replies.insert(replies.end(), i.errors.begin(), i.errors.end());
    const std::string text = await(*s, replies, why, o_.wait, id);
    if (text.empty() && why.rfind("nothing within", 0) == 0)
      return skip("no reply (" + why +
                  "); the schema sets no deadline, and a server may leave a request "
                  "unanswered or wait on something the probe cannot cause");
    if (text.empty()) return fail("no declared reply (" + join(replies) + "): " + why);
    std::string name = message_of(text, replies);
    if (name.empty()) name = untagged(replies);
    if (!id.empty()) {
      const std::string echoed = field_of(text, p_.correlation.kind().reply_key());
      if (echoed != id)
        return fail(name + " names request " + (echoed.empty() ? "none" : echoed) + ", not " + id);
    }
    return pass("answered with " + name + (id.empty() ? "" : ", naming the request"));
  }

  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  CaseResult stream_case(const gen::Stream& st) {
    const gen::Message* m = p_.find_message(st.request);
    if (!m->tag) return skip(st.request + " has no tag");
    const gen::Field* key = p_.any_field(*m, st.request_key);
    if (!key || st.generated_key) return skip("the stream's key is generated by the runtime");
    const bool array = key->type.kind == gen::TypeRef::Kind::array;
    const std::string value = "probe-stream-" + std::to_string(++requests_);
    std::string why;
    auto s = session(why);
    if (!s) return skip("no session (see the handshake case): " + why);
    s->send_text(
        sample(*m, {{st.request_key, array ? "[\"" + value + "\"]" : "\"" + value + "\""}}));
    std::vector<std::string> answers = st.items;
    answers.insert(answers.end(), st.ends.begin(), st.ends.end());
    answers.insert(answers.end(), st.failures.begin(), st.failures.end());
    const std::string text = await(*s, answers, why, o_.wait);
    if (text.empty()) {
      if (why.rfind("nothing within", 0) == 0)
        return skip("no item, end or failure came (" + why +
                    "): a stream may stay quiet until its data changes");
      return fail(why);
    }
    // The key travels at the top level or in the body; either names this stream.
    const std::string name = message_of(text, answers);
    if (text.find("\"" + value + "\"") == std::string::npos)
      return fail(name + " does not carry the stream's key " + value);
    return pass(name + " came with the stream's key");
  }

  CaseResult sequence_case() {
    const std::string field = p_.correlation.kind().seq_field();
    if (field.empty()) return skip("the schema's correlation is no sequence");
    const gen::Interaction* target = nullptr;
    for (const auto& i : p_.interactions)
      if (i.correlated && i.request != p_.session.handshake.first) target = &i;
    if (!target) return skip("no correlated request to number");
    std::string why;
    auto s = session(why);
    if (!s) return skip("no session (see the handshake case): " + why);
    std::vector<std::string> replies = target->responses;
    replies.insert(replies.end(), target->errors.begin(), target->errors.end());
    std::vector<long long> numbers;
    for (int n = 0; n < 2; ++n) {
      s->send_text(sample(*p_.find_message(target->request)));
      const std::string text = await(*s, replies, why, o_.wait);
      if (text.empty()) return fail("request " + target->request + ": " + why);
      const std::string seq = field_of(text, field);
      if (seq.empty() || seq.find_first_not_of("0123456789") != std::string::npos)
        return fail(message_of(text, replies) + " carries no sequence number in '" + field + "'");
      numbers.push_back(std::stoll(seq));
    }
    if (numbers[1] != numbers[0] + 1)
      return fail("two requests in a row were numbered " + std::to_string(numbers[0]) + " and " +
                  std::to_string(numbers[1]));
    return pass("two requests in a row were numbered " + std::to_string(numbers[0]) + " and " +
                std::to_string(numbers[1]));
  }

  CaseResult ack_case() {
    const auto& kind = p_.correlation.kind();
    if (kind.ack_message().empty()) return skip("the schema's correlation has no acks");
    if (p_.session.handshake.present && p_.session.handshake.first == kind.event_message() &&
        p_.session.handshake.success == kind.ack_message())
      return verdict_of("handshake") == Verdict::pass
                 ? pass("the handshake's " + kind.event_message() + " was acked with " +
                        kind.ack_message() + " and the session went on")
                 : skip("the handshake, whose event and ack it is, did not pass");
    return skip("events come only from application data the probe cannot cause");
  }

  Verdict verdict_of(const std::string& name) const {
    for (const auto& r : results_)
      if (r.name == name) return r.verdict;
    return Verdict::skip;
  }

  /// The sample of `m` with the `--examples` values of its fields and then `more`.
  std::string sample(const gen::Message& m, const Overrides& more = {}) const {
    Overrides values;
    if (const auto e = o_.examples.find(m.name); e != o_.examples.end()) values = e->second;
    for (const auto& [key, value] : more) values[key] = value;
    return sample_message(p_, m, values);
  }

  const gen::Protocol& p_;
  const ProbeOptions& o_;
  mutable simdjson::dom::parser parser_;
  std::vector<CaseResult> results_;
  int requests_ = 0;
};

}  // namespace

std::vector<CaseResult> run_cases(const gen::Protocol& p, const ProbeOptions& options,
                                  void (*each)(const CaseResult&)) {
  return Prober(p, options).run(each);
}

}  // namespace wirekit::probe
