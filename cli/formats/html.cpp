// One self-contained HTML page: inline CSS and SVG, no script, no network resource.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/trend.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

std::string h(std::string_view s) { return html_escape(s); }

/// A principle's colour: green from 80, orange from 60 (the least a compliant service needs in
/// every principle), red below.
const char* score_colour(std::optional<double> score) {
  if (!score) return "#767676";
  if (*score >= 80) return "#2e7d32";
  if (*score >= 60) return "#b45309";
  return "#c62828";
}


/// A donut chart of a 0–100 score. `id` makes the title reference unique in the page.
std::string donut(std::optional<double> score, const char* colour, const std::string& id, const std::string& title, int size,
                  Lang lang) {
  double value = score ? std::clamp(*score, 0.0, 100.0) : 0.0;
  std::string out = fmt::format(
      "<svg class=\"donut\" role=\"img\" aria-labelledby=\"{0}\" width=\"{1}\" height=\"{1}\" viewBox=\"0 0 36 36\">"
      "<title id=\"{0}\">{2}</title>"
      "<circle cx=\"18\" cy=\"18\" r=\"15.9155\" fill=\"none\" stroke=\"#e3e3e3\" stroke-width=\"3.6\"/>",
      id, size, h(title));
  if (value > 0)
    out += fmt::format(
        "<circle cx=\"18\" cy=\"18\" r=\"15.9155\" fill=\"none\" stroke=\"{}\" stroke-width=\"3.6\" "
        "stroke-dasharray=\"{:.2f} {:.2f}\" transform=\"rotate(-90 18 18)\"/>",
        colour, value, 100.0 - value);
  out += fmt::format("<text x=\"18\" y=\"20.6\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"700\" fill=\"#1a1a1a\">{}</text></svg>",
                     size >= 100 ? "8" : "8.5", h(format_score(score, lang)));
  return out;
}

std::string activity_chart(const ReportView& view, Lang lang) {
  std::vector<MonthActivity> months = view.monthly;
  if (months.size() > 24) months.erase(months.begin(), months.end() - 24);
  if (months.empty()) return {};
  long long max = 0, total = 0;
  for (const auto& m : months) {
    max = std::max(max, m.commits);
    total += m.commits;
  }
  // A dormant repository gets a sentence, not an empty chart with 0 at both ends of the axis.
  if (total == 0) return {};
  const double left = 44, right = 584, top = 12, bottom = 132;
  const double slot = (right - left) / static_cast<double>(months.size());
  const double bar = std::max(2.0, slot - 4);
  std::string summary = fmt::format(fmt::runtime(label(L::commits_in_24_months, lang)), total, max);
  std::string out = fmt::format(
      "<svg class=\"activity\" role=\"img\" aria-labelledby=\"activity-title\" viewBox=\"0 0 600 160\" width=\"100%\" "
      "preserveAspectRatio=\"xMinYMin meet\"><title id=\"activity-title\">{}</title>",
      h(label(L::activity, lang)).append(label(L::colon, lang)).append(h(summary)));
  // Axis and grid.
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#6b6b6b\" stroke-width=\"1\"/>", left, bottom, right);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#d0d0d0\" stroke-dasharray=\"3 3\"/>", left, top, right);
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" fill=\"#3d3d3d\">{}</text>", left - 6, top + 4, max);
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" fill=\"#3d3d3d\">0</text>", left - 6, bottom + 4);
  for (std::size_t i = 0; i < months.size(); ++i) {
    const auto& m = months[i];
    double height = max > 0 ? (bottom - top) * static_cast<double>(m.commits) / static_cast<double>(max) : 0;
    if (m.commits > 0) height = std::max(height, 1.5);
    double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#1d5fa8\"><title>{}{}{} {}</title></rect>", x,
        bottom - height, bar, height, h(m.month), label(L::colon, lang), m.commits, h(label(L::commits, lang)));
    if (i % 3 == 0)
      out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9.5\" fill=\"#3d3d3d\">{}</text>",
                         x + bar / 2, bottom + 14, h(m.month));
  }
  out += "</svg>\n";
  out += fmt::format("<details class=\"data\"><summary>{}</summary><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                     h(label(L::data_table, lang)), h(label(L::month, lang)), h(label(L::commits, lang)));
  for (const auto& m : months) out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>", h(m.month), m.commits);
  out += "</tbody></table></details>\n";
  return out;
}

/// A fact as the page shows it; a number with a fraction takes the decimal comma in French.
std::string fact_value(const json& facts, std::string_view key, Lang lang) {
  if (!facts.is_object()) return {};
  auto it = facts.find(key);
  if (it == facts.end() || it->is_null()) return {};
  if (it->is_string()) return to_valid_utf8(it->get_ref<const std::string&>());
  std::string value = it->is_number() || it->is_boolean() ? it->dump() : std::string();
  if (it->is_number_float() && lang == Lang::fr) std::replace(value.begin(), value.end(), '.', ',');
  return value;
}

std::string facts_section(const ReportView& view, Lang lang) {
  const json& facts = view.facts;
  std::string out = fmt::format("<section aria-labelledby=\"h-facts\">\n<h2 id=\"h-facts\">{}</h2>\n<dl class=\"facts\">\n",
                                h(label(L::facts, lang)));
  // Licences.
  std::string licences;
  if (facts.is_object() && facts.contains("licenses") && facts["licenses"].is_array())
    for (const auto& l : facts["licenses"]) {
      if (!l.is_object()) continue;
      std::string spdx = fact_value(l, "spdx", lang);
      licences += fmt::format("<li><code>{}</code>{}{}</li>", h(fact_value(l, "path", lang)), label(L::colon, lang),
                              spdx.empty() ? "<em>" + h(label(L::license_unknown, lang)) + "</em>" : h(spdx));
    }
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(label(L::licenses, lang)),
                     licences.empty() ? h(label(L::none, lang)) : "<ul>" + licences + "</ul>");
  std::string trackers;
  if (facts.is_object() && facts.contains("trackers") && facts["trackers"].is_array())
    for (const auto& t : facts["trackers"]) {
      if (!t.is_object()) continue;
      std::string extra;
      for (const char* k : {"category", "vendor"}) {
        std::string v = fact_value(t, k, lang);
        if (!v.empty()) extra += (extra.empty() ? "" : ", ") + v;
      }
      trackers += fmt::format("<li>{}{}</li>", h(fact_value(t, "name", lang)), extra.empty() ? "" : " (" + h(extra) + ")");
    }
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(label(L::trackers, lang)),
                     trackers.empty() ? h(label(L::none, lang)) : "<ul>" + trackers + "</ul>");
  std::string languages;
  if (facts.is_object() && facts.contains("languages") && facts["languages"].is_array())
    for (const auto& l : facts["languages"])
      if (l.is_string()) languages += (languages.empty() ? "" : ", ") + to_valid_utf8(l.get_ref<const std::string&>());
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(label(L::languages, lang)),
                     languages.empty() ? h(label(L::none, lang)) : h(languages));
  std::string statement = fact_value(facts, "accessibility_statement", lang);
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(label(L::accessibility_statement, lang)),
                     statement.empty() ? h(label(L::none, lang)) : "<code>" + h(statement) + "</code>");
  if (view.has_history) {
    const json& history = facts["history"];
    struct Item {
      L name;
      const char* key;
    };
    for (Item item : {Item{L::last_commit, "last_commit"}, Item{L::commits_90d, "commits_90d"},
                      Item{L::commits_365d, "commits_365d"}, Item{L::contributors_365d, "contributors_365d"},
                      Item{L::contributor_absence_factor, "contributor_absence_factor"}, Item{L::last_tag, "last_tag"}}) {
      std::string value = fact_value(history, item.key, lang);
      if (!value.empty()) out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(label(item.name, lang)), h(value));
    }
  }
  out += "</dl>\n";
  out += fmt::format("<h3>{}</h3>\n", h(label(L::activity, lang)));
  std::string chart = view.has_history ? activity_chart(view, lang) : std::string();
  if (view.has_history && chart.empty())
    out += "<p class=\"activity-none\">" + h(label(L::activity_dormant, lang)) + "</p>\n";
  else
    out += chart.empty() ? "<p class=\"activity-none\">" + h(label(L::activity_none, lang)) + "</p>\n" : chart;
  out += "</section>\n";
  return out;
}

std::string finding_article(const ReportView& view, const Finding& f, Lang lang) {
  std::string out = fmt::format("<article class=\"finding r p-{} s-{}\" id=\"{}\">\n", css_token(f.principle), css_token(f.status),
                                "rule-" + css_token(f.rule) + "-" + std::to_string(f.index));
  std::string id = fmt::format("<code>{}</code>", h(f.rule));
  if (std::string help = rule_help_url(view, f.rule); !help.empty())
    id = fmt::format("<a class=\"rule-help\" href=\"{}\" rel=\"noopener noreferrer\">{}</a>", h(help), id);
  out += fmt::format("<h4><span class=\"sev sev-{}\">{}</span> {} {}", css_token(f.severity), h(severity_label(f.severity, lang)), id,
                     h(f.title));
  if (f.is_new && *f.is_new) out += fmt::format(" <span class=\"new\">{}</span>", h(label(L::new_finding, lang)));
  out += "</h4>\n";
  out += fmt::format("<p class=\"principle-tag\">{}</p>\n", h(principle_label(f.principle, lang)));
  if (!f.message.empty()) out += fmt::format("<p class=\"msg\">{}</p>\n", h(f.message));
  if (!f.evidence.empty()) {
    // Collapsible: open for the failures a reviewer reads first (critical, high), closed for
    // the others, so that a long list of locations does not bury the next finding.
    const bool open = f.status == "fail" && severity_rank(f.severity) <= 1;
    out += fmt::format("<details class=\"evidence\"{}><summary>{}</summary>\n<ul class=\"evidence\">\n", open ? " open=\"open\"" : "",
                       h(fmt::format(fmt::runtime(label(L::evidence_count, lang)), f.evidence.size())));
    std::size_t shown = 0;
    for (const auto& e : f.evidence) {
      if (shown == 50) {
        out += fmt::format("<li>{}</li>\n", h(fmt::format(fmt::runtime(label(L::more_locations, lang)), f.evidence.size() - shown)));
        break;
      }
      ++shown;
      out += "<li>";
      std::string loc = evidence_location(e);
      if (std::string url = evidence_url(view, e); !loc.empty() && !url.empty())
        out += fmt::format("<a class=\"loc\" href=\"{}\" rel=\"noopener noreferrer\"><code>{}</code></a>", h(url), h(loc));
      else if (!loc.empty())
        out += fmt::format("<code class=\"loc\">{}</code>", h(loc));
      if (!e.note.empty()) out += " \xE2\x80\x94 " + h(e.note);
      if (!e.snippet.empty()) out += "<pre><code>" + h(truncate_utf8(e.snippet, 500)) + "</code></pre>";
      out += "</li>\n";
    }
    out += "</ul>\n</details>\n";
  }
  if (!f.remediation.empty())
    out += fmt::format("<h5>{}</h5>\n<p>{}</p>\n", h(label(L::remediation, lang)), h(f.remediation));
  if (!f.references.empty()) {
    out += fmt::format("<h5>{}</h5>\n<ul>\n", h(label(L::references, lang)));
    for (const auto& r : f.references) {
      std::string title = r.title.empty() ? r.url : r.title;
      if (is_web_url(r.url))
        out += fmt::format("<li><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></li>\n", h(r.url), h(title));
      else
        out += fmt::format("<li>{}</li>\n", h(title + (r.url.empty() || r.url == title ? "" : " " + r.url)));
    }
    out += "</ul>\n";
  }
  out += "</article>\n";
  return out;
}

/// The id of a severity's group of failures in the page.
std::string group_id(std::string_view severity) { return "sev-" + css_token(severity); }

constexpr std::string_view kStatuses[] = {"fail", "error", "waived", "undeclared", "skip", "pass"};

constexpr std::string_view kCss = R"css(
:root{color-scheme:light;--fg:#1a1a1a;--muted:#4a4a4a;--line:#d4d4d4;--bg:#fff;--soft:#f5f6f8;--link:#0b57a4}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1080px;margin:0 auto;padding:0 20px}
header{padding-top:24px;border-bottom:1px solid var(--line)}
h1{font-size:1.8rem;margin:0 0 8px}
h2{font-size:1.4rem;margin:32px 0 12px;border-bottom:2px solid var(--fg);padding-bottom:4px}
h3{font-size:1.15rem;margin:24px 0 8px}
h4{font-size:1.05rem;margin:0 0 6px}
h5{font-size:.95rem;margin:12px 0 4px;color:var(--muted)}
a{color:var(--link)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em}
pre{white-space:pre-wrap;word-break:break-all;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:6px 8px;margin:4px 0 8px}
code.loc{font-weight:600;word-break:break-all}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 16px}
dl.meta dt,dl.facts dt{font-weight:600}
dl.meta dd,dl.facts dd{margin:0;overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dl.facts ul{margin:0;padding-left:18px}
.overview{display:flex;flex-wrap:wrap;gap:24px;align-items:center}
.verdict{font-size:1.3rem;font-weight:700;padding:8px 16px;border-radius:6px;border:2px solid currentColor;display:inline-block}
.v-compliant{color:#1b5e20;background:#e8f5e9}.v-conditional{color:#8a3c00;background:#fff3e0}.v-non-compliant{color:#a31515;background:#ffebee}.v-no-charter{color:#0d47a1;background:#e3f2fd}
.principles{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:16px 0}
.principles figure{margin:0;display:flex;gap:10px;align-items:center;border:1px solid var(--line);border-radius:6px;padding:10px}
.principles figcaption strong,.principles figcaption span{display:block}
.principles figcaption span{font-size:.9rem;color:var(--muted)}
.msg{white-space:pre-line}
.finding{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.finding{border:1px solid var(--line);border-left:6px solid #767676;border-radius:6px;padding:12px 16px;margin:0 0 12px;break-inside:avoid}
.finding:has(.sev-critical){border-left-color:#8e0000}.finding:has(.sev-high){border-left-color:#c2410c}
.finding:has(.sev-medium){border-left-color:#8a6100}.finding:has(.sev-low){border-left-color:#1e5a8a}
.finding ul{margin:0;padding-left:20px}
.principle-tag{margin:0;color:var(--muted);font-size:.9rem}
.sev,.new,.status{display:inline-block;font-size:.8rem;font-weight:700;padding:1px 8px;border-radius:10px;color:#fff;vertical-align:middle}
.sev-critical{background:#8e0000}.sev-high{background:#b3380a}.sev-medium{background:#7a5600}.sev-low{background:#1e5a8a}
.new{background:#5b2a86}
.status{color:var(--fg);border:1px solid var(--muted)}
.filters{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0 16px}
.filters fieldset{border:0;margin:0;padding:4px 0;display:flex;flex-wrap:wrap;gap:4px 14px}
.filters legend{font-weight:600;float:left;margin-right:8px}
.filters label{cursor:pointer}
.filters input:focus-visible{outline:3px solid var(--link);outline-offset:2px}
svg.activity,svg.trend{max-width:100%;height:auto}
details.data summary{cursor:pointer;color:var(--link)}
details.evidence{margin:8px 0 4px}
details.evidence>summary{cursor:pointer;font-weight:600;color:var(--muted);font-size:.95rem}
.kicker{margin:0;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em;font-size:.85rem}
h1{overflow-wrap:anywhere}
.muted{color:var(--muted)}
footer{border-top:1px solid var(--line);margin-top:32px;padding:12px 20px 24px;color:var(--muted);font-size:.9rem}
@media (max-width:640px){
  header,main,footer{padding-left:12px;padding-right:12px}
  table{display:block;overflow-x:auto}
  dl.meta,dl.facts{grid-template-columns:1fr}
  dl.meta dd,dl.facts dd{margin-bottom:6px}
}
@media print{
  .filters,details.data{display:none}
  body{font-size:11pt}
  h2,h3,h4,h5{break-after:avoid}
  a{color:inherit}
  a[href]::after{content:" (" attr(href) ")";font-size:.85em;word-break:break-all}
  .finding,.principles figure,tr{break-inside:avoid}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

}  // namespace

std::string render_html(const json& report, Lang lang) {
  ReportView view = read_report(report);
  std::vector<const Finding*> failures = failures_by_severity(view);

  std::string repo_name = view.repo_shown();
  while (repo_name.size() > 1 && repo_name.back() == '/') repo_name.pop_back();
  if (auto slash = repo_name.rfind('/'); slash != std::string::npos && slash + 1 < repo_name.size())
    repo_name = repo_name.substr(slash + 1);
  if (repo_name.size() > 4 && repo_name.ends_with(".git")) repo_name.resize(repo_name.size() - 4);  // a bare mirror's folder

  std::string out;
  out.reserve(64 * 1024);
  out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n", lang == Lang::fr ? "fr" : "en");
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n";
  out += fmt::format("<meta name=\"generator\" content=\"pacte {}\"/>\n", h(view.pacte_version));
  // The service's name first: a reviewer with many tabs open reads which service each one is.
  const std::string service = !view.service_name.empty() ? view.service_name : repo_name;
  out += fmt::format("<title>{}{} \xE2\x80\x94 {}</title>\n", service.empty() ? "" : h(service) + " \xE2\x80\x94 ",
                     h(label(L::report_title, lang)), h(verdict_label(view.verdict, lang)));

  // Filters: one checkbox per principle and status, all checked; unchecking hides matching
  // results (CSS :has, no script). Browsers without :has show everything.
  std::string css(kCss);
  css += "@media screen{\n";
  std::vector<std::string> principle_keys;
  for (const auto& p : view.principles) principle_keys.push_back(css_token(p.key));
  for (const auto& f : view.results)
    if (std::find(principle_keys.begin(), principle_keys.end(), css_token(f.principle)) == principle_keys.end())
      principle_keys.push_back(css_token(f.principle));
  for (const auto& k : principle_keys)
    css += fmt::format("body:has(#fp-{0}:not(:checked)) .r.p-{0}{{display:none}}\n", k);
  for (auto s : kStatuses) css += fmt::format("body:has(#fs-{0}:not(:checked)) .r.s-{0}{{display:none}}\n", s);
  // No heading left alone by the filters: a group (a severity's failures, the other results)
  // is hidden when, for each principle and status it holds, the principle or the status is
  // unchecked.
  auto hide_group = [&css](const std::string& id, const std::set<std::pair<std::string, std::string>>& kinds) {
    if (kinds.empty()) return;
    css += "body";
    for (const auto& [p, st] : kinds) css += fmt::format(":is(:has(#fp-{}:not(:checked)),:has(#fs-{}:not(:checked)))", p, st);
    css += " #" + id + "{display:none}\n";
  };
  {
    std::map<std::string, std::set<std::pair<std::string, std::string>>> by_severity;
    for (const Finding* f : failures) by_severity[f->severity].insert({css_token(f->principle), css_token(f->status)});
    for (const auto& [severity, kinds] : by_severity) hide_group(group_id(severity), kinds);
    std::set<std::pair<std::string, std::string>> other_kinds;
    for (const auto& f : view.results)
      if (f.status != "fail") other_kinds.insert({css_token(f.principle), css_token(f.status)});
    hide_group("other-results", other_kinds);
  }
  css += "}\n";
  out += "<style>" + css + "</style>\n</head>\n<body>\n";

  // Header.
  if (service.empty())
    out += fmt::format("<header>\n<h1>{}</h1>\n<dl class=\"meta\">\n", h(label(L::report_title, lang)));
  else
    out += fmt::format("<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<dl class=\"meta\">\n", h(label(L::report_title, lang)), h(service));
  out += fmt::format("<dt>{}</dt><dd><code>{}</code></dd>\n", h(label(L::repository, lang)), h(view.repo_shown()));
  if (!view.commit.empty())
    out += fmt::format("<dt>{}</dt><dd><code>{}</code>{}</dd>\n", h(label(L::commit, lang)), h(view.commit),
                       view.ref.empty() ? "" : " (" + h(view.ref) + ")");
  if (view.worktree) out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(label(L::ref, lang)), h(label(L::worktree, lang)));
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(label(L::charter, lang)),
                     view.charter_source == "none"
                         ? h(label(L::charter_none, lang))
                         : "<code>" + h(view.charter_path) + "</code> (" + h(view.charter_source) + ")");
  if (!view.generated_at.empty())
    out += fmt::format("<dt>{}</dt><dd><time datetime=\"{}\">{}</time></dd>\n", h(label(L::generated, lang)), h(view.generated_at),
                       h(view.generated_at));
  out += "</dl>\n</header>\n<main>\n";

  // Summary: overall donut, verdict, a donut per principle, the principle table.
  out += fmt::format("<section aria-labelledby=\"h-summary\">\n<h2 id=\"h-summary\">{}</h2>\n<div class=\"overview\">\n",
                     h(label(L::score, lang)) + " \xC2\xB7 " + h(label(L::verdict, lang)));
  out += donut(view.score, verdict_colour(view.verdict), "score-title",
               fmt::format("{} {} {}", label(L::score, lang), format_score(view.score, lang), label(L::score_out_of, lang)), 140, lang);
  out += fmt::format("<p class=\"verdict v-{}\">{}{}{}</p>\n", css_token(view.verdict), h(label(L::verdict, lang)), label(L::colon, lang),
                     h(verdict_label(view.verdict, lang)));
  if (view.evidence_score || view.declaration_score)
    out += fmt::format("<p class=\"bases\">{}{}{} \xC2\xB7 {}{}{}</p>\n", h(label(L::evidence_score, lang)), label(L::colon, lang),
                       h(format_score(view.evidence_score, lang)), h(label(L::declaration_score, lang)), label(L::colon, lang),
                       h(format_score(view.declaration_score, lang)));
  if (view.new_failures)
    out += "<p>" + h(fmt::format(fmt::runtime(label(L::baseline_summary, lang)), *view.new_failures, view.known_failures.value_or(0))) +
           "</p>\n";
  out += "</div>\n";
  out += fmt::format("<h3>{}</h3>\n<div class=\"principles\">\n", h(label(L::principles, lang)));
  for (const auto& p : view.principles) {
    std::string name = principle_label(p.key, lang);
    out += "<figure>";
    out += donut(p.score, score_colour(p.score), "score-" + css_token(p.key),
                 fmt::format("{}{}{} {}", name, label(L::colon, lang), format_score(p.score, lang),
                             p.score ? label(L::score_out_of, lang) : label(L::not_scored, lang)),
                 72, lang);
    const std::string_view colon = label(L::colon, lang);
    out += fmt::format("<figcaption><strong>{}</strong><span>{}{}{}</span><span>{}{}{}</span></figcaption></figure>\n", h(name),
                       h(label(L::passed, lang)), colon, p.passed, h(label(L::failed, lang)), colon, p.failed);
  }
  out += "</div>\n";
  // The column of undeclared rules only when there are some, as in the Markdown report: a
  // report with a charter keeps the table it always had.
  const bool any_undeclared =
      std::any_of(view.principles.begin(), view.principles.end(), [](const auto& p) { return p.undeclared > 0; });
  out += fmt::format(
      "<table>\n<caption class=\"muted\">{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th>",
      h(label(L::principles, lang)), h(label(L::principle, lang)), h(label(L::score, lang)), h(label(L::passed, lang)),
      h(label(L::failed, lang)), h(label(L::skipped, lang)), h(label(L::errors, lang)), h(label(L::waived, lang)));
  if (any_undeclared) out += fmt::format("<th scope=\"col\" class=\"num\">{}</th>", h(label(L::undeclared, lang)));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& p : view.principles) {
    out += fmt::format(
        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        h(principle_label(p.key, lang)), h(format_score(p.score, lang)), p.passed, p.failed, p.skipped, p.errors, p.waived);
    if (any_undeclared) out += fmt::format("<td class=\"num\">{}</td>", p.undeclared);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
  out += trend_html(report, lang);

  // Charter problems.
  if (!view.charter_errors.empty() || !view.charter_warnings.empty()) {
    out += fmt::format("<section aria-labelledby=\"h-charter\">\n<h2 id=\"h-charter\">{}</h2>\n", h(label(L::charter, lang)));
    auto list = [&](L title, const std::vector<std::string>& items) {
      if (items.empty()) return;
      out += fmt::format("<h3>{}</h3>\n<ul>\n", h(label(title, lang)));
      for (const auto& i : items) out += "<li><code>" + h(i) + "</code></li>\n";
      out += "</ul>\n";
    };
    list(L::charter_errors, view.charter_errors);
    list(L::charter_warnings, view.charter_warnings);
    out += "</section>\n";
  }

  // Filters.
  out += fmt::format("<section aria-labelledby=\"h-results\">\n<h2 id=\"h-results\">{} ({})</h2>\n", h(label(L::failures, lang)),
                     failures.size());
  out += fmt::format("<form class=\"filters\" aria-label=\"{}\">\n", h(label(L::filters, lang)));
  out += fmt::format("<fieldset><legend>{}</legend>\n", h(label(L::filter_principle, lang)));
  for (const auto& k : principle_keys) {
    std::string name;
    for (const auto& p : view.principles)
      if (css_token(p.key) == k) name = principle_label(p.key, lang);
    if (name.empty()) name = k;
    out += fmt::format("<label><input type=\"checkbox\" id=\"fp-{}\" checked=\"checked\"/> {}</label>\n", k, h(name));
  }
  out += fmt::format("</fieldset>\n<fieldset><legend>{}</legend>\n", h(label(L::filter_status, lang)));
  for (auto s : kStatuses)
    out += fmt::format("<label><input type=\"checkbox\" id=\"fs-{}\" checked=\"checked\"/> {}</label>\n", s, h(status_label(s, lang)));
  out += "</fieldset>\n</form>\n";

  // Failures first, most severe first.
  if (failures.empty()) out += "<p>" + h(label(L::no_failures, lang)) + "</p>\n";
  // Each severity is a group with its heading; a group whose every finding a filter hides is
  // hidden with its heading (the CSS rules written with the filters above).
  std::string current;
  for (const Finding* f : failures) {
    if (f->severity != current) {
      if (!current.empty()) out += "</div>\n";
      out += fmt::format("<div class=\"sev-group\" id=\"{}\">\n<h3 class=\"sev-heading\">{}</h3>\n", group_id(f->severity),
                         h(severity_label(f->severity, lang)));
      current = f->severity;
    }
    out += finding_article(view, *f, lang);
  }
  if (!current.empty()) out += "</div>\n";

  // Then the other results.
  std::vector<const Finding*> others;
  for (std::string_view status : {"error", "waived", "undeclared", "skip", "pass"})
    for (const auto& f : view.results)
      if (f.status == status) others.push_back(&f);
  for (const auto& f : view.results)
    if (std::find(std::begin(kStatuses), std::end(kStatuses), f.status) == std::end(kStatuses)) others.push_back(&f);
  out += fmt::format("<div id=\"other-results\">\n<h3>{} ({})</h3>\n", h(label(L::other_results, lang)), others.size());
  if (!others.empty()) {
    out += fmt::format(
        "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        h(label(L::rule, lang)), h(label(L::principle, lang)), h(label(L::status, lang)), h(label(L::message, lang)));
    for (const Finding* f : others) {
      std::string message = f->message;
      if (f->waiver) {
        message += (message.empty() ? "" : " \xE2\x80\x94 ") + f->waiver->reason;
        if (!f->waiver->until.empty()) message += fmt::format(" ({} {})", label(L::waiver_until, lang), f->waiver->until);
      }
      out += fmt::format(
          "<tr class=\"r p-{} s-{}\"><th scope=\"row\"><code>{}</code> {}</th><td>{}</td><td><span class=\"status\">{}</span></td><td>{}</td></tr>\n",
          css_token(f->principle), css_token(f->status), h(f->rule), h(f->title), h(principle_label(f->principle, lang)),
          h(status_label(f->status, lang)), h(message));
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</div>\n</section>\n";

  if (const auto policy = policy_sentences(view, lang); !policy.empty()) {
    out += fmt::format("<section id=\"policy\">\n<h2>{}</h2>\n<ul>\n", h(label(L::policy_applied, lang)));
    for (const auto& s : policy) out += "<li>" + h(s) + "</li>\n";
    out += "</ul>\n</section>\n";
  }
  out += facts_section(view, lang);
  out += "</main>\n<footer>\n";
  out += fmt::format("<p>pacte {}", h(view.pacte_version));
  const json& stats = report.is_object() && report.contains("stats") ? report["stats"] : json();
  if (stats.is_object()) {
    std::string files = fact_value(stats, "files_scanned", lang), ms = fact_value(stats, "duration_ms", lang);
    if (!files.empty()) out += fmt::format(" \xC2\xB7 {} {}", h(files), h(label(L::files_scanned, lang)));
    if (!ms.empty()) out += fmt::format(" \xC2\xB7 {} {} ms", h(label(L::duration, lang)), h(ms));
  }
  out += "</p>\n";
  // What the audit could not read or left out of the tracker search, where a reader checks last.
  for (const std::string& note : {unreadable_sentence(view.stats, lang), left_out_sentence(view.stats, lang)})
    if (!note.empty()) out += "<p class=\"scan-note\">" + h(note) + "</p>\n";
  out += "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace pacte
