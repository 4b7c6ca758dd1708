// The rule catalogue and both languages in the JSON report, and pacte render, which writes a
// report again in any format and either language; in-process, over a repository built with git.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>

#include "checks/base/schema.hpp"
#include "tests/unit/engine/fixture.hpp"

using namespace pacte;
using test::TempDir;

namespace {

struct FixedClock {
  FixedClock() { setenv("SOURCE_DATE_EPOCH", "1780200000", 1); }
  ~FixedClock() { unsetenv("SOURCE_DATE_EPOCH"); }
};

// A service with failures (an ad SDK, an image without alt text) so that messages show.
void make_service(const TempDir& dir) {
  test::git_init(dir);
  dir.write("pacte.yml", test::good_charter());
  dir.write("LICENSE", test::mit_text());
  dir.write("README.md", "# Service\n\nA public service.\n");
  dir.write("src/index.html", "<!DOCTYPE html><html lang=\"fr\"><head><title>S</title></head><body><img src=a.png>"
                              "<script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js\"></script>"
                              "</body></html>\n");
  test::commit_all(dir, "first", 1780000000);
}

// The text report's last line says how long the audit took: the one thing two runs differ in.
// The duration differs between runs ("40 ms", in French with a non-breaking space).
std::string without_duration(const std::string& text) {
  return std::regex_replace(text, std::regex("[0-9]+(\xC2\xA0| )ms\n"), "N ms\n");
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("the report carries the rule catalogue, both languages of every message, and its language") {
  FixedClock clock;
  TempDir dir;
  make_service(dir);
  auto run = test::pacte({"audit", dir.str(), "--format", "json", "--lang", "fr"});
  REQUIRE(run.code <= 1);
  auto report = run.json();
  for (const auto& e : builtin_schema("report.schema.json").validate(report)) FAIL_CHECK(e.pointer << ": " << e.message);
  CHECK(report["lang"] == "fr");

  // One catalogue entry per rule in force, the same objects `pacte rules --format json` prints.
  auto rules = test::pacte({"rules", "--format", "json"}).json()["rules"];
  REQUIRE(report["rules"].size() == rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& entry = report["rules"][i];
    // Not a structured binding: doctest's macros capture it in a lambda, which clang 14 refuses.
    for (const auto& item : entry.items()) CHECK_MESSAGE(rules[i][item.key()] == item.value(), entry["id"] << "." << item.key());
    for (const char* key : {"id", "principle", "severity", "title", "rationale", "remediation", "references"})
      CHECK(entry.contains(key));
    CHECK(entry["title"]["en"].is_string());
    CHECK(entry["title"]["fr"].is_string());
  }

  // Each result: its message in the report's language, and both in `messages`.
  bool some_differ = false;
  for (const auto& r : report["results"]) {
    REQUIRE(r["messages"].is_object());
    CHECK(r["message"] == r["messages"]["fr"]);
    some_differ = some_differ || r["messages"]["en"] != r["messages"]["fr"];
  }
  CHECK(some_differ);
}

TEST_CASE("pacte render: a French JSON report gives the English text pacte audit --lang en prints") {
  FixedClock clock;
  TempDir dir;
  make_service(dir);
  std::string json_fr = dir.str() + "/rapport.json";
  auto audit_fr = test::pacte({"audit", dir.str(), "--format", "json", "--lang", "fr", "--output", json_fr});
  REQUIRE(audit_fr.code <= 1);
  auto audit_en = test::pacte({"audit", dir.str(), "--lang", "en"});
  REQUIRE(audit_en.out.find("Failures") != std::string::npos);

  auto rendered = test::pacte({"render", json_fr, "--lang", "en"});
  INFO(rendered.err);
  CHECK(rendered.code == 0);
  CHECK(without_duration(rendered.out) == without_duration(audit_en.out));

  // Without --lang: the report's own language.
  auto french = test::pacte({"render", json_fr});
  CHECK(french.out.find("Échecs") != std::string::npos);
  CHECK(without_duration(french.out) == without_duration(test::pacte({"audit", dir.str(), "--lang", "fr"}).out));

  // SARIF and the JSON report itself, rendered again in English, are what the English audit writes.
  CHECK(test::pacte({"render", json_fr, "--lang", "en", "--format", "sarif"}).out ==
        test::pacte({"audit", dir.str(), "--lang", "en", "--format", "sarif"}).out);
  auto json_en = test::pacte({"render", json_fr, "--lang", "en", "--format", "json"}).json();
  auto audit_json_en = test::pacte({"audit", dir.str(), "--lang", "en", "--format", "json"}).json();
  json_en["stats"].erase("duration_ms");
  audit_json_en["stats"].erase("duration_ms");
  CHECK(json_en == audit_json_en);

  // --output writes the file.
  std::string html = dir.str() + "/report.html";
  CHECK(test::pacte({"render", json_fr, "--format", "html", "--lang", "en", "--output", html}).code == 0);
  CHECK(slurp(html).find("<html lang=\"en\"") != std::string::npos);
}

TEST_CASE("pacte render: a file that is not a pacte JSON report is exit 2, naming the file") {
  TempDir dir;
  dir.write("broken.json", "{\"results\": [");
  dir.write("summary.json", "{\"pacte_batch\": 1, \"rows\": []}");
  for (const char* name : {"broken.json", "summary.json", "absent.json"}) {
    std::string path = dir.str() + "/" + name;
    auto run = test::pacte({"render", path});
    CHECK_MESSAGE(run.code == 2, name);
    CHECK_MESSAGE(run.err.find(path) != std::string::npos, run.err);
    CHECK(run.out.empty());
  }
}

TEST_CASE("--format rejects an unknown name and lists the known ones") {
  TempDir dir;
  dir.write("r.json", "{}");
  for (const auto& args : {std::vector<std::string>{"audit", dir.str(), "--format", "pdf"},
                           std::vector<std::string>{"render", dir.str() + "/r.json", "--format", "pdf"}}) {
    auto run = test::pacte(args);
    CHECK(run.code == 2);
    for (const char* name : {"text", "json", "sarif", "junit", "markdown", "html"})
      CHECK_MESSAGE(run.err.find(name) != std::string::npos, run.err);
  }
  auto merge = test::pacte({"merge", dir.str() + "/r.json", "--format", "sarif"});
  CHECK(merge.code == 2);
  for (const char* name : {"json", "csv", "html"}) CHECK_MESSAGE(merge.err.find(name) != std::string::npos, merge.err);
}
