// Markdown for $GITHUB_STEP_SUMMARY and pull-request comments.
#include <algorithm>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/trend.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

/// The colon after a label, without the space that follows it ("\u00A0:" in French).
std::string_view colon_mark(Lang lang) {
  std::string_view colon = label(L::colon, lang);
  return colon.substr(0, colon.size() - 1);
}

const char* verdict_icon(std::string_view verdict) {
  if (verdict == "compliant") return "\xF0\x9F\x9F\xA2";      // green circle
  if (verdict == "conditional") return "\xF0\x9F\x9F\xA0";    // orange circle
  if (verdict == "non-compliant") return "\xF0\x9F\x94\xB4";  // red circle
  if (verdict == "no-charter") return "\xF0\x9F\x94\xB5";     // blue circle
  return "\xE2\x9A\xAA";                                      // white circle
}

std::string finding_block(const ReportView& view, const Finding& f, Lang lang) {
  std::string help = rule_help_url(view, f.rule);
  std::string b = help.empty() ? fmt::format("- **{}** {}", md_escape(f.rule), md_escape(f.title))
                               : fmt::format("- [**{}**]({}) {}", md_escape(f.rule), help, md_escape(f.title));
  if (f.is_new && *f.is_new) b += fmt::format(" \xF0\x9F\x86\x95 _{}_", label(L::new_finding, lang));
  // The message on its own line of the same item (a backslash at the end is a hard line break).
  if (!f.message.empty() && f.message != f.title)
    b += fmt::format("\\\n  {}", md_escape(truncate_utf8(f.message, 1000)));
  b += "\n";
  std::size_t shown = 0;
  for (const auto& e : f.evidence) {
    if (shown == 5) {
      b += fmt::format("  - _{}_\n", fmt::format(fmt::runtime(label(L::more_locations, lang)), f.evidence.size() - shown));
      break;
    }
    std::string loc = evidence_location(e);
    std::string line = "  - ";
    if (std::string url = evidence_url(view, e); !loc.empty() && !url.empty())
      line += fmt::format("[{}]({})", md_code(loc), url);
    else if (!loc.empty())
      line += md_code(loc);
    if (!e.snippet.empty()) line.append(loc.empty() ? "" : " ").append(md_code(truncate_utf8(e.snippet, 200)));
    if (!e.note.empty()) line += (line.size() > 4 ? " \xE2\x80\x94 " : "") + md_escape(truncate_utf8(e.note, 200));
    if (line.size() > 4) {
      b += line + "\n";
      ++shown;
    }
  }
  if (!f.remediation.empty())
    b += fmt::format("  - **{}{}** {}\n", label(L::remediation, lang), colon_mark(lang), md_escape(truncate_utf8(f.remediation, 1000)));
  return b;
}

}  // namespace

std::string render_markdown(const json& report, Lang lang, std::size_t max_bytes) {
  ReportView view = read_report(report);
  std::string out;
  out += fmt::format("## pacte \xE2\x80\x94 {}\n\n", label(L::report_title, lang));
  const std::string_view colon = label(L::colon, lang);
  out += fmt::format("{} **{}{}{}/100** \xC2\xB7 **{}{}{}**\n\n", verdict_icon(view.verdict), label(L::score, lang), colon,
                     format_score(view.score, lang), label(L::verdict, lang), colon, md_escape(verdict_label(view.verdict, lang)));
  if (!view.commit.empty())
    out += fmt::format("{}{}{} \xC2\xB7 {}{}{}\n\n", label(L::commit, lang), colon, md_code(view.commit.substr(0, 12)),
                       label(L::charter, lang), colon,
                       view.charter_source == "none" ? md_escape(label(L::charter_none, lang)) : md_code(view.charter_path));
  else if (view.worktree)
    out += fmt::format("{}{}{}\n\n", label(L::repository, lang), colon, md_escape(label(L::worktree, lang)));

  if (view.evidence_score || view.declaration_score)
    out += fmt::format("{}{}{} \xC2\xB7 {}{}{}\n\n", label(L::evidence_score, lang), colon, format_score(view.evidence_score, lang),
                       label(L::declaration_score, lang), colon, format_score(view.declaration_score, lang));
  // The column of undeclared rules only when there are some: reports with a charter keep
  // the table they always had.
  bool any_undeclared = std::any_of(view.principles.begin(), view.principles.end(), [](const auto& p) { return p.undeclared > 0; });
  out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |", label(L::principle, lang), label(L::score, lang), label(L::passed, lang),
                     label(L::failed, lang), label(L::skipped, lang), label(L::errors, lang), label(L::waived, lang));
  out += any_undeclared ? fmt::format(" {} |\n|---|---:|---:|---:|---:|---:|---:|---:|\n", label(L::undeclared, lang))
                        : std::string("\n|---|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& p : view.principles) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |", md_escape(principle_label(p.key, lang)), format_score(p.score, lang), p.passed,
                       p.failed, p.skipped, p.errors, p.waived);
    out += any_undeclared ? fmt::format(" {} |\n", p.undeclared) : std::string("\n");
  }
  out += "\n";
  out += trend_markdown(report, lang);
  if (view.new_failures)
    out += fmt::format(fmt::runtime(label(L::baseline_summary, lang)), *view.new_failures, view.known_failures.value_or(0)) +
           "\n\n";
  if (!view.charter_errors.empty() || !view.charter_warnings.empty()) {
    auto list = [&](L title, const std::vector<std::string>& items) {
      if (items.empty()) return;
      out += fmt::format("**{}** ({})\n\n", label(title, lang), items.size());
      for (std::size_t i = 0; i < items.size() && i < 10; ++i) out += "- " + md_escape(truncate_utf8(items[i], 300)) + "\n";
      if (items.size() > 10) out += fmt::format("- \xE2\x80\xA6 (+{})\n", items.size() - 10);
      out += "\n";
    };
    list(L::charter_errors, view.charter_errors);
    list(L::charter_warnings, view.charter_warnings);
  }

  std::vector<const Finding*> failures = failures_by_severity(view);
  out += fmt::format("### {} ({})\n\n", label(L::failures, lang), failures.size());
  if (failures.empty()) out += std::string(label(L::no_failures, lang)) + "\n";

  // Room kept for the closing note, so that the cap holds whatever is cut.
  constexpr std::size_t kFooterRoom = 600;
  std::size_t budget = max_bytes > kFooterRoom ? max_bytes - kFooterRoom : 0;
  std::string current_severity;
  std::size_t written = 0;
  for (const Finding* f : failures) {
    std::string block;
    if (f->severity != current_severity)
      block += fmt::format("{}#### {}\n\n", written ? "\n" : "", md_escape(severity_label(f->severity, lang)));
    block += finding_block(view, *f, lang);
    if (out.size() + block.size() > budget) break;
    out += block;
    current_severity = f->severity;
    ++written;
  }
  if (written < failures.size())
    out += "\n> " + fmt::format(fmt::runtime(label(L::more_findings, lang)), failures.size() - written) + "\n";
  // The charter's policy, short: the room kept for the closing note holds it.
  if (const auto policy = policy_sentences(view, lang); !policy.empty()) {
    out += fmt::format("\n**{}**\n\n", md_escape(label(L::policy_applied, lang)));
    std::size_t shown = 0;
    for (const auto& s : policy)
      if (++shown <= 3) out += "- " + md_escape(truncate_utf8(s, 120)) + "\n";
    if (policy.size() > 3) out += "- …\n";
  }
  // The undeclared rules by id, on one line: what a charter would have to say.
  std::string undeclared;
  std::size_t undeclared_count = 0;
  for (const auto& f : view.results)
    if (f.status == "undeclared") {
      if (++undeclared_count <= 30) undeclared += (undeclared.empty() ? "" : ", ") + md_code(f.rule);
      else if (undeclared_count == 31) undeclared += ", \xE2\x80\xA6";
    }
  if (undeclared_count)
    out += fmt::format("\n**{}** ({}){}{}\n", md_escape(label(L::undeclared_section, lang)), undeclared_count, colon,
                       undeclared);
  // What the audit could not read or left out of the tracker search: kept short so that it fits
  // in the room left for the closing note.
  for (const std::string& note : {unreadable_sentence(view.stats, lang), left_out_sentence(view.stats, lang)})
    if (!note.empty()) out += "\n_" + md_escape(truncate_utf8(note, 160)) + "_\n";
  if (out.size() > max_bytes) out = truncate_utf8(out, max_bytes);  // only when max_bytes is tiny
  return out;
}

}  // namespace pacte
