// The element tree of an HTML page built in one pass, as gumbo builds it, for pages written the
// common way. gumbo spends most of an audit's time on template-heavy trees (its tokenizer works
// character by character through UTF-8 iterators and string buffers); this builder finds tags
// with memchr, keeps attribute values as written unless a character reference is in them, and
// applies the tree-construction rules of the HTML standard that ordinary pages need:
//   - the html, head and body elements, written or implied;
//   - paragraphs, list items and definition terms closed by what follows them, headings closed
//     by a heading, end tags that close the elements they enclose;
//   - tables with implied tbody, tr and colgroup, cells and captions closed by what follows;
//   - select with its options (other tags are dropped inside it), forms, formatting elements
//     nested properly, raw text (script, style, iframe) and escapable raw text (title,
//     textarea), SVG with its self-closing elements.
// Whatever else the standard handles specially makes `build_html_tree` give up, and the caller
// parses with gumbo: misnested formatting elements (the adoption agency), content foster-
// parented out of a table, MathML, <template>, <frameset>, <noscript> in the head, a second
// <html> or <body> with attributes, a CDATA section, a NUL byte, a tag that is not valid UTF-8
// or holds a control character or the same attribute twice, blank text with a vertical tab, a character reference it does not decode, a tag cut by the end of the file, and
// the like. The result
// is checked against gumbo's in tests/unit/a11y/test_html_tree.cpp and on real repositories.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "checks/a11y/markup.hpp"
#include "checks/base/text.hpp"
#include "checks/base/utf8.hpp"

namespace pacte::a11y {
namespace html_tree {
namespace {

constexpr std::size_t kMaxTreeDepth = 400;  // kMaxDepth of the gumbo converter (markup.cpp)

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_ws(c) || c == '\v'; });
}

template <std::size_t N>
bool in(std::string_view name, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

constexpr std::array<std::string_view, 8> kImpliedEnd = {"dd", "dt", "li", "option", "optgroup", "p", "rp", "rt"};
constexpr std::array<std::string_view, 12> kFormatting = {"b", "big", "code", "em", "font", "i",
                                                          "s", "small", "strike", "strong", "tt", "u"};
constexpr std::array<std::string_view, 23> kClosesP = {
    "address", "article", "aside", "blockquote", "center", "details", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "menu",
    "main", "nav", "ol", "p", "section", "summary", "ul"};
constexpr std::array<std::string_view, 25> kBlockEnd = {
    "address", "article", "aside", "blockquote", "button", "center", "details", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main",
    "menu", "nav", "ol", "pre", "section", "summary", "ul"};
constexpr std::array<std::string_view, 6> kHeadings = {"h1", "h2", "h3", "h4", "h5", "h6"};
constexpr std::array<std::string_view, 6> kHeadVoid = {"base", "basefont", "bgsound", "menuitem", "link", "meta"};
constexpr std::array<std::string_view, 12> kBodyVoid = {"area", "br", "embed", "img", "keygen", "wbr",
                                                        "input", "param", "source", "track", "hr", "col"};
constexpr std::array<std::string_view, 11> kTableParts = {"caption", "col", "colgroup", "tbody", "td", "tfoot",
                                                          "th", "thead", "tr", "table", "frame"};
constexpr std::array<std::string_view, 80> kSpecial = {
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote",
    "body", "br", "button", "caption", "center", "col", "colgroup", "menuitem", "dd", "details",
    "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form",
    "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
    "html", "iframe", "img", "input", "isindex", "li", "link", "listing", "marquee", "menu",
    "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext",
    "pre", "script", "section", "select", "source", "style", "summary", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "title", "tr", "ul", "wbr"};
// Start tags that leave SVG content for HTML (the standard's list; <font> only with color, face
// or size, which is left to gumbo too).
constexpr std::array<std::string_view, 45> kBreakout = {
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
    "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
    "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike",
    "sub", "sup", "table", "tt", "u", "ul", "var", "font"};
// Character references named without a semicolon that the standard still decodes (its legacy
// list): in an attribute value they are decoded unless '=' or a letter or digit follows.
constexpr std::array<std::string_view, 106> kLegacyRefs = {
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
    "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
    "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave",
    "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren", "deg",
    "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14", "frac34", "gt",
    "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
    "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1",
    "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml",
    "yacute", "yen", "yuml"};


struct GiveUp {};  // thrown inside the builder, caught by build_html_tree

// An attribute value as gumbo gives it: line ends normalised, the character references of an
// attribute decoded. Gives up on a reference whose decoding it does not know.
std::string attribute_value(std::string_view raw) {
  if (raw.find_first_of("&\r") == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    char c = raw[i];
    if (c == '\r') {
      out += '\n';
      i += (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (j < raw.size() && raw[j] == '#') {
      std::size_t k = j + 1;
      bool hex = k < raw.size() && (raw[k] == 'x' || raw[k] == 'X');
      if (hex) ++k;
      unsigned long cp = 0;
      std::size_t digits = k;
      while (k < raw.size()) {
        char d = raw[k];
        int v = (d >= '0' && d <= '9') ? d - '0'
                : (hex && d >= 'a' && d <= 'f') ? d - 'a' + 10
                : (hex && d >= 'A' && d <= 'F') ? d - 'A' + 10 : -1;
        if (v < 0) break;
        cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(v);
        if (cp > 0x10FFFF) throw GiveUp{};
        ++k;
      }
      if (k == digits) {  // "&#" with no digit: kept as written
        out += c;
        ++i;
        continue;
      }
      if (k >= raw.size() || raw[k] != ';' || cp == 0 || (cp >= 0x80 && cp <= 0x9F) ||
          (cp >= 0xD800 && cp <= 0xDFFF))
        throw GiveUp{};  // replaced or decoded with an error: left to gumbo
      append_utf8(out, static_cast<char32_t>(cp));
      i = k + 1;
      continue;
    }
    while (j < raw.size() && is_alnum(raw[j])) ++j;
    std::string_view name = raw.substr(i + 1, j - i - 1);
    if (name.empty()) {
      out += c;
      ++i;
      continue;
    }
    if (j < raw.size() && raw[j] == ';') {
      static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kKnown = {{
          {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}}};
      auto known = std::find_if(kKnown.begin(), kKnown.end(), [&](const auto& k) { return k.first == name; });
      if (known == kKnown.end()) throw GiveUp{};
      out += known->second;
      i = j + 1;
      continue;
    }
    // Without a semicolon: decoded only when the whole name is a legacy one and neither '='
    // nor a letter or digit follows (none can: the name ran to here).
    if (in(name, kLegacyRefs) && !(j < raw.size() && raw[j] == '=')) throw GiveUp{};
    out.append(raw.substr(i, j - i));
    i = j;
  }
  return out;
}

// Whether text whose bytes are not blank may still be blank once its character references are
// decoded (`&#32;`, `&Tab;`): such text is left to gumbo.
bool blank_but_for_references(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '&') {
      std::size_t j = i + 1;
      if (j < text.size() && text[j] == '#') ++j;
      while (j < text.size() && is_alnum(text[j])) ++j;
      if (j < text.size() && text[j] == ';') ++j;
      i = j - 1;
      continue;
    }
    if (!is_ws(c) && c != '\v') return false;
  }
  return true;
}

enum class Ns { html, svg };
enum class Phase { before_html, before_head, in_head, after_head, in_body };

struct Attr {
  std::string_view name;   // as written
  std::string_view value;  // as written, without quotes
  std::size_t name_at;
  std::size_t value_at;    // first byte of the value
  bool has_value;
};

struct Tag {
  std::string name;  // lower-case
  std::vector<Attr> attrs;
  bool end = false;
  bool self_closing = false;
  std::size_t at = 0;   // '<'
  std::size_t stop = 0; // just past '>'
};

class Builder {
 public:
  Builder(std::string_view text, const TemplateRanges& ranges, MarkupTree& tree)
      : s_(text), ranges_(ranges), tree_(tree) {}

  void run() {
    if (s_.find('\0') != std::string_view::npos) throw GiveUp{};
    std::size_t i = 0;
    std::size_t text_from = 0;
    while (i < s_.size()) {
      const char* lt = static_cast<const char*>(std::memchr(s_.data() + i, '<', s_.size() - i));
      if (!lt) break;
      std::size_t at = static_cast<std::size_t>(lt - s_.data());
      std::size_t next = markup(at, text_from);
      if (next == at) {  // a '<' that is text
        i = at + 1;
        continue;
      }
      i = text_from = next;
    }
    if (text_from < s_.size()) text(s_.substr(text_from));
    if (phase_ != Phase::in_body) implied_until_body(s_.size());  // as gumbo does at the end
    flush_text();
  }

 private:
  struct Open {
    MarkupNode* node;
    std::size_t serial;  // the how-manieth element inserted: node addresses are reused
    std::string_view name;
    Ns ns;
    bool formatting;  // in the list of active formatting elements
  };

  // ------------------------------------------------------------------------------- tokens

  // Handles the markup at `at` ('<'); returns where text resumes, or `at` when the '<' is text.
  // The text before it (from `text_from`) is handed over first.
  std::size_t markup(std::size_t at, std::size_t text_from) {
    std::size_t n = s_.size();
    char c1 = at + 1 < n ? s_[at + 1] : '\0';
    auto flush = [&] {
      if (text_from < at) text(s_.substr(text_from, at - text_from));
    };
    if (c1 == '!') {
      flush();
      if (s_.compare(at, 4, "<!--") == 0) {
        flush_text();
        if (at + 4 < n && s_[at + 4] == '>') return at + 5;
        if (s_.compare(at + 4, 2, "->") == 0) return at + 6;
        std::size_t end = s_.find("-->", at + 4);
        std::size_t bang = s_.find("--!>", at + 4);
        if (bang != std::string_view::npos && (end == std::string_view::npos || bang < end)) throw GiveUp{};
        return end == std::string_view::npos ? n : end + 3;
      }
      if (s_.compare(at, 9, "<![CDATA[") == 0) throw GiveUp{};
      if (find_ascii_folded(s_.substr(at + 2, 7), "doctype") != 0) flush_text();  // a bogus comment
      std::size_t end = s_.find('>', at + 2);
      return end == std::string_view::npos ? n : end + 1;
    }
    if (c1 == '?') {
      flush();
      flush_text();
      std::size_t end = s_.find('>', at + 2);
      return end == std::string_view::npos ? n : end + 1;
    }
    if (c1 == '/') {
      char c2 = at + 2 < n ? s_[at + 2] : '\0';
      if (at + 2 >= n) return at;  // "</" at the end: text
      flush();
      if (c2 == '>') return at + 3;
      if (!is_alpha(c2)) {
        flush_text();
        std::size_t end = s_.find('>', at + 2);
        return end == std::string_view::npos ? n : end + 1;
      }
      Tag tag = read_tag(at, true);
      end_tag(tag);
      return tag.stop;
    }
    if (!is_alpha(c1)) return at;
    flush();
    Tag tag = read_tag(at, false);
    std::size_t resume = tag.stop;
    start_tag(tag, resume);
    return resume;
  }

  Tag read_tag(std::size_t at, bool end) {
    Tag tag;
    tag.end = end;
    tag.at = at;
    std::size_t n = s_.size();
    std::size_t i = at + (end ? 2 : 1);
    std::size_t name_from = i;
    while (i < n && !is_ws(s_[i]) && s_[i] != '/' && s_[i] != '>') ++i;
    tag.name = ascii_lower(s_.substr(name_from, i - name_from));
    while (true) {
      while (i < n && is_ws(s_[i])) ++i;
      if (i >= n) throw GiveUp{};  // a tag cut by the end of the file is dropped by gumbo
      if (s_[i] == '>') {
        tag.stop = i + 1;
        return as_gumbo_reads(tag);
      }
      if (s_[i] == '/') {
        ++i;
        if (i < n && s_[i] == '>') {
          tag.self_closing = true;
          tag.stop = i + 1;
          return as_gumbo_reads(tag);
        }
        continue;
      }
      Attr a{};
      a.name_at = i;
      std::size_t from = i;
      ++i;  // the first character, even '=', belongs to the name
      while (i < n && !is_ws(s_[i]) && s_[i] != '/' && s_[i] != '>' && s_[i] != '=') ++i;
      a.name = s_.substr(from, i - from);
      while (i < n && is_ws(s_[i])) ++i;
      if (i < n && s_[i] == '=') {
        ++i;
        while (i < n && is_ws(s_[i])) ++i;
        if (i >= n) throw GiveUp{};
        if (s_[i] == '"' || s_[i] == '\'') {
          char q = s_[i];
          std::size_t close = s_.find(q, i + 1);
          if (close == std::string_view::npos) throw GiveUp{};
          a.value_at = i + 1;
          a.value = s_.substr(i + 1, close - i - 1);
          a.has_value = true;
          i = close + 1;
        } else if (s_[i] != '>') {
          std::size_t v = i;
          while (i < n && !is_ws(s_[i]) && s_[i] != '>') ++i;
          a.value_at = v;
          a.value = s_.substr(v, i - v);
          a.has_value = true;
        }
      }
      if (!end) tag.attrs.push_back(a);
    }
  }

  // gumbo decodes a tag's names and values as UTF-8 and replaces an invalid sequence, a control
  // character other than a space, or a noncharacter by U+FFFD (its attribute names then compare
  // in ways of their own): such tags are left to it.
  Tag& as_gumbo_reads(Tag& tag) const {
    for (std::size_t i = tag.at; i < tag.stop;) {
      auto c = static_cast<unsigned char>(s_[i]);
      if (c < 0x80) {
        if ((c < 0x20 && !is_ws(static_cast<char>(c))) || c == 0x7F) throw GiveUp{};
        ++i;
        continue;
      }
      std::size_t length = utf8_sequence_length(s_, i);
      if (length == 0) throw GiveUp{};
      char32_t cp = c & (0x7F >> length);
      for (std::size_t k = 1; k < length; ++k) cp = cp << 6 | (static_cast<unsigned char>(s_[i + k]) & 0x3F);
      if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) throw GiveUp{};
      i += length;
    }
    return tag;
  }

  // Text gumbo would not find blank: a vertical tab is U+FFFD to it, a space to blank().
  static void check_blank_run(std::string_view run) {
    if (run.find('\v') != std::string_view::npos) throw GiveUp{};
  }

  // The end of a raw text element's content: its end tag `</name` followed by a space, '/' or
  // '>', ignoring case; the end of the file when there is none.
  std::size_t raw_text_end(std::size_t from, std::string_view name) const {
    for (std::size_t i = s_.find("</", from); i != std::string_view::npos; i = s_.find("</", i + 2)) {
      std::size_t k = i + 2;
      if (k + name.size() > s_.size()) break;
      bool same = true;
      for (std::size_t j = 0; j < name.size() && same; ++j)
        same = (s_[k + j] | 0x20) == name[j];
      if (!same) continue;
      std::size_t after = k + name.size();
      if (after < s_.size() && (is_ws(s_[after]) || s_[after] == '/' || s_[after] == '>')) return i;
    }
    return s_.size();
  }

  // ------------------------------------------------------------------------------- stack

  MarkupNode& current() { return *stack_.back().node; }

  // gumbo keeps text in a buffer and gives it to the element that is current when the buffer
  // is flushed: before an element is inserted, popped, or a comment is added, and at the end.
  void flush_text() {
    if (pending_text_ && !stack_.empty()) current().has_text = true;
    pending_text_ = false;
  }
  std::string_view current_name() const { return stack_.empty() ? std::string_view() : stack_.back().name; }
  bool current_is(std::string_view name) const {
    return !stack_.empty() && stack_.back().ns == Ns::html && stack_.back().name == name;
  }

  MarkupNode& insert(const Tag& tag, Ns ns, bool push) {
    if (stack_.size() + 1 >= kMaxTreeDepth) throw GiveUp{};
    flush_text();
    std::vector<MarkupNode>& siblings = stack_.empty() ? tree_.roots : current().children;
    siblings.emplace_back();
    MarkupNode& node = siblings.back();
    node.tag = tag.name;
    int known = gumbo_tagn_enum(tag.name.data(), static_cast<unsigned>(tag.name.size()));
    node.component = known == GUMBO_TAG_UNKNOWN;
    node.offset = tag.at;
    node.tag_end = tag.stop;
    std::vector<std::string> seen;
    for (const Attr& a : tag.attrs) {
      std::string lower = ascii_lower(a.name);
      // gumbo keeps the first of two attributes of the same name, and then gives the next
      // attribute a name that runs from the dropped one: left to gumbo.
      if (std::find(seen.begin(), seen.end(), lower) != seen.end()) throw GiveUp{};
      seen.push_back(lower);
      if (in_template_tag(ranges_, a.name_at)) {
        node.unknown_attrs = true;
        continue;
      }
      bool dynamic = a.has_value && !a.value.empty() &&
                     overlaps_template_tag(ranges_, a.value_at, a.value_at + a.value.size());
      add_markup_attr(node, a.name, a.has_value ? attribute_value(a.value) : std::string(), dynamic, false);
    }
    ++serial_;
    if (push) stack_.push_back({&node, serial_, node.tag, ns, false});
    return node;
  }

  // An element gumbo creates without a tag (html, head, body, tbody, tr, colgroup).
  MarkupNode& insert_implied(std::string_view name, std::size_t at) {
    Tag tag;
    tag.name = std::string(name);
    tag.at = at;
    tag.stop = at;
    return insert(tag, Ns::html, true);
  }

  // Pops the current element. Popping a formatting element other than by its own end tag
  // leaves it in the list of active formatting elements, and gumbo would recreate it later:
  // given up.
  void pop(bool own_end_tag = false) {
    if (stack_.back().formatting && !own_end_tag) throw GiveUp{};
    flush_text();
    if (stack_.back().formatting) {
      auto it = std::find(formatting_.rbegin(), formatting_.rend(), stack_.back().node);
      if (it != formatting_.rend()) formatting_.erase(std::next(it).base());
    }
    stack_.pop_back();
  }

  void pop_until(std::string_view name) {
    while (!stack_.empty()) {
      bool last = stack_.back().ns == Ns::html && stack_.back().name == name;
      pop();
      if (last) return;
    }
  }

  void generate_implied_end_tags(std::string_view except = {}) {
    while (!stack_.empty() && stack_.back().ns == Ns::html && stack_.back().name != except &&
           in(stack_.back().name, kImpliedEnd))
      pop();
  }

  // Clears the list of active formatting elements back to the last marker: the elements it
  // held may then be popped like any other.
  void clear_formatting_to_marker() {
    while (!formatting_.empty()) {
      MarkupNode* last = formatting_.back();
      formatting_.pop_back();
      if (!last) break;
      for (auto& open : stack_)
        if (open.node == last) open.formatting = false;
    }
  }

  enum class Scope { normal, button, list, table, select };

  bool in_scope(std::string_view name, Scope scope) const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->ns == Ns::svg) {
        if (scope == Scope::select) return false;
        if (it->name == "foreignobject" || it->name == "desc" || it->name == "title") return false;
        continue;
      }
      if (it->name == name) return true;
      std::string_view n = it->name;
      if (scope == Scope::select) {
        if (n != "optgroup" && n != "option") return false;
        continue;
      }
      if (n == "html" || n == "table" || n == "template") return false;
      if (scope == Scope::table) continue;
      if (n == "applet" || n == "caption" || n == "td" || n == "th" || n == "marquee" || n == "object") return false;
      if (scope == Scope::button && n == "button") return false;
      if (scope == Scope::list && (n == "ol" || n == "ul")) return false;
    }
    return false;
  }

  bool heading_in_scope() const {
    return std::any_of(kHeadings.begin(), kHeadings.end(), [&](std::string_view h) { return in_scope(h, Scope::normal); });
  }

  void close_p_if_open() {
    if (!in_scope("p", Scope::button)) return;
    generate_implied_end_tags("p");
    pop_until("p");
  }

  bool formatting_after_marker(std::string_view name) const {
    for (auto it = formatting_.rbegin(); it != formatting_.rend() && *it; ++it)
      if ((*it)->tag == name) return true;
    return false;
  }

  // ------------------------------------------------------------------------------- text

  void text(std::string_view run) {
    while (!run.empty()) {
      switch (phase_) {
        case Phase::before_html:
        case Phase::before_head:
        case Phase::in_head:
        case Phase::after_head: {
          std::size_t k = 0;
          while (k < run.size() && is_ws(run[k])) ++k;
          run.remove_prefix(k);
          if (run.empty()) return;
          implied_until_body(0);
          continue;
        }
        case Phase::in_body:
          break;
      }
      if (!stack_.empty() && stack_.back().ns == Ns::html && in_table_mode()) {
        if (current_is("colgroup")) {
          std::size_t k = 0;
          while (k < run.size() && is_ws(run[k])) ++k;
          run.remove_prefix(k);
          if (run.empty()) return;
          pop();
          continue;
        }
        if (!blank(run)) throw GiveUp{};  // foster-parented
        check_blank_run(run);
        return;
      }
      if (blank(run)) {
        check_blank_run(run);
        return;
      }
      if (blank_but_for_references(run)) throw GiveUp{};
      pending_text_ = true;
      return;
    }
  }

  // Creates what gumbo implies before content that belongs in the body.
  void implied_until_body(std::size_t at) {
    if (phase_ == Phase::before_html) {
      insert_implied("html", at);
      phase_ = Phase::before_head;
    }
    if (phase_ == Phase::before_head) {
      insert_implied("head", at);
      phase_ = Phase::in_head;
    }
    if (phase_ == Phase::in_head) {
      while (current_name() != "head") pop();  // a raw text element the file ended in
      pop();
      phase_ = Phase::after_head;
    }
    if (phase_ == Phase::after_head) {
      insert_implied("body", at);
      phase_ = Phase::in_body;
    }
  }

  // ------------------------------------------------------------------------------- start tags

  // Text content of raw text and escapable raw text elements, up to their end tag.
  void raw_text(MarkupNode& node, std::string_view name, std::size_t& resume, bool script, bool title) {
    std::size_t end = raw_text_end(resume, name);
    std::string_view content = s_.substr(resume, end - resume);
    if (script && content.find("<!--") != std::string_view::npos) throw GiveUp{};
    if (!blank(content)) {
      if (blank_but_for_references(content)) throw GiveUp{};
      node.has_text = true;
    } else {
      check_blank_run(content);
    }
    if (title) note_title(node, content);
    if (end == s_.size()) {  // no end tag: the element holds the rest of the file
      resume = end;
      return;
    }
    resume = read_tag(end, true).stop;
    pop();
  }

  void note_title(const MarkupNode& node, std::string_view content) {
    if (!tree_.has_title) tree_.title_offset = node.offset;
    tree_.has_title = true;
    if (!blank(content)) tree_.title_empty = false;
  }

  // Elements the head takes: void ones, raw text ones.
  bool head_element(const Tag& tag, std::size_t& resume) {
    const std::string& t = tag.name;
    if (in(t, kHeadVoid)) {
      insert(tag, Ns::html, false);
      return true;
    }
    if (t == "title" || t == "style" || t == "script") {
      MarkupNode& node = insert(tag, Ns::html, true);
      raw_text(node, t, resume, t == "script", t == "title");
      return true;
    }
    if (t == "noframes" || t == "template" || t == "noscript") throw GiveUp{};
    return false;
  }

  void start_tag(Tag& tag, std::size_t& resume) {
    const std::string& t = tag.name;
    // Inside SVG, tags are SVG elements until one of the HTML ones leaves it.
    if (!stack_.empty() && stack_.back().ns == Ns::svg) {
      std::string_view parent = stack_.back().name;
      if (parent == "foreignobject" || parent == "desc" || parent == "title") throw GiveUp{};
      if (in(t, kBreakout)) throw GiveUp{};
      insert(tag, Ns::svg, !tag.self_closing);
      return;
    }
    if (t == "html") {
      if (phase_ != Phase::before_html || !tree_.roots.empty()) {
        if (!tag.attrs.empty()) throw GiveUp{};  // its attributes go to the first one
        return;
      }
      insert(tag, Ns::html, true);
      phase_ = Phase::before_head;
      return;
    }
    switch (phase_) {
      case Phase::before_html:
        insert_implied("html", tag.at);
        phase_ = Phase::before_head;
        [[fallthrough]];
      case Phase::before_head:
        if (t == "head") {
          insert(tag, Ns::html, true);
          phase_ = Phase::in_head;
          return;
        }
        insert_implied("head", tag.at);
        phase_ = Phase::in_head;
        [[fallthrough]];
      case Phase::in_head:
        if (t == "head") return;
        if (head_element(tag, resume)) return;
        pop();  // head
        phase_ = Phase::after_head;
        [[fallthrough]];
      case Phase::after_head:
        if (t == "body") {
          insert(tag, Ns::html, true);
          phase_ = Phase::in_body;
          return;
        }
        if (t == "frameset" || in(t, kHeadVoid) || t == "title" || t == "style" || t == "script" ||
            t == "noframes" || t == "template" || t == "noscript")
          throw GiveUp{};
        if (t == "head") return;
        insert_implied("body", tag.at);
        phase_ = Phase::in_body;
        break;
      case Phase::in_body:
        break;
    }
    in_body_start(tag, resume);
  }

  bool in_table_mode() const {
    if (stack_.empty() || stack_.back().ns != Ns::html) return false;
    std::string_view n = stack_.back().name;
    return n == "table" || n == "tbody" || n == "thead" || n == "tfoot" || n == "tr" || n == "colgroup";
  }

  bool in_select() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->ns != Ns::html) return false;
      if (it->name == "option" || it->name == "optgroup") continue;
      return it->name == "select";
    }
    return false;
  }

  void in_table_start(Tag& tag, std::size_t& resume) {
    const std::string& t = tag.name;
    std::string_view top = current_name();
    if (top == "colgroup") {
      if (t == "col") {
        insert(tag, Ns::html, false);
        return;
      }
      if (t == "template") throw GiveUp{};
      pop();
      return in_body_start(tag, resume);
    }
    bool section = top == "tbody" || top == "thead" || top == "tfoot";
    if (top == "tr") {
      if (t == "td" || t == "th") {
        insert(tag, Ns::html, true);
        formatting_.push_back(nullptr);
        return;
      }
      if (t == "caption" || t == "col" || t == "colgroup" || t == "tbody" || t == "tfoot" || t == "thead" || t == "tr") {
        pop();
        return in_body_start(tag, resume);
      }
    } else if (section) {
      if (t == "tr") {
        insert(tag, Ns::html, true);
        return;
      }
      if (t == "td" || t == "th") {
        insert_implied("tr", tag.at);
        return in_body_start(tag, resume);
      }
      if (t == "caption" || t == "col" || t == "colgroup" || t == "tbody" || t == "tfoot" || t == "thead") {
        pop();
        return in_body_start(tag, resume);
      }
    } else {  // table
      if (t == "caption") {
        insert(tag, Ns::html, true);
        formatting_.push_back(nullptr);
        return;
      }
      if (t == "colgroup") {
        insert(tag, Ns::html, true);
        return;
      }
      if (t == "col") {
        insert_implied("colgroup", tag.at);
        return in_body_start(tag, resume);
      }
      if (t == "tbody" || t == "tfoot" || t == "thead") {
        insert(tag, Ns::html, true);
        return;
      }
      if (t == "td" || t == "th" || t == "tr") {
        insert_implied("tbody", tag.at);
        return in_body_start(tag, resume);
      }
    }
    if (t == "style" || t == "script") {
      MarkupNode& node = insert(tag, Ns::html, true);
      raw_text(node, t, resume, t == "script", false);
      return;
    }
    if (t == "input") {
      for (const Attr& a : tag.attrs) {
        if (ascii_lower(a.name) == "type" && ascii_lower(a.value) == "hidden") {
          insert(tag, Ns::html, false);
          return;
        }
      }
    }
    throw GiveUp{};  // foster parenting, a table in a table, a form in a table
  }

  void in_select_start(Tag& tag) {
    const std::string& t = tag.name;
    if (t == "option") {
      if (current_is("option")) pop();
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "optgroup") {
      if (current_is("option")) pop();
      if (current_is("optgroup")) pop();
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "select" || t == "input" || t == "keygen" || t == "textarea" || t == "script" ||
        t == "template" || in(t, kTableParts))
      throw GiveUp{};
    // Any other start tag is dropped inside a select.
  }

  void in_body_start(Tag& tag, std::size_t& resume) {
    const std::string& t = tag.name;
    if (in_table_mode()) return in_table_start(tag, resume);
    if (in_select()) return in_select_start(tag);
    if (in(t, kTableParts) && t != "table") {
      // In a cell or a caption these close it; elsewhere in the body they are dropped.
      if (t == "frame") throw GiveUp{};
      if (in_scope("td", Scope::table) || in_scope("th", Scope::table)) {
        close_cell();
        return in_body_start(tag, resume);
      }
      if (in_scope("caption", Scope::table)) {
        generate_implied_end_tags();
        while (!current_is("caption")) pop();
        pop();
        clear_formatting_to_marker();
        return in_body_start(tag, resume);
      }
      return;
    }
    if (t == "body") {
      if (!tag.attrs.empty()) throw GiveUp{};
      return;
    }
    if (in(t, kHeadVoid) || t == "title" || t == "style" || t == "script" || t == "noframes" || t == "template") {
      if (!head_element(tag, resume)) throw GiveUp{};
      return;
    }
    if (t == "frameset" || t == "plaintext" || t == "nobr" || t == "image" || t == "isindex" ||
        t == "xmp" || t == "noembed" || t == "math" || t == "rp" || t == "rt" || t == "rb" || t == "rtc")
      throw GiveUp{};
    if (t == "head") return;
    if (in(t, kClosesP)) {
      close_p_if_open();
      insert(tag, Ns::html, true);
      return;
    }
    if (in(t, kHeadings)) {
      close_p_if_open();
      if (!stack_.empty() && stack_.back().ns == Ns::html && in(stack_.back().name, kHeadings)) pop();
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "pre" || t == "listing") {
      close_p_if_open();
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "form") {
      if (form_ != 0) return;  // a form in a form is dropped
      close_p_if_open();
      insert(tag, Ns::html, true);
      form_ = stack_.back().serial;
      return;
    }
    if (t == "li" || t == "dd" || t == "dt") {
      for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
        std::string_view n = it->name;
        bool match = it->ns == Ns::html && (t == "li" ? n == "li" : (n == "dd" || n == "dt"));
        if (match) {
          std::string target(n);
          generate_implied_end_tags(target);
          pop_until(target);
          break;
        }
        if (it->ns == Ns::html && in(n, kSpecial) && n != "address" && n != "div" && n != "p") break;
      }
      close_p_if_open();
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "button") {
      if (in_scope("button", Scope::normal)) throw GiveUp{};
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "a" || in(t, kFormatting)) {
      if (t == "a" && formatting_after_marker("a")) throw GiveUp{};  // the adoption agency
      insert(tag, Ns::html, true);
      stack_.back().formatting = true;
      formatting_.push_back(stack_.back().node);
      return;
    }
    if (t == "applet" || t == "marquee" || t == "object") {
      insert(tag, Ns::html, true);
      formatting_.push_back(nullptr);
      return;
    }
    if (t == "table") {
      if (in_scope("p", Scope::button)) throw GiveUp{};  // closed or not, by the doctype's mode
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "hr") {
      close_p_if_open();
      insert(tag, Ns::html, false);
      return;
    }
    if (in(t, kBodyVoid)) {
      insert(tag, Ns::html, false);
      return;
    }
    if (t == "textarea" || t == "iframe") {
      MarkupNode& node = insert(tag, Ns::html, true);
      raw_text(node, t, resume, false, false);
      return;
    }
    if (t == "select") {
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "option" || t == "optgroup") {
      if (current_is("option")) pop();
      insert(tag, Ns::html, true);
      return;
    }
    if (t == "svg") {
      insert(tag, Ns::svg, !tag.self_closing);
      return;
    }
    insert(tag, Ns::html, true);
  }

  void close_cell() {
    generate_implied_end_tags();
    clear_formatting_to_marker();
    while (!current_is("td") && !current_is("th")) pop();
    pop();
  }

  // ------------------------------------------------------------------------------- end tags

  void end_tag(const Tag& tag) {
    const std::string& t = tag.name;
    if (!stack_.empty() && stack_.back().ns == Ns::svg) {
      if (stack_.back().name == t) {
        pop();
        return;
      }
      throw GiveUp{};
    }
    switch (phase_) {
      case Phase::before_html:
        if (t != "head" && t != "body" && t != "html" && t != "br") return;
        insert_implied("html", tag.at);
        phase_ = Phase::before_head;
        [[fallthrough]];
      case Phase::before_head:
        if (t != "head" && t != "body" && t != "html" && t != "br") return;
        insert_implied("head", tag.at);
        phase_ = Phase::in_head;
        [[fallthrough]];
      case Phase::in_head:
        if (t == "head") {
          pop();
          phase_ = Phase::after_head;
          return;
        }
        if (t == "template" || t == "br") throw GiveUp{};
        if (t != "body" && t != "html") return;
        pop();
        phase_ = Phase::after_head;
        [[fallthrough]];
      case Phase::after_head:
        if (t == "template" || t == "br") throw GiveUp{};
        if (t != "body" && t != "html") return;
        insert_implied("body", tag.at);
        phase_ = Phase::in_body;
        return end_tag(tag);
      case Phase::in_body:
        break;
    }
    if (in_table_mode()) return in_table_end(tag);
    if (in_select()) return in_select_end(tag);
    if (t == "body" || t == "html") return;  // the body stays open for what follows
    if (t == "td" || t == "th") {
      if (!in_scope(t, Scope::table)) return;
      generate_implied_end_tags();
      clear_formatting_to_marker();
      pop_until(t);
      return;
    }
    if (t == "caption") {
      if (!in_scope(t, Scope::table)) return;
      generate_implied_end_tags();
      clear_formatting_to_marker();
      pop_until(t);
      return;
    }
    if (t == "table" || t == "tbody" || t == "tfoot" || t == "thead" || t == "tr") {
      if ((in_scope("td", Scope::table) || in_scope("th", Scope::table)) && in_scope(t, Scope::table)) {
        close_cell();
        return end_tag(tag);
      }
      if (in_scope("caption", Scope::table) && t == "table") {
        generate_implied_end_tags();
        clear_formatting_to_marker();
        pop_until("caption");
        return end_tag(tag);
      }
      if (!in_scope(t, Scope::table)) return;
      throw GiveUp{};
    }
    if (t == "col" || t == "colgroup") return;
    if (in(t, kBlockEnd)) {
      if (!in_scope(t, Scope::normal)) return;
      generate_implied_end_tags();
      pop_until(t);
      return;
    }
    if (t == "form") {
      std::size_t form = form_;
      form_ = 0;
      if (form == 0) return;
      bool open = std::any_of(stack_.begin(), stack_.end(), [&](const Open& o) { return o.serial == form; });
      if (!open || !in_scope("form", Scope::normal)) return;
      generate_implied_end_tags();
      if (stack_.back().serial != form) throw GiveUp{};  // removed from the middle of the stack
      // gumbo takes the form out of the stack without flushing its text buffer: the text
      // written last in the form goes to the element that is current at the next flush.
      stack_.pop_back();
      return;
    }
    if (t == "p") {
      if (!in_scope("p", Scope::button)) throw GiveUp{};  // gumbo inserts an empty <p>
      generate_implied_end_tags("p");
      pop_until("p");
      return;
    }
    if (t == "li") {
      if (!in_scope("li", Scope::list)) return;
      generate_implied_end_tags("li");
      pop_until("li");
      return;
    }
    if (t == "dd" || t == "dt") {
      if (!in_scope(t, Scope::normal)) return;
      generate_implied_end_tags(t);
      pop_until(t);
      return;
    }
    if (in(t, kHeadings)) {
      if (!heading_in_scope()) return;
      generate_implied_end_tags();
      while (true) {
        bool heading = stack_.back().ns == Ns::html && in(stack_.back().name, kHeadings);
        pop();
        if (heading) return;
      }
    }
    if (t == "a" || t == "nobr" || in(t, kFormatting)) {
      if (formatting_after_marker(t) || std::any_of(stack_.begin(), stack_.end(), [&](const Open& o) {
            return o.formatting && o.name == t;
          })) {
        if (stack_.back().formatting && stack_.back().name == t) {
          pop(true);
          return;
        }
        throw GiveUp{};  // the adoption agency
      }
      return any_other_end_tag(t);
    }
    if (t == "applet" || t == "marquee" || t == "object") {
      if (!in_scope(t, Scope::table)) return;
      generate_implied_end_tags();
      clear_formatting_to_marker();
      pop_until(t);
      return;
    }
    if (t == "br" || t == "template") throw GiveUp{};
    any_other_end_tag(t);
  }

  void any_other_end_tag(std::string_view t) {
    // gumbo tells elements apart by its tag table: every name it does not know is the same
    // tag to it, so `</b-card>` closes an open `<x-panel>`.
    const bool unknown = gumbo_tagn_enum(t.data(), static_cast<unsigned>(t.size())) == GUMBO_TAG_UNKNOWN;
    for (std::size_t k = stack_.size(); k-- > 0;) {
      const Open& o = stack_[k];
      if (o.ns == Ns::html && (o.name == t || (unknown && o.node->component))) {
        generate_implied_end_tags(t);
        while (stack_.size() > k) pop();
        return;
      }
      if (o.ns != Ns::html || in(o.name, kSpecial)) return;
    }
  }

  void in_table_end(const Tag& tag) {
    const std::string& t = tag.name;
    std::string_view top = current_name();
    if (top == "colgroup") {
      if (t == "colgroup") {
        pop();
        return;
      }
      if (t == "col") return;
      pop();
      return end_tag(tag);
    }
    if (t == "body" || t == "caption" || t == "col" || t == "colgroup" || t == "html" || t == "td" || t == "th")
      return;
    if (top == "tr") {
      if (t == "tr") {
        pop();
        return;
      }
      if (t == "table" || ((t == "tbody" || t == "tfoot" || t == "thead") && in_scope(t, Scope::table))) {
        pop();
        return end_tag(tag);
      }
      if (t == "tbody" || t == "tfoot" || t == "thead") return;
      throw GiveUp{};
    }
    if (top == "tbody" || top == "thead" || top == "tfoot") {
      if (t == top) {
        pop();
        return;
      }
      if (t == "table") {
        pop();
        return end_tag(tag);
      }
      if (t == "tr" || t == "tbody" || t == "tfoot" || t == "thead") {
        if (!in_scope(t, Scope::table)) return;
        throw GiveUp{};
      }
      throw GiveUp{};
    }
    // table
    if (t == "table") {
      pop();
      return;
    }
    if (t == "tbody" || t == "tfoot" || t == "thead" || t == "tr") return;
    throw GiveUp{};
  }

  void in_select_end(const Tag& tag) {
    const std::string& t = tag.name;
    if (t == "optgroup") {
      if (current_is("option") && stack_.size() >= 2 && stack_[stack_.size() - 2].name == "optgroup") pop();
      if (current_is("optgroup")) pop();
      return;
    }
    if (t == "option") {
      if (current_is("option")) pop();
      return;
    }
    if (t == "select") {
      if (!in_scope("select", Scope::select)) return;
      pop_until("select");
      return;
    }
    if (t == "template" || in(t, kTableParts)) throw GiveUp{};
  }

  std::string_view s_;
  const TemplateRanges& ranges_;
  MarkupTree& tree_;
  std::vector<Open> stack_;
  std::vector<MarkupNode*> formatting_;  // the list of active formatting elements; nullptr is a marker
  Phase phase_ = Phase::before_html;
  bool pending_text_ = false;  // non-blank text not yet given to an element
  std::size_t form_ = 0;  // the serial of the form element pointer, 0 when none
  std::size_t serial_ = 0;
};

}  // namespace
}  // namespace html_tree

bool build_html_tree(std::string_view text, const TemplateRanges& ranges,
                     MarkupTree& tree) {
  tree = MarkupTree{};
  try {
    html_tree::Builder(text, ranges, tree).run();
  } catch (const html_tree::GiveUp&) {
    tree = MarkupTree{};
    return false;
  }
  if (!tree.roots.empty() && tree.roots.front().tag == "html") {
    tree.html_attrs = tree.roots.front().attrs;
    tree.html_unknown_attrs = tree.roots.front().unknown_attrs;
  }
  return true;
}

}  // namespace pacte::a11y
