// Slim templates translated into an HTML skeleton (see skeleton.hpp).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "checks/a11y/skeleton.hpp"

namespace pacte::a11y {
namespace {

bool is_slim_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_slim_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The end of a Ruby expression used as an attribute value: at a blank or `closer` outside
// brackets and strings.
std::size_t ruby_value_end(std::string_view s, std::size_t i, char closer) {
  int depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      char q = c;
      ++i;
      while (i < s.size() && s[i] != q) i += s[i] == '\\' ? 2 : 1;
      ++i;
      continue;
    }
    if (depth == 0 && (is_slim_blank(c) || (closer != '\0' && c == closer))) return i;
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') --depth;
    ++i;
  }
  return s.size();
}

constexpr std::array<std::string_view, 14> kEngines = {
    "javascript", "css", "ruby", "markdown", "scss", "sass", "less", "coffee", "erb", "textile",
    "rdoc", "creole", "wiki", "mediawiki"};

class SlimTranslator : public IndentedTranslator<SlimTranslator> {
 public:
  explicit SlimTranslator(std::string_view s) : IndentedTranslator(s) {}

 private:
  friend class IndentedTranslator<SlimTranslator>;

  std::size_t line(std::size_t begin, std::size_t end, std::size_t indent) {
    std::string_view content = s_.substr(begin, end - begin);
    while (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    char c = content[0];
    if (c == '|' || c == '\'') {
      // Verbatim text: this line and the lines nested under it.
      text(content.substr(1), begin, end);
      out_.append(kOpaque);
      return skip_block(s_, end + 1, indent);
    }
    if (c == '/') return skip_block(s_, end + 1, indent);
    if (c == '<') {
      out_.open(content, begin, end);
      return end + 1;
    }
    if (content.starts_with("doctype")) {
      out_.append("<!DOCTYPE html>");
      return end + 1;
    }
    if (c == '-') {
      std::string code(content.substr(1));
      return ruby_continuation(s_, end, code, true) + 1;
    }
    if (c == '=') {
      std::size_t marker = 1;
      while (marker < content.size() && (content[marker] == '=' || content[marker] == '<' ||
                                         content[marker] == '>' || content[marker] == '\''))
        ++marker;
      std::string code(content.substr(marker));
      end = ruby_continuation(s_, end, code, true);
      output(code, begin, end, indent);
      return end + 1;
    }
    for (std::string_view engine : kEngines) {
      if (content.starts_with(engine) && content.size() > engine.size() && content[engine.size()] == ':' &&
          blank_line(content, engine.size() + 1, content.size())) {
        if (engine == "markdown" || engine == "textile") out_.append(kOpaque);
        return skip_block(s_, end + 1, indent);
      }
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ((c == '.' || c == '#') && content.size() > 1 && is_slim_name_char(content[1])))
      return element(begin, indent);
    text(content, begin, end);  // not Slim we know: kept as text
    return end + 1;
  }

  // One attribute `name=value` (or a bare `name` inside a wrapper) at `p`; appends it to `attrs`
  // and returns the position after it, or npos when `p` does not hold one.
  std::size_t attribute(std::size_t p, char closer, std::string& attrs) {
    std::size_t b = p;
    while (p < s_.size() && (is_slim_name_char(s_[p]) || s_[p] == ':' || s_[p] == '@' || s_[p] == '.')) ++p;
    if (p == b) return std::string_view::npos;
    std::string_view name = s_.substr(b, p - b);
    bool has_value = p < s_.size() && s_[p] == '=' && !(p + 1 < s_.size() && s_[p + 1] == '=');
    if (!has_value) {
      if (closer == '\0') return std::string_view::npos;
      attrs += ' ';
      attrs += name;
      return p;
    }
    ++p;
    if (p < s_.size() && s_[p] == '=') ++p;  // `==` writes the value unescaped
    attrs += ' ';
    attrs += name;
    attrs += "=\"";
    if (p < s_.size() && (s_[p] == '"' || s_[p] == '\'')) {
      char q = s_[p];
      std::size_t e = p + 1;
      while (e < s_.size() && s_[e] != q) e += s_[e] == '\\' ? 2 : 1;
      e = std::min(e, s_.size());
      std::string_view value = s_.substr(p + 1, e - p - 1);
      bool interpolated = value.find("#{") != std::string_view::npos || value.find('\\') != std::string_view::npos;
      attrs += interpolated ? std::string(kOpaque) : html_attribute_escape(value);
      p = e + 1;
    } else {
      std::size_t e = ruby_value_end(s_, p, closer);
      std::string_view value = s_.substr(p, e - p);
      if (value == "false" || value == "nil") {
        attrs.erase(attrs.rfind(' '));
        return e;
      }
      attrs += value == "true" ? std::string() : std::string(kOpaque);
      p = e;
    }
    attrs += '"';
    return p;
  }

  std::size_t element(std::size_t begin, std::size_t indent) {
    std::size_t p = begin;
    std::string tag = "div";
    auto name_end = [&](std::size_t from) {
      std::size_t e = from;
      while (e < s_.size() && (is_slim_name_char(s_[e]) || s_[e] == ':')) {
        // `li: a` nests inline: a colon followed by a blank ends the name.
        if (s_[e] == ':' && (e + 1 >= s_.size() || is_slim_blank(s_[e + 1]))) break;
        ++e;
      }
      return e;
    };
    if (s_[p] != '.' && s_[p] != '#') {
      std::size_t e = name_end(p);
      tag = std::string(s_.substr(p, e - p));
      p = e;
    }
    std::string id;
    std::string classes;
    while (p + 1 < s_.size() && (s_[p] == '.' || s_[p] == '#') && is_slim_name_char(s_[p + 1])) {
      std::size_t e = p + 1;
      while (e < s_.size() && is_slim_name_char(s_[e])) ++e;
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
    while (p < s_.size() && (s_[p] == '<' || s_[p] == '>')) ++p;
    std::size_t end = line_end(s_, p);
    if (p < s_.size() && (s_[p] == '(' || s_[p] == '[' || s_[p] == '{')) {
      char closer = s_[p] == '(' ? ')' : s_[p] == '[' ? ']' : '}';
      ++p;
      while (p < s_.size() && s_[p] != closer) {
        if (is_slim_blank(s_[p])) {
          ++p;
          continue;
        }
        if (s_[p] == '*') {
          attrs += ' ';
          attrs += kOpaque;
          p = ruby_value_end(s_, p + 1, closer);
          continue;
        }
        std::size_t next = attribute(p, closer, attrs);
        p = next == std::string_view::npos ? p + 1 : next;
      }
      if (p < s_.size()) ++p;
      end = line_end(s_, p);
    } else {
      for (;;) {
        std::size_t q = p;
        while (q < end && (s_[q] == ' ' || s_[q] == '\t')) ++q;
        if (q >= end) break;
        if (s_[q] == '*') {
          attrs += ' ';
          attrs += kOpaque;
          p = ruby_value_end(s_, q + 1, '\0');
          continue;
        }
        std::size_t next = attribute(q, '\0', attrs);
        if (next == std::string_view::npos) break;
        p = next;
      }
    }
    end = std::max(end, line_end(s_, std::min(p, s_.size())));
    out_.open("<" + tag + attrs + ">", begin, end);
    std::string_view rest = p < end ? s_.substr(p, end - p) : std::string_view();
    while (!rest.empty() && (rest.back() == '\r')) rest.remove_suffix(1);
    bool self_closing = !rest.empty() && rest.front() == '/';
    if (!self_closing && !is_void_element(tag)) stack_.push_back({indent, "</" + tag + ">"});
    if (self_closing) return end + 1;
    if (rest.size() >= 2 && rest[0] == ':' && is_slim_blank(rest[1])) {
      std::size_t child = p + 1;
      while (child < end && is_slim_blank(s_[child])) ++child;
      if (child < end) return line(child, end, indent);
      return end + 1;
    }
    std::size_t first = rest.find_first_not_of(" \t");
    if (first != std::string_view::npos && rest[first] == '=') {
      std::size_t marker = first + 1;
      while (marker < rest.size() && (rest[marker] == '=' || rest[marker] == '<' || rest[marker] == '>')) ++marker;
      std::string code(rest.substr(marker));
      end = ruby_continuation(s_, end, code, true);
      output(code, begin, end, indent);
      return end + 1;
    }
    if (first != std::string_view::npos) text(rest.substr(first), begin, end);
    return end + 1;
  }

};

}  // namespace

HtmlSkeleton slim_to_html(std::string_view source) { return SlimTranslator(source).run(); }

}  // namespace pacte::a11y
