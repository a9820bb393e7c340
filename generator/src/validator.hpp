// Cross-checks a loaded Protocol: names resolve, tags are unambiguous, interactions and
// session rules refer to messages that exist. Throws SchemaError at the offending place.
#pragma once

#include "model.hpp"

namespace wirekit::gen {

void validate(Protocol& protocol);

}  // namespace wirekit::gen
