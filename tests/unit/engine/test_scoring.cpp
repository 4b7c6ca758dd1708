// Scores and verdicts are derived only from results; errors never count as passes.
#include <doctest/doctest.h>

#include "checks/engine/scoring.hpp"

using namespace pacte;

namespace {
struct Results {
  std::vector<Rule> rules;
  std::vector<RuleResult> results;
  Results& add(const std::string& principle, Severity sev, Status st) {
    rules.reserve(64);
    Rule r;
    r.id = "T-" + std::to_string(rules.size());
    r.principle = principle;
    r.severity = sev;
    rules.push_back(r);
    RuleResult rr;
    rr.status = st;
    results.push_back(rr);
    return *this;
  }
  Score score() {
    for (std::size_t i = 0; i < results.size(); ++i) results[i].rule = &rules[i];
    return compute_score(results);
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
