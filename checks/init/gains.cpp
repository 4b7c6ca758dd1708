#include "checks/init/gains.hpp"

#include <algorithm>
#include <cmath>

#include "checks/engine/scoring.hpp"

namespace pacte {

namespace {

Status status_from(const std::string& s) {
  for (Status st : {Status::pass, Status::fail, Status::skip, Status::error, Status::waived, Status::undeclared})
    if (s == status_name(st)) return st;
  return Status::error;
}

}  // namespace

std::vector<ScoreGain> score_gains(const nlohmann::json& report, const RuleSet& rules) {
  std::vector<RuleResult> results;
  std::vector<std::string> messages;
  if (report.contains("results") && report["results"].is_array())
    for (const auto& r : report["results"]) {
      const Rule* rule = r.contains("rule") && r["rule"].is_string() ? rules.find(r["rule"].get<std::string>()) : nullptr;
      if (!rule) continue;
      RuleResult rr;
      rr.rule = rule;
      rr.status = status_from(r.value("status", ""));
      results.push_back(rr);
      messages.push_back(r.value("message", ""));
    }
  double base = compute_score(results).score;
  std::vector<ScoreGain> gains;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].status != Status::fail) continue;
    results[i].status = Status::pass;
    double score = compute_score(results).score;
    results[i].status = Status::fail;
    gains.push_back({results[i].rule, std::round((score - base) * 10.0) / 10.0, messages[i]});
  }
  std::stable_sort(gains.begin(), gains.end(), [](const ScoreGain& a, const ScoreGain& b) {
    if (a.gain != b.gain) return a.gain > b.gain;
    if (a.rule->severity != b.rule->severity) return a.rule->severity < b.rule->severity;  // critical first
    return a.rule->id < b.rule->id;
  });
  return gains;
}

}  // namespace pacte
