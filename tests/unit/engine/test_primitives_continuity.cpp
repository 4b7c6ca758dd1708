// The continuity primitives (history, maintainers, CI, lock files), each judged directly on a
// scenario. Histories are git repositories built with the git CLI.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "harness.hpp"

using namespace pacte;
using pacte::test::Scenario;

namespace {

bool says(const RuleResult& r, const std::string& words) { return r.message.en.find(words) != std::string::npos; }

std::time_t day(const std::string& date) { return *parse_date(date); }

/// A repository whose commits are by `authors` (one commit each, a day apart from 2026-05-01).
void commits_by(const test::TempDir& repo, const std::vector<std::pair<std::string, std::string>>& authors) {
  test::git_init(repo);
  std::time_t t = day("2026-05-01");
  int n = 0;
  for (const auto& [name, email] : authors) {
    repo.write("file.txt", std::to_string(++n));
    test::commit_all(repo, "Change " + std::to_string(n), t, name, email);
    t += 86400;
  }
}

}  // namespace

TEST_CASE("history_recent_commit judges the age of the audited commit") {
  test::TempDir repo;
  test::git_init(repo);
  repo.write("README.md", "# Service\n");
  test::commit_all(repo, "First version", day("2026-05-01"));
  Scenario s;
  s.history(repo.path).today("2026-06-01");
  const RuleResult& recent = s.check("{primitive: history_recent_commit, days: 90}");
  CHECK(recent.status == Status::pass);
  CHECK(recent.message.en == "last commit 31 days ago (2026-05-01T00:00:00Z)");
  CHECK(recent.message.fr == "dernière modification il y a 31\u00a0jours (2026-05-01T00:00:00Z)");
  const RuleResult& old = s.check("{primitive: history_recent_commit, days: 10}");
  CHECK(old.status == Status::fail);
  CHECK(old.message.en == "last commit 31 days ago (2026-05-01T00:00:00Z), more than 10");
}

TEST_CASE("history primitives skip when there is no history") {
  Scenario s;
  s.charter_with();
  CHECK(s.check("{primitive: history_recent_commit, days: 90}").status == Status::skip);
  CHECK(s.check("{primitive: history_absence_factor, min: 2}").status == Status::skip);
  CHECK(s.check("{primitive: history_releases, days: 365}").status == Status::skip);
  CHECK(s.check("{primitive: maintainers_in_history}").status == Status::skip);
}

TEST_CASE("history_absence_factor passes when the work is shared, and fails naming who does half of it") {
  test::TempDir shared;
  commits_by(shared, {{"Jeanne Martin", "jeanne@example.org"}, {"Ali Benali", "ali@example.org"}, {"Chloé Dubois", "chloe@example.org"}});
  Scenario s;
  s.history(shared.path);
  const RuleResult& r = s.check("{primitive: history_absence_factor, min: 2}");
  CHECK(r.status == Status::pass);
  CHECK(r.message.en == "contributor absence factor 2 (3 commits, 3 contributors in 365 days)");

  test::TempDir alone;
  commits_by(alone, {{"Jeanne Martin", "jeanne@example.org"}, {"Jeanne Martin", "jeanne@example.org"}, {"Ali Benali", "ali@example.org"}});
  Scenario a;
  a.history(alone.path);
  const RuleResult& f = a.check("{primitive: history_absence_factor, min: 2}");
  CHECK(f.status == Status::fail);
  CHECK(says(f, "Jeanne Martin <jeanne@example.org> alone made half of the commits"));
}

TEST_CASE("history_releases passes with a recent tag, and fails without any or with an old one on an active service") {
  test::TempDir repo;
  test::git_init(repo);
  repo.write("README.md", "# Service\n");
  test::commit_all(repo, "First version", day("2025-01-10"));
  Scenario s;
  s.history(repo.path).today("2026-06-01");
  const RuleResult& none = s.check("{primitive: history_releases, days: 365}");
  CHECK(none.status == Status::fail);
  CHECK(none.message.en == "no tag: no release was ever tagged");

  test::sh("cd '" + repo.str() + "' && git tag v1.0");
  repo.write("README.md", "# Service, version 2\n");
  test::commit_all(repo, "Still active", day("2026-05-20"));
  const RuleResult& old = s.check("{primitive: history_releases, days: 365}");
  CHECK(old.status == Status::fail);
  CHECK(says(old, "last release v1.0 is 507 days old while the service is active"));
  const RuleResult& recent = s.check("{primitive: history_releases, days: 600}");
  CHECK(recent.status == Status::pass);
  CHECK(recent.message.en == "1 tags, last v1.0 (2025-01-10T00:00:00Z)");
}

TEST_CASE("maintainers_in_history passes when each maintainer has commits, and fails naming the others") {
  test::TempDir repo;
  commits_by(repo, {{"Jeanne Martin", "jeanne@example.org"}});
  Scenario s;
  s.history(repo.path).charter_with();
  const RuleResult& r = s.check("{primitive: maintainers_in_history}");
  CHECK(r.status == Status::pass);
  s.charter_with("continuity: {maintainers: [{name: Jeanne Martin}, {name: Ali Benali, email: ali@example.org}]}");
  const RuleResult& f = s.check("{primitive: maintainers_in_history}");
  CHECK(f.status == Status::fail);
  CHECK(f.message.en == "not found in the history: Ali Benali");
  REQUIRE(f.evidence.size() == 1);
  CHECK(f.evidence[0].note == "no commit by this maintainer");
}

TEST_CASE("ci_configured passes with a CI configuration, and fails without") {
  Scenario s;
  s.file("Makefile", "all:\n");
  const RuleResult& none = s.check("{primitive: ci_configured}");
  CHECK(none.status == Status::fail);
  CHECK(says(none, "no CI configuration"));
  s.file(".gitlab-ci.yml", "test: {script: make}\n");
  const RuleResult& r = s.check("{primitive: ci_configured}");
  CHECK(r.status == Status::pass);
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].path == ".gitlab-ci.yml");
}

TEST_CASE("lockfiles_present passes when each manifest has its lock, and fails naming the others") {
  Scenario s;
  CHECK(s.check("{primitive: lockfiles_present}").message.en == "no package manager detected");
  s.file("package.json", R"({"name": "web", "dependencies": {"vue": "^3"}})");
  const RuleResult& r = s.check("{primitive: lockfiles_present}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "no lock file for package.json");
  s.file("package-lock.json", "{}");
  const RuleResult& locked = s.check("{primitive: lockfiles_present}");
  CHECK(locked.status == Status::pass);
  CHECK(locked.message.en == "1 manifest(s), each with its lock file");
}
