// The default text report: the catalogue's words, and French numbers and punctuation in French.
#include <doctest/doctest.h>

#include "cli/formats/formats.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_report;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("text report in French: decimal comma, non-breaking space before the colon, severities as words") {
  json report = sample_report();
  report["results"][0]["new"] = true;
  std::string fr = render_text(report, Lang::fr, false);
  CHECK(has(fr, "audit de /home/ci/trouve ton emploi (3f2a9c0d1e4b)"));
  CHECK(has(fr, "Charte\u00A0: pacte.yml (pacte)"));
  CHECK(has(fr, "Score 62,5/100  non conforme"));
  CHECK(has(fr, "  Ouverture         90,0   réussies  9  en échec  1"));
  CHECK(has(fr, "[Critique] NEUT-AD-SDK"));
  CHECK(has(fr, "NOUVEAU depuis la référence"));
  CHECK(has(fr, "Non évaluées (hors score) (1)"));
  CHECK(has(fr, "Second maintainer joins in January (jusqu'au 2027-02-01)"));
  CHECK_FALSE(has(fr, "62.5"));
  CHECK_FALSE(has(fr, "[critical]"));
  CHECK_FALSE(has(fr, " :"));
}

TEST_CASE("text report in English: the same report with English words and a decimal point") {
  json report = sample_report();
  report["score"] = nullptr;
  std::string en = render_text(report, Lang::en, false);
  CHECK(has(en, "Charter: pacte.yml (pacte)"));
  CHECK(has(en, "Score n/a  non-compliant"));
  CHECK(has(en, "  Openness          90.0   passed  9  failed  1"));
  CHECK(has(en, "[Critical] NEUT-AD-SDK"));
  CHECK(has(en, "Could not be evaluated (not counted in the score) (1)"));
  std::string fr = render_text(report, Lang::fr, false);
  CHECK(has(fr, "Score n.\u00A0d."));
}
