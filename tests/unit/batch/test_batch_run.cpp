// pacte batch and pacte merge in-process, over repositories built with git at test time.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "checks/batch/runner.hpp"
#include "checks/batch/summary.hpp"
#include "tests/unit/engine/fixture.hpp"

using namespace pacte;
using test::TempDir;

namespace {

void make_service(const TempDir& dir, const std::string& sub, long epoch = 1780000000) {
  std::string p = dir.str() + "/" + sub;
  test::sh("git init -q -b main '" + p + "'");
  dir.write(sub + "/pacte.yml", test::good_charter());
  dir.write(sub + "/LICENSE", test::mit_text());
  dir.write(sub + "/README.md", "# " + sub + "\n");
  test::sh("cd '" + p + "' && git add -A && GIT_AUTHOR_NAME=J GIT_AUTHOR_EMAIL=j@example.org GIT_COMMITTER_NAME=J "
           "GIT_COMMITTER_EMAIL=j@example.org GIT_AUTHOR_DATE='@" + std::to_string(epoch) + " +0000' GIT_COMMITTER_DATE='@" +
           std::to_string(epoch) + " +0000' git commit -q -m first");
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

nlohmann::json summary(const std::string& out) { return nlohmann::json::parse(slurp(out + "/summary.json")); }

const nlohmann::json& row(const nlohmann::json& s, const std::string& location) {
  for (const auto& r : s["rows"])
    if (r["location"] == location) return r;
  static const nlohmann::json none;
  FAIL("no row for " << location);
  return none;
}

}  // namespace

TEST_CASE("a batch audits good repositories, reports the missing and corrupt ones, and exits 3") {
  TempDir dir;
  make_service(dir, "alpha");
  make_service(dir, "beta");
  make_service(dir, "corrupt");
  dir.write("corrupt/.git/HEAD", "garbage\n");
  test::sh("git clone -q --bare '" + dir.str() + "/beta' '" + dir.str() + "/remote.git'");
  dir.write("repos.txt", "# test list\nalpha\nbeta rev=main\nmissing\ncorrupt\nfile://" + dir.str() + "/remote.git\n");
  std::string out = dir.str() + "/out";
  auto run = test::pacte({"batch", dir.str() + "/repos.txt", "--out", out, "--cache", dir.str() + "/cache", "--jobs", "2",
                          "--retries", "0"});
  INFO(run.err);
  CHECK(run.code == 3);
  auto s = summary(out);
  CHECK(s["counts"]["repositories"] == 5);
  CHECK(s["counts"]["audited"] == 3);
  CHECK(s["counts"]["failed"] == 2);
  // Rows are sorted by location.
  CHECK(s["rows"][0]["location"] == "alpha");
  const auto& alpha = row(s, "alpha");
  CHECK(alpha["error"].is_null());
  CHECK(alpha["commit"].get<std::string>().size() == 40);
  CHECK(alpha["gate"] == "none");  // no gate option: nothing was asked, nothing "passed"
  std::string stem = alpha["report"].get<std::string>();
  stem.resize(stem.size() - 5);
  auto report = nlohmann::json::parse(slurp(out + "/" + stem + ".json"));
  CHECK(report["batch"]["location"] == "alpha");
  CHECK(slurp(out + "/" + stem + ".html").find("<!DOCTYPE html>") != std::string::npos);
  CHECK(row(s, "beta")["rev"] == "main");
  CHECK(row(s, "missing")["error"].get<std::string>().find("no such file") != std::string::npos);
  CHECK(row(s, "corrupt")["error"].get<std::string>().find("HEAD") != std::string::npos);  // the garbage HEAD
  const auto& remote = row(s, "file://" + dir.str() + "/remote.git");
  CHECK(remote["error"].is_null());
  CHECK(remote["commit"] == row(s, "beta")["commit"]);
  CHECK(slurp(out + "/summary.csv").rfind("location,charter,rev,report,commit,score,verdict,", 0) == 0);
  CHECK(slurp(out + "/index.html").find(stem + ".html") != std::string::npos);
}

TEST_CASE("--resume audits again only the repositories whose commit changed") {
  TempDir dir;
  make_service(dir, "alpha");
  make_service(dir, "beta");
  test::sh("git clone -q --bare '" + dir.str() + "/alpha' '" + dir.str() + "/remote.git'");
  dir.write("repos.txt", "alpha\nbeta\nfile://" + dir.str() + "/remote.git\n");
  std::string out = dir.str() + "/out";
  std::vector<std::string> args = {"batch", dir.str() + "/repos.txt", "--out", out, "--cache", dir.str() + "/cache", "--resume"};
  auto first = test::pacte(args);
  REQUIRE(first.code == 0);
  CHECK(first.err.find("(0 unchanged") != std::string::npos);
  std::string before = slurp(out + "/summary.json");

  auto second = test::pacte(args);
  CHECK(second.code == 0);
  CHECK(second.err.find("(3 unchanged") != std::string::npos);
  CHECK(slurp(out + "/summary.json") == before);

  // A new commit in beta, and one pushed to the remote: only those two are audited again.
  dir.write("beta/CHANGELOG.md", "- more\n");
  test::sh("cd '" + dir.str() + "/beta' && git add -A && git -c user.name=J -c user.email=j@example.org commit -q -m more");
  test::sh("cd '" + dir.str() + "/beta' && git push -q '" + dir.str() + "/remote.git' HEAD:main --force 2>/dev/null");
  auto third = test::pacte(args);
  CHECK(third.code == 0);
  INFO(third.err);
  CHECK(third.err.find("(1 unchanged") != std::string::npos);
  auto s = summary(out);
  CHECK(row(s, "beta")["commit"] != nlohmann::json::parse(before)["rows"][1]["commit"]);
}

TEST_CASE("shards partition a list and merge back into the summary of one batch") {
  TempDir dir;
  std::string list;
  for (const char* name : {"a", "b", "c", "d", "e", "f"}) {
    make_service(dir, name);
    list += std::string(name) + "\n";
  }
  list += "missing\n";
  dir.write("repos.txt", list);
  auto whole = test::pacte({"batch", dir.str() + "/repos.txt", "--out", dir.str() + "/whole", "--jobs", "2"});
  CHECK(whole.code == 3);
  int total = 0;
  for (int i = 1; i <= 3; ++i) {
    auto shard = test::pacte({"batch", dir.str() + "/repos.txt", "--out", dir.str() + "/shard" + std::to_string(i),
                              "--shard", std::to_string(i) + "/3"});
    CHECK((shard.code == 0 || shard.code == 3));
    total += summary(dir.str() + "/shard" + std::to_string(i))["counts"]["repositories"].get<int>();
  }
  CHECK(total == 7);
  auto merged = test::pacte({"merge", dir.str() + "/shard1", dir.str() + "/shard2/summary.json", dir.str() + "/shard3",
                             "--out", dir.str() + "/merged"});
  CHECK(merged.code == 3);
  CHECK(slurp(dir.str() + "/merged/summary.json") == slurp(dir.str() + "/whole/summary.json"));
  CHECK(slurp(dir.str() + "/merged/summary.csv") == slurp(dir.str() + "/whole/summary.csv"));
  CHECK(slurp(dir.str() + "/merged/index.html") == slurp(dir.str() + "/whole/index.html"));
  // The reports were copied next to the merged summary, so its links work.
  auto s = summary(dir.str() + "/merged");
  std::string report = row(s, "a")["report"].get<std::string>();
  CHECK(std::filesystem::exists(dir.str() + "/merged/" + report));
  // Merging per-repository reports alone (no summary) gives the audited rows.
  auto from_reports = test::pacte({"merge", dir.str() + "/merged/" + report, "--format", "csv"});
  CHECK(from_reports.code == 0);
  CHECK(from_reports.out.find("\na,") != std::string::npos);
}

TEST_CASE("the gate applies to every repository, and --timeout turns a slow audit into an error row") {
  TempDir dir;
  make_service(dir, "alpha");
  dir.write("repos.txt", "alpha\n");
  auto gated = test::pacte({"batch", dir.str() + "/repos.txt", "--out", dir.str() + "/g", "--fail-under", "100"});
  CHECK(gated.code == 1);
  CHECK(summary(dir.str() + "/g")["rows"][0]["gate"] == "fail");
  auto slow = test::pacte({"batch", dir.str() + "/repos.txt", "--out", dir.str() + "/t", "--timeout", "0.000001"});
  CHECK(slow.code == 3);
  CHECK(summary(dir.str() + "/t")["rows"][0]["error"].get<std::string>().find("--timeout") != std::string::npos);
}

TEST_CASE("batch usage errors exit 2 and say what to do") {
  TempDir dir;
  auto missing = test::pacte({"batch", dir.str() + "/nope.txt"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("cannot read the LIST file") != std::string::npos);
  dir.write("bad.txt", "a colour=blue\n");
  auto bad = test::pacte({"batch", dir.str() + "/bad.txt", "--out", dir.str() + "/o"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("bad.txt:1:3: unknown option 'colour'") != std::string::npos);
  auto shard = test::pacte({"batch", dir.str() + "/bad.txt", "--shard", "0/4"});
  CHECK(shard.code == 2);
  auto output = test::pacte({"batch", dir.str() + "/bad.txt", "--output", "x.json"});
  CHECK(output.code == 2);
  CHECK(output.err.find("--out DIR") != std::string::npos);
}

TEST_CASE("summary rows: sorted by location, and summary.json reads back to the same rows") {
  batch::SummaryRow r;
  r.location = "https://example.org/a,b\"c";
  r.report = "a-b-c-12345678.json";
  r.score = 72.46;
  r.verdict = "conditional";
  r.principles[0] = 90;
  r.failures = 3;
  r.gate = "pass";
  batch::SummaryRow e;
  e.location = "<missing>";
  e.error = "no such file, or folder";
  std::vector<batch::SummaryRow> rows = {r, e};
  batch::sort_and_dedupe(rows);
  CHECK(rows[0].location == "<missing>");
  auto doc = nlohmann::json::parse(batch::render_summary_json(rows));
  CHECK(doc == batch::summary_document(rows));
  auto back = batch::rows_from_summary_json(doc);
  CHECK(batch::render_summary_json(back) == batch::render_summary_json(rows));
}

TEST_CASE("progress: plain log lines when stderr is not a terminal, one updating line when it is") {
  batch::SummaryRow ok;
  ok.location = "alpha";
  ok.score = 81.25;
  ok.verdict = "compliant";
  batch::SummaryRow bad;
  bad.location = "missing";
  bad.error = "missing: no such file or folder";
  {
    std::ostringstream log;
    batch::Progress p(log, false, false, 2);
    p.started();
    p.finished(ok, false, 1.5);
    p.started();
    p.finished(bad, false, 0.1);
    p.close();
    CHECK(log.str() == "pacte: [1/2] audited alpha: 81.2 compliant (1.5 s)\npacte: [2/2] error   missing: missing: no such file or folder\n");
  }
  {
    std::ostringstream tty;
    batch::Progress p(tty, true, false, 2);
    p.started();
    p.finished(bad, false, 0.1);
    p.finished(ok, true, 0.0);
    p.close();
    std::string s = tty.str();
    CHECK(s.find("\r\x1b[Kpacte: [1/2] error   missing") != std::string::npos);
    CHECK(s.find("2/2 done, 1 failed, 0 running") != std::string::npos);
    CHECK(s.find("repos/s") != std::string::npos);
    CHECK(s.back() == '\n');
  }
}

TEST_CASE("--previous: each row says what changed since the last run; a wrong folder is exit 2 naming it") {
  TempDir dir;
  make_service(dir, "alpha");
  make_service(dir, "beta");
  dir.write("monday.txt", "alpha\nbeta\n");
  std::string monday = dir.str() + "/monday", tuesday = dir.str() + "/tuesday";
  auto first = test::pacte({"batch", dir.str() + "/monday.txt", "--out", monday, "--jobs", "1"});
  REQUIRE_MESSAGE(first.code == 0, first.err);
  auto before = summary(monday);
  CHECK(row(before, "alpha")["failed_rules"].is_array());
  // Alpha loses its licence; beta leaves the list; gamma joins it.
  test::sh("cd '" + dir.str() + "/alpha' && git rm -q LICENSE && GIT_AUTHOR_NAME=J GIT_AUTHOR_EMAIL=j@example.org GIT_COMMITTER_NAME=J "
           "GIT_COMMITTER_EMAIL=j@example.org git commit -q -m 'no licence'");
  make_service(dir, "gamma");
  dir.write("tuesday.txt", "alpha\ngamma\n");
  auto second = test::pacte({"batch", dir.str() + "/tuesday.txt", "--out", tuesday, "--previous", monday, "--jobs", "1"});
  INFO(second.err);
  CHECK((second.code == 0 || second.code == 1));
  auto after = summary(tuesday);
  const auto& alpha = row(after, "alpha");
  REQUIRE(alpha["change"].is_object());
  CHECK(alpha["change"]["added"] == false);
  CHECK(alpha["change"]["previous_score"] == row(before, "alpha")["score"]);
  CHECK(alpha["change"]["score_delta"].get<double>() < 0);
  CHECK(!alpha["change"]["new_failures"].empty());
  CHECK(row(after, "gamma")["change"]["added"] == true);
  REQUIRE(after["previous"]["removed"].size() == 1);
  CHECK(after["previous"]["removed"][0]["location"] == "beta");
  std::string csv = slurp(tuesday + "/summary.csv");
  CHECK(csv.find("\nbeta,,,,,,,,,,,,,,,,removed,") != std::string::npos);
  std::string index = slurp(tuesday + "/index.html");
  CHECK(index.find("<p id=\"previous\">") != std::string::npos);
  CHECK(index.find("new failures: " + alpha["change"]["new_failures"][0].get<std::string>()) != std::string::npos);

  // Missing, or a folder that is not a batch output: exit 2, the folder named, nothing audited.
  auto missing = test::pacte({"batch", dir.str() + "/tuesday.txt", "--out", dir.str() + "/w", "--previous", dir.str() + "/nowhere"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find(dir.str() + "/nowhere: no such folder") != std::string::npos);
  auto not_batch = test::pacte({"batch", dir.str() + "/tuesday.txt", "--out", dir.str() + "/w", "--previous", dir.str() + "/alpha"});
  CHECK(not_batch.code == 2);
  CHECK(not_batch.err.find(dir.str() + "/alpha: not a pacte batch output (no summary.json)") != std::string::npos);
  dir.write("fake/summary.json", "{\"hello\": 1}");
  auto fake = test::pacte({"batch", dir.str() + "/tuesday.txt", "--out", dir.str() + "/w", "--previous", dir.str() + "/fake"});
  CHECK(fake.code == 2);
  CHECK(fake.err.find(dir.str() + "/fake/summary.json: not a pacte batch summary") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.str() + "/w/summary.json"));

  // pacte merge takes --previous too.
  auto merged = test::pacte({"merge", tuesday, "--out", dir.str() + "/merged", "--previous", monday});
  INFO(merged.err);
  CHECK(summary(dir.str() + "/merged")["previous"]["removed"][0]["location"] == "beta");
}

TEST_CASE("compare_with_previous: added, removed, new and fixed failures; unknown lists are not compared") {
  auto audited = [](const std::string& location, double score, std::vector<std::string> failing) {
    batch::SummaryRow r;
    r.location = location;
    r.score = score;
    r.verdict = "conditional";
    for (auto& id : failing) r.failed_rules.push_back({id, "high", "openness"});
    return r;
  };
  std::vector<batch::SummaryRow> previous = {audited("a", 60, {"R1", "R2"}), audited("b", 70, {}), audited("old", 50, {})};
  previous[1].failed_rules_known = false;  // from a summary written before the list existed
  std::vector<batch::SummaryRow> now = {audited("a", 65, {"R2", "R3"}), audited("b", 70, {"R9"}), audited("new", 80, {})};
  auto run = batch::compare_with_previous(now, previous, "prev");
  CHECK(now[0].change->new_failures == std::vector<std::string>{"R3"});
  CHECK(now[0].change->fixed_failures == std::vector<std::string>{"R1"});
  CHECK(*now[0].change->previous_score == 60);
  CHECK(!now[1].change->rules_compared);
  CHECK(now[2].change->added);
  REQUIRE(run.removed.size() == 1);
  CHECK(run.removed[0].location == "old");
  // The document reads back to the same rows (what pacte merge does with it).
  auto doc = batch::summary_document(now, &run);
  CHECK(doc["rows"][0]["change"]["score_delta"] == 5.0);
  CHECK(doc["rows"][1]["change"]["new_failures"].is_null());
  auto back = batch::rows_from_summary_json(doc);
  CHECK(batch::summary_document(back, &run) == doc);
}
