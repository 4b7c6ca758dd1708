#include "checks/a11y/skeleton.hpp"

#include <algorithm>
#include <array>

#include "checks/base/text.hpp"

namespace pacte::a11y {
namespace {

bool is_ruby_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view trim_ruby(std::string_view s) {
  while (!s.empty() && is_ruby_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ruby_blank(s.back())) s.remove_suffix(1);
  return s;
}

// The end of the Ruby string literal starting at `i` (a quote), past its closing quote.
std::size_t skip_ruby_string(std::string_view s, std::size_t i) {
  char q = s[i++];
  while (i < s.size()) {
    if (s[i] == '\\') {
      i += 2;
      continue;
    }
    if (s[i] == q) return i + 1;
    ++i;
  }
  return s.size();
}

// The content of a Ruby string literal (`"x"`, `'x'`, `:"x"`) with no interpolation or escape,
// else false.
bool literal_string(std::string_view v, std::string& out) {
  if (!v.empty() && v.front() == ':' && v.size() > 1 && (v[1] == '"' || v[1] == '\'')) v.remove_prefix(1);
  if (v.size() < 2 || (v.front() != '"' && v.front() != '\'') || v.back() != v.front()) return false;
  std::string_view inner = v.substr(1, v.size() - 2);
  if (inner.find(v.front()) != std::string_view::npos || inner.find('\\') != std::string_view::npos)
    return false;
  if (v.front() == '"' && inner.find("#{") != std::string_view::npos) return false;
  out = std::string(inner);
  return true;
}

// A Ruby symbol or literal string naming something (`:email`, `"email"`), else false.
bool literal_name(std::string_view v, std::string& out) {
  v = trim_ruby(v);
  if (v.size() > 1 && v.front() == ':' && v[1] != '"' && v[1] != '\'') {
    std::string_view name = v.substr(1);
    if (!std::all_of(name.begin(), name.end(), [](char c) { return is_word(c) || c == '?' || c == '!'; }))
      return false;
    out = std::string(name);
    return true;
  }
  return literal_string(v, out);
}

bool starts_with_aria(std::string_view name) { return name.substr(0, 5) == "aria-"; }

// Splits one hash entry into its key and value; false when it is not a key-value pair.
bool hash_entry(std::string_view item, std::string& key, std::string_view& value) {
  item = trim_ruby(item);
  if (item.empty()) return false;
  auto arrow = std::string_view::npos;
  // `key => value`: the arrow at top level.
  for (std::size_t i = 0; i + 1 < item.size(); ++i) {
    char c = item[i];
    if (c == '"' || c == '\'') {
      i = skip_ruby_string(item, i) - 1;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') break;
    if (c == '=' && item[i + 1] == '>') {
      arrow = i;
      break;
    }
  }
  if (arrow != std::string_view::npos) {
    if (!literal_name(item.substr(0, arrow), key)) return false;
    value = trim_ruby(item.substr(arrow + 2));
    return true;
  }
  // `key: value` and `"key": value`.
  if (item.front() == '"' || item.front() == '\'') {
    std::size_t end = skip_ruby_string(item, 0);
    if (end >= item.size() || item[end] != ':') return false;
    if (!literal_string(item.substr(0, end), key)) return false;
    value = trim_ruby(item.substr(end + 1));
    return true;
  }
  std::size_t i = 0;
  while (i < item.size() && (is_word(item[i]) || item[i] == '-')) ++i;
  if (i == 0 || i >= item.size() || item[i] != ':' || (i + 1 < item.size() && item[i + 1] == ':'))
    return false;
  key = std::string(item.substr(0, i));
  value = trim_ruby(item.substr(i + 1));
  return true;
}

void hash_attributes(std::string_view hash, std::string_view prefix, std::string& out) {
  for (std::string_view item : ruby_split_items(hash)) {
    std::string key;
    std::string_view value;
    if (!hash_entry(item, key, value)) {
      out += ' ';
      out += kOpaque;
      continue;
    }
    std::string name(prefix);
    if (!prefix.empty()) std::replace(key.begin(), key.end(), '_', '-');
    name += key;
    if (prefix.empty() && (key == "data" || key == "aria") && !value.empty() && value.front() == '{') {
      std::size_t close = ruby_matching_bracket(value, 0);
      if (close != std::string_view::npos) {
        hash_attributes(value.substr(1, close - 1), key + "-", out);
        continue;
      }
    }
    if (value == "false" || value == "nil") continue;
    std::string literal;
    out += ' ';
    out += name;
    if (value == "true") {
      // `aria: { hidden: true }` writes aria-hidden="true"; other `true` values the bare name.
      if (starts_with_aria(name)) out += "=\"true\"";
      continue;
    }
    out += "=\"";
    if (literal_string(value, literal)) {
      out += html_attribute_escape(literal);
    } else if (!value.empty() && value.front() == ':' && literal_name(value, literal)) {
      out += html_attribute_escape(literal);
    } else if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      out += value;
    } else {
      out += kOpaque;
    }
    out += '"';
  }
}

// Rails sanitises a field name into an id: `user[email]` -> `user_email`.
std::string rails_id(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ']') continue;
    out += (is_word(c) || c == '-' || c == ':' || c == '.') ? c : '_';
  }
  return out;
}

// A Ruby call `receiver.method args` or `method(args)`: its receiver, method and arguments.
struct RubyCall {
  std::string_view receiver;
  std::string_view method;
  std::string_view args;
};

bool parse_call(std::string_view expr, RubyCall& call) {
  expr = trim_ruby(expr);
  std::size_t i = 0;
  while (i < expr.size() && is_word(expr[i])) ++i;
  if (i == 0) return false;
  std::string_view first = expr.substr(0, i);
  if (i < expr.size() && expr[i] == '.') {
    std::size_t b = ++i;
    while (i < expr.size() && is_word(expr[i])) ++i;
    if (i == b) return false;
    call.receiver = first;
    call.method = expr.substr(b, i - b);
  } else {
    call.method = first;
  }
  std::string_view rest = expr.substr(i);
  if (!rest.empty() && rest.front() == '(') {
    std::size_t close = ruby_matching_bracket(rest, 0);
    if (close == std::string_view::npos) return false;
    if (!trim_ruby(rest.substr(close + 1)).empty()) return false;  // `f(x).y`: something else
    call.args = trim_ruby(rest.substr(1, close - 1));
    return true;
  }
  if (!rest.empty() && !is_ruby_blank(rest.front())) return false;
  call.args = trim_ruby(rest);
  return true;
}

// The options of a helper call: the arguments after the first `positional` ones, as attribute
// text.
std::string option_attributes(const std::vector<std::string_view>& items, std::size_t positional) {
  std::string joined;
  for (std::size_t k = positional; k < items.size(); ++k) {
    std::string_view item = items[k];
    if (!item.empty() && item.front() == '{' && ruby_matching_bracket(item, 0) == item.size() - 1)
      item = item.substr(1, item.size() - 2);
    if (!joined.empty()) joined += ", ";
    joined += item;
  }
  return ruby_hash_attributes(joined);
}

}  // namespace

void HtmlSkeleton::open(std::string_view tag, std::size_t source_begin, std::size_t source_end) {
  anchors.push_back({html.size(), source_begin, source_end});
  html.append(tag);
}

std::string html_attribute_escape(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '"') out += "&quot;";
    else if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else out += c;
  }
  return out;
}

std::vector<std::string_view> ruby_split_items(std::string_view list) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    char c = list[i];
    if (c == '"' || c == '\'') {
      i = skip_ruby_string(list, i) - 1;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    else if (c == ',' && depth == 0) {
      if (auto item = trim_ruby(list.substr(start, i - start)); !item.empty()) out.push_back(item);
      start = i + 1;
    }
  }
  if (auto item = trim_ruby(list.substr(std::min(start, list.size()))); !item.empty()) out.push_back(item);
  return out;
}

std::size_t ruby_matching_bracket(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      i = skip_ruby_string(s, i) - 1;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

std::string ruby_hash_attributes(std::string_view hash) {
  std::string out;
  hash_attributes(hash, "", out);
  return out;
}

bool ruby_opens_block(std::string_view code) {
  code = trim_ruby(code);
  if (!code.empty() && code.back() == '|') {
    auto bar = code.rfind('|', code.size() - 2);
    if (bar == std::string_view::npos) return false;
    code = trim_ruby(code.substr(0, bar));
  }
  return code == "do" || (code.size() > 3 && code.ends_with("do") && is_ruby_blank(code[code.size() - 3]));
}

bool is_void_element(std::string_view tag) {
  static constexpr std::array<std::string_view, 14> kVoid = {
      "area", "base", "br", "col", "embed", "hr", "img", "input",
      "link", "meta", "param", "source", "track", "wbr"};
  std::string lower = ascii_lower(tag);
  return std::find(kVoid.begin(), kVoid.end(), lower) != kVoid.end();
}

std::string ruby_output_skeleton(std::string_view expr, bool block, std::string& closing) {
  closing.clear();
  expr = trim_ruby(expr);
  if (block) {
    // Drop `do |f|` to read the call.
    std::string_view code = expr;
    if (!code.empty() && code.back() == '|') code = trim_ruby(code.substr(0, code.rfind('|', code.size() - 2)));
    if (code.ends_with("do")) code = trim_ruby(code.substr(0, code.size() - 2));
    expr = code;
  }
  RubyCall call;
  std::string opaque_text(kOpaque);
  if (!parse_call(expr, call)) return opaque_text;
  auto items = ruby_split_items(call.args);
  std::string method(call.method);
  if (method == "label" && !call.receiver.empty()) {
    // A form builder's label: its `for` is built from the object's name, which the template
    // does not show; it labels a field the builder writes, or one with that id.
    std::string open = "<label " + std::string(kOpaque) + ">";
    if (block) {
      closing = "</label>";
      return open;
    }
    return open + opaque_text + "</label>";
  }
  if (method == "label_tag") {
    std::string name;
    bool has_for = call.args.find("for:") != std::string_view::npos ||
                   call.args.find("\"for\"") != std::string_view::npos ||
                   call.args.find(":for") != std::string_view::npos;
    std::string open = !items.empty() && !has_for && literal_name(items[0], name)
                           ? "<label for=\"" + html_attribute_escape(rails_id(name)) + "\">"
                           : "<label " + std::string(kOpaque) + ">";
    if (block) {
      closing = "</label>";
      return open;
    }
    return open + opaque_text + "</label>";
  }
  if (method == "image_tag" && call.receiver.empty() && !block) {
    if (items.empty()) return opaque_text;
    return "<img src=\"" + opaque_text + "\"" + option_attributes(items, 1) + ">";
  }
  if ((method == "link_to" || method == "button_tag") && call.receiver.empty() && block) {
    // With a block, the first argument of link_to is the URL, the rest its options; the
    // block writes the content.
    if (method == "link_to") {
      closing = "</a>";
      return "<a href=\"" + opaque_text + "\"" + option_attributes(items, items.empty() ? 0 : 1) + ">";
    }
    closing = "</button>";
    return "<button" + option_attributes(items, 0) + ">";
  }
  if (block) {
    // A block helper whose name says it writes a field with its label (a custom form group):
    // its content may be labelled by it, as a component's would.
    std::string lower = ascii_lower(method);
    bool form_container = lower == "form_for" || lower == "form_with" || lower == "form_tag" ||
                          lower == "fields_for" || lower == "fields";
    if (!form_container) {
      for (std::string_view word : {"label", "field", "input", "group", "control"}) {
        if (lower.find(word) != std::string::npos) {
          closing = "</rb-field>";
          return "<rb-field>";
        }
      }
    }
    return opaque_text;
  }
  return opaque_text;
}

MarkupTree parse_skeleton(const HtmlSkeleton& skeleton) {
  MarkupTree tree = parse_html(skeleton.html);
  const auto& anchors = skeleton.anchors;
  auto find = [&](std::size_t offset) -> const HtmlSkeleton::Anchor* {
    auto it = std::upper_bound(anchors.begin(), anchors.end(), offset,
                               [](std::size_t o, const HtmlSkeleton::Anchor& a) { return o < a.html_offset; });
    if (it == anchors.begin()) return nullptr;
    return &*(it - 1);
  };
  auto remap = [&](auto& self, std::vector<MarkupNode>& nodes) -> void {
    for (auto& n : nodes) {
      if (const auto* a = find(n.offset)) {
        n.offset = a->source_begin;
        n.tag_end = a->source_end;
      } else {
        n.offset = 0;
        n.tag_end = 0;
      }
      self(self, n.children);
    }
  };
  remap(remap, tree.roots);
  if (const auto* a = find(tree.html_offset)) tree.html_offset = a->source_begin;
  if (const auto* a = find(tree.title_offset)) tree.title_offset = a->source_begin;
  return tree;
}

std::size_t line_end(std::string_view s, std::size_t pos) {
  std::size_t e = s.find('\n', pos);
  return e == std::string_view::npos ? s.size() : e;
}

std::size_t indent_of(std::string_view s, std::size_t pos, std::size_t end) {
  std::size_t i = pos;
  while (i < end && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i - pos;
}

bool blank_line(std::string_view s, std::size_t pos, std::size_t end) {
  for (std::size_t i = pos; i < end; ++i)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

std::size_t skip_block(std::string_view s, std::size_t pos, std::size_t indent) {
  while (pos < s.size()) {
    std::size_t end = line_end(s, pos);
    if (!blank_line(s, pos, end) && indent_of(s, pos, end) <= indent) return pos;
    pos = end + 1;
  }
  return s.size();
}

std::size_t ruby_continuation(std::string_view s, std::size_t end, std::string& code, bool backslash) {
  for (;;) {
    std::size_t last = code.find_last_not_of(" \t\r");
    if (last == std::string::npos || (code[last] != ',' && !(backslash && code[last] == '\\')) || end >= s.size())
      return end;
    if (code[last] == '\\') code.erase(last);
    std::size_t next = end + 1;
    std::size_t next_end = line_end(s, next);
    code += ' ';
    code += s.substr(next, next_end - next);
    end = next_end;
  }
}

}  // namespace pacte::a11y
