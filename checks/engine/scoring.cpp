#include "checks/engine/scoring.hpp"

#include <cmath>

namespace pacte {

namespace {

double round1(double v) { return std::round(v * 10.0) / 10.0; }

/// Passed and scored weights of one principle, for one selection of rules.
struct Weights {
  double passed = 0, scored = 0;
  void add(double w, bool pass) {
    scored += w;
    if (pass) passed += w;
  }
  std::optional<double> score() const {
    if (scored <= 0) return std::nullopt;
    return round1(100.0 * passed / scored);
  }
};

/// The mean of the scores that exist; null when none does.
std::optional<double> mean_of(const std::vector<std::optional<double>>& scores) {
  double sum = 0;
  int n = 0;
  for (const auto& s : scores)
    if (s) {
      sum += *s;
      ++n;
    }
  if (!n) return std::nullopt;
  return round1(sum / n);
}

}  // namespace

Score compute_score(const std::vector<RuleResult>& results, bool has_charter) {
  Score s;
  struct PrincipleWeights {
    Weights all, evidence, declaration;
  };
  std::map<std::string, PrincipleWeights> weights;
  for (const auto& p : principles()) s.principles[p] = {};
  for (const auto& r : results) {
    auto& ps = s.principles[r.rule->principle];
    double w = severity_weight(r.rule->severity);
    auto& pw = weights[r.rule->principle];
    Weights& by_basis = rule_basis(*r.rule) == Basis::evidence ? pw.evidence : pw.declaration;
    switch (r.status) {
      case Status::pass:
        ++ps.passed;
        pw.all.add(w, true);
        by_basis.add(w, true);
        break;
      case Status::fail:
        ++ps.failed;
        pw.all.add(w, false);
        by_basis.add(w, false);
        if (r.rule->severity == Severity::critical) s.critical_failed = true;
        break;
      case Status::skip: ++ps.skipped; break;
      case Status::error: ++ps.errors; break;
      case Status::waived: ++ps.waived; break;
      case Status::undeclared: ++ps.undeclared; break;
    }
  }
  bool all_principles_ok = true;      // every principle at 60 or more (compliant)
  bool all_principles_above = true;   // every principle at 40 or more (conditional)
  std::vector<std::optional<double>> scores, evidence_scores, declaration_scores;
  for (auto& [name, ps] : s.principles) {
    const PrincipleWeights& pw = weights[name];
    ps.score = pw.all.score();
    ps.evidence_score = pw.evidence.score();
    ps.declaration_score = pw.declaration.score();
    scores.push_back(ps.score);
    evidence_scores.push_back(ps.evidence_score);
    declaration_scores.push_back(ps.declaration_score);
    if (!ps.score) {
      all_principles_ok = false;  // a principle nobody could assess cannot be called compliant
      continue;
    }
    if (*ps.score < 60) all_principles_ok = false;
    if (*ps.score < 40) all_principles_above = false;
  }
  s.score = mean_of(scores).value_or(0.0);
  s.evidence_score = mean_of(evidence_scores);
  s.declaration_score = mean_of(declaration_scores);
  // Without a charter nothing was declared: a cross-check that passed (no social login to
  // declare) says nothing of a declaration, and a score would read as one.
  if (!has_charter) {
    s.declaration_score.reset();
    for (auto& entry : s.principles) entry.second.declaration_score.reset();
  }
  if (s.critical_failed) s.verdict = "non-compliant";
  else if (!has_charter) s.verdict = "no-charter";
  else if (s.score >= 80 && all_principles_ok) s.verdict = "compliant";
  else if (s.score >= 50 && all_principles_above) s.verdict = "conditional";
  else s.verdict = "non-compliant";
  return s;
}

}  // namespace pacte
