// History facts, checked against what the git CLI reports for the same repository and window.
// Every fixture repository is generated here, in a temporary folder, with the git CLI.
#include <doctest/doctest.h>
#include <git2.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "checks/base/blob_cache.hpp"
#include "checks/base/text.hpp"
#include "checks/history/history.hpp"
#include "tests/unit/shell.hpp"

using namespace pacte;

namespace {

constexpr std::time_t kNow = 1782820800;  // 2026-06-30T12:00:00Z
constexpr std::time_t kDay = 86400;

// Isolates git and libgit2 from the user's configuration, then initialises libgit2.
struct GitEnvironment {
  std::string home;
  GitEnvironment() {
    char tmpl[] = "/tmp/pacte-history-home-XXXXXX";
    home = mkdtemp(tmpl);
    setenv("HOME", home.c_str(), 1);
    setenv("XDG_CONFIG_HOME", home.c_str(), 1);
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    git_libgit2_init();
  }
  ~GitEnvironment() {
    git_libgit2_shutdown();
    std::filesystem::remove_all(home);
  }
};
GitEnvironment& git_env() {
  static GitEnvironment env;
  return env;
}

struct TempDir {
  std::string path;
  TempDir() {
    git_env();
    char tmpl[] = "/tmp/pacte-history-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

using test_shell::sh_out;

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l))
    if (!l.empty()) out.push_back(l);
  return out;
}

int as_int(const std::string& s) { return std::stoi(s); }

struct Person {
  std::string name, email;
};

// A fixture repository under construction.
struct RepoBuilder {
  std::string dir;
  explicit RepoBuilder(std::string d) : dir(std::move(d)) {
    sh_out("git init -q -b main " + quote(dir));
  }
  std::string git(const std::string& args) const { return sh_out("git -C " + quote(dir) + " " + args); }
  static std::string env(const Person& who, std::time_t author_time, std::time_t commit_time) {
    return "GIT_AUTHOR_NAME=" + quote(who.name) + " GIT_AUTHOR_EMAIL=" + quote(who.email) +
           " GIT_AUTHOR_DATE='@" + std::to_string(author_time) + " +0200'" +
           " GIT_COMMITTER_NAME=" + quote(who.name) + " GIT_COMMITTER_EMAIL=" + quote(who.email) +
           " GIT_COMMITTER_DATE='@" + std::to_string(commit_time) + " +0000'";
  }
  // An empty commit by `who`, `days` days before kNow (committer date), optionally authored
  // `author_days` days before kNow.
  void commit(const Person& who, double days, double author_days = -1) {
    std::time_t t = kNow - static_cast<std::time_t>(days * kDay);
    std::time_t a = author_days < 0 ? t : kNow - static_cast<std::time_t>(author_days * kDay);
    sh_out(env(who, a, t) + " git -C " + quote(dir) + " commit -q --allow-empty -m " +
       quote("work by " + who.name));
  }
  void merge(const Person& who, double days, const std::string& branch) {
    std::time_t t = kNow - static_cast<std::time_t>(days * kDay);
    sh_out(env(who, t, t) + " git -C " + quote(dir) + " merge -q --no-ff -m " + quote("Merge " + branch) + " " +
       branch);
  }
  void annotated_tag(const std::string& name, const std::string& target, double days) {
    std::time_t t = kNow - static_cast<std::time_t>(days * kDay);
    sh_out(env({"Release Manager", "release@example.org"}, t, t) + " git -C " + quote(dir) + " tag -a -m " +
       quote("release " + name) + " " + name + " " + target);
  }
  std::string head() const { return lines(git("rev-parse HEAD")).at(0); }
};

const Person kAlice{"Alice Martin", "alice@example.org"};
const Person kAliceOld{"alice", "alice@old.example"};           // mapped by email
const Person kAliceMairie{"A. Martin", "AMARTIN@Mairie.example"};  // mapped case-insensitively
const Person kBob{"Bob Durand", "bob@example.org"};
const Person kBobby{"bobby", "bob@home.example"};    // mapped by name + email ("Bobby" in the mailmap)
const Person kRobert{"Robert", "bob@home.example"};  // same email, other name: not mapped
const Person kCarol{"Carol", "carol@example.org"};
const Person kDan{"Dan", "dan@example.org"};
const Person kDependabot{"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"};
const Person kRenovate{"Renovate Bot", "bot@renovateapp.com"};

const char* kMailmap =
    "# Identities of the team\n"
    "Alice Martin <alice@example.org> <alice@old.example>\n"
    "Alice Martin <alice@example.org> <amartin@mairie.example>\n"
    "Bob Durand <bob@example.org> Bobby <bob@home.example>\n";

// The main fixture: three years of history, 26 commits, a merge, a mailmap, bots, four tags.
struct Fixture {
  TempDir tmp;
  RepoBuilder repo{tmp.path + "/service"};
  Fixture() {
    {
      FILE* f = std::fopen((repo.dir + "/.mailmap").c_str(), "w");
      REQUIRE(f);
      std::fputs(kMailmap, f);
      std::fclose(f);
    }
    repo.git("add .mailmap");
    repo.commit(kDan, 1100);
    repo.commit(kAliceOld, 1000);
    repo.commit(kDan, 950);
    repo.annotated_tag("v0.1", "HEAD", 940);
    repo.commit(kBob, 800);
    repo.commit(kAliceOld, 700);  // 2024-07-31: the first month of the monthly series
    repo.commit(kRobert, 400);
    repo.commit(kAlice, 365);  // exactly on the 365-day boundary: inside, as with git --since
    repo.commit(kAlice, 364);
    repo.commit(kAlice, 300);
    repo.commit(kAliceMairie, 250);
    repo.commit(kBobby, 200);
    repo.commit(kCarol, 180);
    repo.commit(kDependabot, 150);
    repo.commit(kRenovate, 120);
    repo.commit(kRobert, 100);
    repo.git("branch feature");
    repo.git("checkout -q feature");
    repo.commit(kCarol, 95);
    repo.git("checkout -q main");
    repo.commit(kAlice, 93);
    repo.git("checkout -q feature");
    repo.commit(kCarol, 92);
    repo.git("checkout -q main");
    repo.merge(kAlice, 91, "feature");
    repo.commit(kBob, 90);  // exactly on the 90-day boundary
    repo.commit(kDependabot, 60);
    repo.commit(kAlice, 30);
    repo.git("tag v1.0");  // lightweight, dated by the commit: 30 days ago
    repo.annotated_tag("v1.2-rc", "v1.0", 3);  // an older commit, but the most recent tag
    repo.commit(kAlice, 20, 400);  // authored 400 days ago, committed (rebased) 20 days ago
    repo.commit(kBob, 10);
    repo.annotated_tag("v1.1", "HEAD", 9);
    repo.commit(kDependabot, 5);
    repo.commit(kAlice, 2);
  }
};

struct OpenRepo {
  git_repository* repo = nullptr;
  explicit OpenRepo(const std::string& path) {
    git_env();
    REQUIRE(git_repository_open(&repo, path.c_str()) == 0);
  }
  ~OpenRepo() { git_repository_free(repo); }
  git_oid rev(const std::string& spec) const {
    git_object* obj = nullptr;
    REQUIRE(git_revparse_single(&obj, repo, spec.c_str()) == 0);
    git_oid id = *git_object_id(obj);
    git_object_free(obj);
    return id;
  }
};

HistoryFacts analyze(const std::string& path, const std::string& rev = "HEAD", std::time_t now = kNow) {
  OpenRepo r(path);
  std::string error;
  auto facts = analyze_history(r.repo, r.rev(rev), now, &error);
  INFO("error: " << error);
  REQUIRE(facts.has_value());
  return *facts;
}

// What git reports, for the same repository, revision and window.
struct GitView {
  int count_total = 0, count_90 = 0, count_365 = 0;
  std::map<std::string, int> humans_365;  // lower-cased mailmapped email -> commits
  std::map<std::string, int> all_total;
  int bots_365 = 0;
  std::time_t first = 0, last = 0;
  std::map<std::string, int> monthly;
  int tags = 0;
  std::string last_tag;
  std::time_t last_tag_date = 0;
};

GitView git_view(const std::string& dir, const std::string& rev = "HEAD", std::time_t now = kNow) {
  GitView v;
  auto g = [&](const std::string& args) { return sh_out("git -C " + quote(dir) + " " + args); };
  const std::string since90 = " --since=@" + std::to_string(now - 90 * kDay);
  const std::string since365 = " --since=@" + std::to_string(now - 365 * kDay);
  v.count_total = as_int(g("rev-list --count " + rev));
  v.count_90 = as_int(g("rev-list --count" + since90 + " " + rev));
  v.count_365 = as_int(g("rev-list --count" + since365 + " " + rev));
  for (const auto& l : lines(g("log --use-mailmap --format='%aN%x09%aE'" + since365 + " " + rev))) {
    auto tab = l.find('\t');
    std::string name = l.substr(0, tab), email = l.substr(tab + 1);
    if (is_bot(name, email))
      ++v.bots_365;
    else
      ++v.humans_365[ascii_lower(email)];
  }
  for (const auto& l : lines(g("log --use-mailmap --format='%aE' " + rev))) ++v.all_total[ascii_lower(l)];
  for (const auto& l : lines(g("log --format=%ct " + rev))) {
    std::time_t t = std::stoll(l);
    if (v.first == 0 || t < v.first) v.first = t;
    if (t > v.last) v.last = t;
  }
  for (const auto& l : lines(g("log --format=%cd --date=format-local:%Y-%m " + rev))) ++v.monthly[l];
  v.tags = static_cast<int>(lines(g("tag")).size());
  auto newest = lines(g("for-each-ref --sort=-creatordate --count=1 "
                        "--format='%(refname:short) %(creatordate:unix)' refs/tags"));
  if (!newest.empty()) {
    auto sp = newest[0].rfind(' ');
    v.last_tag = newest[0].substr(0, sp);
    v.last_tag_date = std::stoll(newest[0].substr(sp + 1));
  }
  return v;
}

void check_against_git(const HistoryFacts& f, const GitView& v) {
  CHECK(f.commits_total == v.count_total);
  CHECK(f.commits_90d == v.count_90);
  CHECK(f.commits_365d == v.count_365);
  CHECK(f.first_commit == v.first);
  CHECK(f.last_commit == v.last);
  CHECK(f.bot_commits_365d == v.bots_365);
  CHECK(f.contributors_365d == static_cast<int>(v.humans_365.size()));
  std::map<std::string, int> ours_365, ours_total;
  for (const auto& c : f.contributors) {
    if (!c.bot && c.commits_365d > 0) ours_365[ascii_lower(c.email)] = c.commits_365d;
    ours_total[ascii_lower(c.email)] = c.commits_total;
  }
  CHECK(ours_365 == v.humans_365);
  CHECK(ours_total == v.all_total);
  for (const auto& m : f.monthly) {
    auto it = v.monthly.find(m.month);
    INFO("month " << m.month);
    CHECK(m.commits == (it == v.monthly.end() ? 0 : it->second));
  }
  CHECK(f.tags == v.tags);
  CHECK(f.last_tag == v.last_tag);
  CHECK(f.last_tag_date == v.last_tag_date);
}

}  // namespace

// Built once: doctest runs the test case once per subcase.
Fixture& shared_fixture() {
  static Fixture fx;
  return fx;
}

TEST_CASE("analyze_history agrees with the git CLI on a generated history") {
  setenv("TZ", "UTC", 1);  // for git's --date=format-local
  Fixture& fx = shared_fixture();
  HistoryFacts f = analyze(fx.repo.dir);
  check_against_git(f, git_view(fx.repo.dir));

  SUBCASE("and with the values the fixture was built to have") {
    CHECK(f.commits_total == 26);
    CHECK(f.commits_365d == 20);
    CHECK(f.commits_90d == 7);
    CHECK(f.first_commit == kNow - 1100 * kDay);
    CHECK(f.last_commit == kNow - 2 * kDay);
    CHECK(f.contributors_365d == 4);  // Alice (3 identities), Bob (+bobby), Carol, Robert
    CHECK(f.bot_commits_365d == 4);   // dependabot x3, renovate x1
    CHECK(f.contributor_absence_factor == 1);  // Alice: 9 of 16 human commits
    CHECK_FALSE(f.shallow);
    CHECK(f.tags == 4);
    CHECK(f.last_tag == "v1.2-rc");
    CHECK(f.last_tag_date == kNow - 3 * kDay);
    REQUIRE(f.contributors.size() == 7);  // + Dan (old), dependabot, renovate
    CHECK(f.contributors[0].name == "Alice Martin");
    CHECK(f.contributors[0].email == "alice@example.org");
    CHECK(f.contributors[0].commits_365d == 9);
    CHECK(f.contributors[0].commits_total == 11);
    CHECK(f.contributors[0].last_commit == kNow - 2 * kDay);
    CHECK_FALSE(f.contributors[0].bot);
    bool saw_robert = false, saw_dan = false;
    for (const auto& c : f.contributors) {
      if (c.email == "bob@home.example") {
        saw_robert = true;
        CHECK(c.name == "Robert");
        CHECK(c.commits_total == 2);
      }
      if (c.email == "dan@example.org") {
        saw_dan = true;
        CHECK(c.commits_365d == 0);
        CHECK(c.commits_total == 2);
      }
      if (c.email == "bot@renovateapp.com" || c.email.find("dependabot") != std::string::npos) CHECK(c.bot);
    }
    CHECK(saw_robert);
    CHECK(saw_dan);
  }

  SUBCASE("monthly series: 24 months, oldest first, ending with the audit month") {
    REQUIRE(f.monthly.size() == 24);
    CHECK(f.monthly.front().month == "2024-07");
    CHECK(f.monthly.front().commits == 1);  // the commit 700 days ago, on 2024-07-31
    CHECK(f.monthly.back().month == "2026-06");
    int sum = 0;
    for (const auto& m : f.monthly) sum += m.commits;
    CHECK(sum == 22);  // the 20 commits of the last 365 days, and those 400 and 700 days ago
  }

  SUBCASE("contributors are sorted by recent commits, then all commits, then name") {
    for (std::size_t i = 1; i < f.contributors.size(); ++i) {
      const auto& a = f.contributors[i - 1];
      const auto& b = f.contributors[i];
      bool ordered = a.commits_365d > b.commits_365d ||
                     (a.commits_365d == b.commits_365d &&
                      (a.commits_total > b.commits_total || (a.commits_total == b.commits_total && a.name <= b.name)));
      CHECK(ordered);
    }
  }

  SUBCASE("the walk may start from a tag, and agrees with git for that revision") {
    HistoryFacts at_tag = analyze(fx.repo.dir, "v1.1");
    check_against_git(at_tag, git_view(fx.repo.dir, "v1.1"));
    CHECK(at_tag.commits_total == 24);
  }

  SUBCASE("another audit time moves every window, as git --since does") {
    std::time_t then = kNow - 200 * kDay;
    HistoryFacts past = analyze(fx.repo.dir, "HEAD", then);
    GitView v = git_view(fx.repo.dir, "HEAD", then);
    CHECK(past.commits_90d == v.count_90);
    CHECK(past.commits_365d == v.count_365);
    CHECK(past.contributors_365d == static_cast<int>(v.humans_365.size()));
    CHECK(past.monthly.back().month == "2025-12");
  }

  SUBCASE("a bare clone reads the mailmap from HEAD:.mailmap and gives the same facts") {
    std::string bare = fx.tmp.path + "/bare.git";
    std::filesystem::remove_all(bare);
    sh_out("git clone -q --bare " + quote(fx.repo.dir) + " " + quote(bare));
    HistoryFacts b = analyze(bare);
    check_against_git(b, git_view(bare));
    CHECK(b.contributors_365d == f.contributors_365d);
    CHECK(b.contributors.size() == f.contributors.size());
    CHECK(b.commits_total == f.commits_total);
    CHECK(b.tags == 4);
  }

  SUBCASE("a shallow clone is flagged, and the walk stops at the boundary like git") {
    std::string shallow = fx.tmp.path + "/shallow";
    std::filesystem::remove_all(shallow);
    sh_out("git clone -q --no-local --depth 3 file://" + fx.repo.dir + " " + quote(shallow));
    HistoryFacts s = analyze(shallow);
    CHECK(s.shallow);
    CHECK(s.commits_total == as_int(sh_out("git -C " + quote(shallow) + " rev-list --count HEAD")));
    CHECK(s.commits_total == 3);
    CHECK(s.last_commit == f.last_commit);

    std::string one = fx.tmp.path + "/depth1";
    std::filesystem::remove_all(one);
    sh_out("git clone -q --no-local --depth 1 file://" + fx.repo.dir + " " + quote(one));
    HistoryFacts s1 = analyze(one);
    CHECK(s1.shallow);
    CHECK(s1.commits_total == 1);
    CHECK(s1.first_commit == s1.last_commit);
  }

  SUBCASE("the mailmap is the audited commit's: an uncommitted change does not alter the facts") {
    std::string plain = fx.tmp.path + "/plain";
    std::filesystem::remove_all(plain);
    sh_out("git clone -q " + quote(fx.repo.dir) + " " + quote(plain));
    std::filesystem::remove(plain + "/.mailmap");
    HistoryFacts p = analyze(plain);
    CHECK(p.contributors_365d == f.contributors_365d);
    CHECK(p.contributors.size() == f.contributors.size());
    // git log reads the working tree's file: without it, amartin@mairie.example is apart.
    CHECK(git_view(plain).humans_365.size() == 5);
  }

  SUBCASE("a tag that names a blob or a tree is no release") {
    std::string copy = fx.tmp.path + "/blob-tags";
    std::filesystem::remove_all(copy);
    sh_out("git clone -q " + quote(fx.repo.dir) + " " + quote(copy));
    sh_out("cd " + quote(copy) + " && git tag blob-tag $(echo data | git hash-object -w --stdin) && "
           "git tag tree-tag HEAD^{tree} && GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org git tag -a -m note annotated-blob-tag $(echo more | git hash-object -w --stdin)");
    HistoryFacts t = analyze(copy);
    CHECK(t.tags == f.tags);
    CHECK(t.last_tag == f.last_tag);
    CHECK(t.last_tag_date == f.last_tag_date);
  }

  SUBCASE("mailmap.file in the configuration is read too") {
    std::string copy = fx.tmp.path + "/with-mailmap-file";
    std::filesystem::remove_all(copy);
    sh_out("git clone -q " + quote(fx.repo.dir) + " " + quote(copy));
    std::string extra = fx.tmp.path + "/extra.mailmap";
    FILE* out = std::fopen(extra.c_str(), "w");
    REQUIRE(out);
    std::fputs("Carol Dupont <carol@example.org> <dan@example.org>\n", out);
    std::fclose(out);
    sh_out("git -C " + quote(copy) + " config mailmap.file " + quote(extra));
    HistoryFacts m = analyze(copy);
    check_against_git(m, git_view(copy));
    bool dan_merged = true;
    for (const auto& c : m.contributors)
      if (c.email == "dan@example.org") dan_merged = false;
    CHECK(dan_merged);
  }
}

TEST_CASE("history_to_json writes the report's facts.history object") {
  Fixture& fx = shared_fixture();
  nlohmann::json j = history_to_json(analyze(fx.repo.dir));
  CHECK(j["last_commit"] == iso8601(kNow - 2 * kDay));
  CHECK(j["first_commit"] == iso8601(kNow - 1100 * kDay));
  CHECK(j["commits_90d"] == 7);
  CHECK(j["commits_365d"] == 20);
  CHECK(j["commits_total"] == 26);
  CHECK(j["contributors_365d"] == 4);
  CHECK(j["contributor_absence_factor"] == 1);
  CHECK(j["bot_commits_365d"] == 4);
  CHECK(j["tags"] == 4);
  CHECK(j["last_tag"] == "v1.2-rc");
  CHECK(j["last_tag_date"] == "2026-06-27T12:00:00Z");
  CHECK(j["shallow"] == false);
  REQUIRE(j["monthly"].size() == 24);
  CHECK(j["monthly"][23] == nlohmann::json{{"month", "2026-06"}, {"commits", 4}});

  HistoryFacts empty;
  nlohmann::json e = history_to_json(empty);
  CHECK(e["last_commit"].is_null());
  CHECK(e["last_tag"].is_null());
  CHECK(e["last_tag_date"].is_null());
  CHECK(e["tags"] == 0);
}

TEST_CASE("analyze_history reports what it cannot read instead of guessing") {
  TempDir tmp;
  RepoBuilder repo(tmp.path + "/r");
  repo.commit(kAlice, 1);
  OpenRepo r(repo.dir);
  std::string error;
  git_oid zero{};
  CHECK_FALSE(analyze_history(r.repo, zero, kNow, &error).has_value());
  CHECK_FALSE(error.empty());
  CHECK_FALSE(analyze_history(nullptr, zero, kNow, &error).has_value());

  // A tree is not a commit.
  error.clear();
  git_oid tree = r.rev("HEAD^{tree}");
  CHECK_FALSE(analyze_history(r.repo, tree, kNow, &error).has_value());
  CHECK(error.find("commit") != std::string::npos);

  // A single commit and no tags.
  auto one = analyze_history(r.repo, r.rev("HEAD"), kNow, &error);
  REQUIRE(one.has_value());
  CHECK(one->commits_total == 1);
  CHECK(one->contributor_absence_factor == 1);
  CHECK(one->tags == 0);
  CHECK(one->last_tag.empty());
  CHECK(one->monthly.size() == 24);
}

TEST_CASE("analyze_history stops at its time limit instead of walking on") {
  TempDir tmp;
  RepoBuilder repo(tmp.path + "/r");
  // 5,000 empty commits in one fast-import stream: more than one 4,096-commit stride.
  std::string stream;
  for (int i = 1; i <= 5000; ++i) {
    stream += "commit refs/heads/main\ncommitter A <a@example.org> " + std::to_string(kNow - 5000 + i) +
              " +0000\ndata 2\nc\n\n";
  }
  std::string file = tmp.path + "/stream";
  {
    FILE* f = std::fopen(file.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fwrite(stream.data(), 1, stream.size(), f);
    std::fclose(f);
  }
  repo.git("fast-import --quiet < " + quote(file));
  OpenRepo r(repo.dir);
  std::string error;
  // No limit: the whole walk.
  auto all = analyze_history(r.repo, r.rev("HEAD"), kNow, &error, Deadline{});
  REQUIRE(all.has_value());
  CHECK(all->commits_total == 5000);
  // A limit already passed: the walk stops with TimeLimitExceeded, it does not return facts.
  Deadline passed(Deadline::Clock::now() - std::chrono::seconds(1), 2.5);
  CHECK_THROWS_AS(analyze_history(r.repo, r.rev("HEAD"), kNow, &error, passed), TimeLimitExceeded);
}

TEST_CASE("analyze_history counts commits dated in the future, like git --since") {
  TempDir tmp;
  RepoBuilder repo(tmp.path + "/r");
  repo.commit(kAlice, 10);
  repo.commit(kBob, -5);  // five days after the audit time
  HistoryFacts f = analyze(repo.dir);
  CHECK(f.commits_90d == as_int(repo.git("rev-list --count --since=@" + std::to_string(kNow - 90 * kDay) + " HEAD")));
  CHECK(f.commits_90d == 2);
  CHECK(f.last_commit == kNow + 5 * kDay);
  int in_series = 0;
  for (const auto& m : f.monthly) in_series += m.commits;
  CHECK(in_series == 1);  // 2026-07-05 is after the last month of the series
}

TEST_CASE("contributor_absence_factor is the CHAOSS definition") {
  CHECK(contributor_absence_factor({}) == 0);
  CHECK(contributor_absence_factor({0, 0}) == 0);
  CHECK(contributor_absence_factor({10}) == 1);
  CHECK(contributor_absence_factor({5, 5}) == 1);     // exactly half is enough
  CHECK(contributor_absence_factor({4, 3, 3}) == 2);  // 4 < 5, 4 + 3 >= 5
  CHECK(contributor_absence_factor({1, 1, 1, 1, 1, 1, 1, 1, 1, 1}) == 5);
  CHECK(contributor_absence_factor({1, 9, 2}) == 1);  // order of the input does not matter
}

TEST_CASE("is_bot recognises automated accounts and not people") {
  CHECK(is_bot("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"));
  CHECK(is_bot("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"));
  CHECK(is_bot("Renovate Bot", "bot@renovateapp.com"));
  CHECK(is_bot("renovate", "renovate@example.org"));
  CHECK(is_bot("GitHub Action", "action@github.com"));
  CHECK(is_bot("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com"));
  CHECK(is_bot("semantic-release-bot", "semantic-release-bot@martynus.net"));
  CHECK(is_bot("Hosted Weblate", "hosted@weblate.org"));
  CHECK(is_bot("Dependabot", "support@dependabot.com"));
  CHECK_FALSE(is_bot("Alice Martin", "alice@example.org"));
  CHECK_FALSE(is_bot("Talbot", "talbot@example.org"));
  CHECK_FALSE(is_bot("Abbot Costello", "abbot@example.org"));
  CHECK_FALSE(is_bot("Robert", "robot@example.org"));
}

TEST_CASE("Mailmap follows git's matching rules") {
  Mailmap mm;
  mm.parse(
      "# comment\n"
      "Proper Name <proper@example.org>\n"  // fixes the name of proper@example.org
      "<new@example.org> <Old@Example.org>\n"  // fixes the email only
      "Both <both@example.org> <b@example.org>\n"
      "Specific <spec@example.org> Some Name <shared@example.org>\n"
      "  Spaces   <sp@example.org>   trailing junk\n");
  auto map = [&](std::string name, std::string email) {
    mm.resolve(name, email);
    return name + " <" + email + ">";
  };
  CHECK(map("proper", "proper@example.org") == "Proper Name <proper@example.org>");
  CHECK(map("Old", "old@EXAMPLE.org") == "Old <new@example.org>");
  CHECK(map("x", "B@example.org") == "Both <both@example.org>");
  CHECK(map("some name", "shared@example.org") == "Specific <spec@example.org>");
  CHECK(map("Other", "shared@example.org") == "Other <shared@example.org>");
  CHECK(map("s", "sp@example.org") == "Spaces <sp@example.org>");
  CHECK(map("Nobody", "nobody@example.org") == "Nobody <nobody@example.org>");

  // The same answers as git check-mailmap.
  TempDir tmp;
  RepoBuilder repo(tmp.path + "/r");
  FILE* f = std::fopen((repo.dir + "/.mailmap").c_str(), "w");
  REQUIRE(f);
  std::fputs(
      "Proper Name <proper@example.org>\n<new@example.org> <Old@Example.org>\n"
      "Specific <spec@example.org> Some Name <shared@example.org>\n",
      f);
  std::fclose(f);
  for (auto [n, e] : std::vector<std::pair<std::string, std::string>>{
           {"proper", "proper@example.org"}, {"Old", "old@EXAMPLE.org"}, {"some name", "shared@example.org"},
           {"Other", "shared@example.org"}}) {
    std::string git = lines(repo.git("check-mailmap " + quote(n + " <" + e + ">"))).at(0);
    CHECK(map(n, e) == git);
  }
}

TEST_CASE("walks that share their commits through a BlobCache find what separate walks find") {
  TempDir tmp;
  RepoBuilder repo(tmp.path + "/r");
  repo.commit(kAlice, 400);
  repo.commit(kBob, 200);
  repo.commit(kCarol, 100);
  repo.commit(kAlice, 30);
  repo.commit(kDan, 2);
  OpenRepo r(repo.dir);
  std::string error;
  BlobCache shared;
  // The newest revision first, as a trend does, then an older one as of its own date.
  auto head_alone = analyze_history(r.repo, r.rev("HEAD"), kNow, &error);
  auto older_alone = analyze_history(r.repo, r.rev("HEAD~2"), kNow - 90 * 86400, &error);
  auto head_shared = analyze_history(r.repo, r.rev("HEAD"), kNow, &error, {}, &shared);
  auto older_shared = analyze_history(r.repo, r.rev("HEAD~2"), kNow - 90 * 86400, &error, {}, &shared);
  REQUIRE(head_alone);
  REQUIRE(older_alone);
  REQUIRE(head_shared);
  REQUIRE(older_shared);
  CHECK(history_to_json(*head_shared) == history_to_json(*head_alone));
  CHECK(history_to_json(*older_shared) == history_to_json(*older_alone));
  CHECK(older_shared->commits_total == 3);
  CHECK(older_shared->contributors_365d == 3);
  // The commits the first walk read are kept, for the walks after it.
  CHECK(shared.object(std::string_view(reinterpret_cast<const char*>(r.rev("HEAD~4").id), GIT_OID_RAWSZ)) != nullptr);
}

TEST_CASE("a walk after one more commit reads only that commit from the repository, the rest from the result cache") {
  TempDir tmp;
  RepoBuilder repo(tmp.path + "/r");
  repo.commit(kAlice, 400);
  repo.commit(kBob, 200);
  repo.commit(kCarol, 100);
  const std::string cache_dir = tmp.path + "/cache";
  std::string error;
  {
    OpenRepo r(repo.dir);
    BlobCache cold;
    REQUIRE(cold.open(cache_dir, "history-test", error));
    REQUIRE(analyze_history(r.repo, r.rev("HEAD"), kNow, &error, {}, &cold));
    REQUIRE(cold.save(error));
  }
  repo.commit(kDan, 2);
  OpenRepo r(repo.dir);
  auto without = analyze_history(r.repo, r.rev("HEAD"), kNow, &error);
  BlobCache warm;
  REQUIRE(warm.open(cache_dir, "history-test", error));
  // The three older commits come from the cache: their records are there before the walk.
  CHECK(warm.object(std::string_view(reinterpret_cast<const char*>(r.rev("HEAD~1").id), GIT_OID_RAWSZ)) != nullptr);
  CHECK(warm.object(std::string_view(reinterpret_cast<const char*>(r.rev("HEAD").id), GIT_OID_RAWSZ)) == nullptr);
  auto with = analyze_history(r.repo, r.rev("HEAD"), kNow, &error, {}, &warm);
  REQUIRE(without);
  REQUIRE(with);
  CHECK(history_to_json(*with) == history_to_json(*without));
  CHECK(with->commits_total == 4);
  CHECK(with->contributors.size() == without->contributors.size());
  for (std::size_t i = 0; i < with->contributors.size() && i < without->contributors.size(); ++i) {
    CHECK(with->contributors[i].name == without->contributors[i].name);
    CHECK(with->contributors[i].email == without->contributors[i].email);
    CHECK(with->contributors[i].commits_total == without->contributors[i].commits_total);
    CHECK(with->contributors[i].last_commit == without->contributors[i].last_commit);
  }
  // The new commit is kept on save, for the next audit.
  REQUIRE(warm.save(error));
  BlobCache next;
  REQUIRE(next.open(cache_dir, "history-test", error));
  CHECK(next.object(std::string_view(reinterpret_cast<const char*>(r.rev("HEAD").id), GIT_OID_RAWSZ)) != nullptr);
}

namespace {

// A fast-import stream of `blocks` blocks, each a side branch of 15 commits and 15 commits on
// main merged together: a history wide enough for several walkers. Authors rotate over
// identities, two of which the mailmap joins, with commits at the same second.
std::string wide_history_stream(int blocks) {
  const char* authors[] = {"Alice Martin <alice@example.org>", "alice <ALICE@example.org>", "Bob <bob@example.org>",
                           "Carol <carol@example.org>", "dependabot[bot] <support@dependabot.com>",
                           "Dan <dan@example.org>"};
  std::string s;
  int mark = 0, main_mark = 0, n = 0;
  auto commit = [&](const std::string& ref, int from, int merge, std::time_t t) {
    const std::string who = authors[n++ % 6];
    s += "commit " + ref + "\nmark :" + std::to_string(++mark) + "\nauthor " + who + " " + std::to_string(t) +
         " +0000\ncommitter " + who + " " + std::to_string(t) + " +0000\ndata 2\nc\n";
    if (from) s += "from :" + std::to_string(from) + "\n";
    if (merge) s += "merge :" + std::to_string(merge) + "\n";
    s += "\n";
    return mark;
  };
  std::time_t t = kNow - 3000 * 86400;
  for (int b = 0; b < blocks; ++b) {
    const std::string side = "refs/heads/side" + std::to_string(b);
    int side_mark = main_mark;
    for (int i = 0; i < 15; ++i) side_mark = commit(side, i == 0 ? main_mark : 0, 0, t += 3600);
    t -= 15 * 3600;  // the main line's commits share their seconds with the side branch's
    for (int i = 0; i < 15; ++i) main_mark = commit("refs/heads/main", i == 0 && main_mark ? main_mark : 0, 0, t += 3600);
    main_mark = commit("refs/heads/main", 0, side_mark, t += 3600);
  }
  return s;
}

}  // namespace

TEST_CASE("a long history read by several threads gives the facts one thread gives") {
  TempDir tmp;
  RepoBuilder repo(tmp.path + "/r");
  std::string file = tmp.path + "/stream";
  {
    std::string stream = wide_history_stream(200);  // 6,200 commits: past the commits read alone
    FILE* f = std::fopen(file.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fwrite(stream.data(), 1, stream.size(), f);
    std::fclose(f);
  }
  repo.git("fast-import --quiet < " + quote(file));
  repo.git("config mailmap.file " + quote(tmp.path + "/mailmap"));
  {
    FILE* f = std::fopen((tmp.path + "/mailmap").c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs("Alice Martin <alice@example.org> <ALICE@example.org>\n", f);
    std::fclose(f);
  }
  OpenRepo r(repo.dir);
  std::string error;
  auto one = analyze_history(r.repo, r.rev("main"), kNow, &error, {}, nullptr, 1);
  REQUIRE(one.has_value());
  CHECK(one->commits_total == 6200);
  CHECK(std::to_string(one->commits_total) == lines(repo.git("rev-list --count main")).at(0));
  for (unsigned jobs : {2u, 4u}) {
    CAPTURE(jobs);
    for (int run = 0; run < 3; ++run) {
      auto many = analyze_history(r.repo, r.rev("main"), kNow, &error, {}, nullptr, jobs);
      REQUIRE(many.has_value());
      CHECK(history_to_json(*many) == history_to_json(*one));
      REQUIRE(many->contributors.size() == one->contributors.size());
      for (std::size_t i = 0; i < one->contributors.size(); ++i) {
        CHECK(many->contributors[i].name == one->contributors[i].name);
        CHECK(many->contributors[i].email == one->contributors[i].email);
        CHECK(many->contributors[i].commits_total == one->contributors[i].commits_total);
        CHECK(many->contributors[i].commits_365d == one->contributors[i].commits_365d);
        CHECK(many->contributors[i].last_commit == one->contributors[i].last_commit);
        CHECK(many->contributors[i].bot == one->contributors[i].bot);
      }
    }
  }
  // Alice's two identities are one contributor, named after her most recent commit.
  int alices = 0;
  for (const auto& c : one->contributors)
    if (ascii_lower(c.email) == "alice@example.org") {
      ++alices;
      CHECK(c.name == "Alice Martin");
      CHECK(c.commits_total == 6200 / 6 * 2 + (6200 % 6 > 1 ? 2 : 6200 % 6));
    }
  CHECK(alices == 1);
  // A limit already passed stops every thread; the walk does not return facts.
  Deadline passed(Deadline::Clock::now() - std::chrono::seconds(1), 2.5);
  CHECK_THROWS_AS(analyze_history(r.repo, r.rev("main"), kNow, &error, passed, nullptr, 4), TimeLimitExceeded);
}
