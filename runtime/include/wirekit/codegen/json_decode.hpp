// Decoding helpers for generated codecs, over simdjson's On-Demand API. Every function
// returns false and fills a DecodeError instead of throwing; the error's path is built
// while unwinding, so the success path pays nothing for it.
//
// Generated code declares `bool decode_json(Value, T&, DecodeError&)` for its own
// structs, enums and unions in its namespace; the templates here find them by ADL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "wirekit/decode_error.hpp"
#include "wirekit/json.hpp"
#include "wirekit/result.hpp"
#include "wirekit/timestamp.hpp"
#include "wirekit/uuid.hpp"

namespace wirekit::json {

using Value = simdjson::ondemand::value;
using Object = simdjson::ondemand::object;
using Document = simdjson::ondemand::document;

/// Fills `err` for a simdjson failure while reading a value expected to be `expected`.
bool fail(simdjson::error_code code, Value& v, std::string_view expected, DecodeError& err);
/// Fills `err` for a simdjson failure not tied to a type (syntax, truncation).
bool fail_syntax(simdjson::error_code code, DecodeError& err);
bool missing_field(std::string_view name, DecodeError& err);
bool invalid_value(std::string_view message, DecodeError& err);

/// Parses `text` into `doc` with this thread's parser (the text is copied into a padded
/// buffer, so it may be any string_view). `doc` is valid until the next parse on this thread.
bool parse(std::string_view text, Document& doc, DecodeError& err);
/// Reads the string at top-level key `key` of `doc` and rewinds it. `present` is false when
/// the key is absent. `tag` points into the parsed text (or, for a tag written with escapes,
/// into thread-local storage) and stays valid until the next parse on this thread.
bool read_tag(Document& doc, std::string_view key, std::string_view& tag, bool& present,
              DecodeError& err);
/// The document's top-level object.
bool top_object(Document& doc, Object& obj, DecodeError& err);
/// Fails unless the whole text was consumed.
bool at_end(Document& doc, DecodeError& err);
/// The object in `v`.
bool open_object(Value& v, Object& obj, DecodeError& err);
/// Checks that a constant envelope key holds `expected`.
bool expect_constant(Value& v, std::string_view expected, DecodeError& err);

/// Checks a value the decoder does not otherwise read (free-form or unknown) is valid JSON,
/// consuming it; `raw` (when given) receives its text. Nesting deeper than simdjson's limit
/// (1024) is an invalid_value.
bool validate_value(Value& v, DecodeError& err, std::string_view* raw = nullptr);
/// Validates a whole JSON text; SUCCESS or the simdjson error.
simdjson::error_code validate_json_text(std::string_view text);
/// An unknown field: ignored, but it must still be valid JSON.
bool skip_unknown(Value& v, DecodeError& err);

/// Containers nest at most this deep in typed fields (recursive types such as a command
/// tree), so hostile input cannot exhaust the stack.
inline constexpr int kMaxNesting = 512;
/// Counts container nesting on this thread while decoding.
class NestingGuard {
 public:
  NestingGuard() noexcept { ++depth(); }
  ~NestingGuard() { --depth(); }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  bool too_deep() const noexcept { return depth() > kMaxNesting; }

 private:
  static int& depth() noexcept {
    thread_local int value = 0;
    return value;
  }
};
bool too_deep(DecodeError& err);
/// An array or map with more than `max_items` entries.
bool too_many_items(std::size_t max_items, DecodeError& err);

bool decode_json(Value& v, std::string& out, DecodeError& err);
bool decode_json(Value& v, std::int64_t& out, DecodeError& err);
bool decode_json(Value& v, double& out, DecodeError& err);
bool decode_json(Value& v, bool& out, DecodeError& err);
bool decode_json(Value& v, Uuid& out, DecodeError& err);
bool decode_json(Value& v, Timestamp& out, DecodeError& err);
/// Keeps the value's raw JSON text, once validated.
bool decode_json(Value& v, Json& out, DecodeError& err);
/// Likewise, for a value that must be an object.
bool decode_json(Value& v, JsonObject& out, DecodeError& err);

template <class T>
bool decode_json(Value& v, std::vector<T>& out, DecodeError& err);
template <class T>
bool decode_json(Value& v, std::map<std::string, T>& out, DecodeError& err);

/// An array, each element read by `element(Value&, T&)`; more than `max_items` elements (0:
/// any number) is an invalid_value.
template <class T, class DecodeElement>
bool decode_array(Value& v, std::vector<T>& out, std::size_t max_items, DecodeError& err,
                  DecodeElement&& element) {
  NestingGuard guard;
  if (guard.too_deep()) return too_deep(err);
  simdjson::ondemand::array array;
  if (auto code = v.get_array().get(array)) return fail(code, v, "array", err);
  out.clear();
  std::size_t index = 0;
  for (auto item_or_error : array) {
    Value item;
    if (auto code = item_or_error.get(item)) return fail_syntax(code, err);
    if (max_items != 0 && index == max_items) return too_many_items(max_items, err);
    out.emplace_back();
    if (!element(item, out.back())) {
      err.in_index(index);
      return false;
    }
    ++index;
  }
  return true;
}

/// An object with arbitrary keys, each value read by `element(Value&, T&)`; more than
/// `max_items` members (0: any number) is an invalid_value.
template <class T, class DecodeElement>
bool decode_map(Value& v, std::map<std::string, T>& out, std::size_t max_items, DecodeError& err,
                DecodeElement&& element) {
  NestingGuard guard;
  if (guard.too_deep()) return too_deep(err);
  Object obj;
  if (!open_object(v, obj, err)) return false;
  out.clear();
  std::size_t count = 0;
  for (auto member : obj) {
    if (auto code = member.error()) return fail_syntax(code, err);
    if (max_items != 0 && count++ == max_items) return too_many_items(max_items, err);
    simdjson::ondemand::field&& field = std::move(member).value_unsafe();  // see for_each_field
    std::string_view key;
    if (auto code = field.unescaped_key().get(key)) return fail_syntax(code, err);
    std::string owned(key);
    T& slot = out[owned];
    if (!element(field.value(), slot)) {
      err.in_key(owned);
      return false;
    }
  }
  return true;
}

template <class T>
bool decode_json(Value& v, std::vector<T>& out, DecodeError& err) {
  return decode_array(v, out, 0, err,
                      [&err](Value& item, T& slot) { return decode_json(item, slot, err); });
}

template <class T>
bool decode_json(Value& v, std::map<std::string, T>& out, DecodeError& err) {
  return decode_map(v, out, 0, err,
                    [&err](Value& item, T& slot) { return decode_json(item, slot, err); });
}

/// A required or defaulted field.
template <class T>
bool decode_field(Value& v, T& out, std::string_view name, DecodeError& err) {
  if (decode_json(v, out, err)) return true;
  err.in_field(name);
  return false;
}

/// An `optional` field that is present: null is a type error.
template <class T>
bool decode_optional_field(Value& v, std::optional<T>& out, std::string_view name,
                           DecodeError& err) {
  return decode_field(v, out.emplace(), name, err);
}

/// Whether the value of field `name` is null.
bool null_field(Value& v, bool& is_null, std::string_view name, DecodeError& err);

/// A `nullable` field: null leaves it unset.
template <class T>
bool decode_nullable_field(Value& v, std::optional<T>& out, std::string_view name,
                           DecodeError& err) {
  bool is_null = false;
  if (!null_field(v, is_null, name, err)) return false;
  if (is_null) {
    out.reset();
    return true;
  }
  return decode_field(v, out.emplace(), name, err);
}

using Key = simdjson::ondemand::raw_json_string;

/// Calls `on_field(key, value)` for each member of `obj`; stops at the first false. Compare
/// keys with `key == "name"` (keys are matched as written, without unescaping).
template <class OnField>
bool for_each_field(Object& obj, DecodeError& err, OnField&& on_field) {
  for (auto member : obj) {
    if (auto code = member.error()) return fail_syntax(code, err);
    // A reference into `member`, not a moved copy: the copy was made with 16-byte loads of
    // fields just written with 8- and 4-byte stores, two store-forwarding stalls per field
    // (perf: a third of the time of decoding a small message).
    simdjson::ondemand::field&& field = std::move(member).value_unsafe();
    if (!on_field(field.key(), field.value())) return false;
  }
  return true;
}

/// Walks an object whose members are all ignored, checking they are valid JSON.
bool skip_fields(Object& obj, DecodeError& err);

/// Prefixes `name` to the error path when `ok` is false.
inline bool in_field(std::string_view name, bool ok, DecodeError& err) {
  if (!ok) err.in_field(name);
  return ok;
}

/// The message's tag key, met while walking its members: a second one is an error, so the
/// message cannot be read as one type here and as another by a last-key-wins peer.
inline bool first_tag(bool& seen, std::string_view key, DecodeError& err) {
  if (!seen) return seen = true;
  invalid_value("the message gives its \"" + std::string(key) + "\" twice", err);
  err.path = std::string(key);
  return false;
}

/// An envelope constant such as "protocol": "tetra-1.0".
inline bool decode_constant(Value& v, std::string_view expected, std::string_view name,
                            DecodeError& err) {
  return in_field(name, expect_constant(v, expected, err), err);
}

bool unknown_tag(std::string_view key, std::string_view tag, DecodeError& err);
bool missing_tag(std::string_view key, DecodeError& err);
bool ambiguous_tag(std::string_view key, std::string_view tag, std::string_view candidates,
                   DecodeError& err);
/// Reads the string at `key` of an object (an error when the key appears twice) and resets
/// the object for a second pass.
bool read_object_tag(Object& obj, std::string_view key, std::string& tag, DecodeError& err);
bool string_view_of(Value& v, std::string_view& out, DecodeError& err);

/// An enum from its JSON string; `from_string(text, E&)` is found by ADL.
template <class E>
bool decode_enum(Value& v, E& out, std::string_view expected, DecodeError& err) {
  std::string_view text;
  if (!string_view_of(v, text, err)) return false;
  if (from_string(text, out)) return true;
  return invalid_value(
      "expected one of " + std::string(expected) + "; got \"" + std::string(text) + "\"", err);
}

/// One alternative of a union: `decode_members(Object&, T&, DecodeError&)` by ADL.
template <class T, class Union>
bool decode_alternative(Object& obj, Union& out, DecodeError& err) {
  T alternative;
  if (!decode_members(obj, alternative, err)) return false;
  out = std::move(alternative);
  return true;
}

/// Decodes the whole document as message M (`decode_message` by ADL) into a variant V. The
/// message is decoded in place in the result: no copy or move of it is made.
template <class M, class V>
Result<V> decode_document(Document& doc, DecodeError& err) {
  Result<V> result(std::in_place, std::in_place_type<M>);
  Object obj;
  if (!top_object(doc, obj, err) || !decode_message(obj, std::get<M>(result.value()), err) ||
      !at_end(doc, err))
    result = std::move(err);
  return result;
}

/// decode_text's steps: parses, checks the tag is M's, and decodes into `out`.
template <class M>
bool decode_text_into(std::string_view text, std::string_view tag_key, M& out, DecodeError& err) {
  Document doc;
  if (!parse(text, doc, err)) return false;
  if constexpr (M::kTagged) {
    std::string_view tag;
    bool present = false;
    if (!read_tag(doc, tag_key, tag, present, err)) return false;
    if (!present) return missing_tag(tag_key, err);
    if (tag != M::kTag) {
      unknown_tag(tag_key, tag, err);
      err.message += " (expected \"" + std::string(M::kTag) + "\")";
      return false;
    }
  }
  Object obj;
  return top_object(doc, obj, err) && decode_message(obj, out, err) && at_end(doc, err);
}

/// decode<M>(text): parses, checks the tag is M's, and decodes in place. Every path returns
/// the one named result, so it is built in the caller's storage (no move of the message).
template <class M>
Result<M> decode_text(std::string_view text, std::string_view tag_key) {
  Result<M> result(default_init);
  DecodeError err;
  if (!decode_text_into(text, tag_key, result.value(), err)) result = std::move(err);
  return result;
}

}  // namespace wirekit::json
