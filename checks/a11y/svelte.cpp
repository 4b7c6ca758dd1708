// Svelte components translated into an HTML skeleton (see skeleton.hpp).
#include <string>

#include "checks/a11y/skeleton.hpp"
#include "checks/base/text.hpp"

namespace pacte::a11y {
namespace {

bool is_svelte_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool is_svelte_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_tag_char(char c) {
  return is_svelte_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '.' || c == '_';
}

// Where the JavaScript expression opened by the '{' at `open` closes (its '}'), skipping strings
// and template literals; the end of the source when it never closes.
std::size_t matching_brace(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\'' || c == '`') {
      ++i;
      while (i < s.size() && s[i] != c) i += s[i] == '\\' ? 2 : 1;
      continue;
    }
    if (c == '{') ++depth;
    else if (c == '}' && --depth == 0) return i;
  }
  return s.size();
}

// The skeleton name of a tag: capitalised names, `svelte:*` and dotted names are components,
// written as custom elements (`<Button>` -> `<c-button>`) so that HTML does not read them as the
// native element of the same name.
std::string skeleton_tag(std::string_view name) {
  bool component = (name[0] >= 'A' && name[0] <= 'Z') || name.find(':') != std::string_view::npos ||
                   name.find('.') != std::string_view::npos;
  if (!component) return std::string(name);
  std::string out = "c-";
  for (char c : ascii_lower(name)) out += (c == ':' || c == '.' || c == '_') ? '-' : c;
  return out;
}

class SvelteTranslator {
 public:
  explicit SvelteTranslator(std::string_view s) : s_(s) {}

  HtmlSkeleton run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      char c = s_[i];
      if (c == '<' && s_.compare(i, 4, "<!--") == 0) {
        auto e = s_.find("-->", i + 4);
        i = e == std::string_view::npos ? s_.size() : e + 3;
        continue;
      }
      if (c == '<' && i + 1 < s_.size() && s_[i + 1] == '/') {
        std::size_t b = i + 2;
        std::size_t e = b;
        while (e < s_.size() && is_tag_char(s_[e])) ++e;
        auto gt = s_.find('>', e);
        if (e > b) out_.append("</" + skeleton_tag(s_.substr(b, e - b)) + ">");
        i = gt == std::string_view::npos ? s_.size() : gt + 1;
        continue;
      }
      if (c == '<' && i + 1 < s_.size() && is_svelte_alpha(s_[i + 1])) {
        i = element(i);
        continue;
      }
      if (c == '{') {
        std::size_t e = matching_brace(s_, i);
        std::string_view inner = s_.substr(i + 1, e > i ? e - i - 1 : 0);
        std::size_t k = 0;
        while (k < inner.size() && is_svelte_blank(inner[k])) ++k;
        char first = k < inner.size() ? inner[k] : '\0';
        bool writes = !(first == '#' || first == ':' || first == '/' || inner.substr(k).starts_with("@const") ||
                        inner.substr(k).starts_with("@debug"));
        if (writes) out_.append(kOpaque);
        else out_.append(" ");
        i = e + 1;
        continue;
      }
      std::size_t e = i + 1;
      while (e < s_.size() && s_[e] != '<' && s_[e] != '{') ++e;
      out_.append(s_.substr(i, e - i));
      i = e;
    }
    return std::move(out_);
  }

 private:
  // Translates the element whose '<' is at `lt`; returns the position after its opening tag
  // (after its closing tag for `<script>` and `<style>`).
  std::size_t element(std::size_t lt) {
    std::size_t p = lt + 1;
    while (p < s_.size() && is_tag_char(s_[p])) ++p;
    std::string_view name = s_.substr(lt + 1, p - lt - 1);
    std::string lower = ascii_lower(name);
    std::string attrs;
    bool self_closing = false;
    while (p < s_.size()) {
      char c = s_[p];
      if (is_svelte_blank(c)) {
        ++p;
        continue;
      }
      if (c == '>') {
        ++p;
        break;
      }
      if (c == '/' && p + 1 < s_.size() && s_[p + 1] == '>') {
        self_closing = true;
        p += 2;
        break;
      }
      if (c == '{') {
        std::size_t e = matching_brace(s_, p);
        std::string_view inner = s_.substr(p + 1, e > p ? e - p - 1 : 0);
        std::size_t k = inner.find_first_not_of(" \t\r\n");
        inner = k == std::string_view::npos ? std::string_view() : inner.substr(k);
        bool shorthand = !inner.empty() && !inner.starts_with("...");
        for (char ch : inner) {
          if (!(is_tag_char(ch) || ch == ' ')) shorthand = false;
        }
        if (shorthand) {
          std::size_t end = inner.find_first_of(" \t\r\n");
          attrs += ' ' + std::string(inner.substr(0, end)) + "=\"" + std::string(kOpaque) + "\"";
        } else {
          attrs += ' ';
          attrs += kOpaque;  // a spread: attributes a static reading cannot see
        }
        p = e + 1;
        continue;
      }
      std::size_t b = p;
      while (p < s_.size() && !is_svelte_blank(s_[p]) && s_[p] != '=' && s_[p] != '>' &&
             !(s_[p] == '/' && p + 1 < s_.size() && s_[p + 1] == '>') && s_[p] != '{' && s_[p] != '"' && s_[p] != '\'')
        ++p;
      if (p == b) {
        ++p;  // a stray quote
        continue;
      }
      attrs += ' ';
      attrs += s_.substr(b, p - b);
      if (p >= s_.size() || s_[p] != '=') continue;
      ++p;
      attrs += "=\"";
      if (p < s_.size() && (s_[p] == '"' || s_[p] == '\'')) {
        char q = s_[p];
        std::size_t v = p + 1;
        std::string value;
        while (v < s_.size() && s_[v] != q) {
          if (s_[v] == '{') {
            std::size_t e = matching_brace(s_, v);
            value += kOpaque;
            v = e + 1;
            continue;
          }
          value += s_[v];
          ++v;
        }
        attrs += value.find(kOpaque) != std::string::npos ? value : html_attribute_escape(value);
        p = v + 1;
      } else if (p < s_.size() && s_[p] == '{') {
        attrs += kOpaque;
        p = matching_brace(s_, p) + 1;
      } else {
        std::size_t b2 = p;
        while (p < s_.size() && !is_svelte_blank(s_[p]) && s_[p] != '>') ++p;
        attrs += html_attribute_escape(s_.substr(b2, p - b2));
      }
      attrs += '"';
    }
    p = std::min(p, s_.size());
    if (lower == "script" || lower == "style") {
      if (self_closing) return p;
      auto close = ascii_lower(s_.substr(p)).find("</" + lower);
      if (close == std::string::npos) return s_.size();
      auto gt = s_.find('>', p + close);
      return gt == std::string_view::npos ? s_.size() : gt + 1;
    }
    std::string tag = skeleton_tag(name);
    out_.open("<" + tag + attrs + ">", lt, p);
    if (self_closing && !is_void_element(tag)) out_.append("</" + tag + ">");
    return p;
  }

  std::string_view s_;
  HtmlSkeleton out_;
};

}  // namespace

HtmlSkeleton svelte_to_html(std::string_view source) { return SvelteTranslator(source).run(); }

}  // namespace pacte::a11y
