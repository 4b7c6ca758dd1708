// The summary files of a batch, `summary.csv` and `index.html`, from the `summary.json`
// document (`{"pacte_batch": 1, "counts", "rows": [...]}`) that checks/batch writes.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "checks/base/text.hpp"
#include "checks/base/vocabulary.hpp"
#include "cli/formats/formats.hpp"

namespace pacte {

namespace {

/// One repository's line of the summary, as `summary.json` holds it.
struct Row {
  std::string location, charter, rev, report, commit, verdict, gate, error, error_fr;
  std::optional<double> score;
  std::optional<double> principles[4];  // openness, neutrality, continuity, equal_access
  long long failures = 0, critical_failures = 0;

  bool audited() const { return error.empty(); }
};


std::string str_of(const json& j, const char* key) {
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
    if (auto p = j.find("principles"); p != j.end())
      for (int i = 0; i < 4; ++i) r.principles[i] = num_of(*p, kPrinciples[i]);
    r.failures = int_of(j, "failures");
    r.critical_failures = int_of(j, "critical_failures");
    rows.push_back(std::move(r));
  }
  return rows;
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

}  // namespace

// summary.csv is data for programs and spreadsheets, not a page for a reader: whatever the
// batch's --lang, its header, its keys (verdict, gate) and its numbers are the same, numbers with
// a decimal point and fields separated by commas (RFC 4180), so that a script reads any batch's
// summary the same way and `pacte merge` writes it byte for byte. Translated words are for
// index.html.
std::string render_summary_csv(const json& summary) {
  const std::vector<Row> rows = rows_of(summary);
  std::string out =
      "location,charter,rev,report,commit,score,verdict,openness,neutrality,continuity,equal_access,failures,"
      "critical_failures,gate,error\n";
  for (const auto& r : rows) {
    std::vector<std::string> f = {r.location, r.charter, r.rev, r.report, r.commit, one_decimal(r.score, Lang::en), r.verdict};
    for (const auto& p : r.principles) f.push_back(one_decimal(p, Lang::en));
    f.push_back(r.audited() ? std::to_string(r.failures) : std::string());
    f.push_back(r.audited() ? std::to_string(r.critical_failures) : std::string());
    f.push_back(r.gate);
    f.push_back(r.error);
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (i) out.push_back(',');
      out += csv_field(f[i]);
    }
    out += "\n";
  }
  return out;
}

std::string render_index_html(const json& summary, Lang lang) {
  const std::vector<Row> rows = rows_of(summary);
  auto t = [lang](L id) { return std::string(label(id, lang)); };
  const Counts c = count(rows);
  std::string h;
  h.append("<!DOCTYPE html>\n<html lang=\"").append(lang == Lang::fr ? "fr" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n");
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h.append("<title>").append(html_escape(t(L::batch_title))).append("</title>\n");
  h += "<style>\n"
       "body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}\n"
       "table{border-collapse:collapse;width:100%}\n"
       "th,td{border-bottom:1px solid #ddd;padding:.35rem .6rem;text-align:left;vertical-align:top}\n"
       "th{background:#f3f3f3;position:sticky;top:0}\n"
       "th button{all:inherit;cursor:pointer;padding:0}\n"
       "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
       ".compliant{color:#18753c}.conditional{color:#a15c00}.non-compliant{color:#ce0500}\n"
       ".error{color:#ce0500}\n"
       "@media print{th button{all:unset}}\n"
       "</style>\n</head>\n<body>\n";
  h.append("<h1>").append(html_escape(t(L::batch_title))).append("</h1>\n");
  h.append("<p>")
      .append(html_escape(fmt::format(fmt::runtime(label(L::batch_counts, lang)), c.total, c.audited, c.failed, c.gate_failed)))
      .append("</p>\n");
  const std::vector<std::pair<std::string, bool>> headers = {
      {t(L::repository), false},
      {t(L::score), true},
      {t(L::verdict), false},
      {principle_label(kPrinciples[0], lang), true},
      {principle_label(kPrinciples[1], lang), true},
      {principle_label(kPrinciples[2], lang), true},
      {principle_label(kPrinciples[3], lang), true},
      {t(L::failures), true},
      {t(L::gate), false},
      {t(L::error_status), false}};
  h += "<table id=\"repos\">\n<thead><tr>";
  for (std::size_t i = 0; i < headers.size(); ++i)
    h += "<th scope=\"col\"" + std::string(headers[i].second ? " data-num" : "") + "><button type=\"button\">" +
         html_escape(headers[i].first) + "</button></th>";
  h += "</tr></thead>\n<tbody>\n";
  for (const auto& r : rows) {
    std::string name = r.location;
    if (!r.rev.empty()) name += " @ " + r.rev;
    if (!r.charter.empty()) name.append(" (").append(fmt::format(fmt::runtime(label(L::batch_charter, lang)), r.charter)).append(")");
    h += "<tr><th scope=\"row\">";
    if (!r.report.empty() && r.report.ends_with(".json")) {
      std::string html_file = r.report.substr(0, r.report.size() - 5) + ".html";
      h += "<a href=\"" + href(html_file) + "\">" + html_escape(name) + "</a>";
    } else {
      h += html_escape(name);
    }
    h += "</th>";
    // The sort key (data-v) keeps a decimal point for the script; the cell shows the number
    // as the page's language writes it.
    auto num_cell = [&](const std::optional<double>& v) {
      h.append("<td class=\"n\" data-v=\"").append(v ? one_decimal(v, Lang::en) : std::string("-1")).append("\">");
      h.append(v ? one_decimal(v, lang) : std::string("–")).append("</td>");
    };
    num_cell(r.score);
    h += "<td class=\"" + html_escape(r.verdict) + "\">" + html_escape(verdict_label(r.verdict, lang)) + "</td>";
    for (const auto& p : r.principles) num_cell(p);
    if (r.audited()) h += "<td class=\"n\" data-v=\"" + std::to_string(r.failures) + "\">" + std::to_string(r.failures) + "</td>";
    else h += "<td class=\"n\" data-v=\"-1\">–</td>";
    std::string gate = r.gate == "pass" ? t(L::gate_pass) : r.gate == "fail" ? t(L::gate_fail) : std::string();
    h += "<td>" + html_escape(gate) + "</td>";
    h += "<td class=\"error\">" + html_escape(lang == Lang::fr && !r.error_fr.empty() ? r.error_fr : r.error) + "</td></tr>\n";
  }
  h += "</tbody>\n</table>\n";
  // Sorting: a header click sorts by that column, a second click reverses. The table is
  // complete and in location order without it.
  h += "<script>\n"
       "(function(){var t=document.getElementById('repos');var hs=t.tHead.rows[0].cells;\n"
       "for(var i=0;i<hs.length;i++)(function(i){var up=true;hs[i].querySelector('button').onclick=function(){\n"
       "var num=hs[i].hasAttribute('data-num');var rs=Array.prototype.slice.call(t.tBodies[0].rows);\n"
       "rs.sort(function(a,b){var x=a.cells[i],y=b.cells[i];var c=num?parseFloat(x.getAttribute('data-v'))-"
       "parseFloat(y.getAttribute('data-v')):x.textContent.localeCompare(y.textContent);return up?c:-c;});\n"
       "up=!up;rs.forEach(function(r){t.tBodies[0].appendChild(r);});};})(i);})();\n"
       "</script>\n</body>\n</html>\n";
  return h;
}

}  // namespace pacte
