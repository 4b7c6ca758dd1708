// The gate: what lets a release through. A rule that could not be evaluated cannot pass it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "checks/engine/gate.hpp"

using namespace pacte;
using nlohmann::json;

namespace {
json result(const std::string& rule, const std::string& severity, const std::string& status) {
  return {{"rule", rule}, {"severity", severity}, {"status", status}, {"principle", "neutrality"}};
}
// The results as a vector: a one-element brace list would be a JSON array under GCC but a copy
// of the element under clang.
json report_with(const std::vector<json>& results, double score = 90, const std::string& lang = "en") {
  json list = json::array();
  for (const auto& r : results) list.push_back(r);
  return {{"score", score}, {"lang", lang}, {"results", list}};
}
}  // namespace

TEST_CASE("an error at or above --fail-on fails the gate, and the message says it could not be evaluated") {
  json report = report_with({result("NEUT-AD-SDK", "critical", "error"), result("OPEN-README", "low", "pass")});
  std::string why;
  CHECK_FALSE(passes_gate(report, Gate{-1, "critical"}, why));
  CHECK(why == "gate failed (--fail-on critical): NEUT-AD-SDK (critical, could not be evaluated)");
  // Below the gate's severity, an error does not fail it.
  json low = report_with({result("OPEN-README", "low", "error")});
  CHECK(passes_gate(low, Gate{-1, "high"}, why));
  // --fail-on never keeps the gate off, errors included.
  CHECK(passes_gate(report, Gate{-1, "never"}, why));
}

TEST_CASE("the gate message lists every rule that failed it, worst first") {
  json report = report_with({result("CONT-SECURITY-CONTACT", "high", "fail"), result("EQ-LANG", "medium", "fail"),
                             result("NEUT-AD-SDK", "critical", "fail"), result("OPEN-LICENSE", "high", "error"),
                             result("OPEN-README", "low", "fail")},
                            45);
  std::string why;
  CHECK_FALSE(passes_gate(report, Gate{60, "medium"}, why));
  CHECK(why ==
        "gate failed (--fail-under 60, --fail-on medium): score 45.0 is below --fail-under 60; NEUT-AD-SDK (critical), "
        "CONT-SECURITY-CONTACT (high), OPEN-LICENSE (high, could not be evaluated), EQ-LANG (medium)");
}

TEST_CASE("failures known in the baseline do not fail the gate; new ones do") {
  json known = result("NEUT-AD-SDK", "critical", "fail");
  known["new"] = false;
  json fresh = result("NEUT-TRACKERS", "high", "fail");
  fresh["new"] = true;
  std::string why;
  CHECK(passes_gate(report_with({known}), Gate{-1, "critical"}, why));
  CHECK_FALSE(passes_gate(report_with({known, fresh}), Gate{-1, "high"}, why));
  CHECK(why == "gate failed (--fail-on high): NEUT-TRACKERS (high)");
}

TEST_CASE("the gate message is in the report's language") {
  std::string why;
  CHECK_FALSE(passes_gate(report_with({result("NEUT-AD-SDK", "critical", "error")}, 90, "fr"), Gate{-1, "critical"}, why));
  CHECK(why.find("n'a pas pu être évaluée") != std::string::npos);
}

TEST_CASE("the gate lists the rules in order of severity, whatever their order in the report") {
  json report = report_with({result("EQ-A11Y-STATEMENT", "high", "fail"), result("OPEN-README", "low", "fail"),
                             result("NEUT-AD-SDK", "critical", "fail")});
  std::string why;
  CHECK_FALSE(passes_gate(report, Gate{-1, "high"}, why));
  CHECK(why == "gate failed (--fail-on high): NEUT-AD-SDK (critical), EQ-A11Y-STATEMENT (high)");
}

TEST_CASE("an undeclared rule never fails the gate; without a gate option nothing is asked") {
  json report = report_with({result("NEUT-FUNDING", "critical", "undeclared")}, 10);
  std::string why;
  CHECK(passes_gate(report, Gate{-1, "low"}, why));
  CHECK_FALSE(gate_is_set(Gate{}));
  CHECK(gate_is_set(Gate{50, "never"}));
  CHECK(gate_is_set(Gate{-1, "critical"}));
}

TEST_CASE("the French gate message names the options and the rules") {
  std::string why;
  CHECK_FALSE(passes_gate(report_with({result("NEUT-AD-SDK", "critical", "fail")}, 90, "fr"), Gate{-1, "high"}, why));
  // The options as typed, quoted: a value such as "high" is not a French word.
  CHECK(why == "seuil de publication non atteint («\u00a0--fail-on high\u00a0»)\u00a0: NEUT-AD-SDK (gravité critique)");
}
