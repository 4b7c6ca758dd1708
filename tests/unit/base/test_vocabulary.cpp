// The report vocabulary: one word per concept in each language, one severity order, and the
// French way of writing numbers and punctuation.
#include <doctest/doctest.h>

#include <iterator>
#include <string>

#include "checks/base/vocabulary.hpp"

using namespace pacte;

TEST_CASE("verdicts, statuses and severities have one French word each") {
  CHECK(verdict_label("compliant", Lang::fr) == "conforme");
  CHECK(verdict_label("conditional", Lang::fr) == "conforme sous conditions");
  CHECK(verdict_label("non-compliant", Lang::fr) == "non conforme");
  CHECK(status_label("pass", Lang::fr) == "Réussi");
  CHECK(status_label("fail", Lang::fr) == "Échec");
  CHECK(status_label("skip", Lang::fr) == "Sans objet");
  CHECK(status_label("error", Lang::fr) == "Erreur");
  CHECK(status_label("waived", Lang::fr) == "Dérogation");
  CHECK(status_label("undeclared", Lang::fr) == "Non déclarée");
  CHECK(status_label("undeclared", Lang::en) == "Undeclared");
  CHECK(verdict_label("no-charter", Lang::fr) == "sans charte");
  CHECK(verdict_label("no-charter", Lang::en) == "no charter");
  CHECK(basis_word("cross-check", Lang::fr) == "recoupement");
  CHECK(basis_word("evidence", Lang::fr) == "preuves");
  CHECK(basis_label("declaration", Lang::en) == "declaration (the charter alone)");
  CHECK(label(L::skipped, Lang::fr) == "Sans objet");
  CHECK(severity_label("high", Lang::fr) == "Élevée");
  CHECK(severity_word("high", Lang::fr) == "élevée");
  CHECK(severity_word("high", Lang::en) == "high");
  CHECK(principle_label("equal_access", Lang::fr) == "Égalité d'accès");
}

TEST_CASE("one severity order for every command and format") {
  CHECK(severity_rank("critical") == 0);
  CHECK(severity_rank("high") == 1);
  CHECK(severity_rank("medium") == 2);
  CHECK(severity_rank("low") == 3);
  CHECK(severity_rank("unheard-of") == 4);
  for (std::size_t i = 0; i < std::size(kSeverities); ++i) CHECK(severity_rank(kSeverities[i]) == static_cast<int>(i));
}

TEST_CASE("numbers: decimal comma and a non-breaking space before % in French") {
  CHECK(format_number(72.54, 1, Lang::en) == "72.5");
  CHECK(format_number(72.54, 1, Lang::fr) == "72,5");
  CHECK(format_number(-0.04, 1, Lang::fr) == "0,0");
  CHECK(format_number(3, 0, Lang::fr) == "3");
  CHECK(format_percent(72.5, 1, Lang::fr) == "72,5\u00A0%");
  CHECK(format_percent(100, 0, Lang::fr) == "100\u00A0%");
  CHECK(format_percent(100, 0, Lang::en) == "100%");
  CHECK(format_score(72.5, Lang::fr) == "72,5");
  CHECK(format_delta(7.5, Lang::fr) == "+7,5");
}

TEST_CASE("typeset: French punctuation gets its non-breaking space, identifiers do not") {
  CHECK(typeset("Constat : voir « pacte.yml » ; vraiment ? oui ! 100%", Lang::fr) ==
        "Constat\u00A0: voir «\u00A0pacte.yml\u00A0»\u00A0; vraiment\u00A0? oui\u00A0! 100\u00A0%");
  CHECK(typeset("pacte.yml:12:3 https://example.org/?a=1 key: value", Lang::fr) == "pacte.yml:12:3 https://example.org/?a=1 key: value");
  CHECK(typeset("Finding : 100%", Lang::en) == "Finding : 100%");
  CHECK(typeset(typeset("a : b", Lang::fr), Lang::fr) == "a\u00A0: b");  // idempotent
}

TEST_CASE("counted: singular and plural, 0 singular in French") {
  CHECK(counted(1, L::charter_one_error, L::charter_many_errors, Lang::en) == "1 error in the charter");
  CHECK(counted(3, L::charter_one_error, L::charter_many_errors, Lang::en) == "3 errors in the charter");
  CHECK(counted(3, L::charter_one_error, L::charter_many_errors, Lang::fr) == "3 erreurs dans la charte");
  CHECK(counted(0, L::charter_one_error, L::charter_many_errors, Lang::fr) == "0 erreur dans la charte");
}

TEST_CASE("every French label follows French typography") {
  for (std::size_t i = 0; i < static_cast<std::size_t>(L::count_); ++i) {
    std::string fr(label(static_cast<L>(i), Lang::fr));
    CHECK_FALSE(fr.empty());
    CHECK_FALSE(label(static_cast<L>(i), Lang::en).empty());
    for (const char* bad : {" :", " ;", " ?", " !", " %", "« ", " »"}) CHECK_MESSAGE(fr.find(bad) == std::string::npos, fr);
    CHECK_MESSAGE(typeset(fr, Lang::fr) == fr, fr);
  }
}
