// Fuzz target: the session rules of one connection (handshake, sequence numbers, acks,
// correlation, rate limit, undecodable replies, close codes) fed a sequence of frames through
// a fake Wire, for each checked-in protocol and both sides. Nothing may crash, hang or leak,
// and nothing may be written after the connection was closed.
//
// Input: the first byte picks the protocol (low bits) and the side (0x80: client); the rest is
// split at NUL bytes into steps. A step starting with '\x01' is a binary frame, '\x02' writes
// the rest as an outgoing payload, '\x03' runs ready handlers and timers; any other step is
// one incoming text frame as it stands (so protocol examples work as seeds).
#include <cstddef>  // before asio: its config reads libstdc++ macros (aligned_alloc)

#include <asio/io_context.hpp>
#include <asio/io_context_strand.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "endpoint/endpoint_core.hpp"
#include "session_specs.hpp"

namespace {

using namespace wirekit;
using namespace wirekit::detail;

class FakeWire final : public Wire {
 public:
  explicit FakeWire(asio::io_context& io) : strand_(io) {}
  void send_text(const std::string& text, const HeldBytes&) override {
    if (closed_) std::abort();  // nothing is written after the close
    sent_ += text.size();
  }
  std::size_t buffered() const override { return 0; }
  void close(std::uint16_t code, const std::string& reason) override {
    if (code < 1000 || code > 4999 || reason.size() > 123) std::abort();
    closed_ = true;
  }
  void pause_reading() override {}
  void resume_reading() override {}
  asio::io_context::strand& strand() override { return strand_; }
  CloseInfo close_info(bool) const override { return CloseInfo{}; }

 private:
  asio::io_context::strand strand_;
  std::size_t sent_ = 0;
  bool closed_ = false;
};

// A role that answers every delivered message with its own text (exercising the write path
// from inside a handler) and keeps the default undecodable policy.
class EchoEvents final : public ConnectionEvents {
 public:
  void deliver(Connection& connection, Incoming& message) override {
    if (!message.binary) connection.write_frame(std::string(message.text));
  }
  MessageIndex expected_reply(Connection&, std::string_view, const MessageIndex* candidates,
                              std::size_t count) override {
    return count ? candidates[count - 1] : kNoMessage;
  }
  std::optional<std::string> undecodable(Connection&, const DecodeError&,
                                         std::optional<std::int64_t>) override {
    return std::nullopt;
  }
  void drained(Connection&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ProtocolSpec& spec = wirekit::fuzz::spec_at(data[0] & 0x7f);
  const Side local = (data[0] & 0x80) ? Side::client : Side::server;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  asio::io_context io;
  EndpointOptions options;
  options.io_context = &io;
  options.log = [](std::string_view) {};  // what a schema ignores (Tetra upstream) goes unlogged
  EchoEvents events;
  {
    EndpointCore core(spec, options, local == Side::client);
    auto wire = std::make_unique<FakeWire>(io);
    ConnectionPtr connection = core.add(std::move(wire), local, events);
    connection->session().start();
    while (true) {
      const std::size_t end = rest.find('\0');
      const std::string_view step = rest.substr(0, end);
      if (!step.empty() && step[0] == '\x01') {
        connection->on_frame(true, step.substr(1));
      } else if (!step.empty() && step[0] == '\x02') {
        const std::string text(step.substr(1));
        connection->session().write(text, facts_of(spec, text, local));
      } else if (!step.empty() && step[0] == '\x03') {
        io.poll();
        io.restart();
      } else {
        connection->on_frame(false, step);
      }
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    connection->on_closed();
    core.remove(connection->id());
    io.poll();
  }
  io.restart();
  io.poll();
  return 0;
}
