#include "emit/printer.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace wirekit::gen {

void Printer::line(std::string_view text) {
  if (!text.empty()) out_.append(columns_, ' ');
  out_.append(text);
  out_.push_back('\n');
}

namespace {

// The lines of a template: without its first newline, without the last line when it holds only
// the spaces before the closing `)"`, and without the indentation all its lines share.
std::vector<std::string_view> template_lines(std::string_view text) {
  if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (lines.back().find_first_not_of(' ') == std::string_view::npos) lines.pop_back();
  std::size_t common = std::string_view::npos;
  for (const auto l : lines)
    if (l.find_first_not_of(' ') != std::string_view::npos)
      common = std::min(common, l.find_first_not_of(' '));
  for (auto& l : lines)
    l = l.find_first_not_of(' ') == std::string_view::npos ? "" : l.substr(common);
  return lines;
}

}  // namespace

void Printer::emit(std::string_view text, const Vars& vars) {
  std::set<std::string_view> used;
  auto lookup = [&](std::string_view name) -> const Var& {
    const auto it = vars.find(name);
    if (it == vars.end())
      throw std::logic_error("template names $" + std::string(name) + "$ but no value is given");
    used.insert(it->first);
    return it->second;
  };
  for (const auto l : template_lines(text)) {
    const auto lead = std::min(l.find_first_not_of(' '), l.size());
    const auto body = l.substr(lead);
    // A callback prints whole lines, so it stands alone on its line; so does an optional line,
    // whose empty text prints no line at all.
    if (body.size() > 2 && body.front() == '$' && body.find('$', 1) == body.size() - 1) {
      const Var& var = lookup(body.substr(1, body.size() - 2));
      if (const auto* text = std::get_if<std::string>(&var); text && text->empty()) continue;
      if (const auto* print = std::get_if<std::function<void()>>(&var)) {
        columns_ += lead;
        (*print)();
        columns_ -= lead;
        continue;
      }
    }
    std::string text_line(l.substr(0, lead));
    for (std::size_t i = lead; i < l.size();) {
      const auto open = l.find('$', i);
      text_line.append(l.substr(i, open == std::string_view::npos ? open : open - i));
      if (open == std::string_view::npos) break;
      const auto close = l.find('$', open + 1);
      if (close == std::string_view::npos)
        throw std::logic_error("unclosed $ in template line: " + std::string(l));
      const auto name = l.substr(open + 1, close - open - 1);
      i = close + 1;
      if (name.empty()) {
        text_line += '$';
        continue;
      }
      const auto* value = std::get_if<std::string>(&lookup(name));
      if (!value)
        throw std::logic_error("callback $" + std::string(name) + "$ must stand alone on its line");
      if (value->find('\n') != std::string::npos)
        throw std::logic_error("value of $" + std::string(name) + "$ spans lines");
      text_line += *value;
    }
    line(text_line);
  }
  for (const auto& [name, value] : vars)
    if (used.count(name) == 0)
      throw std::logic_error("$" + name + "$ is given but the template never names it");
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

Var Printer::aligned(std::string head, std::vector<std::string> args, std::string tail) {
  return [this, head = std::move(head), args = std::move(args), tail = std::move(tail)] {
    aligned_call(head, args, tail);
  };
}

namespace {

// `args` packed onto lines that start with `pad`, the first after `first`, the last
// followed by `last`, a line broken before an argument that would pass `width`.
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
  return lines;
}

bool all_fit(const std::vector<std::string>& lines, std::size_t width) {
  for (const auto& l : lines)
    if (l.size() > width) return false;
  return true;
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
  if (!all_fit(lines, width)) {
    lines = pack("    ", "    ", args, last, width);
    line(std::string(head) + open);
  }
  for (const auto& l : lines) line(l);
}

void Printer::alias_list(const std::string& alias, const std::string& open,
                         const std::vector<std::string>& items, const std::string& close) {
  const std::string head = "using " + alias + " = " + open;
  const std::size_t width = 100 - indentation();
  const auto aligned = pack(head, std::string(head.size(), ' '), items, close, width);
  if (aligned.size() == 1) {
    line(aligned.front());
    return;
  }
  // clang-format breaks after '=' unless aligning after `open` takes fewer lines.
  const std::string broken_head = "    " + open;
  const auto broken = pack(broken_head, std::string(broken_head.size(), ' '), items, close, width);
  if (aligned.size() < broken.size() + 1) {
    for (const auto& l : aligned) line(l);
    return;
  }
  line("using " + alias + " =");
  for (const auto& l : broken) line(l);
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

void Printer::continued(std::string_view head, std::string_view tail) {
  const std::string one = std::string(head) + " " + std::string(tail);
  if (fits(one)) {
    line(one);
    return;
  }
  line(head);
  line("    " + std::string(tail));
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
  const std::size_t width = 100 - columns_ - marker.size() - 1;
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
