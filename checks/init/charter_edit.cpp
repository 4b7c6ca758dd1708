#include "checks/init/charter_edit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "checks/base/yaml_json.hpp"

namespace pacte {

namespace {

/// A charter split into lines, each with its line ending, so that joining them gives the text
/// back byte for byte.
struct Lines {
  std::vector<std::string> lines;
  std::string eol = "\n";  // the ending new lines get: the file's own ("\r\n" or "\n")

  explicit Lines(std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
      lines.emplace_back(text.substr(start, end - start));
      start = end;
    }
    if (!lines.empty() && lines.front().size() >= 2 && lines.front().compare(lines.front().size() - 2, 2, "\r\n") == 0) eol = "\r\n";
  }

  std::string joined() const {
    std::string out;
    for (const auto& l : lines) out += l;
    return out;
  }

  /// The line without its ending.
  std::string_view body(std::size_t i) const {
    std::string_view l = lines[i];
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
    return l;
  }

  static std::size_t indent_of(std::string_view l) {
    std::size_t n = 0;
    while (n < l.size() && l[n] == ' ') ++n;
    return n;
  }
  std::size_t indent(std::size_t i) const { return indent_of(body(i)); }

  /// Whether line `i` holds YAML content (not blank, not only a comment).
  bool content(std::size_t i) const {
    std::string_view b = body(i);
    std::size_t n = indent_of(b);
    return n < b.size() && b[n] != '#' && b[n] != '\t';
  }

  /// Inserts `added` (bodies without endings) before line `at`. A last line without an ending
  /// gets one first, so the inserted lines stay lines of their own.
  void insert(std::size_t at, const std::vector<std::string>& added) {
    if (at > 0 && at == lines.size() && !lines.back().empty() && lines.back().back() != '\n') lines.back() += eol;
    std::vector<std::string> with_eol;
    for (const auto& a : added) with_eol.push_back(a + eol);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), with_eol.begin(), with_eol.end());
  }

  /// The last content line of the block that starts after line `head` and holds every line
  /// indented more than `head_indent` (and, when `items_at` is set, the `- ` items at that
  /// indentation); `head` itself when the block is empty.
  std::size_t block_end(std::size_t head, std::size_t head_indent, std::optional<std::size_t> items_at = std::nullopt) const {
    std::size_t last = head;
    for (std::size_t i = head + 1; i < lines.size(); ++i) {
      if (!content(i)) continue;
      std::size_t n = indent(i);
      bool item_line = items_at && n == *items_at && body(i).substr(n).rfind('-', 0) == 0;
      if (n <= head_indent && !item_line) break;
      last = i;
    }
    return last;
  }
};

/// The 0-based line of the key at `pointer`, when that line starts with the key itself (a
/// block mapping entry); nullopt for a key inside a flow mapping or one yaml-cpp gave no place.
std::optional<std::size_t> key_line(const Lines& lines, const YamlDocument& doc, const std::string& pointer, std::string_view key) {
  auto it = doc.positions.find(pointer);
  if (it == doc.positions.end() || it->second.line < 1) return std::nullopt;
  std::size_t i = static_cast<std::size_t>(it->second.line - 1);
  if (i >= lines.lines.size()) return std::nullopt;
  std::string_view b = lines.body(i).substr(lines.indent(i));
  for (std::string_view form : {std::string(key), "\"" + std::string(key) + "\"", "'" + std::string(key) + "'"}) {
    if (b.substr(0, form.size()) != form) continue;
    std::string_view rest = b.substr(form.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == ':') return i;
  }
  return std::nullopt;
}

/// The column just after the `:` of the block mapping entry on `line`.
std::size_t after_colon(std::string_view line) {
  std::size_t i = Lines::indent_of(line);
  if (i < line.size() && (line[i] == '"' || line[i] == '\'')) {
    char q = line[i];
    std::size_t close = line.find(q, i + 1);
    i = close == std::string_view::npos ? line.size() : close + 1;
  }
  std::size_t colon = line.find(':', i);
  return colon == std::string_view::npos ? line.size() : colon + 1;
}

/// The position of the `]` closing the flow sequence that opens at `open` in `line`; npos when
/// it does not close on the same line.
std::size_t closing_bracket(std::string_view line, std::size_t open) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = open; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') {
      if (--depth == 0) return c == ']' ? i : std::string_view::npos;
    } else if (c == '#' && i > 0 && line[i - 1] == ' ') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

std::string item_line(std::size_t indent, const ListItemText& item) {
  std::string l = std::string(indent, ' ') + "- " + item.yaml;
  if (!item.comment.empty()) l += "  # " + item.comment;
  return l;
}

/// Whether `edited` parses to `expected`.
bool reads_back_as(const std::string& edited, const nlohmann::json& expected) {
  try {
    return parse_yaml(edited, "charter").value == expected;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::optional<std::string> append_list_items(std::string_view text, std::string_view section, std::string_view key,
                                             const std::vector<ListItemText>& items) {
  YamlDocument doc = parse_yaml(text, "charter");
  if (items.empty()) return std::string(text);
  if (!doc.value.is_object()) return std::nullopt;
  const std::string sec(section), k(key);
  nlohmann::json expected = doc.value;
  {
    nlohmann::json& list = expected[sec][k];
    if (list.is_null()) list = nlohmann::json::array();
    if (!list.is_array()) return std::nullopt;
    for (const auto& item : items) list.push_back(parse_yaml("- " + item.yaml + "\n", "item").value.at(0));
  }
  Lines lines(text);
  const std::string sec_ptr = "/" + json_pointer_escape(sec), key_ptr = sec_ptr + "/" + json_pointer_escape(k);

  if (!doc.value.contains(sec)) {
    // No section: a new one at the end of the file.
    std::vector<std::string> added = {sec + ":", "  " + k + ":"};
    for (const auto& item : items) added.push_back(item_line(4, item));
    lines.insert(lines.lines.size(), added);
  } else if (!doc.value[sec].is_object()) {
    return std::nullopt;
  } else if (!doc.value[sec].contains(k)) {
    // No key: a new one after the section's last line, at the indentation of its keys.
    auto head = key_line(lines, doc, sec_ptr, sec);
    if (!head) return std::nullopt;
    std::size_t sec_indent = lines.indent(*head);
    std::size_t end = lines.block_end(*head, sec_indent);
    if (end == *head) return std::nullopt;  // an empty or flow mapping
    std::size_t child = std::string::npos;
    for (std::size_t i = *head + 1; i <= end && child == std::string::npos; ++i)
      if (lines.content(i)) child = lines.indent(i);
    std::vector<std::string> added = {std::string(child, ' ') + k + ":"};
    for (const auto& item : items) added.push_back(item_line(child + 2, item));
    lines.insert(end + 1, added);
  } else {
    auto at = key_line(lines, doc, key_ptr, k);
    if (!at) return std::nullopt;
    std::size_t key_indent = lines.indent(*at);
    std::string_view b = lines.body(*at);
    std::size_t v = after_colon(b);
    while (v < b.size() && b[v] == ' ') ++v;
    if (v < b.size() && b[v] == '[') {
      std::size_t close = closing_bracket(b, v);
      if (close == std::string_view::npos) return std::nullopt;  // a flow sequence over several lines
      std::string_view inside = b.substr(v + 1, close - v - 1);
      bool empty = inside.find_first_not_of(' ') == std::string_view::npos;
      std::string eol = lines.lines[*at].substr(b.size());
      if (empty) {
        // `key: []  # note` becomes `key:  # note` with the items under it.
        std::string rest(b.substr(close + 1));
        std::string head(b.substr(0, v));
        while (!head.empty() && head.back() == ' ') head.pop_back();
        lines.lines[*at] = head + rest + eol;
        std::vector<std::string> added;
        for (const auto& item : items) added.push_back(item_line(key_indent + 2, item));
        lines.insert(*at + 1, added);
      } else {
        std::string inserted;
        std::vector<std::string> notes;
        for (const auto& item : items) {
          inserted += ", " + item.yaml;
          if (!item.comment.empty()) notes.push_back(std::string(key_indent, ' ') + "# " + item.yaml + ": " + item.comment);
        }
        std::size_t last = inside.find_last_not_of(' ');
        std::string line(b);
        line.insert(v + 1 + last + 1, inserted);
        lines.lines[*at] = line + eol;
        lines.insert(*at, notes);
      }
    } else if (v >= b.size() || b[v] == '#') {
      const nlohmann::json& value = doc.value[sec][k];
      if (value.is_null()) {
        std::vector<std::string> added;
        for (const auto& item : items) added.push_back(item_line(key_indent + 2, item));
        lines.insert(*at + 1, added);
      } else if (value.is_array() && !value.empty()) {
        std::size_t first = *at + 1;
        while (first < lines.lines.size() && !lines.content(first)) ++first;
        if (first >= lines.lines.size()) return std::nullopt;
        std::size_t item_indent = lines.indent(first);
        if (lines.body(first).substr(item_indent).rfind('-', 0) != 0) return std::nullopt;
        std::size_t end = lines.block_end(*at, key_indent, item_indent);
        std::vector<std::string> added;
        for (const auto& item : items) added.push_back(item_line(item_indent, item));
        lines.insert(end + 1, added);
      } else {
        return std::nullopt;
      }
    } else {
      return std::nullopt;  // a scalar, an anchor or an alias, a tag
    }
  }
  std::string edited = lines.joined();
  if (!reads_back_as(edited, expected)) return std::nullopt;
  return edited;
}

std::optional<std::string> insert_comments_after(std::string_view text, std::string_view section, std::string_view key,
                                                 const std::vector<std::string>& comments) {
  YamlDocument doc = parse_yaml(text, "charter");
  if (comments.empty()) return std::string(text);
  const std::string sec(section), k(key);
  if (!doc.value.is_object() || !doc.value.contains(sec) || !doc.value[sec].is_object()) return std::nullopt;
  Lines lines(text);
  const std::string sec_ptr = "/" + json_pointer_escape(sec), key_ptr = sec_ptr + "/" + json_pointer_escape(k);
  std::size_t at = 0, indent = 0;
  if (doc.value[sec].contains(k)) {
    auto head = key_line(lines, doc, key_ptr, k);
    if (!head) return std::nullopt;
    std::size_t key_indent = lines.indent(*head);
    std::size_t first = *head + 1;
    while (first < lines.lines.size() && !lines.content(first)) ++first;
    bool items_below = first < lines.lines.size() && lines.body(first).substr(lines.indent(first)).rfind('-', 0) == 0 &&
                       lines.indent(first) >= key_indent;
    std::optional<std::size_t> items_at;
    if (items_below) items_at = lines.indent(first);
    at = lines.block_end(*head, key_indent, items_at) + 1;
    indent = items_at ? *items_at : key_indent + 2;
  } else {
    auto head = key_line(lines, doc, sec_ptr, sec);
    if (!head) return std::nullopt;
    std::size_t end = lines.block_end(*head, lines.indent(*head));
    if (end == *head) return std::nullopt;
    at = end + 1;
    indent = lines.indent(end);
    for (std::size_t i = *head + 1; i <= end; ++i)
      if (lines.content(i)) {
        indent = lines.indent(i);
        break;
      }
  }
  std::vector<std::string> added;
  for (const auto& c : comments) added.push_back(std::string(indent, ' ') + "# " + c);
  lines.insert(at, added);
  std::string edited = lines.joined();
  if (!reads_back_as(edited, doc.value)) return std::nullopt;
  return edited;
}

std::string unified_diff(std::string_view before, std::string_view after, std::string_view from_label,
                         std::string_view to_label) {
  if (before == after) return "";
  Lines a(before), b(after);
  const std::size_t n = a.lines.size(), m = b.lines.size();
  // The longest common subsequence of lines, by dynamic programming from the end: charters are
  // small (a few hundred lines), so the table is too.
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a.lines[i] == b.lines[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  // The edit script: ' ' kept, '-' removed, '+' added, each with its line in a and b.
  struct Op {
    char kind;
    std::size_t ai, bi;
  };
  std::vector<Op> ops;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a.lines[i] == b.lines[j]) ops.push_back({' ', i++, j++});
    else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push_back({'-', i++, j});
    else ops.push_back({'+', i, j++});
  }
  auto shown = [](const std::string& line) {
    std::string s = line;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
  };
  std::string out = fmt::format("--- {}\n+++ {}\n", from_label, to_label);
  constexpr std::size_t context = 3;
  std::size_t k = 0;
  while (k < ops.size()) {
    if (ops[k].kind == ' ') {
      ++k;
      continue;
    }
    // A hunk: from `context` kept lines before this change to `context` after the last change
    // that is within 2 * context kept lines of the previous one.
    std::size_t start = k >= context ? k - context : 0;
    std::size_t end = k;
    for (std::size_t x = k; x < ops.size(); ++x) {
      if (ops[x].kind != ' ') end = x;
      else if (x - end > 2 * context) break;
    }
    std::size_t stop = std::min(ops.size(), end + context + 1);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t x = start; x < stop; ++x) {
      if (ops[x].kind != '+') ++a_count;
      if (ops[x].kind != '-') ++b_count;
    }
    std::size_t a_start = ops[start].ai + (a_count ? 1 : 0), b_start = ops[start].bi + (b_count ? 1 : 0);
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_start, a_count, b_start, b_count);
    for (std::size_t x = start; x < stop; ++x) {
      out += ops[x].kind;
      out += shown(ops[x].kind == '+' ? b.lines[ops[x].bi] : a.lines[ops[x].ai]);
      out += '\n';
    }
    k = stop;
  }
  return out;
}

}  // namespace pacte
