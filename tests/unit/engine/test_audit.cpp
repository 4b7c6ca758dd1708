// pacte audit end to end, in-process: repositories built with git at test time.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "checks/base/schema.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/evaluate.hpp"
#include "fixture.hpp"

using namespace pacte;
using test::TempDir;

namespace {

// A small, well-kept service: charter, licence, README, two maintainers.
void make_service(const TempDir& dir, const std::string& charter = test::good_charter()) {
  test::git_init(dir);
  dir.write("pacte.yml", charter);
  dir.write("LICENSE", test::mit_text());
  dir.write("README.md", "# Service\n\nA public service.\n\n## Installation\n\nRun `make install`.\n");
  dir.write("src/index.html", "<!DOCTYPE html><html lang=\"fr\"><head><title>S</title></head><body><img src=a.png></body></html>\n");
  test::commit_all(dir, "first", 1780000000);
  dir.write("CHANGELOG.md", "- two\n");
  test::commit_all(dir, "second", 1780086400, "Ali Benali", "ali@example.org");
}

struct Env {
  Env() { setenv("SOURCE_DATE_EPOCH", "1780200000", 1); }
  ~Env() { unsetenv("SOURCE_DATE_EPOCH"); }
};

}  // namespace

TEST_CASE("the JSON report follows docs/report.md and validates against report.schema.json") {
  Env env;
  TempDir dir;
  make_service(dir);
  auto run = test::pacte({"audit", dir.str(), "--format", "json"});
  REQUIRE(run.code == 0);
  auto report = run.json();
  auto errors = builtin_schema("report.schema.json").validate(report);
  for (const auto& e : errors) FAIL_CHECK(e.pointer << ": " << e.message);
  CHECK(report["repository"]["commit"].get<std::string>().size() == 40);
  CHECK(report["charter"]["source"] == "pacte");
  CHECK(report["facts"]["licenses"][0]["spdx"] == "MIT");
  CHECK(report["facts"]["history"]["commits_365d"] == 2);
  CHECK(report["generated_at"] == "2026-05-31T04:00:00Z");
  auto img = test::result_of(report, "EQ-IMG-ALT");
  CHECK(img["status"] == "fail");
  CHECK(img["evidence"][0]["path"] == "src/index.html");
  CHECK(img["evidence"][0]["line"] == 1);
  CHECK(test::result_of(report, "OPEN-LICENSE-MATCH")["status"] == "pass");
}

TEST_CASE("the audit reads the committed tree, not uncommitted files; --worktree reads the disk") {
  Env env;
  TempDir dir;
  make_service(dir);
  dir.write("src/ads.html", "<script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js\"></script>\n");
  auto committed = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  CHECK(test::result_of(committed, "NEUT-AD-SDK")["status"] == "pass");
  auto worktree = test::pacte({"audit", dir.str(), "--format", "json", "--worktree"});
  auto report = worktree.json();
  CHECK(report["repository"]["commit"].is_null());
  auto ad = test::result_of(report, "NEUT-AD-SDK");
  CHECK(ad["status"] == "fail");
  CHECK(ad["evidence"][0]["path"] == "src/ads.html");
  CHECK(report["verdict"] == "non-compliant");
}

TEST_CASE("--fail-on and --fail-under gate the exit code") {
  Env env;
  TempDir dir;
  make_service(dir);
  CHECK(test::pacte({"audit", dir.str(), "--fail-on", "high", "-q"}).code == 1);  // EQ-IMG-ALT is high
  CHECK(test::pacte({"audit", dir.str(), "--fail-on", "critical", "-q"}).code == 0);
  CHECK(test::pacte({"audit", dir.str(), "--fail-under", "99", "-q"}).code == 1);
  auto r = test::pacte({"audit", dir.str(), "--fail-under", "10"});
  CHECK(r.code == 0);
  CHECK(r.out.find("Score") != std::string::npos);
}

TEST_CASE("a folder inside a working copy and a bare mirror audit the same commit") {
  Env env;
  TempDir dir;
  make_service(dir);
  TempDir bare;
  test::sh("git clone -q --bare '" + dir.str() + "' '" + bare.str() + "/m.git'");
  auto a = test::pacte({"audit", dir.str() + "/src", "--format", "json"}).json();
  auto b = test::pacte({"audit", bare.str() + "/m.git", "--format", "json"}).json();
  CHECK(a["repository"]["commit"] == b["repository"]["commit"]);
  CHECK(a["score"] == b["score"]);
}

TEST_CASE("--rev audits an older commit") {
  Env env;
  TempDir dir;
  make_service(dir);
  auto head = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  auto prev = test::pacte({"audit", dir.str(), "--rev", "HEAD~1", "--format", "json"}).json();
  CHECK(head["repository"]["commit"] != prev["repository"]["commit"]);
  CHECK(prev["facts"]["history"]["commits_365d"] == 1);
  // A branch, a lightweight tag, an annotated tag and a full id name the same commit.
  const auto older = prev["repository"]["commit"].get<std::string>();
  test::sh("git -C '" + dir.str() + "' branch older HEAD~1");
  test::sh("git -C '" + dir.str() + "' tag v0.1 HEAD~1");
  test::sh("git -C '" + dir.str() + "' tag -a -m release v0.2 HEAD~1");
  for (const std::string& rev : std::vector<std::string>{"older", "refs/heads/older", "v0.1", "v0.2", "tags/v0.2", older}) {
    INFO(rev);
    auto run = test::pacte({"audit", dir.str(), "--rev", rev, "--format", "json"});
    REQUIRE(run.code != 2);
    CHECK(run.json()["repository"]["commit"] == older);
  }
}

TEST_CASE("a plain folder is audited with --worktree; history rules are skipped, history is null") {
  Env env;
  TempDir dir;
  dir.write("pacte.yml", test::good_charter());
  dir.write("LICENSE", test::mit_text());
  CHECK(test::pacte({"audit", dir.str()}).code == 2);
  auto run = test::pacte({"audit", dir.str(), "--worktree", "--format", "json"});
  REQUIRE(run.code == 0);
  auto report = run.json();
  CHECK(report["facts"]["history"].is_null());
  CHECK(test::result_of(report, "CONT-ACTIVITY-365D")["status"] == "skip");
}

TEST_CASE("nothing audited: exit 2 with a message naming the path") {
  Env env;
  TempDir dir;
  auto missing = test::pacte({"audit", dir.str() + "/nope"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("nope: no such file or folder") != std::string::npos);
  test::git_init(dir);
  auto empty = test::pacte({"audit", dir.str()});
  CHECK(empty.code == 2);
  INFO(empty.err);
  CHECK(empty.err.find("has no commit yet") != std::string::npos);
  make_service(dir);
  auto badrev = test::pacte({"audit", dir.str(), "--rev", "v9.9"});
  CHECK(badrev.code == 2);
  CHECK(badrev.err.find("unknown revision 'v9.9'") != std::string::npos);
  auto badfmt = test::pacte({"audit", dir.str(), "--format", "pdf"});
  CHECK(badfmt.code == 2);
  // Over its --timeout, an audit reports nothing and says so (exit 2, not a pass or a fail).
  auto late = test::pacte({"audit", dir.str(), "--timeout", "0.000001", "--format", "json"});
  CHECK(late.code == 2);
  CHECK(late.out.empty());
  CHECK(late.err.find("did not finish within --timeout 1e-06 s") != std::string::npos);
  CHECK(test::pacte({"audit", dir.str(), "--timeout", "600"}).code != 2);
}

TEST_CASE("an invalid charter stops the audit with every error at file:line:col") {
  Env env;
  TempDir dir;
  std::string charter = test::good_charter();
  charter.replace(charter.find("advertising: false"), 18, "advertising: 3");
  make_service(dir, charter);
  auto run = test::pacte({"audit", dir.str()});
  CHECK(run.code == 2);
  CHECK(run.err.find("pacte.yml:8:3: neutrality.advertising: expected true or false, found a number") != std::string::npos);
}

TEST_CASE("without a charter every declaration rule is undeclared and says what to declare") {
  Env env;
  TempDir dir;
  test::git_init(dir);
  dir.write("README.md", "hello\n");
  test::commit_all(dir, "first");
  auto report = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  CHECK(report["charter"]["source"] == "none");
  auto adv = test::result_of(report, "NEUT-ADVERTISING-DECLARED");
  CHECK(adv["status"] == "undeclared");
  CHECK(adv["message"].get<std::string>().find("declare") != std::string::npos);
  CHECK(report["verdict"] == "no-charter");
}

TEST_CASE("a licence declared in publiccode.yml is held against the licence file") {
  Env env;
  TempDir dir;
  test::git_init(dir);
  dir.write("publiccode.yml", "publiccodeYmlVersion: '0.4'\nname: S\nlegal:\n  license: AGPL-3.0-only\n");
  dir.write("LICENSE", test::mit_text());
  test::commit_all(dir, "first");
  auto report = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  CHECK(report["charter"]["source"] == "publiccode");
  auto m = test::result_of(report, "OPEN-LICENSE-MATCH");
  CHECK(m["status"] == "fail");
  CHECK(m["message"] == "publiccode.yml declares AGPL-3.0-only but the repository carries LICENSE (MIT)");
}

TEST_CASE("with publiccode.yml, fields it cannot say are undeclared; what it can say is judged") {
  Env env;
  TempDir dir;
  test::git_init(dir);
  dir.write("publiccode.yml", "publiccodeYmlVersion: '0.4'\nname: S\nlegal:\n  license: AGPL-3.0-only\n");
  dir.write("LICENSE", test::mit_text());
  test::commit_all(dir, "first");
  auto report = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  auto errors = builtin_schema("report.schema.json").validate(report);
  for (const auto& e : errors) FAIL_CHECK(e.pointer << ": " << e.message);
  // publiccode.yml cannot declare advertising: undeclared, out of the score.
  auto adv = test::result_of(report, "NEUT-ADVERTISING-DECLARED");
  CHECK(adv["status"] == "undeclared");
  CHECK(adv["basis"] == "declaration");
  CHECK(adv["message"].get<std::string>().find("publiccode.yml cannot say it") != std::string::npos);
  // It can declare the licence: a mismatch stays a failure, and the verdict is a real one.
  CHECK(test::result_of(report, "OPEN-LICENSE-MATCH")["status"] == "fail");
  CHECK(report["verdict"] != "no-charter");
  CHECK(report["principles"]["neutrality"]["undeclared"].get<int>() >= 1);
}

TEST_CASE("without any charter, rules that need a declaration are undeclared and the verdict is no-charter") {
  Env env;
  TempDir dir;
  test::git_init(dir);
  dir.write("LICENSE", test::mit_text());
  dir.write("README.md", "# Service\n\nA public service.\n\n## Installation\n\nRun `make install`.\n");
  test::commit_all(dir, "first");
  auto report = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  auto errors = builtin_schema("report.schema.json").validate(report);
  for (const auto& e : errors) FAIL_CHECK(e.pointer << ": " << e.message);
  CHECK(report["verdict"] == "no-charter");
  CHECK(test::result_of(report, "NEUT-ADVERTISING-DECLARED")["status"] == "undeclared");
  CHECK(test::result_of(report, "OPEN-CHARTER")["status"] == "undeclared");
  CHECK(test::result_of(report, "OPEN-LICENSE-FILE")["status"] == "pass");  // evidence is judged as ever
  CHECK(report["evidence_score"].is_number());
  for (const auto& r : report["results"]) {
    // Every failure left is one the code shows; no declaration rule passes on nothing declared.
    if (r["status"] == "fail") CHECK_MESSAGE(r["basis"] == "evidence", r["rule"].get<std::string>());
    if (r["basis"] == "declaration") CHECK_MESSAGE(r["status"] != "pass", r["rule"].get<std::string>());
  }
  // A charter_field_not rule (advertising not declared true) does not pass on an absent charter.
  CHECK(test::result_of(report, "NEUT-DATA-SALE")["status"] == "undeclared");
}

TEST_CASE("with a pacte charter, a missing required declaration stays a failure") {
  Env env;
  TempDir dir;
  make_service(dir);
  auto report = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  // The good charter has no offline channel (equal_access.offline_channel, optional).
  auto offline = test::result_of(report, "EQ-OFFLINE-CHANNEL");
  CHECK(offline["status"] == "fail");
  CHECK(offline["message"].get<std::string>().find("add 'equal_access.offline_channel' to pacte.yml") != std::string::npos);
  CHECK(report["verdict"] != "no-charter");
  CHECK(report["declaration_score"].is_number());
}

TEST_CASE("a valid waiver turns a failure into 'waived'; the report keeps the reason") {
  Env env;
  TempDir dir;
  make_service(dir, test::good_charter() + "waivers:\n  - {rule: EQ-IMG-ALT, reason: Logo redesign in progress, until: 2027-01-01}\n");
  auto report = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  auto r = test::result_of(report, "EQ-IMG-ALT");
  CHECK(r["status"] == "waived");
  CHECK(r["waiver"]["reason"] == "Logo redesign in progress");
  CHECK(report["principles"]["equal_access"]["waived"] == 1);
}

TEST_CASE("--output writes the file atomically and prints nothing; --lang fr translates") {
  Env env;
  TempDir dir;
  make_service(dir);
  std::string out = dir.str() + "/report.json";
  auto run = test::pacte({"audit", dir.str(), "--format", "json", "--output", out, "--lang", "fr"});
  CHECK(run.code == 0);
  CHECK(run.out.empty());
  std::ifstream in(out);
  auto report = nlohmann::json::parse(in);
  CHECK(report["lang"] == "fr");
  CHECK(test::result_of(report, "EQ-IMG-ALT")["title"] == "Les images ont une alternative textuelle");
  auto bad = test::pacte({"audit", dir.str(), "--output", dir.str() + "/no/such/dir/r.txt"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("cannot write") != std::string::npos);
}

TEST_CASE("user rule packs add rules; --no-default-rules keeps only them") {
  Env env;
  TempDir dir;
  make_service(dir);
  dir.write("src/app.js", "ga('create', 'UA-12345-1');\n");
  test::commit_all(dir, "analytics key", 1780100000);
  TempDir rules;
  rules.write("local.yml", R"(pacte_rules: 1
rules:
  - id: LOCAL-NO-UA
    principle: neutrality
    severity: medium
    title: {en: "No Universal Analytics id", fr: "Pas d'identifiant Universal Analytics"}
    rationale: {en: "Local policy.", fr: "Politique locale."}
    remediation: {en: "Remove it.", fr: "Retirez-le."}
    check: {primitive: content_absent, paths: ["**/*.js"], pattern: "UA-[0-9]+-[0-9]+"}
)");
  auto report = test::pacte({"audit", dir.str(), "--format", "json", "--rules", rules.str(), "--no-default-rules"}).json();
  REQUIRE(report["results"].size() == 1);
  auto r = report["results"][0];
  CHECK(r["status"] == "fail");
  CHECK(r["evidence"][0]["path"] == "src/app.js");
  CHECK(r["evidence"][0]["line"] == 1);
  CHECK(r["evidence"][0]["snippet"] == "ga('create', 'UA-12345-1');");
}

TEST_CASE("validate, explain and rules") {
  TempDir dir;
  dir.write("pacte.yml", test::good_charter());
  CHECK(test::pacte({"validate", dir.str() + "/pacte.yml"}).code == 0);
  dir.write("bad.yml", "pacte: 2\n");
  auto bad = test::pacte({"validate", dir.str() + "/bad.yml"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("bad.yml:1:1: pacte: expected 1, found 2") != std::string::npos);
  auto ex = test::pacte({"explain", "CONT-BUS-FACTOR", "--lang", "fr"});
  CHECK(ex.code == 0);
  CHECK(ex.out.find("Pourquoi") != std::string::npos);
  CHECK(ex.out.find("chaoss.community") != std::string::npos);
  auto unknown = test::pacte({"explain", "CONT-BUS-FACTR"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("did you mean CONT-BUS-FACTOR?") != std::string::npos);
  auto list = test::pacte({"rules", "--format", "json"});
  CHECK(list.json()["rules"].size() >= 12);
  CHECK(test::pacte({"rules", "--primitives"}).out.find("content_absent") != std::string::npos);
}

TEST_CASE("on several threads, the audit loads each file once and reports what one thread reports") {
  Env env;
  TempDir dir;
  make_service(dir);
  // Pages, catalogs and a statement, each read by several checks (trackers, templates,
  // languages, statement, the Git LFS check); enough files for every thread to have some.
  dir.write("docs/accessibilite.md",
            "# Déclaration d'accessibilité\n\nLe service est **partiellement conforme** avec le RGAA version 4.1.\n\n"
            "L'audit réalisé le 1er mars 2026 révèle que 82 % des critères sont respectés.\n");
  dir.write("src/locales/fr/common.json", "{\"bonjour\": \"Bonjour et bienvenue sur le service\"}\n");
  dir.write("src/locales/en/common.json", "{\"hello\": \"Hello and welcome to the service\"}\n");
  for (int i = 0; i < 40; ++i) {
    dir.write("src/pages/page" + std::to_string(i) + ".html",
              "<!DOCTYPE html><html lang=\"fr\"><head><title>P</title></head><body><img src=p" + std::to_string(i) +
                  ".png></body></html>\n");
    dir.write("src/js/mod" + std::to_string(i) + ".js", "export const v" + std::to_string(i) + " = 'gtag(';\n");
  }
  dir.write("src/js/analytics.js", "gtag('config', 'G-123');\n");
  test::commit_all(dir, "pages", 1780100000);

  auto one = test::pacte({"audit", dir.str(), "--format", "json", "--jobs", "1"});
  auto many = test::pacte({"audit", dir.str(), "--format", "json", "--jobs", "4"});
  REQUIRE(one.code == many.code);
  auto a = one.json(), b = many.json();
  for (auto* r : {&a, &b}) {
    CHECK((*r)["stats"]["file_loads"] == (*r)["stats"]["files_scanned"]);
    (*r)["stats"].erase("duration_ms");
  }
  CHECK(b["stats"]["files_scanned"].get<int>() > 80);
  CHECK(b["facts"]["accessibility_statement"] == "docs/accessibilite.md");
  CHECK(b["facts"]["languages"].size() == 2);
  CHECK(b["facts"]["accessibility_pages"]["checked"].get<int>() >= 41);
  CHECK(b["facts"]["history"]["commits_365d"] == 3);
  CHECK(a == b);
}

TEST_CASE("a fact asked for by several threads at once is computed once") {
  MemorySnapshot snapshot;
  Charter charter;
  AuditContext ctx(snapshot, charter, 0);
  std::atomic<int> computed{0};
  std::vector<std::thread> threads;
  std::vector<int> seen(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      seen[static_cast<std::size_t>(t)] = ctx.cached<int>(t % 2 ? "odd" : "even", [&, t] {
        ++computed;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return t % 2 ? 1 : 2;
      });
    });
  for (auto& th : threads) th.join();
  CHECK(computed == 2);
  for (int t = 0; t < 8; ++t) CHECK(seen[static_cast<std::size_t>(t)] == (t % 2 ? 1 : 2));
  // A computation that throws leaves the fact to the next caller.
  CHECK_THROWS(ctx.cached<int>("fails once", []() -> int { throw std::runtime_error("time limit"); }));
  CHECK(ctx.cached<int>("fails once", [] { return 7; }) == 7);
}
