#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_report;

TEST_CASE("Baseline: failures already in the baseline (same rule and fingerprint) are not new") {
  json baseline = sample_report();
  baseline["results"].erase(1);  // the A11Y-IMG-ALT failure did not exist
  // The same finding at another line keeps its fingerprint: still known.
  baseline["results"][0]["evidence"][0]["line"] = 40;
  json marked = mark_new_findings(sample_report(), baseline);
  CHECK(marked["results"][0]["new"] == false);  // NEUT-AD-SDK
  CHECK(marked["results"][1]["new"] == true);   // A11Y-IMG-ALT
  CHECK(marked["results"][2]["new"] == false);
  CHECK(marked["results"][3]["new"] == false);
  CHECK_FALSE(marked["results"][4].contains("new"));  // a pass is neither
  CHECK(marked["baseline"] == json{{"new_failures", 1}, {"known_failures", 3}});
}

TEST_CASE("Baseline: same rule with another fingerprint, or a baseline pass, makes a failure new") {
  json baseline = sample_report();
  baseline["results"][0]["fingerprint"] = "ffff";   // another SDK, another place
  baseline["results"][2]["status"] = "pass";        // it passed then
  json marked = mark_new_findings(sample_report(), baseline);
  CHECK(marked["results"][0]["new"] == true);
  CHECK(marked["results"][2]["new"] == true);
  CHECK(marked["baseline"]["new_failures"] == 2);
  // An empty or malformed baseline: everything is new.
  CHECK(mark_new_findings(sample_report(), json())["baseline"]["new_failures"] == 4);
  CHECK(mark_new_findings(sample_report(), json{{"results", 3}})["baseline"]["new_failures"] == 4);
}

TEST_CASE("Baseline: without fingerprints, rule + evidence paths + snippets identify a finding, not lines") {
  json a = sample_report(), b = sample_report();
  for (auto* r : {&a, &b})
    for (auto& x : (*r)["results"]) x.erase("fingerprint");
  b["results"][0]["evidence"][0]["line"] = 99;
  CHECK(finding_key(a["results"][0]) == finding_key(b["results"][0]));
  b["results"][0]["evidence"][0]["snippet"] = "other";
  CHECK(finding_key(a["results"][0]) != finding_key(b["results"][0]));
  CHECK(mark_new_findings(a, a)["baseline"]["new_failures"] == 0);
}

TEST_CASE("Diff: score changes per principle, new and fixed findings, worse or not") {
  json old_report = sample_report();
  json new_report = sample_report();
  new_report["results"].erase(2);  // CONT-MAINTAINERS fixed...
  new_report["results"][1]["status"] = "pass";  // ... and A11Y-IMG-ALT now passes
  json added = old_report["results"][0];
  added["rule"] = "NEUT-TRACKER";
  added["severity"] = "high";
  added["fingerprint"] = "0123";
  new_report["results"].push_back(added);
  new_report["score"] = 65.0;
  new_report["principles"]["neutrality"]["score"] = 30.0;
  new_report["principles"]["equal_access"]["score"] = 70.0;
  new_report["verdict"] = "non-compliant";

  ReportDiff d = diff_reports(old_report, new_report);
  CHECK(*d.score.before == doctest::Approx(62.5));
  CHECK(*d.score.after == doctest::Approx(65.0));
  CHECK(*d.score.delta() == doctest::Approx(2.5));
  REQUIRE(d.principles.size() == 4);
  CHECK(d.principles[1].first == "neutrality");
  CHECK(*d.principles[1].second.delta() == doctest::Approx(-10.0));
  REQUIRE(d.new_failures.size() == 1);
  CHECK(d.new_failures[0].rule == "NEUT-TRACKER");
  CHECK(d.new_failures[0].location == "app/build.gradle:42");
  REQUIRE(d.fixed.size() == 2);
  CHECK(d.fixed[0].rule == "A11Y-IMG-ALT");  // high before medium
  CHECK(d.fixed[0].status_now == "pass");
  CHECK(d.fixed[1].rule == "CONT-MAINTAINERS");
  CHECK(d.fixed[1].status_now == "");
  CHECK(diff_got_worse(d));

  json j = diff_to_json(d);
  CHECK(j["score"] == json{{"old", 62.5}, {"new", 65.0}, {"delta", 2.5}});
  CHECK(j["principles"]["neutrality"]["delta"] == -10.0);
  CHECK(j["verdict"]["changed"] == false);
  CHECK(j["new_failures"][0]["rule"] == "NEUT-TRACKER");
  CHECK(j["fixed"].size() == 2);
  CHECK(j["got_worse"] == true);

  std::string text = render_diff(d, Lang::en, false);
  CHECK(text.find("Score: 62.5 \xE2\x86\x92 65.0 (+2.5)") != std::string::npos);
  CHECK(text.find("Neutrality    40.0 \xE2\x86\x92 30.0 (\xE2\x88\x92" "10.0)") != std::string::npos);
  CHECK(text.find("New failures (1):\n  + [High] NEUT-TRACKER No advertising SDK \xE2\x80\x94 app/build.gradle:42") != std::string::npos);
  CHECK(text.find("Fixed (2):") != std::string::npos);
  CHECK(text.find("Something got worse.") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(render_diff(d, Lang::en, true).find("\x1b[31m") != std::string::npos);
  std::string fr = render_diff(d, Lang::fr, false);
  CHECK(fr.find("Nouveaux échecs (1)") != std::string::npos);
  CHECK(fr.find("\n  Ouverture        90,0") != std::string::npos);  // aligned on "Égalité d'accès"
  CHECK(fr.find("Score\u00A0: 62,5 \xE2\x86\x92 65,0 (+2,5)") != std::string::npos);
}

TEST_CASE("Diff: identical reports, improvements only, and a lower score alone") {
  ReportDiff same = diff_reports(sample_report(), sample_report());
  CHECK(same.new_failures.empty());
  CHECK(same.fixed.empty());
  CHECK_FALSE(diff_got_worse(same));
  CHECK(render_diff(same, Lang::en, false).find("No finding appeared or disappeared.") != std::string::npos);

  json better = sample_report();
  better["results"].erase(0);
  better["score"] = 80.0;
  better["verdict"] = "compliant";
  CHECK_FALSE(diff_got_worse(diff_reports(sample_report(), better)));
  CHECK(diff_got_worse(diff_reports(better, sample_report())));  // and back: worse

  json lower = sample_report();
  lower["principles"]["openness"]["score"] = 89.9;
  CHECK(diff_got_worse(diff_reports(sample_report(), lower)));

  json worse_verdict = sample_report();
  worse_verdict["verdict"] = "non-compliant";
  json prior = sample_report();
  prior["verdict"] = "conditional";
  CHECK(diff_got_worse(diff_reports(prior, worse_verdict)));

  // A principle scored in only one report is shown, and does not count as worse.
  json unscored = sample_report();
  unscored["principles"]["continuity"]["score"] = nullptr;
  ReportDiff d = diff_reports(sample_report(), unscored);
  CHECK_FALSE(diff_got_worse(d));
  CHECK_FALSE(d.principles[2].second.delta().has_value());
  CHECK(diff_to_json(d)["principles"]["continuity"]["new"].is_null());
}
