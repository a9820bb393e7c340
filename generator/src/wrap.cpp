#include "wrap.hpp"

namespace wirekit::gen {
namespace {

// Packs `items` after `head`, continuation lines aligned with the first item.
std::vector<std::string> pack(const Printer& out, const std::string& head,
                              const std::vector<std::string>& items, const std::string& close) {
  std::vector<std::string> lines;
  const std::string pad(head.size(), ' ');
  std::string current = head;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool last = i + 1 == items.size();
    const std::string piece = items[i] + (last ? close : ",");
    const bool at_start = current.size() == head.size();
    if (!at_start && !out.fits(current + " " + piece)) {
      lines.push_back(current);
      current = pad;
    } else if (!at_start) {
      current += " ";
    }
    current += piece;
  }
  lines.push_back(current);
  return lines;
}

}  // namespace

void emit_alias_list(Printer& out, const std::string& alias, const std::string& open,
                     const std::vector<std::string>& items, const std::string& close) {
  const std::string head = "using " + alias + " = " + open;
  auto aligned = pack(out, head, items, close);
  if (aligned.size() == 1) {
    out.line(aligned.front());
    return;
  }
  // clang-format breaks after '=' unless aligning after `open` takes fewer lines.
  auto broken = pack(out, "    " + open, items, close);
  if (aligned.size() < broken.size() + 1) {
    for (const auto& l : aligned) out.line(l);
    return;
  }
  out.line("using " + alias + " =");
  for (const auto& l : broken) out.line(l);
}

}  // namespace wirekit::gen
