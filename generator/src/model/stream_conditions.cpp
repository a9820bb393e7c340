#include "model/stream_conditions.hpp"

#include <cstdlib>

#include "model/names.hpp"

namespace wirekit::gen {

std::vector<StreamCondition> stream_conditions(const Protocol& p) {
  std::vector<StreamCondition> out;
  std::uint32_t bit = 1;
  for (const auto& st : p.streams) {
    const auto add = [&](const std::vector<std::string>& names,
                         const std::vector<StreamWhen>& whens) {
      for (std::size_t i = 0; i < names.size() && i < whens.size(); ++i) {
        if (whens[i].empty()) continue;
        out.push_back(StreamCondition{&st, names[i], &whens[i], bit});
        bit <<= 1;  // the validator allows at most 32
      }
    };
    add(st.items, st.items_when);
    add(st.ends, st.ends_when);
    add(st.failures, st.failures_when);
  }
  return out;
}

std::uint32_t condition_mask(const Protocol& p, const StreamWhen& when) {
  if (when.empty()) return 0;
  for (const auto& c : stream_conditions(p))
    if (c.when == &when) return c.bit;
  return 0;
}

std::string field_value_literal(const Protocol& p, const Field& f, const std::string& value) {
  switch (f.type.kind) {
    case TypeRef::Kind::string:
      return cpp_string_literal(value);
    case TypeRef::Kind::integer: {
      if (value.empty()) return "";
      char* end = nullptr;
      std::strtoll(value.c_str(), &end, 10);
      return *end == '\0' ? value : "";
    }
    case TypeRef::Kind::boolean:
      return value == "true" || value == "false" ? value : "";
    case TypeRef::Kind::named: {
      const NamedType* t = p.find_type(f.type.name);
      if (!t || t->kind != NamedType::Kind::enumeration) return "";
      for (const auto& v : t->values)
        if (v.wire == value) return t->name + "::" + v.cpp_name;
      return "";
    }
    default:
      return "";
  }
}

std::string field_value_test(const Protocol& p, const Field& f, const std::string& value) {
  const std::string member = "message." + f.cpp_name;
  const std::string literal = field_value_literal(p, f, value);
  if (f.is_optional_in_cpp()) return member + " && *" + member + " == " + literal;
  return member + " == " + literal;
}

}  // namespace wirekit::gen
