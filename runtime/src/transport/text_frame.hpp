// Internal: the outgoing text frames of every connection, built here instead of by
// websocketpp's send(payload, opcode). That call makes two messages per send (one holding a
// copy of the payload, then the frame prepared from it, a second copy) and checks the
// payload's UTF-8 one byte at a time, which profiling showed costs more than all the rest of
// preparing the frame (bench/RESULTS.md). Here a send makes one message, copies the payload
// once, checks its UTF-8 with simdjson's vectorized validator and hands websocketpp a frame it
// queues as it is (a "prepared" message). The frame is what RFC 6455 section 5.2 describes
// and websocketpp would write: FIN set, opcode text, no extension bits (no permessage-deflate
// is negotiated), masked with a fresh random key when the client sends.
#pragma once

#include <websocketpp/frame.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "memory/memory_budget.hpp"

namespace wirekit::detail {

/// Whether `text` is valid UTF-8, as a text frame's payload must be (RFC 6455 section 5.6).
bool valid_utf8(std::string_view text) noexcept;

/// A fresh masking key for a frame a client sends (RFC 6455 section 5.3: unpredictable).
std::uint32_t masking_key();

/// A websocketpp message that counts its payload in a MemoryBudget for as long as it lives:
/// queued, being written, until the write completes, fails or its connection goes away
/// (websocketpp's own buffered amount stops counting a message once a write takes it).
template <class Message>
class CountedMessage final : public Message {
 public:
  CountedMessage(HeldBytes held, std::size_t size)
      : Message(typename Message::con_msg_man_ptr(), websocketpp::frame::opcode::text, size),
        held_(std::move(held)),
        size_(size) {
    held_->add(size_);
  }
  ~CountedMessage() { held_->sub(size_); }
  CountedMessage(const CountedMessage&) = delete;
  CountedMessage& operator=(const CountedMessage&) = delete;

 private:
  HeldBytes held_;
  std::size_t size_;
};

/// The prepared text frame carrying `text`, counted in `held` (null: not counted); null when
/// `text` is not valid UTF-8.
template <class Message>
typename Message::ptr text_frame(const std::string& text, bool masked, const HeldBytes& held) {
  namespace frame = websocketpp::frame;
  if (!valid_utf8(text)) return nullptr;
  typename Message::ptr out = held ? std::make_shared<CountedMessage<Message>>(held, text.size())
                                   : std::make_shared<Message>(typename Message::con_msg_man_ptr(),
                                                               frame::opcode::text, text.size());
  std::string& payload = out->get_raw_payload();
  payload.assign(text);
  const frame::basic_header basic(frame::opcode::text, text.size(), true, masked);
  if (masked) {
    frame::masking_key_type key;
    key.i = masking_key();
    frame::word_mask_exact(reinterpret_cast<std::uint8_t*>(payload.data()), payload.size(), key);
    out->set_header(frame::prepare_header(basic, frame::extended_header(text.size(), key.i)));
  } else {
    out->set_header(frame::prepare_header(basic, frame::extended_header(text.size())));
  }
  out->set_opcode(frame::opcode::text);
  out->set_prepared(true);
  return out;
}

}  // namespace wirekit::detail
