#include "endpoint/client_streams.hpp"

#include <chrono>
#include <utility>

#include "endpoint/client_outcomes.hpp"

namespace wirekit::detail {

ClientStreams::ClientStreams(asio::io_context& loop, TimedOut timed_out)
    : timed_out_(std::move(timed_out)),
      deadlines_(loop, [this](std::uint64_t stream, std::uint64_t items_seen) {
        due(stream, items_seen);
      }) {}

void ClientStreams::open(Connection& c, StreamId id, const StreamSpec& spec,
                         const std::vector<std::string>& keys, Client::StreamHandler on_item,
                         Client::StreamEndHandler on_end) {
  c.streams.open(id, spec, keys);
  streams_.emplace(
      id, Handlers{
              on_item ? std::make_shared<const Client::StreamHandler>(std::move(on_item)) : nullptr,
              std::move(on_end),
              0,
              {}});
}

bool ClientStreams::route(Connection& c, Incoming& in) {
  if (streams_.empty() || !in.header) return false;
  auto& matched = matches_;
  if (!c.streams.match(in.message, in.header->stream_conditions, in.header->stream_keys, matched))
    return false;
  // A handler may open or end streams (and so reuse matches_): work on a copy when several
  // streams share the message, which is rare.
  std::vector<StreamRegistry::Match> several;
  if (matched.size() > 1) several = matched;
  const auto& each = matched.size() > 1 ? several : matched;
  const std::size_t count = each.size();
  for (std::size_t i = 0; i < count; ++i) {
    const auto m = each[i];
    in.shared = i + 1 < count;
    auto it = streams_.find(m.stream);
    if (it == streams_.end()) continue;
    if (m.role == StreamRole::item) {
      ++it->second.items;
      if (const auto handler = it->second.on_item) (*handler)(in);
      continue;
    }
    Handlers s = std::move(it->second);
    streams_.erase(it);
    StreamEnd end;
    end.reason = m.role == StreamRole::end ? StreamEnd::Reason::ended : StreamEnd::Reason::failed;
    end.message = &in;
    if (s.on_end) s.on_end(end);
  }
  in.shared = false;
  return true;
}

void ClientStreams::end(StreamId id, SessionErrc errc, const char* why) {
  auto it = streams_.find(id);
  if (it == streams_.end()) return;
  Handlers s = std::move(it->second);
  streams_.erase(it);
  if (s.on_end) s.on_end(session_end(errc, why));
}

void ClientStreams::cancelled_by(Connection& c, const Outgoing& message) {
  if (streams_.empty() || !message.has_facts() || message.stream_keys.empty()) return;
  for (StreamId id : c.streams.cancel(message.facts.message, KeyList(message.stream_keys)))
    end(id, SessionErrc::cancelled, "stream cancelled");
}

void ClientStreams::expect_item(StreamId id, std::uint64_t items_seen, std::uint32_t timeout_ms,
                                Client::CancelBuilder cancel) {
  auto it = streams_.find(id);
  if (it == streams_.end() || it->second.items > items_seen) return;
  it->second.cancel_on_due = std::move(cancel);
  deadlines_.add(DeadlineQueue::Clock::now() + std::chrono::milliseconds(timeout_ms), id,
                 items_seen);
}

void ClientStreams::due(StreamId id, std::uint64_t items_seen) {
  auto it = streams_.find(id);
  if (it == streams_.end() || it->second.items != items_seen) return;  // ended, or an item came
  const Client::CancelBuilder cancel = it->second.cancel_on_due;
  timed_out_(id, cancel);
}

void ClientStreams::fail_all(SessionErrc errc, const std::string& message) {
  auto all = std::move(streams_);
  streams_.clear();
  for (auto& [id, s] : all)
    if (s.on_end) s.on_end(session_end(errc, message));
}

}  // namespace wirekit::detail
