// The charter's policy (`policy:` in pacte.yml): waivers of findings by path or fingerprint,
// rules disabled or re-graded with a reason, and the gate's defaults. The Pact's red lines
// stay: a critical rule may be waived with a reason and an end date, never disabled nor
// re-graded below critical.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks/base/text.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/evaluate.hpp"
#include "checks/engine/gate.hpp"
#include "checks/engine/rules.hpp"

namespace pacte {

/// Checks `policy.rules` against the rules in force. Throws CharterInvalid (each problem at
/// file:line:col) when a critical rule is disabled or re-graded below critical, or when a rule
/// appears twice; adds to `charter.warnings` one warning per entry naming a rule id that no
/// rule in force has, with the closest id.
void check_policy(Charter& charter, const RuleSet& rules, Lang lang = Lang::en);

/// The rules in force once `policy.rules` is applied: disabled rules left out, re-graded ones
/// with their new severity; the rule set's sources and hash are kept.
RuleSet apply_rule_policy(const RuleSet& rules, const Charter& charter);

/// Removes from a failing result the findings (evidence items) that an applicable scoped
/// waiver of its rule covers: an evidence path matching one of the waiver's globs, or a
/// finding fingerprint starting with the waiver's `finding`. When none remains the result is
/// `waived` (its `waiver` the first that matched); otherwise it still fails with the rest, and
/// its message says how many were waived. Does nothing to a result that does not fail.
void waive_findings(RuleResult& result, const Charter& charter);

/// Adds to `charter.warnings` one warning per applicable waiver of a rule in force that
/// matched nothing in `results` (the rule did not fail, or no finding matched its scope).
void warn_unused_waivers(Charter& charter, const std::vector<RuleResult>& results, Lang lang = Lang::en);

/// The report's `policy` object (docs/report.md): the rules disabled and re-graded (severity
/// before and after), each waiver of the policy with the findings it waived, and the gate's
/// defaults. `rules` is the rule set before the policy was applied.
nlohmann::json policy_report(const Charter& charter, const RuleSet& rules, const std::vector<RuleResult>& results);

/// The gate a report is held to: the policy's defaults (`report.policy.gate`), then each
/// command-line option that was given (`fail_under_given`, `fail_on_given`) in their place.
Gate gate_with_policy(const nlohmann::json& report, const Gate& command_line, bool fail_under_given, bool fail_on_given);

}  // namespace pacte
