// Scores and verdict, derived only from rule results (docs/report.md).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/engine/evaluate.hpp"

namespace pacte {

struct PrincipleScore {
  std::optional<double> score;  // null when no rule of the principle could be scored
  int passed = 0, failed = 0, skipped = 0, errors = 0, waived = 0;
};

struct Score {
  double score = 0;  // mean of the principle scores that exist
  std::map<std::string, PrincipleScore> principles;
  std::string verdict;  // compliant | conditional | non-compliant
  bool critical_failed = false;
};

/// Each principle scores 100 x (weight of passed rules) / (weight of passed + failed rules),
/// weights by severity (critical 10, high 5, medium 3, low 1). Skipped, waived and error
/// results are left out: an error is never counted as a pass. The overall score is the mean
/// of the principle scores. Verdict: non-compliant when a critical rule fails; compliant when
/// the score is >= 80 and every principle has a score >= 60; conditional when >= 50.
Score compute_score(const std::vector<RuleResult>& results);

}  // namespace pacte
