// concierge by hand with nlohmann::json: the baseline wirekit's codec is compared with.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nlohmann_baseline.hpp"

namespace nlohmann_baseline::concierge_ {
namespace {

using nlohmann::json;
using namespace ::concierge;

void expect_type(const json& j, const char* type) {
  if (j.at("type").get_ref<const std::string&>() != type)
    throw std::runtime_error(std::string("expected a ") + type + " message");
}

std::optional<std::string> nullable_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

wirekit::Uuid uuid_from(const json& j) {
  auto uuid = wirekit::Uuid::parse(j.get_ref<const std::string&>());
  if (!uuid) throw std::runtime_error("not a UUID");
  return *uuid;
}

Client client_from(const json& j) {
  Client c;
  c.name = j.at("name").get<std::string>();
  c.nickname = nullable_string(j, "nickname");
  c.uuid = uuid_from(j.at("uuid"));
  c.tags = j.at("tags").get<std::vector<std::string>>();
  return c;
}

json to_json(const Client& c) {
  json j;
  j["name"] = c.name;
  j["nickname"] = c.nickname ? json(*c.nickname) : json(nullptr);
  j["uuid"] = c.uuid.str();
  j["tags"] = c.tags;
  return j;
}

}  // namespace

Identify decode_identify(std::string_view text) {
  const json j = json::parse(text);
  expect_type(j, "IDENTIFY");
  Identify m;
  m.name = j.at("name").get<std::string>();
  m.nickname = nullable_string(j, "nickname");
  m.version = j.at("version").get<std::string>();
  m.secret = nullable_string(j, "secret");
  if (auto it = j.find("tags"); it != j.end()) m.tags = it->get<std::vector<std::string>>();
  return m;
}

std::string encode(const Identify& m) {
  json j;
  j["type"] = "IDENTIFY";
  j["name"] = m.name;
  j["nickname"] = m.nickname ? json(*m.nickname) : json(nullptr);
  j["version"] = m.version;
  j["secret"] = m.secret ? json(*m.secret) : json(nullptr);
  j["tags"] = m.tags;
  return j.dump();
}

ClientFetchAllResult decode_client_fetch_all_result(std::string_view text) {
  const json j = json::parse(text);
  expect_type(j, "CLIENT_FETCH_ALL_RESULT");
  ClientFetchAllResult m;
  if (auto it = j.find("seq"); it != j.end()) m.seq = it->get<std::int64_t>();
  for (const auto& c : j.at("clients")) m.clients.push_back(client_from(c));
  return m;
}

std::string encode(const ClientFetchAllResult& m) {
  json j;
  j["type"] = "CLIENT_FETCH_ALL_RESULT";
  if (m.seq) j["seq"] = *m.seq;
  json clients = json::array();
  for (const auto& c : m.clients) clients.push_back(to_json(c));
  j["clients"] = std::move(clients);
  return j.dump();
}

}  // namespace nlohmann_baseline::concierge_
