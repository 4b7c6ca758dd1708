#include "checks/a11y/markup.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "checks/base/text.hpp"

namespace pacte::a11y {
namespace {

using Ranges = TemplateRanges;

constexpr int kMaxDepth = 400;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }  // isalpha in the C locale
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident(char c) { return is_alpha(c) || is_digit(c) || c == '_' || c == '$'; }

// Native HTML, SVG and MathML element names that gumbo's tag table lacks.
constexpr std::array<std::string_view, 24> kNativeExtra = {
    "slot", "dialog", "picture", "search", "path", "g", "circle", "rect", "use", "line",
    "polyline", "polygon", "ellipse", "defs", "symbol", "text", "tspan", "lineargradient",
    "radialgradient", "stop", "clippath", "mask", "pattern", "image"};

// Whether a lower-case tag written in JSX or a Vue template is a native element. Any other
// name (`<avatar>`, registered in `components:` or imported, or a global component) is a
// component whose rendering a static reading cannot see.
bool is_native_tag(std::string_view name) {
  std::string lower = ascii_lower(name);
  if (gumbo_tagn_enum(lower.data(), static_cast<unsigned>(lower.size())) != GUMBO_TAG_UNKNOWN)
    return true;
  return std::find(kNativeExtra.begin(), kNativeExtra.end(), lower) != kNativeExtra.end();
}

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c); }

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_space(c); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Canonical attribute name; `dynamic` is set for binding syntaxes, `spread` for attribute
// objects (`v-bind="obj"`) whose keys are unknown.
std::string canonical_name(std::string_view raw, bool jsx, bool& dynamic, bool& spread) {
  std::string name = ascii_lower(raw);
  dynamic = false;
  spread = false;
  if (name == "v-bind" || name.rfind("v-bind.", 0) == 0 || name == "x-bind") {
    spread = true;
    return name;
  }
  for (std::string_view prefix : {"v-bind:", "x-bind:", ":"}) {
    if (name.size() > prefix.size() && name.rfind(prefix, 0) == 0) {
      name.erase(0, prefix.size());
      dynamic = true;
      break;
    }
  }
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
    if (name.rfind("attr.", 0) == 0) name.erase(0, 5);
    dynamic = true;
  }
  if (dynamic) {
    // Vue modifiers (`:alt.prop`) and Angular units (`[style.width.px]`) follow a dot.
    auto dot = name.find('.');
    if (dot != std::string::npos) name.erase(dot);
  }
  if (jsx) {
    if (name == "htmlfor") return "for";
    if (name == "classname") return "class";
    if (name == "httpequiv") return "http-equiv";
  }
  return name;
}

// Whether the text holds a build-time placeholder such as Vite's `%VITE_HEAD%` or
// `%PUBLIC_TITLE%` (a percent sign, an upper-case name, a percent sign), or SvelteKit's
// `%sveltekit.head%`: the build replaces it, possibly with the page's <title>.
bool has_build_placeholder(std::string_view text) {
  if (text.find("%sveltekit.head%") != std::string_view::npos) return true;
  for (std::size_t i = text.find('%'); i != std::string_view::npos; i = text.find('%', i + 1)) {
    std::size_t j = i + 1;
    if (j >= text.size() || text[j] < 'A' || text[j] > 'Z') continue;
    while (j < text.size() && ((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= '0' && text[j] <= '9') || text[j] == '_'))
      ++j;
    if (j < text.size() && text[j] == '%') return true;
  }
  return false;
}

const MarkupNode* find_tag(const std::vector<MarkupNode>& nodes, std::string_view tag) {
  for (const auto& n : nodes) {
    if (!n.component && n.tag == tag) return &n;
    if (const auto* found = find_tag(n.children, tag)) return found;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// gumbo

// The memory of one gumbo parse. gumbo allocates a block for every node, attribute, text and
// vector growth and frees each one apart, which made malloc and free a sixth of an audit's time
// on template-heavy trees; here blocks come out of a few large chunks, dropped all at once when
// the parse's tree has been converted. One arena per thread, reused from page to page.
class GumboArena {
 public:
  static void* allocate(void* self, std::size_t size) {
    return static_cast<GumboArena*>(self)->take(size);
  }
  static void deallocate(void* /*self*/, void* /*block*/) {}

  /// Makes every block free again; keeps the chunks unless a large page left many behind.
  void reset() {
    std::size_t kept = 0;
    std::size_t keep = 0;
    while (keep < chunks_.size() && (keep == 0 || kept + chunks_[keep].size <= kKeptBytes))
      kept += chunks_[keep++].size;
    chunks_.resize(keep);
    current_ = 0;
    used_ = 0;
  }

 private:
  struct Chunk {
    std::unique_ptr<std::byte[]> bytes;
    std::size_t size = 0;
  };
  static constexpr std::size_t kAlign = alignof(std::max_align_t);
  static constexpr std::size_t kChunkBytes = 256 * 1024;
  static constexpr std::size_t kKeptBytes = 4 * 1024 * 1024;

  void* take(std::size_t size) {
    size = (std::max<std::size_t>(size, 1) + kAlign - 1) / kAlign * kAlign;
    while (current_ < chunks_.size() && used_ + size > chunks_[current_].size) {
      ++current_;
      used_ = 0;
    }
    if (current_ == chunks_.size()) {
      std::size_t bytes = std::max(size, kChunkBytes);
      chunks_.push_back({std::make_unique_for_overwrite<std::byte[]>(bytes), bytes});
      used_ = 0;
    }
    void* block = chunks_[current_].bytes.get() + used_;
    used_ += size;
    return block;
  }

  std::vector<Chunk> chunks_;
  std::size_t current_ = 0;  // the chunk blocks come from
  std::size_t used_ = 0;     // bytes handed out from it
};

struct GumboConverter {
  const Ranges& ranges;
  MarkupTree& tree;

  void element(const GumboNode* g, std::vector<MarkupNode>& out, int depth) {
    const GumboElement& el = g->v.element;
    MarkupNode node;
    if (el.tag == GUMBO_TAG_UNKNOWN) {
      GumboStringPiece piece = el.original_tag;
      if (piece.length > 0) gumbo_tag_from_original_text(&piece);
      node.tag = ascii_lower(std::string_view(piece.data ? piece.data : "", piece.length));
      node.component = true;
    } else {
      node.tag = gumbo_normalized_tagname(el.tag);
    }
    node.offset = el.start_pos.offset;
    node.tag_end = node.offset + el.original_tag.length;
    for (unsigned i = 0; i < el.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
      if (in_template_tag(ranges, a->name_start.offset)) {
        node.unknown_attrs = true;
        continue;
      }
      // An attribute written without a value has gumbo's original_value set to its name, and
      // value_start/value_end left unset: only a written value can be dynamic.
      bool has_value = a->original_value.data != a->original_name.data;
      bool dynamic = has_value && a->original_value.length > 0 &&
                     overlaps_template_tag(ranges, a->value_start.offset, a->value_end.offset);
      add_markup_attr(node, std::string_view(a->original_name.data, a->original_name.length),
               a->value ? a->value : "", dynamic, false);
    }
    bool html_title = el.tag == GUMBO_TAG_TITLE && el.tag_namespace == GUMBO_NAMESPACE_HTML;
    std::string title_text;
    if (depth >= kMaxDepth) {
      node.has_text = true;  // too deep to look into: assume it has content
    } else {
      for (unsigned i = 0; i < el.children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(el.children.data[i]);
        switch (child->type) {
          case GUMBO_NODE_ELEMENT:
          case GUMBO_NODE_TEMPLATE:
            element(child, node.children, depth + 1);
            break;
          case GUMBO_NODE_TEXT:
          case GUMBO_NODE_CDATA:
            node.has_text = node.has_text || !blank(child->v.text.text);
            title_text += child->v.text.text;
            break;
          default:
            break;
        }
      }
    }
    if (html_title) {
      if (!tree.has_title) tree.title_offset = node.offset;
      tree.has_title = true;
      if (!blank(title_text)) tree.title_empty = false;
    }
    if (el.tag == GUMBO_TAG_HTML && tree.html_attrs.empty()) {
      tree.html_attrs = node.attrs;
      tree.html_unknown_attrs = node.unknown_attrs;
    }
    out.push_back(std::move(node));
  }
};

// Finds an explicit `<html` start tag outside comments.
bool find_html_tag(std::string_view s, std::size_t& where) {
  for (std::size_t i = 0; i + 5 < s.size(); ++i) {
    if (s[i] != '<') continue;
    if (s.compare(i, 4, "<!--") == 0) {
      auto end = s.find("-->", i + 4);
      if (end == std::string_view::npos) return false;
      i = end + 2;
      continue;
    }
    if (ascii_lower(s.substr(i + 1, 4)) == "html") {
      char c = i + 5 < s.size() ? s[i + 5] : '>';
      if (is_space(c) || c == '>' || c == '/') {
        where = i;
        return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// JSX and Vue

const std::vector<std::string_view> kExpressionKeywords = {
    "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void",
    "throw", "yield", "await", "default", "instanceof"};

const std::vector<std::string_view> kVoidElements = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "param", "source", "track", "wbr"};

class TagParser {
 public:
  TagParser(std::string_view s, bool vue) : s_(s), vue_(vue) {}

  bool found() const { return found_; }
  bool exhausted() const { return work_ > budget_; }

  // Scans JavaScript from `pos` until `closer` (or the end when 0), collecting the JSX elements
  // met on the way into `out`. Returns the position after the closer.
  std::size_t scan_js(std::size_t pos, char closer, std::vector<MarkupNode>& out, int depth) {
    std::size_t i = pos;
    const std::size_t n = s_.size();
    int nest = 0;
    char prev = 0;  // last significant character; 'a' for a value, '=' after a keyword
    if (depth > kMaxDepth) return n;
    while (i < n && tick()) {
      char c = s_[i];
      if (is_space(c)) {
        ++i;
        continue;
      }
      if (c == '/' && i + 1 < n && s_[i + 1] == '/') {
        auto e = s_.find('\n', i);
        i = e == std::string_view::npos ? n : e;
        continue;
      }
      if (c == '/' && i + 1 < n && s_[i + 1] == '*') {
        auto e = s_.find("*/", i + 2);
        i = e == std::string_view::npos ? n : e + 2;
        continue;
      }
      if (c == '\'' || c == '"') {
        i = skip_string(i);
        prev = 'a';
        continue;
      }
      if (c == '`') {
        i = skip_template_literal(i, out, depth);
        prev = 'a';
        continue;
      }
      if (c == '/') {
        if (regex_allowed(prev)) {
          i = skip_regex(i);
          prev = 'a';
        } else {
          prev = '/';
          ++i;
        }
        continue;
      }
      if (c == '<' && jsx_allowed(prev) && i + 1 < n && (is_alpha(s_[i + 1]) || s_[i + 1] == '>')) {
        std::size_t p = i;
        MarkupNode node;
        if (parse_element(p, node, depth + 1)) {
          found_ = true;
          if (node.tag.empty()) {
            for (auto& child : node.children) out.push_back(std::move(child));
          } else {
            out.push_back(std::move(node));
          }
          i = p;
          prev = 'a';
          continue;
        }
        prev = '<';
        ++i;
        continue;
      }
      if (is_alpha(c) || c == '_' || c == '$') {
        std::size_t b = i;
        while (i < n && is_ident(s_[i])) ++i;
        std::string_view word = s_.substr(b, i - b);
        bool keyword = std::find(kExpressionKeywords.begin(), kExpressionKeywords.end(), word) !=
                       kExpressionKeywords.end();
        prev = keyword ? '=' : 'a';
        continue;
      }
      if (is_digit(c)) {
        while (i < n && (is_ident(s_[i]) || s_[i] == '.')) ++i;
        prev = 'a';
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        ++nest;
      } else if (c == ')' || c == ']' || c == '}') {
        if (nest == 0 && closer != 0) return i + 1;
        if (nest > 0) --nest;
      }
      prev = c;
      ++i;
    }
    return n;
  }

  // Parses the element starting at `pos` ('<'). On success `pos` is past its end. A fragment
  // (`<>...</>`) yields a node with an empty tag whose children are the fragment's content.
  bool parse_element(std::size_t& pos, MarkupNode& node, int depth) {
    const std::size_t n = s_.size();
    if (depth > kMaxDepth) return false;
    std::size_t i = pos + 1;
    node.offset = pos;
    std::string name;
    if (i < n && s_[i] == '>' && !vue_) {
      node.tag_end = i + 1;
      i += 1;
      if (!parse_children(i, node, "", depth)) return false;
      pos = i;
      return true;
    }
    while (i < n && (is_ident(s_[i]) || s_[i] == '-' || s_[i] == '.' || s_[i] == ':')) ++i;
    name = std::string(s_.substr(pos + 1, i - pos - 1));
    if (name.empty() || !is_alpha(name[0])) return false;
    bool upper = std::isupper(static_cast<unsigned char>(name[0])) != 0;
    node.component = upper || name.find('.') != std::string::npos ||
                     name.find('-') != std::string::npos || !is_native_tag(name);
    node.tag = node.component ? name : ascii_lower(name);
    // Attributes.
    bool self_closing = false;
    for (;;) {
      if (!tick()) return false;
      while (i < n && is_space(s_[i])) ++i;
      if (!vue_ && i + 1 < n && s_[i] == '/' && (s_[i + 1] == '/' || s_[i + 1] == '*')) {
        if (s_[i + 1] == '/') {
          auto e = s_.find('\n', i);
          i = e == std::string_view::npos ? n : e;
        } else {
          auto e = s_.find("*/", i + 2);
          i = e == std::string_view::npos ? n : e + 2;
        }
        continue;
      }
      if (i >= n) {
        if (!vue_) return false;
        node.tag_end = n;
        pos = n;
        return true;
      }
      if (s_[i] == '/' && i + 1 < n && s_[i + 1] == '>') {
        self_closing = true;
        i += 2;
        break;
      }
      if (s_[i] == '>') {
        ++i;
        break;
      }
      if (!vue_ && s_[i] == '{') {
        std::vector<MarkupNode> ignored;
        i = scan_js(i + 1, '}', ignored, depth + 1);
        node.unknown_attrs = true;
        continue;
      }
      std::size_t b = i;
      while (i < n && !is_space(s_[i]) && s_[i] != '=' && s_[i] != '>' && s_[i] != '"' &&
             s_[i] != '\'' && s_[i] != '<' && !(s_[i] == '/' && i + 1 < n && s_[i + 1] == '>') &&
             (vue_ || s_[i] != '{')) {
        ++i;
      }
      if (i == b) {
        if (!vue_) return false;
        ++i;  // a stray quote or '<': skip it
        continue;
      }
      std::string_view attr_name = s_.substr(b, i - b);
      std::size_t j = i;
      while (j < n && is_space(s_[j])) ++j;
      if (j >= n || s_[j] != '=') {
        add_markup_attr(node, attr_name, "", false, !vue_);
        continue;
      }
      ++j;
      while (j < n && is_space(s_[j])) ++j;
      if (j >= n) continue;
      if (s_[j] == '"' || s_[j] == '\'') {
        auto e = s_.find(s_[j], j + 1);
        if (e == std::string_view::npos) {
          if (!vue_) return false;
          e = n;
        }
        add_markup_attr(node, attr_name, std::string(s_.substr(j + 1, e - j - 1)), false, !vue_);
        i = e == n ? n : e + 1;
      } else if (!vue_ && s_[j] == '{') {
        std::vector<MarkupNode> ignored;
        std::size_t e = scan_js(j + 1, '}', ignored, depth + 1);
        std::string_view expr = trim(s_.substr(j + 1, e > j + 1 ? e - j - 2 : 0));
        std::string value;
        bool dynamic = !static_value(expr, value);
        add_markup_attr(node, attr_name, dynamic ? std::string(expr) : value, dynamic, true);
        i = e;
      } else if (!vue_ && s_[j] == '<') {
        MarkupNode inner;
        std::size_t p = j;
        if (!parse_element(p, inner, depth + 1)) return false;
        add_markup_attr(node, attr_name, "", true, true);
        i = p;
      } else {
        std::size_t e = j;
        while (e < n && !is_space(s_[e]) && s_[e] != '>') ++e;
        add_markup_attr(node, attr_name, std::string(s_.substr(j, e - j)), false, !vue_);
        i = e;
      }
    }
    node.tag_end = i;
    bool is_void = vue_ && !node.component &&
                   std::find(kVoidElements.begin(), kVoidElements.end(), node.tag) !=
                       kVoidElements.end();
    if (!self_closing && !is_void) {
      if (!parse_children(i, node, name, depth)) return false;
    }
    pos = i;
    return true;
  }

 private:
  bool parse_children(std::size_t& i, MarkupNode& node, const std::string& name, int depth) {
    const std::size_t n = s_.size();
    open_.push_back(name);
    struct Pop {
      std::vector<std::string>& v;
      ~Pop() { v.pop_back(); }
    } pop{open_};
    while (i < n && tick()) {
      char c = s_[i];
      if (c == '<' && i + 1 < n && s_[i + 1] == '/') {
        auto e = s_.find('>', i + 2);
        if (e == std::string_view::npos) return vue_;
        std::string_view close = trim(s_.substr(i + 2, e - i - 2));
        if (vue_ ? ascii_lower(close) == ascii_lower(name) : close == name) {
          i = e + 1;
          return true;
        }
        if (!vue_) return false;
        for (const auto& open : open_) {
          if (ascii_lower(open) == ascii_lower(close)) return true;  // closes an ancestor
        }
        i = e + 1;  // a stray closing tag
        continue;
      }
      if (c == '<' && vue_ && s_.compare(i, 4, "<!--") == 0) {
        auto e = s_.find("-->", i + 4);
        i = e == std::string_view::npos ? n : e + 3;
        continue;
      }
      if (c == '<' && i + 1 < n && (is_alpha(s_[i + 1]) || (!vue_ && s_[i + 1] == '>'))) {
        std::size_t p = i;
        MarkupNode child;
        if (parse_element(p, child, depth + 1)) {
          if (child.tag.empty()) {
            node.has_text = node.has_text || child.has_text;
            for (auto& grandchild : child.children) node.children.push_back(std::move(grandchild));
          } else {
            node.children.push_back(std::move(child));
          }
          i = p;
          continue;
        }
        if (!vue_) return false;
        node.has_text = true;
        ++i;
        continue;
      }
      if (!vue_ && c == '{') {
        std::vector<MarkupNode> inner;
        std::size_t e = scan_js(i + 1, '}', inner, depth + 1);
        std::string_view expr = s_.substr(i + 1, e > i + 1 ? e - i - 2 : 0);
        if (!only_comments(expr)) node.has_text = true;
        for (auto& child : inner) node.children.push_back(std::move(child));
        i = e;
        continue;
      }
      if (vue_ && c == '{' && i + 1 < n && s_[i + 1] == '{') {
        auto e = s_.find("}}", i + 2);
        i = e == std::string_view::npos ? n : e + 2;
        node.has_text = true;
        continue;
      }
      if (!is_space(c)) node.has_text = true;
      ++i;
    }
    return vue_;
  }

  static bool only_comments(std::string_view expr) {
    expr = trim(expr);
    while (!expr.empty()) {
      if (expr.substr(0, 2) == "/*") {
        auto e = expr.find("*/");
        if (e == std::string_view::npos) return true;
        expr = trim(expr.substr(e + 2));
      } else if (expr.substr(0, 2) == "//") {
        auto e = expr.find('\n');
        if (e == std::string_view::npos) return true;
        expr = trim(expr.substr(e + 1));
      } else {
        return false;
      }
    }
    return true;
  }

  // A JSX attribute expression that is a literal: `{"x"}`, `{'x'}`, `{`x`}`, `{3}`, `{-1}`.
  static bool static_value(std::string_view expr, std::string& value) {
    if (expr.size() >= 2 && (expr.front() == '"' || expr.front() == '\'' || expr.front() == '`') &&
        expr.back() == expr.front()) {
      std::string_view inner = expr.substr(1, expr.size() - 2);
      if (inner.find(expr.front()) != std::string_view::npos || inner.find('\\') != std::string_view::npos)
        return false;
      if (expr.front() == '`' && inner.find("${") != std::string_view::npos) return false;
      value = std::string(inner);
      return true;
    }
    std::string_view digits = expr;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    if (!digits.empty() && std::all_of(digits.begin(), digits.end(), is_digit)) {
      value = std::string(expr);
      return true;
    }
    if (expr == "true" || expr == "false") {
      value = std::string(expr);
      return true;
    }
    return false;
  }

  std::size_t skip_string(std::size_t i) const {
    char q = s_[i++];
    while (i < s_.size()) {
      if (s_[i] == '\\') {
        i += 2;
        continue;
      }
      if (s_[i] == q) return i + 1;
      if (s_[i] == '\n') return i;  // unterminated: stop at the end of the line
      ++i;
    }
    return s_.size();
  }

  std::size_t skip_template_literal(std::size_t i, std::vector<MarkupNode>& out, int depth) {
    ++i;
    while (i < s_.size()) {
      if (s_[i] == '\\') {
        i += 2;
        continue;
      }
      if (s_[i] == '`') return i + 1;
      if (s_[i] == '$' && i + 1 < s_.size() && s_[i + 1] == '{') {
        i = scan_js(i + 2, '}', out, depth + 1);
        continue;
      }
      ++i;
    }
    return s_.size();
  }

  std::size_t skip_regex(std::size_t i) const {
    ++i;
    bool in_class = false;
    while (i < s_.size()) {
      char c = s_[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\n') return i;
      if (c == '[') in_class = true;
      if (c == ']') in_class = false;
      if (c == '/' && !in_class) {
        ++i;
        while (i < s_.size() && is_alpha(s_[i])) ++i;
        return i;
      }
      ++i;
    }
    return s_.size();
  }

  static bool regex_allowed(char prev) {
    return prev == 0 || std::string_view("(,=:[!&|?{};+-*%<>~^").find(prev) != std::string_view::npos;
  }
  static bool jsx_allowed(char prev) {
    return prev == 0 || std::string_view("(,=:?[{&|!>").find(prev) != std::string_view::npos;
  }

  // Bounds the work on pathological input (many unclosed '<' in expression position): past
  // the budget every loop stops and the caller discards the tree.
  bool tick() { return ++work_ <= budget_; }

  std::string_view s_;
  bool vue_;
  bool found_ = false;
  std::vector<std::string> open_;
  std::size_t work_ = 0;
  std::size_t budget_ = 64 * s_.size() + 100000;
};

void fill_html_facts(MarkupTree& tree) {
  if (const MarkupNode* html = find_tag(tree.roots, "html")) {
    tree.html_tag = true;
    tree.html_offset = html->offset;
    tree.html_attrs = html->attrs;
    tree.html_unknown_attrs = html->unknown_attrs;
  }
}

}  // namespace

bool overlaps_template_tag(const TemplateRanges& ranges, std::size_t begin, std::size_t end) {
  for (const auto& [b, e] : ranges) {
    if (b < end && begin < e) return true;
    if (b == begin && begin == end) return true;
  }
  return false;
}

bool in_template_tag(const TemplateRanges& ranges, std::size_t offset) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const auto& r) { return r.first <= offset && offset < r.second; });
}

void add_markup_attr(MarkupNode& node, std::string_view raw_name, std::string value, bool dynamic, bool jsx) {
  bool bound = false;
  bool spread = false;
  std::string name = canonical_name(raw_name, jsx, bound, spread);
  if (spread) {
    node.unknown_attrs = true;
    return;
  }
  node.attrs.push_back({std::move(name), std::move(value), dynamic || bound});
}

const MarkupAttr* MarkupNode::attr(std::string_view name) const {
  for (const auto& a : attrs) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

Ranges neutralise_template_tags(std::string& text) {
  struct Delimiter {
    std::string_view open;
    std::string_view close;
    bool comment;
    bool to_end;  // unterminated runs to the end of the file (PHP)
  };
  static const Delimiter kDelimiters[] = {
      {"{{!--", "--}}", true, false}, {"{{!", "}}", true, false}, {"{#", "#}", true, false},
      {"<%#", "%>", true, false},     {"<%--", "--%>", true, false}, {"{{", "}}", false, false},
      {"{%", "%}", false, false},     {"<%", "%>", false, false},  {"<?php", "?>", false, true},
      {"<?=", "?>", false, false},
  };
  Ranges ranges;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c != '{' && c != '<') {
      ++i;
      continue;
    }
    const Delimiter* hit = nullptr;
    for (const auto& d : kDelimiters) {
      if (text.compare(i, d.open.size(), d.open) == 0) {
        hit = &d;
        break;
      }
    }
    if (!hit) {
      ++i;
      continue;
    }
    std::size_t end = text.find(hit->close, i + hit->open.size());
    if (end == std::string::npos) {
      if (!hit->to_end) {
        i += hit->open.size();
        continue;
      }
      end = text.size();
    } else {
      end += hit->close.size();
    }
    for (std::size_t k = i; k < end; ++k) {
      if (text[k] != '\n' && text[k] != '\r') text[k] = hit->comment ? ' ' : '_';
    }
    ranges.emplace_back(i, end);
    i = end;
  }
  return ranges;
}

MarkupPresence::MarkupPresence(std::vector<std::string> tags, std::vector<std::string> words)
    : tags_(std::move(tags)), words_(std::move(words)) {
  for (const auto& t : tags_) {
    if (t.empty() || t.size() > 31) throw std::invalid_argument("MarkupPresence: tag name of 1 to 31 bytes");
    longest_tag_ = std::max(longest_tag_, t.size());
  }
}

bool MarkupPresence::found_in(std::string_view source) const {
  const char* p = source.data();
  const char* const end = p + source.size();
  if (!tags_.empty()) {
    while ((p = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(end - p))))) {
      ++p;
      char name[32];
      std::size_t len = 0;
      while (p + len < end && len <= longest_tag_ && is_ascii_alnum(p[len])) {
        name[len] = fold(p[len]);
        ++len;
      }
      if (len == 0 || len > longest_tag_) continue;
      std::string_view written(name, len);
      for (const auto& tag : tags_) {
        if (tag == written) return true;
      }
    }
  }
  for (const auto& word : words_) {
    if (find_ascii_folded(source, word) != std::string_view::npos) return true;
  }
  return false;
}

namespace {

// The facts parse_html reads from the source itself rather than from the tree.
void fill_source_facts(MarkupTree& tree, const std::string& buffer, const Ranges& ranges) {
  tree.html_tag = find_html_tag(buffer, tree.html_offset);
  if (!tree.html_tag) tree.html_attrs.clear();
  std::size_t body = find_ascii_folded(buffer, "<body");
  if (body == std::string::npos) body = buffer.size();
  tree.head_has_template = (!ranges.empty() && ranges.front().first < body) ||
                           has_build_placeholder(std::string_view(buffer).substr(0, body));
}

MarkupTree gumbo_tree(const std::string& buffer, const Ranges& ranges) {
  MarkupTree tree;
  thread_local GumboArena arena;
  struct ResetArena {
    ~ResetArena() { arena.reset(); }
  } reset_arena;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  options.allocator = &GumboArena::allocate;
  options.deallocator = &GumboArena::deallocate;
  options.userdata = &arena;
  GumboOutput* output = gumbo_parse_with_options(&options, buffer.data(), buffer.size());
  if (!output) return tree;
  GumboConverter converter{ranges, tree};
  const GumboNode* document = output->document;
  for (unsigned i = 0; i < document->v.document.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(document->v.document.children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE)
      converter.element(child, tree.roots, 0);
  }
  gumbo_destroy_output(&options, output);
  return tree;
}

}  // namespace

MarkupTree parse_html(std::string_view source) {
  std::string buffer(source);
  Ranges ranges = neutralise_template_tags(buffer);
  MarkupTree tree;
  if (!build_html_tree(buffer, ranges, tree)) tree = gumbo_tree(buffer, ranges);
  fill_source_facts(tree, buffer, ranges);
  return tree;
}

MarkupTree parse_html_with_gumbo(std::string_view source) {
  std::string buffer(source);
  Ranges ranges = neutralise_template_tags(buffer);
  MarkupTree tree = gumbo_tree(buffer, ranges);
  fill_source_facts(tree, buffer, ranges);
  return tree;
}

MarkupTree parse_jsx(std::string_view source, bool* found) {
  MarkupTree tree;
  TagParser parser(source, false);
  parser.scan_js(0, 0, tree.roots, 0);
  if (parser.exhausted()) tree.roots.clear();
  if (found) *found = parser.found() && !parser.exhausted();
  fill_html_facts(tree);
  return tree;
}

MarkupTree parse_vue(std::string_view source) {
  MarkupTree tree;
  std::size_t i = 0;
  while (i < source.size()) {
    if (source.compare(i, 4, "<!--") == 0) {
      auto e = source.find("-->", i + 4);
      if (e == std::string_view::npos) return tree;
      i = e + 3;
      continue;
    }
    if (source.compare(i, 9, "<template") == 0 && i + 9 < source.size() &&
        (is_space(source[i + 9]) || source[i + 9] == '>')) {
      break;
    }
    ++i;
  }
  if (i >= source.size()) return tree;
  TagParser parser(source, true);
  MarkupNode block;
  std::size_t pos = i;
  if (!parser.parse_element(pos, block, 0) || parser.exhausted()) return tree;
  if (const MarkupAttr* lang = block.attr("lang"); lang && ascii_lower(lang->value) != "html")
    return tree;  // pug and other preprocessors are not read
  tree.roots = std::move(block.children);
  fill_html_facts(tree);
  return tree;
}

}  // namespace pacte::a11y
