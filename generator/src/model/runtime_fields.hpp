// The fields of a message the runtime writes itself when it sends one: a correlated
// request's id, a reply's copy of its request's id or seq, an event's ack stamps, a
// generated stream key. Generated structs declare them last, so aggregate initialisation
// lists the schema's own fields in order and never names them (emit_types.cpp).
#pragma once

#include <vector>

#include "model/model.hpp"

namespace wirekit::gen {

/// The fields of `m` the runtime fills in, in the struct's order (envelope fields first).
std::vector<const Field*> runtime_fields(const Protocol& p, const Message& m);

}  // namespace wirekit::gen
