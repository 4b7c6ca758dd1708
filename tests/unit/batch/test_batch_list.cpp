// What a batch audits: LIST syntax, folder discovery, report names and shards.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "checks/batch/batch_list.hpp"
#include "checks/base/yaml_json.hpp"
#include "tests/unit/engine/fixture.hpp"

using namespace pacte;
using namespace pacte::batch;
using test::TempDir;

TEST_CASE("a LIST line is a location with optional charter= and rev=, '#' starts a comment") {
  auto entries = parse_list(
      "# organisation repositories\n"
      "\n"
      "services/emploi   rev=v2.0   # the release\n"
      "/srv/mirrors/aides.git charter=charters/aides.yml\n"
      "https://Git.Example.ORG/team/app.git/ rev=main\r\n"
      "\"my repos/with blank\"\n"
      "file:///tmp/remote.git\n"
      "git@example.org:team/app2.git\n",
      "repos.txt", "/lists");
  REQUIRE(entries.size() == 6);
  CHECK(entries[0].location == "services/emploi");
  CHECK(entries[0].target == "/lists/services/emploi");
  CHECK(entries[0].rev == "v2.0");
  CHECK(entries[0].line == 3);
  CHECK_FALSE(entries[0].remote);
  CHECK(entries[1].location == "/srv/mirrors/aides.git");
  CHECK(entries[1].charter == "/lists/charters/aides.yml");
  CHECK(entries[2].remote);
  CHECK(entries[2].location == "https://git.example.org/team/app.git");
  CHECK(entries[2].rev == "main");
  CHECK(entries[3].location == "my repos/with blank");
  CHECK(entries[4].remote);
  CHECK(entries[4].location == "file:///tmp/remote.git");
  CHECK(entries[5].remote);
}

TEST_CASE("LIST errors name the file, line and column and say what to write") {
  auto message = [](const std::string& text) {
    try {
      parse_list(text, "repos.txt", "/");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("a\nb branch=x\n") == "repos.txt:2:3: unknown option 'branch'; a line is LOCATION [charter=PATH] [rev=REV]");
  CHECK(message("a b\n").find("repos.txt:1:3: a second location 'b'") == 0);
  CHECK(message("a rev=\n").find("repos.txt:1:3: 'rev=' needs a value") == 0);
  CHECK(message("\"a b\n").find("repos.txt:1:1: unterminated double quote") == 0);
}

TEST_CASE("locations are normalised so equivalent spellings are one repository") {
  CHECK(normalise_location("./a/b/") == "a/b");
  CHECK(normalise_location("a//b/../c") == "a/c");
  CHECK(normalise_location("HTTPS://Example.org/Team/App") == "https://example.org/Team/App");
  CHECK(normalise_location("https://user@Example.org/x/") == "https://user@example.org/x");
  CHECK(is_remote("file:///srv/x.git"));
  CHECK(is_remote("git@github.com:org/x.git"));
  CHECK_FALSE(is_remote("/srv/x.git"));
  CHECK_FALSE(is_remote("dir:with/colon"));
}

TEST_CASE("report names are readable, stable and distinct for repositories with the same name") {
  auto a = report_stem("https://github.com/etalab/service.git", "https://github.com/etalab/service.git");
  CHECK(a.rfind("etalab-service-", 0) == 0);
  CHECK(a.size() == std::string("etalab-service-").size() + 8);
  CHECK(a == report_stem("https://github.com/etalab/service.git", "https://github.com/etalab/service.git"));
  CHECK(report_stem("/srv/a/service", "/srv/a/service").rfind("service-", 0) == 0);
  CHECK(report_stem("/srv/a/service", "/srv/a/service") != report_stem("/srv/b/service", "/srv/b/service"));
  CHECK(report_stem("/srv/mirrors/Mon Service.git", "k").rfind("mon-service-", 0) == 0);
  CHECK(report_stem("/", "/").rfind("repository-", 0) == 0);
  // A line with a rev is another row, with another file.
  BatchEntry plain{"x", "/x", "", "", false, 1};
  BatchEntry tagged{"x", "/x", "", "v1", false, 2};
  CHECK(plain.stem() != tagged.stem());
}

TEST_CASE("shards partition the list, whatever its order") {
  std::vector<BatchEntry> entries;
  for (int i = 0; i < 200; ++i) entries.push_back({"https://example.org/org/repo" + std::to_string(i), "", "", "", true, i + 1});
  for (std::uint32_t n : {1u, 2u, 3u, 8u}) {
    std::map<std::string, int> owners;
    std::vector<int> sizes(n, 0);
    for (std::uint32_t i = 1; i <= n; ++i)
      for (const auto& e : entries)
        if (Shard{i, n}.contains(e)) {
          ++owners[e.location];
          ++sizes[i - 1];
        }
    CHECK(owners.size() == entries.size());
    CHECK(std::all_of(owners.begin(), owners.end(), [](const auto& kv) { return kv.second == 1; }));
    for (int s : sizes) CHECK(s > 0);
  }
  // The share depends on the location only: reversing the list changes nothing.
  std::set<std::string> forward, backward;
  for (const auto& e : entries)
    if (Shard{2, 3}.contains(e)) forward.insert(e.location);
  std::reverse(entries.begin(), entries.end());
  for (const auto& e : entries)
    if (Shard{2, 3}.contains(e)) backward.insert(e.location);
  CHECK(forward == backward);
}

TEST_CASE("--shard is I/N counted from 1") {
  Shard s;
  std::string why;
  CHECK(parse_shard("3/8", s, why));
  CHECK(s.index == 3);
  CHECK(s.count == 8);
  CHECK_FALSE(parse_shard("0/8", s, why));
  CHECK(why.find("between 1 and N") != std::string::npos);
  CHECK_FALSE(parse_shard("9/8", s, why));
  CHECK_FALSE(parse_shard("3", s, why));
  CHECK_FALSE(parse_shard("a/b", s, why));
  CHECK_FALSE(parse_shard("1/0", s, why));
}

TEST_CASE("a folder yields its working copies and bare repositories, without descending into them") {
  TempDir dir;
  test::sh("git init -q '" + dir.str() + "/one'");
  test::sh("git init -q '" + dir.str() + "/one/vendor/inner'");  // inside a repository: not listed
  test::sh("git init -q --bare '" + dir.str() + "/mirrors/two.git'");
  test::sh("git init -q '" + dir.str() + "/.hidden'");
  dir.write("plain/README.md", "not a repository\n");
  auto entries = discover_repositories(dir.str());
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].location == dir.str() + "/mirrors/two.git");
  CHECK(entries[1].location == dir.str() + "/one");
  CHECK(entries[1].target == dir.str() + "/one");
  CHECK_THROWS_AS(discover_repositories(dir.str() + "/missing"), InputError);
}

TEST_CASE("a URL's credentials are used to fetch and never shown") {
  auto entries = parse_list("https://oauth2:glpat-SECRET@gitlab.example.org/team/service.git\n", "repos.txt", "/tmp");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].location == "https://***@gitlab.example.org/team/service.git");
  CHECK(entries[0].target == "https://oauth2:glpat-SECRET@gitlab.example.org/team/service.git");
  CHECK(entries[0].stem().find("SECRET") == std::string::npos);
  CHECK(entries[0].key().find("SECRET") == std::string::npos);
}
