#include "rise_models.hpp"

#include <array>
#include <string_view>

#include <wirekit/json_writer.hpp>

namespace rise_example {
namespace {

constexpr std::array<std::string_view, 5> kHandlers = {"increment", "append", "reset", "navigate",
                                                       "fail"};

std::string json_string(std::string_view s) {
  wirekit::JsonWriter w;
  w.string(s);
  return w.take();
}

std::vector<std::string> split(const std::string& key) {
  std::vector<std::string> parts(1);
  for (char c : key) {
    if (c == '/')
      parts.emplace_back();
    else
      parts.back().push_back(c);
  }
  return parts;
}

/// The handler `path` names: ["events", NAME] for one of kHandlers; "" when none.
std::string_view handler_of(const std::vector<std::string>& path) {
  if (path.size() != 2 || path[0] != json_string("events")) return {};
  for (auto name : kHandlers)
    if (path[1] == json_string(name)) return name;
  return {};
}

// JavaScript's falsy JSON values: response() leaves `payload` out for them.
bool falsy(const std::string& json) {
  return json == "0" || json == "false" || json == "null" || json == "\"\"";
}

}  // namespace

std::optional<ModelValue> Models::value(const std::string& key) const {
  const auto parts = split(key);
  if (parts.size() == 2 && parts[0] == "greeting")
    return ModelValue{true, json_string("hello " + parts[1])};
  if (parts.size() != 1) return std::nullopt;
  if (key == "counter") return ModelValue{true, std::to_string(counter_)};
  if (key == "list") {
    std::string json = "[";
    for (std::size_t i = 0; i < list_.size(); ++i) json += (i ? "," : "") + list_[i];
    return ModelValue{true, json + "]"};
  }
  if (key == "greeting") return ModelValue{true, json_string("hello ")};
  if (key == "loaded")
    return loaded_ ? ModelValue{true, json_string("loaded")} : ModelValue{false, {}};
  if (key == "events") {
    std::string json = "{";
    for (std::size_t i = 0; i < kHandlers.size(); ++i)
      json += (i ? "," : "") + json_string(kHandlers[i]) + ":{\"$\":\"event\"}";
    return ModelValue{true, json + "}"};
  }
  return std::nullopt;
}

EventResult Models::handle(const std::vector<std::string>& path,
                           const std::vector<std::string>& args,
                           std::vector<std::string>& changed) {
  EventResult r;
  const std::string_view handler = handler_of(path);
  std::string value;
  if (handler == "increment") {
    ++counter_;
    changed.push_back("counter");
    value = std::to_string(counter_);
  } else if (handler == "append") {
    list_.push_back(args.empty() ? "null" : args.front());
    changed.push_back("list");
    value = this->value("list")->json;
  } else if (handler == "reset") {
    if (counter_ != 0) changed.push_back("counter");
    counter_ = 0;
    value = "0";
  } else if (handler == "navigate") {
    value = json_string("went");
    r.actions = std::vector<std::string>{R"({"to":"home","$":"action","name":"navigate"})"};
  } else {  // "fail", or no handler: the Error, as JSON.stringify writes it
    r.error = true;
    value = "{}";
  }
  if (!falsy(value)) r.payload = value;
  return r;
}

bool Models::starts_loading(const std::string& key) {
  if (key != "loaded" || loading_) return false;
  loading_ = true;
  return true;
}

}  // namespace rise_example
