#include "wirekit/session_messages.hpp"

#include "wirekit/json_writer.hpp"

namespace wirekit {

std::string build_ack(const ProtocolSpec& spec, std::string_view event_id,
                      std::string_view sent_at) {
  JsonWriter w;
  w.begin_object();
  w.key(spec.tag_key);
  w.string(spec.correlation.ack_tag);
  w.key(spec.correlation.id_field);
  w.string(event_id);
  if (!spec.correlation.sent_at_field.empty()) {
    w.key(spec.correlation.sent_at_field);
    w.string(sent_at);
  }
  w.end_object();
  return w.take();
}

namespace {

// Starts {"<tag_key>":"<tag>"[,"<seq_field>":<seq>] and leaves the object open.
void begin_reply(JsonWriter& w, const ProtocolSpec& spec, std::string_view tag,
                 std::optional<std::int64_t> seq) {
  w.begin_object();
  w.key(spec.tag_key);
  w.string(tag);
  if (seq && spec.correlation.kind == CorrelationKind::sequence &&
      !spec.correlation.seq_field.empty()) {
    w.key(spec.correlation.seq_field);
    w.integer(*seq);
  }
}

}  // namespace

std::string build_undecodable_reply(const ProtocolSpec& spec, std::string_view error,
                                    std::optional<std::int64_t> seq) {
  JsonWriter w;
  begin_reply(w, spec, spec.session.undecodable_reply_tag, seq);
  w.key("desc");
  w.string(error);
  w.end_object();
  return w.take();
}

std::string build_status_reply(const ProtocolSpec& spec, std::string_view tag,
                               std::optional<std::int64_t> seq) {
  JsonWriter w;
  begin_reply(w, spec, tag, seq);
  w.end_object();
  return w.take();
}

std::string dotted_to_pointer(std::string_view dotted_path) {
  std::string out;
  out.reserve(dotted_path.size() + 1);
  out.push_back('/');
  for (char c : dotted_path) {
    if (c == '.')
      out.push_back('/');
    else if (c == '~')
      out.append("~0");
    else if (c == '/')
      out.append("~1");
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace wirekit
