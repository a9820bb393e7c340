// What every generated client stub (<name>_client.hpp) is built from: a wirekit::Client, the
// typed handshake, typed requests, streams and events. `ToClient` is the protocol's generated
// variant of the messages the server sends; `Hooks` its generated `<name>::detail::Hooks`,
// through which the stub fills in correlation. The generated stub adds one method per message the
// client sends and one handler per message the server pushes.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "wirekit/client.hpp"
#include "wirekit/codegen/make_outgoing.hpp"
#include "wirekit/future.hpp"
#include "wirekit/outcome.hpp"
#include "wirekit/outgoing.hpp"
#include "wirekit/stream_end.hpp"

namespace wirekit {

namespace detail {
template <class T>
struct Identity {
  using type = T;
};
}  // namespace detail

/// The outcome of a stub's connect(): the handshake's typed message (the server's success
/// reply, or its first message when the server opens the handshake), or why there is none.
template <class M>
struct Connected {
  ConnectResult result;
  std::optional<M> message;

  bool ok() const noexcept { return result.ok() && message.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const M& operator*() const { return *message; }
  const M* operator->() const { return &*message; }
};

/// An open stream of a client stub. Copies refer to the same stream.
///
/// cancel() ends this stream (its end handler is told `cancelled`) and sends the schema's
/// cancel message for the keys no other open stream of the same kind still holds: with two
/// subscriptions on one key, the first cancel() sends nothing and the other goes on. drop()
/// ends it the same way without sending anything (for a stream the server never registered).
/// Sending the cancel message through its own stub method (e.g. `unsubscribe()`) ends every
/// open stream on the keys it names, as the server does.
class StreamHandle {
 public:
  StreamHandle() = default;
  StreamHandle(Client& client, StreamId id, Client::CancelBuilder cancel)
      : client_(&client), id_(id), cancel_(std::move(cancel)) {}
  StreamId id() const noexcept { return id_; }
  void cancel() {
    if (client_) client_->cancel_stream(id_, cancel_);
  }
  void drop() {
    if (client_) client_->drop_stream(id_);
  }
  /// Cancels the stream (its end handler told SessionErrc::timeout) unless it delivers one
  /// more item than `items_seen` within `timeout` (Client::expect_stream_item).
  void expect_item_within(std::uint64_t items_seen, std::chrono::milliseconds timeout) {
    if (client_)
      client_->expect_stream_item(id_, items_seen, static_cast<std::uint32_t>(timeout.count()),
                                  cancel_);
  }

 private:
  Client* client_ = nullptr;
  StreamId id_ = 0;
  Client::CancelBuilder cancel_;
};

namespace detail {
/// A stream's items as they arrive, then how it ended, for the StreamReader that takes them.
template <class Item, class End>
class StreamQueue {
 public:
  using Next = std::optional<Item>;

  void push(const Item& item) {
    std::unique_ptr<FuturePromise<Next>> waiter;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++pushed_;
      if (!waiter_) {
        items_.push_back(item);
        return;
      }
      waiter = std::move(waiter_);
    }
    waiter->set_value(item);
  }
  void finish(const StreamEndOf<End>& end) {
    std::unique_ptr<FuturePromise<Next>> waiter;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      end_ = end;
      waiter = std::move(waiter_);
    }
    if (waiter) waiter->set_value(std::nullopt);
  }
  /// The next item; when it has yet to arrive, `*waits_after` (if given) is set to the
  /// number of items pushed so far.
  Future<Next> next(std::function<void()> cancel, std::optional<std::uint64_t>* waits_after) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (waiter_) throw std::logic_error("StreamReader::next() while the previous one is pending");
    if (items_.empty() && !end_) {
      if (waits_after) *waits_after = pushed_;
      waiter_ = std::make_unique<FuturePromise<Next>>();
      return waiter_->get_future(std::move(cancel));
    }
    FuturePromise<Next> ready;
    auto future = ready.get_future(std::move(cancel));
    if (items_.empty()) {
      ready.set_value(std::nullopt);
    } else {
      ready.set_value(std::move(items_.front()));
      items_.pop_front();
    }
    return future;
  }
  std::optional<StreamEndOf<End>> end() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return end_;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<Item> items_;
  std::uint64_t pushed_ = 0;
  std::optional<StreamEndOf<End>> end_;
  std::unique_ptr<FuturePromise<Next>> waiter_;
};
}  // namespace detail

/// An open stream read one item at a time: next() is a future of the next item, or of nullopt
/// once the stream has ended (then end() says how). Items that arrive before they are asked for
/// wait in the reader, without bound. One next() at a time. Destroying or reassigning a reader
/// whose stream is still open cancels it (the schema's cancel message, as StreamHandle::cancel()
/// sends); destroy readers before their client. In C++20, `co_await reader.next()`
/// (wirekit/coro.hpp).
template <class Item, class End>
class StreamReader {
 public:
  StreamReader() = default;
  StreamReader(std::shared_ptr<detail::StreamQueue<Item, End>> queue, StreamHandle handle)
      : queue_(std::move(queue)), handle_(std::move(handle)) {}
  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;
  StreamReader(StreamReader&& other) noexcept = default;
  StreamReader& operator=(StreamReader&& other) noexcept {
    if (this != &other) {
      cancel_if_open();
      queue_ = std::move(other.queue_);
      handle_ = std::move(other.handle_);
    }
    return *this;
  }
  ~StreamReader() { cancel_if_open(); }

  /// The next item, or nullopt once the stream has ended. Its cancel() cancels the stream.
  Future<std::optional<Item>> next() { return next_item(nullptr); }
  /// The same, but when no item arrives within `timeout` the stream is cancelled (the
  /// schema's cancel message is sent, as by cancel()): the future then gives nullopt and
  /// end() says SessionErrc::timeout. An item already here is returned at once. To wait
  /// without ending the stream, use the future's wait_for() instead.
  Future<std::optional<Item>> next(std::chrono::milliseconds timeout) {
    std::optional<std::uint64_t> waits_after;
    auto future = next_item(&waits_after);
    if (waits_after) handle_.expect_item_within(*waits_after, timeout);
    return future;
  }
  /// How the stream ended (the end or failure message typed, or the session error); nullopt
  /// while it is open.
  std::optional<StreamEndOf<End>> end() const {
    return queue_ ? queue_->end() : std::optional<StreamEndOf<End>>();
  }
  /// Cancels the stream: the items already here can still be read, then next() gives nullopt
  /// and end() says `cancelled`.
  void cancel() { handle_.cancel(); }
  const StreamHandle& handle() const noexcept { return handle_; }

 private:
  Future<std::optional<Item>> next_item(std::optional<std::uint64_t>* waits_after) {
    if (!queue_) throw std::logic_error("StreamReader::next() on a reader without a stream");
    return queue_->next([handle = handle_]() mutable { handle.cancel(); }, waits_after);
  }
  void cancel_if_open() {
    if (queue_ && !queue_->end()) handle_.cancel();
  }

  std::shared_ptr<detail::StreamQueue<Item, End>> queue_;
  StreamHandle handle_;
};

template <class ToClient, class Hooks>
class ClientStub {
 public:
  ClientStub(const ProtocolSpec& spec, ClientOptions options)
      : handlers_(spec.messages.size()), client_(spec, std::move(options)) {
    client_.on_handshake([this](const Incoming& in) {
      if (const ToClient* message = in.value.get<ToClient>()) {
        std::lock_guard<std::mutex> lock(handshake_mutex_);
        handshake_message_ = *message;
      }
      dispatch(in);
    });
    client_.on_message([this](const Incoming& in) { dispatch(in); });
  }
  ClientStub(const ClientStub&) = delete;
  ClientStub& operator=(const ClientStub&) = delete;

  /// Each time an open connection ends: the close code and reason.
  void on_close(std::function<void(const CloseInfo&)> handler) {
    client_.on_close(std::move(handler));
  }
  /// After each successful reconnection (and its handshake), to restore state.
  void on_reconnected(std::function<void()> handler) { client_.on_reconnected(std::move(handler)); }
  /// A message that did not decode: the typed error (with its path) and the text.
  void on_undecodable(std::function<void(const DecodeError&, std::string_view text)> handler) {
    client_.on_undecodable(std::move(handler));
  }
  /// Fails the request with SessionErrc::cancelled if it is still pending.
  void cancel(RequestId request) { client_.cancel(request); }
  bool is_open() const noexcept { return client_.is_open(); }
  void close(std::uint16_t code = 1000, std::string reason = {}) {
    client_.close(code, std::move(reason));
  }
  void stop() { client_.stop(); }
  /// The runtime client underneath, for what the stub does not cover.
  Client& runtime() noexcept { return client_; }

 protected:
  /// The handler of message `index` (of type M), for every one that is not a reply, a
  /// stream's message or consumed by the runtime. Set handlers before connect().
  template <class M>
  void stub_handler(MessageIndex index, std::function<void(const M&)> handler) {
    if (!handler) {
      handlers_.at(static_cast<std::size_t>(index)) = nullptr;
      return;
    }
    handlers_.at(static_cast<std::size_t>(index)) =
        [handler = std::move(handler)](const ToClient& value) {
          if (const M* message = std::get_if<M>(&value)) handler(*message);
        };
  }

  /// Connects and waits for the handshake; `Success` is its typed message.
  template <class Success>
  Connected<Success> stub_connect(const std::string& host, std::uint16_t port, std::string path) {
    {
      std::lock_guard<std::mutex> lock(handshake_mutex_);
      handshake_message_.reset();
    }
    Connected<Success> out;
    out.result = client_.connect(host, port, std::move(path));
    if (!out.result) return out;
    std::lock_guard<std::mutex> lock(handshake_mutex_);
    if (handshake_message_)
      if (auto* m = std::get_if<Success>(&*handshake_message_)) out.message = std::move(*m);
    return out;
  }
  /// Connects (a protocol without a handshake).
  ConnectResult stub_connect_plain(const std::string& host, std::uint16_t port, std::string path) {
    return client_.connect(host, port, std::move(path));
  }

  /// Sends `request` (correlated by the runtime) and calls `done` once with its outcome.
  template <class Result, class Request>
  RequestId stub_call(Request request, std::function<void(Result)> done, RequestOptions options) {
    return client_.request_message(
        [request = std::move(request)](std::string_view id) mutable {
          Hooks::set_correlation_id(request, id);
          return make_outgoing<Hooks>(request);
        },
        [done = std::move(done)](ReplyView&& reply) {
          if (done) done(outcome_of<Result, ToClient>(std::move(reply)));
        },
        options);
  }
  /// The same as a Future; its cancel() cancels the request.
  template <class Result, class Request>
  Future<Result> stub_call_future(Request request, RequestOptions options) {
    auto promise = std::make_shared<FuturePromise<Result>>();
    auto id = std::make_shared<RequestId>(0);
    auto future = promise->get_future([client = &client_, id] { client->cancel(*id); });
    *id = stub_call<Result>(
        std::move(request), [promise](Result r) { promise->set_value(std::move(r)); }, options);
    return future;
  }

  /// A function that writes a stream's generated key into its request (null: none).
  template <class Request>
  using KeySetter = typename detail::Identity<void (*)(Request&, std::string_view)>::type;

  /// Opens a stream; `Item` is one item type, or a std::variant of several; `End` likewise
  /// for its ends and failures (std::monostate when none). `set_key` writes the key the runtime
  /// generates into the request when the schema has it do so; `cancel` makes the cancel
  /// messages for keys no other open stream holds.
  template <class Item, class End, class Request>
  StreamHandle stub_stream(const Request& request, KeySetter<Request> set_key,
                           std::function<void(const Item&)> on_item,
                           std::function<void(const StreamEndOf<End>&)> on_end,
                           Client::CancelBuilder cancel) {
    const StreamId id = client_.open_stream(
        [request = Request(request), set_key](std::string_view key) mutable {
          if (set_key && !key.empty()) set_key(request, key);
          return make_outgoing<Hooks>(request);
        },
        [on_item = std::move(on_item)](const Incoming& in) {
          ToClient* value = in.value.get<ToClient>();
          if (!on_item || !value) return;
          std::visit(
              [&on_item, &in](auto& message) {
                using M = std::decay_t<decltype(message)>;
                if constexpr (std::is_same_v<Item, M>)
                  on_item(message);
                else if constexpr (std::is_constructible_v<Item, M&&>)
                  on_item(in.shared ? Item(message) : Item(std::move(message)));
              },
              *value);
        },
        [on_end = std::move(on_end)](const StreamEnd& end) {
          if (on_end) on_end(typed_end<End>(end));
        });
    return StreamHandle(client_, id, std::move(cancel));
  }
  /// A one-result stream: `done` gets its item and how it ended, once it has ended.
  template <class Item, class End, class Request>
  StreamHandle stub_stream_once(const Request& request, KeySetter<Request> set_key,
                                std::function<void(StreamResult<Item, End>)> done,
                                Client::CancelBuilder cancel) {
    auto result = std::make_shared<StreamResult<Item, End>>();
    return stub_stream<Item, End>(
        request, set_key, [result](const Item& item) { result->item = item; },
        [result, done = std::move(done)](const StreamEndOf<End>& end) {
          result->end = end;
          if (done) done(std::move(*result));
        },
        std::move(cancel));
  }
  /// The same as a Future; its cancel() cancels the stream.
  template <class Item, class End, class Request>
  Future<StreamResult<Item, End>> stub_stream_future(const Request& request,
                                                     KeySetter<Request> set_key,
                                                     Client::CancelBuilder cancel) {
    auto promise = std::make_shared<FuturePromise<StreamResult<Item, End>>>();
    auto handle = std::make_shared<StreamHandle>();
    auto future = promise->get_future([handle] { handle->cancel(); });
    *handle = stub_stream_once<Item, End>(
        request, set_key,
        [promise](StreamResult<Item, End> r) { promise->set_value(std::move(r)); },
        std::move(cancel));
    return future;
  }
  /// The same as a StreamReader.
  template <class Item, class End, class Request>
  StreamReader<Item, End> stub_stream_reader(const Request& request, KeySetter<Request> set_key,
                                             Client::CancelBuilder cancel) {
    auto queue = std::make_shared<detail::StreamQueue<Item, End>>();
    StreamHandle handle = stub_stream<Item, End>(
        request, set_key, [queue](const Item& item) { queue->push(item); },
        [queue](const StreamEndOf<End>& end) { queue->finish(end); }, std::move(cancel));
    return StreamReader<Item, End>(std::move(queue), std::move(handle));
  }

  /// Ack correlation: sends `event` stamped with a fresh id and the current time
  /// (`Hooks::stamp_event`, the protocol's); returns the id. `acked` as for Client::send_event().
  template <class Event>
  std::string stub_event(Event event, AckHandler acked) {
    return client_.send_event(
        [event = std::move(event)](std::string_view id, std::string_view sent_at) mutable {
          Hooks::stamp_event(event, id, sent_at);
          return make_outgoing<Hooks>(event);
        },
        std::move(acked));
  }

 private:
  template <class End>
  static StreamEndOf<End> typed_end(const StreamEnd& end) {
    StreamEndOf<End> out;
    out.reason = end.reason;
    out.error = end.error;
    if (ToClient* value = end.message ? end.message->value.get<ToClient>() : nullptr)
      std::visit(
          [&out, shared = end.message->shared](auto& message) {
            using M = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<End, M> || std::is_constructible_v<End, M&&>) {
              if (shared)
                out.message.emplace(message);
              else
                out.message.emplace(std::move(message));
            }
          },
          *value);
    return out;
  }

  void dispatch(const Incoming& in) {
    const ToClient* value = in.value.get<ToClient>();
    if (value && in.message >= 0 && static_cast<std::size_t>(in.message) < handlers_.size())
      if (const auto& handler = handlers_[static_cast<std::size_t>(in.message)]) handler(*value);
  }

  std::vector<std::function<void(const ToClient&)>> handlers_;
  std::mutex handshake_mutex_;
  std::optional<ToClient> handshake_message_;
  Client client_;  // last: destroyed first, so no handler runs on what is already gone
};

}  // namespace wirekit
