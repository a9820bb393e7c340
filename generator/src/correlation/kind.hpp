// One kind of the schema's `correlation` (none, echo, sequence, ack) as the generator sees it:
// each kind is one type in its own file of this folder (none.cpp, echo.cpp, sequence.cpp,
// ack.cpp), listed once in registry.cpp. The loader, the validator and the emitters only call
// this interface, so adding a kind means adding its file, its make_ function below and its line
// in the registry. The runtime has the same split (runtime/src/session/correlation.hpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace YAML {
class Node;
}

namespace wirekit::gen {

class Printer;
class YamlReader;

/// A function of <name>_protocol that the generated stubs call to fill in correlation.
struct StubHook {
  std::string signature;                ///< without the trailing ";" or body
  std::vector<std::string> statements;  ///< empty: the parameters go unnamed
  std::string unnamed_signature;
};

class CorrelationKind {
 public:
  virtual ~CorrelationKind() = default;

  // ---- the schema

  /// The keys of `correlation:` this kind takes besides `kind`, `timeout_ms` and `doc`, in the
  /// order error messages list them.
  virtual std::vector<std::string_view> keys() const = 0;
  /// Whether requests can time out (the kind takes `timeout_ms`).
  virtual bool has_timeout() const { return false; }
  /// Reads the kind's keys from the `correlation:` mapping (`what`); their names are checked.
  virtual void read(const YamlReader& r, const YAML::Node& node, const std::string& what) = 0;
  /// Checks what the kind names against the protocol; throws SchemaError, at `where` (the
  /// `correlation:` mapping) when no better place exists.
  virtual void validate(const Protocol& p, const Location& where) const = 0;

  // ---- what the stubs and the rules of the model ask

  /// Whether the kind matches messages to each other (every kind but none): correlated
  /// interactions become requests with typed outcomes, and their replies may share a tag.
  virtual bool correlates() const { return true; }
  /// The top-level field by which a reply names its request, which resolves replies sharing
  /// a tag; "" when none.
  virtual std::string reply_key() const { return ""; }
  /// The top-level field into which the runtime writes a correlated request's id; "" when
  /// none.
  virtual std::string request_key() const { return ""; }
  /// The top-level field in which a reply carries the sequence number of the payload it
  /// answers, filled in by the runtime; "" when none.
  virtual std::string seq_field() const { return ""; }
  /// The message the server sends as an event the client acks, and the ack; "" when none.
  virtual std::string event_message() const { return ""; }
  virtual std::string ack_message() const { return ""; }
  /// The fields of event_message() the runtime stamps when it sends one.
  virtual std::vector<std::string> stamped_fields() const { return {}; }
  /// What the kind's keys say beyond the accessors above, as Markdown sentences for the
  /// reference docs (emit_docs.cpp); "" when nothing.
  virtual std::string rule() const { return ""; }

  // ---- generated code

  /// The lines of protocol_spec() that set `s.correlation.kind`.
  virtual void emit_spec(Printer&) const {}
  /// The statements of header_of(`m`) that fill the FrameHeader members the kind reads.
  virtual std::vector<std::string> header_statements(const Protocol&, const Message&) const {
    return {};
  }
  /// The codec hooks the kind adds to <name>_protocol.cpp: their definitions, and the lines of
  /// protocol_spec() that set them.
  virtual void define_codec_hooks(Printer&, const Protocol&) const {}
  virtual void assign_codec_hooks(Printer&) const {}
  /// The body of set_correlation_id() for a correlated request, and of set_reply_to() for a
  /// correlated reply.
  virtual std::vector<std::string> request_id_statements(const Protocol&, const Message&) const {
    return {};
  }
  virtual std::vector<std::string> reply_to_statements(const Protocol&, const Message&) const {
    return {};
  }
  /// The stub hooks of the messages the kind stamps itself (stamp_event).
  virtual std::vector<StubHook> stamp_hooks(const Protocol&) const { return {}; }
};

// ---- the kinds (registry.cpp lists them by name)

std::unique_ptr<CorrelationKind> make_no_correlation();
std::unique_ptr<CorrelationKind> make_echo_correlation();
std::unique_ptr<CorrelationKind> make_sequence_correlation();
std::unique_ptr<CorrelationKind> make_ack_correlation();

/// Reads the schema's `correlation:` mapping into the kind it names; throws SchemaError.
Correlation read_correlation(const YamlReader& r, const YAML::Node& node);

// ---- shared by the kinds (kind.cpp)

/// Fails at `i` unless every reply of `i` has the top-level field `field`, named in the error
/// with what it is `for_what`.
void require_reply_field(const Protocol& p, const Interaction& i, const std::string& field,
                         const std::string& for_what);
/// `wirekit::assign_text(message.<f>, <text>);`: a stub hook's statement.
std::string assign_text(const Field& f, const std::string& text);

}  // namespace wirekit::gen
