#include "wirekit/uuid.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace wirekit {
namespace {

// 1 for the 22 hex digit characters.
constexpr std::array<unsigned char, 256> make_hex_table() {
  std::array<unsigned char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<unsigned char>(c)] = 1;
  for (int c = 'a'; c <= 'f'; ++c) t[static_cast<unsigned char>(c)] = 1;
  for (int c = 'A'; c <= 'F'; ++c) t[static_cast<unsigned char>(c)] = 1;
  return t;
}
constexpr auto kHex = make_hex_table();

}  // namespace

std::optional<Uuid> Uuid::parse(std::string_view text) {
  if (text.size() != kLength || text[8] != '-' || text[13] != '-' || text[18] != '-' ||
      text[23] != '-')
    return std::nullopt;
  // Every other position must be a hex digit.
  unsigned char all = 1;
  for (std::size_t i = 0; i < kLength; ++i)
    if (i != 8 && i != 13 && i != 18 && i != 23) all &= kHex[static_cast<unsigned char>(text[i])];
  if (!all) return std::nullopt;
  return Uuid(text);
}

Uuid Uuid::generate() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t hi = rng(), lo = rng();
  hi = (hi & ~0xF000ull) | 0x4000ull;                  // version 4
  lo = (lo & ~(0xC000ull << 48)) | (0x8000ull << 48);  // RFC 4122 variant
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    const std::uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    out.push_back(kDigits[(word >> shift) & 0xF]);
  }
  return Uuid(std::string_view(out));
}

}  // namespace wirekit
