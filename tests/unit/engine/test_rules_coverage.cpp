// Every built-in rule has its own test (PACTE_RULE_TEST in test_rules_<principle>.cpp), and
// every rule such a test names is a built-in rule.
#include <doctest/doctest.h>

#include "checks/engine/rules.hpp"
#include "rule_harness.hpp"

TEST_CASE("every built-in rule has a test of its own") {
  const auto& tested = pacte::test::tested_rule_ids();
  const pacte::RuleSet builtin = pacte::load_rules({}, false);
  REQUIRE(builtin.rules.size() >= 49);
  std::set<std::string> ids;
  for (const auto& rule : builtin.rules) {
    ids.insert(rule.id);
    CHECK_MESSAGE(tested.count(rule.id) == 1, rule.id << " (" << rule.module_path << ") has no PACTE_RULE_TEST");
  }
  for (const auto& id : tested) CHECK_MESSAGE(ids.count(id) == 1, "PACTE_RULE_TEST names " << id << ", which is not a built-in rule");
}
