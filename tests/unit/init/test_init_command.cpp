// pacte init end to end, in-process: repositories built with the git CLI, the draft written,
// validated, refused when a charter exists, printed, and followed by the top suggestions.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace pacte::init_test;

namespace {

const char* kAmplitudePackage = R"({"name": "service", "version": "1.0.0",
  "dependencies": {"@amplitude/analytics-browser": "^2.3.0", "express": "^4.19.2"}})";

const char* kGtagPage = "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n  <title>Service</title>\n"
                        "  <script async src=\"https://www.googletagmanager.com/gtag/js?id=G-ABC123\"></script>\n"
                        "  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n"
                        "  gtag('config', 'G-ABC123');</script>\n</head>\n<body><main><h1>Service</h1></main></body>\n</html>\n";

// A service with an Apache licence, two trackers, catalogs, and four people plus a bot over
// the last year; Ali committed under two addresses that the .mailmap merges.
void build_service(const Repo& repo) {
  repo.write("LICENSE", file_text("/usr/share/common-licenses/Apache-2.0"));
  repo.write("package.json", kAmplitudePackage);
  repo.write("src/index.html", kGtagPage);
  repo.write("locales/fr.json", "{\"hello\": \"Bonjour\"}");
  repo.write("locales/en.json", "{\"hello\": \"Hello\"}");
  repo.write(".mailmap", "Ali Benali <ali@example.org> <ali.perso@example.net>\n");
  repo.commit("first", "Jeanne Martin", "jeanne@example.org", 300);
  for (int i = 0; i < 6; ++i) {
    repo.write("CHANGELOG.md", "jeanne " + std::to_string(i));
    repo.commit("j" + std::to_string(i), "Jeanne Martin", "jeanne@example.org", 200 - i * 10);
  }
  for (int i = 0; i < 3; ++i) {
    repo.write("CHANGELOG.md", "ali " + std::to_string(i));
    repo.commit("a" + std::to_string(i), "Ali Benali", "ali@example.org", 100 - i);
    repo.write("CHANGELOG.md", "ali perso " + std::to_string(i));
    repo.commit("ap" + std::to_string(i), "ali", "ali.perso@example.net", 90 - i);
  }
  for (int i = 0; i < 9; ++i) {
    repo.write("CHANGELOG.md", "bot " + std::to_string(i));
    repo.commit("bump " + std::to_string(i), "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", 50 - i);
  }
  repo.write("CHANGELOG.md", "chloe");
  repo.commit("c", "Chloé Durand", "chloe@example.org", 20);
  repo.write("CHANGELOG.md", "old");
  repo.commit("old", "Old Timer", "old@example.org", 800);  // more than a year ago
}

}  // namespace

TEST_CASE("init writes a valid pacte.yml with the evidence of the repository") {
  Repo repo;
  build_service(repo);
  auto r = run_pacte({"init", repo.str(), "--no-audit"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(contains(r.out, "Wrote " + repo.str() + "/pacte.yml"));
  std::string draft = repo.read("pacte.yml");
  INFO(draft);
  CHECK(contains(draft, "license: Apache-2.0"));
  CHECK(contains(draft, "- name: Jeanne Martin"));
  CHECK(contains(draft, "email: jeanne@example.org"));
  CHECK(contains(draft, "- name: Ali Benali"));  // mailmap merged: 6 commits, one person
  CHECK(contains(draft, "6 commits in the last 12 months"));
  CHECK(contains(draft, "- name: Chloé Durand"));
  CHECK_FALSE(contains(draft, "dependabot"));
  CHECK_FALSE(contains(draft, "ali.perso@example.net"));
  CHECK_FALSE(contains(draft, "Old Timer"));
  CHECK(contains(draft, "languages: [en, fr]"));
  CHECK(contains(draft, "- name: Google Analytics"));
  CHECK(contains(draft, "# analytics (Google), found in src/index.html:5"));
  CHECK(contains(draft, "- name: Amplitude"));
  CHECK(contains(draft, "found in package.json"));
  auto v = run_pacte({"validate", repo.str() + "/pacte.yml"});
  INFO(v.err);
  CHECK(v.code == 0);
}

TEST_CASE("maintainers: the most active first, and not everyone who ever committed") {
  Repo repo;
  build_service(repo);
  auto r = run_pacte({"init", repo.str(), "--output", "-", "--no-audit"});
  REQUIRE(r.code == 0);
  auto jeanne = r.out.find("- name: Jeanne Martin"), ali = r.out.find("- name: Ali Benali"), chloe = r.out.find("- name: Chloé Durand");
  REQUIRE(jeanne != std::string::npos);
  CHECK(jeanne < ali);
  CHECK(ali < chloe);
}

TEST_CASE("init refuses to overwrite a charter without --force (exit 2)") {
  for (std::string loc : {"pacte.yml", ".pacte.yml", ".github/pacte.yml"}) {
    CAPTURE(loc);
    Repo repo;
    repo.write("README.md", "x");
    repo.commit("first");
    repo.write(loc, "pacte: 1\n# the team's own charter\n");
    auto r = run_pacte({"init", repo.str(), "--no-audit"});
    CHECK(r.code == 2);
    CHECK(contains(r.err, loc));
    CHECK(contains(r.err, "--force"));
    CHECK(repo.read(loc) == "pacte: 1\n# the team's own charter\n");
    auto forced = run_pacte({"init", repo.str(), "--force", "--no-audit"});
    CHECK(forced.code == 0);
    CHECK(contains(repo.read("pacte.yml"), "draft written by `pacte init`"));
  }
}

TEST_CASE("a charter committed but deleted from disk also counts as existing") {
  Repo repo;
  repo.write("pacte.yml", "pacte: 1\n");
  repo.commit("charter");
  std::filesystem::remove(repo.path / "pacte.yml");
  CHECK(run_pacte({"init", repo.str(), "--no-audit"}).code == 2);
}

TEST_CASE("--output - prints the draft, even when a charter exists, and writes nothing") {
  Repo repo;
  build_service(repo);
  repo.write("pacte.yml", "pacte: 1\n");
  auto r = run_pacte({"init", repo.str(), "--output", "-"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("# pacte charter (format 1)", 0) == 0);
  CHECK(contains(r.out, "license: Apache-2.0"));
  CHECK(repo.read("pacte.yml") == "pacte: 1\n");
  CHECK(contains(r.err, "Score with this draft"));  // suggestions go to stderr, out stays YAML
}

TEST_CASE("--output FILE writes there and refuses an existing file without --force") {
  Repo repo;
  build_service(repo);
  TempDir out;
  std::string file = out.str() + "/draft.yml";
  CHECK(run_pacte({"init", repo.str(), "--output", file, "--no-audit"}).code == 0);
  CHECK_FALSE(repo.exists("pacte.yml"));
  CHECK(run_pacte({"validate", file}).code == 0);
  CHECK(run_pacte({"init", repo.str(), "--output", file, "--no-audit"}).code == 2);
  CHECK(run_pacte({"init", repo.str(), "--output", file, "--no-audit", "--force"}).code == 0);
}

TEST_CASE("after writing, init prints the three changes that raise the score most") {
  Repo repo;
  build_service(repo);
  auto r = run_pacte({"init", repo.str()});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  CHECK(contains(r.out, "Score with this draft: "));
  CHECK(contains(r.out, "The changes that would raise it most:"));
  CHECK(contains(r.out, "  1. +"));
  CHECK(contains(r.out, "  2. +"));
  CHECK(contains(r.out, "  3. +"));
  CHECK_FALSE(contains(r.out, "  4. +"));
  CHECK(contains(r.out, " points  "));
  CHECK(contains(r.out, "Fix: "));
  // The placeholder for advertising is what costs the most: a critical rule.
  CHECK(contains(r.out, "NEUT-ADVERTISING-DECLARED (critical)"));
}

TEST_CASE("init on a plain folder (no history) and in French") {
  TempDir dir;
  dir.write("index.html", kGtagPage);
  auto r = run_pacte({"init", dir.str(), "--lang", "fr"});
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  std::string draft = dir.read("pacte.yml");
  CHECK(contains(draft, "pas d'historique git"));
  CHECK(contains(draft, "- name: TODO"));
  CHECK(contains(r.out, "Score avec ce brouillon\u00A0: "));
  // French typography in the draft's comments and the suggestions: a non-breaking space before
  // the colon, never a plain one; the verdict and severities are the catalogue's words.
  CHECK(contains(draft, "TODO\u00A0: "));
  CHECK_FALSE(contains(draft, " : "));
  CHECK_FALSE(contains(r.out, " : "));
  CHECK(contains(r.out, "(moyenne)\u00A0: "));
  CHECK_FALSE(contains(r.out, "(medium)"));
  CHECK(run_pacte({"validate", dir.str() + "/pacte.yml"}).code == 0);
}

TEST_CASE("a bare repository needs --output") {
  Repo repo;
  build_service(repo);
  TempDir mirror;
  sh("git clone -q --bare " + quote(repo.str()) + " " + quote(mirror.str() + "/service.git"));
  auto r = run_pacte({"init", mirror.str() + "/service.git", "--no-audit"});
  CHECK(r.code == 2);
  CHECK(contains(r.err, "--output"));
  auto p = run_pacte({"init", mirror.str() + "/service.git", "--output", "-"});
  INFO(p.err);
  REQUIRE(p.code == 0);
  CHECK(contains(p.out, "license: Apache-2.0"));
  CHECK(contains(p.out, "- name: Jeanne Martin"));
  CHECK(contains(p.out, "# repository: "));  // the clone's origin is a local path: not a public address
  CHECK_FALSE(contains(p.out, "/pacte-init-"));  // the temporary charter's path is never shown
  CHECK(contains(p.err, "Score with this draft"));
  CHECK_FALSE(contains(p.err, "/pacte-init-"));
}

TEST_CASE("publiccode.yml: its values are taken, the rest is left to the team") {
  Repo repo;
  repo.write("LICENSE", file_text("/usr/share/common-licenses/Apache-2.0"));
  repo.write("publiccode.yml",
             "publiccodeYmlVersion: \"0.4\"\nname: \"Rendez-vous: mairie\"\nurl: https://git.example.org/rdv.git\n"
             "landingURL: https://rdv.example.org\nlegal:\n  license: Apache-2.0\n  mainCopyrightOwner: Ville d'Exemple\n"
             "maintenance:\n  type: contract\n  contacts:\n    - {name: Prestataire SAS, email: support@presta.example}\n"
             "localisation:\n  availableLanguages: [fr]\n");
  repo.commit("first");
  auto r = run_pacte({"init", repo.str(), "--no-audit"});
  REQUIRE(r.code == 0);
  std::string draft = repo.read("pacte.yml");
  INFO(draft);
  CHECK(contains(draft, "name: \"Rendez-vous: mairie\""));
  CHECK(contains(draft, "url: https://rdv.example.org"));
  CHECK(contains(draft, "operator: Ville d'Exemple"));
  CHECK(contains(draft, "maintenance: contract"));
  CHECK(contains(draft, "- name: Prestataire SAS"));
  CHECK(contains(draft, "- name: Jeanne Martin"));  // from the history, after the declared contact
  CHECK(contains(draft, "languages: [fr]"));
  CHECK(run_pacte({"validate", repo.str() + "/pacte.yml"}).code == 0);
}

TEST_CASE("the remote URL loses its credentials") {
  Repo repo;
  repo.write("README.md", "x");
  repo.commit("first");
  sh("git -C " + quote(repo.str()) + " remote add origin https://jeanne:s3cr3t@git.example.org/team/my-service.git");
  auto r = run_pacte({"init", repo.str(), "--output", "-", "--no-audit"});
  REQUIRE(r.code == 0);
  CHECK(contains(r.out, "repository: https://git.example.org/team/my-service.git"));
  CHECK(contains(r.out, "name: my-service"));
  CHECK_FALSE(contains(r.out, "s3cr3t"));
}

TEST_CASE("init --worktree drafts from uncommitted files") {
  Repo repo;
  repo.write("README.md", "x");
  repo.commit("first");
  repo.write("LICENSE", file_text("/usr/share/common-licenses/Apache-2.0"));
  CHECK(contains(run_pacte({"init", repo.str(), "--output", "-", "--no-audit"}).out, "LicenseRef-TODO"));
  CHECK(contains(run_pacte({"init", repo.str(), "--output", "-", "--no-audit", "--worktree"}).out, "license: Apache-2.0"));
}

TEST_CASE("usage errors exit 2") {
  CHECK(run_pacte({"init", "/nonexistent/folder"}).code == 2);
  CHECK(run_pacte({"init", ".", "--lang", "de"}).code == 2);
}

TEST_CASE("--help shows examples") {
  auto r = run_pacte({"init", "--help"});
  CHECK(r.code == 0);
  CHECK(contains(r.out, "Examples:"));
  CHECK(contains(r.out, "--force"));
}
