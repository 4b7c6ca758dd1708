// Licence text normalisation. Mirrors rules/licenses/normalize.py step by step.
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "checks/license/license_text.hpp"

namespace pacte::license_text {
namespace {

// Unicode punctuation that becomes a space: quotes, dashes, bullets, no-break spaces.
constexpr std::array<std::string_view, 26> kUnicodeSpace = {
    "\u2018", "\u2019", "\u201a", "\u201b", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb",
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u00a0", "\u2022",
    "\u2023", "\u25cf", "\u00b7", "\u2026", "\ufeff", "\u202f", "\u2009", "\u00a7",
};

const std::unordered_map<std::string_view, std::string_view>& equivalents() {
  static const std::unordered_map<std::string_view, std::string_view> m = {
      {"licence", "license"}, {"licences", "licenses"}, {"licenced", "licensed"},
      {"licencing", "licensing"}, {"licencor", "licensor"}, {"licencee", "licensee"},
      {"https", "http"}, {"acknowledgement", "acknowledgment"},
      {"acknowledgements", "acknowledgments"}, {"analogue", "analog"},
      {"authorisation", "authorization"}, {"authorised", "authorized"},
      {"authorise", "authorize"}, {"behaviour", "behavior"}, {"cancelled", "canceled"},
      {"catalogue", "catalog"}, {"favour", "favor"}, {"favourable", "favorable"},
      {"fulfil", "fulfill"}, {"judgement", "judgment"}, {"labelled", "labeled"},
      {"offence", "offense"}, {"organisation", "organization"},
      {"organisations", "organizations"}, {"practise", "practice"},
      {"recognised", "recognized"}, {"utilise", "utilize"}, {"utilisation", "utilization"},
      {"characterised", "characterized"}, {"modelling", "modeling"},
  };
  return m;
}

const std::unordered_set<std::string_view>& sensitive_words() {
  static const std::unordered_set<std::string_view> s = {
      "not", "no", "non", "never", "nor", "without", "except", "unless", "only", "shall",
      "must", "may", "can", "cannot", "affero", "lesser", "library", "commercial",
      "noncommercial", "evil", "prohibited", "forbidden", "permitted", "any", "all",
      "none", "neither", "irrevocable", "revocable", "perpetual", "exclusive", "nonexclusive",
  };
  return s;
}

using Phrase = std::vector<std::string_view>;

const std::vector<Phrase>& removed_phrases() {
  static const std::vector<Phrase> p = {
      {"all", "rights", "reserved"},
      {"51", "franklin", "street", "fifth", "floor", "boston", "ma", "02110", "1301", "usa"},
      {"51", "franklin", "st", "fifth", "floor", "boston", "ma", "02110", "1301", "usa"},
      {"59", "temple", "place", "suite", "330", "boston", "ma", "02111", "1307", "usa"},
      {"675", "mass", "ave", "cambridge", "ma", "02139", "usa"},
  };
  return p;
}

struct Slot {
  Phrase anchor;
  std::vector<Phrase> ends;
};

const std::vector<Slot>& variable_slots() {
  static const std::vector<Slot> s = {
      {{"as", "is", "and"}, {{"disclaims", "all"}}},
      {{"neither", "the", "name", "of"}, {{"nor", "the", "names", "of"}}},
      {{"provided", "by"}, {{"as", "is"}}},
      {{"in", "no", "event", "shall"}, {{"be", "liable"}}},
      {{"the", "name", "of"}, {{"may", "not", "be", "used"}, {"shall", "not", "be", "used"}}},
  };
  return s;
}
constexpr std::size_t kMaxVar = 12;

/// True when `word` may be a key of equivalents(): its first letter and length are those of
/// one (most words are passed over without hashing them).
bool maps_equivalent(const std::string& word) {
  static const std::array<std::uint32_t, 256> shapes = [] {
    std::array<std::uint32_t, 256> a{};
    for (const auto& [w, to] : equivalents()) a[static_cast<unsigned char>(w[0])] |= 1u << w.size();
    return a;
  }();
  return !word.empty() && word.size() < 32 && (shapes[static_cast<unsigned char>(word[0])] & (1u << word.size()));
}

/// For each byte, whether it belongs to a word (ASCII letters and digits, any byte of a UTF-8
/// sequence): one load per byte where four comparisons were a fifth of the tokeniser's time.
constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> a{};
  for (int c = 0; c < 256; ++c) a[static_cast<std::size_t>(c)] = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
  return a;
}();
bool is_word_byte(unsigned char c) { return kWordBytes[c]; }

/// Each byte in lower case (ASCII letters only): an ASCII word is lowered by table.
constexpr std::array<char, 256> kAsciiLower = [] {
  std::array<char, 256> a{};
  for (int c = 0; c < 256; ++c) a[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return a;
}();
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alpha(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_markup(unsigned char c) {
  return c == ' ' || c == '\t' || c == '>' || c == '#' || c == '*' || c == '-' || c == '+' ||
         c == '=' || c == '_' || c == '|' || c == '`' || c == '~';
}

/// `w` in lower case: ASCII letters and the Latin-1 capitals (U+00C0 to U+00DE but U+00D7),
/// whose lower-case forms have the same length, so the word is copied once and changed in place.
void lower_in_place(std::string& out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(out[i + 1]) <= 0x9E &&
               static_cast<unsigned char>(out[i + 1]) != 0x97) {
      out[i + 1] = static_cast<char>(static_cast<unsigned char>(out[i + 1]) + 0x20);
      ++i;
    }
  }
}

bool is_roman(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s) {
    if (std::string_view("ivxlcIVXLC").find(c) == std::string_view::npos) return false;
  }
  return true;
}

// Returns how many bytes of `line` a leading list marker takes ("1. ", "(a) ", "iv) "), or 0.
std::size_t list_marker_length(std::string_view line) {
  std::size_t pos = 0;
  bool paren = false;
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(line[i]); };
  if (pos < line.size() && line[pos] == '(') {
    paren = true;
    ++pos;
  }
  const std::size_t start = pos;
  if (pos < line.size() && is_digit(at(pos))) {
    while (pos < line.size() && (is_digit(at(pos)) || line[pos] == '.')) {
      if (pos - start > 12) return 0;
      ++pos;
    }
    std::string_view body = line.substr(start, pos - start);
    if (paren) {
      if (pos < line.size() && line[pos] == ')') {
        ++pos;
      } else {
        return 0;
      }
    } else if (body.back() == '.') {
    } else if (pos < line.size() && line[pos] == ')') {
      ++pos;
    } else if (body.find('.') != std::string_view::npos) {
    } else {
      return 0;
    }
  } else {
    while (pos < line.size() && is_alpha(at(pos))) {
      ++pos;
      if (pos - start > 6) return 0;
    }
    std::string_view body = line.substr(start, pos - start);
    if (body.empty()) return 0;
    if (!(body.size() == 1 || is_roman(body))) return 0;
    if (pos < line.size() && (line[pos] == ')' || (!paren && line[pos] == '.'))) {
      ++pos;
    } else {
      return 0;
    }
  }
  if (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') return 0;
  return pos;
}

// `line` with the list markers followed by a tab inside it replaced by spaces: the items of a
// list ("1.<tab>d'un exemplaire du Contrat, 2.<tab>d'un avertissement") joined into one line by
// a reflowed paragraph keep their markers, which a line's start would have dropped. Only a
// tab marks one: "version 2. You" in a sentence is a word.
void blank_tabbed_list_markers(std::string& line) {
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i - 1] != ' ' && line[i - 1] != '\t') continue;
    const std::size_t n = list_marker_length(std::string_view(line).substr(i));
    if (n == 0 || i + n >= line.size() || line[i + n] != '\t') continue;
    for (std::size_t k = i; k < i + n; ++k) line[k] = ' ';
    i += n;
  }
}

// Words of `line` as (offset in line, length) pairs.
template <typename F>
void for_each_word(std::string_view line, F&& f) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (is_word_byte(static_cast<unsigned char>(line[i]))) {
      std::size_t j = i;
      while (j < line.size() && is_word_byte(static_cast<unsigned char>(line[j]))) ++j;
      f(i, j - i);
      i = j;
    } else {
      ++i;
    }
  }
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

// True when `rest` starts with a word that begins a licence's first sentence ("You may...",
// "Permission is...", "Any use...", "This code..."), never a holder's name: a copyright line
// joined with the licence's first line (a paragraph reflowed into one line) ends there.
bool starts_grant(std::string_view rest) {
  static const std::array<std::string_view, 21> words = {
      "You", "YOU", "Any", "ANY", "This", "THIS", "Permission", "PERMISSION", "Redistribution",
      "Redistributions", "Everyone", "everyone", "Anyone", "anyone", "Use", "Licensed",
      "Released", "Subject", "Unless", "Feel", "Provided"};
  for (auto w : words) {
    if (rest.size() > w.size() && rest.substr(0, w.size()) == w &&
        !is_word_byte(static_cast<unsigned char>(rest[w.size()])))
      return true;
  }
  return false;
}

// If a copyright statement starts at `pos` ("Copyright (c) 2020 ...", "Copyright 2020",
// "Copyright <year>", "(c) 2020 ..."), returns where it ends: at a sentence end (". " or "> "
// before an upper-case letter), before a word that starts a licence (starts_grant) or at the
// end of the line; else npos.
std::size_t copyright_end(std::string_view line, std::size_t pos) {
  constexpr auto npos = std::string_view::npos;
  if (pos > 0 && is_word_byte(static_cast<unsigned char>(line[pos - 1]))) return npos;
  std::size_t rest;
  if (starts_with_ci(line.substr(pos), "(c)")) {
    rest = pos + 3;
    while (rest < line.size() && (line[rest] == ' ' || line[rest] == '\t')) ++rest;
    if (rest == pos + 3 || rest >= line.size() || !is_digit(static_cast<unsigned char>(line[rest]))) return npos;
  } else if (starts_with_ci(line.substr(pos), "copyright")) {
    rest = pos + 9;
    while (rest < line.size() && (line[rest] == ' ' || line[rest] == '\t' || line[rest] == ':')) ++rest;
    if (rest >= line.size()) return npos;
    auto c = static_cast<unsigned char>(line[rest]);
    if (!(starts_with_ci(line.substr(rest), "(c)") || is_digit(c) || c == '<' || c == '[' || c == '{'))
      return npos;
  } else {
    return npos;
  }
  for (std::size_t i = rest; i < line.size(); ++i) {
    if ((line[i] == ' ' || line[i] == '\t') && starts_grant(line.substr(i + 1))) return i;
    if (line[i] != '.' && line[i] != '>') continue;
    std::size_t j = i + 1;
    if (j < line.size() && (line[j] == ' ' || line[j] == '\t')) {
      while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
      if (j < line.size() && line[j] >= 'A' && line[j] <= 'Z') return i + 1;
    }
  }
  return line.size();
}

// `line` with its copyright statements replaced by spaces (offsets kept).
std::string without_copyright(std::string_view line) {
  std::string out(line);
  for (std::size_t i = 0; i < out.size();) {
    // A statement starts with "(c)" or "copyright", in any case: other bytes start none.
    if (out[i] != '(' && out[i] != 'c' && out[i] != 'C') {
      ++i;
      continue;
    }
    std::size_t end = copyright_end(out, i);
    if (end == std::string_view::npos) {
      ++i;
      continue;
    }
    for (std::size_t k = i; k < end; ++k) out[k] = ' ';
    i = end;
  }
  return out;
}

bool is_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\v' && c != '\f') return false;
  }
  return true;
}

bool at_phrase(const std::vector<Token>& toks, std::size_t i, const Phrase& p) {
  if (i + p.size() > toks.size()) return false;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (toks[i + k].word != p[k]) return false;
  }
  return true;
}

/// True when `word` may start a removed phrase or a variable slot (their first words: "all",
/// "51", "59", "675", "as", "neither", "provided", "in", "the"), so that most words are passed
/// over with one comparison.
bool may_start_phrase(const std::string& word) {
  // Lengths first: most words are not 2, 3, 7 or 8 letters long with one of these initials.
  if (word.empty() || word.size() > 8) return false;
  switch (word[0]) {
    case 'a': return word == "all" || word == "as";
    case '5': return word == "51" || word == "59";
    case '6': return word == "675";
    case 'n': return word == "neither";
    case 'p': return word == "provided";
    case 'i': return word == "in";
    case 't': return word == "the";
    default: return false;
  }
}

/// Removes the phrases of removed_phrases() and replaces a variable slot's holder name by one
/// placeholder word, in place.
void apply_phrases(std::vector<Token>& toks) {
  std::size_t i = 0, w = 0;
  const std::size_t n = toks.size();
  auto keep = [&](std::size_t from) {
    if (w != from) toks[w] = std::move(toks[from]);
    ++w;
  };
  while (i < n) {
    if (!may_start_phrase(toks[i].word)) {
      keep(i++);
      continue;
    }
    bool hit = false;
    for (const auto& p : removed_phrases()) {
      if (at_phrase(toks, i, p)) {
        i += p.size();
        hit = true;
        break;
      }
    }
    if (hit) continue;
    for (const auto& slot : variable_slots()) {
      if (!at_phrase(toks, i, slot.anchor)) continue;
      const std::size_t k = i + slot.anchor.size();
      std::size_t found = 0;
      for (std::size_t j = k + 1; j <= std::min(n, k + kMaxVar) && !found; ++j) {
        for (const auto& e : slot.ends) {
          if (at_phrase(toks, j, e)) {
            found = j;
            break;
          }
        }
      }
      // A holder's name, not a clause: no meaning-bearing word in the slot.
      for (std::size_t a = k; found && a < found; ++a) {
        if (is_sensitive(toks[a].word)) found = 0;
      }
      if (found) {
        for (std::size_t a = i; a < k; ++a) keep(a);
        Token var = std::move(toks[k]);
        var.word = "var";
        var.end = toks[found - 1].end;
        toks[w++] = std::move(var);
        i = found;
        hit = true;
        break;
      }
    }
    if (hit) continue;
    keep(i++);
  }
  toks.resize(w);
}

/// True when `line` may hold a copyright statement ("copyright", "(c)"), in any case.
bool may_hold_copyright(std::string_view line) {
  for (std::size_t i = 0; i + 2 < line.size(); ++i) {
    const char c = line[i];
    if (c == '(' && (line[i + 1] == 'c' || line[i + 1] == 'C') && line[i + 2] == ')') return true;
    if ((c == 'c' || c == 'C') && starts_with_ci(line.substr(i), "copyright")) return true;
  }
  return false;
}

}  // namespace

namespace {

/// For each first letter, the lengths of the sensitive words starting with it (bit n for n
/// letters): most words are told apart without hashing them.
const std::array<std::uint32_t, 256>& sensitive_shapes() {
  static const std::array<std::uint32_t, 256> shapes = [] {
    std::array<std::uint32_t, 256> a{};
    for (auto w : sensitive_words()) a[static_cast<unsigned char>(w[0])] |= 1u << w.size();
    return a;
  }();
  return shapes;
}

}  // namespace

bool is_sensitive(std::string_view word) {
  if (word.empty() || word.size() > 31 ||
      !(sensitive_shapes()[static_cast<unsigned char>(word[0])] & (1u << word.size())))
    return false;
  // The few sensitive words of that first letter, compared directly (no hashing).
  static const std::array<std::vector<std::string_view>, 256> by_letter = [] {
    std::array<std::vector<std::string_view>, 256> a;
    for (auto w : sensitive_words()) a[static_cast<unsigned char>(w[0])].push_back(w);
    return a;
  }();
  for (auto w : by_letter[static_cast<unsigned char>(word[0])]) {
    if (w == word) return true;
  }
  return false;
}

bool is_numeral(std::string_view word) {
  static constexpr std::array<std::string_view, 9> roman = {"ii", "iii", "iv", "vi", "vii",
                                                            "viii", "ix", "xi", "xii"};
  if (word.empty()) return false;
  if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  if (word.size() < 2 || word.size() > 4 || (word[0] != 'i' && word[0] != 'v' && word[0] != 'x')) return false;
  return std::find(roman.begin(), roman.end(), word) != roman.end();
}

namespace {

std::vector<Token> tokenize_text(std::string_view text, bool drop_copyright) {
  // Unicode punctuation to spaces, keeping for each byte of `buf` its offset in `text`.
  // Most licence files are plain ASCII: then `text` is read as it is (no copy) and every
  // offset is its own.
  const bool ascii = std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  std::string buf;
  std::vector<std::size_t> origin;
  if (!ascii) buf.reserve(text.size());
  if (!ascii) origin.reserve(text.size() + 1);
  for (std::size_t i = 0; !ascii && i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      bool replaced = false;
      for (std::string_view u : kUnicodeSpace) {
        if (text.compare(i, u.size(), u) == 0) {
          buf += ' ';
          origin.push_back(i);
          i += u.size();
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
      if (text.compare(i, 2, "\u00a9") == 0) {
        buf += "(c)";
        origin.insert(origin.end(), {i, i, i});
        i += 2;
        continue;
      }
    }
    buf += static_cast<char>(c);
    origin.push_back(i);
    ++i;
  }
  if (!ascii) origin.push_back(text.size());
  auto origin_of = [&](std::size_t at) { return ascii ? at : origin[at]; };

  std::vector<Token> raw;
  raw.reserve(text.size() / 5 + 16);
  int paragraph = 0;
  std::size_t line_start = 0;
  const std::string_view src = ascii ? text : std::string_view(buf);
  while (line_start <= src.size()) {
    std::size_t nl = src.find('\n', line_start);
    if (nl == std::string_view::npos) nl = src.size();
    std::string_view line = src.substr(line_start, nl - line_start);
    std::size_t offset = line_start;
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && is_markup(static_cast<unsigned char>(line[0]))) {
      line.remove_prefix(1);
      ++offset;
    }
    if (is_blank(line)) {
      if (!raw.empty() && raw.back().paragraph == paragraph) ++paragraph;
    } else {
      std::string cleaned;
      if (drop_copyright && may_hold_copyright(line)) {
        cleaned = without_copyright(line);
        line = cleaned;
      }
      std::size_t marker = list_marker_length(line);
      offset += marker;
      line = line.substr(marker);
      if (line.find('\t') != std::string_view::npos) {
        std::string tabbed(line);
        blank_tabbed_list_markers(tabbed);
        cleaned = std::move(tabbed);
        line = cleaned;
      }
      for_each_word(line, [&](std::size_t b, std::size_t n) {
        if (n == 1 && !is_digit(static_cast<unsigned char>(line[b]))) return;
        Token& t = raw.emplace_back();
        t.word.assign(line.data() + b, n);
        if (!ascii) {
          lower_in_place(t.word);
        } else {
          for (char& c : t.word) c = kAsciiLower[static_cast<unsigned char>(c)];
        }
        if (maps_equivalent(t.word)) {
          auto eq = equivalents().find(t.word);
          if (eq != equivalents().end()) t.word = std::string(eq->second);
        }
        t.begin = origin_of(offset + b);
        t.end = origin_of(offset + b + n);
        t.paragraph = paragraph;
      });
    }
    line_start = nl + 1;
  }
  apply_phrases(raw);
  return raw;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return tokenize_text(text, true); }

std::vector<Token> tokenize_keeping_copyright(std::string_view text) { return tokenize_text(text, false); }

std::uint32_t word_hash(std::string_view word) {
  std::uint32_t h = 0x811C9DC5u;
  for (char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x01000193u;
  }
  return h;
}

std::vector<std::uint32_t> fingerprint(std::span<const Token> tokens) {
  std::vector<std::uint32_t> out;
  if (tokens.size() < kGram) return out;
  // Each word is hashed once (FNV-1a), with its flags; a trigram mixes its three words' hashes
  // (hashing the three words' bytes again for every trigram was a third of the cost of
  // identifying a long licence). The flags are looked up by hash too: a word is compared with
  // a sensitive word or a roman numeral only when its hash is one's.
  struct FlagTable {
    std::array<std::uint32_t, 128> hash{};
    std::array<std::uint32_t, 128> flag{};
  };
  static const FlagTable table = [] {
    FlagTable t;
    auto add = [&](std::string_view w, std::uint32_t flag) {
      const std::uint32_t h = word_hash(w);
      std::size_t at = h & 127;
      while (t.flag[at] && t.hash[at] != h) at = (at + 1) & 127;
      t.hash[at] = h;
      t.flag[at] |= flag;
    };
    for (auto w : sensitive_words()) add(w, 0x80000000u);
    for (std::string_view w : {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"}) add(w, 0x40000000u);
    return t;
  }();
  // The last two words' hashes and flags are kept as the words are read (no table of them:
  // fresh memory costs a long licence a page fault every thousand words).
  out.resize(tokens.size() - kGram + 1);
  std::uint32_t before_hash = 0, last_hash = 0, last_flag = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& word = tokens[i].word;
    const std::uint32_t h = word_hash(word);
    std::uint32_t flag = 0;
    if (!word.empty() && word[0] >= '0' && word[0] <= '9') {
      flag = is_numeral(word) ? 0x40000000u : 0u;
    } else {
      for (std::size_t at = h & 127; table.flag[at]; at = (at + 1) & 127) {
        if (table.hash[at] != h) continue;
        flag = (is_sensitive(word) ? 0x80000000u : 0u) | (is_numeral(word) ? 0x40000000u : 0u);
        break;
      }
    }
    if (i >= 2) out[i - 2] = trigram_hash(before_hash, last_hash, h) | last_flag;
    before_hash = last_hash;
    last_hash = h;
    last_flag = flag;
  }
  return out;
}

void optional_parts(const std::vector<Token>& tokens, std::uint32_t& head, std::uint32_t& tail) {
  // The header: the short paragraphs before the first one of 20 words or more (title,
  // version, what remains of copyright lines), at most 40 words.
  head = 0;
  std::size_t i = 0;
  while (i < tokens.size()) {
    std::size_t j = i;
    while (j < tokens.size() && tokens[j].paragraph == tokens[i].paragraph) ++j;
    if (j - i >= 20 || j > 40) break;
    i = j;
  }
  if (tokens.size() - i >= 50) head = static_cast<std::uint32_t>(i);
  auto find = [&](const Phrase& p) {
    for (std::size_t k = 0; k + p.size() <= tokens.size(); ++k) {
      if (at_phrase(tokens, k, p)) return k;
    }
    return tokens.size();
  };
  // The Creative Commons 4.0 licences: the foreword ("Creative Commons Corporation is not a law
  // firm...", "Using Creative Commons Public Licenses", the considerations for licensors and
  // the public, with or without their wiki addresses) is optional, like a title; the licence
  // starts at "By exercising the Licensed Rights".
  static const Phrase cc_foreword = {"creative", "commons", "corporation"};
  static const Phrase cc_start = {"by", "exercising", "the", "licensed", "rights"};
  const std::size_t foreword = find(cc_foreword), start = find(cc_start);
  if (foreword < start && start < tokens.size() && start + 50 <= tokens.size()) head = static_cast<std::uint32_t>(start);
  const std::size_t grams = tokens.size() >= kGram ? tokens.size() - kGram + 1 : 0;
  std::size_t t = grams;
  // What follows the terms is an optional appendix ("How to apply...", Creative Commons'
  // closing notice about its trademark), and so is the "END OF TERMS AND CONDITIONS" line
  // itself (a copy that stops at the last section is the whole licence).
  static const Phrase marker = {"end", "of", "terms", "and", "conditions"};
  static const Phrase cc_closing = {"creative", "commons", "is", "not", "party", "to", "its", "public", "licenses"};
  std::size_t k = find(marker);
  if (k == tokens.size()) k = find(cc_closing);
  if (k < tokens.size() && k + 1 >= kGram) t = k + 1 - kGram;  // grams wholly before the line
  tail = static_cast<std::uint32_t>(std::max<std::size_t>(head, std::min(t, grams)));
}

}  // namespace pacte::license_text
