// The emitters: each turns the validated model into one concept's generated files.
#pragma once

#include <string>
#include <vector>

#include "emit/printer.hpp"
#include "model/model.hpp"

namespace wirekit::gen {

struct GeneratedFile {
  std::string path;  ///< relative to the output directory, e.g. "chat/chat_types.hpp"
  std::string content;
};

GeneratedFile emit_types(const Protocol& p);
std::vector<GeneratedFile> emit_codec(const Protocol& p);
std::vector<GeneratedFile> emit_protocol_tables(const Protocol& p);
GeneratedFile emit_interactions(const Protocol& p);
std::vector<GeneratedFile> emit_client(const Protocol& p);
GeneratedFile emit_server(const Protocol& p);
/// <name>/README.md, the protocol's Markdown reference (wirekit-gen --docs).
GeneratedFile emit_docs(const Protocol& p);
/// <name>/asyncapi.json, the protocol as an AsyncAPI 3.0 document (wirekit-gen --asyncapi).
GeneratedFile emit_asyncapi(const Protocol& p);

/// Every file generated for a protocol, in a stable order.
std::vector<GeneratedFile> generate_all(const Protocol& p);

// Shared by the emitters.
/// The opening comment naming the schema, and the protocol's doc.
void emit_file_header(Printer& out, const Protocol& p, const std::string& what);
/// The includes of the protocol's codec, interactions and tables that both stubs build on.
void include_stub_dependencies(Printer& out, const Protocol& p);
/// The doc of a stub's constructor that takes a ProtocolSpec; `stub` is "client" or "server".
std::string spec_doc(const std::string& stub);
/// Messages the client (to_server) or the server sends, in schema order.
std::vector<const Message*> messages_sent_by(const Protocol& p, bool client);
/// Whether both sides send exactly the same messages (the two variants are then one type).
bool directions_identical(const Protocol& p);
/// `detail::message_index::kName`: the index of a message in <name>_protocol.hpp.
std::string index_of(const std::string& message);
/// "namespace a::b {" lines for the protocol's namespace.
std::string namespace_open(const Protocol& p);
std::string namespace_close(const Protocol& p);
/// The stub hooks of <name>_protocol (emit_stub_hooks.cpp).
bool has_stub_hooks(const Protocol& p);
void declare_stub_hooks(Printer& out, const Protocol& p);
void define_stub_hooks(Printer& out, const Protocol& p);

}  // namespace wirekit::gen
