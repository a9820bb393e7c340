// Cross-checks a loaded Protocol: names resolve, tags are unambiguous, interactions and
// session rules refer to messages that exist. Throws SchemaError at the offending place.
#pragma once

#include <string>

#include "model/model.hpp"

namespace wirekit::gen {

void validate(Protocol& protocol);

/// The message named `name`, or a SchemaError at `where`: "<role> names an undefined message".
const Message& require_message(const Protocol& p, const std::string& name, const Location& where,
                               const std::string& role);

}  // namespace wirekit::gen
