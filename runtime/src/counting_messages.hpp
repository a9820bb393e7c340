// Internal: a websocketpp configuration whose outgoing messages count their bytes in a
// MemoryBudget for as long as they live: queued, being written, until the write completes.
// websocketpp's get_buffered_amount() stops counting a message once a write takes it from the
// queue, and a write to a peer that does not read never completes, so only the messages
// themselves know what is still held.
#pragma once

#include <websocketpp/message_buffer/alloc.hpp>
#include <websocketpp/message_buffer/message.hpp>

#include <cstddef>
#include <memory>
#include <utility>

#include "memory_budget.hpp"

namespace wirekit::detail {

/// Set around a send: the count its messages belong to, and the size of the payload the
/// send asked for, which its prepared frame carries.
struct CountingState {
  const HeldBytes* held = nullptr;
  std::size_t payload = 0;
};
inline thread_local CountingState counting_state;

/// Counts what a send on this thread queues, while the scope lives, into `held` (null: none).
class CountingScope {
 public:
  explicit CountingScope(const HeldBytes& held) noexcept : saved_(counting_state) {
    counting_state = CountingState{held ? &held : nullptr, 0};
  }
  ~CountingScope() { counting_state = saved_; }
  CountingScope(const CountingScope&) = delete;
  CountingScope& operator=(const CountingScope&) = delete;

 private:
  CountingState saved_;
};

/// websocketpp's per-connection message manager, counting the frame a send queues inside a
/// CountingScope. websocketpp's send() first makes a message for the payload
/// (get_message(op, size)), then the prepared frame that is queued and written
/// (get_message()); the latter is counted with the payload's size until it is freed, which
/// happens when its write completes, fails, or the connection goes away.
template <class Message>
class CountingMessageManager final
    : public websocketpp::message_buffer::alloc::con_msg_manager<Message> {
  using Base = websocketpp::message_buffer::alloc::con_msg_manager<Message>;

 public:
  using ptr = std::shared_ptr<CountingMessageManager>;
  using message_ptr = typename Message::ptr;

  message_ptr get_message(websocketpp::frame::opcode::value op, std::size_t size) {
    if (counting_state.held) counting_state.payload = size;
    return Base::get_message(op, size);
  }

  message_ptr get_message() {
    if (!counting_state.held || counting_state.payload == 0) return Base::get_message();
    HeldBytes held = *counting_state.held;
    const std::size_t size = std::exchange(counting_state.payload, 0);
    held->add(size);
    return message_ptr(new Message(this->shared_from_this()),
                       [held = std::move(held), size](Message* m) {
                         delete m;
                         held->sub(size);
                       });
  }
};

/// `Base` (a websocketpp config) with counted outgoing messages.
template <class Base>
struct Counting : Base {
  using type = Counting;
  using con_msg_manager_type = CountingMessageManager<typename Base::message_type>;
  using endpoint_msg_manager_type =
      websocketpp::message_buffer::alloc::endpoint_msg_manager<con_msg_manager_type>;
};

}  // namespace wirekit::detail
