// The text frames the runtime builds itself (text_frame.hpp): their bytes against RFC 6455
// section 5.2, decoded here by hand, and their count in a memory budget.
#include <websocketpp/config/asio_no_tls.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "transport/text_frame.hpp"

namespace {

using Message = websocketpp::config::asio::message_type;

/// A frame as a peer reads it: header fields and the unmasked payload.
struct Decoded {
  int first_byte = 0;
  bool masked = false;
  std::uint64_t length = 0;
  std::string payload;
};

Decoded decode(const Message& frame) {
  const std::string& h = frame.get_header();
  Decoded d;
  auto byte = [&h](std::size_t i) { return static_cast<std::uint8_t>(h.at(i)); };
  d.first_byte = byte(0);
  d.masked = (byte(1) & 0x80) != 0;
  std::size_t at = 2;
  d.length = byte(1) & 0x7f;
  const std::size_t extra = d.length == 126 ? 2 : d.length == 127 ? 8 : 0;
  if (extra) {
    d.length = 0;
    for (std::size_t i = 0; i < extra; ++i) d.length = d.length << 8 | byte(at++);
  }
  std::uint8_t key[4] = {0, 0, 0, 0};
  if (d.masked)
    for (auto& k : key) k = byte(at++);
  REQUIRE(at == h.size());  // nothing after the header's last field
  d.payload = frame.get_payload();
  for (std::size_t i = 0; i < d.payload.size(); ++i)
    d.payload[i] = static_cast<char>(static_cast<std::uint8_t>(d.payload[i]) ^ key[i % 4]);
  return d;
}

std::string text_of(std::size_t size) {
  std::string s(size, 'a');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>('a' + i % 26);
  return s;
}

}  // namespace

TEST_CASE("a server's text frame is FIN and text, unmasked, with each length encoding") {
  for (std::size_t size : {0u, 1u, 125u, 126u, 65535u, 65536u}) {
    const std::string text = text_of(size);
    const auto frame = wirekit::detail::text_frame<Message>(text, false, nullptr);
    REQUIRE(frame);
    CHECK(frame->get_prepared());
    CHECK(frame->get_opcode() == websocketpp::frame::opcode::text);
    const Decoded d = decode(*frame);
    CHECK(d.first_byte == 0x81);
    CHECK_FALSE(d.masked);
    CHECK(d.length == size);
    CHECK(d.payload == text);
    CHECK(frame->get_header().size() == (size < 126 ? 2u : size < 65536 ? 4u : 10u));
  }
}

TEST_CASE("a client's text frame is masked, and unmasks to its text") {
  for (std::size_t size : {0u, 5u, 126u, 70000u}) {
    const std::string text = text_of(size) + "\xc3\xa9";  // and a two-byte character
    const auto frame = wirekit::detail::text_frame<Message>(text, true, nullptr);
    REQUIRE(frame);
    const Decoded d = decode(*frame);
    CHECK(d.first_byte == 0x81);
    CHECK(d.masked);
    CHECK(d.length == text.size());
    CHECK(d.payload == text);
    CHECK(frame->get_header().size() == (text.size() < 126 ? 6u : text.size() < 65536 ? 8u : 14u));
  }
}

TEST_CASE("a client's frames take different masking keys") {
  const std::string text(16, '\0');  // masked zeros are the key itself
  const auto a = wirekit::detail::text_frame<Message>(text, true, nullptr);
  const auto b = wirekit::detail::text_frame<Message>(text, true, nullptr);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->get_payload() != b->get_payload());
  CHECK(a->get_header().substr(2) == a->get_payload().substr(0, 4));
}

TEST_CASE("text that is not valid UTF-8 makes no frame") {
  using wirekit::detail::text_frame;
  CHECK_FALSE(text_frame<Message>("caf\xc3", false, nullptr));       // cut sequence
  CHECK_FALSE(text_frame<Message>("\xff", true, nullptr));           // never valid
  CHECK_FALSE(text_frame<Message>("\xed\xa0\x80", false, nullptr));  // a surrogate
  CHECK_FALSE(text_frame<Message>("\xc0\xaf", false, nullptr));      // overlong
  CHECK(text_frame<Message>("\xf0\x9f\x98\x80", false, nullptr));    // U+1F600
}

TEST_CASE("a counted frame holds its payload's bytes in the budget until it is freed") {
  auto held = std::make_shared<wirekit::detail::HeldCount>(false);
  const wirekit::detail::HeldBytes bytes = held;
  auto frame = wirekit::detail::text_frame<Message>(text_of(300), false, bytes);
  REQUIRE(frame);
  CHECK(held->load() == 300);
  auto copy = frame;  // websocketpp's send queue holds it like this
  frame.reset();
  CHECK(held->load() == 300);
  copy.reset();
  CHECK(held->load() == 0);
  CHECK_FALSE(wirekit::detail::text_frame<Message>("\xff", false, bytes));
  CHECK(held->load() == 0);  // nothing counted for a frame never made
}
