#include "checks/engine/scoring.hpp"

#include <cmath>

namespace pacte {

namespace {
double round1(double v) { return std::round(v * 10.0) / 10.0; }
}  // namespace

Score compute_score(const std::vector<RuleResult>& results) {
  Score s;
  std::map<std::string, std::pair<double, double>> weights;  // principle -> (passed, scored)
  for (const auto& p : principles()) s.principles[p] = {};
  for (const auto& r : results) {
    auto& ps = s.principles[r.rule->principle];
    double w = severity_weight(r.rule->severity);
    auto& [pw, tw] = weights[r.rule->principle];
    switch (r.status) {
      case Status::pass: ++ps.passed; pw += w; tw += w; break;
      case Status::fail:
        ++ps.failed;
        tw += w;
        if (r.rule->severity == Severity::critical) s.critical_failed = true;
        break;
      case Status::skip: ++ps.skipped; break;
      case Status::error: ++ps.errors; break;
      case Status::waived: ++ps.waived; break;
    }
  }
  double sum = 0;
  int n = 0;
  bool all_principles_ok = true;      // every principle at 60 or more (compliant)
  bool all_principles_above = true;   // every principle at 40 or more (conditional)
  for (auto& [name, ps] : s.principles) {
    auto it = weights.find(name);
    if (it != weights.end() && it->second.second > 0) {
      ps.score = round1(100.0 * it->second.first / it->second.second);
      sum += *ps.score;
      ++n;
      if (*ps.score < 60) all_principles_ok = false;
      if (*ps.score < 40) all_principles_above = false;
    } else {
      all_principles_ok = false;  // a principle nobody could assess cannot be called compliant
    }
  }
  s.score = n ? round1(sum / n) : 0.0;
  if (s.critical_failed) s.verdict = "non-compliant";
  else if (s.score >= 80 && all_principles_ok) s.verdict = "compliant";
  else if (s.score >= 50 && all_principles_above) s.verdict = "conditional";
  else s.verdict = "non-compliant";
  return s;
}

}  // namespace pacte
