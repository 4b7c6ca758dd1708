#include "checks/batch/summary.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "checks/engine/audit.hpp"
#include "checks/base/text.hpp"

namespace pacte::batch {

namespace {

const char* const kPrinciples[4] = {"openness", "neutrality", "continuity", "equal_access"};

std::optional<double> opt_number(const nlohmann::json& j) {
  if (j.is_number()) return j.get<double>();
  return std::nullopt;
}

std::string str_or_empty(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return {};
}

nlohmann::json num_or_null(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
nlohmann::json str_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

std::string one_decimal(const std::optional<double>& v) {
  if (!v) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(*v * 10) / 10);
  return buf;
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

SummaryRow row_from_report(const BatchEntry& entry, const nlohmann::json& report) {
  SummaryRow row;
  row.location = entry.location;
  row.charter = entry.charter;
  row.rev = entry.rev;
  row.report = entry.stem() + ".json";
  if (report.contains("repository")) row.commit = str_or_empty(report["repository"], "commit");
  row.score = opt_number(report.value("score", nlohmann::json()));
  row.verdict = str_or_empty(report, "verdict");
  if (report.contains("principles") && report["principles"].is_object())
    for (int i = 0; i < 4; ++i)
      if (report["principles"].contains(kPrinciples[i]))
        row.principles[i] = opt_number(report["principles"][kPrinciples[i]].value("score", nlohmann::json()));
  if (report.contains("results") && report["results"].is_array())
    for (const auto& r : report["results"]) {
      if (r.value("status", "") != "fail") continue;
      ++row.failures;
      if (r.value("severity", "") == "critical") ++row.critical_failures;
    }
  return row;
}

nlohmann::json batch_tag(const BatchEntry& entry, const std::string& gate) {
  return {{"location", entry.location}, {"charter", str_or_null(entry.charter)}, {"rev", str_or_null(entry.rev)}, {"gate", gate}};
}

std::optional<SummaryRow> row_from_batch_report(const nlohmann::json& report, const std::string& report_file) {
  if (!report.is_object() || !report.contains("batch") || !report["batch"].is_object() || !report.contains("results"))
    return std::nullopt;
  const auto& tag = report["batch"];
  BatchEntry e;
  e.location = str_or_empty(tag, "location");
  if (e.location.empty()) return std::nullopt;
  e.charter = str_or_empty(tag, "charter");
  e.rev = str_or_empty(tag, "rev");
  SummaryRow row = row_from_report(e, report);
  row.report = report_file;
  row.gate = str_or_empty(tag, "gate");
  return row;
}

nlohmann::json row_to_json(const SummaryRow& row) {
  nlohmann::json p = nlohmann::json::object();
  for (int i = 0; i < 4; ++i) p[kPrinciples[i]] = num_or_null(row.principles[i]);
  return {{"location", row.location},
          {"charter", str_or_null(row.charter)},
          {"rev", str_or_null(row.rev)},
          {"report", str_or_null(row.report)},
          {"commit", str_or_null(row.commit)},
          {"score", num_or_null(row.score)},
          {"verdict", str_or_null(row.verdict)},
          {"principles", p},
          {"failures", row.failures},
          {"critical_failures", row.critical_failures},
          {"gate", str_or_null(row.gate)},
          {"error", str_or_null(row.error)}};
}

SummaryRow row_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("location") || !j["location"].is_string())
    throw std::runtime_error("a summary row has no \"location\"");
  SummaryRow row;
  row.location = j["location"].get<std::string>();
  row.charter = str_or_empty(j, "charter");
  row.rev = str_or_empty(j, "rev");
  row.report = str_or_empty(j, "report");
  row.commit = str_or_empty(j, "commit");
  row.score = opt_number(j.value("score", nlohmann::json()));
  row.verdict = str_or_empty(j, "verdict");
  if (j.contains("principles") && j["principles"].is_object())
    for (int i = 0; i < 4; ++i) row.principles[i] = opt_number(j["principles"].value(kPrinciples[i], nlohmann::json()));
  row.failures = j.value("failures", 0);
  row.critical_failures = j.value("critical_failures", 0);
  row.gate = str_or_empty(j, "gate");
  row.error = str_or_empty(j, "error");
  return row;
}

void sort_and_dedupe(std::vector<SummaryRow>& rows) {
  std::map<std::string, SummaryRow> by_key;
  for (auto& r : rows) {
    auto it = by_key.find(r.sort_key());
    if (it == by_key.end()) by_key.emplace(r.sort_key(), std::move(r));
    else if (r.audited() || !it->second.audited()) it->second = std::move(r);
  }
  rows.clear();
  for (auto& [k, r] : by_key) rows.push_back(std::move(r));
}

SummaryCounts count_rows(const std::vector<SummaryRow>& rows) {
  SummaryCounts c;
  for (const auto& r : rows) {
    ++c.total;
    if (r.audited()) ++c.audited;
    else ++c.failed;
    if (r.gate == "fail") ++c.gate_failed;
  }
  return c;
}

std::string render_summary_json(const std::vector<SummaryRow>& rows) {
  auto c = count_rows(rows);
  nlohmann::json doc;
  doc["pacte_batch"] = 1;
  doc["pacte_version"] = pacte_version();
  doc["counts"] = {{"repositories", c.total}, {"audited", c.audited}, {"failed", c.failed}, {"gate_failed", c.gate_failed}};
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : rows) arr.push_back(row_to_json(r));
  doc["rows"] = arr;
  return doc.dump(2) + "\n";
}

bool is_summary_json(const nlohmann::json& doc) {
  return doc.is_object() && doc.contains("pacte_batch") && doc.contains("rows") && doc["rows"].is_array();
}

std::vector<SummaryRow> rows_from_summary_json(const nlohmann::json& doc) {
  if (!is_summary_json(doc)) throw std::runtime_error("not a pacte batch summary.json");
  std::vector<SummaryRow> rows;
  for (const auto& j : doc["rows"]) rows.push_back(row_from_json(j));
  return rows;
}

std::string render_summary_csv(const std::vector<SummaryRow>& rows) {
  std::string out =
      "location,charter,rev,report,commit,score,verdict,openness,neutrality,continuity,equal_access,failures,"
      "critical_failures,gate,error\n";
  for (const auto& r : rows) {
    std::vector<std::string> f = {r.location, r.charter, r.rev, r.report, r.commit, one_decimal(r.score), r.verdict};
    for (const auto& p : r.principles) f.push_back(one_decimal(p));
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

std::string render_index_html(const std::vector<SummaryRow>& rows, Lang lang) {
  bool fr = lang == Lang::fr;
  auto t = [fr](const char* en, const char* f) { return std::string(fr ? f : en); };
  auto c = count_rows(rows);
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"" + t("en", "fr") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + t("pacte batch audit", "Audit pacte par lot") + "</title>\n";
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
  h += "<h1>" + t("pacte batch audit", "Audit pacte par lot") + "</h1>\n";
  h += "<p>" + std::to_string(c.total) + t(" repositories: ", " dépôts : ") + std::to_string(c.audited) +
       t(" audited, ", " audités, ") + std::to_string(c.failed) + t(" could not be audited, ", " non audités, ") +
       std::to_string(c.gate_failed) + t(" failed the gate.", " en échec au seuil.") + "</p>\n";
  const std::vector<std::pair<std::string, bool>> headers = {
      {t("Repository", "Dépôt"), false}, {t("Score", "Score"), true},           {t("Verdict", "Verdict"), false},
      {t("Openness", "Ouverture"), true}, {t("Neutrality", "Neutralité"), true}, {t("Continuity", "Continuité"), true},
      {t("Equal access", "Égalité d'accès"), true}, {t("Failures", "Échecs"), true}, {t("Gate", "Seuil"), false},
      {t("Error", "Erreur"), false}};
  h += "<table id=\"repos\">\n<thead><tr>";
  for (std::size_t i = 0; i < headers.size(); ++i)
    h += "<th scope=\"col\"" + std::string(headers[i].second ? " data-num" : "") + "><button type=\"button\">" +
         html_escape(headers[i].first) + "</button></th>";
  h += "</tr></thead>\n<tbody>\n";
  auto verdict_label = [&](const std::string& v) {
    if (!fr) return v;
    if (v == "compliant") return std::string("conforme");
    if (v == "conditional") return std::string("conditionnel");
    if (v == "non-compliant") return std::string("non conforme");
    return v;
  };
  for (const auto& r : rows) {
    std::string name = r.location;
    if (!r.rev.empty()) name += " @ " + r.rev;
    if (!r.charter.empty()) name += " (" + t("charter ", "charte ") + r.charter + ")";
    h += "<tr><th scope=\"row\">";
    if (!r.report.empty() && r.report.ends_with(".json")) {
      std::string html_file = r.report.substr(0, r.report.size() - 5) + ".html";
      h += "<a href=\"" + href(html_file) + "\">" + html_escape(name) + "</a>";
    } else {
      h += html_escape(name);
    }
    h += "</th>";
    auto num_cell = [&](const std::optional<double>& v) {
      std::string s = one_decimal(v);
      h += "<td class=\"n\" data-v=\"" + (v ? s : std::string("-1")) + "\">" + (v ? s : std::string("–")) + "</td>";
    };
    num_cell(r.score);
    h += "<td class=\"" + html_escape(r.verdict) + "\">" + html_escape(verdict_label(r.verdict)) + "</td>";
    for (const auto& p : r.principles) num_cell(p);
    if (r.audited()) h += "<td class=\"n\" data-v=\"" + std::to_string(r.failures) + "\">" + std::to_string(r.failures) + "</td>";
    else h += "<td class=\"n\" data-v=\"-1\">–</td>";
    std::string gate = r.gate == "pass" ? t("pass", "réussi") : r.gate == "fail" ? t("fail", "échec") : std::string();
    h += "<td>" + html_escape(gate) + "</td>";
    h += "<td class=\"error\">" + html_escape(r.error) + "</td></tr>\n";
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

}  // namespace pacte::batch
