#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"
#include "tests/unit/formats/xml_check.hpp"

using namespace pacte;
using pacte::test::sample_report;
using pacte::test::xml_problem;

TEST_CASE("Badge: a valid SVG with a title, the score and the verdict colour") {
  json report = sample_report();
  struct Case {
    const char* verdict;
    double score;
    const char* colour;
    const char* text;
  };
  for (Case c : {Case{"compliant", 91.0, "#2e7d32", "91.0 compliant"}, Case{"conditional", 72.5, "#b45309", "72.5 conditional"},
                 Case{"non-compliant", 12.0, "#c62828", "12.0 non-compliant"}}) {
    report["verdict"] = c.verdict;
    report["score"] = c.score;
    std::string svg = render_badge_svg(report, Lang::en);
    CHECK(xml_problem(svg) == "");
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("<title>pacte: Score ") != std::string::npos);
    CHECK(svg.find(c.colour) != std::string::npos);
    CHECK(svg.find(std::string(">") + c.text + "</text>") != std::string::npos);
    if (std::string(c.verdict) == "conditional") pacte::test::save_sample("badge.svg", svg);
  }
  std::string fr = render_badge_svg(report, Lang::fr);
  CHECK(fr.find(">12,0 non conforme</text>") != std::string::npos);
  CHECK(xml_problem(render_badge_svg(json(), Lang::en)) == "");
  report["verdict"] = "<&\"'>";
  CHECK(xml_problem(render_badge_svg(report, Lang::en)) == "");
}

TEST_CASE("Badge: wider text makes a wider badge") {
  json report = sample_report();
  report["verdict"] = "compliant";
  std::string a = render_badge_svg(report, Lang::en);
  report["verdict"] = "non-compliant";
  std::string b = render_badge_svg(report, Lang::en);
  auto width = [](const std::string& svg) { return std::stoi(svg.substr(svg.find("width=\"") + 7)); };
  CHECK(width(b) > width(a));
}
