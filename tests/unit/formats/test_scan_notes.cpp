// What the audit could not read and what the tracker search left out: every format says it,
// in the report's language, so that a "no tracker" over files never searched cannot pass
// unnoticed.
#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_report;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

json report_with_gaps() {
  json report = sample_report();
  report["stats"]["files_unreadable"] = 2;
  report["stats"]["unreadable"] = json::array({{{"path", "web/a.html"}, {"reason", "permission denied"}},
                                               {{"path", "web/b.html"}, {"reason", "too large"}}});
  report["stats"]["files_skipped_vendored"] = 14;
  report["facts"]["scan"] = {{"files_skipped_vendored", 14}, {"skipped_examples", json::array({"dist/", "vendor/"})}};
  return report;
}

}  // namespace

TEST_CASE("every format names the files left out of the tracker search and the files not read") {
  json report = report_with_gaps();
  const std::string en_left = "Left out of the tracker search: 14 vendored, generated, minified or lock files (dist/, vendor/)";
  const std::string fr_left =
      "Écartés de la recherche de traceurs\u00A0: 14 fichiers tiers embarqués, générés, minifiés ou de verrouillage (dist/, vendor/)";

  CHECK(has(render_text(report, Lang::en, false), en_left));
  CHECK(has(render_text(report, Lang::en, false), "Files not read: 2"));
  CHECK(has(render_text(report, Lang::fr, false), fr_left));
  CHECK(has(render_text(report, Lang::fr, false), "Fichiers non lus\u00A0: 2"));

  CHECK(has(render_html(report, Lang::en), en_left));
  CHECK(has(render_html(report, Lang::en), "2 files could not be read"));
  CHECK(has(render_html(report, Lang::fr), "pas pu être lus"));

  CHECK(has(render_markdown(report, Lang::en), "14 vendored, generated, minified or lock files"));
  CHECK(has(render_markdown(report, Lang::fr), "2 fichiers n'ont pas pu être lus"));

  json sarif = json::parse(render_sarif(report, Lang::en));
  std::string notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"].dump();
  CHECK(has(notes, "14 vendored, generated, minified or lock files"));
  CHECK(has(notes, "2 files could not be read"));

  std::string junit = render_junit(report, Lang::en);
  CHECK(has(junit, "<property name=\"files_left_out\" value=\"Left out of the tracker search: 14 vendored"));
  CHECK(has(junit, "<property name=\"files_not_read\" value=\"2 files could not be read\"/>"));
}

TEST_CASE("a report that read every file and left none out carries no such note") {
  json report = sample_report();
  report["stats"]["files_unreadable"] = 0;
  report["stats"]["files_skipped_vendored"] = 0;
  for (const std::string& out : {render_text(report, Lang::en, false), render_html(report, Lang::en), render_markdown(report, Lang::en),
                                 render_sarif(report, Lang::en), render_junit(report, Lang::en)}) {
    CHECK_FALSE(has(out, "Left out of the tracker search"));
    CHECK_FALSE(has(out, "could not be read"));
  }
}
