#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "checks/a11y/statement.hpp"

using namespace pacte;

namespace {

bool missing(const StatementFacts& f, std::string_view what) {
  return std::find(f.missing.begin(), f.missing.end(), what) != f.missing.end();
}

const char* kFrench = R"(# Déclaration d’accessibilité

La Ville de Lyon s’engage à rendre ses services numériques accessibles, conformément à
l’article 47 de la loi n° 2005-102 du 11 février 2005.

Cette déclaration d’accessibilité s’applique à **Trouve ton emploi**.

## État de conformité

Trouve ton emploi est **partiellement conforme** avec le référentiel général d’amélioration de
l’accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.

## Résultats des tests

L’audit de conformité réalisé le 1er mars 2026 par la société Exemple révèle que 82 % des
critères du RGAA version 4.1 sont respectés.

## Contenus non accessibles

- Les cartes interactives n’ont pas d’alternative.

## Retour d’information et contact

Écrire à accessibilite@example.org.

## Voies de recours

Vous pouvez contacter le Défenseur des droits : https://formulaire.defenseurdesdroits.fr/
)";

const char* kEnglish = R"(<!doctype html>
<html lang="en"><head><title>Accessibility statement</title></head>
<body>
<h1>Accessibility statement</h1>
<p>This website is <strong>fully compliant</strong> with WCAG 2.1 level AA.</p>
<p>It was last audited on March 3, 2025 by an independent reviewer.</p>
<p>Feedback: <a href="mailto:a11y@example.org">write to us</a>.</p>
<p>If you are not satisfied, you may contact the French Défenseur des droits.</p>
</body></html>
)";

}  // namespace

TEST_CASE("a French statement in Markdown is read completely") {
  auto f = read_statement("docs/accessibilite.md", kFrench);
  CHECK(f.path == "docs/accessibilite.md");
  CHECK(f.found);
  CHECK(f.status == "partial");
  CHECK(f.status_line == 10);
  CHECK(f.standard == "RGAA 4.1");
  CHECK(f.audit_date == "2026-03-01");
  CHECK(f.has_contact);
  CHECK(f.has_recourse);
  CHECK(f.has_non_accessible_content);
  CHECK(f.missing.empty());
}

TEST_CASE("an English statement in HTML is read with markup stripped") {
  auto f = read_statement("public/accessibility.html", kEnglish);
  CHECK(f.found);
  CHECK(f.status == "full");
  CHECK(f.status_line == 5);
  CHECK(f.standard == "WCAG 2.1 AA");
  CHECK(f.audit_date == "2025-03-03");
  CHECK(f.has_contact);
  CHECK(f.has_recourse);
  CHECK(f.missing.empty());
}

TEST_CASE("status phrases: partial is not full, plural 'non conformes' is not a status") {
  CHECK(read_statement("a.md", "Le site est non conforme au RGAA 4.1.").status == "none");
  CHECK(read_statement("a.md", "Le site est non-conforme.").status == "none");
  CHECK(read_statement("a.md", "Le site est NON CONFORME.").status == "none");
  CHECK(read_statement("a.md", "Le site est en conformité partielle avec le RGAA.").status == "partial");
  CHECK(read_statement("a.md", "Le site est en conformité totale avec le RGAA.").status == "full");
  CHECK(read_statement("a.md", "Le site est TOTALEMENT CONFORME.").status == "full");
  CHECK(read_statement("a.md", "This site is partially conformant with WCAG 2.1.").status == "partial");
  CHECK(read_statement("a.md", "This site is non-compliant.").status == "none");
  CHECK(read_statement("a.md", "This site is not compliant.").status == "none");
  CHECK(read_statement("a.md", "This site is fully conformant.").status == "full");
  // Accents written as entities, or decomposed (NFD), and line-wrapped phrases.
  CHECK(read_statement("a.html", "<p>Le site est partiellement\nconforme.</p>").status == "partial");
  CHECK(read_statement("a.html", "<p>conformit&eacute; partielle</p>").status == "partial");
  CHECK(read_statement("a.md", "en conformite\xCC\x81 partielle").status == "partial");
  // The first explicit status wins; later mentions of non-compliant content do not change it.
  auto f = read_statement("a.md", "Le site est totalement conforme.\n\nAucun contenu non conforme.");
  CHECK(f.status == "full");
  CHECK(f.status_line == 1);
  CHECK(read_statement("a.md", "Les contenus non conformes sont listés.\nLe site est partiellement conforme.")
            .status == "partial");
  // A negated status and an unfilled template are not statements.
  CHECK(read_statement("a.md", "Le site n'est pas totalement conforme.").status == "");
  CHECK(read_statement("a.md", "Le site est [totalement conforme / partiellement conforme / non conforme] avec le RGAA.")
            .status == "");
  CHECK(read_statement("a.md", "This site is [fully compliant | partially compliant | not compliant].\n"
                               "Update: this site is partially compliant.")
            .status == "partial");
}

TEST_CASE("a file that talks about accessibility with no status is found but lacks the status") {
  auto f = read_statement("docs/accessibility.md",
                          "# Accessibility\n\nWe care about accessibility and test with screen readers.\n");
  CHECK(f.found);
  CHECK(f.status.empty());
  CHECK(f.status_line == 0);
  CHECK(missing(f, "status"));
  CHECK(missing(f, "standard"));
  CHECK(missing(f, "audit_date"));
  CHECK(missing(f, "contact"));
  CHECK(missing(f, "recourse"));
  CHECK_FALSE(missing(f, "non_accessible_content"));

  auto empty = read_statement("docs/x.md", "Nothing here.");
  CHECK_FALSE(empty.found);
}

TEST_CASE("a partial or non-compliant statement must list the non-accessible content") {
  auto f = read_statement("a.md", "Déclaration d'accessibilité. Le site est non conforme au RGAA 4.1. "
                                  "Audit réalisé le 12/01/2026. Contact : a@b.fr. Défenseur des droits.");
  CHECK(f.status == "none");
  CHECK(f.audit_date == "2026-01-12");
  REQUIRE(f.missing.size() == 1);
  CHECK(f.missing[0] == "non_accessible_content");
}

TEST_CASE("standards and dates in their usual spellings") {
  CHECK(read_statement("a.md", "Référentiel : RGAA v4.1.2").standard == "RGAA 4.1.2");
  CHECK(read_statement("a.md", "selon le RGAA").standard == "RGAA");
  CHECK(read_statement("a.md", "WCAG 2.2").standard == "WCAG 2.2");
  CHECK(read_statement("a.md", "WCAG 2.1 AA and RGAA 4.1").standard == "RGAA 4.1");
  CHECK(read_statement("a.md", "EN 301 549").standard == "EN 301 549");
  CHECK(read_statement("a.md", "Audit : 2026-03-01").audit_date == "2026-03-01");
  CHECK(read_statement("a.md", "Date de l'audit : mars 2026").audit_date == "2026-03");
  CHECK(read_statement("a.md", "Evaluation carried out on 5 June 2024.").audit_date == "2024-06-05");
  // A date with no audit word before it is not the audit date.
  CHECK(read_statement("a.md", "Cette déclaration a été établie le 1er mars 2026.").audit_date.empty());
}

TEST_CASE("a page component: JSX markup is stripped") {
  const char* tsx = R"(export default function Accessibilite() {
  return (
    <main>
      <h1>Déclaration d&apos;accessibilité</h1>
      <p>
        Ce site est <strong>partiellement conforme</strong> au RGAA 4.1.
      </p>
    </main>
  );
})";
  auto f = read_statement("src/pages/Accessibilité.tsx", tsx);
  CHECK(f.found);
  CHECK(f.status == "partial");
  CHECK(f.status_line == 6);
  CHECK(f.standard == "RGAA 4.1");
}

TEST_CASE("statement candidates by name (accents, NFD, folders) and by content, best first") {
  MemorySnapshot snap;
  snap.add("src/pages/Accessibilité.tsx", "export default () => <p>Site partiellement conforme au RGAA.</p>;");
  snap.add("docs/accessibility.md", "# Accessibility guidelines for contributors\n");
  snap.add("node_modules/x/accessibility.md", "fully compliant");
  snap.add("CHANGELOG.md", "- Add the accessibility statement page\n");
  snap.add("README.md", "A service.\n");
  snap.add("app/accessibilite/page.tsx", "export default () => <p>Accessibilité</p>;");
  snap.add("docs/accessibilit\x65\xCC\x81.txt", "nothing");  // NFD name
  snap.add("src/a11y.css", "body{}");
  auto c = find_statement_candidates(snap);
  REQUIRE(c.size() == 5);
  CHECK(c[0] == "src/pages/Accessibilité.tsx");  // named, and states a status
  CHECK(std::find(c.begin(), c.end(), "docs/accessibility.md") != c.end());
  CHECK(std::find(c.begin(), c.end(), "app/accessibilite/page.tsx") != c.end());
  CHECK(std::find(c.begin(), c.end(), "CHANGELOG.md") != c.end());
  CHECK(std::find(c.begin(), c.end(), "docs/accessibilit\x65\xCC\x81.txt") != c.end());
  CHECK(c.back() == "CHANGELOG.md");  // only mentions the phrase
  CHECK(std::find(c.begin(), c.end(), "README.md") == c.end());
  CHECK(std::find(c.begin(), c.end(), "node_modules/x/accessibility.md") == c.end());
}

TEST_CASE("a statement found by content alone, under any name") {
  MemorySnapshot snap;
  snap.add("docs/legal.md", "# Déclaration d'accessibilité\n\nLe site est non conforme.\n");
  snap.add("docs/other.md", "Rien.\n");
  auto c = find_statement_candidates(snap);
  REQUIRE(c.size() == 1);
  CHECK(c[0] == "docs/legal.md");
}

TEST_CASE("a 'report a problem' section whose address is a template variable is the feedback contact") {
  // Modelled on a Vue statement page: the address comes from the component's data.
  auto f = read_statement("src/views/accessibilite.vue",
                          "<h1>Déclaration d'accessibilité</h1>\n"
                          "<p>Le service est <strong>partiellement conforme</strong> avec le RGAA, version 4.1.</p>\n"
                          "<h2>Signaler un dysfonctionnement</h2>\n"
                          "<p>Si vous rencontrez un défaut d'accessibilité, merci de nous en faire part :\n"
                          "<a v-mail>{{ contactEmail }}</a></p>\n");
  CHECK(f.has_contact);
  CHECK(f.status == "partial");
}

namespace {

// A statement page whose text comes from a CMS: it names the page but states no status.
const char* kCmsStatementVue = R"(<template>
  <main>
    <h1>Déclaration d'accessibilité</h1>
    <div v-html="page.body" />
  </main>
</template>
<script setup>
const { data: page } = await useFetch('/api/cms/pages/accessibilite')
</script>
)";

// Where a footer line tells the status, whatever the template language.
struct FooterCase {
  const char* path;
  const char* content;
  int line;
  const char* status;
};

}  // namespace

TEST_CASE("a status shown only in a footer or layout completes a statement that states none, with the footer's line") {
  const FooterCase cases[] = {
      {"components/TheFooter.vue",
       "<template>\n  <footer class=\"fr-footer\" role=\"contentinfo\">\n    <ul class=\"fr-footer__bottom-list\">\n"
       "      <li><NuxtLink class=\"fr-footer__bottom-link\" to=\"/accessibilite\">Accessibilité&nbsp;: partiellement conforme</NuxtLink></li>\n"
       "    </ul>\n  </footer>\n</template>\n",
       4, "partial"},
      {"src/components/Footer.jsx",
       "export default function Footer() {\n  return (\n    <footer className=\"fr-footer\">\n"
       "      <a className=\"fr-footer__bottom-link\" href=\"/accessibilite\">\n        Accessibilité : non conforme\n      </a>\n"
       "    </footer>\n  );\n}\n",
       5, "none"},
      {"templates/base.html.twig",
       "<!DOCTYPE html>\n<html lang=\"fr\">\n<body>\n{% block body %}{% endblock %}\n<footer class=\"fr-footer\">\n"
       "  <a class=\"fr-footer__bottom-link\" href=\"{{ path('accessibilite') }}\">{{ 'Accessibilité : partiellement conforme' }}</a>\n"
       "</footer>\n</body>\n</html>\n",
       6, "partial"},
      {"public/layout.html",
       "<html lang=\"en\">\n<body>\n<footer>\n<p><a href=\"/accessibility\">Accessibility: fully compliant</a></p>\n</footer>\n</body>\n</html>\n",
       4, "full"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.path);
    MemorySnapshot snap;
    snap.add("pages/accessibilite.vue", kCmsStatementVue).add(c.path, c.content);
    auto f = read_statement_file(snap, "pages/accessibilite.vue");
    CHECK(f.found);
    CHECK(f.path == "pages/accessibilite.vue");
    CHECK(f.status == c.status);
    CHECK(f.status_path == c.path);
    CHECK(f.status_line == c.line);
    CHECK_FALSE(missing(f, "status"));
    // The page fetches its text from a CMS: what that text holds is not asked of the
    // repository (a partial or no conformance also needs the list of non-accessible content).
    CHECK(f.text_outside);
    CHECK(f.text_source_line == 8);
    CHECK(f.missing.empty());
    bool held = std::find(f.held_outside.begin(), f.held_outside.end(), "non_accessible_content") != f.held_outside.end();
    CHECK(held == (std::string(c.status) != "full"));
    CHECK(std::find(f.held_outside.begin(), f.held_outside.end(), "recourse") != f.held_outside.end());
  }
}

TEST_CASE("a footer status does not override the statement's own, and a bare footer link is no status") {
  MemorySnapshot snap;
  snap.add("docs/accessibilite.md", "# Déclaration d'accessibilité\n\nLe site est totalement conforme au RGAA 4.1.\n")
      .add("components/Footer.vue", "<template><footer><a href=\"/a11y\">Accessibilité : non conforme</a></footer></template>\n");
  auto own = read_statement_file(snap, "docs/accessibilite.md");
  CHECK(own.status == "full");
  CHECK(own.status_path.empty());
  CHECK(own.status_line == 3);

  MemorySnapshot bare;
  bare.add("pages/accessibilite.vue", kCmsStatementVue)
      .add("components/Footer.vue", "<template><footer><a href=\"/accessibilite\">Accessibilité</a> · Mentions légales</footer></template>\n")
      .add("pages/aide.vue", "<template><p>Accessibilité : non conforme, disait l'ancien site.</p></template>\n");
  auto none = read_statement_file(bare, "pages/accessibilite.vue");
  CHECK(none.found);
  CHECK(none.status.empty());
  CHECK(none.status_path.empty());
  CHECK(missing(none, "status"));
  CHECK_FALSE(find_footer_status(bare).has_value());
}

TEST_CASE("footer-named files come before layouts, and vendored or test footers are not read") {
  MemorySnapshot snap;
  snap.add("app/views/layouts/application.html.erb", "<footer>Accessibilité : non conforme</footer>\n")
      .add("app/views/shared/_footer.html.erb", "<footer>\n<%= link_to 'Accessibilité : partiellement conforme', '/accessibilite' %>\n</footer>\n")
      .add("node_modules/@gouvfr/dsfr/example/footer.html", "<footer>Accessibilité : totalement conforme</footer>\n")
      .add("tests/fixtures/footer.html", "<footer>Accessibilité : totalement conforme</footer>\n");
  auto f = find_footer_status(snap);
  REQUIRE(f.has_value());
  CHECK(f->path == "app/views/shared/_footer.html.erb");
  CHECK(f->line == 2);
  CHECK(f->status == "partial");
}

TEST_CASE("a statement under examples/ or samples/ is a model for others, not the project's own") {
  MemorySnapshot snap;
  snap.add("examples/service/src/pages/accessibilite.md", "# Déclaration d'accessibilité\n\nLe site est partiellement conforme.\n");
  snap.add("samples/statement.html", "<h1>Accessibility statement</h1><p>This site is fully compliant.</p>");
  CHECK(find_statement_candidates(snap).empty());
  snap.add("docs/accessibilite.md", "# Déclaration d'accessibilité\n\nLe site est non conforme.\n");
  auto c = find_statement_candidates(snap);
  REQUIRE(c.size() == 1);
  CHECK(c[0] == "docs/accessibilite.md");
}
