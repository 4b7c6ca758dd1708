#include "checks/init/yaml_text.hpp"

#include "checks/base/vocabulary.hpp"

#include <array>
#include <cstdio>

#include "checks/base/text.hpp"

namespace pacte {

namespace {

bool is_yaml_keyword(std::string_view s) {
  static const std::array<std::string_view, 15> words = {"~",   "null", "true", "false", "yes", "no", "on", "off",
                                                         "y",   "n",    ".nan", ".inf",  "-.inf", "+.inf", "<<"};
  std::string lower = ascii_lower(s);
  for (auto w : words)
    if (lower == w) return true;
  return false;
}

// Whether the scalar may be read as a number (or a sexagesimal, a date is harmless): anything
// that starts with a digit, a sign followed by a digit or a dot, or a dot followed by a digit.
bool starts_like_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') ++i;
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return true;
  static constexpr std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`";
  if (indicators.find(s.front()) != std::string_view::npos) return true;
  if (s.back() == ':') return true;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '#' || c == '"' || c == '\\')
      return true;
    // U+0085, U+2028, U+2029 and the BOM are line breaks or invisible in YAML.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return true;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9))
      return true;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
        static_cast<unsigned char>(s[i + 2]) == 0xBF)
      return true;
  }
  return is_yaml_keyword(s) || starts_like_number(s);
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '\\': out += "\\\\"; continue;
      case '"': out += "\\\""; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      out += "\\u0085";
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
               static_cast<unsigned char>(s[i + 2]) == 0xBF) {
      out += "\\uFEFF";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

}  // namespace

std::string yaml_scalar(std::string_view raw) {
  std::string s = to_valid_utf8(raw);
  return needs_quotes(s) ? double_quoted(s) : s;
}

std::string yaml_flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += yaml_scalar(items[i]);
  }
  return out + "]";
}

std::string yaml_comment_text(std::string_view raw) {
  std::string s = to_valid_utf8(raw);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      out += ' ';
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      out += ' ';
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += ' ';
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  auto last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}

void YamlLines::append(std::string head, std::string_view comment) {
  std::string c = typeset(yaml_comment_text(comment), lang_);
  if (!c.empty()) {
    // Column counted in characters, not bytes, so that accented content still aligns.
    std::size_t width = 0;
    for (unsigned char ch : head)
      if ((ch & 0xC0) != 0x80) ++width;
    head.append(width + 2 <= comment_column_ ? comment_column_ - width : 2, ' ');
    head += "# " + c;
  }
  text_ += head;
  text_ += '\n';
}

void YamlLines::line(int indent, std::string_view content, std::string_view comment) {
  append(std::string(static_cast<std::size_t>(indent), ' ') + std::string(content), comment);
}

void YamlLines::comment(int indent, std::string_view text) {
  append(std::string(static_cast<std::size_t>(indent), ' ') + "# " + typeset(yaml_comment_text(text), lang_), {});
}

void YamlLines::commented(int indent, std::string_view content, std::string_view comment) {
  append(std::string(static_cast<std::size_t>(indent), ' ') + "# " + std::string(content), comment);
}

void YamlLines::blank() { text_ += '\n'; }

}  // namespace pacte
