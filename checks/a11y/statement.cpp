#include "checks/a11y/statement.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <utility>

#include "checks/a11y/paths.hpp"
#include "checks/a11y/sources.hpp"
#include "checks/base/blob_cache.hpp"
#include "checks/base/text.hpp"
#include "checks/base/utf8.hpp"

namespace pacte {
namespace {

bool is_word_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80;
}


// Replaces tags by spaces (keeping newlines, so lines survive) and decodes common entities.
// Autolinks (`<contact@example.org>`, `<https://...>`) are kept.
std::string strip_markup(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  auto blank_range = [&](std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k) out += (s[k] == '\n') ? '\n' : ' ';
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '<' && s.compare(i, 4, "<!--") == 0) {
      auto e = s.find("-->", i + 4);
      e = e == std::string_view::npos ? s.size() : e + 3;
      blank_range(i, e);
      i = e;
      continue;
    }
    if (c == '<' && i + 1 < s.size() &&
        (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' || s[i + 1] == '!')) {
      auto e = s.find('>', i + 1);
      if (e != std::string_view::npos) {
        std::string_view inner = s.substr(i + 1, e - i - 1);
        bool autolink = inner.find(' ') == std::string_view::npos &&
                        (inner.find('@') != std::string_view::npos ||
                         inner.find("://") != std::string_view::npos);
        if (!autolink) {
          blank_range(i, e + 1);
          i = e + 1;
          continue;
        }
      }
    }
    if (c == '&') {
      auto e = s.find(';', i + 1);
      if (e != std::string_view::npos && e - i <= 10) {
        std::string_view name = s.substr(i + 1, e - i - 1);
        static const std::array<std::pair<std::string_view, unsigned long>, 22> kEntities = {{
            {"nbsp", 0xA0}, {"amp", '&'}, {"apos", '\''}, {"quot", '"'}, {"rsquo", 0x2019},
            {"lsquo", 0x2018}, {"eacute", 0xE9}, {"egrave", 0xE8}, {"ecirc", 0xEA},
            {"agrave", 0xE0}, {"acirc", 0xE2}, {"ccedil", 0xE7}, {"icirc", 0xEE},
            {"ocirc", 0xF4}, {"ucirc", 0xFB}, {"ugrave", 0xF9}, {"Eacute", 0xC9},
            {"laquo", 0xAB}, {"raquo", 0xBB}, {"ndash", 0x2013}, {"mdash", 0x2014},
            {"lt", '<'}}};
        unsigned long cp = 0;
        if (name.size() > 1 && name[0] == '#') {
          bool hex = name[1] == 'x' || name[1] == 'X';
          std::string digits(name.substr(hex ? 2 : 1));
          char* end = nullptr;
          cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
          if (digits.empty() || *end != '\0') cp = 0;
        } else {
          for (const auto& [n, v] : kEntities) {
            if (n == name) cp = v;
          }
        }
        if (cp > 0 && cp != '\n') {
          append_utf8(out, static_cast<char32_t>(cp));
          i = e + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

// The folded text for phrase matching: spaces, hyphens and Markdown emphasis collapse to one
// space; each byte remembers its line.
struct Matchable {
  std::string text;
  std::vector<int> line;

  explicit Matchable(std::string_view folded) {
    int current = 1;
    for (char c : folded) {
      bool sep = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*' || c == '_' ||
                 c == '`' || c == '-' || c == '|' || c == '#' || c == '>';
      if (sep) {
        if (!text.empty() && text.back() != ' ') {
          text += ' ';
          line.push_back(current);
        }
      } else {
        text += c;
        line.push_back(current);
      }
      if (c == '\n') ++current;
    }
  }

  int line_of(std::size_t pos) const { return line.empty() ? 0 : line[std::min(pos, line.size() - 1)]; }

  // Occurrences of `phrase` on word boundaries (the end boundary only when `whole`).
  std::vector<std::size_t> find_all(std::string_view phrase, bool whole = true) const {
    std::vector<std::size_t> out;
    std::size_t p = text.find(phrase);
    while (p != std::string::npos) {
      bool start_ok = p == 0 || !is_word_byte(text[p - 1]);
      std::size_t end = p + phrase.size();
      bool end_ok = !whole || end >= text.size() || !is_word_byte(text[end]);
      if (start_ok && end_ok) out.push_back(p);
      p = text.find(phrase, p + 1);
    }
    return out;
  }

  bool contains(std::string_view phrase, bool whole = true) const {
    return !find_all(phrase, whole).empty();
  }
};

struct StatusPhrase {
  std::string_view phrase;
  std::string_view status;
};

const StatusPhrase kStatusPhrases[] = {
    {"non conforme", "none"},           {"pas conforme", "none"},
    {"not compliant", "none"},          {"non compliant", "none"},
    {"not conformant", "none"},         {"non conformant", "none"},
    {"does not conform", "none"},       {"partiellement conforme", "partial"},
    {"conformite partielle", "partial"}, {"partially compliant", "partial"},
    {"partially conformant", "partial"}, {"partial compliance", "partial"},
    {"partial conformance", "partial"}, {"partly compliant", "partial"},
    {"partly conformant", "partial"},   {"totalement conforme", "full"},
    {"entierement conforme", "full"},   {"pleinement conforme", "full"},
    {"conformite totale", "full"},      {"fully compliant", "full"},
    {"fully conformant", "full"},       {"full compliance", "full"},
    {"full conformance", "full"},       {"totally compliant", "full"},
    {"partiellement conformes", "partial"},
    {"totalement conformes", "full"},   {"entierement conformes", "full"},
    {"en conformite partielle", "partial"}, {"totale conformite", "full"},
    {"pleine conformite", "full"},
    {"conformite complete", "full"},    {"pas en conformite", "none"},
    {"aucune conformite", "none"},
};

struct StatusMatch {
  std::size_t pos;
  std::size_t end;
  std::string_view status;
};

void find_status(const Matchable& m, StatementFacts& facts) {
  std::vector<StatusMatch> matches;
  for (const auto& sp : kStatusPhrases) {
    for (std::size_t p : m.find_all(sp.phrase)) matches.push_back({p, p + sp.phrase.size(), sp.status});
  }
  // "partiellement non conforme" must not also count as "non conforme" at a later position:
  // drop matches nested inside another.
  std::sort(matches.begin(), matches.end(), [](const StatusMatch& a, const StatusMatch& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.end > b.end;
  });
  std::vector<StatusMatch> kept;
  for (const auto& x : matches) {
    if (!kept.empty() && x.pos < kept.back().end) continue;
    kept.push_back(x);
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const auto& x = kept[i];
    // Negated: "n'est pas totalement conforme", "is not fully compliant".
    std::string_view before = std::string_view(m.text).substr(x.pos >= 8 ? x.pos - 8 : 0, x.pos >= 8 ? 8 : x.pos);
    if (x.status != "none" && (before.find("pas ") != std::string_view::npos ||
                               before.find("not ") != std::string_view::npos))
      continue;
    // An unfilled template listing the choices: "totalement / partiellement / non conforme".
    bool choice = false;
    auto is_choice_gap = [&](std::size_t from, std::size_t to) {
      if (to < from || to - from > 12) return false;
      std::string_view gap = std::string_view(m.text).substr(from, to - from);
      return gap.find('/') != std::string_view::npos || gap.find(" ou ") != std::string_view::npos ||
             gap.find(" or ") != std::string_view::npos || gap.find('[') != std::string_view::npos ||
             gap.find(',') != std::string_view::npos || gap == " ";
    };
    std::size_t j = i;
    while (j + 1 < kept.size() && kept[j + 1].status != kept[j].status &&
           is_choice_gap(kept[j].end, kept[j + 1].pos)) {
      ++j;
      choice = true;
    }
    if (choice) {
      i = j;
      continue;
    }
    facts.status = std::string(x.status);
    facts.status_line = m.line_of(x.pos);
    return;
  }
}

// "rgaa 4.1", "rgaa version 4.1", "rgaa v4.1.2", "wcag 2.1 niveau aa".
std::string version_after(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  // "(RGAA), version 4.1": the closing parenthesis and comma of the expanded name.
  while (i < text.size() && (text[i] == ' ' || text[i] == ')' || text[i] == ',')) ++i;
  for (std::string_view word : {"version ", "v. ", "v"}) {
    if (text.compare(i, word.size(), word) == 0 && i + word.size() < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[i + word.size()]))) {
      i += word.size();
      break;
    }
  }
  std::size_t b = i;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  std::string version(text.substr(b, i - b));
  while (!version.empty() && version.back() == '.') version.pop_back();
  return version;
}

std::string find_standard(const Matchable& m) {
  std::string best;
  for (std::size_t p : m.find_all("rgaa", false)) {
    std::size_t e = p + 4;
    if (e < m.text.size() && is_word_byte(m.text[e]) && !std::isdigit(static_cast<unsigned char>(m.text[e])))
      continue;
    std::string v = version_after(m.text, e);
    if (!v.empty()) return "RGAA " + v;
    best = "RGAA";
  }
  if (!best.empty()) return best;
  if (m.contains("referentiel general d'amelioration de l'accessibilite")) return "RGAA";
  for (std::size_t p : m.find_all("wcag", false)) {
    std::size_t e = p + 4;
    if (e < m.text.size() && is_word_byte(m.text[e]) && !std::isdigit(static_cast<unsigned char>(m.text[e])))
      continue;
    std::string v = version_after(m.text, e);
    if (v.empty()) {
      best = "WCAG";
      continue;
    }
    std::string out = "WCAG " + v;
    std::size_t i = m.text.find(v, e) + v.size();
    std::string_view rest = std::string_view(m.text).substr(std::min(i, m.text.size()));
    for (std::string_view level : {" niveau ", " level ", " "}) {
      if (rest.substr(0, level.size()) == level) {
        std::string_view after = rest.substr(level.size());
        for (std::string_view l : {"aaa", "aa"}) {
          if (after.substr(0, l.size()) == l && (after.size() == l.size() || !is_word_byte(after[l.size()]))) {
            return out + (l == "aa" ? " AA" : " AAA");
          }
        }
      }
    }
    return out;
  }
  if (!best.empty()) return best;
  if (m.contains("en 301 549")) return "EN 301 549";
  return {};
}

int month_number(std::string_view name) {
  static const std::array<std::string_view, 12> kFr = {"janvier", "fevrier", "mars", "avril",
                                                       "mai", "juin", "juillet", "aout",
                                                       "septembre", "octobre", "novembre", "decembre"};
  static const std::array<std::string_view, 12> kEn = {"january", "february", "march", "april",
                                                       "may", "june", "july", "august",
                                                       "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i) {
    if (name == kFr[static_cast<std::size_t>(i)] || name == kEn[static_cast<std::size_t>(i)]) return i + 1;
  }
  return 0;
}

std::string iso_date(int y, int m, int d) {
  return d > 0 ? fmt::format("{:04d}-{:02d}-{:02d}", y, m, d) : fmt::format("{:04d}-{:02d}", y, m);
}

struct DateMatch {
  std::size_t pos;
  std::string value;
};

// Every date in the folded text: ISO, dd/mm/yyyy, "1er mars 2026", "March 1, 2026", "mars 2026".
std::vector<DateMatch> find_dates(const std::string& text) {
  static const std::string kMonths =
      "(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
      "january|february|march|april|may|june|july|august|september|october|november|december)";
  static const RE2 iso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
  static const RE2 dmy(R"((\d{1,2})[/.](\d{1,2})[/.](\d{4}))");
  static const RE2 day_month(R"((\d{1,2})(?:er|st|nd|rd|th)?\s+)" + kMonths + R"(,?\s+(\d{4}))");
  static const RE2 month_day(kMonths + R"(\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))");
  static const RE2 month_year(kMonths + R"(\s+(\d{4}))");
  std::vector<DateMatch> out;
  re2::StringPiece input(text);
  auto scan = [&](const RE2& re, auto make) {
    re2::StringPiece groups[4];
    std::size_t start = 0;
    while (start < text.size() &&
           re.Match(input, start, text.size(), RE2::UNANCHORED, groups, 4)) {
      auto pos = static_cast<std::size_t>(groups[0].data() - text.data());
      std::string value = make(groups);
      if (!value.empty()) out.push_back({pos, value});
      start = pos + std::max<std::size_t>(groups[0].size(), 1);
    }
  };
  auto num = [](const re2::StringPiece& g) { return std::atoi(std::string(g.data(), g.size()).c_str()); };
  auto valid = [](int y, int m, int d) { return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 0 && d <= 31; };
  scan(iso, [&](re2::StringPiece* g) {
    int y = num(g[1]), m = num(g[2]), d = num(g[3]);
    return valid(y, m, d) && d > 0 ? iso_date(y, m, d) : std::string();
  });
  scan(dmy, [&](re2::StringPiece* g) {
    int d = num(g[1]), m = num(g[2]), y = num(g[3]);
    return valid(y, m, d) && d > 0 ? iso_date(y, m, d) : std::string();
  });
  scan(day_month, [&](re2::StringPiece* g) {
    int d = num(g[1]), m = month_number(std::string_view(g[2].data(), g[2].size())), y = num(g[3]);
    return valid(y, m, d) && d > 0 ? iso_date(y, m, d) : std::string();
  });
  scan(month_day, [&](re2::StringPiece* g) {
    int m = month_number(std::string_view(g[1].data(), g[1].size())), d = num(g[2]), y = num(g[3]);
    return valid(y, m, d) && d > 0 ? iso_date(y, m, d) : std::string();
  });
  scan(month_year, [&](re2::StringPiece* g) {
    int m = month_number(std::string_view(g[1].data(), g[1].size())), y = num(g[2]);
    return valid(y, m, 0) ? iso_date(y, m, 0) : std::string();
  });
  // Earliest first; at one position the most precise (longest) value wins.
  std::sort(out.begin(), out.end(), [](const DateMatch& a, const DateMatch& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.value.size() > b.value.size();
  });
  return out;
}

// The audit date: the first date with an audit word shortly before it.
std::string find_audit_date(const std::string& folded) {
  // "Cette déclaration a été établie le ..." dates the statement, not the audit.
  static const std::array<std::string_view, 11> kAuditWords = {
      "audit", "evaluation", "evalue", "assessment", "assessed", "test", "controle",
      "review", "realise", "conducted", "effectue"};
  std::string flat = folded;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  std::size_t last_pos = std::string::npos;
  for (const auto& d : find_dates(flat)) {
    if (d.pos == last_pos) continue;  // a less precise reading of the same date
    last_pos = d.pos;
    std::size_t from = d.pos > 200 ? d.pos - 200 : 0;
    std::string_view window = std::string_view(flat).substr(from, d.pos - from);
    for (auto w : kAuditWords) {
      if (window.find(w) != std::string_view::npos) return d.value;
    }
  }
  return {};
}

bool has_email(const std::string& folded) {
  static const RE2 email(R"([a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})");
  return RE2::PartialMatch(folded, email);
}

std::string stem_name(std::string_view file) {
  std::string folded = a11y::fold_text(file);
  auto dot = folded.find('.', 1);
  if (dot != std::string::npos && dot > 0) folded.erase(dot);
  for (char& c : folded) {
    if (!is_word_byte(c) || static_cast<unsigned char>(c) >= 0x80) c = '-';
  }
  return folded;
}

int name_score(std::string_view path) {
  auto segments = a11y::path_segments(path);
  if (segments.empty()) return 0;
  std::string stem = stem_name(segments.back());
  if ((stem == "index" || stem == "page" || stem == "-page" || stem == "readme" || stem == "-index") &&
      segments.size() >= 2) {
    stem = stem_name(std::string(segments[segments.size() - 2]) + ".x");
  }
  static const std::array<std::string_view, 12> kExact = {
      "accessibilite", "accessibility", "declaration-accessibilite",
      "declaration-d-accessibilite", "declaration-daccessibilite", "accessibility-statement",
      "a11y-statement", "statement-accessibility", "declaration-accessibility",
      "accessibilite-numerique", "accessibility-declaration", "declaration-of-accessibility"};
  if (std::find(kExact.begin(), kExact.end(), stem) != kExact.end()) return 3;
  if (stem.find("accessibilite") != std::string::npos || stem.find("accessibility") != std::string::npos ||
      stem.find("a11y-statement") != std::string::npos)
    return 2;
  return 0;
}

bool statement_phrase(const Matchable& m) {
  if (m.contains("declaration d'accessibilite") || m.contains("declaration d accessibilite") ||
      m.contains("accessibility statement") || m.contains("etat de conformite") ||
      m.contains("compliance status") || m.contains("conformance status"))
    return true;
  // The sections of the DSFR statement page: two of them make a statement.
  int sections = 0;
  for (std::string_view heading : {"resultats des tests", "contenus non accessibles",
                                   "etablissement de cette declaration", "voies de recours",
                                   "retour d'information et contact", "environnement de test",
                                   "technologies utilisees pour la realisation"}) {
    if (m.contains(heading)) ++sections;
  }
  return sections >= 2;
}

}  // namespace

StatementFacts read_statement(std::string_view path, std::string_view content) {
  StatementFacts facts;
  facts.path = std::string(path);
  std::string folded = a11y::fold_text(strip_markup(content));
  Matchable m(folded);
  facts.found = m.text.find("accessib") != std::string::npos;
  find_status(m, facts);
  facts.standard = find_standard(m);
  facts.audit_date = find_audit_date(folded);
  facts.has_contact = has_email(folded) || folded.find("mailto:") != std::string::npos ||
                      m.contains("retour d'information") || m.contains("nous contacter") ||
                      m.contains("contactez", false) || m.contains("formulaire de contact") ||
                      m.contains("contact form") || m.contains("contact us") ||
                      m.contains("feedback") || m.contains("contacter le responsable") ||
                      m.contains("nous ecrire") || m.contains("ecrivez nous") ||
                      // A "report a problem" section whose address is a template variable.
                      m.contains("signaler un dysfonctionnement") || m.contains("nous en faire part");
  facts.has_recourse = m.contains("defenseur des droits") ||
                       folded.find("defenseurdesdroits") != std::string::npos ||
                       m.contains("rights defender") || m.contains("defender of rights");
  facts.has_non_accessible_content =
      m.contains("non accessible", false) || m.contains("inaccessible content") ||
      m.contains("not accessible") || m.contains("non conformite", false) ||
      m.contains("non conformities") || m.contains("non compliance");
  if (facts.status.empty()) facts.missing.emplace_back("status");
  if (facts.standard.empty()) facts.missing.emplace_back("standard");
  if (facts.audit_date.empty()) facts.missing.emplace_back("audit_date");
  if (!facts.has_contact) facts.missing.emplace_back("contact");
  if (!facts.has_recourse) facts.missing.emplace_back("recourse");
  if ((facts.status == "partial" || facts.status == "none") && !facts.has_non_accessible_content)
    facts.missing.emplace_back("non_accessible_content");
  return facts;
}

void to_json(nlohmann::json& j, const FooterStatus& s) { to_cache_array(j, s.status, s.path, s.line); }

void from_json(const nlohmann::json& j, FooterStatus& s) { from_cache_array(j, s.status, s.path, s.line); }

void to_json(nlohmann::json& j, const OwnStatementText& s) { to_cache_array(j, s.mentions_accessibility, s.phrase); }

void from_json(const nlohmann::json& j, OwnStatementText& s) { from_cache_array(j, s.mentions_accessibility, s.phrase); }

std::string statement_text(const Snapshot& snapshot, std::string_view path) {
  a11y::PageTextReader reader(snapshot);
  return reader.text(path).value_or(std::string());
}

namespace {

// Reads the statement at `path`: its own text, then what it brings in. A status found past the
// file's own lines has line 0: it is in another file.
StatementFacts read_with(a11y::PageTextReader& reader, const Snapshot& snapshot, std::string_view path) {
  auto own = snapshot.read(path);
  auto text = reader.text(path);
  if (!own || !text) {
    StatementFacts facts;
    facts.path = std::string(path);
    return facts;
  }
  StatementFacts facts = read_statement(path, *text);
  int own_lines = static_cast<int>(std::count(own->begin(), own->end(), '\n')) + 1;
  if (facts.status_line > own_lines) facts.status_line = 0;
  return facts;
}

const std::vector<std::string_view> kStatementExtensions = {
    ".md", ".markdown", ".mdx", ".txt", ".rst", ".adoc", ".html", ".htm", ".xhtml", ".tsx",
    ".jsx", ".vue", ".svelte", ".astro", ".php", ".phtml", ".twig", ".erb", ".rhtml", ".ejs",
    ".njk", ".liquid", ".haml", ".slim", ".gsp", ".jsp", ".cshtml", ".razor", ".hbs",
    ".handlebars", ".mustache", ".pug", ".jade", ".j2", ".jinja", ".jinja2", ".eex", ".heex",
    ".leex", ".tpl", ".ftl", ".ftlh"};

// Scripts are statements only when their name says so (`pages/accessibilite.js`).
const std::vector<std::string_view> kScriptExtensions = {".js", ".mjs", ".ts", ".cjs", ".mts"};

bool ends_with_any(const std::string& base, const auto& extensions) {
  return std::any_of(extensions.begin(), extensions.end(), [&](std::string_view e) {
    return base.size() > e.size() && base.compare(base.size() - e.size(), e.size(), e) == 0;
  });
}

std::vector<std::string> candidates_with(a11y::PageTextReader& reader, const Snapshot& snapshot,
                                         std::string_view under) {
  struct Candidate {
    std::string path;
    int score;
    std::size_t depth;
  };
  std::vector<Candidate> found;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file) continue;
    if (!under.empty() && entry.path.compare(0, under.size(), under) != 0) continue;
    std::string base = ascii_lower(path_basename(entry.path));
    bool document = ends_with_any(base, kStatementExtensions);
    bool script = ends_with_any(base, kScriptExtensions);
    if ((!document && !script) || a11y::in_vendored_folder(entry.path) || a11y::is_test_path(entry.path) ||
        a11y::is_example_path(entry.path)) continue;
    int by_name = name_score(entry.path);
    if (script && by_name == 0) continue;
    // A file another check loaded and found without "ccessib" says nothing of accessibility.
    if (by_name == 0 && !snapshot.may_hold(entry, kAccessibilityWord)) continue;
    std::size_t depth = a11y::path_segments(entry.path).size();
    if (entry.size > (1u << 20)) {
      if (by_name > 0) found.push_back({entry.path, by_name * 2, depth});
      continue;
    }
    // What the file's own text says is kept per blob (BlobCache): most files say nothing of
    // accessibility, and are not read again by a later audit.
    const auto said = BlobCache::through<std::optional<OwnStatementText>>(
        snapshot, "a11y-statement-own", entry, [&]() -> std::optional<OwnStatementText> {
          auto content = snapshot.read(entry);
          if (!content) return std::nullopt;
          OwnStatementText out;
          // A file whose bytes never spell "accessib" (any case) cannot say it once its markup
          // is stripped and its text folded: the word has no accented letter. Most files don't,
          // and folding them all was a tenth of an audit's CPU on template trees.
          if (by_name == 0 && find_ascii_folded(*content, "accessib") == std::string_view::npos) return out;
          const std::string own = a11y::fold_text(strip_markup(*content));
          out.mentions_accessibility = own.find("accessib") != std::string::npos;
          if (by_name > 0 || out.mentions_accessibility) out.phrase = statement_phrase(Matchable(own));
          return out;
        });
    if (!said) {
      if (by_name > 0) found.push_back({entry.path, by_name * 2, depth});
      continue;
    }
    int score = by_name * 2;
    if (by_name > 0 || said->mentions_accessibility) {
      bool phrase = said->phrase;
      if (by_name > 0 || phrase) {
        // What users read: the file, its components and its translations.
        auto text = reader.text(entry.path);
        std::string folded;
        if (text) {
          folded = a11y::fold_text(strip_markup(*text));
        } else if (auto content = snapshot.read(entry)) {
          folded = a11y::fold_text(strip_markup(*content));
        }
        Matchable m(folded);
        if (!phrase) phrase = statement_phrase(m);
        if (phrase) score += 2;
        StatementFacts probe;
        find_status(m, probe);
        if (!probe.status.empty()) score += 6;
      }
    }
    if (score > 0) found.push_back({entry.path, score, depth});
  }
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.depth != b.depth) return a.depth < b.depth;
    return a.path < b.path;
  });
  std::vector<std::string> out;
  for (auto& c : found) out.push_back(std::move(c.path));
  return out;
}

// The status a footer line states in `folded` text: "accessibilite : partiellement conforme",
// the status phrase right after the colon. Sets `status` and `line`; false when none.
bool footer_status_line(const Matchable& m, FooterStatus& out) {
  for (std::string_view word : {std::string_view("accessibilite"), std::string_view("accessibility")}) {
    for (std::size_t p : m.find_all(word)) {
      std::size_t q = p + word.size();
      if (q < m.text.size() && m.text[q] == ' ') ++q;
      if (q >= m.text.size() || m.text[q] != ':') continue;
      ++q;
      if (q < m.text.size() && m.text[q] == ' ') ++q;
      std::string_view rest = std::string_view(m.text).substr(q);
      const StatusPhrase* best = nullptr;
      for (const auto& sp : kStatusPhrases) {
        if (rest.substr(0, sp.phrase.size()) != sp.phrase) continue;
        if (rest.size() > sp.phrase.size() && is_word_byte(rest[sp.phrase.size()])) continue;
        if (!best || sp.phrase.size() > best->phrase.size()) best = &sp;
      }
      if (!best) continue;
      out.status = std::string(best->status);
      out.line = m.line_of(q);
      return true;
    }
  }
  return false;
}

// How a file's path ranks as a footer: 0 named footer or pied, 1 named layout, 2 otherwise.
int footer_rank(std::string_view path) {
  std::string lowered = ascii_lower(path);
  std::string_view base = path_basename(lowered);
  if (base.find("footer") != std::string_view::npos || base.find("pied") != std::string_view::npos) return 0;
  if (lowered.find("layout") != std::string::npos) return 1;
  return 2;
}

}  // namespace

std::optional<FooterStatus> find_footer_status(const Snapshot& snapshot) {
  std::optional<FooterStatus> best;
  int best_rank = 3;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file || entry.size > (1u << 20)) continue;
    std::string base = ascii_lower(path_basename(entry.path));
    if (!ends_with_any(base, kStatementExtensions) && !ends_with_any(base, kScriptExtensions)) continue;
    if (a11y::in_vendored_folder(entry.path) || a11y::is_test_path(entry.path) ||
        a11y::is_example_path(entry.path)) continue;
    int rank = footer_rank(entry.path);
    if (rank >= best_rank) continue;
    if (!snapshot.may_hold(entry, kAccessibilityWord)) continue;  // shows no "Accessibilité :"
    // Kept per blob and path (the rank is the path's): most files show no status.
    auto shown = BlobCache::through<std::optional<FooterStatus>>(
        snapshot, "a11y-footer-status", entry, [&]() -> std::optional<FooterStatus> {
          auto content = snapshot.read(entry);
          if (!content || content->find("ccessibilit") == std::string::npos) return std::nullopt;
          if (rank == 2 && content->find("<footer") == std::string::npos &&
              content->find("fr-footer") == std::string::npos && content->find("<Footer") == std::string::npos)
            return std::nullopt;
          std::string folded = a11y::fold_text(strip_markup(*content));
          FooterStatus found;
          if (!footer_status_line(Matchable(folded), found)) return std::nullopt;
          found.path = entry.path;
          return found;
        });
    if (!shown) continue;
    best = std::move(*shown);
    best_rank = rank;
    if (rank == 0) break;
  }
  return best;
}

namespace {

// The statement's facts completed by the status a footer or layout shows, when the
// statement itself states none.
StatementFacts with_footer_status(const Snapshot& snapshot, StatementFacts facts) {
  if (!facts.found || !facts.status.empty()) return facts;
  auto footer = find_footer_status(snapshot);
  if (!footer) return facts;
  facts.status = footer->status;
  facts.status_line = footer->line;
  facts.status_path = footer->path;
  facts.missing.erase(std::remove(facts.missing.begin(), facts.missing.end(), "status"), facts.missing.end());
  if ((facts.status == "partial" || facts.status == "none") && !facts.has_non_accessible_content)
    facts.missing.emplace_back("non_accessible_content");
  return facts;
}

StatementFacts read_statement_file_alone(const Snapshot& snapshot, std::string_view path) {
  a11y::PageTextReader reader(snapshot);
  if (snapshot.find(path)) return read_with(reader, snapshot, path);
  // A folder: its best candidate.
  std::string folder(path);
  while (!folder.empty() && folder.back() == '/') folder.pop_back();
  if (!folder.empty()) {
    for (const auto& candidate : candidates_with(reader, snapshot, folder + "/")) {
      StatementFacts facts = read_with(reader, snapshot, candidate);
      if (facts.found) return facts;
    }
  }
  StatementFacts facts;
  facts.path = std::string(path);
  return facts;
}

}  // namespace

StatementFacts read_statement_file(const Snapshot& snapshot, std::string_view path) {
  return with_text_outside(snapshot, with_footer_status(snapshot, read_statement_file_alone(snapshot, path)));
}

std::vector<std::string> find_statement_candidates(const Snapshot& snapshot) {
  a11y::PageTextReader reader(snapshot);
  return candidates_with(reader, snapshot, "");
}

}  // namespace pacte
