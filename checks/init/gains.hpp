// What to fix first: for each failing rule of a report, how many points the overall score
// would gain if that rule passed (everything else unchanged).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks/engine/rules.hpp"

namespace pacte {

/// One failing rule and the score it is worth.
struct ScoreGain {
  const Rule* rule = nullptr;
  double gain = 0;      // points of the overall score (0-100) gained if the rule passed, to 0.1
  std::string message;  // the failure message, as the report gives it
};

/// The failing rules of `report` (docs/report.md), each rescored with compute_score as if it
/// passed, largest gain first (ties: more severe first, then by rule id). Results whose rule
/// `rules` does not know are ignored; failures worth no point are kept, at the end.
std::vector<ScoreGain> score_gains(const nlohmann::json& report, const RuleSet& rules);

}  // namespace pacte
