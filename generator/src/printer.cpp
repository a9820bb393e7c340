#include "printer.hpp"

#include <sstream>
#include <vector>

namespace wirekit::gen {

void Printer::line(std::string_view text) {
  if (!text.empty()) out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  out_.append(text);
  out_.push_back('\n');
}

void Printer::if_return(std::string_view cond, std::string_view value) {
  const std::string one = "if (" + std::string(cond) + ") return " + std::string(value) + ";";
  if (fits(one)) {
    line(one);
    return;
  }
  line("if (" + std::string(cond) + ")");
  const std::string second = "  return " + std::string(value) + ";";
  const auto assign = value.find(" = ");
  if (fits(second) || assign == std::string_view::npos) {
    line(second);
    return;
  }
  // `return flag = call(...);` breaks after '=', the call indented 4 past the flag.
  line("  return " + std::string(value.substr(0, assign)) + " =");
  line(std::string(13, ' ') + std::string(value.substr(assign + 3)) + ";");
}

void Printer::aligned_call(std::string_view head, const std::vector<std::string>& args,
                           std::string_view tail) {
  aligned_list(head, '(', args, ')', tail);
}

namespace {

// `args` packed onto lines that start with `pad`, the first after `first`, the last
// followed by `last`; empty when some line would not fit in `width`.
std::vector<std::string> pack(std::string first, const std::string& pad,
                              const std::vector<std::string>& args, const std::string& last,
                              std::size_t width) {
  std::vector<std::string> lines;
  std::string current = std::move(first);
  bool at_start = true;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string piece = args[i] + (i + 1 == args.size() ? last : ",");
    if (!at_start && current.size() + 1 + piece.size() > width) {
      lines.push_back(current);
      current = pad;
      at_start = true;
    }
    current += (at_start ? "" : " ") + piece;
    at_start = false;
  }
  lines.push_back(current);
  for (const auto& l : lines)
    if (l.size() > width) return {};
  return lines;
}

}  // namespace

void Printer::aligned_list(std::string_view head, char open, const std::vector<std::string>& args,
                           char close, std::string_view tail) {
  std::string one = std::string(head) + open;
  for (std::size_t i = 0; i < args.size(); ++i) one += (i ? ", " : "") + args[i];
  one += close + std::string(tail);
  if (fits(one)) {
    line(one);
    return;
  }
  const std::size_t width = 100 - indentation();
  const std::string last = std::string(1, close) + std::string(tail);
  // As clang-format: arguments aligned after the bracket when every line fits there, else
  // broken after the bracket and packed four columns in.
  auto lines = pack(std::string(head) + open, std::string(head.size() + 1, ' '), args, last, width);
  if (lines.empty()) {
    lines = pack("    ", "    ", args, last, width);
    line(std::string(head) + open);
  }
  for (const auto& l : lines) line(l);
}

void Printer::call(std::string_view head, std::string_view args, std::string_view tail) {
  const std::string one = std::string(head) + "(" + std::string(args) + ")" + std::string(tail);
  if (fits(one)) {
    line(one);
    return;
  }
  line(std::string(head) + "(");
  line("    " + std::string(args) + ")" + std::string(tail));
}

void Printer::short_function(std::string_view signature, std::string_view statement) {
  const std::string one = std::string(signature) + " { " + std::string(statement) + " }";
  if (fits(one)) {
    line(one);
    return;
  }
  line(std::string(signature) + " {");
  line("  " + std::string(statement));
  line("}");
}

namespace {

// A comment line ending in a backslash would continue onto the next line of code.
std::string safe_comment_line(std::string line) {
  if (!line.empty() && line.back() == '\\') line += " .";
  return line;
}

}  // namespace

void Printer::comment(std::string_view text, std::string_view marker) {
  // Paragraphs are separated by blank lines; within one, lines are re-wrapped.
  std::vector<std::string> paragraphs(1);
  std::istringstream rows{std::string(text)};
  std::string row;
  while (std::getline(rows, row)) {
    if (row.find_first_not_of(" \t\r") == std::string::npos) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
      continue;
    }
    paragraphs.back() += row + " ";
  }
  if (paragraphs.back().empty()) paragraphs.pop_back();
  const std::size_t width = 100 - static_cast<std::size_t>(depth_) * 2 - marker.size() - 1;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (i > 0) line(marker);
    std::istringstream words(paragraphs[i]);
    std::string word, current;
    while (words >> word) {
      if (!current.empty() && current.size() + 1 + word.size() > width) {
        line(safe_comment_line(std::string(marker) + " " + current));
        current.clear();
      }
      current += (current.empty() ? "" : " ") + word;
    }
    if (!current.empty()) line(safe_comment_line(std::string(marker) + " " + current));
  }
}

}  // namespace wirekit::gen
