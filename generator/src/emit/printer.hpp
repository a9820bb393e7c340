// The one small printer every emitter writes through: it lays out generated text. Fixed blocks
// are written as templates (emit) so the shape of the output shows in the generator's source;
// what must fit in 100 columns goes through the line-breaking helpers, which lay code out as
// clang-format would, and comments are wrapped to the column limit.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace wirekit::gen {

/// The value of a `$name$` in a template: text, or a callback that prints lines itself (with
/// the printer's helpers) where the template names it.
using Var = std::variant<std::string, std::function<void()>>;
using Vars = std::map<std::string, Var, std::less<>>;

class Printer {
 public:
  /// One line at the current indentation; an empty `text` prints an empty line.
  void line(std::string_view text = "");
  /// Prints a template line by line at the current indentation. One leading newline and the
  /// lines' common indentation are stripped, so a raw string can be written indented in the
  /// source; a last line of only spaces (before the closing `)"`) is dropped. `$name$` is
  /// replaced by its text in `vars`; a line of only `$name$` whose text is empty is left out
  /// (an optional line); a callback must stand alone on its line and runs indented to that
  /// line's column; `$$` is a `$`. A variable the template names but `vars`
  /// lacks, or one `vars` holds but the template never names, is a bug in the emitter:
  /// std::logic_error naming it.
  void emit(std::string_view text, const Vars& vars = {});
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
  /// A template variable printing aligned_call(head, args, tail) where the template names it:
  /// for a signature whose layout depends on its length, e.g. `$signature$` before a body.
  Var aligned(std::string head, std::vector<std::string> args, std::string tail);
  /// The same with other brackets: `using X = wirekit::OneOf<A, B>;`.
  void aligned_list(std::string_view head, char open, const std::vector<std::string>& args,
                    char close, std::string_view tail);
  /// `using alias = open items... close` on one line if it fits; otherwise broken after '='
  /// with the items packed on continuation lines, unless aligning them after `open` takes
  /// fewer lines (as clang-format lays out a long alias).
  void alias_list(const std::string& alias, const std::string& open,
                  const std::vector<std::string>& items, const std::string& close);
  /// `head tail` on one line when it fits, else `tail` on the next line four columns in (as
  /// clang-format breaks before a constructor's initializer list).
  void continued(std::string_view head, std::string_view tail);
  /// A function with a one-statement body: on one line when it fits.
  void short_function(std::string_view signature, std::string_view statement);
  void indent() { columns_ += 2; }
  void outdent() { columns_ -= 2; }

  /// Columns taken by the current indentation.
  std::size_t indentation() const { return columns_; }

  const std::string& str() const { return out_; }

 private:
  std::string out_;
  // Counted in columns, not levels: a callback in a template runs at its line's column.
  std::size_t columns_ = 0;
};

}  // namespace wirekit::gen
