// The scan that decides whether a page is parsed at all: a page that holds none of the markup
// any check judges is counted as checked without being parsed, and that must never hide a defect.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "checks/a11y/templates.hpp"
#include "checks/base/snapshot.hpp"

using namespace pacte;

namespace {

// One page per check with a defect only that check reports, written the way services write it.
const std::map<std::string, std::string, std::less<>> kDefectivePages = {
    {"img-alt", "<p>Logo</p>\n<img src=\"/logo.png\">\n"},
    {"area-alt", "<map name=\"carte\"><area shape=\"rect\" coords=\"0,0,10,10\" href=\"/nord\"></map>\n"},
    {"input-image-alt", "<label>Rechercher <input type=\"image\" src=\"/loupe.png\"></label>\n"},
    {"html-lang", "<!DOCTYPE html>\n<html><head><title>Accueil</title></head><body></body></html>\n"},
    {"page-title", "<!DOCTYPE html>\n<html lang=\"fr\"><head></head><body><p>Accueil</p></body></html>\n"},
    {"form-label", "<form action=\"/recherche\"><input type=\"text\" name=\"q\"></form>\n"},
    {"link-name", "<p><a href=\"/suite\"></a></p>\n"},
    {"button-name", "<div><button type=\"button\"></button></div>\n"},
    {"frame-title", "<iframe src=\"https://video.example.org/1\"></iframe>\n"},
    {"viewport-zoom", "<meta name=\"viewport\" content=\"width=device-width, user-scalable=no\">\n"},
    {"tabindex-positive", "<div tabindex=\"3\">Aller au contenu</div>\n"},
    {"blink-marquee", "<marquee>Nouveau service</marquee>\n"},
    {"meta-refresh", "<meta http-equiv=\"refresh\" content=\"5; url=/suite\">\n"},
};

// A partial with layout, text and template tags only: nothing any check judges, although some
// names start like checked ones (`<abbr>`, `<article>`, `<aside>`, `<address>`, `<imgs>`).
const char* kPartialWithoutCheckedMarkup =
    "<section class=\"fr-container\">\n"
    "  <article><h2>{{ dossier.titre }}</h2>\n"
    "    <p>Déposé le <abbr title=\"date\">{% if dossier.date %}{{ dossier.date }}{% endif %}</abbr>.</p>\n"
    "    <aside><address>Mairie, 1 place de la République</address></aside>\n"
    "    <imgs-gallery data-index=\"2\"></imgs-gallery>\n"
    "  </article>\n"
    "</section>\n";

std::size_t count_check(const std::vector<A11yDefect>& defects, std::string_view check) {
  return static_cast<std::size_t>(std::count_if(defects.begin(), defects.end(),
                                                [&](const A11yDefect& d) { return d.check == check; }));
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

TEST_CASE("every check names the markup it judges, and a page holding it is parsed and its defect found") {
  for (const auto& check : a11y_check_names()) {
    CAPTURE(check);
    auto markup = a11y_check_markup(check);
    REQUIRE_FALSE(markup.empty());
    auto page = kDefectivePages.find(check);
    REQUIRE_MESSAGE(page != kDefectivePages.end(), "no defective page for this check in the test");

    MemorySnapshot snap;
    snap.add("templates/pages/page.html.twig", page->second);
    TemplateScan scan = scan_templates(snap);
    CHECK(scan.pages_checked == 1);
    CHECK(scan.pages_not_parsed == 0);
    CHECK(count_check(scan.defects, check) == 1);

    // Each construct of the table is seen wherever a parser would see it, in either case.
    for (std::string_view written : markup) {
      CAPTURE(written);
      bool attribute = written == "tabindex";
      std::string lower = attribute ? "<div " + std::string(written) + "=\"1\">" : "<" + std::string(written) + ">";
      CHECK(holds_checked_markup("<p>Texte</p>\n" + lower + "\n"));
      CHECK(holds_checked_markup("<p>Texte</p>\n" + upper(lower) + "\n"));
    }
  }
  CHECK_THROWS_AS(a11y_check_markup("no-such-check"), std::out_of_range);
}

TEST_CASE("a page holding no markup any check judges is counted as checked without being parsed") {
  CHECK_FALSE(holds_checked_markup(kPartialWithoutCheckedMarkup));
  CHECK_FALSE(holds_checked_markup(""));
  CHECK_FALSE(holds_checked_markup("Texte sans balise, 3 < 4."));

  MemorySnapshot snap;
  snap.add("templates/blocks/dossier.html.twig", kPartialWithoutCheckedMarkup);
  snap.add("src/views/Bloc.vue", std::string("<template>\n") + kPartialWithoutCheckedMarkup + "</template>\n");
  snap.add("app/views/recherche/index.html.erb", kDefectivePages.at("form-label"));
  TemplateScan scan = scan_templates(snap);
  CHECK(scan.pages_checked == 3);
  CHECK(scan.pages_not_parsed == 2);
  REQUIRE(scan.defects.size() == 1);
  CHECK(scan.defects[0].evidence.path == "app/views/recherche/index.html.erb");
}

TEST_CASE("the markup scan sees every spelling the parsers read as a checked element or attribute") {
  // HTML parsers read <image> as <img>: the check fires, so the scan must see it.
  CHECK(count_check(check_template("page.html", "<p><image src=\"/a.png\"></p>"), "img-alt") == 1);
  CHECK(holds_checked_markup("<p><image src=\"/a.png\"></p>"));
  // gumbo reads the obsolete <isindex> as a form holding an <input> that keeps its attributes.
  CHECK(count_check(check_template("page.html", "<p><isindex type=\"image\"></p>"), "input-image-alt") == 1);
  CHECK(holds_checked_markup("<p><isindex type=\"image\"></p>"));
  // A tag name ends at a space, a slash, '>' or the end of the file, whatever the case.
  CHECK(holds_checked_markup("<p><A\nhref=\"/x\"></A></p>"));
  CHECK(holds_checked_markup("<p><a/></p>"));
  CHECK(holds_checked_markup("<p>fin <a"));
  // Attribute names in framework spellings: JSX, Vue and Angular bindings.
  CHECK(holds_checked_markup("export const A = () => <div tabIndex={2}>x</div>;"));
  CHECK(holds_checked_markup("<template><div :tabindex=\"n\">x</div></template>"));
  CHECK(holds_checked_markup("<div [attr.tabindex]=\"n\">x</div>"));
  CHECK(count_check(check_template("src/A.jsx", "export const A = () => <div tabIndex={2}>x</div>;"),
                    "tabindex-positive") == 1);
  // A longer name is another element.
  CHECK_FALSE(holds_checked_markup("<p><imgs></imgs><metadata></metadata><buttons></buttons></p>"));
}
