// Rule modules are data validated at load time, with errors at file:line:col.
#include <doctest/doctest.h>

#include "checks/engine/rules.hpp"
#include "fixture.hpp"

using namespace pacte;

namespace {
const char* kModule = R"(pacte_rules: 1
module: local
rules:
  - id: LOCAL-NO-SECRETS
    principle: neutrality
    severity: high
    title: {en: "No analytics key", fr: "Pas de clé d'analyse"}
    rationale: {en: "Because.", fr: "Parce que."}
    remediation: {en: "Remove it.", fr: "Retirez-la."}
    references: [{title: "Local policy", url: "https://example.org/policy"}]
    check: {primitive: content_absent, paths: ["**/*.js"], pattern: "UA-[0-9]+-[0-9]+"}
)";

std::string error_of(const std::string& text) {
  try {
    parse_rule_module(text, "my-rules.yml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("the built-in modules load: at least 3 rules per principle, each with English and French text") {
  RuleSet set = load_rules({}, false);
  CHECK(set.rules.size() >= 12);
  for (const auto& p : principles()) {
    int n = 0;
    for (const auto& r : set.rules)
      if (r.principle == p) ++n;
    CHECK_MESSAGE(n >= 3, p);
  }
  for (const auto& r : set.rules) {
    CHECK_MESSAGE(!r.title.fr.empty(), r.id);
    CHECK_MESSAGE(!r.remediation.fr.empty(), r.id);
    CHECK_MESSAGE(!r.references.empty(), r.id);
  }
  CHECK(set.hash.size() == 40);
}

TEST_CASE("a user module parses with its check parameters") {
  auto rules = parse_rule_module(kModule, "my-rules.yml");
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].id == "LOCAL-NO-SECRETS");
  CHECK(rules[0].check.primitive == "content_absent");
  CHECK(rules[0].check.params["pattern"] == "UA-[0-9]+-[0-9]+");
  CHECK(rules[0].pos.line == 4);
}

TEST_CASE("an unknown primitive is an error at its line, with a suggestion") {
  std::string text = kModule;
  text.replace(text.find("content_absent"), 14, "content_absnt");
  CHECK(error_of(text) == "my-rules.yml:11:13: unknown check primitive 'content_absnt' (did you mean 'content_absent'?); 'pacte rules --primitives' lists them");
}

TEST_CASE("wrong parameters, bad patterns and missing texts are errors") {
  std::string text = kModule;
  text.replace(text.find("pattern: \"UA-"), 14, "patern: \"UA-");
  CHECK(error_of(text).find("parameters of 'content_absent'") != std::string::npos);
  text = kModule;
  text.replace(text.find("UA-[0-9]+-[0-9]+"), 16, "UA-([0-9]+");
  CHECK(error_of(text).find("does not compile") != std::string::npos);
  text = kModule;
  text.replace(text.find(", fr: \"Retirez-la.\""), 19, "");
  CHECK(error_of(text).find("missing required key 'fr'") != std::string::npos);
}

TEST_CASE("a rule id defined twice is an error naming both places") {
  test::TempDir dir;
  dir.write("a.yml", kModule);
  dir.write("b.yml", kModule);
  try {
    load_rules({dir.str()}, true);
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("rule LOCAL-NO-SECRETS is already defined in") != std::string::npos);
  }
}
