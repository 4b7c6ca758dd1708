#include "checks/base/source_text.hpp"
#include "checks/base/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "checks/base/text.hpp"

namespace pacte {

// --------------------------------------------------------------- decoding

std::string_view encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::utf8: return "UTF-8";
    case TextEncoding::utf8_bom: return "UTF-8 with BOM";
    case TextEncoding::utf16le: return "UTF-16LE";
    case TextEncoding::utf16be: return "UTF-16BE";
    case TextEncoding::latin1: return "Latin-1";
  }
  return "UTF-8";
}

TextEncoding bom_encoding(std::string_view bytes) {
  auto at = [&](std::size_t i) { return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0u; };
  if (at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) return TextEncoding::utf8_bom;
  if (at(0) == 0xFF && at(1) == 0xFE) return TextEncoding::utf16le;
  if (at(0) == 0xFE && at(1) == 0xFF) return TextEncoding::utf16be;
  return TextEncoding::utf8;
}

namespace {

constexpr char32_t kReplacement = 0xFFFD;

std::string utf16_to_utf8(std::string_view units, bool big_endian) {
  std::string out;
  out.reserve(units.size() / 2 + 16);
  auto unit = [&](std::size_t i) -> char32_t {
    auto a = static_cast<unsigned char>(units[i]);
    auto b = static_cast<unsigned char>(units[i + 1]);
    return big_endian ? static_cast<char32_t>((a << 8) | b) : static_cast<char32_t>((b << 8) | a);
  };
  std::size_t i = 0;
  for (; i + 1 < units.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 < units.size()) {
        char32_t low = unit(i + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
          i += 2;
          continue;
        }
      }
      append_utf8(out, kReplacement);
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      append_utf8(out, kReplacement);
    } else {
      append_utf8(out, u);
    }
  }
  if (i < units.size()) append_utf8(out, kReplacement);  // an odd last byte
  return out;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) append_utf8(out, c);
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  while (i < n) {
    // ASCII runs eight bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    std::size_t len = utf8_sequence_length(bytes, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string_view decode_source(std::string_view bytes, std::string& storage, bool latin1_fallback,
                               TextEncoding* encoding) {
  TextEncoding e = bom_encoding(bytes);
  std::string_view out = bytes;
  switch (e) {
    case TextEncoding::utf8_bom: out = bytes.substr(3); break;
    case TextEncoding::utf16le:
    case TextEncoding::utf16be:
      storage = utf16_to_utf8(bytes.substr(2), e == TextEncoding::utf16be);
      out = storage;
      break;
    default:
      if (latin1_fallback && !is_valid_utf8(bytes)) {
        e = TextEncoding::latin1;
        storage = latin1_to_utf8(bytes);
        out = storage;
      }
  }
  if (encoding) *encoding = e;
  return out;
}

std::string source_line_snippet(std::string_view text, std::size_t offset, std::size_t max) {
  offset = std::min(offset, text.size());
  std::size_t ls = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  ls = ls == std::string_view::npos ? 0 : ls + 1;
  std::size_t le = text.find('\n', offset);
  std::string_view line = text.substr(ls, (le == std::string_view::npos ? text.size() : le) - ls);
  if (is_valid_utf8(line)) return line_snippet(text, offset, max);
  return line_snippet(latin1_to_utf8(line), 0, max);
}

// --------------------------------------------------------------- regions

std::string_view region_kind_name(RegionKind kind) {
  switch (kind) {
    case RegionKind::code: return "code";
    case RegionKind::string: return "string";
    case RegionKind::comment: return "comment";
    case RegionKind::markup_comment: return "markup-comment";
  }
  return "code";
}

RegionKind region_at(const std::vector<TextRegion>& regions, std::size_t offset) {
  auto it = std::upper_bound(regions.begin(), regions.end(), offset,
                             [](std::size_t o, const TextRegion& r) { return o < r.begin; });
  if (it == regions.begin()) return RegionKind::code;
  --it;
  return offset < it->end ? it->kind : RegionKind::code;
}

namespace {

std::string_view lower_extension(std::string_view name, std::string& buf) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  buf = ascii_lower(name.substr(dot + 1));
  return buf;
}


}  // namespace

LexFamily lex_family_for(std::string_view path) {
  std::string lname = ascii_lower(path_basename(path));
  if (lname.ends_with(".blade.php")) return LexFamily::blade;
  if (lname == "dockerfile" || lname.rfind("dockerfile.", 0) == 0 || lname == "makefile" || lname == "procfile" ||
      lname == ".htaccess" || lname == "_headers" || lname == "_redirects" || lname == "caddyfile" ||
      lname.rfind(".env", 0) == 0 || lname.rfind("nginx", 0) == 0 || lname == ".gitignore" || lname == "cmakelists.txt")
    return LexFamily::hash;
  if (lname == "gemfile" || lname == "rakefile" || lname == "podfile" || lname == "fastfile" || lname == "appfile" ||
      lname == "brewfile" || lname == "vagrantfile")
    return LexFamily::ruby;
  if (lname.rfind("proguard", 0) == 0 && (lname.ends_with(".txt") || lname.ends_with(".cfg"))) return LexFamily::hash;
  std::string buf;
  std::string_view ext = lower_extension(path_basename(path), buf);
  struct Entry {
    std::string_view ext;
    LexFamily family;
  };
  static constexpr Entry table[] = {
      {"js", LexFamily::javascript},   {"mjs", LexFamily::javascript},   {"cjs", LexFamily::javascript},
      {"jsx", LexFamily::javascript},  {"ts", LexFamily::javascript},    {"tsx", LexFamily::javascript},
      {"mts", LexFamily::javascript},  {"cts", LexFamily::javascript},   {"java", LexFamily::c_like},
      {"groovy", LexFamily::c_like},   {"gradle", LexFamily::c_like},    {"go", LexFamily::c_like},
      {"cs", LexFamily::c_like},       {"c", LexFamily::c_like},         {"h", LexFamily::c_like},
      {"cc", LexFamily::c_like},       {"cpp", LexFamily::c_like},       {"hpp", LexFamily::c_like},
      {"m", LexFamily::c_like},        {"mm", LexFamily::c_like},        {"json", LexFamily::c_like},
      {"jsonc", LexFamily::c_like},    {"json5", LexFamily::c_like},     {"kt", LexFamily::nested_c},
      {"kts", LexFamily::nested_c},    {"swift", LexFamily::nested_c},   {"dart", LexFamily::nested_c},
      {"scala", LexFamily::nested_c},  {"rs", LexFamily::nested_c},      {"css", LexFamily::css},
      {"scss", LexFamily::scss},       {"sass", LexFamily::scss},        {"less", LexFamily::scss},
      {"py", LexFamily::python},       {"pyw", LexFamily::python},       {"pyi", LexFamily::python},
      {"rb", LexFamily::ruby},         {"rake", LexFamily::ruby},        {"gemspec", LexFamily::ruby},
      {"podspec", LexFamily::ruby},    {"sh", LexFamily::hash},          {"bash", LexFamily::hash},
      {"zsh", LexFamily::hash},        {"yml", LexFamily::hash},         {"yaml", LexFamily::hash},
      {"toml", LexFamily::hash},       {"conf", LexFamily::hash},        {"cfg", LexFamily::hash},
      {"env", LexFamily::hash},        {"pro", LexFamily::hash},         {"smali", LexFamily::hash},
      {"r", LexFamily::hash},          {"pl", LexFamily::hash},          {"tf", LexFamily::hash},
      {"properties", LexFamily::properties}, {"ini", LexFamily::ini},    {"sql", LexFamily::sql},
      {"html", LexFamily::markup},     {"htm", LexFamily::markup},       {"xhtml", LexFamily::markup},
      {"shtml", LexFamily::markup},    {"xml", LexFamily::markup},       {"plist", LexFamily::markup},
      {"svg", LexFamily::markup},      {"xsl", LexFamily::markup},       {"xslt", LexFamily::markup},
      {"vue", LexFamily::markup},      {"svelte", LexFamily::markup},    {"astro", LexFamily::markup},
      {"md", LexFamily::markup},       {"markdown", LexFamily::markup},  {"mdx", LexFamily::markup},
      {"hbs", LexFamily::markup},      {"handlebars", LexFamily::markup}, {"mustache", LexFamily::markup},
      {"twig", LexFamily::markup},     {"jinja", LexFamily::markup},     {"jinja2", LexFamily::markup},
      {"j2", LexFamily::markup},       {"njk", LexFamily::markup},       {"nunjucks", LexFamily::markup},
      {"liquid", LexFamily::markup},   {"gohtml", LexFamily::markup},    {"gotmpl", LexFamily::markup},
      {"tmpl", LexFamily::markup},     {"mjml", LexFamily::markup},      {"cfm", LexFamily::markup},
      {"cfc", LexFamily::markup},      {"php", LexFamily::php},          {"phtml", LexFamily::php},
      {"jsp", LexFamily::jsp},         {"jspx", LexFamily::jsp},         {"jspf", LexFamily::jsp},
      {"tag", LexFamily::jsp},         {"gsp", LexFamily::jsp},          {"cshtml", LexFamily::razor},
      {"vbhtml", LexFamily::razor},    {"razor", LexFamily::razor},      {"erb", LexFamily::erb},
      {"rhtml", LexFamily::erb},       {"ejs", LexFamily::erb},          {"eex", LexFamily::erb},
      {"heex", LexFamily::erb},        {"leex", LexFamily::erb},         {"ftl", LexFamily::freemarker},
      {"ftlh", LexFamily::freemarker}, {"vm", LexFamily::velocity},      {"tpl", LexFamily::smarty},
      {"latte", LexFamily::smarty},    {"mako", LexFamily::mako},        {"haml", LexFamily::haml},
      {"slim", LexFamily::slim},       {"pug", LexFamily::pug},          {"jade", LexFamily::pug},
  };
  for (const auto& e : table)
    if (e.ext == ext) return e.family;
  return LexFamily::none;
}

namespace {

bool starts_at(std::string_view text, std::size_t i, std::string_view what) {
  return text.size() - i >= what.size() && text.compare(i, what.size(), what) == 0;
}

bool starts_at_icase(std::string_view text, std::size_t i, std::string_view lower) {
  if (text.size() - i < lower.size()) return false;
  for (std::size_t k = 0; k < lower.size(); ++k) {
    char c = text[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[k]) return false;
  }
  return true;
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::size_t line_end(std::string_view text, std::size_t i) {
  std::size_t nl = text.find('\n', i);
  return nl == std::string_view::npos ? text.size() : nl;
}

// Whether only blanks precede `i` on its line.
bool at_line_start(std::string_view text, std::size_t i) {
  while (i > 0) {
    char c = text[i - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t') return false;
    --i;
  }
  return true;
}

/// A pair of comment delimiters.
struct Delimiters {
  std::string_view open, close;
  RegionKind kind = RegionKind::comment;
  bool needs_close = false;  // without its closing delimiter, the opener is plain text
};

/// The comment and string syntax of one code family.
struct CodeSyntax {
  std::array<std::string_view, 3> line_comments{};  // openers of comments to the end of the line
  bool comment_at_word_start = false;  // an opener counts only after a blank or at line start
  bool comment_at_line_start = false;  // an opener counts only as the first non-blank of a line
  std::string_view block_open, block_close;
  bool nested_blocks = false;
  std::string_view quotes;                   // single-line strings, backslash escapes
  std::array<std::string_view, 3> long_strings{};  // strings that may span lines
  bool quote_at_word_start = false;
  bool regex_literals = false;  // JavaScript /.../ after an operator
  bool url_guard = false;       // `://` and `url(//` are not comments
  bool ruby_begin_end = false;  // =begin ... =end at line start
  bool php_attributes = false;  // `#[` is an attribute, not a comment
  bool csharp_verbatim = false; // @"..." spans lines, "" escapes a quote
  std::string_view terminator;  // lower case; ends the section (</script, ?>)
  bool terminator_ends_blocks = true;
  const std::vector<Delimiters>* embedded = nullptr;  // template comments inside the code
};

class Lexer {
 public:
  Lexer(std::string_view text, std::size_t stop) : t_(text), stop_(stop) {}

  std::vector<TextRegion> take() { return std::move(out_); }

  void push(std::size_t b, std::size_t e, RegionKind k) {
    if (e > b) out_.push_back({b, e, k});
  }

  bool past_stop(std::size_t i) const { return stop_ != std::string_view::npos && i > stop_; }

  // Where the terminator of `s` starts in [from, to), or `to`.
  std::size_t find_terminator(const CodeSyntax& s, std::size_t from, std::size_t to) const {
    if (s.terminator.empty()) return to;
    for (std::size_t k = from; k < to; ++k)
      if (starts_at_icase(t_, k, s.terminator)) return k;
    return to;
  }

  // Lexes code of syntax `s` from `i`; returns where its terminator starts, or the end.
  std::size_t code(std::size_t i, const CodeSyntax& s) {
    const std::size_t n = t_.size();
    char prev = 0;  // the last significant code character, for regex literals
    while (i < n) {
      if (past_stop(i)) return n;
      char c = t_[i];
      if (!s.terminator.empty() && starts_at_icase(t_, i, s.terminator)) return i;
      if (s.embedded) {
        bool hit = false;
        for (const auto& d : *s.embedded) {
          if (!starts_at(t_, i, d.open)) continue;
          std::size_t close = t_.find(d.close, i + d.open.size());
          if (close == std::string_view::npos && d.needs_close) continue;
          std::size_t e = close == std::string_view::npos ? n : close + d.close.size();
          push(i, e, d.kind);
          i = e;
          hit = true;
          break;
        }
        if (hit) continue;
      }
      if (!s.block_open.empty() && starts_at(t_, i, s.block_open) && comment_allowed(s, i)) {
        std::size_t e = block(i, s);
        push(i, e, RegionKind::comment);
        i = e;
        continue;
      }
      if (line_comment_at(s, i)) {
        std::size_t e = line_end(t_, i);
        e = find_terminator(s, i, e);
        push(i, e, RegionKind::comment);
        i = e;
        continue;
      }
      if (s.ruby_begin_end && c == '=' && (i == 0 || t_[i - 1] == '\n') && starts_at(t_, i, "=begin") &&
          (i + 6 == n || blank(t_[i + 6]))) {
        std::size_t e = i;
        for (std::size_t k = i; (k = t_.find("\n=end", k)) != std::string_view::npos; ++k)
          if (k + 5 == n || blank(t_[k + 5])) {
            e = line_end(t_, k + 1);
            break;
          }
        if (e == i) e = n;
        push(i, e, RegionKind::comment);
        i = e;
        continue;
      }
      if (s.csharp_verbatim && c == '@' && i + 1 < n && t_[i + 1] == '"') {
        std::size_t k = i + 2;
        while (k < n && !(t_[k] == '"' && (k + 1 >= n || t_[k + 1] != '"'))) k += t_[k] == '"' ? 2 : 1;
        std::size_t e = std::min(n, k + 1);
        push(i, e, RegionKind::string);
        i = e;
        prev = '"';
        continue;
      }
      bool long_hit = false;
      for (auto d : s.long_strings) {
        if (d.empty() || !starts_at(t_, i, d)) continue;
        if (s.quote_at_word_start && !word_start(i)) continue;
        std::size_t k = i + d.size();
        while (k < n && !starts_at(t_, k, d)) k += t_[k] == '\\' ? 2 : 1;
        std::size_t e = std::min(n, k + d.size());
        push(i, e, RegionKind::string);
        i = e;
        prev = '"';
        long_hit = true;
        break;
      }
      if (long_hit) continue;
      if (s.quotes.find(c) != std::string_view::npos && (!s.quote_at_word_start || word_start(i))) {
        std::size_t k = i + 1;
        while (k < n && t_[k] != c && t_[k] != '\n') {
          if (!s.terminator.empty() && starts_at_icase(t_, k, s.terminator)) break;
          k += t_[k] == '\\' && k + 1 < n && t_[k + 1] != '\n' ? 2 : 1;
        }
        std::size_t e = k < n && t_[k] == c ? k + 1 : std::min(k, n);
        push(i, e, RegionKind::string);
        i = e;
        prev = '"';
        continue;
      }
      if (s.regex_literals && c == '/' && regex_may_start(prev)) {
        std::size_t e = regex_end(i);
        if (e != std::string_view::npos) {
          push(i, e, RegionKind::string);
          i = e;
          prev = '"';
          continue;
        }
      }
      if (!blank(c)) prev = c;
      ++i;
    }
    return n;
  }

  // Lexes markup (HTML, XML and the templates around it) from the start.
  void markup(const std::vector<Delimiters>& comments, std::string_view line_comment, const CodeSyntax* server_code,
              const CodeSyntax& script, const CodeSyntax& style) {
    const std::size_t n = t_.size();
    std::size_t i = 0;
    while (i < n) {
      if (past_stop(i)) return;
      char c = t_[i];
      bool hit = false;
      for (const auto& d : comments) {
        if (!starts_at(t_, i, d.open)) continue;
        std::size_t close = t_.find(d.close, i + d.open.size());
        if (close == std::string_view::npos && d.needs_close) continue;
        std::size_t e = close == std::string_view::npos ? n : close + d.close.size();
        push(i, e, d.kind);
        i = e;
        hit = true;
        break;
      }
      if (hit) continue;
      if (c == '{' && i + 1 < n && t_[i + 1] == '%') {
        std::size_t e = liquid_comment(i);
        if (e != i) {
          push(i, e, RegionKind::comment);
          i = e;
          continue;
        }
      }
      if (!line_comment.empty() && starts_at(t_, i, line_comment)) {
        std::size_t e = line_end(t_, i);
        push(i, e, RegionKind::comment);
        i = e;
        continue;
      }
      if (c != '<') {
        ++i;
        continue;
      }
      if (starts_at(t_, i, "<!--")) {
        std::size_t close = t_.find("-->", i + 4);
        std::size_t e = close == std::string_view::npos ? n : close + 3;
        push(i, e, RegionKind::markup_comment);
        i = e;
        continue;
      }
      if (server_code && starts_at(t_, i, "<?") && !starts_at(t_, i, "<?xml")) {
        std::size_t e = code(i + 2, *server_code);
        i = e < n ? e + 2 : n;
        continue;
      }
      bool is_script = starts_at_icase(t_, i, "<script") && i + 7 < n && (blank(t_[i + 7]) || t_[i + 7] == '>');
      bool is_style = starts_at_icase(t_, i, "<style") && i + 6 < n && (blank(t_[i + 6]) || t_[i + 6] == '>');
      if (is_script || is_style) {
        std::size_t gt = t_.find('>', i);
        if (gt == std::string_view::npos) return;
        std::string tag = ascii_lower(t_.substr(i, gt - i));
        // A script of another type (a client-side template, JSON data) is not JavaScript.
        auto type = tag.find("type=");
        bool javascript = type == std::string::npos || tag.find("javascript", type) != std::string::npos ||
                          tag.find("module", type) != std::string::npos || tag.find("babel", type) != std::string::npos;
        if (is_style || javascript) {
          i = code(gt + 1, is_style ? style : script);
          continue;
        }
        i = gt + 1;
        continue;
      }
      ++i;
    }
  }

  // HAML, Slim and Pug: a line whose first word is one of `markers` opens a comment holding
  // every following line indented deeper (and blank lines between them).
  void indented(const std::vector<std::pair<std::string_view, RegionKind>>& markers) {
    const std::size_t n = t_.size();
    std::size_t i = 0;
    bool open = false;
    std::size_t block_begin = 0, block_end = 0, block_indent = 0;
    while (i < n) {
      if (past_stop(i) && !open) return;
      std::size_t le = line_end(t_, i);
      std::size_t k = i;
      while (k < le && (t_[k] == ' ' || t_[k] == '\t')) ++k;
      std::size_t indent = k - i;
      bool empty = k == le || (k + 1 == le && t_[k] == '\r');
      if (open) {
        if (empty || indent > block_indent) {
          if (!empty) block_end = le;
          i = le + 1;
          continue;
        }
        push(block_begin, block_end, kind_);
        open = false;
        if (past_stop(i)) return;
      }
      for (const auto& [marker, kind] : markers) {
        if (!starts_at(t_, k, marker)) continue;
        open = true;
        kind_ = kind;
        block_begin = k;
        block_end = le;
        block_indent = indent;
        break;
      }
      i = le + 1;
    }
    if (open) push(block_begin, block_end, kind_);
  }

 private:
  bool word_start(std::size_t i) const {
    if (i == 0) return true;
    char p = t_[i - 1];
    return blank(p) || p == '=' || p == ':' || p == '(' || p == '[' || p == '{' || p == ',';
  }

  bool comment_allowed(const CodeSyntax& s, std::size_t i) const {
    if (s.comment_at_line_start && !at_line_start(t_, i)) return false;
    if (s.comment_at_word_start && i > 0 && !blank(t_[i - 1])) return false;
    return true;
  }

  bool line_comment_at(const CodeSyntax& s, std::size_t i) const {
    for (auto op : s.line_comments) {
      if (op.empty() || !starts_at(t_, i, op)) continue;
      if (!comment_allowed(s, i)) continue;
      if (s.url_guard && i > 0 && (t_[i - 1] == ':' || t_[i - 1] == '(' || t_[i - 1] == '"' || t_[i - 1] == '\''))
        continue;
      if (s.php_attributes && op == "#" && i + 1 < t_.size() && t_[i + 1] == '[') continue;
      return true;
    }
    return false;
  }

  // The end of the block comment opening at `i` (nested when the syntax says so).
  std::size_t block(std::size_t i, const CodeSyntax& s) const {
    const std::size_t n = t_.size();
    std::size_t k = i + s.block_open.size();
    int depth = 1;
    while (k < n) {
      if (s.terminator_ends_blocks && !s.terminator.empty() && starts_at_icase(t_, k, s.terminator)) return k;
      if (starts_at(t_, k, s.block_close)) {
        k += s.block_close.size();
        if (--depth == 0 || !s.nested_blocks) return k;
        continue;
      }
      if (s.nested_blocks && starts_at(t_, k, s.block_open)) {
        ++depth;
        k += s.block_open.size();
        continue;
      }
      ++k;
    }
    return n;
  }

  static bool regex_may_start(char prev) {
    return prev == 0 || std::strchr("(,=:[!&|?{};+-*%<>~^", prev) != nullptr;
  }

  // The end of the regular expression literal opening at `i`, or npos when it is none (no
  // closing slash on the line).
  std::size_t regex_end(std::size_t i) const {
    const std::size_t n = t_.size();
    if (i + 1 < n && (t_[i + 1] == '/' || t_[i + 1] == '*')) return std::string_view::npos;
    bool in_class = false;
    for (std::size_t k = i + 1; k < n; ++k) {
      char c = t_[k];
      if (c == '\n') return std::string_view::npos;
      if (c == '\\') {
        ++k;
        continue;
      }
      if (c == '[') in_class = true;
      else if (c == ']') in_class = false;
      else if (c == '/' && !in_class) {
        ++k;
        while (k < n && std::isalpha(static_cast<unsigned char>(t_[k]))) ++k;
        return k;
      }
    }
    return std::string_view::npos;
  }

  // Liquid and Django `{% comment %} ... {% endcomment %}` and Liquid `{% # ... %}` at `i`;
  // returns the end of the comment, or `i` when there is none.
  std::size_t liquid_comment(std::size_t i) const {
    const std::size_t n = t_.size();
    std::size_t k = i + 2;
    if (k < n && t_[k] == '-') ++k;
    while (k < n && (t_[k] == ' ' || t_[k] == '\t')) ++k;
    if (k < n && t_[k] == '#') {
      std::size_t close = t_.find("%}", k);
      return close == std::string_view::npos ? i : close + 2;
    }
    if (!starts_at(t_, k, "comment")) return i;
    std::size_t tag_end = t_.find("%}", k);
    if (tag_end == std::string_view::npos) return i;
    for (std::size_t e = tag_end; (e = t_.find("endcomment", e)) != std::string_view::npos; ++e) {
      std::size_t close = t_.find("%}", e);
      if (close == std::string_view::npos) break;
      return close + 2;
    }
    return i;
  }

  std::string_view t_;
  std::size_t stop_;
  std::vector<TextRegion> out_;
  RegionKind kind_ = RegionKind::comment;
};

CodeSyntax c_syntax(bool nested) {
  CodeSyntax s;
  s.line_comments = {"//"};
  s.block_open = "/*";
  s.block_close = "*/";
  s.nested_blocks = nested;
  s.quotes = "\"'";
  s.long_strings = {"\"\"\"", "'''", "`"};
  s.csharp_verbatim = true;
  return s;
}

CodeSyntax js_syntax() {
  CodeSyntax s;
  s.line_comments = {"//"};
  s.block_open = "/*";
  s.block_close = "*/";
  s.quotes = "\"'";
  s.long_strings = {"`"};
  s.regex_literals = true;
  return s;
}

CodeSyntax css_syntax(bool line_comments) {
  CodeSyntax s;
  if (line_comments) s.line_comments = {"//"};
  s.block_open = "/*";
  s.block_close = "*/";
  s.quotes = "\"'";
  s.url_guard = true;
  return s;
}

CodeSyntax hash_syntax() {
  CodeSyntax s;
  s.line_comments = {"#"};
  s.comment_at_word_start = true;
  s.quotes = "\"'";
  s.quote_at_word_start = true;
  return s;
}

CodeSyntax php_syntax() {
  CodeSyntax s;
  s.line_comments = {"//", "#"};
  s.block_open = "/*";
  s.block_close = "*/";
  s.quotes = "\"'";
  s.php_attributes = true;
  s.terminator = "?>";
  s.terminator_ends_blocks = false;
  return s;
}

// The template comments every markup family knows: they need their closing delimiter, so that
// a literal `{#` in plain HTML text is not taken for a comment.
const std::vector<Delimiters>& brace_comments() {
  static const std::vector<Delimiters> d = {
      {"{{!--", "--}}", RegionKind::comment, true}, {"{{!", "}}", RegionKind::comment, true},
      {"{{/*", "*/}}", RegionKind::comment, true},  {"{{- /*", "*/ -}}", RegionKind::comment, true},
      {"{#", "#}", RegionKind::comment, true},
  };
  return d;
}

std::vector<Delimiters> markup_comments(LexFamily f) {
  std::vector<Delimiters> d;
  switch (f) {
    case LexFamily::jsp:
      d = {{"<%--", "--%>"}, {"%{--", "--}%"}};
      break;
    case LexFamily::blade: d = {{"{{--", "--}}"}}; break;
    case LexFamily::razor: d = {{"@*", "*@"}}; break;
    case LexFamily::erb: d = {{"<%!--", "--%>"}, {"<%#", "%>"}}; break;
    case LexFamily::freemarker: d = {{"<#--", "-->"}}; break;
    case LexFamily::velocity: d = {{"#*", "*#"}}; break;
    case LexFamily::smarty: d = {{"{*", "*}"}}; break;
    case LexFamily::mako: d = {{"<%doc>", "</%doc>"}}; break;
    default: break;
  }
  for (const auto& b : brace_comments()) d.push_back(b);
  return d;
}

}  // namespace

std::vector<TextRegion> lex_regions(std::string_view text, LexFamily family, std::size_t stop) {
  Lexer lx(text, stop);
  switch (family) {
    case LexFamily::none: break;
    case LexFamily::c_like: lx.code(0, c_syntax(false)); break;
    case LexFamily::nested_c: lx.code(0, c_syntax(true)); break;
    case LexFamily::javascript: lx.code(0, js_syntax()); break;
    case LexFamily::css: lx.code(0, css_syntax(false)); break;
    case LexFamily::scss: lx.code(0, css_syntax(true)); break;
    case LexFamily::python: {
      CodeSyntax s;
      s.line_comments = {"#"};
      s.quotes = "\"'";
      s.long_strings = {"\"\"\"", "'''"};
      lx.code(0, s);
      break;
    }
    case LexFamily::ruby: {
      CodeSyntax s;
      s.line_comments = {"#"};
      s.quotes = "\"'";
      s.ruby_begin_end = true;
      lx.code(0, s);
      break;
    }
    case LexFamily::hash: lx.code(0, hash_syntax()); break;
    case LexFamily::properties:
    case LexFamily::ini: {
      CodeSyntax s;
      s.line_comments = family == LexFamily::ini ? std::array<std::string_view, 3>{";", "#"}
                                                 : std::array<std::string_view, 3>{"#", "!"};
      s.comment_at_line_start = true;
      lx.code(0, s);
      break;
    }
    case LexFamily::sql: {
      CodeSyntax s;
      s.line_comments = {"--"};
      s.block_open = "/*";
      s.block_close = "*/";
      s.quotes = "'\"";
      lx.code(0, s);
      break;
    }
    case LexFamily::haml:
      lx.indented({{"-#", RegionKind::comment}, {"/", RegionKind::markup_comment}});
      break;
    case LexFamily::slim:
      lx.indented({{"/!", RegionKind::markup_comment}, {"/", RegionKind::comment}});
      break;
    case LexFamily::pug:
      lx.indented({{"//-", RegionKind::comment}, {"//", RegionKind::markup_comment}});
      break;
    default: {
      // Markup and the templates around it.
      auto comments = markup_comments(family);
      CodeSyntax script = js_syntax();
      script.terminator = "</script";
      script.embedded = &comments;
      CodeSyntax style = css_syntax(false);
      style.terminator = "</style";
      CodeSyntax php = php_syntax();
      bool server = family == LexFamily::php || family == LexFamily::blade;
      std::string_view line_comment = family == LexFamily::velocity || family == LexFamily::mako ? "##" : "";
      lx.markup(comments, line_comment, server ? &php : nullptr, script, style);
      break;
    }
  }
  return lx.take();
}

}  // namespace pacte
