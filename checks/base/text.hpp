// Bilingual text, evidence and small string helpers shared by every module.
#pragma once
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace pacte {

/// The report languages.
enum class Lang { en, fr };

/// A human-readable string in English and French. Every string a user reads has both.
struct Text {
  std::string en;
  std::string fr;
  const std::string& in(Lang lang) const { return lang == Lang::fr && !fr.empty() ? fr : en; }
};

/// Where a finding can be verified: a repository-relative path, a 1-based line (0 when the
/// finding is about the whole file or no file), the matched text, and an optional note
/// saying what was found there.
struct Evidence {
  std::string path;
  int line = 0;
  std::string snippet;
  std::string note;
  std::string note_fr;  // the note in French, when it holds words (empty: `note` serves both)
  /// The note in `lang`.
  const std::string& note_in(Lang lang) const { return lang == Lang::fr && !note_fr.empty() ? note_fr : note; }
};

/// 1-based line number of byte `offset` in `content`.
int line_at(std::string_view content, std::size_t offset);

/// The line containing byte `offset`, trimmed and cut to at most `max` bytes (at a UTF-8
/// character boundary), for evidence snippets.
std::string line_snippet(std::string_view content, std::size_t offset, std::size_t max = 200);

/// `s` with invalid UTF-8 sequences replaced by U+FFFD, so that it can go into JSON or XML.
std::string to_valid_utf8(std::string_view s);

/// `s` as valid UTF-8 without characters XML 1.0 forbids (C0 controls other than tab, LF and
/// CR; C1 controls; U+FFFE, U+FFFF).
std::string xml_clean(std::string_view s);

/// Escapes `& < > " '` after `xml_clean`; in an attribute, also tab, LF and CR as character
/// references so that attribute normalisation keeps them.
std::string xml_escape(std::string_view s, bool attribute = false);

/// HTML escaping (same rules as XML text and attributes).
inline std::string html_escape(std::string_view s) { return xml_escape(s, true); }

/// The last component of a `/`-separated path: "a/b/c.txt" → "c.txt"; a path without a slash
/// is its own last component.
inline std::string_view path_basename(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// What comes before the last `/` of a path: "a/b/c.txt" → "a/b"; "" for a path without one.
inline std::string_view path_dirname(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

/// Lower-cased ASCII copy of `s`.
std::string ascii_lower(std::string_view s);

/// Where `needle` first occurs in `s`, or npos: memmem, much faster than string_view::find for
/// a needle whose first byte is common.
std::size_t find_bytes(std::string_view s, std::string_view needle);

/// A few byte strings (at least 2 bytes each) searched for together, in one pass over a text:
/// a table of the first two bytes of each tells where one may start. Cheaper than one search
/// per string when a text is tested for a handful of markers.
class LiteralSet {
 public:
  explicit LiteralSet(std::vector<std::string> literals);
  /// Whether `s` holds at least one of the literals.
  bool found_in(std::string_view s) const;

 private:
  std::vector<std::string> literals_;
  std::vector<std::uint64_t> pairs_;  // a bit per pair of first two bytes (65,536 bits)
};

/// Where the lower-case `word` first occurs in `s`, ignoring ASCII case, or npos. Searches in
/// place (Horspool's skip loop): cheaper than lower-casing a copy of a large file.
std::size_t find_ascii_folded(std::string_view s, std::string_view word);

/// Whether `path` matches the glob `pattern`: `*` matches within a path segment, `**` any
/// number of segments, `?` one character, `{a,b}` alternatives. Matching is case-sensitive
/// unless `icase`.
bool glob_match(std::string_view pattern, std::string_view path, bool icase = false);

/// A glob compiled once for matching many paths (the files of a tree): matches exactly as
/// glob_match, without expanding and reading the pattern again for each path.
class Glob {
 public:
  Glob(std::string_view pattern, bool icase = false);
  bool match(std::string_view path) const;

  // One `{a,b}` alternative: its tokens, and the literal text before its first wildcard and
  // after its last, which a path must start and end with.
  enum class Kind : unsigned char { literal, one, star, globstar, globstar_dir };
  struct Token {
    Kind kind;
    char c;
  };
  struct Alternative {
    std::vector<Token> tokens;
    std::string prefix, suffix;
  };

 private:
  std::vector<Alternative> alternatives_;
  bool icase_ = false;
};

/// The audit clock: SOURCE_DATE_EPOCH when set (reproducible runs and tests), else now.
std::time_t audit_now();

/// Formats a UTC time as ISO 8601 (`2026-06-30T14:41:09Z`).
std::string iso8601(std::time_t t);

}  // namespace pacte
