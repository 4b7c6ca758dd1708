#include "checks/base/text.hpp"

#include <algorithm>
#include <cstdlib>

namespace pacte {

int line_at(std::string_view content, std::size_t offset) {
  offset = std::min(offset, content.size());
  return 1 + static_cast<int>(std::count(content.begin(), content.begin() + offset, '\n'));
}

namespace {
// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8_seq(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) n = 3;
  else if (c >= 0xF0 && c <= 0xF4) n = 4;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  auto c1 = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
  if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
  if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
  if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
  return n;
}
}  // namespace

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_seq(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

namespace {

/// Decodes the code point at `i` of valid UTF-8 `s` and its length.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) return {c, 1};
  if ((c >> 5) == 0x6 && i + 1 < s.size()) return {char32_t((c & 0x1F) << 6 | (b(1) & 0x3F)), 2};
  if ((c >> 4) == 0xE && i + 2 < s.size())
    return {char32_t((c & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F)), 3};
  if (i + 3 < s.size())
    return {char32_t((c & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F)), 4};
  return {0xFFFD, 1};
}

}  // namespace

std::string xml_clean(std::string_view in) {
  std::string s = to_valid_utf8(in);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto [cp, n] = decode(s, i);
    bool legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp < 0x7F) ||
                 (cp > 0x9F && cp != 0xFFFE && cp != 0xFFFF);
    if (legal) out.append(s, i, n);
    i += n;
  }
  return out;
}

std::string xml_escape(std::string_view in, bool attribute) {
  std::string s = xml_clean(in);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\r': out += "&#13;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out += c;
    }
  }
  return out;
}

std::string line_snippet(std::string_view content, std::size_t offset, std::size_t max) {
  offset = std::min(offset, content.size());
  std::size_t begin = 0;
  if (offset > 0) {
    std::size_t nl = content.rfind('\n', offset - 1);
    begin = nl == std::string_view::npos ? 0 : nl + 1;
  }
  std::size_t end = content.find('\n', offset);
  if (end == std::string_view::npos) end = content.size();
  std::string_view line = content.substr(begin, end - begin);
  // On a very long line (minified code), centre the snippet on the match.
  if (line.size() > max) {
    std::size_t rel = offset - begin;
    std::size_t start = rel > max / 2 ? rel - max / 2 : 0;
    line = line.substr(start, max);
    // Do not cut a UTF-8 sequence in two at either end.
    while (!line.empty() && (static_cast<unsigned char>(line.front()) & 0xC0) == 0x80) line.remove_prefix(1);
    if (!line.empty()) {
      std::size_t j = line.size() - 1;
      while (j > 0 && (static_cast<unsigned char>(line[j]) & 0xC0) == 0x80) --j;
      if (utf8_seq(line, j) == 0) line = line.substr(0, j);
    }
  }
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
  return to_valid_utf8(line);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {
char fold(char c, bool icase) { return icase && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool glob_rec(std::string_view p, std::string_view s, bool icase, int depth) {
  if (depth > 64) return false;
  while (!p.empty()) {
    if (p.front() == '{') {
      auto close = p.find('}');
      if (close == std::string_view::npos) return false;
      std::string_view alts = p.substr(1, close - 1);
      std::string_view rest = p.substr(close + 1);
      std::size_t start = 0;
      while (true) {
        auto comma = alts.find(',', start);
        std::string alt(alts.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        std::string candidate = alt + std::string(rest);
        if (glob_rec(candidate, s, icase, depth + 1)) return true;
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      return false;
    }
    if (p.substr(0, 2) == "**") {
      std::string_view rest = p.substr(2);
      if (!rest.empty() && rest.front() == '/') {
        // "**/" matches zero or more whole segments.
        std::string_view after = rest.substr(1);
        if (glob_rec(after, s, icase, depth + 1)) return true;
        for (std::size_t i = 0; i < s.size(); ++i)
          if (s[i] == '/' && glob_rec(after, s.substr(i + 1), icase, depth + 1)) return true;
        return false;
      }
      for (std::size_t i = 0; i <= s.size(); ++i)
        if (glob_rec(rest, s.substr(i), icase, depth + 1)) return true;
      return false;
    }
    if (p.front() == '*') {
      std::string_view rest = p.substr(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (glob_rec(rest, s.substr(i), icase, depth + 1)) return true;
        if (i < s.size() && s[i] == '/') break;
      }
      return false;
    }
    if (s.empty()) return false;
    if (p.front() == '?') {
      if (s.front() == '/') return false;
    } else if (fold(p.front(), icase) != fold(s.front(), icase)) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}
}  // namespace

bool glob_match(std::string_view pattern, std::string_view path, bool icase) {
  return glob_rec(pattern, path, icase, 0);
}

std::time_t audit_now() {
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
    char* end = nullptr;
    long long v = std::strtoll(sde, &end, 10);
    if (end && *end == '\0' && v >= 0) return static_cast<std::time_t>(v);
  }
  return std::time(nullptr);
}

std::string iso8601(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace pacte
