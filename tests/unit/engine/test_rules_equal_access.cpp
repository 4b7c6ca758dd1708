// The equal-access rules (rules/equal_access.yml), each on a tree that passes and one that
// fails: the accessibility statement, page templates, languages and access conditions.
#include <doctest/doctest.h>

#include "rule_harness.hpp"

using namespace pacte;
using test::contains;
using test::has_evidence;
using test::line_of;
using test::replaced;
using test::Scenario;

namespace {

// The charter of a free, French and English service with a partially compliant statement.
const std::string kCharter = R"(pacte: 1
service:
  name: Démarches en ligne de la Ville
  repository: https://git.example.org/ville/demarches.git
openness:
  license: MIT
neutrality:
  advertising: false
continuity:
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
    - {name: Ali Benali, email: ali@example.org}
equal_access:
  free_of_charge: true
  languages: [fr, en]
  account_required: true
  login_methods: [email, franceconnect]
  accessibility:
    statement: docs/accessibilite.md
    status: partial
  offline_channel: Accueil de la mairie, du lundi au vendredi, et 3975 par téléphone
)";

// A complete déclaration d'accessibilité on the RGAA model.
const std::string kStatement = R"(# Déclaration d'accessibilité

La Ville s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de
la loi n° 2005-102 du 11 février 2005.

## État de conformité

Démarches en ligne est **partiellement conforme** avec le référentiel général d'amélioration
de l'accessibilité (RGAA), version 4.1.

## Résultats des tests

L'audit de conformité réalisé le 12 janvier 2026 révèle que 78 % des critères sont respectés.

## Contenus non accessibles

- Le plan interactif des mairies annexes n'a pas d'alternative textuelle.

## Retour d'information et contact

Écrivez à accessibilite@ville.example.org.

## Voies de recours

Vous pouvez saisir le Défenseur des droits : https://formulaire.defenseurdesdroits.fr/
)";

// A page that passes every template check.
const std::string kPage = R"(<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Prendre rendez-vous - Démarches en ligne</title>
</head>
<body>
  <header>
    <a href="/"><img src="/logo.svg" alt="Ville - accueil"></a>
    <button type="button" aria-label="Ouvrir le menu"><span class="icon-menu"></span></button>
  </header>
  <main tabindex="-1">
    <h1>Prendre rendez-vous</h1>
    <form action="/rendez-vous" method="post">
      <label for="nom">Nom</label>
      <input id="nom" name="nom" autocomplete="family-name">
      <label for="motif">Motif</label>
      <select id="motif" name="motif"><option>Carte d'identité</option></select>
      <button type="submit">Valider</button>
    </form>
    <iframe src="https://carte.example.org/mairies" title="Plan des mairies annexes"></iframe>
  </main>
</body>
</html>
)";

// Checks that the template rule `id` passes on kPage, fails on `bad` at the line of `needle`
// in src/templates/rendez-vous.html, and does not apply to a repository without web pages.
void check_template_rule(const std::string& id, const std::string& bad, const std::string& needle) {
  Scenario s;
  s.charter(kCharter).file("docs/accessibilite.md", kStatement).file("src/templates/rendez-vous.html", kPage);
  CHECK(s.builtin_rule(id).status == Status::pass);
  s.file("src/templates/rendez-vous.html", bad);
  const RuleResult& fail = s.builtin_rule(id);
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "src/templates/rendez-vous.html", line_of(bad, needle)));
  CHECK(fail.evidence.size() == 1);

  Scenario no_pages;
  no_pages.charter(kCharter).file("src/main.py", "print('bonjour')\n");
  CHECK(no_pages.builtin_rule(id).status == Status::skip);
}

// A scenario with the charter, the statement and `page` at src/templates/rendez-vous.html.
void with_page(Scenario& s, const std::string& page) {
  s.charter(kCharter).file("docs/accessibilite.md", kStatement).file("src/templates/rendez-vous.html", page);
}

}  // namespace


PACTE_RULE_TEST("EQ-A11Y-STATEMENT", "a complete French statement passes; one without recourse, or not found, fails") {
  Scenario s;
  s.charter(kCharter).file("docs/accessibilite.md", kStatement);
  const RuleResult& pass = s.builtin_rule("EQ-A11Y-STATEMENT");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "docs/accessibilite.md", line_of(kStatement, "**partiellement conforme**")));

  s.file("docs/accessibilite.md", kStatement.substr(0, kStatement.find("## Voies de recours")));
  const RuleResult& incomplete = s.builtin_rule("EQ-A11Y-STATEMENT");
  CHECK(incomplete.status == Status::fail);
  CHECK(has_evidence(incomplete, "docs/accessibilite.md", line_of(kStatement, "**partiellement conforme**")));
  CHECK(contains(incomplete.message.en, "Défenseur des droits"));

  // Declared, but the file was moved.
  Scenario moved;
  moved.charter(kCharter).file("docs/a11y/declaration.md", kStatement);
  const RuleResult& gone = moved.builtin_rule("EQ-A11Y-STATEMENT");
  CHECK(gone.status == Status::fail);
  CHECK(has_evidence(gone, "pacte.yml", line_of(kCharter, "statement:")));
  CHECK(contains(gone.message.en, "docs/accessibilite.md"));

  // Not declared: found by its name and content, or not at all.
  const std::string undeclared = replaced(kCharter, "    statement: docs/accessibilite.md\n", "");
  Scenario found;
  found.charter(undeclared).file("public/accessibilite.md", kStatement);
  const RuleResult& by_name = found.builtin_rule("EQ-A11Y-STATEMENT");
  CHECK(by_name.status == Status::pass);
  CHECK(has_evidence(by_name, "public/accessibilite.md"));
  Scenario none;
  none.charter(undeclared).file("README.md", "# Démarches\n");
  CHECK(none.builtin_rule("EQ-A11Y-STATEMENT").status == Status::fail);
}

PACTE_RULE_TEST("EQ-A11Y-STATUS-MATCH", "partial in both passes; the charter claiming full compliance fails") {
  Scenario s;
  s.charter(kCharter).file("docs/accessibilite.md", kStatement);
  CHECK(s.builtin_rule("EQ-A11Y-STATUS-MATCH").status == Status::pass);

  std::string charter = replaced(kCharter, "status: partial", "status: full");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("EQ-A11Y-STATUS-MATCH");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "status: full")));
  CHECK(has_evidence(fail, "docs/accessibilite.md", line_of(kStatement, "**partiellement conforme**")));
  CHECK(contains(fail.message.en, "full"));
  CHECK(contains(fail.message.en, "partial"));
}

PACTE_RULE_TEST("EQ-IMG-ALT", "images with alt pass; the logo without alt fails at its line") {
  std::string bad = replaced(kPage, "<img src=\"/logo.svg\" alt=\"Ville - accueil\">", "<img src=\"/logo.svg\"> Accueil");
  check_template_rule("EQ-IMG-ALT", bad, "<img src=\"/logo.svg\">");
}

PACTE_RULE_TEST("EQ-PAGE-LANG-TITLE", "a page with lang and title passes; a page without lang, or without title, fails") {
  check_template_rule("EQ-PAGE-LANG-TITLE", replaced(kPage, "<html lang=\"fr\">", "<html>"), "<html>");

  Scenario s;
  with_page(s, replaced(kPage, "  <title>Prendre rendez-vous - Démarches en ligne</title>\n", ""));
  const RuleResult& untitled = s.builtin_rule("EQ-PAGE-LANG-TITLE");
  CHECK(untitled.status == Status::fail);
  CHECK(has_evidence(untitled, "src/templates/rendez-vous.html"));
}

PACTE_RULE_TEST("EQ-FORM-LABELS", "labelled fields pass; a field without label fails at its line") {
  std::string bad = replaced(kPage, "<input id=\"nom\" name=\"nom\" autocomplete=\"family-name\">",
                             "<input id=\"nom\" name=\"nom\" autocomplete=\"family-name\">\n      <input name=\"telephone\" placeholder=\"Téléphone\">");
  check_template_rule("EQ-FORM-LABELS", bad, "name=\"telephone\"");
}

PACTE_RULE_TEST("EQ-LINK-BUTTON-NAMES", "named links and buttons pass; an icon button or an image link without a name fails") {
  check_template_rule("EQ-LINK-BUTTON-NAMES", replaced(kPage, "<button type=\"button\" aria-label=\"Ouvrir le menu\">", "<button type=\"button\">"),
                      "<button type=\"button\">");

  const std::string empty_link = replaced(kPage, "<img src=\"/logo.svg\" alt=\"Ville - accueil\">", "<img src=\"/logo.svg\" alt=\"\">");
  Scenario s;
  with_page(s, empty_link);
  const RuleResult& fail = s.builtin_rule("EQ-LINK-BUTTON-NAMES");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "src/templates/rendez-vous.html", line_of(empty_link, "<a href=\"/\">")));
}

PACTE_RULE_TEST("EQ-FRAME-TITLE", "a titled iframe passes; the map iframe without title fails at its line") {
  check_template_rule("EQ-FRAME-TITLE", replaced(kPage, " title=\"Plan des mairies annexes\"", ""), "<iframe");
}

PACTE_RULE_TEST("EQ-ZOOM", "a zoomable viewport passes; user-scalable=no fails at the meta tag") {
  check_template_rule("EQ-ZOOM", replaced(kPage, "initial-scale=1\"", "initial-scale=1, maximum-scale=1, user-scalable=no\""), "name=\"viewport\"");
}

PACTE_RULE_TEST("EQ-KEYBOARD-MOTION", "tabindex -1 passes; a positive tabindex or a timed refresh fails at its line") {
  check_template_rule("EQ-KEYBOARD-MOTION", replaced(kPage, "<button type=\"submit\">", "<button type=\"submit\" tabindex=\"1\">"), "tabindex=\"1\"");

  const std::string refresh = replaced(kPage, "<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">\n  <meta http-equiv=\"refresh\" content=\"300\">");
  Scenario s;
  with_page(s, refresh);
  const RuleResult& fail = s.builtin_rule("EQ-KEYBOARD-MOTION");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "src/templates/rendez-vous.html", line_of(refresh, "http-equiv")));
}

PACTE_RULE_TEST("EQ-LANGUAGES-EVIDENCE", "catalogs for fr and en pass; Arabic declared without a catalog fails at the charter") {
  Scenario s;
  s.charter(kCharter)
      .file("src/locales/fr.json", "{\"rendez_vous\": \"Prendre rendez-vous\"}\n")
      .file("src/locales/en.json", "{\"rendez_vous\": \"Book an appointment\"}\n");
  const RuleResult& pass = s.builtin_rule("EQ-LANGUAGES-EVIDENCE");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "src/locales/fr.json"));
  CHECK(has_evidence(pass, "src/locales/en.json"));

  std::string charter = replaced(kCharter, "languages: [fr, en]", "languages: [fr, en, ar]");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("EQ-LANGUAGES-EVIDENCE");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "languages:")));

  // The Arabic catalog is what was missing.
  s.file("src/locales/ar.json", "{\"rendez_vous\": \"حجز موعد\"}\n");
  CHECK(s.builtin_rule("EQ-LANGUAGES-EVIDENCE").status == Status::pass);
}

PACTE_RULE_TEST("EQ-FRENCH", "fr among the languages passes; an English-only service fails at the charter") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("EQ-FRENCH").status == Status::pass);
  s.charter(replaced(kCharter, "languages: [fr, en]", "languages: [fr-FR]"));
  CHECK(s.builtin_rule("EQ-FRENCH").status == Status::pass);

  std::string charter = replaced(kCharter, "languages: [fr, en]", "languages: [en]");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("EQ-FRENCH");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "languages:")));
}

PACTE_RULE_TEST("EQ-PRICING", "free, or paying with a price, passes; paying without a price fails at free_of_charge") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("EQ-PRICING").status == Status::pass);
  s.charter(replaced(kCharter, "free_of_charge: true", "free_of_charge: false\n  pricing: 5 € par dossier, gratuit pour les bénéficiaires du RSA"));
  CHECK(s.builtin_rule("EQ-PRICING").status == Status::pass);

  std::string charter = replaced(kCharter, "free_of_charge: true", "free_of_charge: false");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("EQ-PRICING");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "free_of_charge: false")));
}

PACTE_RULE_TEST("EQ-OPEN-LOGIN", "e-mail and FranceConnect pass; Google and Facebook accounts only fail at login_methods") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("EQ-OPEN-LOGIN").status == Status::pass);

  std::string charter = replaced(kCharter, "login_methods: [email, franceconnect]", "login_methods: [google, facebook]");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("EQ-OPEN-LOGIN");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "login_methods:")));
  CHECK(contains(fail.message.en, "google"));
}

PACTE_RULE_TEST("EQ-SOCIAL-LOGIN-DECLARED", "a declared Google Sign-In passes; an undeclared one fails at the dependency") {
  const std::string package_json = R"({
  "name": "demarches",
  "dependencies": {
    "@react-oauth/google": "^0.12.1",
    "react": "^18.3.1"
  }
}
)";
  Scenario s;
  s.charter(replaced(kCharter, "login_methods: [email, franceconnect]", "login_methods: [email, franceconnect, google]")).file("package.json", package_json);
  CHECK(s.builtin_rule("EQ-SOCIAL-LOGIN-DECLARED").status == Status::pass);

  s.charter(kCharter);
  const RuleResult& fail = s.builtin_rule("EQ-SOCIAL-LOGIN-DECLARED");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "package.json", line_of(package_json, "@react-oauth/google")));
  CHECK(contains(fail.message.en, "Google Sign-In"));
}

PACTE_RULE_TEST("EQ-OFFLINE-CHANNEL", "a reception desk and phone line pass; no offline channel fails") {
  Scenario s;
  s.charter(kCharter);
  const RuleResult& pass = s.builtin_rule("EQ-OFFLINE-CHANNEL");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "offline_channel:")));

  s.charter(replaced(kCharter, "  offline_channel: Accueil de la mairie, du lundi au vendredi, et 3975 par téléphone\n", ""));
  const RuleResult& fail = s.builtin_rule("EQ-OFFLINE-CHANNEL");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml"));
  CHECK(contains(fail.message.en, "equal_access.offline_channel"));
}

// Fixed bug: login_methods_open (checks/engine/primitives/equal_access.cpp) fails a service that
// requires no account but offers a social login as an option: when account_required is false
// it only passes if login_methods is empty, although its own description says it judges the
// login methods "when an account is required". Nobody needs a Google account to use it.
PACTE_RULE_TEST("EQ-OPEN-LOGIN", "a social login offered as an option, with no account required, passes") {
  Scenario s;
  s.charter(replaced(replaced(kCharter, "account_required: true", "account_required: false"), "login_methods: [email, franceconnect]",
                     "login_methods: [google]"));
  CHECK(s.builtin_rule("EQ-OPEN-LOGIN").status == Status::pass);
}

PACTE_RULE_TEST("EQ-A11Y-STATEMENT", "a statement with no status of its own takes the status the DSFR footer shows, with the footer's line as evidence") {
  // The statement's status paragraph lives in a CMS; the footer template still shows it.
  const std::string statement = replaced(kStatement, "Démarches en ligne est **partiellement conforme** avec le référentiel général d'amélioration\n"
                                                     "de l'accessibilité (RGAA), version 4.1.",
                                         "Le service suit le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.");
  const std::string footer = "<footer class=\"fr-footer\" role=\"contentinfo\">\n  <ul class=\"fr-footer__bottom-list\">\n"
                             "    <li><a class=\"fr-footer__bottom-link\" href=\"{{ path('accessibilite') }}\">Accessibilité : partiellement conforme</a></li>\n"
                             "  </ul>\n</footer>\n";
  Scenario s;
  s.charter(kCharter).file("docs/accessibilite.md", statement);
  const RuleResult& without = s.builtin_rule("EQ-A11Y-STATEMENT");
  CHECK(without.status == Status::fail);
  CHECK(contains(without.message.en, "conformance status"));

  s.file("templates/_footer.html.twig", footer);
  const RuleResult& with = s.builtin_rule("EQ-A11Y-STATEMENT");
  CHECK(with.status == Status::pass);
  CHECK(has_evidence(with, "templates/_footer.html.twig", 3));
  CHECK(contains(with.message.en, "status from the footer templates/_footer.html.twig:3"));
  CHECK(contains(with.message.fr, "pied de page templates/_footer.html.twig:3"));

  const RuleResult& match = s.builtin_rule("EQ-A11Y-STATUS-MATCH");
  CHECK(match.status == Status::pass);
  CHECK(has_evidence(match, "templates/_footer.html.twig", 3));
  s.charter(replaced(kCharter, "status: partial", "status: full"));
  const RuleResult& differs = s.builtin_rule("EQ-A11Y-STATUS-MATCH");
  CHECK(differs.status == Status::fail);
  CHECK(has_evidence(differs, "templates/_footer.html.twig", 3));
}
