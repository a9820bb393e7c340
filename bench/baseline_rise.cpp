// rise by hand with nlohmann::json: the baseline wirekit's codec is compared with.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nlohmann_baseline.hpp"

namespace nlohmann_baseline::rise_ {
namespace {

using nlohmann::json;
using namespace ::rise;

void expect_tag(const json& j, const char* tag) {
  if (j.at("$").get_ref<const std::string&>() != tag)
    throw std::runtime_error(std::string("expected a ") + tag + " message");
}

json raw(const wirekit::Json& v) { return v.text.empty() ? json(nullptr) : json::parse(v.text); }

}  // namespace

EvtRes decode_evt_res(std::string_view text) {
  const json j = json::parse(text);
  expect_tag(j, "evt-res");
  EvtRes m;
  m.key = j.at("key").get<std::string>();
  const json& res = j.at("res");
  if (res.at("$").get_ref<const std::string&>() != "response")
    throw std::runtime_error("res is not a response");
  m.res.kind = ResponseKind::kResponse;
  if (auto it = res.find("error"); it != res.end()) m.res.error = it->get<bool>();
  if (auto it = res.find("payload"); it != res.end()) m.res.payload = wirekit::Json(it->dump());
  if (auto it = res.find("actions"); it != res.end()) {
    std::vector<wirekit::Json> actions;
    for (const auto& a : it->get_ref<const json::array_t&>()) actions.emplace_back(a.dump());
    m.res.actions = std::move(actions);
  }
  return m;
}

std::string encode(const EvtRes& m) {
  json res;
  res["$"] = "response";
  if (m.res.error) res["error"] = *m.res.error;
  if (m.res.payload) res["payload"] = raw(*m.res.payload);
  if (m.res.actions) {
    json actions = json::array();
    for (const auto& a : *m.res.actions) actions.push_back(raw(a));
    res["actions"] = std::move(actions);
  }
  json j;
  j["$"] = "evt-res";
  j["key"] = m.key;
  j["res"] = std::move(res);
  return j.dump();
}

Up decode_up(std::string_view text) {
  const json j = json::parse(text);
  expect_tag(j, "up");
  Up m;
  m.key = j.at("key").get<std::string>();
  m.val.text = j.at("val").dump();
  return m;
}

std::string encode(const Up& m) {
  json j;
  j["$"] = "up";
  j["key"] = m.key;
  j["val"] = raw(m.val);
  return j.dump();
}

}  // namespace nlohmann_baseline::rise_
