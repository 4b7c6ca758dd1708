// Accessibility statements where real services put them: views whose text lives in locale
// files, pages that wrap a component, DSFR statement pages, and paths declared in the charter.
// The fixtures are written for these tests, laid out the way French public services lay out
// their code.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "checks/a11y/statement.hpp"

using namespace pacte;

namespace {

bool missing(const StatementFacts& f, std::string_view what) {
  return std::find(f.missing.begin(), f.missing.end(), what) != f.missing.end();
}

// A Rails view in HAML that only names translation keys (lazy lookup and absolute keys).
const char* kHamlView =
    "- content_for :title, t('.titre')\n"
    ".fr-container\n"
    "  %h1= t('.titre')\n"
    "  %p= t('.engagement')\n"
    "  %h2= t('.etat.titre')\n"
    "  %p= t('.etat.texte')\n"
    "  %h2= t('.resultats.titre')\n"
    "  %p= t('.resultats.texte')\n"
    "  %h2= t('a11y.contact.titre')\n"
    "  %p= t('a11y.contact.texte', email: CONTACT_EMAIL)\n"
    "  %h2= t('a11y.recours.titre')\n"
    "  %p= t('a11y.recours.texte')\n";

const char* kRailsFr =
    "fr:\n"
    "  pages:\n"
    "    accessibilite:\n"
    "      titre: Déclaration d’accessibilité\n"
    "      engagement: La Direction du numérique s’engage à rendre son service accessible.\n"
    "      etat:\n"
    "        titre: État de conformité\n"
    "        texte: Démarches Exemple est en totale conformité avec le RGAA 4.1.\n"
    "      resultats:\n"
    "        titre: Résultats des tests\n"
    "        texte: L’audit de conformité réalisé le 14 février 2025 révèle que 100 % des critères sont respectés.\n"
    "  a11y:\n"
    "    contact:\n"
    "      titre: Retour d’information et contact\n"
    "      texte: \"Écrivez-nous à %{email}.\"\n"
    "    recours:\n"
    "      titre: Voies de recours\n"
    "      texte: Vous pouvez saisir le Défenseur des droits.\n";

const char* kRailsEn =
    "en:\n"
    "  pages:\n"
    "    accessibilite:\n"
    "      etat:\n"
    "        texte: Example is partially compliant with RGAA 4.1.\n";

}  // namespace

TEST_CASE("a HAML view whose text lives in config/locales/fr.yml is read through its keys") {
  MemorySnapshot snap;
  snap.add("app/views/pages/accessibilite.html.haml", kHamlView);
  snap.add("config/locales/fr.yml", kRailsFr);
  snap.add("config/locales/en.yml", kRailsEn);
  auto candidates = find_statement_candidates(snap);
  REQUIRE_FALSE(candidates.empty());
  CHECK(candidates.front() == "app/views/pages/accessibilite.html.haml");
  auto f = read_statement_file(snap, "app/views/pages/accessibilite.html.haml");
  CHECK(f.found);
  CHECK(f.status == "full");  // the French text, not the English one
  CHECK(f.status_line == 0);  // the status is in the locale file
  CHECK(f.standard == "RGAA 4.1");
  CHECK(f.audit_date == "2025-02-14");
  CHECK(f.has_contact);
  CHECK(f.has_recourse);
  CHECK(f.missing.empty());
}

TEST_CASE("without its locale file, the same view is not a complete statement") {
  MemorySnapshot snap;
  snap.add("app/views/pages/accessibilite.html.haml", kHamlView);
  auto f = read_statement_file(snap, "app/views/pages/accessibilite.html.haml");
  CHECK(f.status.empty());
  CHECK(missing(f, "status"));
}

TEST_CASE("a Next.js page that wraps the component holding the text is read through the import") {
  MemorySnapshot snap;
  snap.add("pages/accessibilite.tsx",
           "import Head from 'next/head'\n"
           "import Accessibilite from '../components/Accessibilite'\n"
           "import styles from '../styles/page.module.css'\n"
           "\n"
           "export default function Page() {\n"
           "  return <><Head><title>Accessibilité</title></Head><Accessibilite /></>\n"
           "}\n");
  snap.add("components/Accessibilite.tsx",
           "import { Recours } from './accessibilite/Recours'\n"
           "export default function Accessibilite() {\n"
           "  return (\n"
           "    <section>\n"
           "      <h1>Déclaration d&apos;accessibilité</h1>\n"
           "      <p>Le site est <strong>en totale conformité</strong> avec le RGAA version 4.1.2.</p>\n"
           "      <p>L’audit a été effectué le 3 avril 2025 par un prestataire.</p>\n"
           "      <p>Contact : <a href=\"mailto:accessibilite@exemple.gouv.fr\">accessibilite@exemple.gouv.fr</a></p>\n"
           "      <Recours />\n"
           "    </section>\n"
           "  )\n"
           "}\n");
  snap.add("components/accessibilite/Recours.tsx",
           "export const Recours = () => <p>Vous pouvez contacter le Défenseur des droits.</p>\n");
  auto f = read_statement_file(snap, "pages/accessibilite.tsx");
  CHECK(f.found);
  CHECK(f.status == "full");
  CHECK(f.standard == "RGAA 4.1.2");
  CHECK(f.audit_date == "2025-04-03");
  CHECK(f.has_contact);
  CHECK(f.has_recourse);
  CHECK(f.missing.empty());
  // The wrapper alone says nothing.
  auto alone = read_statement("pages/accessibilite.tsx", *snap.read("pages/accessibilite.tsx"));
  CHECK(alone.status.empty());
}

TEST_CASE("an i18next component with a namespace is read through its JSON catalog") {
  MemorySnapshot snap;
  snap.add("src/app/accessibilite/page.jsx",
           "export default function Page() {\n"
           "  const { t } = useTranslation('accessibilite')\n"
           "  return <main><h1>{t('titre')}</h1><p>{t('etat')}</p><p>{t('recours')}</p>"
           "<p>{t('contact')}</p><p>{t('audit')}</p></main>\n"
           "}\n");
  snap.add("public/locales/fr/accessibilite.json",
           "{\"titre\": \"Déclaration d'accessibilité\",\n"
           " \"etat\": \"Ce site est partiellement conforme avec le RGAA 4.1 : contenus non accessibles ci-dessous.\",\n"
           " \"audit\": \"Audit réalisé le 12/09/2024.\",\n"
           " \"contact\": \"Écrivez à a11y@exemple.fr\",\n"
           " \"recours\": \"Défenseur des droits\"}\n");
  snap.add("public/locales/en/accessibilite.json",
           "{\"etat\": \"This site is fully compliant with RGAA 4.1.\"}\n");
  auto f = read_statement_file(snap, "src/app/accessibilite/page.jsx");
  CHECK(f.status == "partial");
  CHECK(f.audit_date == "2024-09-12");
  CHECK(f.missing.empty());
}

TEST_CASE("a Grails GSP page reads its messages_fr.properties") {
  MemorySnapshot snap;
  snap.add("grails-app/views/accessibilite/index.gsp",
           "<html><body><h1><g:message code=\"a11y.titre\"/></h1>\n"
           "<p><g:message code=\"a11y.etat\"/></p></body></html>\n");
  snap.add("grails-app/i18n/messages_fr.properties",
           "a11y.titre=D\\u00e9claration d'accessibilit\\u00e9\n"
           "a11y.etat=Le service est non conforme au RGAA 4.1 : \\\n"
           "    aucun audit n'a encore \\u00e9t\\u00e9 r\\u00e9alis\\u00e9.\n");
  snap.add("grails-app/i18n/messages.properties", "a11y.etat=The service is fully compliant.\n");
  auto f = read_statement_file(snap, "grails-app/views/accessibilite/index.gsp");
  CHECK(f.found);
  CHECK(f.status == "none");
  CHECK(f.standard == "RGAA 4.1");
}

TEST_CASE("a Symfony Twig statement with a DSFR structure and trans filters") {
  MemorySnapshot snap;
  snap.add("templates/static/accessibilite.html.twig",
           "{% extends 'base.html.twig' %}\n"
           "{% block body %}\n"
           "<h1>{{ 'accessibilite.titre'|trans }}</h1>\n"
           "<h2>État de conformité</h2>\n"
           "<p>{{ 'accessibilite.etat'|trans }}</p>\n"
           "{% include 'static/_recours.html.twig' %}\n"
           "{% endblock %}\n");
  snap.add("templates/static/_recours.html.twig",
           "<h2>Voies de recours</h2><p>Défenseur des droits, Libre réponse 71120.</p>\n");
  snap.add("translations/messages.fr.yaml",
           "accessibilite:\n"
           "  titre: Déclaration d'accessibilité\n"
           "  etat: Le site est en conformité partielle avec le RGAA 4.1 (contenus non accessibles listés).\n");
  auto f = read_statement_file(snap, "templates/static/accessibilite.html.twig");
  CHECK(f.status == "partial");
  CHECK(f.has_recourse);
}

TEST_CASE("French status wordings") {
  CHECK(read_statement("a.md", "Accessibilité : le site est en totale conformité avec le RGAA.").status == "full");
  CHECK(read_statement("a.md", "Accessibilité : ce site est totalement conforme.").status == "full");
  CHECK(read_statement("a.md", "Accessibilité : conformité partielle.").status == "partial");
  CHECK(read_statement("a.md", "Accessibilité : ce site est en conformité partielle.").status == "partial");
  CHECK(read_statement("a.md", "Accessibilité : ce site est non conforme.").status == "none");
  CHECK(read_statement("a.md", "Accessibilité : ce site n'est pas en totale conformité.").status.empty());
  CHECK(read_statement("a.md", "référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1").standard ==
        "RGAA 4.1");
  CHECK(read_statement("a.md", "Accessibilité conforme à la norme EN 301 549.").standard == "EN 301 549");
  CHECK(read_statement("a.md", "Accessibilité : WCAG 2.2 niveau AA.").standard == "WCAG 2.2 AA");
}

TEST_CASE("a page with the DSFR statement sections is a candidate even without the phrase") {
  MemorySnapshot snap;
  snap.add("app/views/static/conformite.html.slim",
           "h1 Accessibilité numérique\n"
           "h2 Résultats des tests\n"
           "p Le site est partiellement conforme au RGAA 4.1.\n"
           "h2 Voies de recours\n"
           "p Défenseur des droits\n");
  snap.add("app/views/static/accueil.html.slim", "h1 Bienvenue\np Un service accessible à tous.\n");
  auto candidates = find_statement_candidates(snap);
  REQUIRE_FALSE(candidates.empty());
  CHECK(candidates.front() == "app/views/static/conformite.html.slim");
}

TEST_CASE("a path declared in the charter is read whatever its type; a folder gives its best file") {
  MemorySnapshot snap;
  snap.add("app/views/pages/accessibilite.html.haml", kHamlView);
  snap.add("config/locales/fr.yml", kRailsFr);
  snap.add("content/a11y/statement.adoc", "= Déclaration d'accessibilité\n\nLe site est totalement conforme au RGAA 4.1.\n");
  snap.add("content/a11y/notes.adoc", "Notes sur l'accessibilité.\n");
  CHECK(read_statement_file(snap, "app/views/pages/accessibilite.html.haml").status == "full");
  auto folder = read_statement_file(snap, "content/a11y");
  CHECK(folder.path == "content/a11y/statement.adoc");
  CHECK(folder.status == "full");
  auto absent = read_statement_file(snap, "docs/absent.md");
  CHECK_FALSE(absent.found);
  CHECK(absent.path == "docs/absent.md");
}
