#include "messages.hpp"

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace bench {
namespace {

using nlohmann::json;

wirekit::Uuid uuid_of(int n) {
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-a%03x-%012x", 0x3f2c1a9eu + n, n & 0xffff,
                n & 0xfff, (n * 7) & 0xfff, 0x2a3b4c5du + n * 13);
  return *wirekit::Uuid::parse(text);
}

wirekit::Timestamp timestamp_of(int n) {
  char text[40];
  std::snprintf(text, sizeof text, "2026-11-21T10:%02d:%02d.%06d+00:00", (n / 60) % 60, n % 60,
                (n * 123457) % 1000000);
  return *wirekit::Timestamp::parse(text);
}

std::string name_of(const char* prefix, int n) { return prefix + std::to_string(n); }

// A nested model value of roughly `rows` * 130 bytes: what an application state looks like.
json model_rows(int rows) {
  json list = json::array();
  for (int i = 0; i < rows; ++i) {
    list.push_back({{"id", i},
                    {"sensor", name_of("sensor-", i)},
                    {"value", 12.5 + i * 0.25},
                    {"unit", i % 2 ? "C" : "kPa"},
                    {"ok", i % 7 != 0},
                    {"tags", {"hall", name_of("zone-", i % 9)}},
                    {"note", nullptr}});
  }
  return list;
}

std::string html_fragment(int n) {
  std::string html = "<div tetra-component=\"TodoItem\" tetra-key=\"" + std::to_string(n) +
                     "\" x-data=\"{open: false}\"><input type=\"checkbox\" x-model=\"done\"> "
                     "<span class=\"title\">Item number " +
                     std::to_string(n) +
                     " \u2014 \"quoted\" text</span><button @click=\"remove()\">Remove</button>"
                     "<ul>";
  for (int i = 0; i < 4; ++i) html += "<li>detail " + std::to_string(i) + "</li>";
  html += "</ul></div>";
  return html;
}

}  // namespace

concierge::Identify concierge_small() {
  concierge::Identify m;
  m.name = "alice";
  m.nickname = "Alice";
  m.version = "0.2.0";
  m.tags = {"ui"};
  return m;
}

namespace {

concierge::ClientFetchAllResult concierge_clients(int count) {
  concierge::ClientFetchAllResult m;
  m.seq = 8;
  for (int i = 0; i < count; ++i) {
    concierge::Client c;
    c.name = name_of("client_", i);
    if (i % 3 != 0) c.nickname = name_of("Client number ", i);
    c.uuid = uuid_of(i);
    for (int t = 0; t < i % 4; ++t) c.tags.push_back(name_of("tag", t));
    m.clients.push_back(std::move(c));
  }
  return m;
}

}  // namespace

concierge::ClientFetchAllResult concierge_medium() { return concierge_clients(10); }
concierge::ClientFetchAllResult concierge_large() { return concierge_clients(200); }

flet::RegisterHostClient flet_small() {
  flet::RegisterHostClient m;
  m.id = "c1";
  m.page_name = "counter";
  m.is_app = true;
  m.update = true;
  return m;
}

flet::PageCommandsBatchFromHost flet_large() {
  flet::PageCommandsBatchFromHost m;
  m.id = "c3";
  m.page_name = "tasks";
  m.session_id = "6d1f0b3a";
  for (int i = 0; i < 200; ++i) {
    flet::Command c;
    c.indent = 0;
    c.name = "add";
    c.values = std::vector<std::string>{"row", name_of("item_", i)};
    c.attrs = std::map<std::string, std::string>{
        {"id", name_of("_", i)},       {"to", "page"},      {"at", std::to_string(i)},
        {"alignment", "spaceBetween"}, {"visible", "true"}, {"width", "420"}};
    if (i % 10 == 0) c.lines = std::vector<std::string>{"first line", "second line"};
    std::vector<flet::Command> children;
    for (int k = 0; k < 2; ++k) {
      flet::Command child;
      child.indent = 1;
      child.name = k == 0 ? "checkbox" : "iconbutton";
      child.attrs = std::map<std::string, std::string>{{"value", k == 0 ? "false" : "delete"},
                                                       {"label", name_of("Task ", i)}};
      children.push_back(std::move(child));
    }
    c.commands = std::move(children);
    m.commands.push_back(std::move(c));
  }
  return m;
}

event_sync::Ack sync_small() {
  event_sync::Ack m;
  m.id = *wirekit::Uuid::parse("9b2f6c1e-4d3a-4f8b-a1c2-5e6d7f8a9b0c");
  m.sent_at = *wirekit::Timestamp::parse("2026-11-21T10:00:00.123456+00:00");
  return m;
}

event_sync::Event sync_large() {
  event_sync::Event m;
  m.id = uuid_of(42);
  m.sent_at = timestamp_of(42);
  m.status = event_sync::Status::kOk;
  json payload = {{"state", {{"doors", 2}, {"rows", model_rows(190)}}}};
  m.payload.text = payload.dump();
  return m;
}

rise::EvtRes rise_small() {
  rise::EvtRes m;
  m.key = "e1";
  m.res.error = false;
  m.res.payload = wirekit::Json("{\"ok\":true}");
  m.res.actions = std::vector<wirekit::Json>{};
  return m;
}

rise::Up rise_large() {
  rise::Up m;
  m.key = "dashboard.table";
  m.val.text = json{{"$", "component"}, {"component", "Table"}, {"rows", model_rows(190)}}.dump();
  return m;
}

tetra::Subscribe tetra_small() {
  tetra::Subscribe m;
  m.group = "my-update-group";
  return m;
}

tetra::CallResponse tetra_large() {
  tetra::CallResponse m;
  m.id = "req-123";
  m.result = wirekit::Json("\"Success message\"");
  tetra::Metadata meta;
  meta.js = std::vector<std::string>{"/static/tetra/tasks.js", "/static/tetra/alpine.js"};
  meta.styles = std::vector<std::string>{"/static/tetra/tasks.css"};
  std::vector<tetra::MetaMessage> messages;
  for (int i = 0; i < 10; ++i)
    messages.push_back({"success", name_of("Saved item ", i), name_of("msg-", i)});
  meta.messages = std::move(messages);
  std::vector<tetra::Callback> callbacks;
  for (int i = 0; i < 40; ++i) {
    tetra::Callback cb;
    if (i % 2 == 0) {
      cb.callback = {"_updateHtml"};
      cb.args = {wirekit::Json(json(html_fragment(i)).dump())};
    } else {
      cb.callback = {"_updateData"};
      cb.args = {wirekit::Json(json{
          {"done", i % 3 == 0},
          {"title", name_of("Item ", i)},
          {"position", i},
          {"children", {1, 2, 3}}}.dump())};
    }
    callbacks.push_back(std::move(cb));
  }
  meta.callbacks = std::move(callbacks);
  m.metadata = std::move(meta);
  return m;
}

}  // namespace bench
