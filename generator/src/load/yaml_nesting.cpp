#include "load/yaml_nesting.hpp"

#include <string_view>
#include <vector>

#include "model/schema_error.hpp"

namespace wirekit::gen {
namespace {

class NestingScan {
 public:
  NestingScan(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  void run() {
    std::size_t start = 0;
    while (start <= text_.size()) {
      std::size_t end = text_.find('\n', start);
      if (end == std::string::npos) end = text_.size();
      ++line_;
      scan_line(std::string_view(text_).substr(start, end - start));
      start = end + 1;
    }
  }

 private:
  void scan_line(std::string_view line) {
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos) return;  // blank
    if (block_scalar_indent_ >= 0) {
      if (static_cast<int>(indent) > block_scalar_indent_) return;  // text of a `|` or `>` value
      block_scalar_indent_ = -1;
    }
    std::size_t pos = indent;
    if (flow_depth_ == 0) {
      if (line[pos] == '#') return;
      while (!indents_.empty() && indents_.back() >= static_cast<int>(indent)) indents_.pop_back();
      indents_.push_back(static_cast<int>(indent));
      limit(pos);
      // Each "- " opens one more level: a sequence item.
      while (line[pos] == '-' && (pos + 1 == line.size() || line[pos + 1] == ' ')) {
        pos = line.find_first_not_of(' ', pos + 1);
        if (pos == std::string_view::npos) return;
        indents_.push_back(static_cast<int>(pos));
        limit(pos);
      }
    }
    scan_values(line, pos, static_cast<int>(indent));
  }

  // Walks the rest of a line: quoted text and comments are skipped; a `[` or `{` where a value
  // starts opens a flow collection, inside which every bracket counts.
  void scan_values(std::string_view line, std::size_t pos, int indent) {
    bool value_start = true;
    for (; pos < line.size(); ++pos) {
      const char c = line[pos];
      if (c == '"' || c == '\'') {
        if (!value_start && flow_depth_ == 0) continue;  // an apostrophe inside plain text
        pos = closing_quote(line, pos);
        value_start = false;
        continue;
      }
      if (c == '#' && (pos == 0 || line[pos - 1] == ' ')) return;
      if ((c == '[' || c == '{') && (value_start || flow_depth_ > 0)) {
        ++flow_depth_;
        limit(pos);
        value_start = true;
        continue;
      }
      if ((c == ']' || c == '}') && flow_depth_ > 0) {
        --flow_depth_;
        continue;
      }
      if ((c == '|' || c == '>') && value_start && flow_depth_ == 0) {
        block_scalar_indent_ = indent;
        return;
      }
      if (c == ' ') continue;
      // After "key:" or "," (in flow) a new value starts.
      value_start = (c == ':' || (c == ',' && flow_depth_ > 0)) &&
                    (pos + 1 == line.size() || line[pos + 1] == ' ' || flow_depth_ > 0);
    }
  }

  static std::size_t closing_quote(std::string_view line, std::size_t open) {
    const char quote = line[open];
    for (std::size_t i = open + 1; i < line.size(); ++i) {
      if (quote == '"' && line[i] == '\\') {
        ++i;
        continue;
      }
      if (line[i] == quote) return i;
    }
    return line.size();  // continues on the next line: good enough for a bound
  }

  void limit(std::size_t pos) const {
    if (static_cast<int>(indents_.size()) + flow_depth_ <= kMaxYamlNesting) return;
    throw SchemaError(Location{file_, line_, static_cast<int>(pos) + 1},
                      "the YAML nests deeper than " + std::to_string(kMaxYamlNesting) +
                          " levels; a schema needs far fewer");
  }

  const std::string& text_;
  const std::string& file_;
  int line_ = 0;
  std::vector<int> indents_;  ///< the columns of the open block levels
  int flow_depth_ = 0;
  int block_scalar_indent_ = -1;  ///< inside a block scalar: the indent of its key's line
};

}  // namespace

void check_nesting(const std::string& text, const std::string& file) {
  NestingScan(text, file).run();
}

}  // namespace wirekit::gen
