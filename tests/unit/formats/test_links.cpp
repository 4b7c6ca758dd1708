// Links to the evidence: with the forge known, every evidence path in the HTML and Markdown
// reports opens the file at the audited line and commit, and SARIF names the repository; with
// no forge or no commit (a worktree audit) there is no link, never a guessed one.
#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_report;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kCommit = "3f2a9c0d1e4b5a6978877665544332211ffeeddc";

json report_on_gitlab() {
  json report = sample_report();
  report["repository"]["forge"] = {{"kind", "gitlab"}, {"url", "https://gitlab.example.gouv.fr/dnum/service"}, {"from", "remote"}};
  return report;
}

}  // namespace

TEST_CASE("evidence paths link to the file and line at the audited commit on the forge") {
  json report = report_on_gitlab();
  const std::string url = "https://gitlab.example.gouv.fr/dnum/service/-/blob/" + kCommit + "/app/build.gradle#L42";
  CHECK(has(render_html(report, Lang::en), "<a class=\"loc\" href=\"" + url + "\""));
  CHECK(has(render_markdown(report, Lang::fr), "[`app/build.gradle:42`](" + url + ")"));
  json sarif = json::parse(render_sarif(report, Lang::en));
  CHECK(sarif["runs"][0]["versionControlProvenance"][0]["repositoryUri"] == "https://gitlab.example.gouv.fr/dnum/service");
  CHECK(sarif["runs"][0]["versionControlProvenance"][0]["revisionId"] == kCommit);
}

TEST_CASE("no link without a forge or without a commit") {
  json plain = sample_report();
  CHECK_FALSE(has(render_html(plain, Lang::en), "<a class=\"loc\""));
  CHECK_FALSE(has(render_markdown(plain, Lang::en), "]("));

  json worktree = report_on_gitlab();
  worktree["repository"]["commit"] = nullptr;
  worktree["repository"]["worktree"] = true;
  CHECK_FALSE(has(render_html(worktree, Lang::en), "<a class=\"loc\""));

  json bad = report_on_gitlab();
  bad["repository"]["forge"]["url"] = "javascript:alert(1)";
  CHECK_FALSE(has(render_html(bad, Lang::en), "href=\"javascript:"));
}
