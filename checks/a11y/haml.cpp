// HAML templates translated into an HTML skeleton (see skeleton.hpp).
#include <string>
#include <vector>

#include "checks/a11y/skeleton.hpp"

namespace pacte::a11y {
namespace {

bool is_haml_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == ':';
}

// HTML-style attributes `(alt="x" src=@path disabled)`, given without their parentheses.
std::string html_style_attributes(std::string_view list) {
  std::string out;
  std::size_t i = 0;
  while (i < list.size()) {
    char c = list[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < list.size() && list[i] != '=' && list[i] != ' ' && list[i] != '\t' && list[i] != '\n') ++i;
    std::string_view name = list.substr(b, i - b);
    if (name.empty()) {
      ++i;
      continue;
    }
    out += ' ';
    out += name;
    if (i >= list.size() || list[i] != '=') continue;
    ++i;
    if (i < list.size() && (list[i] == '"' || list[i] == '\'')) {
      char q = list[i];
      std::size_t e = list.find(q, i + 1);
      if (e == std::string_view::npos) e = list.size();
      std::string_view value = list.substr(i + 1, e - i - 1);
      out += "=\"";
      out += q == '"' && value.find("#{") != std::string_view::npos ? std::string(kOpaque)
                                                                     : html_attribute_escape(value);
      out += '"';
      i = e + 1;
    } else {
      while (i < list.size() && list[i] != ' ' && list[i] != '\t' && list[i] != '\n') ++i;
      out += "=\"";
      out += kOpaque;
      out += '"';
    }
  }
  return out;
}

class HamlTranslator : public IndentedTranslator<HamlTranslator> {
 public:
  explicit HamlTranslator(std::string_view s) : IndentedTranslator(s) {}

 private:
  friend class IndentedTranslator<HamlTranslator>;

  // Translates the line whose content starts at `begin`; returns where the next line starts.
  std::size_t line(std::size_t begin, std::size_t end, std::size_t indent) {
    std::string_view content = s_.substr(begin, end - begin);
    char c = content[0];
    char c1 = content.size() > 1 ? content[1] : '\0';
    if (c == '/' || (c == '-' && c1 == '#')) return skip_block(s_, end + 1, indent);
    if (c == ':' && c1 >= 'a' && c1 <= 'z') {
      // A filter: `:javascript`, `:css` are not markup; `:plain`, `:markdown` write text.
      if (content.starts_with(":plain") || content.starts_with(":markdown")) out_.append(kOpaque);
      return skip_block(s_, end + 1, indent);
    }
    if (content.starts_with("!!!")) {
      out_.append("<!DOCTYPE html>");
      return end + 1;
    }
    if (c == '-') {
      std::string code(content.substr(1));
      return ruby_continuation(s_, end, code, false) + 1;
    }
    std::size_t marker = c == '=' || c == '~' ? 1 : ((c == '!' || c == '&') && c1 == '=') ? 2 : 0;
    if (marker > 0) {
      std::string code(content.substr(marker));
      end = ruby_continuation(s_, end, code, false);
      output(code, begin, end, indent);
      return end + 1;
    }
    if (c == '%' || ((c == '.' || c == '#') && is_haml_name_char(c1) && c1 != ':')) return element(begin, indent);
    if (c == '\\') content.remove_prefix(1);
    text(content, begin, end);
    return end + 1;
  }

  std::size_t element(std::size_t begin, std::size_t indent) {
    std::size_t p = begin;
    std::string tag = "div";
    auto name_at = [&](std::size_t from) {
      std::size_t e = from;
      while (e < s_.size() && is_haml_name_char(s_[e])) ++e;
      return e;
    };
    if (s_[p] == '%') {
      std::size_t e = name_at(p + 1);
      tag = std::string(s_.substr(p + 1, e - p - 1));
      p = e;
    }
    std::string id;
    std::string classes;
    while (p < s_.size() && (s_[p] == '.' || s_[p] == '#') && p + 1 < s_.size() && is_haml_name_char(s_[p + 1])) {
      std::size_t e = name_at(p + 1);
      std::string_view name = s_.substr(p + 1, e - p - 1);
      if (s_[p] == '#') {
        id = std::string(name);
      } else {
        if (!classes.empty()) classes += ' ';
        classes += name;
      }
      p = e;
    }
    std::string attrs;
    if (!id.empty()) attrs += " id=\"" + html_attribute_escape(id) + "\"";
    if (!classes.empty()) attrs += " class=\"" + html_attribute_escape(classes) + "\"";
    while (p < s_.size() && (s_[p] == '{' || s_[p] == '(' || s_[p] == '[')) {
      std::size_t close = s_[p] == '(' ? s_.find(')', p) : ruby_matching_bracket(s_, p);
      if (close == std::string_view::npos) break;
      std::string_view inner = s_.substr(p + 1, close - p - 1);
      if (s_[p] == '{') attrs += ruby_hash_attributes(inner);
      else if (s_[p] == '(') attrs += html_style_attributes(inner);
      p = close + 1;  // `[object]` only sets an id and a class
    }
    while (p < s_.size() && (s_[p] == '<' || s_[p] == '>')) ++p;
    bool self_closing = p < s_.size() && s_[p] == '/';
    if (self_closing) ++p;
    std::size_t end = line_end(s_, p);
    std::string_view rest = s_.substr(p, end - p);
    char r0 = rest.empty() ? '\0' : rest[0];
    char r1 = rest.size() > 1 ? rest[1] : '\0';
    std::size_t marker = r0 == '=' || r0 == '~' ? 1 : ((r0 == '!' || r0 == '&') && r1 == '=') ? 2 : 0;
    std::string code;
    if (marker > 0) {
      code = std::string(rest.substr(marker));
      end = ruby_continuation(s_, end, code, false);
    }
    out_.open("<" + tag + attrs + ">", begin, end);
    bool is_void = self_closing || is_void_element(tag);
    if (!is_void) stack_.push_back({indent, "</" + tag + ">"});
    if (marker > 0) {
      output(code, begin, end, indent);
    } else if (!rest.empty()) {
      text(rest, begin, end);
    }
    return end + 1;
  }

};

}  // namespace

HtmlSkeleton haml_to_html(std::string_view source) { return HamlTranslator(source).run(); }

}  // namespace pacte::a11y
