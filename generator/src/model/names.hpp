// Turning wire names into C++ identifiers.
#pragma once

#include <string>
#include <string_view>

namespace wirekit::gen {

/// hostClientID -> host_client_id, owner_uuid -> owner_uuid, event-name -> event_name.
std::string snake_case(std::string_view name);
/// subscribed -> kSubscribed, SERVICE_CLIENT_UUID -> kServiceClientUuid, call.response ->
/// kCallResponse.
std::string enumerator_name(std::string_view wire);
/// Whether `name` is a C++ keyword (or a name the generated code reserves).
bool is_reserved(std::string_view name);
/// Whether `name` is a valid C++ identifier.
bool is_identifier(std::string_view name);
/// Whether `name` is a usable C++ namespace: identifiers joined by "::", none reserved, not
/// starting with "std".
bool is_namespace(std::string_view name);
/// Whether `name` is a macro the standard headers define (EOF, NULL, errno, ...), which a
/// generated type or member could not be named.
bool is_standard_macro(std::string_view name);
/// Whether `name` is a function C or POSIX headers declare globally (`sync`, `time`...).
bool is_c_global_function(std::string_view name);
/// A C++ string literal for `text`, escaped.
std::string cpp_string_literal(std::string_view text);

}  // namespace wirekit::gen
