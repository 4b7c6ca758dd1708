// The continuity primitives (history, CI, lock files), each judged directly on a scenario.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "harness.hpp"

using namespace pacte;
using pacte::test::Scenario;

TEST_CASE("history_recent_commit judges the age of the audited commit") {
  test::TempDir repo;
  test::git_init(repo);
  repo.write("README.md", "# Service\n");
  test::commit_all(repo, "First version", *parse_date("2026-05-01"));
  Scenario s;
  s.history(repo.path).today("2026-06-01");
  CHECK(s.check("{primitive: history_recent_commit, days: 90}").status == Status::pass);
  const RuleResult& old = s.check("{primitive: history_recent_commit, days: 10}");
  CHECK(old.status == Status::fail);
  CHECK(old.message.en.find("31 days ago") != std::string::npos);
}

TEST_CASE("history primitives skip when there is no history") {
  Scenario s;
  CHECK(s.check("{primitive: history_recent_commit, days: 90}").status == Status::skip);
}
