#include "checks/base/text.hpp"
#include "checks/base/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <cstdint>
#include <stdexcept>

namespace pacte {

int line_at(std::string_view content, std::size_t offset) {
  offset = std::min(offset, content.size());
  return 1 + static_cast<int>(std::count(content.begin(), content.begin() + offset, '\n'));
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
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

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s, i);
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
      if (utf8_sequence_length(line, j) == 0) line = line.substr(0, j);
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

std::size_t find_bytes(std::string_view s, std::string_view needle) {
  if (needle.empty()) return 0;
  const void* at = memmem(s.data(), s.size(), needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - s.data()) : std::string_view::npos;
}

LiteralSet::LiteralSet(std::vector<std::string> literals) : literals_(std::move(literals)), pairs_(1024, 0) {
  for (const auto& l : literals_) {
    if (l.size() < 2) throw std::invalid_argument("LiteralSet: a literal of at least 2 bytes");
    unsigned pair = static_cast<unsigned char>(l[0]) << 8 | static_cast<unsigned char>(l[1]);
    pairs_[pair >> 6] |= std::uint64_t{1} << (pair & 63);
  }
}

bool LiteralSet::found_in(std::string_view s) const {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    unsigned pair = p[i] << 8 | p[i + 1];
    if (!(pairs_[pair >> 6] >> (pair & 63) & 1)) continue;
    for (const auto& l : literals_) {
      if (l.size() <= n - i && std::memcmp(p + i, l.data(), l.size()) == 0) return true;
    }
  }
  return false;
}

std::size_t find_ascii_folded(std::string_view s, std::string_view word) {
  const std::size_t m = word.size();
  if (m == 0) return 0;
  if (s.size() < m) return std::string_view::npos;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::array<std::size_t, 256> skip;
  skip.fill(m);
  for (std::size_t i = 0; i + 1 < m; ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    skip[c] = m - 1 - i;
    if (c >= 'a' && c <= 'z') skip[c - 'a' + 'A'] = m - 1 - i;
  }
  for (std::size_t pos = 0; pos + m <= s.size();) {
    char last = s[pos + m - 1];
    if (lower(last) == word[m - 1]) {
      std::size_t k = 0;
      while (k + 1 < m && lower(s[pos + k]) == word[k]) ++k;
      if (k + 1 >= m) return pos;
    }
    pos += skip[static_cast<unsigned char>(last)];
  }
  return std::string_view::npos;
}

namespace {
char fold(char c, bool icase) { return icase && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Glob matching in time linear in the path for each alternative of the pattern: the pattern
// becomes a small automaton (one state per token) run over the path with a set of states, so
// no pattern can make matching backtrack exponentially.
using GlobKind = Glob::Kind;
using GlobToken = Glob::Token;

// At most this many alternatives after expanding `{a,b}` groups; a pattern with more matches
// nothing.
constexpr std::size_t kMaxGlobAlternatives = 256;

// Expands `{a,b}` groups (not nested: a group ends at the first '}') into `out`. False when a
// group is not closed or the expansion passes kMaxGlobAlternatives.
bool expand_braces(std::string_view p, std::vector<std::string>& out) {
  std::vector<std::string> cur{std::string()};
  std::size_t i = 0;
  while (i < p.size()) {
    if (p[i] != '{') {
      for (auto& c : cur) c.push_back(p[i]);
      ++i;
      continue;
    }
    auto close = p.find('}', i);
    if (close == std::string_view::npos) return false;
    std::vector<std::string_view> alts;
    std::string_view group = p.substr(i + 1, close - i - 1);
    for (std::size_t start = 0;;) {
      auto comma = group.find(',', start);
      alts.push_back(group.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (cur.size() * alts.size() > kMaxGlobAlternatives) return false;
    std::vector<std::string> next;
    next.reserve(cur.size() * alts.size());
    for (const auto& c : cur)
      for (auto a : alts) next.push_back(std::string(c).append(a));
    cur = std::move(next);
    i = close + 1;
  }
  for (auto& c : cur) out.push_back(std::move(c));
  return true;
}

std::vector<GlobToken> glob_tokens(std::string_view p) {
  std::vector<GlobToken> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '*' && i + 1 < p.size() && p[i + 1] == '*') {
      if (i + 2 < p.size() && p[i + 2] == '/') {
        out.push_back({GlobKind::globstar_dir, 0});  // "**/": zero or more whole segments
        i += 2;
      } else {
        out.push_back({GlobKind::globstar, 0});  // "**": anything, '/' included
        ++i;
      }
    } else if (p[i] == '*') {
      out.push_back({GlobKind::star, 0});  // anything within a segment
    } else if (p[i] == '?') {
      out.push_back({GlobKind::one, 0});  // one character other than '/'
    } else {
      out.push_back({GlobKind::literal, p[i]});
    }
  }
  return out;
}

bool run_glob(const std::vector<GlobToken>& t, std::string_view s, bool icase) {
  const std::size_t n = t.size();
  // `cur[i]`: the automaton stands before token i; `ent[i]`: it has just entered token i (at
  // the start of the path, or by the transition out of token i - 1), which is the only moment
  // "**/" may match no segment at all. The state sets are kept per thread between calls.
  thread_local std::vector<char> cur, next, ent, next_ent;
  for (auto* v : {&cur, &next, &ent, &next_ent}) v->assign(n + 1, 0);
  auto close = [&](std::vector<char>& st, std::vector<char>& en) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!st[i]) continue;
      GlobKind k = t[i].kind;
      if (k == GlobKind::star || k == GlobKind::globstar || (k == GlobKind::globstar_dir && en[i])) st[i + 1] = en[i + 1] = 1;
    }
  };
  cur[0] = ent[0] = 1;
  close(cur, ent);
  for (char ch : s) {
    std::fill(next.begin(), next.end(), 0);
    std::fill(next_ent.begin(), next_ent.end(), 0);
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!cur[i]) continue;
      switch (t[i].kind) {
        case GlobKind::literal:
          if (fold(t[i].c, icase) == fold(ch, icase)) next[i + 1] = next_ent[i + 1] = any = 1;
          break;
        case GlobKind::one:
          if (ch != '/') next[i + 1] = next_ent[i + 1] = any = 1;
          break;
        case GlobKind::star:
          if (ch != '/') next[i] = any = 1;
          break;
        case GlobKind::globstar:
          next[i] = any = 1;
          break;
        case GlobKind::globstar_dir:
          next[i] = any = 1;
          if (ch == '/') next[i + 1] = next_ent[i + 1] = 1;
          break;
      }
    }
    if (!any) return false;
    close(next, next_ent);
    cur.swap(next);
    ent.swap(next_ent);
  }
  return cur[n] != 0;
}
}  // namespace

bool glob_match(std::string_view pattern, std::string_view path, bool icase) { return Glob(pattern, icase).match(path); }

Glob::Glob(std::string_view pattern, bool icase) : icase_(icase) {
  std::vector<std::string> expanded;
  if (!expand_braces(pattern, expanded)) return;  // matches nothing
  for (const auto& text : expanded) {
    Alternative alt;
    alt.tokens = glob_tokens(text);
    std::size_t first = 0, last = alt.tokens.size();
    while (first < alt.tokens.size() && alt.tokens[first].kind == Kind::literal)
      alt.prefix.push_back(fold(alt.tokens[first++].c, icase));
    while (last > first && alt.tokens[last - 1].kind == Kind::literal) --last;
    for (std::size_t i = last; i < alt.tokens.size() && first < alt.tokens.size(); ++i)
      alt.suffix.push_back(fold(alt.tokens[i].c, icase));
    alternatives_.push_back(std::move(alt));
  }
}

bool Glob::match(std::string_view path) const {
  auto same = [&](std::string_view folded, std::string_view text) {
    for (std::size_t i = 0; i < folded.size(); ++i)
      if (folded[i] != fold(text[i], icase_)) return false;
    return true;
  };
  for (const auto& alt : alternatives_) {
    if (alt.prefix.size() == alt.tokens.size()) {  // no wildcard: the path itself
      if (path.size() == alt.prefix.size() && same(alt.prefix, path)) return true;
      continue;
    }
    if (path.size() < alt.prefix.size() + alt.suffix.size() || !same(alt.prefix, path) ||
        !same(alt.suffix, path.substr(path.size() - alt.suffix.size())))
      continue;
    if (run_glob(alt.tokens, path, icase_)) return true;
  }
  return false;
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
