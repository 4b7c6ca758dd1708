// The equal-access primitives (accessibility statement and templates, languages, price,
// accounts), each judged directly on a scenario.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace pacte;
using pacte::test::Scenario;

namespace {

bool says(const RuleResult& r, const std::string& words) { return r.message.en.find(words) != std::string::npos; }

// A complete French accessibility statement: status, standard, audit date, contact, recourse.
const char* kStatement = R"(# Déclaration d’accessibilité

## État de conformité

Le service est **partiellement conforme** avec le référentiel général d’amélioration de
l’accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.

L’audit de conformité réalisé le 1er mars 2026 révèle que 82 % des critères du RGAA version 4.1 sont respectés.

## Contenus non accessibles

- Les cartes interactives n’ont pas d’alternative.

## Retour d’information et contact

Écrire à accessibilite@example.org.

## Voies de recours

Vous pouvez contacter le Défenseur des droits.
)";

// A page of the service with an image that has no text alternative.
const char* kPageWithoutAlt = "<!doctype html>\n<html lang=\"fr\"><head><title>Accueil</title></head>\n<body><img src=\"logo.png\"></body></html>\n";
const char* kGoodPage = "<!doctype html>\n<html lang=\"fr\"><head><title>Accueil</title></head>\n<body><img src=\"logo.png\" alt=\"Logo\"></body></html>\n";

}  // namespace

TEST_CASE("accessibility_statement passes for a complete statement, and fails without one") {
  Scenario s;
  const RuleResult& none = s.check("{primitive: accessibility_statement}");
  CHECK(none.status == Status::fail);
  CHECK(says(none, "no accessibility statement found"));
  s.file("docs/accessibilite.md", kStatement);
  const RuleResult& r = s.check("{primitive: accessibility_statement}");
  CHECK(r.status == Status::pass);
  CHECK(r.message.en == "docs/accessibilite.md: status: partial, RGAA 4.1, audit 2026-03-01");
}

TEST_CASE("accessibility_statement fails for a page that talks about accessibility without a status") {
  Scenario s;
  s.file("docs/accessibilite.md", "# Accessibilité\n\nNous travaillons à rendre le service accessible.\n");
  const RuleResult& r = s.check("{primitive: accessibility_statement}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "talks about accessibility but is not a statement: it lacks the conformance status"));
}

TEST_CASE("accessibility_statement fails when the charter declares a statement that is not there") {
  Scenario s;
  s.charter_with("equal_access: {accessibility: {statement: docs/a11y.md}}");
  const RuleResult& r = s.check("{primitive: accessibility_statement}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "declares docs/a11y.md, which is not in the repository"));
}

TEST_CASE("accessibility_status_matches passes when charter and statement agree, and fails otherwise") {
  Scenario s;
  s.file("docs/accessibilite.md", kStatement);
  s.charter_with("equal_access: {accessibility: {status: partial}}");
  const RuleResult& same = s.check("{primitive: accessibility_status_matches}");
  CHECK(same.status == Status::pass);
  CHECK(same.message.en == "both say partial");
  s.charter_with("equal_access: {accessibility: {status: full}}");
  const RuleResult& other = s.check("{primitive: accessibility_status_matches}");
  CHECK(other.status == Status::fail);
  CHECK(other.message.en == "the charter declares 'full' but docs/accessibilite.md states 'partial'");
  CHECK(other.message.fr == "la charte déclare «\u00a0totalement conforme\u00a0» mais docs/accessibilite.md indique «\u00a0partiellement conforme\u00a0»");
}

TEST_CASE("accessibility_status_matches skips without a statement to compare") {
  Scenario s;
  s.charter_with("equal_access: {accessibility: {status: full}}");
  CHECK(s.check("{primitive: accessibility_status_matches}").status == Status::skip);
}

TEST_CASE("accessibility_template_defects passes for correct templates, and fails with each defect") {
  Scenario s;
  s.file("public/index.html", kGoodPage);
  CHECK(s.check("{primitive: accessibility_template_defects, checks: [img-alt]}").status == Status::pass);
  s.file("public/contact.html", kPageWithoutAlt);
  const RuleResult& r = s.check("{primitive: accessibility_template_defects, checks: [img-alt]}");
  CHECK(r.status == Status::fail);
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].path == "public/contact.html");
  CHECK(r.evidence[0].line == 3);
  // Only the kinds asked for are judged.
  CHECK(s.check("{primitive: accessibility_template_defects, checks: [frame-title]}").status == Status::pass);
}

TEST_CASE("accessibility_template_defects refuses an unknown check when the module is loaded") {
  Scenario s;
  CHECK_THROWS_WITH_AS(s.check("{primitive: accessibility_template_defects, checks: [img-alts]}"),
                       doctest::Contains("unknown accessibility check 'img-alts'"), InputError);
}

TEST_CASE("accessibility_template_defects passes on absence: an unreadable template turns its pass into an error") {
  Scenario s;
  s.file("public/index.html", kGoodPage);
  s.unreadable("public/contact.html");
  CHECK(s.check("{primitive: accessibility_template_defects, checks: [img-alt]}").status == Status::error);
}

TEST_CASE("web_templates_present passes with a web page, and fails without; as a condition it skips the rule") {
  Scenario s;
  s.file("src/main.c", "int main(void) { return 0; }\n");
  const RuleResult& none = s.check("{primitive: web_templates_present}");
  CHECK(none.status == Status::fail);
  CHECK(none.message.en == "no web page templates in the repository");
  const RuleResult& skipped = s.check("{primitive: accessibility_template_defects, checks: [img-alt]}", "{primitive: web_templates_present}");
  CHECK(skipped.status == Status::skip);
  CHECK(skipped.message.en == "not applicable: no web page templates in the repository");
  s.file("public/index.html", kGoodPage);
  CHECK(s.check("{primitive: web_templates_present}").status == Status::pass);
}

TEST_CASE("languages_have_evidence passes when each declared language has a catalog, and fails naming the others") {
  Scenario s;
  s.charter_with("equal_access: {languages: [fr]}");
  CHECK(s.check("{primitive: languages_have_evidence}").status == Status::pass);  // one language, nothing to cross-check
  s.charter_with("equal_access: {languages: [fr, de]}");
  s.file("po/fr.po", "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n");
  const RuleResult& r = s.check("{primitive: languages_have_evidence}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "declared but no translation catalog found: de (catalogs found: fr)");
  s.file("po/de.po", "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n");
  CHECK(s.check("{primitive: languages_have_evidence}").status == Status::pass);
}

TEST_CASE("language_declared passes when the language is declared, and fails otherwise") {
  Scenario s;
  s.charter_with("equal_access: {languages: [fr-FR, en]}");
  CHECK(s.check("{primitive: language_declared, tag: fr}").status == Status::pass);
  const RuleResult& r = s.check("{primitive: language_declared, tag: br}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "br is not among the declared languages (fr-FR, en)");
}

TEST_CASE("pricing_declared passes when free or priced, and fails for a paying service without a price") {
  Scenario s;
  s.charter_with("equal_access: {free_of_charge: true}");
  CHECK(s.check("{primitive: pricing_declared}").status == Status::pass);
  s.charter_with("equal_access: {free_of_charge: false}");
  const RuleResult& r = s.check("{primitive: pricing_declared}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "free_of_charge is false but no pricing is stated");
  s.charter_with("equal_access: {free_of_charge: false, pricing: 5 euros par mois}");
  CHECK(s.check("{primitive: pricing_declared}").status == Status::pass);
  s.charter_with();
  CHECK(s.check("{primitive: pricing_declared}").status == Status::fail);  // not declared
}

TEST_CASE("login_methods_open passes with an open login method, and fails with private platforms only") {
  Scenario s;
  s.charter_with("equal_access: {account_required: false}");
  CHECK(s.check("{primitive: login_methods_open}").status == Status::pass);
  s.charter_with("equal_access: {account_required: true, login_methods: [google, facebook]}");
  const RuleResult& r = s.check("{primitive: login_methods_open}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "only private-platform logins (google, facebook)"));
  CHECK(r.message.fr == "connexion uniquement par des plateformes privées (google, facebook)\u00a0: proposez aussi la connexion par courriel ou par FranceConnect");
  s.charter_with("equal_access: {account_required: true, login_methods: [google, franceconnect]}");
  CHECK(s.check("{primitive: login_methods_open}").status == Status::pass);
  s.charter_with("equal_access: {account_required: true}");
  CHECK(s.check("{primitive: login_methods_open}").status == Status::fail);
}

TEST_CASE("social_logins_declared passes when each social login in the code is listed, and fails otherwise") {
  Scenario s;
  s.file("package.json", R"({"name": "web", "dependencies": {"@react-oauth/google": "^0.12"}})");
  s.file("package-lock.json", "{}");
  s.charter_with("equal_access: {account_required: true, login_methods: [email]}");
  const RuleResult& r = s.check("{primitive: social_logins_declared}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "in the code but not in equal_access.login_methods: Google Sign-In");
  s.charter_with("equal_access: {account_required: true, login_methods: [email, google]}");
  CHECK(s.check("{primitive: social_logins_declared}").status == Status::pass);
}

TEST_CASE("accessibility_statement judges a statement whose text comes from a CMS on what the repository shows") {
  const char* page =
      "export default function Accessibilite({ titre, contenu }) {\n"
      "  return <ConsulterContenu titre={titre} contenu={contenu} />;\n"
      "}\n"
      "export async function getStaticProps() {\n"
      "  return { props: await cms.consulter('accessibilite') };\n"
      "}\n";
  Scenario s;
  s.file("src/pages/accessibilite/index.page.tsx", page);
  // No status anywhere in the repository: the footer must show it, whatever the CMS holds.
  const RuleResult& bare = s.check("{primitive: accessibility_statement}");
  CHECK(bare.status == Status::fail);
  CHECK(says(bare, "no conformance status in the repository"));
  CHECK(says(bare, "held outside the repository"));
  s.file("src/components/Footer.tsx",
         "export const Footer = () => (\n  <footer className=\"fr-footer\">\n    <a href=\"/accessibilite\">Accessibilité : partiellement conforme</a>\n  </footer>\n);\n");
  const RuleResult& r = s.check("{primitive: accessibility_statement}");
  CHECK(r.status == Status::pass);
  CHECK(says(r, "page found, status 'partial' (src/components/Footer.tsx:3)"));
  CHECK(says(r, "the audit date"));
  CHECK(says(r, "check them on the live page"));
  REQUIRE(r.evidence.size() == 2);
  CHECK(r.evidence[0].path == "src/pages/accessibilite/index.page.tsx");
  CHECK(r.evidence[0].line == 4);
  CHECK(r.evidence[1].path == "src/components/Footer.tsx");
}

TEST_CASE("accessibility_statement judges each front end of a workspace and names the one without a statement") {
  Scenario s;
  s.file("www/package.json", R"({"name": "www", "dependencies": {"vue": "3"}})")
      .file("www/index.html", "<html lang=\"fr\"></html>\n")
      .file("www/src/views/Accessibilite.vue", std::string("<template><pre>\n") + kStatement + "</pre></template>\n")
      .file("admin/package.json", R"({"name": "admin", "dependencies": {"react-dom": "18"}})")
      .file("admin/index.html", "<html lang=\"fr\"></html>\n");
  const RuleResult& r = s.check("{primitive: accessibility_statement}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "2 front ends, one statement each: admin: no accessibility statement; www: www/src/views/Accessibilite.vue, partial"));
  s.file("admin/src/views/Accessibilite.vue", std::string("<template><pre>\n") + kStatement + "</pre></template>\n");
  const RuleResult& both = s.check("{primitive: accessibility_statement}");
  CHECK(both.status == Status::pass);
  CHECK(says(both, "admin: admin/src/views/Accessibilite.vue, partial; www: www/src/views/Accessibilite.vue, partial"));
  CHECK(both.evidence.size() == 2);
}
