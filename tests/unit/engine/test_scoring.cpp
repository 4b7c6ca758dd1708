// Scores and verdicts are derived only from results; errors never count as passes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "checks/engine/scoring.hpp"

using namespace pacte;

namespace {
struct Results {
  std::vector<Rule> rules;
  std::vector<RuleResult> results;
  // `primitive` sets the rule's basis: file_exists judges evidence, charter_field_present a
  // declaration, license_matches_charter compares the two.
  Results& add(const std::string& principle, Severity sev, Status st, const std::string& primitive = "file_exists") {
    rules.reserve(64);
    Rule r;
    r.id = "T-" + std::to_string(rules.size());
    r.principle = principle;
    r.severity = sev;
    r.check.primitive = primitive;
    rules.push_back(r);
    RuleResult rr;
    rr.status = st;
    results.push_back(rr);
    return *this;
  }
  Score score(bool has_charter = true) {
    for (std::size_t i = 0; i < results.size(); ++i) results[i].rule = &rules[i];
    return compute_score(results, has_charter);
  }
};

Results all_principles_pass() {
  Results r;
  for (const auto& p : principles()) r.add(p, Severity::high, Status::pass);
  return r;
}
}  // namespace

TEST_CASE("a principle scores the weighted share of its passed rules") {
  Results r = all_principles_pass();
  r.add("openness", Severity::high, Status::fail);  // openness: 5 passed of 10
  Score s = r.score();
  CHECK(s.principles["openness"].score == doctest::Approx(50.0));
  CHECK(s.principles["neutrality"].score == doctest::Approx(100.0));
  CHECK(s.score == doctest::Approx(87.5));
  CHECK(s.verdict == "conditional");  // a principle below 60
}

TEST_CASE("errors, skips and waivers are left out of the score, never counted as passes") {
  Results r = all_principles_pass();
  r.add("continuity", Severity::critical, Status::error).add("continuity", Severity::high, Status::skip)
      .add("continuity", Severity::high, Status::waived);
  Score s = r.score();
  CHECK(s.principles["continuity"].score == doctest::Approx(100.0));
  CHECK(s.principles["continuity"].errors == 1);
  CHECK(s.principles["continuity"].skipped == 1);
  CHECK(s.principles["continuity"].waived == 1);
  CHECK(s.verdict == "compliant");
}

TEST_CASE("a principle with nothing scored has no score and blocks 'compliant'") {
  Results r;
  for (const auto& p : {"openness", "neutrality", "continuity"}) r.add(p, Severity::high, Status::pass);
  r.add("equal_access", Severity::high, Status::error);
  Score s = r.score();
  CHECK_FALSE(s.principles["equal_access"].score.has_value());
  CHECK(s.score == doctest::Approx(100.0));
  CHECK(s.verdict == "conditional");
}

TEST_CASE("a failed critical rule makes the verdict non-compliant whatever the score") {
  Results r = all_principles_pass();
  for (int i = 0; i < 20; ++i) r.add("openness", Severity::high, Status::pass);
  r.add("neutrality", Severity::critical, Status::fail);
  for (int i = 0; i < 10; ++i) r.add("neutrality", Severity::high, Status::pass);
  Score s = r.score();
  CHECK(s.score > 80);
  CHECK(s.verdict == "non-compliant");
}

TEST_CASE("verdict thresholds: compliant at 80 with every principle at 60, conditional at 50") {
  Results r;
  for (const auto& p : principles()) r.add(p, Severity::high, Status::pass).add(p, Severity::high, Status::fail);
  CHECK(r.score().verdict == "conditional");  // 50 everywhere
  Results low;
  for (const auto& p : principles()) low.add(p, Severity::low, Status::pass).add(p, Severity::high, Status::fail);
  CHECK(low.score().verdict == "non-compliant");  // 16.7
}

TEST_CASE("conditional needs every principle at 40 or more, not only a score of 50") {
  // openness, neutrality, equal access at 100; continuity at 20 (1 of 5 high rules passing):
  // the mean is 80, but a service idle for a year keeps no promise of continuity.
  Results r;
  r.add("openness", Severity::high, Status::pass);
  r.add("neutrality", Severity::high, Status::pass);
  r.add("equal_access", Severity::high, Status::pass);
  r.add("continuity", Severity::high, Status::pass);
  for (int i = 0; i < 4; ++i) r.add("continuity", Severity::high, Status::fail);
  Score s = r.score();
  CHECK(*s.principles["continuity"].score == doctest::Approx(20.0));
  CHECK(s.score == doctest::Approx(80.0));
  CHECK(s.verdict == "non-compliant");

  // The same service with continuity at 40: conditional.
  Results c;
  c.add("openness", Severity::high, Status::pass);
  c.add("neutrality", Severity::high, Status::pass);
  c.add("equal_access", Severity::high, Status::pass);
  for (int i = 0; i < 2; ++i) c.add("continuity", Severity::high, Status::pass);
  for (int i = 0; i < 3; ++i) c.add("continuity", Severity::high, Status::fail);
  Score sc = c.score();
  CHECK(*sc.principles["continuity"].score == doctest::Approx(40.0));
  CHECK(sc.verdict == "conditional");
}

TEST_CASE("the basis of a rule comes from its primitive; any_of derives it from its alternatives") {
  Rule r;
  r.check.primitive = "no_advertising_detected";
  CHECK(rule_basis(r) == Basis::evidence);
  r.check.primitive = "charter_field_present";
  CHECK(rule_basis(r) == Basis::declaration);
  r.check.primitive = "trackers_declared";
  CHECK(rule_basis(r) == Basis::cross_check);
  // Parameters built key by key: a one-element brace list is an array under GCC but a copy
  // under clang.
  auto any_of = [](const std::string& second_primitive, const std::string& key, const std::string& value) {
    nlohmann::json first = nlohmann::json::object(), second = nlohmann::json::object(), params = nlohmann::json::object();
    first["primitive"] = "file_exists";
    first["paths"] = nlohmann::json::array({"README*", "readme*"});
    second["primitive"] = second_primitive;
    second[key] = value;
    params["checks"] = nlohmann::json::array({first, second});
    return CheckSpec{"any_of", params};
  };
  r.check = any_of("charter_field_present", "field", "service.url");
  CHECK(rule_basis(r) == Basis::cross_check);
  r.check = any_of("file_absent", "paths", "docs/*");
  CHECK(rule_basis(r) == Basis::evidence);
  CHECK(std::string(basis_name(Basis::cross_check)) == "cross-check");
}

TEST_CASE("evidence and declaration scores: the same formula over the rules of each basis") {
  Results r;
  r.add("openness", Severity::high, Status::pass)                                       // evidence 5/5
      .add("openness", Severity::low, Status::fail)                                     // evidence 5/6
      .add("openness", Severity::high, Status::fail, "charter_field_present")           // declaration 0/5
      .add("openness", Severity::medium, Status::pass, "license_matches_charter")       // cross-check 3/8
      .add("neutrality", Severity::high, Status::pass, "charter_field_present");        // no evidence rule
  Score s = r.score();
  const auto& open = s.principles["openness"];
  CHECK(open.score == doctest::Approx(57.1));              // 8 of 14
  CHECK(open.evidence_score == doctest::Approx(83.3));     // 5 of 6
  CHECK(open.declaration_score == doctest::Approx(37.5));  // 3 of 8: declaration and cross-check together
  CHECK_FALSE(s.principles["neutrality"].evidence_score.has_value());
  CHECK(s.principles["neutrality"].declaration_score == doctest::Approx(100.0));
  CHECK_FALSE(s.principles["continuity"].evidence_score.has_value());
  REQUIRE(s.evidence_score.has_value());
  CHECK(*s.evidence_score == doctest::Approx(83.3));           // the only principle with an evidence score
  CHECK(*s.declaration_score == doctest::Approx(68.8));        // mean of 37.5 and 100
}

TEST_CASE("undeclared results are left out of every score, like skips") {
  Results r = all_principles_pass();
  r.add("equal_access", Severity::high, Status::undeclared, "charter_field_present")
      .add("equal_access", Severity::critical, Status::undeclared, "trackers_declared");
  Score s = r.score();
  CHECK(s.principles["equal_access"].score == doctest::Approx(100.0));
  CHECK(s.principles["equal_access"].undeclared == 2);
  CHECK(s.principles["equal_access"].failed == 0);
  CHECK_FALSE(s.principles["equal_access"].declaration_score.has_value());
  CHECK_FALSE(s.critical_failed);  // an undeclared critical rule is not a critical failure
  CHECK(s.verdict == "compliant");
}

TEST_CASE("without a charter the verdict is no-charter, whatever the evidence score") {
  Results r = all_principles_pass();
  r.add("openness", Severity::high, Status::undeclared, "charter_field_present");
  Score s = r.score(false);
  CHECK(s.verdict == "no-charter");
  CHECK(*s.evidence_score == doctest::Approx(100.0));
  CHECK_FALSE(s.declaration_score.has_value());
  // A cross-check that passes without a charter (a tracker-free service has nothing to declare)
  // gives no declaration score: nothing was declared.
  Results cross = all_principles_pass();
  cross.add("neutrality", Severity::high, Status::pass, "trackers_declared");
  CHECK_FALSE(cross.score(false).declaration_score.has_value());
  CHECK_FALSE(cross.score(false).principles["neutrality"].declaration_score.has_value());
  CHECK(*cross.score(true).declaration_score == doctest::Approx(100.0));
  // A low evidence score is still no-charter, not non-compliant: the evidence score ranks it.
  Results low;
  low.add("openness", Severity::high, Status::fail).add("neutrality", Severity::high, Status::fail);
  Score l = low.score(false);
  CHECK(l.verdict == "no-charter");
  CHECK(*l.evidence_score == doctest::Approx(0.0));
}

TEST_CASE("without a charter, a critical evidence failure (an ad SDK) still makes the service non-compliant") {
  Results r = all_principles_pass();
  r.add("neutrality", Severity::critical, Status::fail, "no_advertising_detected");
  Score s = r.score(false);
  CHECK(s.critical_failed);
  CHECK(s.verdict == "non-compliant");
}
