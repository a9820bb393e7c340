#include "wirekit/codegen/json_decode.hpp"

#include "json/thread_parsers.hpp"

namespace wirekit {

std::string_view to_string(DecodeError::Kind kind) noexcept {
  switch (kind) {
    case DecodeError::Kind::not_json:
      return "not_json";
    case DecodeError::Kind::not_object:
      return "not_object";
    case DecodeError::Kind::missing_field:
      return "missing_field";
    case DecodeError::Kind::wrong_type:
      return "wrong_type";
    case DecodeError::Kind::invalid_value:
      return "invalid_value";
    case DecodeError::Kind::unknown_tag:
      return "unknown_tag";
    case DecodeError::Kind::ambiguous_tag:
      return "ambiguous_tag";
    case DecodeError::Kind::constant_mismatch:
      return "constant_mismatch";
  }
  return "unknown";
}

namespace json {
namespace {

std::string_view type_name(Value& v) {
  simdjson::ondemand::json_type type;
  if (v.type().get(type)) return "invalid JSON";
  switch (type) {
    case simdjson::ondemand::json_type::array:
      return "array";
    case simdjson::ondemand::json_type::object:
      return "object";
    case simdjson::ondemand::json_type::number:
      return "number";
    case simdjson::ondemand::json_type::string:
      return "string";
    case simdjson::ondemand::json_type::boolean:
      return "boolean";
    case simdjson::ondemand::json_type::null:
      return "null";
  }
  return "unknown";
}

bool set(DecodeError& err, DecodeError::Kind kind, std::string message) {
  err.kind = kind;
  err.path.clear();
  err.message = std::move(message);
  return false;
}

using detail::thread_parser;

// A string value written without escapes is its raw token minus the quotes: read it
// straight from the input instead of unescaping a copy. False for anything else.
bool plain_string(Value& v, std::string_view& out) {
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() && raw.back() != '"' &&
         (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
    raw.remove_suffix(1);
  if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') return false;
  raw = raw.substr(1, raw.size() - 2);
  if (raw.find('\\') != std::string_view::npos) return false;
  out = raw;
  return true;
}

// The string in `v`, unescaped into the parser's string buffer: valid until the next parse
// or rewind on this thread. (Reading it straight from the input when it has no escapes, as
// plain_string does for read_tag, costs more for the short strings of typical messages:
// callgrind counts ~50 instructions more per string, locating the token's end and scanning it
// for a backslash, than simdjson's vectorized unescape.)
bool read_string(Value& v, std::string_view& out, DecodeError& err) {
  if (auto code = v.get_string().get(out)) return fail(code, v, "string", err);
  return true;
}

// The text being decoded is not an object: say whether it is JSON at all.
bool not_an_object(DecodeError& err) {
  const std::string& text = thread_parser().buffer;
  if (auto code = validate_json_text(text)) return fail_syntax(code, err);
  return set(err, DecodeError::Kind::not_object, "expected a JSON object");
}

}  // namespace

bool fail(simdjson::error_code code, Value& v, std::string_view expected, DecodeError& err) {
  if (code != simdjson::INCORRECT_TYPE && code != simdjson::NUMBER_OUT_OF_RANGE &&
      code != simdjson::NUMBER_ERROR)
    return fail_syntax(code, err);
  simdjson::ondemand::json_type type;
  if (v.type().get(type)) return fail_syntax(code, err);
  const std::string got(type_name(v));
  if (code == simdjson::NUMBER_OUT_OF_RANGE)
    return set(err, DecodeError::Kind::invalid_value,
               std::string(expected) + " out of range (64-bit)");
  if (type == simdjson::ondemand::json_type::number) {
    double d = 0;
    const auto as_double = v.get_double().get(d);
    if (as_double == simdjson::NUMBER_OUT_OF_RANGE)
      return set(err, DecodeError::Kind::invalid_value, "number out of range");
    if (as_double) return set(err, DecodeError::Kind::not_json, "invalid JSON: malformed number");
    if (expected == "integer") {
      // Written as an integer (no fraction or exponent) yet not an int64: out of range.
      const std::string_view token = v.raw_json_token();
      if (token.find_first_of(".eE") == std::string_view::npos)
        return set(err, DecodeError::Kind::invalid_value, "integer out of range (64-bit signed)");
      return set(err, DecodeError::Kind::wrong_type, "expected integer, got a non-integer number");
    }
  } else {
    // A wrong JSON type, unless the token is not valid JSON at all (e.g. `tru`).
    DecodeError probe;
    if (!validate_value(v, probe)) {
      err = std::move(probe);
      err.path.clear();
      return false;
    }
  }
  return set(err, DecodeError::Kind::wrong_type,
             "expected " + std::string(expected) + ", got " + got);
}

bool fail_syntax(simdjson::error_code code, DecodeError& err) {
  return set(err, DecodeError::Kind::not_json,
             std::string("invalid JSON: ") + simdjson::error_message(code));
}

bool missing_field(std::string_view name, DecodeError& err) {
  set(err, DecodeError::Kind::missing_field, "required field is missing");
  err.path = std::string(name);
  return false;
}

bool invalid_value(std::string_view message, DecodeError& err) {
  return set(err, DecodeError::Kind::invalid_value, std::string(message));
}

bool parse(std::string_view text, Document& doc, DecodeError& err) {
  // RFC 8259 lets a parser ignore a leading UTF-8 byte order mark.
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
  auto& tp = thread_parser();
  tp.buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  tp.buffer.assign(text.data(), text.size());
  simdjson::padded_string_view padded(tp.buffer.data(), tp.buffer.size(), tp.buffer.capacity());
  if (auto code = tp.parser.iterate(padded).get(doc)) return fail_syntax(code, err);
  return true;
}

bool read_tag(Document& doc, std::string_view key, std::string_view& tag, bool& present,
              DecodeError& err) {
  simdjson::ondemand::json_type type;
  if (doc.type().get(type)) return not_an_object(err);
  if (type != simdjson::ondemand::json_type::object) return not_an_object(err);
  Value v;
  auto code = doc.find_field_unordered(key).get(v);
  present = code == simdjson::SUCCESS;
  if (code == simdjson::NO_SUCH_FIELD) {
    doc.rewind();
    return true;
  }
  if (code) return fail_syntax(code, err);
  // Without escapes the tag is read straight from the input, which outlives the rewind
  // below; an unescaped copy lives in simdjson's string buffer, which the rewind reuses.
  if (!plain_string(v, tag)) {
    std::string_view s;
    if (!read_string(v, s, err)) {
      // Not a string: say so only if the text is JSON at all.
      if (auto code = validate_json_text(thread_parser().buffer)) return fail_syntax(code, err);
      err.in_field(key);
      return false;
    }
    thread_local std::string escaped_tag;
    escaped_tag.assign(s.data(), s.size());
    tag = escaped_tag;
  }
  doc.rewind();
  return true;
}

bool top_object(Document& doc, Object& obj, DecodeError& err) {
  if (auto code = doc.get_object().get(obj)) {
    if (code == simdjson::INCORRECT_TYPE) return not_an_object(err);
    return fail_syntax(code, err);
  }
  return true;
}

bool at_end(Document& doc, DecodeError& err) {
  // Past the last token current_location() reports OUT_OF_BOUNDS; anything else is trailing.
  if (doc.current_location().error() == simdjson::OUT_OF_BOUNDS) return true;
  return set(err, DecodeError::Kind::not_json, "invalid JSON: unexpected content after the object");
}

bool open_object(Value& v, Object& obj, DecodeError& err) {
  if (auto code = v.get_object().get(obj)) return fail(code, v, "object", err);
  return true;
}

bool expect_constant(Value& v, std::string_view expected, DecodeError& err) {
  std::string_view s;
  if (auto code = v.get_string().get(s)) return fail(code, v, "string", err);
  if (s == expected) return true;
  return set(err, DecodeError::Kind::constant_mismatch,
             "expected \"" + std::string(expected) + "\", got \"" + std::string(s) + "\"");
}

bool decode_json(Value& v, std::string& out, DecodeError& err) {
  std::string_view s;
  if (!read_string(v, s, err)) return false;
  out.assign(s.data(), s.size());
  return true;
}

bool decode_json(Value& v, std::int64_t& out, DecodeError& err) {
  if (auto code = v.get_int64().get(out)) return fail(code, v, "integer", err);
  return true;
}

bool decode_json(Value& v, double& out, DecodeError& err) {
  if (auto code = v.get_double().get(out)) return fail(code, v, "number", err);
  return true;
}

bool decode_json(Value& v, bool& out, DecodeError& err) {
  if (auto code = v.get_bool().get(out)) return fail(code, v, "boolean", err);
  return true;
}

bool decode_json(Value& v, Uuid& out, DecodeError& err) {
  std::string_view s;
  if (!read_string(v, s, err)) return false;
  auto parsed = Uuid::parse(s);
  if (!parsed)
    return invalid_value("expected a UUID (8-4-4-4-12 hex digits), got \"" + std::string(s) + "\"",
                         err);
  out = std::move(*parsed);
  return true;
}

bool decode_json(Value& v, Timestamp& out, DecodeError& err) {
  std::string_view s;
  if (!read_string(v, s, err)) return false;
  auto parsed = Timestamp::parse(s);
  if (!parsed)
    return invalid_value("expected an ISO 8601 timestamp, got \"" + std::string(s) + "\"", err);
  out = std::move(*parsed);
  return true;
}

bool decode_json(Value& v, JsonObject& out, DecodeError& err) {
  simdjson::ondemand::json_type type;
  if (auto code = v.type().get(type)) return fail_syntax(code, err);
  if (type != simdjson::ondemand::json_type::object)
    return set(err, DecodeError::Kind::wrong_type,
               "expected object, got " + std::string(type_name(v)));
  std::string_view raw;
  if (!validate_value(v, err, &raw)) return false;
  out.text.assign(raw.data(), raw.size());
  return true;
}

bool decode_json(Value& v, Json& out, DecodeError& err) {
  std::string_view raw;
  if (!validate_value(v, err, &raw)) return false;
  out.text.assign(raw.data(), raw.size());
  return true;
}

}  // namespace json
}  // namespace wirekit

namespace wirekit::json {

bool skip_fields(Object& obj, DecodeError& err) {
  return for_each_field(obj, err, [&err](Key, Value& value) { return skip_unknown(value, err); });
}

bool skip_unknown(Value& v, DecodeError& err) { return validate_value(v, err); }

bool unknown_tag(std::string_view key, std::string_view tag, DecodeError& err) {
  err.kind = DecodeError::Kind::unknown_tag;
  err.path = std::string(key);
  err.message = "unknown message \"" + std::string(tag) + "\"";
  return false;
}

bool missing_tag(std::string_view key, DecodeError& err) {
  err.kind = DecodeError::Kind::missing_field;
  err.path = std::string(key);
  err.message = "the message has no \"" + std::string(key) + "\" saying what it is";
  return false;
}

bool ambiguous_tag(std::string_view key, std::string_view tag, std::string_view candidates,
                   DecodeError& err) {
  err.kind = DecodeError::Kind::ambiguous_tag;
  err.path = std::string(key);
  err.message = "\"" + std::string(tag) + "\" is shared by " + std::string(candidates) +
                "; decode it with decode<T>() for the reply the request expects";
  return false;
}

bool read_object_tag(Object& obj, std::string_view key, std::string& tag, DecodeError& err) {
  // Every member is looked at: a union whose tag appears twice is an error, as for messages,
  // so it cannot be read as one variant here and as another by a last-key-wins peer.
  bool seen = false;
  const bool ok = for_each_field(obj, err, [&](Key k, Value& v) {
    if (!(k == key)) return true;  // skipped unread; the second pass checks it
    if (seen) {
      invalid_value("the object gives its \"" + std::string(key) + "\" twice", err);
      err.path = std::string(key);
      return false;
    }
    seen = true;
    std::string_view s;
    if (!read_string(v, s, err)) {
      err.in_field(key);
      return false;
    }
    tag.assign(s.data(), s.size());
    return true;
  });
  if (!ok) return false;
  if (!seen) return missing_tag(key, err);
  if (auto c = obj.reset().error()) return fail_syntax(c, err);
  return true;
}

bool string_view_of(Value& v, std::string_view& out, DecodeError& err) {
  return read_string(v, out, err);
}

bool too_many_items(std::size_t max_items, DecodeError& err) {
  return invalid_value("more than " + std::to_string(max_items) + " entries", err);
}

bool null_field(Value& v, bool& is_null, std::string_view name, DecodeError& err) {
  if (auto code = v.is_null().get(is_null)) {
    fail_syntax(code, err);
    err.in_field(name);
    return false;
  }
  return true;
}

}  // namespace wirekit::json
