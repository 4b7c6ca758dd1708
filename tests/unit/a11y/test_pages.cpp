// Which template files are judged as web pages, and which are left out (and why). The fixtures
// are written for these tests, laid out the way French public services lay out their code.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "checks/a11y/templates.hpp"

using namespace pacte;

namespace {

// A page with a real defect: a field without a label.
const char* kFieldWithoutLabel =
    "<form action=\"/recherche\"><input type=\"text\" name=\"q\"></form>\n";

// A read-only checkbox as PDF render templates draw them: not a form anyone fills in.
const char* kPdfCheckbox =
    "<div class=\"champ\">\n"
    "  <input type=\"checkbox\" disabled <%= 'checked' if champ.value %>> <%= champ.libelle %>\n"
    "</div>\n";

std::size_t count_check(const std::vector<A11yDefect>& defects, std::string_view check) {
  return static_cast<std::size_t>(std::count_if(defects.begin(), defects.end(),
                                                [&](const A11yDefect& d) { return d.check == check; }));
}

bool reported_in(const std::vector<A11yDefect>& defects, std::string_view path) {
  return std::any_of(defects.begin(), defects.end(),
                     [&](const A11yDefect& d) { return d.evidence.path == path; });
}

}  // namespace

TEST_CASE("page_exclusion tells PDF, e-mail and letter templates from pages") {
  CHECK(page_exclusion("app/views/dossiers/_pdf_champ.html.erb") == "pdf_template");
  CHECK(page_exclusion("app/views/attestations/show.pdf.erb") == "pdf_template");
  CHECK(page_exclusion("templates/pdf/recapitulatif.html") == "pdf_template");
  CHECK(page_exclusion("app/views/dossiers/recapitulatif.html.erb",
                       "<style>@page { size: A4; margin: 1cm }</style><input type=checkbox>") ==
        "pdf_template");
  CHECK(page_exclusion("app/views/user_mailer/bienvenue.html.erb") == "email_template");
  CHECK(page_exclusion("app/views/layouts/mailer.html.erb") == "email_template");
  CHECK(page_exclusion("templates/emails/confirmation.html.twig") == "email_template");
  CHECK(page_exclusion("templates/account/bienvenue_email.html") == "email_template");
  CHECK(page_exclusion("src/main/resources/templates/courriers/convocation.html") == "letter_template");
  CHECK(page_exclusion("templates/lettre_postale.html.twig") == "letter_template");
  CHECK(page_exclusion("emails/rappel.mjml.html", "<mjml><mj-body></mj-body></mjml>") == "email_template");
}

TEST_CASE("page_exclusion leaves out Javadoc, licences, vendored plugins and generated output") {
  CHECK(page_exclusion("src/main/java/fr/gouv/agent/package.html") == "javadoc");
  CHECK(page_exclusion("src/overview.html") == "javadoc");
  CHECK(page_exclusion("docs/apidocs/index.html") == "javadoc");
  CHECK(page_exclusion("web/static/LICENSE.html") == "licence_text");
  CHECK(page_exclusion("public/licence-fr.htm") == "licence_text");
  CHECK(page_exclusion("public/javascripts/jquery.tablesorter/docs/index.html") == "plugin_demo");
  CHECK(page_exclusion("web-app/js/plugins/datepicker/demo.html") == "plugin_demo");
  CHECK(page_exclusion("src/main/webapp/lib/chosen/index.html") == "plugin_demo");
  CHECK(page_exclusion("assets/demo/index.html") == "plugin_demo");
  CHECK(page_exclusion("vendor/assets/select2/index.html") == "vendored");
  CHECK(page_exclusion("public/assets/application-3f1a.html") == "generated");
  CHECK(page_exclusion("docs/_site/index.html") == "generated");
  CHECK(page_exclusion("docs/reference.html",
                       "<html><head><meta name=\"generator\" content=\"Doxygen 1.9\"></head></html>") ==
        "generated");
  CHECK(page_exclusion("spec/fixtures/bad.html") == "test_or_fixture");
  CHECK(page_exclusion("app/assets/app.min.html") == "minified");
}

TEST_CASE("page_exclusion keeps the service's own pages, including look-alike names") {
  CHECK(page_exclusion("app/views/dossiers/show.html.erb").empty());
  CHECK(page_exclusion("templates/account/email.html").empty());  // the address settings page
  CHECK(page_exclusion("templates/account/email_confirm.html").empty());
  CHECK(page_exclusion("src/pages/accessibilite.tsx").empty());
  CHECK(page_exclusion("templates/licence.html.twig").empty());  // a Twig page of the site
  CHECK(page_exclusion("src/components/NewsletterSignup.vue").empty());
  CHECK(page_exclusion("grails-app/views/demande/create.gsp").empty());
  CHECK(page_exclusion("app/views/pages/accueil.html.erb", "<html lang=fr><body>x</body></html>").empty());
}

TEST_CASE("scan_templates judges pages only and counts what it left out, by reason") {
  MemorySnapshot snap;
  snap.add("app/views/recherche/index.html.erb", kFieldWithoutLabel);
  for (int i = 0; i < 5; ++i)
    snap.add("app/views/dossiers/pdf/_champ_" + std::to_string(i) + ".html.erb", kPdfCheckbox);
  snap.add("app/views/user_mailer/rappel.html.erb", kFieldWithoutLabel);
  snap.add("src/main/java/fr/exemple/package.html", "<html><body><p>Classes.</p></body></html>");
  snap.add("public/javascripts/jquery.autocomplete/demo/index.html", kFieldWithoutLabel);
  snap.add("public/widgets/calendar/bower.json", "{\"name\": \"calendar\"}");
  snap.add("public/widgets/calendar/index.html", kFieldWithoutLabel);
  snap.add("public/widgets/calendar/calendar.js", "export const x = <input />;");
  TemplateScan scan = scan_templates(snap);
  CHECK(scan.pages_checked == 1);
  REQUIRE(scan.defects.size() == 1);
  CHECK(scan.defects[0].evidence.path == "app/views/recherche/index.html.erb");
  CHECK(scan.left_out["pdf_template"] == 5);
  CHECK(scan.left_out["email_template"] == 1);
  CHECK(scan.left_out["javadoc"] == 1);
  CHECK(scan.left_out["plugin_demo"] == 2);
  CHECK(scan.left_out.count("vendored") == 0);  // calendar.js is a script, not counted by path
}

TEST_CASE("charter globs leave files out or bring them back") {
  MemorySnapshot snap;
  snap.add("app/views/recherche/index.html.erb", kFieldWithoutLabel);
  snap.add("app/views/admin/outils.html.erb", kFieldWithoutLabel);
  snap.add("app/views/dossiers/pdf/_champ.html.erb", kFieldWithoutLabel);
  auto selection = PageSelection::from_globs({"app/views/admin/**", "!app/views/dossiers/pdf/**"});
  CHECK(selection.exclude == std::vector<std::string>{"app/views/admin/**"});
  CHECK(selection.include == std::vector<std::string>{"app/views/dossiers/pdf/**"});
  TemplateScan scan = scan_templates(snap, selection);
  CHECK(scan.pages_checked == 2);
  CHECK(scan.left_out["charter_exclude"] == 1);
  CHECK(reported_in(scan.defects, "app/views/dossiers/pdf/_champ.html.erb"));
  CHECK_FALSE(reported_in(scan.defects, "app/views/admin/outils.html.erb"));
}

TEST_CASE("components are never judged by tag alone: a link around a component has a name") {
  const char* vue =
      "<template>\n"
      "  <nav>\n"
      "    <a href=\"/profil\"><avatar :user=\"agent\" /></a>\n"
      "    <a href=\"/aide\"><icon-help /></a>\n"
      "    <a href=\"/vide\"></a>\n"
      "  </nav>\n"
      "</template>\n"
      "<script>\n"
      "import Avatar from './Avatar.vue'\n"
      "export default { components: { Avatar } }\n"
      "</script>\n";
  auto defects = check_template("src/components/Menu.vue", vue);
  REQUIRE(count_check(defects, "link-name") == 1);
  CHECK(defects[0].evidence.line == 5);

  const char* jsx =
      "export const Pied = () => (\n"
      "  <footer>\n"
      "    <a href=\"/\"><logo-marianne /></a>\n"
      "    <a href=\"/plan\"><svg><path d=\"M0\" /></svg></a>\n"
      "  </footer>\n"
      ");\n";
  auto jsx_defects = check_template("src/components/Pied.jsx", jsx);
  REQUIRE(count_check(jsx_defects, "link-name") == 1);
  CHECK(jsx_defects[0].evidence.line == 4);  // an svg without a title is still nameless
}

TEST_CASE("a field inside a lowercase component is not judged by the component's tag") {
  const char* vue =
      "<template>\n"
      "  <champ-formulaire libelle=\"Nom\"><input v-model=\"nom\"></champ-formulaire>\n"
      "</template>\n";
  auto defects = check_template("src/views/Demande.vue", vue);
  CHECK(count_check(defects, "form-label") == 0);
}
