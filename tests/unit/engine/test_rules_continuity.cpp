// The continuity rules (rules/continuity.yml), each on a tree that passes and one that fails.
// Rules that read the history (activity, absence factor, releases, maintainers in history)
// are judged against real repositories built with the git CLI, with commit dates counted back
// from the day of the audit.
#include <doctest/doctest.h>

#include "rule_harness.hpp"

using namespace pacte;
using test::Author;
using test::commit_days_ago;
using test::contains;
using test::has_evidence;
using test::kDay;
using test::kToday;
using test::line_of;
using test::replaced;
using test::Scenario;
using test::TempDir;

namespace {

// The charter of a service kept by two maintainers, with its continuity documents; the
// continuity section comes last, so that a test can add a field by appending a line.
const std::string kCharter = R"(pacte: 1
service:
  name: Démarches en ligne de la Ville
  repository: https://git.example.org/ville/demarches.git
openness:
  license: MIT
neutrality:
  advertising: false
equal_access:
  languages: [fr]
continuity:
  maintenance: internal
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
    - {name: Ali Benali, email: ali@example.org}
  succession_plan: docs/continuite.md
  data_export: docs/export-donnees.md
  support_until: 2028-12-31
)";

// The people who commit to the test repositories: the two maintainers and a contributor.
const Author kJeanne{"Jeanne Martin", "jeanne@example.org"};
const Author kAli{"Ali Benali", "ali@example.org"};
const Author kChloe{"Chloé Durand", "chloe@example.org"};

// A repository holding the charter and a README, first committed `days_ago` days ago by Jeanne.
void init_service(const TempDir& dir, int days_ago) {
  test::git_init(dir);
  dir.write("pacte.yml", kCharter);
  dir.write("README.md", "# Démarches en ligne\n\n## Installation\n\n`npm ci`\n");
  test::commit_all(dir, "Premiere version", static_cast<long>(kToday - days_ago * kDay), kJeanne.name, kJeanne.email);
}

// The succession plan of the service (the rule asks for at least 30 words).
const std::string kSuccessionPlan =
    "# Plan de continuité\n\nSi l'équipe actuelle ne peut plus maintenir le service, la direction du numérique de la Ville "
    "le reprend. Les accès à l'hébergement, au nom de domaine et à la forge sont confiés à deux agents. "
    "La procédure de passation est décrite ci-dessous, étape par étape.\n";

// How users take their data elsewhere (the rule asks for at least 30 words).
const std::string kExportProcedure =
    "# Exporter ses données\n\nChaque usager peut télécharger toutes ses demandes et pièces jointes depuis la page "
    "Mon compte, au format CSV et JSON, en un clic. Les agents peuvent exporter l'ensemble des dossiers d'une "
    "commune pour les confier à un autre prestataire.\n";

}  // namespace

PACTE_RULE_TEST("CONT-ACTIVITY-90D", "a commit 10 days ago passes; the last one 120 days ago fails") {
  TempDir active;
  init_service(active, 200);
  commit_days_ago(active, kAli, 10);
  Scenario s;
  s.charter(kCharter).history(active.path);
  CHECK(s.builtin_rule("CONT-ACTIVITY-90D").status == Status::pass);

  TempDir quiet;
  init_service(quiet, 300);
  commit_days_ago(quiet, kAli, 120);
  s.history(quiet.path);
  const RuleResult& fail = s.builtin_rule("CONT-ACTIVITY-90D");
  CHECK(fail.status == Status::fail);
  CHECK(contains(fail.message.en, "120"));

  // Outside git there is no history to judge.
  Scenario folder;
  folder.charter(kCharter);
  CHECK(folder.builtin_rule("CONT-ACTIVITY-90D").status == Status::skip);
}

PACTE_RULE_TEST("CONT-ACTIVITY-365D", "a commit 200 days ago passes; the last one 400 days ago fails") {
  TempDir maintained;
  init_service(maintained, 500);
  commit_days_ago(maintained, kAli, 200);
  Scenario s;
  s.charter(kCharter).history(maintained.path);
  CHECK(s.builtin_rule("CONT-ACTIVITY-365D").status == Status::pass);

  TempDir abandoned;
  init_service(abandoned, 700);
  commit_days_ago(abandoned, kAli, 400);
  s.history(abandoned.path);
  const RuleResult& fail = s.builtin_rule("CONT-ACTIVITY-365D");
  CHECK(fail.status == Status::fail);
  CHECK(contains(fail.message.en, "400"));
  // A shallow clone hides the history: the rule cannot judge it, and says so.
  TempDir clone;
  test::sh("git clone -q --depth 1 'file://" + maintained.str() + "' '" + clone.str() + "/demarches'");
  s.history(clone.path / "demarches");
  CHECK(s.builtin_rule("CONT-ACTIVITY-365D").status == Status::error);
}

PACTE_RULE_TEST("CONT-BUS-FACTOR", "three people sharing the work pass; one person making most commits fails") {
  TempDir shared;
  init_service(shared, 300);  // Jeanne: 3 commits, Ali: 3, Chloé: 2
  for (int d : {250, 200}) commit_days_ago(shared, kJeanne, d);
  for (int d : {180, 120, 60}) commit_days_ago(shared, kAli, d);
  for (int d : {90, 30}) commit_days_ago(shared, kChloe, d);
  // Dependency updates by a bot are not people the service depends on.
  const Author dependabot{"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"};
  for (int d : {170, 140, 110, 80, 50, 20, 10, 5}) commit_days_ago(shared, dependabot, d, "Bump express");
  Scenario s;
  s.charter(kCharter).history(shared.path);
  CHECK(s.builtin_rule("CONT-BUS-FACTOR").status == Status::pass);

  TempDir alone;
  init_service(alone, 300);  // Jeanne: 6 commits, Ali: 1
  for (int d : {250, 200, 150, 100, 50}) commit_days_ago(alone, kJeanne, d);
  commit_days_ago(alone, kAli, 20);
  s.history(alone.path);
  const RuleResult& fail = s.builtin_rule("CONT-BUS-FACTOR");
  CHECK(fail.status == Status::fail);
  REQUIRE(!fail.evidence.empty());
  // The person the service depends on, and her commits.
  CHECK(fail.evidence[0].snippet == "Jeanne Martin <jeanne@example.org>");
  CHECK(contains(fail.evidence[0].note, "6"));
  CHECK(contains(fail.message.en, "Jeanne Martin"));
}

PACTE_RULE_TEST("CONT-MAINTAINERS", "two maintainers pass; one alone fails at the list") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("CONT-MAINTAINERS").status == Status::pass);

  std::string charter = replaced(kCharter, "    - {name: Ali Benali, email: ali@example.org}\n", "");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("CONT-MAINTAINERS");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "maintainers:")));
  CHECK(contains(fail.message.en, "continuity.maintainers"));
}

PACTE_RULE_TEST("CONT-MAINTAINERS-ACTIVE", "maintainers with commits pass, through .mailmap too; a name on paper fails at its entry") {
  TempDir both;
  init_service(both, 100);
  commit_days_ago(both, kAli, 50);
  Scenario s;
  s.charter(kCharter).history(both.path);
  CHECK(s.builtin_rule("CONT-MAINTAINERS-ACTIVE").status == Status::pass);

  // Ali commits with his work address; the .mailmap says it is him.
  TempDir mapped;
  init_service(mapped, 100);
  mapped.write(".mailmap", "Ali Benali <ali@example.org> <a.benali@ville.example.org>\n");
  test::commit_all(mapped, "Correctif", static_cast<long>(kToday - 40 * kDay), "A. Benali", "a.benali@ville.example.org");
  s.history(mapped.path);
  CHECK(s.builtin_rule("CONT-MAINTAINERS-ACTIVE").status == Status::pass);

  TempDir paper;
  init_service(paper, 100);
  commit_days_ago(paper, kJeanne, 50);
  commit_days_ago(paper, kChloe, 20);
  s.history(paper.path);
  const RuleResult& fail = s.builtin_rule("CONT-MAINTAINERS-ACTIVE");
  CHECK(fail.status == Status::fail);
  CHECK(fail.evidence.size() == 1);
  CHECK(has_evidence(fail, "pacte.yml", line_of(kCharter, "{name: Ali Benali")));
  CHECK(contains(fail.message.en, "Ali Benali"));
  CHECK_FALSE(contains(fail.message.en, "Jeanne Martin"));
}

PACTE_RULE_TEST("CONT-RELEASES", "a release tagged last month passes; no tag, or a two-year-old tag on an active service, fails") {
  TempDir released;
  init_service(released, 200);
  commit_days_ago(released, kAli, 30, "Version 1.4.0");
  test::tag_days_ago(released, "v1.4.0", 30);
  commit_days_ago(released, kJeanne, 5);
  Scenario s;
  s.charter(kCharter).history(released.path);
  CHECK(s.builtin_rule("CONT-RELEASES").status == Status::pass);

  TempDir untagged;
  init_service(untagged, 200);
  commit_days_ago(untagged, kAli, 5);
  s.history(untagged.path);
  CHECK(s.builtin_rule("CONT-RELEASES").status == Status::fail);

  TempDir stale;
  init_service(stale, 900);
  test::tag_days_ago(stale, "v1.0.0", 800);
  commit_days_ago(stale, kAli, 10);
  s.history(stale.path);
  const RuleResult& fail = s.builtin_rule("CONT-RELEASES");
  CHECK(fail.status == Status::fail);
  REQUIRE(fail.evidence.size() == 1);
  CHECK(fail.evidence[0].snippet == "refs/tags/v1.0.0");
  CHECK(contains(fail.message.en, "v1.0.0"));
}

PACTE_RULE_TEST("CONT-CI", "a GitLab CI configuration passes; none, or an empty workflow, fails") {
  Scenario s;
  s.charter(kCharter).file(".gitlab-ci.yml", "stages: [test]\n\ntest:\n  image: node:20\n  script:\n    - npm ci\n    - npm test\n");
  const RuleResult& pass = s.builtin_rule("CONT-CI");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, ".gitlab-ci.yml"));
  CHECK(contains(pass.message.en, "GitLab CI"));

  Scenario none;
  none.charter(kCharter).file("README.md", "# Démarches\n");
  CHECK(none.builtin_rule("CONT-CI").status == Status::fail);
  none.file(".github/workflows/ci.yml", "");
  CHECK(none.builtin_rule("CONT-CI").status == Status::fail);
}

PACTE_RULE_TEST("CONT-LOCKFILES", "package.json with its package-lock.json passes; a manifest without its lock fails at it") {
  const std::string package_json = "{\n  \"name\": \"demarches\",\n  \"dependencies\": {\n    \"express\": \"^4.19.2\"\n  }\n}\n";
  Scenario s;
  s.charter(kCharter)
      .file("package.json", package_json)
      .file("package-lock.json", "{\n  \"name\": \"demarches\",\n  \"lockfileVersion\": 3,\n  \"packages\": {}\n}\n");
  CHECK(s.builtin_rule("CONT-LOCKFILES").status == Status::pass);

  Scenario unlocked;
  unlocked.charter(kCharter).file("package.json", package_json);
  const RuleResult& fail = unlocked.builtin_rule("CONT-LOCKFILES");
  CHECK(fail.status == Status::fail);
  REQUIRE(has_evidence(fail, "package.json"));
  CHECK(contains(fail.evidence.front().note, "package-lock.json"));

  // A Poetry project without poetry.lock.
  Scenario poetry;
  poetry.charter(kCharter).file("backend/pyproject.toml", "[tool.poetry]\nname = \"demarches\"\nversion = \"1.0.0\"\n\n"
                                                          "[tool.poetry.dependencies]\npython = \"^3.11\"\ndjango = \"^5.0\"\n");
  const RuleResult& python = poetry.builtin_rule("CONT-LOCKFILES");
  CHECK(python.status == Status::fail);
  CHECK(has_evidence(python, "backend/pyproject.toml"));
}

PACTE_RULE_TEST("CONT-SUCCESSION", "a written succession plan passes; a missing, empty or undeclared one fails") {
  Scenario s;
  s.charter(kCharter).file("docs/continuite.md", kSuccessionPlan);
  const RuleResult& pass = s.builtin_rule("CONT-SUCCESSION");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "docs/continuite.md"));

  s.file("docs/continuite.md", "# Plan de continuité\n\nÀ rédiger.\n");
  const RuleResult& empty = s.builtin_rule("CONT-SUCCESSION");
  CHECK(empty.status == Status::fail);
  CHECK(has_evidence(empty, "docs/continuite.md", 1));

  s.charter(replaced(kCharter, "  succession_plan: docs/continuite.md\n", ""));
  const RuleResult& undeclared = s.builtin_rule("CONT-SUCCESSION");
  CHECK(undeclared.status == Status::fail);
  CHECK(contains(undeclared.message.en, "continuity.succession_plan"));

  Scenario moved;
  moved.charter(kCharter).file("docs/continuity.md", kSuccessionPlan);
  const RuleResult& missing = moved.builtin_rule("CONT-SUCCESSION");
  CHECK(missing.status == Status::fail);
  CHECK(has_evidence(missing, "pacte.yml", line_of(kCharter, "succession_plan:")));
  CHECK(contains(missing.message.en, "docs/continuite.md"));
}

PACTE_RULE_TEST("CONT-DATA-EXPORT", "a documented export passes; a declared document that is not there fails") {
  Scenario s;
  s.charter(kCharter).file("docs/export-donnees.md", kExportProcedure);
  const RuleResult& pass = s.builtin_rule("CONT-DATA-EXPORT");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "docs/export-donnees.md"));

  Scenario missing;
  missing.charter(kCharter).file("docs/continuite.md", kSuccessionPlan);
  const RuleResult& fail = missing.builtin_rule("CONT-DATA-EXPORT");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(kCharter, "data_export:")));
  CHECK(contains(fail.message.en, "docs/export-donnees.md"));
}

PACTE_RULE_TEST("CONT-SECURITY-CONTACT", "SECURITY.md, a security.txt or a declared contact passes; none fails") {
  Scenario md;
  md.charter(kCharter).file("SECURITY.md", "# Sécurité\n\nSignalez toute vulnérabilité à securite@ville.example.org.\n");
  CHECK(md.builtin_rule("CONT-SECURITY-CONTACT").status == Status::pass);

  Scenario txt;
  txt.charter(kCharter).file("public/.well-known/security.txt", "Contact: mailto:securite@ville.example.org\nExpires: 2027-01-01T00:00:00.000Z\n");
  const RuleResult& well_known = txt.builtin_rule("CONT-SECURITY-CONTACT");
  CHECK(well_known.status == Status::pass);
  CHECK(has_evidence(well_known, "public/.well-known/security.txt"));

  Scenario declared;
  std::string charter = kCharter + "  security_contact: securite@ville.example.org\n";
  declared.charter(charter);
  const RuleResult& field = declared.builtin_rule("CONT-SECURITY-CONTACT");
  CHECK(field.status == Status::pass);
  CHECK(has_evidence(field, "pacte.yml", line_of(charter, "security_contact:")));

  Scenario none;
  none.charter(kCharter).file("README.md", "# Démarches\n");
  const RuleResult& fail = none.builtin_rule("CONT-SECURITY-CONTACT");
  CHECK(fail.status == Status::fail);
  CHECK(contains(fail.message.en, "continuity.security_contact"));
  CHECK(contains(fail.message.en, "SECURITY"));
}

PACTE_RULE_TEST("CONT-SUPPORT-UNTIL", "support until 2028 passes; a date that has passed fails at its line") {
  Scenario s;
  s.charter(kCharter);
  const RuleResult& pass = s.builtin_rule("CONT-SUPPORT-UNTIL");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "support_until:")));

  std::string charter = replaced(kCharter, "support_until: 2028-12-31", "support_until: 2025-12-31");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("CONT-SUPPORT-UNTIL");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "support_until:")));
  CHECK(contains(fail.message.en, "2025-12-31"));
}

// Fixed bug: history_recent_commit (checks/engine/primitives/continuity.cpp) builds the evidence of
// the last commit (its date, and the audited commit) but never returns it, so a failure of
// CONT-ACTIVITY-90D / CONT-ACTIVITY-365D shows no evidence a reviewer could check.
PACTE_RULE_TEST("CONT-ACTIVITY-90D", "the failure shows the date of the last commit") {
  TempDir quiet;
  init_service(quiet, 300);
  commit_days_ago(quiet, kAli, 120);
  Scenario s;
  s.charter(kCharter).history(quiet.path);
  const RuleResult& fail = s.builtin_rule("CONT-ACTIVITY-90D");
  CHECK(fail.status == Status::fail);
  REQUIRE(fail.evidence.size() == 1);
  CHECK(contains(fail.evidence[0].snippet, "2026-02-01"));  // 120 days before 2026-06-01
}
