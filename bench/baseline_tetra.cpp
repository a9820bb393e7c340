// tetra by hand with nlohmann::json: the baseline wirekit's codec is compared with.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nlohmann_baseline.hpp"

namespace nlohmann_baseline::tetra_ {
namespace {

using nlohmann::json;
using namespace ::tetra;

void expect_type(const json& j, const char* type) {
  if (j.at("type").get_ref<const std::string&>() != type)
    throw std::runtime_error(std::string("expected a ") + type + " message");
}

json raw(const wirekit::Json& v) { return v.text.empty() ? json(nullptr) : json::parse(v.text); }

Metadata metadata_from(const json& j) {
  Metadata meta;
  if (auto it = j.find("js"); it != j.end()) meta.js = it->get<std::vector<std::string>>();
  if (auto it = j.find("styles"); it != j.end()) meta.styles = it->get<std::vector<std::string>>();
  if (auto it = j.find("messages"); it != j.end()) {
    std::vector<MetaMessage> messages;
    for (const auto& m : *it)
      messages.push_back({m.at("level").get<std::string>(), m.at("message").get<std::string>(),
                          m.at("uid").get<std::string>()});
    meta.messages = std::move(messages);
  }
  if (auto it = j.find("callbacks"); it != j.end()) {
    std::vector<Callback> callbacks;
    for (const auto& c : *it) {
      Callback cb;
      cb.callback = c.at("callback").get<std::vector<std::string>>();
      for (const auto& arg : c.at("args")) cb.args.emplace_back(arg.dump());
      callbacks.push_back(std::move(cb));
    }
    meta.callbacks = std::move(callbacks);
  }
  return meta;
}

json to_json(const Metadata& meta) {
  json j = json::object();
  if (meta.js) j["js"] = *meta.js;
  if (meta.styles) j["styles"] = *meta.styles;
  if (meta.messages) {
    json messages = json::array();
    for (const auto& m : *meta.messages)
      messages.push_back({{"level", m.level}, {"message", m.message}, {"uid", m.uid}});
    j["messages"] = std::move(messages);
  }
  if (meta.callbacks) {
    json callbacks = json::array();
    for (const auto& cb : *meta.callbacks) {
      json args = json::array();
      for (const auto& arg : cb.args) args.push_back(raw(arg));
      callbacks.push_back({{"callback", cb.callback}, {"args", std::move(args)}});
    }
    j["callbacks"] = std::move(callbacks);
  }
  return j;
}

}  // namespace

Subscribe decode_subscribe(std::string_view text) {
  const json j = json::parse(text);
  expect_type(j, "subscribe");
  Subscribe m;
  m.group = j.at("group").get<std::string>();
  return m;
}

std::string encode(const Subscribe& m) {
  json j;
  j["type"] = "subscribe";
  j["group"] = m.group;
  return j.dump();
}

CallResponse decode_call_response(std::string_view text) {
  const json j = json::parse(text);
  expect_type(j, "call.response");
  if (auto it = j.find("protocol"); it != j.end() && *it != "tetra-1.0")
    throw std::runtime_error("unsupported protocol");
  CallResponse m;
  if (auto it = j.find("id"); it != j.end()) m.id = it->get<std::string>();
  if (auto it = j.find("metadata"); it != j.end()) m.metadata = metadata_from(*it);
  m.result.text = j.at("payload").at("result").dump();
  return m;
}

std::string encode(const CallResponse& m) {
  json j;
  j["type"] = "call.response";
  j["protocol"] = "tetra-1.0";
  if (m.id) j["id"] = *m.id;
  if (m.metadata) j["metadata"] = to_json(*m.metadata);
  j["payload"] = {{"result", raw(m.result)}};
  return j.dump();
}

}  // namespace nlohmann_baseline::tetra_
