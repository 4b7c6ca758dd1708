// Hand-written YAML for charter drafts: scalars quoted only when they must be, comments that
// stay comments, and lines whose trailing comments line up. yaml-cpp's emitter cannot place
// comments where a draft needs them, so `pacte init` writes its YAML with these.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "checks/base/text.hpp"

namespace pacte {

/// `s` as a YAML scalar that reads back as the same string under both YAML 1.2 (core schema)
/// and YAML 1.1: plain when that is unambiguous, else double-quoted with escapes. Invalid
/// UTF-8 is replaced by U+FFFD first. Quoted: the empty string; leading or trailing spaces;
/// indicators at the start (`- ? : , [ ] { } # & * ! | > ' " % @` and backquote); flow
/// characters `, [ ] { }` and `#` anywhere; `: `, a trailing `:`; double quotes and
/// backslashes (an apostrophe inside, "Ville d'Exemple", stays plain); control and line-break
/// characters (escaped as `\n`, `\t`, `\xNN`, `\u0085`, `\u2028`, `\u2029`); words that
/// resolve to a boolean or null (`true`, `no`, `off`, `~`, ...); anything that starts like a
/// number (`1.0`, `+3`, `.5`, `0x1F`).
std::string yaml_scalar(std::string_view s);

/// `items` as a YAML flow sequence of scalars: `[fr, en]`.
std::string yaml_flow_list(const std::vector<std::string>& items);

/// `text` made safe for a `#` comment: one line (line breaks and control characters become
/// spaces), valid UTF-8, trimmed.
std::string yaml_comment_text(std::string_view text);

/// Accumulates the lines of a YAML document. A line is `indent` spaces, its content, and an
/// optional trailing comment aligned at `comment_column` (or two spaces after the content
/// when the content is longer). Comments follow the typography of `lang` (in French, a
/// non-breaking space before `:` `;` `?` `!` `%`, see `typeset`).
class YamlLines {
 public:
  explicit YamlLines(std::size_t comment_column = 36, Lang lang = Lang::en) : comment_column_(comment_column), lang_(lang) {}

  /// A content line, with an optional trailing comment.
  void line(int indent, std::string_view content, std::string_view comment = {});
  /// A comment on a line of its own: `# text`.
  void comment(int indent, std::string_view text);
  /// A line that is a commented-out declaration: `# content  # comment`. Uncommenting it
  /// (removing the first `# `) gives a valid line at `indent`.
  void commented(int indent, std::string_view content, std::string_view comment = {});
  void blank();

  const std::string& text() const { return text_; }

 private:
  void append(std::string head, std::string_view comment);
  std::size_t comment_column_;
  Lang lang_;
  std::string text_;
};

}  // namespace pacte
