// concierge by hand with simdjson On-Demand: see ondemand_baseline.hpp.
#include <stdexcept>
#include <string>
#include <vector>

#include "ondemand_baseline.hpp"
#include "ondemand_read.hpp"

namespace ondemand_baseline::concierge_ {
namespace {

using namespace ::concierge;

void read_strings(od::value v, std::vector<std::string>& out) {
  out.clear();
  for (auto item : v.get_array()) read_string(item.value(), out.emplace_back());
}

void read_client(od::object obj, Client& c) {
  bool has_name = false;
  bool has_uuid = false;
  bool has_tags = false;
  for (auto field : obj) {
    const od::raw_json_string key = field.key();
    od::value v = field.value();
    if (key == "name") {
      read_string(v, c.name);
      has_name = true;
    } else if (key == "nickname") {
      read_nullable(v, c.nickname);
    } else if (key == "uuid") {
      auto uuid = wirekit::Uuid::parse(std::string_view(v.get_string()));
      if (!uuid) throw std::runtime_error("not a UUID");
      c.uuid = *uuid;
      has_uuid = true;
    } else if (key == "tags") {
      read_strings(v, c.tags);
      has_tags = true;
    }
  }
  if (!has_name || !has_uuid || !has_tags) throw std::runtime_error("a client lacks a field");
}

}  // namespace

Identify decode_identify(std::string_view text) {
  Identify m;
  bool has_tag = false;
  bool has_name = false;
  bool has_version = false;
  for (auto field : parse(text).get_object()) {
    const od::raw_json_string key = field.key();
    od::value v = field.value();
    if (key == "type") {
      expect_tag(v, Identify::kTag);
      has_tag = true;
    } else if (key == "name") {
      read_string(v, m.name);
      has_name = true;
    } else if (key == "nickname") {
      read_nullable(v, m.nickname);
    } else if (key == "version") {
      read_string(v, m.version);
      has_version = true;
    } else if (key == "secret") {
      read_nullable(v, m.secret);
    } else if (key == "tags") {
      read_strings(v, m.tags);
    }
  }
  if (!has_tag || !has_name || !has_version) throw std::runtime_error("IDENTIFY lacks a field");
  return m;
}

ClientFetchAllResult decode_client_fetch_all_result(std::string_view text) {
  ClientFetchAllResult m;
  bool has_tag = false;
  bool has_clients = false;
  for (auto field : parse(text).get_object()) {
    const od::raw_json_string key = field.key();
    od::value v = field.value();
    if (key == "type") {
      expect_tag(v, ClientFetchAllResult::kTag);
      has_tag = true;
    } else if (key == "seq") {
      m.seq = std::int64_t(v.get_int64());
    } else if (key == "clients") {
      for (auto item : v.get_array()) read_client(item.get_object(), m.clients.emplace_back());
      has_clients = true;
    }
  }
  if (!has_tag || !has_clients) throw std::runtime_error("CLIENT_FETCH_ALL_RESULT lacks a field");
  return m;
}

}  // namespace ondemand_baseline::concierge_
