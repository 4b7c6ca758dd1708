// The summary files of a batch, `summary.csv` and `index.html`, from the `summary.json`
// document (`{"pacte_batch": 1, "counts", "rows": [...]}`) that checks/batch writes.
#include <cctype>
#include <cmath>
#include <algorithm>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "checks/base/text.hpp"
#include "checks/base/vocabulary.hpp"
#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using formats::css_token;

namespace {

/// A failed rule as the summary lists it.
struct FailedRule {
  std::string rule, severity, principle;
};

/// What changed since the previous run, as the summary holds it (`row["change"]`).
struct Change {
  bool added = false;
  std::optional<double> previous_score, score_delta;
  std::string previous_verdict;
  bool rules_compared = false;
  std::vector<std::string> new_failures, fixed_failures;
};

/// One repository's line of the summary, as `summary.json` holds it.
struct Row {
  std::string location, charter, rev, report, commit, verdict, gate, error, error_fr;
  std::optional<double> score;
  std::optional<double> evidence_score;  // the score over evidence rules: ranks charter-less services
  std::optional<double> principles[4];   // openness, neutrality, continuity, equal_access
  long long failures = 0, critical_failures = 0;
  std::vector<FailedRule> failed_rules;
  std::optional<Change> change;

  bool audited() const { return error.empty(); }
  /// The rule ids of the critical failures, in the summary's order.
  std::vector<std::string> critical_rules() const {
    std::vector<std::string> ids;
    for (const auto& f : failed_rules)
      if (f.severity == "critical") ids.push_back(f.rule);
    return ids;
  }
};

/// A repository of the previous run that has no row in this one.
struct Removed {
  std::string location, charter, rev, verdict;
  std::optional<double> score;
};


std::string str_of(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> num_of(const json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

long long int_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<long long>() : 0;
}

std::vector<std::string> strings_of(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.is_object() || !j.contains(key) || !j[key].is_array()) return out;
  for (const auto& s : j[key])
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

std::vector<Row> rows_of(const json& summary) {
  std::vector<Row> rows;
  if (!summary.is_object() || !summary.contains("rows") || !summary["rows"].is_array()) return rows;
  for (const auto& j : summary["rows"]) {
    if (!j.is_object()) continue;
    Row r;
    r.location = str_of(j, "location");
    r.charter = str_of(j, "charter");
    r.rev = str_of(j, "rev");
    r.report = str_of(j, "report");
    r.commit = str_of(j, "commit");
    r.verdict = str_of(j, "verdict");
    r.gate = str_of(j, "gate");
    r.error = str_of(j, "error");
    r.error_fr = str_of(j, "error_fr");
    r.score = num_of(j, "score");
    r.evidence_score = num_of(j, "evidence_score");
    if (auto p = j.find("principles"); p != j.end())
      for (int i = 0; i < 4; ++i) r.principles[i] = num_of(*p, kPrinciples[i]);
    r.failures = int_of(j, "failures");
    r.critical_failures = int_of(j, "critical_failures");
    if (auto f = j.find("failed_rules"); f != j.end() && f->is_array())
      for (const auto& x : *f)
        if (x.is_object() && !str_of(x, "rule").empty())
          r.failed_rules.push_back({str_of(x, "rule"), str_of(x, "severity"), str_of(x, "principle")});
    if (auto c = j.find("change"); c != j.end() && c->is_object()) {
      Change ch;
      auto added = c->find("added");
      ch.added = added != c->end() && added->is_boolean() && added->get<bool>();
      ch.previous_score = num_of(*c, "previous_score");
      ch.score_delta = num_of(*c, "score_delta");
      ch.previous_verdict = str_of(*c, "previous_verdict");
      ch.rules_compared = c->contains("new_failures") && (*c)["new_failures"].is_array();
      ch.new_failures = strings_of(*c, "new_failures");
      ch.fixed_failures = strings_of(*c, "fixed_failures");
      r.change = std::move(ch);
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

/// The previous run's folder and removed repositories; nullopt when the run was not compared.
struct Previous {
  std::string folder;
  std::vector<Removed> removed;
};

std::optional<Previous> previous_of(const json& summary) {
  if (!summary.is_object() || !summary.contains("previous") || !summary["previous"].is_object()) return std::nullopt;
  const json& p = summary["previous"];
  Previous out;
  out.folder = str_of(p, "folder");
  if (p.contains("removed") && p["removed"].is_array())
    for (const auto& r : p["removed"])
      if (r.is_object()) out.removed.push_back({str_of(r, "location"), str_of(r, "charter"), str_of(r, "rev"), str_of(r, "verdict"), num_of(r, "score")});
  return out;
}

struct Counts {
  int total = 0, audited = 0, failed = 0, gate_failed = 0;
};

Counts count(const std::vector<Row>& rows) {
  Counts c;
  for (const auto& r : rows) {
    ++c.total;
    if (r.audited()) ++c.audited;
    else ++c.failed;
    if (r.gate == "fail") ++c.gate_failed;
  }
  return c;
}

/// A score with one decimal in the way `lang` writes numbers ("72.5", "72,5"); empty when absent.
std::string one_decimal(const std::optional<double>& v, Lang lang) {
  if (!v) return {};
  return format_number(std::round(*v * 10) / 10, 1, lang);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

// Percent-encodes what may not appear in a relative URL (report stems are already safe).
std::string href(const std::string& file) {
  std::string out;
  for (unsigned char c : file) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out.push_back(static_cast<char>(c));
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

/// The word summary.csv's `change` column holds for a row: empty when the run was not compared.
std::string change_word(const Row& r) {
  if (!r.change) return {};
  const Change& c = *r.change;
  if (c.added) return "added";
  bool same = c.previous_verdict == r.verdict && (!c.score_delta || std::fabs(*c.score_delta) < 0.05) &&
              c.new_failures.empty() && c.fixed_failures.empty() && c.previous_score.has_value() == r.score.has_value();
  return same ? "unchanged" : "changed";
}

std::string joined(const std::vector<std::string>& ids, const char* sep) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : sep) + id;
  return out;
}

}  // namespace

// summary.csv is data for programs and spreadsheets, not a page for a reader: whatever the
// batch's --lang, its header, its keys (verdict, gate) and its numbers are the same, numbers with
// a decimal point and fields separated by commas (RFC 4180), so that a script reads any batch's
// summary the same way and `pacte merge` writes it byte for byte. Translated words are for
// index.html. The columns after `error` came later, at the end so that a script reading the
// first ones by position still works: the critical rules failing (ids separated by spaces), and
// the comparison with --previous (empty without it); a repository of the previous run that is
// no longer in the list gets a last line of its own, `change` = removed.
std::string render_summary_csv(const json& summary) {
  const std::vector<Row> rows = rows_of(summary);
  std::string out =
      "location,charter,rev,report,commit,score,verdict,openness,neutrality,continuity,equal_access,failures,"
      "critical_failures,gate,error,critical_rules,change,previous_score,score_delta,previous_verdict,new_failures,"
      "fixed_failures\n";
  auto line = [&out](const std::vector<std::string>& f) {
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (i) out.push_back(',');
      out += csv_field(f[i]);
    }
    out += "\n";
  };
  for (const auto& r : rows) {
    std::vector<std::string> f = {r.location, r.charter, r.rev, r.report, r.commit, one_decimal(r.score, Lang::en), r.verdict};
    for (const auto& p : r.principles) f.push_back(one_decimal(p, Lang::en));
    f.push_back(r.audited() ? std::to_string(r.failures) : std::string());
    f.push_back(r.audited() ? std::to_string(r.critical_failures) : std::string());
    f.push_back(r.gate);
    f.push_back(r.error);
    f.push_back(joined(r.critical_rules(), " "));
    f.push_back(change_word(r));
    if (r.change) {
      f.push_back(one_decimal(r.change->previous_score, Lang::en));
      f.push_back(r.change->score_delta ? fmt::format("{:.1f}", *r.change->score_delta) : std::string());
      f.push_back(r.change->previous_verdict);
      f.push_back(joined(r.change->new_failures, " "));
      f.push_back(joined(r.change->fixed_failures, " "));
    } else {
      for (int i = 0; i < 5; ++i) f.emplace_back();
    }
    line(f);
  }
  if (auto previous = previous_of(summary))
    for (const auto& r : previous->removed) {
      std::vector<std::string> f = {r.location, r.charter, r.rev};
      f.resize(16);
      f.push_back("removed");
      f.push_back(one_decimal(r.score, Lang::en));
      f.emplace_back();
      f.push_back(r.verdict);
      f.resize(22);
      line(f);
    }
  return out;
}

namespace {

/// Verdicts in the order the dashboard shows them: the three known ones, then any other word
/// (shown as it is, in a neutral colour), then the repositories that could not be audited.
std::vector<std::string> verdict_order(const std::vector<Row>& rows) {
  std::vector<std::string> order = {"compliant", "conditional", "non-compliant"};
  std::vector<std::string> others;
  for (const auto& r : rows)
    if (r.audited() && std::find(order.begin(), order.end(), r.verdict) == order.end() &&
        std::find(others.begin(), others.end(), r.verdict) == others.end())
      others.push_back(r.verdict);
  std::sort(others.begin(), others.end());
  order.insert(order.end(), others.begin(), others.end());
  order.push_back("");  // not audited
  return order;
}

/// The key a row files under in the verdict distribution and filter: its verdict, or
/// "not-audited" for an error row.
std::string verdict_key(const Row& r) { return r.audited() ? (r.verdict.empty() ? "none" : r.verdict) : "not-audited"; }

std::string percent_of(int part, int whole, Lang lang) {
  return format_percent(whole > 0 ? 100.0 * part / whole : 0.0, 0, lang);
}

/// A horizontal bar of parts (CSS widths, no script): each part a class and a count; the
/// accessible name says every part.
std::string stacked_bar(const std::vector<std::pair<std::string, int>>& parts, int whole, const std::string& name) {
  std::string out = "<div class=\"bar\" role=\"img\" aria-label=\"" + html_escape(name) + "\">";
  for (const auto& [cls, n] : parts)
    if (n > 0)
      out += fmt::format("<span class=\"{}\" style=\"width:{:.3f}%\"></span>", cls, whole > 0 ? 100.0 * n / whole : 0.0);
  return out + "</div>";
}

constexpr std::string_view kIndexCss = R"css(
*{box-sizing:border-box}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header,main{max-width:1400px;margin:0 auto;padding:0 20px}
header{padding-top:20px}
h1{font-size:1.7rem;margin:0 0 8px}
h2{font-size:1.3rem;margin:28px 0 10px;border-bottom:2px solid #1b1b1b;padding-bottom:4px}
code{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.88em}
a{color:#0b57a4}
.muted{color:#4a4a4a}
.bar{display:flex;height:22px;border-radius:4px;overflow:hidden;background:#eee;margin:6px 0;min-width:60px}
.bar span{display:block;height:100%}
.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 18px}
.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:6px;vertical-align:-1px}
.v-compliant,.b-high{background:#2e7d32}.v-conditional,.b-mid{background:#b45309}.v-non-compliant,.b-low{background:#c62828}
.v-other,.b-none{background:#9e9e9e}.v-not-audited{background:#4a4a4a}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f3f3;position:sticky;top:0;z-index:1}
th button{all:inherit;cursor:pointer;padding:0}
th[aria-sort=ascending] button::after{content:" \2191"}th[aria-sort=descending] button::after{content:" \2193"}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.n{white-space:nowrap}
table.dist td.barcell{width:45%}
#repos th[scope=row]{font-weight:600;overflow-wrap:anywhere;min-width:16ch}
#repos td.error{color:#a31515;overflow-wrap:anywhere}
#repos td.error:not(.empty){min-width:12ch}
#repos{font-size:.92rem}
#repos th,#repos td{padding:.3rem .35rem}
.verdict{font-weight:600;color:#4a4a4a}
.verdict.t-compliant{color:#18753c}.verdict.t-conditional{color:#8a4500}.verdict.t-non-compliant{color:#ce0500}.verdict.t-not-audited{color:#4a4a4a}
ul.ids{list-style:none;margin:2px 0 0;padding:0}
ul.ids li{white-space:nowrap;font-size:.85em}
.up{color:#18753c;font-weight:600}.down{color:#ce0500;font-weight:600}
.chg p{margin:0}
@media (max-width:760px){.chg p{display:inline;margin-right:.5em}}
.chg .badge{display:inline-block;font-size:.8rem;font-weight:700;padding:0 6px;border-radius:8px;background:#5b2a86;color:#fff}
.table-wrap{overflow-x:auto}
form.filters{display:flex;flex-wrap:wrap;gap:8px 18px;align-items:end;margin:8px 0 12px;padding:8px 12px;border:1px solid #ddd;border-radius:6px}
form.filters label{display:flex;flex-direction:column;font-weight:600;font-size:.9rem}
form.filters input,form.filters select{font:inherit;padding:4px 6px;max-width:100%}
form.filters[hidden]{display:none}
@media (max-width:760px){
  header,main{padding:0 12px}
  #repos thead{display:block;position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
  #repos,#repos tbody,#repos tr,#repos th[scope=row],#repos td{display:block;width:auto;max-width:none}
  #repos tr{border:1px solid #ccc;border-radius:6px;margin:0 0 10px;padding:6px 8px}
  #repos th[scope=row]{border:0;padding:2px 0 6px;font-size:1.05rem}
  #repos td{border:0;padding:1px 0;text-align:left;white-space:normal}
  #repos td::before{content:attr(data-label);font-weight:600;color:#4a4a4a}
  #repos td.empty{display:none}
  table.dist th,table.dist td{padding:.3rem .25rem;font-size:.9rem}
  table.dist td.barcell,table.dist thead td{display:none}
}
@media print{th button{all:unset}form.filters{display:none}thead th{position:static}}
)css";

/// The script that adds search, filters and sorting. Without it the page is complete, and the
/// table is in location order.
constexpr std::string_view kIndexScript = R"js(
(function(){
var t=document.getElementById('repos');if(!t)return;var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
var f=document.getElementById('filters');f.hidden=false;
var q=document.getElementById('f-name'),v=document.getElementById('f-verdict'),p=document.getElementById('f-principle'),
out=document.getElementById('f-shown');var tpl=out.getAttribute('data-template');
function apply(){var text=q.value.trim().toLowerCase(),n=0;rows.forEach(function(r){
var ok=(!text||r.cells[0].textContent.toLowerCase().indexOf(text)>=0)&&(!v.value||r.getAttribute('data-verdict')===v.value)&&
(!p.value||(' '+r.getAttribute('data-failing')+' ').indexOf(' '+p.value+' ')>=0);r.hidden=!ok;if(ok)n++;});
out.textContent=tpl.replace('{}',n).replace('{}',rows.length);}
[q,v,p].forEach(function(e){e.addEventListener('input',apply);e.addEventListener('change',apply);});
f.addEventListener('submit',function(e){e.preventDefault();});
var hs=t.tHead.rows[0].cells;
for(var i=0;i<hs.length;i++)(function(i){var b=hs[i].querySelector('button');if(!b)return;b.onclick=function(){
var up=hs[i].getAttribute('aria-sort')!=='ascending';for(var k=0;k<hs.length;k++)hs[k].removeAttribute('aria-sort');
hs[i].setAttribute('aria-sort',up?'ascending':'descending');var num=hs[i].hasAttribute('data-num');
var rs=Array.prototype.slice.call(body.rows);rs.sort(function(a,b){var x=a.cells[i],y=b.cells[i];
var c=num?parseFloat(x.getAttribute('data-v'))-parseFloat(y.getAttribute('data-v')):x.textContent.localeCompare(y.textContent);
return up?c:-c;});rs.forEach(function(r){body.appendChild(r);});};})(i);
apply();})();
)js";

}  // namespace

std::string render_index_html(const json& summary, Lang lang) {
  const std::vector<Row> rows = rows_of(summary);
  const std::optional<Previous> previous = previous_of(summary);
  auto t = [lang](L id) { return std::string(label(id, lang)); };
  auto esc = [](const std::string& s) { return html_escape(s); };
  const std::string colon(label(L::colon, lang));
  const Counts c = count(rows);
  std::string h;
  h.append("<!DOCTYPE html>\n<html lang=\"").append(lang == Lang::fr ? "fr" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n");
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h.append("<title>").append(esc(t(L::batch_title))).append("</title>\n");
  h.append("<style>").append(kIndexCss).append("</style>\n</head>\n<body>\n<header>\n");
  h.append("<h1>").append(esc(t(L::batch_title))).append("</h1>\n");
  h.append("<p>")
      .append(esc(fmt::format(fmt::runtime(label(L::batch_counts, lang)), c.total, c.audited, c.failed, c.gate_failed)))
      .append("</p>\n");
  if (previous) {
    int better = 0, worse = 0, with_new = 0;
    int added = 0;
    for (const auto& r : rows) {
      if (!r.change) continue;
      if (r.change->added) ++added;
      if (r.change->score_delta && *r.change->score_delta >= 0.05) ++better;
      if (r.change->score_delta && *r.change->score_delta <= -0.05) ++worse;
      if (!r.change->new_failures.empty()) ++with_new;
    }
    h.append("<p id=\"previous\">")
        .append(esc(fmt::format(fmt::runtime(label(L::batch_previous, lang)), previous->folder, added, previous->removed.size(), better,
                                worse, with_new)))
        .append("</p>\n");
  }
  h += "</header>\n<main>\n";

  // Verdict distribution: a bar and the counts in words.
  {
    std::vector<std::pair<std::string, int>> parts;
    std::string legend, name;
    for (const auto& v : verdict_order(rows)) {
      int n = 0;
      for (const auto& r : rows)
        if (v.empty() ? !r.audited() : (r.audited() && r.verdict == v)) ++n;
      if (n == 0 && (v.empty() || (v != "compliant" && v != "conditional" && v != "non-compliant"))) continue;
      std::string key = v.empty() ? "not-audited" : v;
      bool known = v.empty() || v == "compliant" || v == "conditional" || v == "non-compliant";
      std::string cls = "v-" + (known ? css_token(key) : std::string("other"));
      std::string word = v.empty() ? t(L::batch_not_audited) : verdict_label(v, lang);
      std::string said = fmt::format(fmt::runtime(label(L::batch_distribution, lang)), word, n, percent_of(n, c.total, lang));
      parts.emplace_back(cls, n);
      legend += "<li><span class=\"sw " + cls + "\"></span>" + esc(said) + "</li>";
      name += (name.empty() ? "" : ", ") + said;
    }
    h += "<section aria-labelledby=\"h-verdicts\">\n<h2 id=\"h-verdicts\">" + esc(t(L::batch_verdicts)) + "</h2>\n";
    h += stacked_bar(parts, c.total, name) + "\n<ul class=\"legend\" id=\"verdicts\">" + legend + "</ul>\n</section>\n";
  }

  // Per-principle score distribution: how many repositories in each band of score.
  {
    h += "<section aria-labelledby=\"h-principles\">\n<h2 id=\"h-principles\">" + esc(t(L::batch_principle_scores)) + "</h2>\n";
    h += "<table class=\"dist\" id=\"principle-scores\">\n<thead><tr><th scope=\"col\">" + esc(t(L::principle)) + "</th>";
    for (L band : {L::batch_band_high, L::batch_band_mid, L::batch_band_low, L::not_scored})
      h += "<th scope=\"col\" class=\"n\">" + esc(t(band)) + "</th>";
    h += "<td aria-hidden=\"true\"></td></tr></thead>\n<tbody>\n";
    for (int i = 0; i < 4; ++i) {
      int high = 0, mid = 0, low = 0, none = 0;
      for (const auto& r : rows) {
        if (!r.audited()) continue;
        const auto& s = r.principles[i];
        if (!s) ++none;
        else if (*s >= 80) ++high;
        else if (*s >= 60) ++mid;
        else ++low;
      }
      std::string name = principle_label(kPrinciples[i], lang);
      std::string said = name + colon + fmt::format("{} {}, {} {}, {} {}, {} {}", high, t(L::batch_band_high), mid, t(L::batch_band_mid), low,
                                                    t(L::batch_band_low), none, t(L::not_scored));
      h += "<tr><th scope=\"row\">" + esc(name) + "</th>";
      for (int n : {high, mid, low, none}) h += "<td class=\"n\">" + std::to_string(n) + "</td>";
      h += "<td class=\"barcell\">" + stacked_bar({{"b-high", high}, {"b-mid", mid}, {"b-low", low}, {"b-none", none}}, high + mid + low + none, said) +
           "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n</section>\n";
  }

  // The repositories.
  h += "<section aria-labelledby=\"h-repos\">\n<h2 id=\"h-repos\">" + esc(t(L::batch_repositories)) + "</h2>\n";
  // Search and filters: hidden until the script shows them (they do nothing without it).
  h += "<form class=\"filters\" id=\"filters\" hidden role=\"search\" aria-label=\"" + esc(t(L::filters)) + "\">\n";
  h += "<label for=\"f-name\">" + esc(t(L::batch_search)) + "<input type=\"search\" id=\"f-name\" autocomplete=\"off\"></label>\n";
  h += "<label for=\"f-verdict\">" + esc(t(L::verdict)) + "<select id=\"f-verdict\"><option value=\"\">" + esc(t(L::show_all)) + "</option>";
  for (const auto& v : verdict_order(rows)) {
    std::string key = v.empty() ? "not-audited" : v;
    h += "<option value=\"" + esc(key) + "\">" + esc(v.empty() ? t(L::batch_not_audited) : verdict_label(v, lang)) + "</option>";
  }
  h += "</select></label>\n";
  h += "<label for=\"f-principle\">" + esc(t(L::batch_filter_principle)) + "<select id=\"f-principle\"><option value=\"\">" +
       esc(t(L::show_all)) + "</option>";
  for (std::string_view p : kPrinciples)
    h += fmt::format("<option value=\"{}\">{}</option>", p, esc(principle_label(p, lang)));
  h += "</select></label>\n";
  h += "<output id=\"f-shown\" aria-live=\"polite\" data-template=\"" + esc(t(L::batch_shown)) + "\"></output>\n</form>\n";
  h += "<p class=\"muted\">" + esc(t(L::batch_sorted)) + "</p>\n";

  struct Column {
    std::string name;
    bool numeric;        // sorted as numbers
    bool right = false;  // a number alone in its cell, aligned right
  };
  std::vector<Column> columns = {{t(L::repository), false},
                                 {t(L::score), true, true},
                                 {t(L::evidence_score), true, true},
                                 {t(L::verdict), false},
                                 {principle_label(kPrinciples[0], lang), true, true},
                                 {principle_label(kPrinciples[1], lang), true, true},
                                 {principle_label(kPrinciples[2], lang), true, true},
                                 {principle_label(kPrinciples[3], lang), true, true},
                                 {t(L::failures), true, true},
                                 {t(L::batch_critical), true}};
  if (previous) columns.push_back({t(L::batch_change), true});
  columns.push_back({t(L::gate), false});
  columns.push_back({t(L::error_status), false});
  h += "<div class=\"table-wrap\">\n<table id=\"repos\">\n<thead><tr>";
  for (std::size_t i = 0; i < columns.size(); ++i)
    h += "<th scope=\"col\"" + std::string(columns[i].numeric ? " data-num" : "") + (columns[i].right ? " class=\"n\"" : "") +
         "><button type=\"button\">" +
         esc(columns[i].name) + "</button></th>";
  h += "</tr></thead>\n<tbody>\n";
  for (const auto& r : rows) {
    std::string name = r.location;
    if (!r.rev.empty()) name += " @ " + r.rev;
    if (!r.charter.empty()) name.append(" (").append(fmt::format(fmt::runtime(label(L::batch_charter, lang)), r.charter)).append(")");
    std::string failing;
    for (std::string_view p : kPrinciples)
      for (const auto& f : r.failed_rules)
        if (f.principle == p) {
          failing += (failing.empty() ? "" : " ") + std::string(p);
          break;
        }
    h += "<tr data-verdict=\"" + esc(verdict_key(r)) + "\" data-failing=\"" + esc(failing) + "\"><th scope=\"row\">";
    if (!r.report.empty() && r.report.ends_with(".json")) {
      std::string html_file = r.report.substr(0, r.report.size() - 5) + ".html";
      h += "<a href=\"" + href(html_file) + "\">" + esc(name) + "</a>";
    } else {
      h += esc(name);
    }
    h += "</th>";
    std::size_t col = 1;
    // Each cell carries its column's name for the phone layout, where the table becomes cards.
    auto open_cell = [&](const std::string& cls, const std::string& sort_key, bool empty) {
      h += "<td";
      std::string classes = cls + (empty ? std::string(cls.empty() ? "" : " ") + "empty" : "");
      if (!classes.empty()) h += " class=\"" + classes + "\"";
      if (!sort_key.empty()) h += " data-v=\"" + sort_key + "\"";
      h += " data-label=\"" + esc(columns[col++].name + colon) + "\">";
    };
    // The sort key (data-v) keeps a decimal point for the script; the cell shows the number
    // as the page's language writes it.
    auto num_cell = [&](const std::optional<double>& v) {
      open_cell("n", v ? one_decimal(v, Lang::en) : std::string("-1"), !v);
      h.append(v ? one_decimal(v, lang) : std::string("–")).append("</td>");
    };
    num_cell(r.score);
    num_cell(r.evidence_score);
    open_cell("verdict t-" + css_token(verdict_key(r)), "", false);
    h += esc(r.audited() ? verdict_label(r.verdict, lang) : t(L::batch_not_audited)) + "</td>";
    for (const auto& p : r.principles) num_cell(p);
    if (r.audited()) {
      open_cell("n", std::to_string(r.failures), false);
      h += std::to_string(r.failures) + "</td>";
    } else {
      open_cell("n", "-1", true);
      h += "–</td>";
    }
    // Critical failures: how many, and which rules.
    std::vector<std::string> critical = r.critical_rules();
    open_cell("", r.audited() ? std::to_string(r.critical_failures) : std::string("-1"), !r.audited());
    if (r.audited()) {
      h += std::to_string(r.critical_failures);
      if (!critical.empty()) {
        h += "<ul class=\"ids\">";
        for (const auto& id : critical) h += "<li><code>" + esc(id) + "</code></li>";
        h += "</ul>";
      }
    } else {
      h += "–";
    }
    h += "</td>";
    if (previous) {
      std::string cell;
      double key = 0;
      if (r.change) {
        const Change& ch = *r.change;
        if (ch.added) {
          cell += "<p><span class=\"badge\">" + esc(t(L::batch_added)) + "</span></p>";
        } else {
          if (ch.score_delta && std::fabs(*ch.score_delta) >= 0.05) {
            key = *ch.score_delta;
            cell += std::string("<p class=\"") + (key > 0 ? "up" : "down") + "\">" + esc(format_delta(key, lang)) + "</p>";
          }
          std::string then = ch.previous_verdict.empty() ? t(L::batch_not_audited) : verdict_label(ch.previous_verdict, lang);
          std::string now = r.audited() ? verdict_label(r.verdict, lang) : t(L::batch_not_audited);
          if (then != now) cell += "<p>" + esc(fmt::format(fmt::runtime(label(L::batch_was, lang)), then)) + "</p>";
          if (!ch.rules_compared) {
            cell += "<p class=\"muted\">" + esc(t(L::batch_rules_not_compared)) + "</p>";
          } else {
            if (!ch.new_failures.empty())
              cell += "<p class=\"down\">" + esc(fmt::format(fmt::runtime(label(L::batch_new_failures, lang)), joined(ch.new_failures, ", "))) + "</p>";
            if (!ch.fixed_failures.empty())
              cell += "<p class=\"up\">" + esc(fmt::format(fmt::runtime(label(L::batch_fixed_failures, lang)), joined(ch.fixed_failures, ", "))) + "</p>";
          }
          if (cell.empty()) cell = "<p class=\"muted\">" + esc(t(L::batch_no_change)) + "</p>";
        }
      }
      open_cell("chg", fmt::format("{:.1f}", key), cell.empty());
      h += cell + "</td>";
    }
    std::string gate = r.gate == "pass"   ? t(L::gate_pass)
                       : r.gate == "fail" ? t(L::gate_fail)
                       : r.gate == "none" ? t(L::gate_none)
                                          : r.gate;
    open_cell("", "", gate.empty());
    h += esc(gate) + "</td>";
    std::string error = lang == Lang::fr && !r.error_fr.empty() ? r.error_fr : r.error;
    open_cell("error", "", error.empty());
    h += esc(error) + "</td></tr>\n";
  }
  h += "</tbody>\n</table>\n</div>\n</section>\n";

  if (previous) {
    h += "<section aria-labelledby=\"h-removed\">\n<h2 id=\"h-removed\">" + esc(t(L::batch_removed)) + " (" +
         std::to_string(previous->removed.size()) + ")</h2>\n";
    if (previous->removed.empty()) {
      h += "<p>" + esc(t(L::batch_removed_none)) + "</p>\n";
    } else {
      h += "<ul id=\"removed\">\n";
      for (const auto& r : previous->removed) {
        std::string name = r.location;
        if (!r.rev.empty()) name += " @ " + r.rev;
        if (!r.charter.empty()) name.append(" (").append(fmt::format(fmt::runtime(label(L::batch_charter, lang)), r.charter)).append(")");
        std::string then = r.verdict.empty() ? t(L::batch_not_audited) : verdict_label(r.verdict, lang) + ", " + format_score(r.score, lang);
        h += "<li><code>" + esc(name) + "</code> — " + esc(fmt::format(fmt::runtime(label(L::batch_was, lang)), then)) + "</li>\n";
      }
      h += "</ul>\n";
    }
    h += "</section>\n";
  }
  h.append("</main>\n<script>").append(kIndexScript).append("</script>\n</body>\n</html>\n");
  return h;
}

}  // namespace pacte
