// The charter's policy: scoped waivers, rules disabled or re-graded, the red lines, warnings
// and the gate's defaults (checks/engine/policy.hpp).
#include <doctest/doctest.h>

#include "checks/base/schema.hpp"
#include "checks/engine/policy.hpp"
#include "checks/engine/scoring.hpp"
#include "fixture.hpp"

using namespace pacte;
using test::TempDir;

namespace {
const std::time_t kToday = 1790000000;  // 2026-09-21

Charter charter_with(const std::string& tail) { return load_charter(test::good_charter() + tail, "pacte.yml", kToday); }

std::vector<std::string> problems_of(const std::string& tail) {
  try {
    charter_with(tail);
  } catch (const CharterInvalid& e) {
    return e.problems();
  }
  return {};
}

bool any_contains(const std::vector<std::string>& v, const std::string& needle) {
  for (const auto& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

Rule make_rule(const std::string& id, Severity severity) {
  Rule r;
  r.id = id;
  r.principle = "equal_access";
  r.severity = severity;
  return r;
}

// Three rules: one critical, one high, one low.
RuleSet three_rules() {
  RuleSet rs;
  rs.rules = {make_rule("NEUT-AD-SDK", Severity::critical), make_rule("EQ-IMG-ALT", Severity::high), make_rule("CONT-RELEASES", Severity::low)};
  return rs;
}

// A failing result of `rule` with one finding per path.
RuleResult failing(const Rule& rule, const std::vector<std::string>& paths) {
  RuleResult r;
  r.rule = &rule;
  r.status = Status::fail;
  r.message = {"3 images lack alt", "3 images sans alt"};
  for (const auto& p : paths) r.evidence.push_back({p, 1, "<img src=a.png>", "", ""});
  return r;
}
}  // namespace

TEST_CASE("a policy section loads: waivers scoped by paths or fingerprint, rules, gate") {
  Charter c = charter_with(
      "policy:\n"
      "  waivers:\n"
      "    - {rule: EQ-IMG-ALT, paths: [\"app/views/pdf/**\"], reason: PDF render templates, until: 2027-06-30}\n"
      "    - {rule: NEUT-TRACKERS-DECLARED, finding: 3f9a1c2e, reason: a test key, until: 2027-01-31}\n"
      "  rules:\n"
      "    - {rule: CONT-RELEASES, disable: true, reason: continuous deployment}\n"
      "    - {rule: OPEN-README-BUILD, severity: low, reason: a library}\n"
      "  gate: {fail_on: high, fail_under: 70}\n");
  CHECK(c.warnings.empty());
  REQUIRE(c.waivers.size() == 2);
  CHECK(c.waivers[0].in_policy);
  CHECK(c.waivers[0].applies);
  CHECK(c.waivers[0].paths == std::vector<std::string>{"app/views/pdf/**"});
  CHECK(c.waivers[1].finding == "3f9a1c2e");
  CHECK(c.waivers[0].pos.line == 21);
  REQUIRE(c.policy.rules.size() == 2);
  CHECK(c.policy.rules[0].disable);
  CHECK(c.policy.rules[1].severity == "low");
  CHECK(c.policy.fail_on == "high");
  CHECK(c.policy.fail_under == 70);
}

TEST_CASE("a policy waiver needs a reason and an end; a rule entry needs a reason; globs stay in the repository") {
  CHECK(any_contains(problems_of("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [a/**], until: 2027-01-01}\n"),
                     "pacte.yml:21:7: policy.waivers.0: missing required key 'reason'"));
  CHECK(any_contains(problems_of("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [a/**], reason: x}\n"), "missing required key 'until'"));
  CHECK(any_contains(problems_of("policy:\n  rules:\n    - {rule: CONT-RELEASES, disable: true}\n"), "missing required key 'reason'"));
  CHECK(any_contains(problems_of("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [../x], reason: x, until: 2027-01-01}\n"),
                     "pacte.yml:21:34: '../x' leaves the repository"));
  // The top-level waivers of charter format 1 are read as before.
  Charter old = charter_with("waivers:\n  - {rule: EQ-IMG-ALT, reason: Logo redesign, until: 2027-01-01}\n");
  REQUIRE(old.waivers.size() == 1);
  CHECK_FALSE(old.waivers[0].in_policy);
  CHECK_FALSE(old.waivers[0].scoped());
  CHECK_FALSE(old.policy.present);
}

TEST_CASE("an expired policy waiver does not apply and is a charter warning") {
  Charter c = charter_with("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [a/**], reason: x, until: 2025-01-01}\n");
  REQUIRE(c.waivers.size() == 1);
  CHECK_FALSE(c.waivers[0].applies);
  CHECK(any_contains(c.warnings, "pacte.yml:21:7: the waiver of EQ-IMG-ALT expired on 2025-01-01"));
}

TEST_CASE("a critical rule can never be disabled nor re-graded below critical: refused at file:line:col") {
  RuleSet rules = three_rules();
  Charter disabled = charter_with("policy:\n  rules:\n    - {rule: NEUT-AD-SDK, disable: true, reason: we need the money}\n");
  try {
    check_policy(disabled, rules);
    FAIL("expected CharterInvalid");
  } catch (const CharterInvalid& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].rfind("pacte.yml:21:27: NEUT-AD-SDK is a critical rule (a red line of the Pact): it cannot be disabled", 0) == 0);
  }
  Charter regraded = charter_with("policy:\n  rules:\n    - {rule: NEUT-AD-SDK, severity: low, reason: x}\n");
  CHECK_THROWS_WITH_AS(check_policy(regraded, rules), doctest::Contains("pacte.yml:21:27: NEUT-AD-SDK is a critical rule"), CharterInvalid);
  Charter fr = charter_with("policy:\n  rules:\n    - {rule: NEUT-AD-SDK, severity: low, reason: x}\n");
  CHECK_THROWS_WITH_AS(check_policy(fr, rules, Lang::fr), doctest::Contains("ne peut pas être reclassée en low"), CharterInvalid);
  // Kept critical, or waived with a reason and an end: allowed.
  Charter kept = charter_with("policy:\n  rules:\n    - {rule: NEUT-AD-SDK, severity: critical, reason: x}\n"
                              "  waivers:\n    - {rule: NEUT-AD-SDK, paths: [vendor/**], reason: a vendored demo, until: 2027-01-01}\n");
  CHECK_NOTHROW(check_policy(kept, rules));
}

TEST_CASE("a rule named twice in policy.rules is refused; an unknown id is a warning with the closest id") {
  RuleSet rules = three_rules();
  Charter twice = charter_with("policy:\n  rules:\n    - {rule: CONT-RELEASES, disable: true, reason: x}\n"
                               "    - {rule: CONT-RELEASES, severity: low, reason: y}\n");
  CHECK_THROWS_WITH_AS(check_policy(twice, rules), doctest::Contains("pacte.yml:22:7: policy.rules names CONT-RELEASES twice (first at pacte.yml:21:7)"),
                       CharterInvalid);
  Charter typo = charter_with("policy:\n  rules:\n    - {rule: CONT-RELEASE, disable: true, reason: x}\n");
  check_policy(typo, rules);
  REQUIRE(typo.warnings.size() == 1);
  CHECK(typo.warnings[0] == "pacte.yml:21:7: policy.rules names rule CONT-RELEASE, which no rule in force has: it changes nothing; did you mean CONT-RELEASES?");
}

TEST_CASE("disabled rules leave the rule set; re-graded rules carry their new severity into the score") {
  RuleSet rules = three_rules();
  Charter c = charter_with("policy:\n  rules:\n    - {rule: CONT-RELEASES, disable: true, reason: continuous deployment}\n"
                           "    - {rule: EQ-IMG-ALT, severity: low, reason: an internal tool}\n");
  check_policy(c, rules);
  RuleSet in_force = apply_rule_policy(rules, c);
  REQUIRE(in_force.rules.size() == 2);
  CHECK(in_force.find("CONT-RELEASES") == nullptr);
  CHECK(in_force.find("EQ-IMG-ALT")->severity == Severity::low);
  CHECK(rules.find("EQ-IMG-ALT")->severity == Severity::high);  // the rule set given is left alone
  auto report = policy_report(c, rules, {});
  REQUIRE(report["disabled"].size() == 1);
  CHECK(report["disabled"][0]["rule"] == "CONT-RELEASES");
  CHECK(report["disabled"][0]["reason"] == "continuous deployment");
  CHECK(report["disabled"][0]["where"] == "pacte.yml:21:7");
  REQUIRE(report["regraded"].size() == 1);
  CHECK(report["regraded"][0]["from"] == "high");
  CHECK(report["regraded"][0]["to"] == "low");
}

TEST_CASE("a path waiver removes the findings under its globs; none left: waived, some left: still fails with a count") {
  RuleSet rules = three_rules();
  const Rule& alt = *rules.find("EQ-IMG-ALT");
  Charter c = charter_with("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [\"app/views/pdf/**\"], reason: PDF render templates, until: 2027-06-30}\n");
  RuleResult all = failing(alt, {"app/views/pdf/a.html", "app/views/pdf/sub/b.html"});
  waive_findings(all, c);
  CHECK(all.status == Status::waived);
  CHECK(all.findings_waived == 2);
  REQUIRE(all.waiver != nullptr);
  CHECK(all.waiver->reason == "PDF render templates");
  CHECK(all.evidence.empty());

  RuleResult some = failing(alt, {"app/views/pdf/a.html", "app/views/home.html"});
  waive_findings(some, c);
  CHECK(some.status == Status::fail);
  CHECK(some.findings_waived == 1);
  REQUIRE(some.evidence.size() == 1);
  CHECK(some.evidence[0].path == "app/views/home.html");
  CHECK(some.message.en == "3 images lack alt (1 of these findings waived by the charter's policy, 1 remaining)");
  CHECK(some.message.fr == "3 images sans alt (dont 1 constat couvert par une dérogation de la charte\u00A0; 1 restant)");

  // Another rule's findings are left alone, and so is a passing result.
  const Rule& releases = *rules.find("CONT-RELEASES");
  RuleResult other = failing(releases, {"app/views/pdf/a.html"});
  waive_findings(other, c);
  CHECK(other.status == Status::fail);
  CHECK(other.findings_waived == 0);
}

TEST_CASE("a fingerprint waiver removes the one finding whose fingerprint starts with it") {
  RuleSet rules = three_rules();
  const Rule& alt = *rules.find("EQ-IMG-ALT");
  RuleResult r = failing(alt, {"a.html", "b.html"});
  const std::string fp = finding_fingerprint("EQ-IMG-ALT", r.evidence[1]);
  CHECK(fp.size() == 40);
  CHECK(fp != finding_fingerprint("EQ-IMG-ALT", r.evidence[0]));
  Charter c = charter_with("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, finding: " + fp.substr(0, 8) + ", reason: decorative, until: 2027-06-30}\n");
  waive_findings(r, c);
  CHECK(r.status == Status::fail);
  CHECK(r.findings_waived == 1);
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].path == "a.html");
}

TEST_CASE("a waiver that matched nothing in this audit is a warning; an expired one does not waive") {
  RuleSet rules = three_rules();
  const Rule& alt = *rules.find("EQ-IMG-ALT");
  Charter c = charter_with("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [\"docs/**\"], reason: x, until: 2027-06-30}\n"
                           "    - {rule: EQ-IMG-ALT, paths: [\"app/**\"], reason: y, until: 2025-06-30}\n");
  std::vector<RuleResult> results;
  results.push_back(failing(alt, {"app/a.html"}));
  waive_findings(results[0], c);
  CHECK(results[0].status == Status::fail);  // the expired waiver does not apply
  c.warnings.clear();
  warn_unused_waivers(c, results);
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0] ==
        "pacte.yml:21:7: the waiver of EQ-IMG-ALT matched nothing in this audit (no finding of EQ-IMG-ALT matched it): remove it, or check its paths");
}

TEST_CASE("the gate: the policy's defaults, each command-line option given in their place") {
  nlohmann::json report = {{"policy", {{"gate", {{"fail_on", "high"}, {"fail_under", 70}}}}}};
  Gate cli;
  Gate g = gate_with_policy(report, cli, false, false);
  CHECK(g.fail_on == "high");
  CHECK(g.fail_under == 70);
  cli.fail_on = "never";
  cli.fail_under = 20;
  g = gate_with_policy(report, cli, false, true);
  CHECK(g.fail_on == "never");
  CHECK(g.fail_under == 70);
  g = gate_with_policy(report, cli, true, false);
  CHECK(g.fail_under == 20);
  CHECK(g.fail_on == "high");
  g = gate_with_policy(nlohmann::json::object(), Gate{}, false, false);
  CHECK(g.fail_on == "never");
  CHECK(g.fail_under < 0);
}

TEST_CASE("an audit applies the policy: results, scores, catalogue and the report's policy object") {
  struct Env {
    Env() { setenv("SOURCE_DATE_EPOCH", "1780200000", 1); }
    ~Env() { unsetenv("SOURCE_DATE_EPOCH"); }
  } env;
  TempDir dir;
  test::git_init(dir);
  dir.write("pacte.yml", test::good_charter() +
                             "policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [\"legacy/**\"], reason: PDF render templates, until: 2027-06-30}\n"
                             "  rules:\n    - {rule: CONT-RELEASES, disable: true, reason: continuous deployment}\n"
                             "    - {rule: OPEN-README, severity: low, reason: an internal tool}\n");
  dir.write("LICENSE", test::mit_text());
  dir.write("legacy/invoice.html", "<!DOCTYPE html><html lang=\"fr\"><head><title>S</title></head><body><img src=a.png></body></html>\n");
  test::commit_all(dir, "first", 1780000000);
  auto run = test::pacte({"audit", dir.str(), "--format", "json"});
  auto report = run.json();
  CHECK(test::result_of(report, "EQ-IMG-ALT")["status"] == "waived");
  CHECK(test::result_of(report, "EQ-IMG-ALT")["waiver"]["paths"][0] == "legacy/**");
  CHECK(test::result_of(report, "CONT-RELEASES").is_null());
  CHECK(test::result_of(report, "OPEN-README")["severity"] == "low");
  bool in_catalogue = false;
  for (const auto& r : report["rules"]) in_catalogue = in_catalogue || r["id"] == "CONT-RELEASES";
  CHECK_FALSE(in_catalogue);
  CHECK(report["policy"]["waivers"][0]["findings_waived"] == 1);
  CHECK(report["policy"]["disabled"][0]["rule"] == "CONT-RELEASES");
  auto errors = builtin_schema("report.schema.json").validate(report);
  for (const auto& e : errors) FAIL_CHECK(e.pointer << ": " << e.message);
}

TEST_CASE("a partly waived rule whose message names a waived finding names the first remaining one instead") {
  RuleSet rules = three_rules();
  const Rule& alt = *rules.find("EQ-IMG-ALT");
  Charter c = charter_with("policy:\n  waivers:\n    - {rule: EQ-IMG-ALT, paths: [\"app/views/pdf/**\"], reason: PDF render templates, until: 2027-06-30}\n");
  RuleResult r = failing(alt, {"app/views/pdf/a.html", "app/views/home.html", "app/views/list.html"});
  r.evidence[1].line = 12;
  r.evidence[1].note = "image without alt";
  r.message = {"3 defects, first app/views/pdf/a.html:1: image without alt", "3 défauts, dont app/views/pdf/a.html:1"};
  waive_findings(r, c);
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "2 findings remaining after the charter's policy waived 1; first app/views/home.html:12: image without alt");
  CHECK(r.message.fr == "2 constats restants après 1 constat couvert par une dérogation de la charte\u00A0; dont app/views/home.html:12\u00A0: image without alt");
  CHECK(r.message.en.find("pdf") == std::string::npos);
}
