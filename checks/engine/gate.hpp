// The gate: whether a report lets a release through (--fail-under, --fail-on). `pacte audit`
// turns it into exit code 1; `pacte batch` into the `gate` column of its summary.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace pacte {

/// What the gate asks of a report.
struct Gate {
  double fail_under = -1;             // --fail-under: a score below this fails (negative: no limit)
  std::string fail_on = "never";      // --fail-on: critical | high | medium | low | never
};

/// Whether `gate` asks anything (a --fail-under limit or a --fail-on severity).
bool gate_is_set(const Gate& gate);

/// Whether `report` passes `gate`; when it does not, `why` is the whole message, in the
/// report's language: the gate's options, then the score below the limit, then every rule
/// that failed it, worst first, e.g. "gate failed (--fail-on high): NEUT-AD-SDK (critical),
/// EQ-A11Y-STATEMENT (high)". Failures known in a baseline (`"new": false`) do not fail the
/// gate; `undeclared` results (no declaration to judge) never do.
bool passes_gate(const nlohmann::json& report, const Gate& gate, std::string& why);

}  // namespace pacte
