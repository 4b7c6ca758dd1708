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
    for (const auto& ref : r.references) CHECK_MESSAGE(!ref.title.fr.empty(), r.id << ": " << ref.title.en);
  }
  CHECK(set.hash.size() == 40);
}

TEST_CASE("the built-in French texts follow French typography") {
  // A plain space before : ; ? ! % or inside « » is a typing error in French: it must be a
  // non-breaking space (U+00A0), or the line may break before the sign.
  RuleSet set = load_rules({}, false);
  auto check_text = [](const std::string& id, const std::string& fr) {
    for (const char* bad : {" :", " ;", " ?", " !", " %", "« ", " »", "..."}) CHECK_MESSAGE(fr.find(bad) == std::string::npos, id << ": " << fr);
  };
  for (const auto& r : set.rules) {
    for (const Text* t : {&r.title, &r.rationale, &r.remediation, &r.pass_message, &r.fail_message}) check_text(r.id, t->fr);
    for (const auto& ref : r.references) check_text(r.id, ref.title.fr);
  }
}

TEST_CASE("a reference title is bilingual {en, fr} or one string for both languages") {
  std::string text = kModule;
  const std::string plain_title = "{title: \"Local policy\"";
  text.replace(text.find(plain_title), plain_title.size(), "{title: {en: \"Local policy\", fr: \"Politique locale\"}");
  auto rules = parse_rule_module(text, "my-rules.yml");
  REQUIRE(rules[0].references.size() == 1);
  CHECK(rules[0].references[0].title.in(Lang::en) == "Local policy");
  CHECK(rules[0].references[0].title.in(Lang::fr) == "Politique locale");
  auto plain = parse_rule_module(kModule, "my-rules.yml");
  CHECK(plain[0].references[0].title.in(Lang::fr) == "Local policy");
  const std::string french = "fr: \"Politique locale\"";
  text.replace(text.find(french), french.size(), "de: \"Lokal\"");
  CHECK(error_of(text).find("my-rules.yml:10:") != std::string::npos);
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
