// pacte audit --trend, in-process: the report with its trend validates against the schema, the
// points are the revisions asked for, and the --trend values are read strictly.
#include <doctest/doctest.h>

#include "checks/base/schema.hpp"
#include "checks/engine/trend.hpp"
#include "fixture.hpp"

using namespace pacte;
using test::TempDir;

namespace {

struct Env {
  Env() { setenv("SOURCE_DATE_EPOCH", "1776643200", 1); }  // 2026-04-20
  ~Env() { unsetenv("SOURCE_DATE_EPOCH"); }
};

}  // namespace

TEST_CASE("a trend report validates against report.schema.json, one point per tag then the audited revision") {
  Env env;
  TempDir dir;
  test::git_init(dir);
  dir.write("pacte.yml", test::good_charter());
  dir.write("LICENSE", test::mit_text());
  dir.write("src/index.html", "<!DOCTYPE html><html lang=\"fr\"><head><title>S</title></head><body><img src=a.png></body></html>\n");
  test::commit_all(dir, "January", 1767571200);
  test::sh("git -C '" + dir.str() + "' tag v1.0");
  dir.write("src/index.html", "<!DOCTYPE html><html lang=\"fr\"><head><title>S</title></head><body><img src=a.png alt=Logo></body></html>\n");
  test::commit_all(dir, "February", 1770681600);
  test::sh("git -C '" + dir.str() + "' tag v1.1");
  dir.write("CHANGELOG.md", "- March\n");
  test::commit_all(dir, "March", 1773100800);
  auto run = test::pacte({"audit", dir.str(), "--trend", "tags", "--format", "json"});
  REQUIRE(run.out.size() > 0);
  auto report = run.json();
  for (const auto& e : builtin_schema("report.schema.json").validate(report)) FAIL_CHECK(e.pointer << ": " << e.message);
  REQUIRE(report["trend"].size() == 3);
  CHECK(report["trend"][0]["tag"] == "v1.0");
  CHECK(report["trend"][1]["tag"] == "v1.1");
  CHECK(report["trend"][2]["tag"].is_null());
  CHECK(report["trend"][2]["commit"] == report["repository"]["commit"]);
  CHECK(report["trend"][1]["fixed"] == nlohmann::json::array({"EQ-IMG-ALT"}));
  // LICENSE and pacte.yml never changed: their evidence came from the cache.
  CHECK(report["stats"]["trend_cache"]["hits"].get<int>() > 0);
  // The same report without --trend has no trend and still validates.
  auto plain = test::pacte({"audit", dir.str(), "--format", "json"}).json();
  CHECK_FALSE(plain.contains("trend"));
  CHECK(plain["score"] == report["score"]);
}

TEST_CASE("--trend takes tags, monthly or a number of points, nothing else") {
  std::string why;
  CHECK(parse_trend_spec("tags", why)->mode == TrendMode::tags);
  CHECK(parse_trend_spec("monthly", why)->mode == TrendMode::monthly);
  auto n = parse_trend_spec("12", why);
  REQUIRE(n);
  CHECK(n->mode == TrendMode::count);
  CHECK(n->points == 12);
  for (const char* bad : {"", "1", "0", "-3", "61", "12x", "weekly", "Tags"}) {
    CAPTURE(bad);
    why.clear();
    CHECK_FALSE(parse_trend_spec(bad, why));
    CHECK_FALSE(why.empty());
  }
}
