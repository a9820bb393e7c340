// flet by hand with nlohmann::json: the baseline wirekit's codec is compared with.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nlohmann_baseline.hpp"

namespace nlohmann_baseline::flet_ {
namespace {

using nlohmann::json;
using namespace ::flet;

void expect_action(const json& j, const char* action) {
  if (j.at("action").get_ref<const std::string&>() != action)
    throw std::runtime_error(std::string("expected a ") + action + " message");
}

// Optional string members default to "".
std::string string_or_empty(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? std::string() : it->get<std::string>();
}

Command command_from(const json& j) {
  Command c;
  if (auto it = j.find("indent"); it != j.end()) c.indent = it->get<std::int64_t>();
  c.name = j.at("name").get<std::string>();
  if (auto it = j.find("values"); it != j.end()) c.values = it->get<std::vector<std::string>>();
  if (auto it = j.find("attrs"); it != j.end())
    c.attrs = it->get<std::map<std::string, std::string>>();
  if (auto it = j.find("lines"); it != j.end()) c.lines = it->get<std::vector<std::string>>();
  if (auto it = j.find("commands"); it != j.end()) {
    std::vector<Command> children;
    for (const auto& child : *it) children.push_back(command_from(child));
    c.commands = std::move(children);
  }
  return c;
}

json to_json(const Command& c) {
  json j;
  if (c.indent) j["indent"] = *c.indent;
  j["name"] = c.name;
  if (c.values) j["values"] = *c.values;
  if (c.attrs) j["attrs"] = *c.attrs;
  if (c.lines) j["lines"] = *c.lines;
  if (c.commands) {
    json children = json::array();
    for (const auto& child : *c.commands) children.push_back(to_json(child));
    j["commands"] = std::move(children);
  }
  return j;
}

}  // namespace

RegisterHostClient decode_register_host_client(std::string_view text) {
  const json j = json::parse(text);
  expect_action(j, "registerHostClient");
  RegisterHostClient m;
  m.id = j.at("id").get<std::string>();
  const json& p = j.at("payload");
  m.host_client_id = string_or_empty(p, "hostClientID");
  m.page_name = p.at("pageName").get<std::string>();
  if (auto it = p.find("isApp"); it != p.end()) m.is_app = it->get<bool>();
  if (auto it = p.find("update"); it != p.end()) m.update = it->get<bool>();
  m.auth_token = string_or_empty(p, "authToken");
  m.permissions = string_or_empty(p, "permissions");
  return m;
}

std::string encode(const RegisterHostClient& m) {
  json j;
  j["action"] = "registerHostClient";
  j["id"] = m.id;
  j["payload"] = {{"hostClientID", m.host_client_id},
                  {"pageName", m.page_name},
                  {"isApp", m.is_app},
                  {"update", m.update},
                  {"authToken", m.auth_token},
                  {"permissions", m.permissions}};
  return j.dump();
}

PageCommandsBatchFromHost decode_page_commands_batch(std::string_view text) {
  const json j = json::parse(text);
  expect_action(j, "pageCommandsBatchFromHost");
  PageCommandsBatchFromHost m;
  m.id = j.at("id").get<std::string>();
  const json& p = j.at("payload");
  m.page_name = p.at("pageName").get<std::string>();
  m.session_id = p.at("sessionID").get<std::string>();
  for (const auto& c : p.at("commands")) m.commands.push_back(command_from(c));
  return m;
}

std::string encode(const PageCommandsBatchFromHost& m) {
  json commands = json::array();
  for (const auto& c : m.commands) commands.push_back(to_json(c));
  json j;
  j["action"] = "pageCommandsBatchFromHost";
  j["id"] = m.id;
  j["payload"] = {
      {"pageName", m.page_name}, {"sessionID", m.session_id}, {"commands", std::move(commands)}};
  return j.dump();
}

}  // namespace nlohmann_baseline::flet_
