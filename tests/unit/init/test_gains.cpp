// The changes worth the most points: each failing rule rescored as if it passed.
#include <doctest/doctest.h>

#include "checks/init/gains.hpp"
#include "checks/engine/scoring.hpp"

using namespace pacte;

namespace {

// A report with one result per rule of `rules`: `fails` fail, the others pass.
nlohmann::json report_of(const RuleSet& rules, const std::vector<std::string>& fails) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& r : rules.rules) {
    bool fail = std::find(fails.begin(), fails.end(), r.id) != fails.end();
    results.push_back({{"rule", r.id}, {"status", fail ? "fail" : "pass"}, {"message", fail ? "it failed" : "ok"}});
  }
  return {{"results", results}};
}

double score_with(const RuleSet& rules, const std::vector<std::string>& fails) {
  std::vector<RuleResult> rr;
  for (const auto& r : rules.rules) {
    RuleResult x;
    x.rule = &r;
    x.status = std::find(fails.begin(), fails.end(), r.id) != fails.end() ? Status::fail : Status::pass;
    rr.push_back(x);
  }
  return compute_score(rr).score;
}

}  // namespace

TEST_CASE("each failing rule is worth what the score gains when it alone passes") {
  RuleSet rules = load_rules({}, false);
  std::vector<std::string> fails = {"NEUT-ADVERTISING-DECLARED", "CONT-ACTIVITY-90D", "EQ-A11Y-STATEMENT", "OPEN-LICENSE-FILE"};
  auto gains = score_gains(report_of(rules, fails), rules);
  REQUIRE(gains.size() == fails.size());
  double base = score_with(rules, fails);
  for (const auto& g : gains) {
    std::vector<std::string> others;
    for (const auto& f : fails)
      if (f != g.rule->id) others.push_back(f);
    CHECK(g.gain == doctest::Approx(score_with(rules, others) - base).epsilon(0.001));
    CHECK(g.message == "it failed");
  }
  for (std::size_t i = 1; i < gains.size(); ++i) CHECK(gains[i - 1].gain >= gains[i].gain);
  // A critical rule in a principle weighs more than a low one.
  CHECK(gains.front().rule->id != "CONT-ACTIVITY-90D");
  CHECK(gains.back().rule->id == "CONT-ACTIVITY-90D");
}

TEST_CASE("passing, skipped and unknown results are not suggestions") {
  RuleSet rules = load_rules({}, false);
  nlohmann::json report = {{"results",
                            {{{"rule", "NEUT-AD-SDK"}, {"status", "skip"}},
                             {{"rule", "NO-SUCH-RULE"}, {"status", "fail"}},
                             {{"rule", "OPEN-CHARTER"}, {"status", "pass"}},
                             {{"rule", "CONT-CI"}, {"status", "error"}}}}};
  CHECK(score_gains(report, rules).empty());
  CHECK(score_gains(nlohmann::json::object(), rules).empty());
}
