#include "endpoint/client_requests.hpp"

#include <charconv>
#include <chrono>
#include <utility>

#include "endpoint/client_outcomes.hpp"
#include "json/key_text.hpp"

namespace wirekit::detail {

namespace {

// A pending request's answer: the reply as received.
ReplyView reply_view(const Incoming& in) {
  ReplyView r;
  r.text = in.text;
  r.message = in.message;
  r.value = in.value;
  return r;
}

}  // namespace

ClientRequests::ClientRequests(const ProtocolSpec& spec, asio::io_context& loop)
    : spec_(spec),
      deadlines_(loop, [this](std::uint64_t key, std::uint64_t id) { expired(key, id); }) {}

void ClientRequests::add(std::optional<std::uint64_t> key, RequestId id, MessageIndex request,
                         std::uint32_t timeout_ms, Client::ReplyHandler done) {
  if (const RequestSpec* rs = spec_.request_of(request); rs && rs->awaits_next) {
    key = kAwaitsNextKey | ++next_ticket_;
    awaiting_next_.push_back(*key);
  }
  if (!key)
    return done(failure(SessionErrc::uncorrelated,
                        "the protocol gives no way to match a reply to this request"));
  if (auto old =
          requests_.insert(*key, RequestTable::Pending{id, request, timeout_ms, std::move(done)}))
    old->done(failure(SessionErrc::cancelled, "superseded by a request with the same id"));
  if (timeout_ms > 0)
    deadlines_.add(DeadlineQueue::Clock::now() + std::chrono::milliseconds(timeout_ms), *key, id);
}

void ClientRequests::expired(std::uint64_t key, std::uint64_t id) {
  const auto* p = requests_.find(key);
  if (!p || p->id != id) return;
  auto pending = requests_.take(key);
  const std::string message = "no reply within " + std::to_string(pending->timeout_ms) + " ms";
  pending->done(failure(SessionErrc::timeout, message));
}

void ClientRequests::cancel(RequestId id) {
  if (auto p = requests_.take_id(id)) p->done(failure(SessionErrc::cancelled, "cancelled"));
}

void ClientRequests::fail_all(SessionErrc errc, const std::string& message) {
  deadlines_.clear();
  awaiting_next_.clear();
  auto waiters = std::move(ack_waiters_);
  ack_waiters_.clear();
  for (auto& [id, acked] : waiters) acked(session_error(errc, message));
  for (auto& p : requests_.take_all()) p.done(failure(errc, message));
}

// Whether `in` answers the oldest request waiting for the next of its replies (`correlation:
// next`); completes it if so. Keys of requests that timed out or were cancelled are dropped on
// the way.
bool ClientRequests::complete_next(const Incoming& in) {
  for (auto it = awaiting_next_.begin(); it != awaiting_next_.end();) {
    const auto* p = requests_.find(*it);
    if (!p) {
      it = awaiting_next_.erase(it);
      continue;
    }
    const RequestSpec* rs = spec_.request_of(p->request);
    if (!rs || !rs->answered_by(in.message)) {
      ++it;
      continue;
    }
    auto pending = requests_.take(*it);
    awaiting_next_.erase(it);
    pending->done(reply_view(in));
    return true;
  }
  return false;
}

bool ClientRequests::complete(Connection& c, const Incoming& in) {
  if (requests_.size() == 0 || !in.header) return false;
  if (!awaiting_next_.empty() && complete_next(in)) return true;
  const auto key = c.session().correlation().reply_key(*in.header);
  if (!key) return false;
  auto pending = requests_.take(*key);
  if (!pending) return false;
  const RequestSpec* rs = spec_.request_of(pending->request);
  if (rs && !rs->answered_by(in.message)) {
    const std::string message = "got " + std::string(spec_.message_name(in.message)) + ": " +
                                std::string(in.text.substr(0, 200));
    pending->done(failure(SessionErrc::unexpected_reply, message));
    return true;
  }
  pending->done(reply_view(in));
  return true;
}

void ClientRequests::complete_undecodable(Connection& c, std::string_view text,
                                          const DecodeError& error) {
  if (requests_.size() == 0 || spec_.correlation.reply_field.empty()) return;
  const auto id = json::key_text_at(text, spec_.correlation.reply_field);
  if (!id) return;
  // The header a decoded reply would have given: echo reads its id, sequence its number.
  FrameHeader header;
  header.correlation_id = *id;
  std::int64_t number = 0;
  const char* end = id->data() + id->size();
  if (const auto [ptr, ec] = std::from_chars(id->data(), end, number);
      ec == std::errc() && ptr == end)
    header.seq = number;
  const auto key = c.session().correlation().reply_key(header);
  if (!key) return;
  auto pending = requests_.take(*key);
  if (!pending) return;
  const std::string message = "the reply did not decode: " + error.to_string();
  pending->done(failure(SessionErrc::undecodable_reply, message));
}

MessageIndex ClientRequests::expected_reply(Connection& c, std::string_view correlation_id,
                                            const MessageIndex* candidates,
                                            std::size_t count) const {
  FrameHeader h;
  h.correlation_id = correlation_id;
  const auto key = c.session().correlation().reply_key(h);
  const auto* p = key ? requests_.find(*key) : nullptr;
  const RequestSpec* rs = p ? spec_.request_of(p->request) : nullptr;
  for (std::size_t i = 0; i < count; ++i)
    if (!rs || rs->answered_by(candidates[i])) return p ? candidates[i] : kNoMessage;
  return kNoMessage;
}

void ClientRequests::await_ack(const std::string& event_id, AckHandler acked) {
  ack_waiters_.emplace(event_id, std::move(acked));
}

void ClientRequests::acked(const std::string& event_id) {
  auto it = ack_waiters_.find(event_id);
  if (it == ack_waiters_.end()) return;
  AckHandler handler = std::move(it->second);
  ack_waiters_.erase(it);
  handler(SessionError{});
}

}  // namespace wirekit::detail
