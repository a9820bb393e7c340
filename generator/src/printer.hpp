// The one small printer every emitter writes through: lines at an indentation level,
// and comments wrapped to the column limit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wirekit::gen {

class Printer {
 public:
  /// One line at the current indentation; an empty `text` prints an empty line.
  void line(std::string_view text = "");
  /// `text` (may hold paragraphs) as comment lines starting with `marker` ("//", "///"),
  /// wrapped to fit in 100 columns.
  void comment(std::string_view text, std::string_view marker = "///");
  /// Whether `text` fits on one line at the current indentation.
  bool fits(std::string_view text) const { return indentation() + text.size() <= 100; }
  /// `if (cond) return value;` on one line when it fits, else with `return` on the next.
  void if_return(std::string_view cond, std::string_view value);
  /// `head(args)tail` on one line when it fits, else broken after `head(` with the
  /// arguments indented four columns, as clang-format lays out calls.
  void call(std::string_view head, std::string_view args, std::string_view tail);
  /// `head(a, b, c)tail` on one line when it fits, else the arguments packed on lines
  /// aligned after `head(`, as clang-format lays out signatures and multi-argument calls.
  void aligned_call(std::string_view head, const std::vector<std::string>& args,
                    std::string_view tail);
  /// The same with other brackets: `using X = wirekit::OneOf<A, B>;`.
  void aligned_list(std::string_view head, char open, const std::vector<std::string>& args,
                    char close, std::string_view tail);
  /// A function with a one-statement body: on one line when it fits.
  void short_function(std::string_view signature, std::string_view statement);
  void indent() { depth_ += 1; }
  void outdent() { depth_ -= 1; }

  /// Columns taken by the current indentation.
  std::size_t indentation() const { return static_cast<std::size_t>(depth_) * 2; }

  const std::string& str() const { return out_; }

 private:
  std::string out_;
  int depth_ = 0;
};

}  // namespace wirekit::gen
