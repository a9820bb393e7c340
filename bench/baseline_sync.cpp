// sync by hand with nlohmann::json: the baseline wirekit's codec is compared with.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "nlohmann_baseline.hpp"

namespace nlohmann_baseline::sync_ {
namespace {

using nlohmann::json;
using namespace ::event_sync;

void expect_type(const json& j, const char* type) {
  if (j.at("type").get_ref<const std::string&>() != type)
    throw std::runtime_error(std::string("expected a ") + type + " message");
}

wirekit::Uuid uuid_from(const json& j) {
  auto uuid = wirekit::Uuid::parse(j.get_ref<const std::string&>());
  if (!uuid) throw std::runtime_error("not a UUID");
  return *uuid;
}

wirekit::Timestamp timestamp_from(const json& j) {
  auto ts = wirekit::Timestamp::parse(j.get_ref<const std::string&>());
  if (!ts) throw std::runtime_error("not an ISO 8601 timestamp");
  return *ts;
}

Status status_from(const json& j) {
  const auto& s = j.get_ref<const std::string&>();
  if (s == "ok") return Status::kOk;
  if (s == "error") return Status::kError;
  if (s == "fatal") return Status::kFatal;
  throw std::runtime_error("unknown status " + s);
}

const char* status_name(Status s) {
  switch (s) {
    case Status::kOk:
      return "ok";
    case Status::kError:
      return "error";
    case Status::kFatal:
      return "fatal";
  }
  return "ok";
}

}  // namespace

Ack decode_ack(std::string_view text) {
  const json j = json::parse(text);
  expect_type(j, "ack");
  Ack m;
  m.id = uuid_from(j.at("id"));
  m.sent_at = timestamp_from(j.at("sent_at"));
  return m;
}

std::string encode(const Ack& m) {
  json j;
  j["type"] = "ack";
  j["id"] = m.id.str();
  j["sent_at"] = m.sent_at.str();
  return j.dump();
}

Event decode_event(std::string_view text) {
  const json j = json::parse(text);
  expect_type(j, "event");
  Event m;
  m.id = uuid_from(j.at("id"));
  m.sent_at = timestamp_from(j.at("sent_at"));
  m.status = status_from(j.at("status"));
  const json& reason = j.at("reason");
  if (!reason.is_null()) m.reason = reason.get<std::string>();
  m.payload.text = j.at("payload").dump();
  return m;
}

std::string encode(const Event& m) {
  json j;
  j["type"] = "event";
  j["id"] = m.id.str();
  j["sent_at"] = m.sent_at.str();
  j["status"] = status_name(m.status);
  j["reason"] = m.reason ? json(*m.reason) : json(nullptr);
  j["payload"] = m.payload.text.empty() ? json(nullptr) : json::parse(m.payload.text);
  return j.dump();
}

}  // namespace nlohmann_baseline::sync_
