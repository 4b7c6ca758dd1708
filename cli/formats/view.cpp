#include "cli/formats/view.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace pacte::formats {

namespace {

std::string str_of(const json& j, std::string_view key, std::string_view fallback = {}) {
  if (!j.is_object()) return std::string(fallback);
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string(fallback);
  if (it->is_string()) return to_valid_utf8(it->get_ref<const std::string&>());
  if (it->is_number() || it->is_boolean()) return it->dump();
  return std::string(fallback);
}

long long int_of(const json& j, std::string_view key, long long fallback = 0) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (it->is_number_integer() || it->is_number_unsigned()) return it->get<long long>();
  if (it->is_number_float()) {
    double d = it->get<double>();
    return std::isfinite(d) ? static_cast<long long>(d) : fallback;
  }
  return fallback;
}

std::optional<double> num_of(const json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  double d = it->get<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

std::vector<std::string> strings_of(const json& j, std::string_view key) {
  std::vector<std::string> out;
  if (!j.is_object()) return out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(to_valid_utf8(v.get_ref<const std::string&>()));
    else if (v.is_object()) out.push_back(str_of(v, "message", v.dump(-1, ' ', false, json::error_handler_t::replace)));
  }
  return out;
}

const json& member(const json& j, std::string_view key) {
  static const json null_value;
  if (!j.is_object()) return null_value;
  auto it = j.find(key);
  return it == j.end() ? null_value : *it;
}

Finding read_finding(const json& r, std::size_t index) {
  Finding f;
  f.index = index;
  f.rule = str_of(r, "rule", "?");
  f.principle = str_of(r, "principle");
  f.severity = str_of(r, "severity", "medium");
  f.status = str_of(r, "status");
  f.title = str_of(r, "title", f.rule);
  if (f.title.empty()) f.title = f.rule;
  f.message = str_of(r, "message");
  f.remediation = str_of(r, "remediation");
  f.fingerprint = str_of(r, "fingerprint");
  const json& refs = member(r, "references");
  if (refs.is_array())
    for (const auto& ref : refs) {
      if (!ref.is_object()) continue;
      f.references.push_back({str_of(ref, "title"), str_of(ref, "url")});
    }
  const json& ev = member(r, "evidence");
  if (ev.is_array())
    for (const auto& e : ev) {
      if (!e.is_object()) continue;
      Evidence x;
      x.path = str_of(e, "path");
      x.line = static_cast<int>(std::clamp<long long>(int_of(e, "line"), 0, 1LL << 30));
      x.snippet = str_of(e, "snippet");
      x.note = str_of(e, "note");
      f.evidence.push_back(std::move(x));
    }
  const json& is_new = member(r, "new");
  if (is_new.is_boolean()) f.is_new = is_new.get<bool>();
  const json& waiver = member(r, "waiver");
  if (waiver.is_object()) f.waiver = Waiver{str_of(waiver, "reason"), str_of(waiver, "until")};
  return f;
}

}  // namespace

ReportView read_report(const json& report) {
  ReportView v;
  v.pacte_version = str_of(report, "pacte_version", "0.0.0");
  v.generated_at = str_of(report, "generated_at");
  const json& repo = member(report, "repository");
  v.repo_path = str_of(repo, "path");
  v.commit = str_of(repo, "commit");
  v.ref = str_of(repo, "ref");
  v.worktree = member(repo, "worktree").is_boolean() && member(repo, "worktree").get<bool>();
  const json& charter = member(report, "charter");
  v.charter_path = str_of(charter, "path");
  v.charter_source = str_of(charter, "source", "none");
  v.charter_errors = strings_of(charter, "errors");
  v.charter_warnings = strings_of(charter, "warnings");
  v.score = num_of(report, "score");
  v.verdict = str_of(report, "verdict");

  const json& principles = member(report, "principles");
  auto add_principle = [&](const std::string& key) {
    const json& p = member(principles, key);
    PrincipleSummary s;
    s.key = key;
    s.score = num_of(p, "score");
    s.passed = int_of(p, "passed");
    s.failed = int_of(p, "failed");
    s.skipped = int_of(p, "skipped");
    s.errors = int_of(p, "errors");
    s.waived = int_of(p, "waived");
    v.principles.push_back(std::move(s));
  };
  for (auto key : kPrinciples) add_principle(std::string(key));
  if (principles.is_object())  // nlohmann orders object keys: deterministic.
    for (const auto& [key, value] : principles.items())
      if (std::find(std::begin(kPrinciples), std::end(kPrinciples), key) == std::end(kPrinciples))
        add_principle(to_valid_utf8(key));

  const json& results = member(report, "results");
  if (results.is_array())
    for (std::size_t i = 0; i < results.size(); ++i)
      if (results[i].is_object()) v.results.push_back(read_finding(results[i], i));

  v.facts = member(report, "facts");
  const json& history = member(v.facts, "history");
  if (history.is_object()) {
    v.has_history = true;
    const json& monthly = member(history, "monthly");
    if (monthly.is_array())
      for (const auto& m : monthly)
        if (m.is_object()) v.monthly.push_back({str_of(m, "month"), std::max(0LL, int_of(m, "commits"))});
  }
  const json& baseline = member(report, "baseline");
  if (baseline.is_object()) {
    v.new_failures = int_of(baseline, "new_failures");
    v.known_failures = int_of(baseline, "known_failures");
  }
  return v;
}

int severity_rank(std::string_view s) {
  if (s == "critical") return 0;
  if (s == "high") return 1;
  if (s == "medium") return 2;
  if (s == "low") return 3;
  return 4;
}

std::vector<const Finding*> failures_by_severity(const ReportView& view) {
  std::vector<const Finding*> out;
  for (const auto& f : view.results)
    if (f.status == "fail") out.push_back(&f);
  std::stable_sort(out.begin(), out.end(), [](const Finding* a, const Finding* b) {
    int ra = severity_rank(a->severity), rb = severity_rank(b->severity);
    if (ra != rb) return ra < rb;
    bool na = a->is_new.value_or(false), nb = b->is_new.value_or(false);
    if (na != nb) return na;
    return a->index < b->index;
  });
  return out;
}

// ---- Labels -------------------------------------------------------------------------------

namespace {

struct Entry {
  L id;
  std::string_view en;
  std::string_view fr;
};

// clang-format off
constexpr Entry kLabels[] = {
  {L::report_title, "Compliance report", "Rapport de conformité"},
  {L::score, "Score", "Score"},
  {L::verdict, "Verdict", "Verdict"},
  {L::principle, "Principle", "Principe"},
  {L::principles, "Principles", "Principes"},
  {L::passed, "Passed", "Réussis"},
  {L::failed, "Failed", "Échoués"},
  {L::skipped, "Skipped", "Ignorés"},
  {L::errors, "Errors", "Erreurs"},
  {L::waived, "Waived", "Dérogations"},
  {L::total, "Total", "Total"},
  {L::failures, "Failures", "Échecs"},
  {L::no_failures, "No rule failed.", "Aucune règle en échec."},
  {L::other_results, "Other results", "Autres résultats"},
  {L::evidence, "Evidence", "Preuves"},
  {L::remediation, "Remediation", "Correction"},
  {L::references, "References", "Références"},
  {L::rule, "Rule", "Règle"},
  {L::severity, "Severity", "Gravité"},
  {L::status, "Status", "Statut"},
  {L::message, "Message", "Message"},
  {L::repository, "Repository", "Dépôt"},
  {L::commit, "Commit", "Commit"},
  {L::ref, "Reference", "Référence"},
  {L::worktree, "working tree (uncommitted files included)", "copie de travail (fichiers non commités inclus)"},
  {L::generated, "Generated", "Généré le"},
  {L::charter, "Charter", "Charte"},
  {L::charter_none, "no charter found: rules that need a declaration fail", "aucune charte trouvée : les règles qui demandent une déclaration échouent"},
  {L::charter_errors, "Charter errors", "Erreurs de la charte"},
  {L::charter_warnings, "Charter warnings", "Avertissements de la charte"},
  {L::activity, "Activity over 24 months", "Activité sur 24 mois"},
  {L::activity_none, "No git history: the audited folder is not a git repository.", "Pas d'historique git : le dossier audité n'est pas un dépôt git."},
  {L::commits, "commits", "commits"},
  {L::commits_in_24_months, "{} commits in the last 24 months, at most {} in one month", "{} commits sur les 24 derniers mois, au plus {} en un mois"},
  {L::more_findings, "{} more findings, see the full report.", "{} autres constats, voir le rapport complet."},
  {L::more_locations, "and {} more locations", "et {} autres emplacements"},
  {L::see_full_report, "see the full report", "voir le rapport complet"},
  {L::new_finding, "new", "nouveau"},
  {L::known_finding, "known", "connu"},
  {L::baseline_summary, "Against the baseline: {} new failures, {} already known.", "Par rapport à la référence : {} nouveaux échecs, {} déjà connus."},
  {L::waiver_until, "until", "jusqu'au"},
  {L::filters, "Filters", "Filtres"},
  {L::filter_principle, "Principle", "Principe"},
  {L::filter_status, "Status", "Statut"},
  {L::facts, "What the repository shows", "Ce que montre le dépôt"},
  {L::licenses, "Licences", "Licences"},
  {L::trackers, "Trackers", "Traceurs"},
  {L::languages, "Languages", "Langues"},
  {L::accessibility_statement, "Accessibility statement", "Déclaration d'accessibilité"},
  {L::history, "History", "Historique"},
  {L::last_commit, "Last commit", "Dernier commit"},
  {L::commits_90d, "Commits (90 days)", "Commits (90 jours)"},
  {L::commits_365d, "Commits (365 days)", "Commits (365 jours)"},
  {L::contributors_365d, "Contributors (365 days)", "Contributeurs (365 jours)"},
  {L::contributor_absence_factor, "Contributor absence factor", "Facteur d'absence des contributeurs"},
  {L::last_tag, "Last tag", "Dernière étiquette"},
  {L::none, "none", "aucun"},
  {L::not_scored, "not scored", "non noté"},
  {L::data_table, "Data table", "Tableau des données"},
  {L::month, "Month", "Mois"},
  {L::line, "line", "ligne"},
  {L::note, "Note", "Note"},
  {L::score_out_of, "out of 100", "sur 100"},
  {L::diff_title, "Changes between the two reports", "Évolution entre les deux rapports"},
  {L::diff_new, "New failures", "Nouveaux échecs"},
  {L::diff_fixed, "Fixed", "Corrigés"},
  {L::diff_now, "now", "désormais"},
  {L::diff_unchanged, "No finding appeared or disappeared.", "Aucun constat n'est apparu ni n'a disparu."},
  {L::diff_worse, "Something got worse.", "Quelque chose s'est dégradé."},
  {L::diff_better, "Nothing got worse.", "Rien ne s'est dégradé."},
  {L::diff_same, "unchanged", "inchangé"},
  {L::findings_not_shown, "{} more findings not shown, see the full report", "{} autres constats non affichés, voir le rapport complet"},
  {L::results_not_included, "{} failing results were left out: GitHub accepts at most {} results per run.", "{} résultats en échec ont été omis : GitHub accepte au plus {} résultats par exécution."},
  {L::sarif_charter_location, "No file evidence: located on the charter.", "Pas de preuve dans un fichier : rattaché à la charte."},
  {L::pass_status, "Passed", "Réussi"},
  {L::fail_status, "Failed", "Échec"},
  {L::skip_status, "Skipped", "Ignoré"},
  {L::error_status, "Error", "Erreur"},
  {L::waived_status, "Waived", "Dérogation"},
  {L::charter_error_note, "Rule could not be evaluated", "La règle n'a pas pu être évaluée"},
  {L::license_unknown, "unrecognised licence", "licence non reconnue"},
  {L::stats, "Scan", "Analyse"},
  {L::files_scanned, "files scanned", "fichiers analysés"},
  {L::duration, "duration", "durée"},
  {L::month_axis, "month", "mois"},
  {L::show_all, "All", "Tous"},
};
// clang-format on

static_assert(std::size(kLabels) == static_cast<std::size_t>(L::count_), "one entry per label");

constexpr bool labels_in_order() {
  for (std::size_t i = 0; i < std::size(kLabels); ++i)
    if (static_cast<std::size_t>(kLabels[i].id) != i) return false;
  return true;
}
static_assert(labels_in_order(), "kLabels follows the order of enum L");

}  // namespace

std::string_view label(L id, Lang lang) {
  const Entry& e = kLabels[static_cast<std::size_t>(id)];
  return lang == Lang::fr ? e.fr : e.en;
}

std::string principle_name(std::string_view key, Lang lang) {
  bool fr = lang == Lang::fr;
  if (key == "openness") return fr ? "Ouverture" : "Openness";
  if (key == "neutrality") return fr ? "Neutralité" : "Neutrality";
  if (key == "continuity") return fr ? "Continuité" : "Continuity";
  if (key == "equal_access") return fr ? "Égalité d'accès" : "Equal access";
  return std::string(key);
}

std::string verdict_name(std::string_view verdict, Lang lang) {
  bool fr = lang == Lang::fr;
  if (verdict == "compliant") return fr ? "conforme" : "compliant";
  if (verdict == "conditional") return fr ? "conditionnel" : "conditional";
  if (verdict == "non-compliant") return fr ? "non conforme" : "non-compliant";
  return std::string(verdict);
}

std::string severity_name(std::string_view severity, Lang lang) {
  bool fr = lang == Lang::fr;
  if (severity == "critical") return fr ? "Critique" : "Critical";
  if (severity == "high") return fr ? "Élevée" : "High";
  if (severity == "medium") return fr ? "Moyenne" : "Medium";
  if (severity == "low") return fr ? "Faible" : "Low";
  return std::string(severity);
}

std::string status_name(std::string_view status, Lang lang) {
  if (status == "pass") return std::string(label(L::pass_status, lang));
  if (status == "fail") return std::string(label(L::fail_status, lang));
  if (status == "skip") return std::string(label(L::skip_status, lang));
  if (status == "error") return std::string(label(L::error_status, lang));
  if (status == "waived") return std::string(label(L::waived_status, lang));
  return std::string(status);
}

std::string format_score(std::optional<double> score, Lang lang) {
  if (!score) return "\xE2\x80\x93";  // en dash
  std::string s = fmt::format("{:.1f}", *score);
  if (s == "-0.0") s = "0.0";
  if (lang == Lang::fr) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string format_delta(double delta, Lang lang) {
  double rounded = std::round(delta * 10.0) / 10.0;
  std::string s = fmt::format("{:.1f}", std::fabs(rounded));
  if (lang == Lang::fr) std::replace(s.begin(), s.end(), '.', ',');
  if (rounded > 0) return "+" + s;
  if (rounded < 0) return "\xE2\x88\x92" + s;  // minus sign
  return "\xC2\xB1" + s;                       // ±
}

// ---- Escaping ----------------------------------------------------------------------------

namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string one_line(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool space = false;
  for (char c : in) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string md_escape(std::string_view in) {
  std::string s = one_line(xml_clean(in));
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '#':
      case '!': case '(': case ')': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '@': {
        out += '@';
        // A word joiner after '@' keeps "@team" from notifying anyone in a PR comment.
        unsigned char next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        if (ascii_alnum(next)) out += "\xE2\x81\xA0";
        break;
      }
      default:
        out += c;
    }
  }
  // A leading '-', '+' or digit followed by '.' could start a list; '=' a setext heading.
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) out.insert(0, "\\");
  return out;
}

std::string md_code(std::string_view in) {
  std::string s = one_line(xml_clean(in));
  if (s.empty()) return "` `";
  std::size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  // A space on each side when the content starts or ends with a backtick (CommonMark strips one).
  bool pad = s.front() == '`' || s.back() == '`' || s.front() == ' ';
  return fence + (pad ? " " : "") + s + (pad ? " " : "") + fence;
}

std::string uri_encode_path(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep && c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

bool is_web_url(std::string_view url) {
  auto starts = [&](std::string_view p) {
    return url.size() > p.size() && ascii_lower(url.substr(0, p.size())) == p;
  };
  if (!starts("https://") && !starts("http://")) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
  return true;
}

std::string gh_escape_data(std::string_view in) {
  std::string s = to_valid_utf8(in);
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string gh_escape_property(std::string_view in) {
  std::string s = gh_escape_data(in);
  std::string out;
  for (char c : s) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string truncate_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max >= 3 ? max - 3 : 0;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";
}

std::string evidence_location(const Evidence& e) {
  if (e.path.empty()) return {};
  return e.line > 0 ? fmt::format("{}:{}", e.path, e.line) : e.path;
}

}  // namespace pacte::formats
