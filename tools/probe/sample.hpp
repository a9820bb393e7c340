// Minimal valid messages built from the model: the tag, the envelope's constants and every
// required field with a value of its type that meets its limits. Strings are unique per probe
// run ("probe7"), where the field's pattern and lengths allow, so that names a server keeps
// (one client per name) do not collide between cases.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "model/model.hpp"

namespace wirekit::probe {

/// Field wire name -> the raw JSON to write for it instead of a sample, wherever it sits
/// (envelope, message or nested body).
using Overrides = std::map<std::string, std::string>;

/// Message name -> its overrides: the values of `--examples`.
using Examples = std::map<std::string, Overrides>;

/// Reads an `--examples` file: a mapping of message name to a mapping of field wire name to
/// value (a scalar, list or mapping, written as JSON); throws SchemaError at file:line:col for
/// a name the schema lacks.
Examples load_examples(const std::string& path, const gen::Protocol& p);

/// The JSON text of a minimal valid `m`.
std::string sample_message(const gen::Protocol& p, const gen::Message& m,
                           const Overrides& overrides = {});
/// A JSON string of exactly `length` characters (at least one) that `limits`' pattern
/// accepts.
std::string sample_string_of(const gen::FieldLimits& limits, std::size_t length);
/// A JSON string value for a field with `limits`: unique where they allow.
std::string sample_string(const gen::FieldLimits& limits);

}  // namespace wirekit::probe
