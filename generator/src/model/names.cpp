#include "model/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace wirekit::gen {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string snake_case(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_alnum(c)) {
      if (!out.empty() && out.back() != '_') out.push_back('_');
      continue;
    }
    if (is_upper(c)) {
      const bool after_lower = i > 0 && is_lower_or_digit(name[i - 1]);
      const bool acronym_end = i > 0 && is_upper(name[i - 1]) && i + 1 < name.size() &&
                               name[i + 1] >= 'a' && name[i + 1] <= 'z';
      if ((after_lower || acronym_end) && !out.empty() && out.back() != '_') out.push_back('_');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) out = "value";
  if (out[0] >= '0' && out[0] <= '9') out.insert(0, "f_");
  if (is_reserved(out) || is_standard_macro(out)) out.push_back('_');
  return out;
}

std::string enumerator_name(std::string_view wire) {
  std::string out = "k";
  bool upper_next = true;
  for (std::size_t i = 0; i < wire.size(); ++i) {
    const char c = wire[i];
    if (!is_alnum(c)) {
      upper_next = true;
      continue;
    }
    // Keep camelCase humps; fold SCREAMING_CASE runs to lower case.
    const bool prev_lower = i > 0 && is_lower_or_digit(wire[i - 1]);
    if (upper_next || (is_upper(c) && prev_lower)) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    } else {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    upper_next = false;
  }
  if (out == "k") out = "kEmpty";
  return out;
}

bool is_reserved(std::string_view name) {
  static constexpr std::array<std::string_view, 92> kWords = {
      "alignas",       "alignof",     "and",
      "and_eq",        "asm",         "auto",
      "bitand",        "bitor",       "bool",
      "break",         "case",        "catch",
      "char",          "char8_t",     "char16_t",
      "char32_t",      "class",       "compl",
      "concept",       "const",       "consteval",
      "constexpr",     "constinit",   "const_cast",
      "continue",      "co_await",    "co_return",
      "co_yield",      "decltype",    "default",
      "delete",        "do",          "double",
      "dynamic_cast",  "else",        "enum",
      "explicit",      "export",      "extern",
      "false",         "float",       "for",
      "friend",        "goto",        "if",
      "inline",        "int",         "long",
      "mutable",       "namespace",   "new",
      "noexcept",      "not",         "not_eq",
      "nullptr",       "operator",    "or",
      "or_eq",         "private",     "protected",
      "public",        "register",    "reinterpret_cast",
      "requires",      "return",      "short",
      "signed",        "sizeof",      "static",
      "static_assert", "static_cast", "struct",
      "switch",        "template",    "this",
      "thread_local",  "throw",       "true",
      "try",           "typedef",     "typeid",
      "typename",      "union",       "unsigned",
      "using",         "virtual",     "void",
      "volatile",      "wchar_t",     "while",
      "xor",           "xor_eq"};
  return std::find(kWords.begin(), kWords.end(), name) != kWords.end() || name == "kTag" ||
         name == "kName" || name == "kTagged";
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return is_alnum(c) || c == '_'; });
}

bool is_namespace(std::string_view name) {
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t end = name.find("::", start);
    const std::string_view part = name.substr(start, end - start);
    if (!is_identifier(part) || is_reserved(part) || is_standard_macro(part)) return false;
    if (first && part == "std") return false;
    first = false;
    if (end == std::string_view::npos) return true;
    start = end + 2;
  }
}

bool is_standard_macro(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kMacros = {
      "EOF",          "NULL",         "BUFSIZ",   "FILENAME_MAX", "errno",    "assert",
      "stdin",        "stdout",       "stderr",   "SEEK_SET",     "SEEK_CUR", "SEEK_END",
      "EXIT_SUCCESS", "EXIT_FAILURE", "RAND_MAX", "CHAR_BIT"};
  return std::find(kMacros.begin(), kMacros.end(), name) != kMacros.end();
}

bool is_c_global_function(std::string_view name) {
  // Functions the C and POSIX headers a network program includes declare in the global
  // namespace; a namespace of the same name there makes both unusable in one file.
  static constexpr std::array<std::string_view, 48> kFunctions = {
      "abort",  "accept",  "access", "alarm",  "bind",   "calloc", "chdir",  "clock",
      "close",  "connect", "dup",    "exit",   "fork",   "free",   "getenv", "index",
      "kill",   "link",    "listen", "malloc", "mkdir",  "open",   "pause",  "pipe",
      "poll",   "printf",  "puts",   "raise",  "random", "read",   "recv",   "remove",
      "rename", "rmdir",   "select", "send",   "signal", "sleep",  "socket", "stat",
      "strdup", "sync",    "system", "time",   "unlink", "wait",   "write",  "pread"};
  return std::find(kFunctions.begin(), kFunctions.end(), name) != kFunctions.end();
}

std::string cpp_string_literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace wirekit::gen
