// The default text report: a one-screen summary, then failures with evidence and remediation.
#include <algorithm>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/trend.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const { return on ? fmt::format("\033[{}m{}\033[0m", code, s) : s; }
};


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
  std::string severity = "[";
  severity.append(severity_label(r.severity, lang)).append("]");
  o += fmt::format("  {} {}  {}\n", st(severity_color(r.severity), severity), st("1", r.rule), clean(r.title));
  if (r.is_new.value_or(false)) o.append("    ").append(st("1;35", std::string(label(L::new_since_baseline, lang)))).append("\n");
  o.append("    ").append(clean(r.message)).append("\n");
  for (const auto& e : r.evidence) {
    std::string where = clean(e.path);
    if (e.line > 0) where.append(":").append(std::to_string(e.line));
    o.append("      ").append(st("2", where));
    if (!e.snippet.empty()) o.append("  ").append(clean(e.snippet));
    if (!e.note.empty()) o.append("  (").append(clean(e.note)).append(")");
    o += "\n";
  }
  if (with_remediation && !r.remediation.empty()) {
    std::string arrow = "→ ";
    arrow += clean(r.remediation);
    o.append("    ").append(st("32", arrow)).append("\n");
  }
}

}  // namespace

std::string render_text(const json& report, Lang lang, bool color) {
  const ReportView view = read_report(report);
  Style st{color};
  std::string o;
  std::string commit = !view.commit.empty() ? view.commit.substr(0, 12) : std::string(label(L::worktree_short, lang));
  const std::string_view colon = label(L::colon, lang);
  o += fmt::format("pacte {} — {} {} ({})\n", view.pacte_version, label(L::audit_of, lang), clean(view.repo_shown()), commit);
  std::string charter;
  if (view.charter_source == "none") charter = label(L::charter_none_short, lang);
  else charter.append(clean(view.charter_path)).append(" (").append(view.charter_source).append(")");
  o += fmt::format("{}{}{}\n", label(L::charter, lang), colon, charter);
  const char* vcolor = view.verdict == "compliant"     ? "1;32"
                       : view.verdict == "conditional" ? "1;33"
                       : view.verdict == "no-charter"  ? "1;36"
                                                       : "1;31";
  std::string score = view.score ? format_score(view.score, lang).append("/100") : std::string(label(L::not_available, lang));
  o.append("\n").append(st("1", fmt::format("{} {}", label(L::score, lang), score))).append("  ");
  o.append(st(vcolor, verdict_label(view.verdict, lang))).append("\n");
  // The evidence and declaration scores, when the report has them (older reports do not).
  if (view.evidence_score || view.declaration_score)
    o += fmt::format("  {}{}{}   {}{}{}\n", label(L::evidence_score, lang), colon,
                     view.evidence_score ? format_score(view.evidence_score, lang) : std::string(label(L::not_available, lang)),
                     label(L::declaration_score, lang), colon,
                     view.declaration_score ? format_score(view.declaration_score, lang) : std::string(label(L::not_available, lang)));
  // Principles by key, as this report has always listed them.
  std::vector<const PrincipleSummary*> principles;
  for (const auto& p : view.principles) principles.push_back(&p);
  std::sort(principles.begin(), principles.end(), [](const auto* a, const auto* b) { return a->key < b->key; });
  for (const auto* p : principles) {
    std::string pscore = p->score ? fmt::format("{:>5}", format_score(p->score, lang)) : fmt::format("{:>5}", label(L::not_available, lang));
    o += fmt::format("  {:<16} {}   {} {:>2}  {} {:>2}", principle_label(p->key, lang), pscore, label(L::count_passed, lang), p->passed,
                     label(L::count_failed, lang), p->failed);
    if (p->errors > 0) o += fmt::format("  {} {}", label(L::count_errors, lang), p->errors);
    if (p->waived > 0) o += fmt::format("  {} {}", label(L::count_waived, lang), p->waived);
    if (p->skipped > 0) o += fmt::format("  {} {}", label(L::count_skipped, lang), p->skipped);
    if (p->undeclared > 0) o += fmt::format("  {} {}", label(L::count_undeclared, lang), p->undeclared);
    o += "\n";
  }
  // The trend over earlier revisions (--trend): one line per point, oldest first.
  if (const auto points = read_trend(report); !points.empty()) {
    o.append("\n").append(st("1", std::string(label(L::trend_title, lang)))).append("\n");
    // Columns as wide as their longest cell, counted in code points as fmt pads ("Révision" is 8).
    const auto columns = [](std::string_view s) {
      return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    };
    std::size_t revision_width = columns(label(L::trend_revision, lang)), verdict_width = columns(label(L::verdict, lang));
    for (const auto& p : points) {
      revision_width = std::max(revision_width, columns(clean(p.revision)));
      verdict_width = std::max(verdict_width, columns(trend_verdict(p, lang)));
    }
    const auto row = [&](std::string_view date, const std::string& revision, const std::string& score, const std::string& verdict,
                         const std::string& changes) {
      o += fmt::format("  {:<10}  {:<{}}  {:>5}  {:<{}}  {}\n", date, revision, revision_width, score, verdict, verdict_width, changes);
    };
    row(label(L::trend_date, lang), std::string(label(L::trend_revision, lang)), std::string(label(L::score, lang)),
        std::string(label(L::verdict, lang)), std::string(label(L::trend_changes, lang)));
    for (const auto& p : points)
      row(p.date, clean(p.revision), format_score(p.score, lang), trend_verdict(p, lang), clean(trend_changes(p, lang)));
  }
  std::vector<const Finding*> failures, errors, waived, undeclared;
  for (std::string_view sev : kSeverities)
    for (const auto& r : view.results) {
      if (r.severity != sev) continue;
      if (r.status == "fail") failures.push_back(&r);
      else if (r.status == "error") errors.push_back(&r);
      else if (r.status == "waived") waived.push_back(&r);
      else if (r.status == "undeclared") undeclared.push_back(&r);
    }
  auto heading = [&](L title, std::size_t count) {
    o.append("\n").append(st("1", fmt::format("{} ({})", label(title, lang), count))).append("\n");
  };
  if (!failures.empty()) {
    heading(L::failures, failures.size());
    for (const auto* r : failures) print_result(o, *r, lang, st, true);
  }
  if (!errors.empty()) {
    heading(L::not_evaluated, errors.size());
    for (const auto* r : errors) print_result(o, *r, lang, st, false);
  }
  if (!waived.empty()) {
    heading(L::waived, waived.size());
    for (const auto* r : waived) {
      Waiver w = r->waiver.value_or(Waiver{});
      o += fmt::format("  {}  {} ({} {})\n", r->rule, clean(w.reason), label(L::waiver_until, lang), w.until);
    }
  }
  if (const auto policy = policy_sentences(view, lang); !policy.empty()) {
    heading(L::policy_applied, policy.size());
    for (const auto& s : policy) o += "  " + clean(s) + "\n";
  }
  // Undeclared rules, one line each: what a charter would have to say.
  if (!undeclared.empty()) {
    heading(L::undeclared_section, undeclared.size());
    for (const auto* r : undeclared) o += fmt::format("  {}  {}\n", r->rule, clean(one_line(r->message)));
  }
  const ScanStats& stats = view.stats;
  if (stats.files_unreadable > 0) {
    o.append("\n") += st("33", fmt::format("{}{}{}", label(L::files_not_read, lang), label(L::colon, lang), stats.files_unreadable)) + "\n";
    int shown = 0;
    for (const auto& u : stats.unreadable) {
      if (++shown > 10) break;
      o.append("  ") += clean(u.path) + ": " + clean(u.reason) + "\n";
    }
  }
  o.append("\n") += st("2", fmt::format(fmt::runtime(label(L::read_summary, lang)), stats.files_scanned, stats.commits_walked,
                                         stats.duration_ms)) + "\n";
  // Files the tracker and advertising scan left out: a "no tracker" over files never searched
  // must say so where the reader looks last.
  if (std::string left_out = left_out_sentence(stats, lang); !left_out.empty()) o += st("2", clean(left_out)) + "\n";
  // Whatever gate the caller set (none included), the last line says so when a critical rule
  // failed: the verdict is then non-compliant whatever the score.
  bool critical_failed = false;
  for (const auto* r : failures) critical_failed = critical_failed || r->severity == "critical";
  if (critical_failed) o += st("1;31", std::string(label(L::gate_critical_failed, lang))) + "\n";
  return o;
}

}  // namespace pacte
