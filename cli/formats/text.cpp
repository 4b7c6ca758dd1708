// The default text report: a one-screen summary, then failures with evidence and remediation.
#include <algorithm>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const { return on ? fmt::format("\033[{}m{}\033[0m", code, s) : s; }
};

const char* tr(Lang lang, const char* en, const char* fr) { return lang == Lang::fr ? fr : en; }

// Text from the audited repository, the charter or a rule pack, made safe for a terminal or a
// CI log: control characters (a newline or an escape sequence in a file name) are shown as \xNN,
// C1 controls (U+0080 to U+009F) and the bidirectional controls that reorder what a reader sees
// (U+202E, right-to-left override, among them) as a backslash, "u" and four hex digits.
std::string clean(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
      continue;
    }
    // Two- and three-byte UTF-8 sequences of the code points to show escaped.
    const auto next = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    unsigned code = 0;
    std::size_t length = 0;
    if (c == 0xc2 && next(1) >= 0x80 && next(1) <= 0x9f) code = next(1), length = 2;  // C1 controls
    else if (c == 0xd8 && next(1) == 0x9c) code = 0x061c, length = 2;                // Arabic letter mark
    else if (c == 0xe2 && next(1) == 0x80 && ((next(2) >= 0x8e && next(2) <= 0x8f) || (next(2) >= 0xaa && next(2) <= 0xae)))
      code = 0x2000 + (next(2) - 0x80), length = 3;  // U+200E, U+200F, U+202A to U+202E
    else if (c == 0xe2 && next(1) == 0x81 && next(2) >= 0xa6 && next(2) <= 0xa9)
      code = 0x2040 + (next(2) - 0x80), length = 3;  // U+2066 to U+2069
    if (length > 0) {
      out += fmt::format("\\u{:04x}", code);
      i += length - 1;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

const char* severity_color(const std::string& s) {
  if (s == "critical") return "1;31";
  if (s == "high") return "31";
  if (s == "medium") return "33";
  return "36";
}

void print_result(std::string& o, const Finding& r, Lang lang, const Style& st, bool with_remediation) {
  o += fmt::format("  {} {}  {}\n", st(severity_color(r.severity), "[" + r.severity + "]"), st("1", r.rule), clean(r.title));
  if (r.is_new.value_or(false)) o.append("    ") += st("1;35", tr(lang, "NEW since the baseline", "NOUVEAU depuis la référence")) + "\n";
  o.append("    ") += clean(r.message) + "\n";
  for (const auto& e : r.evidence) {
    std::string where = clean(e.path);
    if (e.line > 0) where.append(":").append(std::to_string(e.line));
    o.append("      ") += st("2", where);
    if (!e.snippet.empty()) o.append("  ") += clean(e.snippet);
    if (!e.note.empty()) o.append("  (") += clean(e.note) + ")";
    o += "\n";
  }
  if (with_remediation && !r.remediation.empty()) o.append("    ") += st("32", std::string("→ ") + clean(r.remediation)) + "\n";
}

}  // namespace

std::string render_text(const json& report, Lang lang, bool color) {
  const ReportView view = read_report(report);
  Style st{color};
  std::string o;
  std::string commit = !view.commit.empty() ? view.commit.substr(0, 12) : tr(lang, "working tree", "arbre de travail");
  o += fmt::format("pacte {} — {} {} ({})\n", view.pacte_version, tr(lang, "audit of", "audit de"), clean(view.repo_path), commit);
  o += fmt::format("{}: {}\n", tr(lang, "Charter", "Charte"),
                   view.charter_source == "none" ? std::string(tr(lang, "none found (evidence only)", "aucune (preuves seules)"))
                                                 : clean(view.charter_path) + " (" + view.charter_source + ")");
  const char* vcolor = view.verdict == "compliant" ? "1;32" : view.verdict == "conditional" ? "1;33" : "1;31";
  std::string score = view.score ? fmt::format("{:.1f}/100", *view.score) : std::string("n/a");
  o.append("\n") += st("1", fmt::format("{} {}", tr(lang, "Score", "Score"), score)) + "  " + st(vcolor, verdict_label(view.verdict, lang)) + "\n";
  // Principles by key, as this report has always listed them.
  std::vector<const PrincipleSummary*> principles;
  for (const auto& p : view.principles) principles.push_back(&p);
  std::sort(principles.begin(), principles.end(), [](const auto* a, const auto* b) { return a->key < b->key; });
  for (const auto* p : principles) {
    std::string pscore = p->score ? fmt::format("{:5.1f}", *p->score) : "  n/a";
    o += fmt::format("  {:<16} {}   {} {:>2}  {} {:>2}", principle_label(p->key, lang), pscore, tr(lang, "passed", "réussis"), p->passed,
                     tr(lang, "failed", "échoués"), p->failed);
    if (p->errors > 0) o += fmt::format("  {} {}", tr(lang, "errors", "erreurs"), p->errors);
    if (p->waived > 0) o += fmt::format("  {} {}", tr(lang, "waived", "dérogations"), p->waived);
    if (p->skipped > 0) o += fmt::format("  {} {}", tr(lang, "skipped", "sans objet"), p->skipped);
    o += "\n";
  }
  std::vector<const Finding*> failures, errors, waived;
  for (const char* sev : {"critical", "high", "medium", "low"})
    for (const auto& r : view.results) {
      if (r.severity != sev) continue;
      if (r.status == "fail") failures.push_back(&r);
      else if (r.status == "error") errors.push_back(&r);
      else if (r.status == "waived") waived.push_back(&r);
    }
  if (!failures.empty()) {
    o.append("\n") += st("1", fmt::format("{} ({})", tr(lang, "Failures", "Échecs"), failures.size())) + "\n";
    for (const auto* r : failures) print_result(o, *r, lang, st, true);
  }
  if (!errors.empty()) {
    o.append("\n") += st("1", fmt::format("{} ({})", tr(lang, "Could not be evaluated (not counted in the score)", "Non évaluées (hors score)"),
                                    errors.size())) + "\n";
    for (const auto* r : errors) print_result(o, *r, lang, st, false);
  }
  if (!waived.empty()) {
    o.append("\n") += st("1", fmt::format("{} ({})", tr(lang, "Waived", "Dérogations"), waived.size())) + "\n";
    for (const auto* r : waived) {
      Waiver w = r->waiver.value_or(Waiver{});
      o += fmt::format("  {}  {} ({} {})\n", r->rule, clean(w.reason), tr(lang, "until", "jusqu'au"), w.until);
    }
  }
  const ScanStats& stats = view.stats;
  if (stats.files_unreadable > 0) {
    o.append("\n") += st("33", fmt::format("{}: {}", tr(lang, "Files not read", "Fichiers non lus"), stats.files_unreadable)) + "\n";
    int shown = 0;
    for (const auto& u : stats.unreadable) {
      if (++shown > 10) break;
      o.append("  ") += clean(u.path) + ": " + clean(u.reason) + "\n";
    }
  }
  o.append("\n") += st("2", fmt::format("{} {} {}, {} {}, {} ms", tr(lang, "Read", "Lu"), stats.files_scanned, tr(lang, "files", "fichiers"),
                                  stats.commits_walked, tr(lang, "commits", "commits"), stats.duration_ms)) + "\n";
  // Files the tracker and advertising scan left out: a "no tracker" over files never searched
  // must say so where the reader looks last.
  const json* scan = view.facts.is_object() && view.facts.contains("scan") ? &view.facts["scan"] : nullptr;
  if (scan && scan->is_object() && scan->value("files_skipped_vendored", 0ll) > 0) {
    std::string examples;
    if (scan->contains("skipped_examples") && (*scan)["skipped_examples"].is_array())
      for (const auto& e : (*scan)["skipped_examples"])
        if (e.is_string() && examples.size() < 200) {
          if (!examples.empty()) examples += ", ";
          examples += clean(e.get<std::string>());
        }
    o += st("2", fmt::format("{} {} {}{}", tr(lang, "Left out of the tracker search:", "Écartés de la recherche de traceurs\u00a0:"),
                             scan->value("files_skipped_vendored", 0ll),
                             tr(lang, "vendored, generated, minified or lock files", "fichiers tiers embarqués, générés, minifiés ou de verrouillage"),
                             examples.empty() ? "" : " (" + examples + ")")) + "\n";
  }
  // Whatever gate the caller set (none included), the last line says so when a critical rule
  // failed: the verdict is then non-compliant whatever the score.
  bool critical_failed = false;
  for (const auto* r : failures) critical_failed = critical_failed || r->severity == "critical";
  if (critical_failed) o += st("1;31", std::string(label(L::gate_critical_failed, lang))) + "\n";
  return o;
}

}  // namespace pacte
