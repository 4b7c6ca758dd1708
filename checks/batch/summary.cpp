#include "checks/batch/summary.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>

#include "checks/engine/audit.hpp"
#include "checks/base/text.hpp"
#include "checks/base/vocabulary.hpp"
#include "checks/base/vocabulary.hpp"

namespace pacte::batch {

namespace {


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
  row.evidence_score = opt_number(report.value("evidence_score", nlohmann::json()));
  row.verdict = str_or_empty(report, "verdict");
  if (report.contains("principles") && report["principles"].is_object())
    for (int i = 0; i < 4; ++i)
      if (report["principles"].contains(kPrinciples[i]))
        row.principles[i] = opt_number(report["principles"][kPrinciples[i]].value("score", nlohmann::json()));
  if (report.contains("results") && report["results"].is_array())
    for (const auto& r : report["results"]) {
      if (!r.is_object()) continue;
      if (r.value("status", "") == "undeclared") ++row.undeclared;
      if (r.value("status", "") != "fail") continue;
      ++row.failures;
      if (r.value("severity", "") == "critical") ++row.critical_failures;
      FailedRule f{str_or_empty(r, "rule"), str_or_empty(r, "severity"), str_or_empty(r, "principle")};
      if (!f.rule.empty()) row.failed_rules.push_back(std::move(f));
    }
  std::sort(row.failed_rules.begin(), row.failed_rules.end(), [](const FailedRule& a, const FailedRule& b) { return a.rule < b.rule; });
  row.failed_rules.erase(std::unique(row.failed_rules.begin(), row.failed_rules.end(),
                                     [](const FailedRule& a, const FailedRule& b) { return a.rule == b.rule; }),
                         row.failed_rules.end());
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
  nlohmann::json j = {{"location", row.location},
          {"charter", str_or_null(row.charter)},
          {"rev", str_or_null(row.rev)},
          {"report", str_or_null(row.report)},
          {"commit", str_or_null(row.commit)},
          {"score", num_or_null(row.score)},
          {"verdict", str_or_null(row.verdict)},
          {"principles", p},
          {"failures", row.failures},
          {"critical_failures", row.critical_failures},
          {"evidence_score", num_or_null(row.evidence_score)},
          {"undeclared", row.undeclared},
          {"gate", str_or_null(row.gate)},
          {"error", str_or_null(row.error)}};
  if (!row.error_fr.empty()) j["error_fr"] = row.error_fr;  // the index shows it in French reports
  if (row.failed_rules_known) {
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& f : row.failed_rules) failed.push_back({{"rule", f.rule}, {"severity", f.severity}, {"principle", f.principle}});
    j["failed_rules"] = failed;
  }
  if (row.change) {
    const RowChange& c = *row.change;
    nlohmann::json change = {{"added", c.added},
                             {"previous_score", num_or_null(c.previous_score)},
                             {"previous_verdict", str_or_null(c.previous_verdict)}};
    if (row.score && c.previous_score) change["score_delta"] = std::round((*row.score - *c.previous_score) * 10) / 10;
    else change["score_delta"] = nullptr;
    if (c.rules_compared) {
      change["new_failures"] = c.new_failures;
      change["fixed_failures"] = c.fixed_failures;
    } else {
      change["new_failures"] = nullptr;
      change["fixed_failures"] = nullptr;
    }
    j["change"] = change;
  }
  return j;
}

namespace {

// A string field of a summary row: a string or null (absent: empty). Throws naming the field.
std::string strict_string(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return {};
  if (!j[key].is_string()) throw std::runtime_error(std::string("\"") + key + "\" is not a string");
  return j[key].get<std::string>();
}

// A score: a number from 0 to 100, or null. Throws naming the field.
std::optional<double> strict_score(const nlohmann::json& j, const std::string& key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  if (!j[key].is_number()) throw std::runtime_error("\"" + key + "\" is not a number");
  double v = j[key].get<double>();
  if (!(v >= 0 && v <= 100)) throw std::runtime_error("\"" + key + "\" is " + j[key].dump() + ", outside 0-100");
  return v;
}

// A count: a whole number from 0. Throws naming the field.
int strict_count(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return 0;
  if (!j[key].is_number_integer() || j[key].get<long long>() < 0 || j[key].get<long long>() > 1000000000)
    throw std::runtime_error(std::string("\"") + key + "\" is not a count (a whole number from 0)");
  return j[key].get<int>();
}

}  // namespace

std::string row_problem(const SummaryRow& row) {
  if (row.location.empty()) return "a row has an empty \"location\"";
  auto where = "row \"" + row.location + "\": ";
  for (double v : {row.score.value_or(0.0), row.evidence_score.value_or(0.0), row.principles[0].value_or(0.0), row.principles[1].value_or(0.0),
                   row.principles[2].value_or(0.0), row.principles[3].value_or(0.0)})
    if (!(v >= 0 && v <= 100)) return where + "a score is outside 0-100";
  if (!row.verdict.empty() && row.verdict != "compliant" && row.verdict != "conditional" && row.verdict != "non-compliant" &&
      row.verdict != "no-charter")
    return where + "\"verdict\" is '" + row.verdict + "', not compliant, conditional, non-compliant or no-charter";
  if (!row.gate.empty() && row.gate != "pass" && row.gate != "fail" && row.gate != "none")
    return where + "\"gate\" is '" + row.gate + "', not pass, fail or none";
  if (!row.report.empty()) {
    // A plain file name in the summary's own folder: no folder part, no "..", no hidden file.
    bool plain = row.report.find('/') == std::string::npos && row.report.find('\\') == std::string::npos &&
                 row.report.find('\0') == std::string::npos && row.report[0] != '.' && row.report.ends_with(".json") &&
                 row.report.size() <= 255;
    if (!plain) return where + "\"report\" is '" + row.report + "', not a plain file name ending in .json";
  }
  if (row.audited() && (!row.score || row.verdict.empty())) return where + "an audited row has no score or verdict";
  return {};
}

SummaryRow row_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("location") || !j["location"].is_string())
    throw std::runtime_error("a summary row has no \"location\"");
  SummaryRow row;
  row.location = j["location"].get<std::string>();
  try {
    row.charter = strict_string(j, "charter");
    row.rev = strict_string(j, "rev");
    row.report = strict_string(j, "report");
    row.commit = strict_string(j, "commit");
    row.score = strict_score(j, "score");
    row.verdict = strict_string(j, "verdict");
    if (j.contains("principles") && !j["principles"].is_null()) {
      if (!j["principles"].is_object()) throw std::runtime_error("\"principles\" is not an object");
      for (int i = 0; i < 4; ++i) row.principles[i] = strict_score(j["principles"], std::string(kPrinciples[i]));
    }
    row.failures = strict_count(j, "failures");
    row.critical_failures = strict_count(j, "critical_failures");
    row.evidence_score = strict_score(j, "evidence_score");
    row.undeclared = strict_count(j, "undeclared");
    row.gate = strict_string(j, "gate");
    row.error = strict_string(j, "error");
    if (j.contains("error_fr")) row.error_fr = strict_string(j, "error_fr");
    // Summaries written before the list of failed rules have none: the row says it is unknown.
    row.failed_rules_known = j.contains("failed_rules") && !j["failed_rules"].is_null();
    if (row.failed_rules_known) {
      if (!j["failed_rules"].is_array()) throw std::runtime_error("\"failed_rules\" is not an array");
      for (const auto& f : j["failed_rules"]) {
        if (!f.is_object()) throw std::runtime_error("\"failed_rules\" holds something that is not an object");
        row.failed_rules.push_back({strict_string(f, "rule"), strict_string(f, "severity"), strict_string(f, "principle")});
      }
    }
    if (j.contains("change") && j["change"].is_object()) {
      const auto& c = j["change"];
      RowChange change;
      if (c.contains("added") && !c["added"].is_boolean()) throw std::runtime_error("\"change.added\" is not true or false");
      change.added = c.contains("added") && c["added"].get<bool>();
      change.previous_score = strict_score(c, "previous_score");
      change.previous_verdict = strict_string(c, "previous_verdict");
      for (const char* key : {"new_failures", "fixed_failures"}) {
        if (!c.contains(key) || !c[key].is_array()) continue;
        change.rules_compared = true;
        for (const auto& id : c[key])
          if (id.is_string()) (std::string(key) == "new_failures" ? change.new_failures : change.fixed_failures).push_back(id.get<std::string>());
      }
      row.change = std::move(change);
    }
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("row \"" + row.location + "\": " + e.what());
  }
  if (std::string why = row_problem(row); !why.empty()) throw std::runtime_error(why);
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

PreviousRun compare_with_previous(std::vector<SummaryRow>& rows, const std::vector<SummaryRow>& previous, const std::string& folder) {
  PreviousRun run;
  run.folder = folder;
  std::map<std::string, const SummaryRow*> before;
  for (const auto& p : previous) before[p.sort_key()] = &p;
  std::set<std::string> now;
  for (auto& row : rows) {
    now.insert(row.sort_key());
    RowChange change;
    auto it = before.find(row.sort_key());
    if (it == before.end()) {
      change.added = true;
    } else {
      const SummaryRow& then = *it->second;
      change.previous_score = then.score;
      change.previous_verdict = then.verdict;
      // A row that could not be audited (now or then) says nothing about which rules fail.
      change.rules_compared = row.audited() && then.audited() && row.failed_rules_known && then.failed_rules_known;
      if (change.rules_compared) {
        std::set<std::string> ids_now, ids_then;
        for (const auto& f : row.failed_rules) ids_now.insert(f.rule);
        for (const auto& f : then.failed_rules) ids_then.insert(f.rule);
        std::set_difference(ids_now.begin(), ids_now.end(), ids_then.begin(), ids_then.end(), std::back_inserter(change.new_failures));
        std::set_difference(ids_then.begin(), ids_then.end(), ids_now.begin(), ids_now.end(), std::back_inserter(change.fixed_failures));
      }
    }
    row.change = std::move(change);
  }
  for (const auto& p : previous)
    if (!now.count(p.sort_key())) run.removed.push_back(p);
  std::sort(run.removed.begin(), run.removed.end(), [](const SummaryRow& a, const SummaryRow& b) { return a.sort_key() < b.sort_key(); });
  return run;
}

nlohmann::json summary_document(const std::vector<SummaryRow>& rows, const PreviousRun* previous) {
  auto c = count_rows(rows);
  nlohmann::json doc;
  doc["pacte_batch"] = kSummaryFormatVersion;
  doc["pacte_version"] = pacte_version();
  doc["counts"] = {{"repositories", c.total}, {"audited", c.audited}, {"failed", c.failed}, {"gate_failed", c.gate_failed}};
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : rows) arr.push_back(row_to_json(r));
  doc["rows"] = arr;
  if (previous) {
    nlohmann::json removed = nlohmann::json::array();
    for (const auto& r : previous->removed)
      removed.push_back({{"location", r.location},
                         {"charter", str_or_null(r.charter)},
                         {"rev", str_or_null(r.rev)},
                         {"score", num_or_null(r.score)},
                         {"verdict", str_or_null(r.verdict)}});
    doc["previous"] = {{"folder", previous->folder}, {"removed", removed}};
  }
  return doc;
}

std::string render_summary_json(const std::vector<SummaryRow>& rows) { return summary_document(rows).dump(2) + "\n"; }

bool is_summary_json(const nlohmann::json& doc) {
  return doc.is_object() && doc.contains("pacte_batch") && doc.contains("rows") && doc["rows"].is_array();
}

std::vector<SummaryRow> rows_from_summary_json(const nlohmann::json& doc) {
  if (!is_summary_json(doc)) throw std::runtime_error("not a pacte batch summary.json");
  if (!doc["pacte_batch"].is_number_integer() || doc["pacte_batch"].get<long long>() != kSummaryFormatVersion)
    throw std::runtime_error("a summary of format version " + doc["pacte_batch"].dump() + "; this pacte reads version " +
                             std::to_string(kSummaryFormatVersion) + " (merge summaries written by the same pacte release)");
  std::vector<SummaryRow> rows;
  for (const auto& j : doc["rows"]) rows.push_back(row_from_json(j));
  return rows;
}

}  // namespace pacte::batch
