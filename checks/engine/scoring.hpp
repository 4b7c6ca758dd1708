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
  /// The same formula over the rules whose basis is evidence only, and over the declaration
  /// and cross-check rules only; null when no such rule could be scored.
  std::optional<double> evidence_score, declaration_score;
  int passed = 0, failed = 0, skipped = 0, errors = 0, waived = 0, undeclared = 0;
};

struct Score {
  double score = 0;  // mean of the principle scores that exist
  /// Means of the principles' evidence and declaration scores that exist; null when none.
  std::optional<double> evidence_score, declaration_score;
  std::map<std::string, PrincipleScore> principles;
  std::string verdict;  // compliant | conditional | non-compliant | no-charter
  bool critical_failed = false;
};

/// Each principle scores 100 x (weight of passed rules) / (weight of passed + failed rules),
/// weights by severity (critical 10, high 5, medium 3, low 1). Skipped, waived, undeclared and
/// error results are left out: an error is never counted as a pass. The overall score is the
/// mean of the principle scores. The evidence and declaration scores apply the same formula
/// to the rules of each basis (declaration and cross-check rules together).
/// Verdict: non-compliant when a critical rule fails; else `no-charter` when the audit had no
/// charter at all (`has_charter` false: the evidence score still ranks such services);
/// compliant when the score is >= 80 and every principle has a score >= 60; conditional when
/// >= 50 and every principle >= 40; non-compliant otherwise.
Score compute_score(const std::vector<RuleResult>& results, bool has_charter = true);

}  // namespace pacte
