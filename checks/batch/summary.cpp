#include "checks/batch/summary.hpp"

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

}  // namespace

SummaryRow row_from_report(const BatchEntry& entry, const nlohmann::json& report) {
  SummaryRow row;
  row.location = entry.location;
  row.charter = entry.charter;
  row.rev = entry.rev;
  row.report = entry.stem() + ".json";
  if (report.contains("repository")) row.commit = str_or_empty(report["repository"], "commit");
  // pacte batch tags each report with its gate verdict before the row is made.
  if (report.contains("batch")) row.gate = str_or_empty(report["batch"], "gate");
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

nlohmann::json summary_document(const std::vector<SummaryRow>& rows) {
  auto c = count_rows(rows);
  nlohmann::json doc;
  doc["pacte_batch"] = 1;
  doc["pacte_version"] = pacte_version();
  doc["counts"] = {{"repositories", c.total}, {"audited", c.audited}, {"failed", c.failed}, {"gate_failed", c.gate_failed}};
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : rows) arr.push_back(row_to_json(r));
  doc["rows"] = arr;
  return doc;
}

std::string render_summary_json(const std::vector<SummaryRow>& rows) { return summary_document(rows).dump(2) + "\n"; }

bool is_summary_json(const nlohmann::json& doc) {
  return doc.is_object() && doc.contains("pacte_batch") && doc.contains("rows") && doc["rows"].is_array();
}

std::vector<SummaryRow> rows_from_summary_json(const nlohmann::json& doc) {
  if (!is_summary_json(doc)) throw std::runtime_error("not a pacte batch summary.json");
  std::vector<SummaryRow> rows;
  for (const auto& j : doc["rows"]) rows.push_back(row_from_json(j));
  return rows;
}

}  // namespace pacte::batch
