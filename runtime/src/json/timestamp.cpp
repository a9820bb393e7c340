#include "wirekit/timestamp.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace wirekit {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int min, int max) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  return v >= min && v <= max;
}

int number(std::string_view s, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<Timestamp> Timestamp::parse(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS
  if (!digits(s, 0, 4, 0, 9999) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, 1, 12) ||
      s[7] != '-' || !digits(s, 8, 2, 1, 31) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, 0, 23) || s[13] != ':' || !digits(s, 14, 2, 0, 59) || s[16] != ':' ||
      !digits(s, 17, 2, 0, 60))
    return std::nullopt;
  if (number(s, 8, 2) > days_in_month(number(s, 0, 4), number(s, 5, 2))) return std::nullopt;
  std::size_t i = 19;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    std::size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return std::nullopt;
  }
  if (i == s.size()) return Timestamp(std::string(s));  // local time, no offset
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    if (!digits(s, i + 1, 2, 0, 23) || i + 6 != s.size() || s[i + 3] != ':' ||
        !digits(s, i + 4, 2, 0, 59))
      return std::nullopt;
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return Timestamp(std::string(s));
}

Timestamp Timestamp::now() {
  using namespace std::chrono;
  const auto t = system_clock::now();
  const auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(us / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(us % 1000000));
  return Timestamp(buf);
}

}  // namespace wirekit
