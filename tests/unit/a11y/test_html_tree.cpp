// The one-pass tree builder must give the tree gumbo gives, or give up and let gumbo parse:
// every page below is parsed both ways and the trees compared node by node (tag, attributes,
// text, source offsets), so a defect is reported on the same element whichever builds it.
//
// With PACTE_HTML_CORPUS set to a folder, every file under it is compared too, HAML, Slim and
// Svelte files through their HTML skeleton (how the builder was measured on real repositories:
// see the README's performance section).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "checks/a11y/markup.hpp"
#include "checks/a11y/skeleton.hpp"
#include "markup_diff.hpp"
#include "checks/a11y/templates.hpp"

using namespace pacte;
using namespace pacte::a11y;

namespace {

// Whether the one-pass builder took the page (after neutralising its template tags).
bool built_in_one_pass(std::string_view source) {
  std::string buffer(source);
  auto ranges = neutralise_template_tags(buffer);
  MarkupTree tree;
  return build_html_tree(buffer, ranges, tree);
}

}  // namespace

TEST_CASE("the one-pass builder gives gumbo's tree for pages written the common way") {
  const char* pages[] = {
      // A whole page: implied and written html, head, body; void elements; raw text.
      "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>Démarches</title>\n"
      "<link rel=\"stylesheet\" href=\"/a.css\">\n<script>var a = 1 < 2;</script>\n<style>p{}</style>\n</head>\n"
      "<body class=\"fr\">\n<header><nav><ul><li><a href=\"/\">Accueil</a><li><a href=\"/aide\">Aide</a></ul></nav></header>\n"
      "<main><h1>Titre</h1><p>Un<p>Deux<div>Trois</div><img src=\"x.png\" alt=\"\"><br></main>\n</body>\n</html>\n",
      // Fragments and partials: no html, head or body written.
      "<div class=\"fr-col\"><p>Texte <strong>fort</strong> et <em>appuyé</em></p></div>",
      "<tr><td>Cellule</td><td><input type=\"text\" id=\"x\"></td></tr>",
      "<li>Un</li><li>Deux",
      "Du texte seul",
      "",
      // Forms, labels, selects.
      "<form action=\"/f\"><label for=\"nom\">Nom</label><input id=\"nom\" name=\"nom\">\n"
      "<select name=\"s\"><option value=\"1\">Un<option value=\"2\" selected>Deux<optgroup label=\"g\"><option>Trois</select>\n"
      "<textarea name=\"t\">\n  <b>pas une balise</b></textarea><button type=\"submit\">Envoyer</button></form>",
      "<form><form><input></form></form><p>après",
      // gumbo takes a closed form out without flushing its text: the text goes to the parent.
      "<section><form><h2>Format</h2>{% include 'choix.html.twig' %}</form>\n</section>",
      // Tables with implied parts, cells closed by what follows.
      "<table><caption>Titre</caption><tr><th>A<th>B<tr><td>1<td>2</table><p>après</p>",
      "<table>\n  <thead><tr><th>A</th></tr></thead>\n  <tbody><tr><td><a href=\"/x\">x</a></td></tr></tbody>\n</table>",
      "<table><col><col><tr><td>x</td></tr></table>",
      "<table><colgroup><col></colgroup><tbody><tr><td>1</tbody><tfoot><tr><td>2</table>",
      // Definition lists, headings, pre.
      "<dl><dt>Terme<dd>Définition<dt>Autre<dd>Encore</dl><h2>Un<h3>Deux</h3></h2><pre>\ncode</pre>",
      // Attributes: quotes, duplicates, references, no value, case, odd spacing.
      "<img SRC=x.png ALT='Logo' data-x = \"a &amp; b &lt;c&gt; &quot;d&quot; &#233; &#xE9; &nbsp;\">",
      "<a href=\"/recherche?q=1&page=2&utm_source=x&amp;b=3\" title=\"Suite\">Suite</a>",
      "<input disabled type=checkbox checked id=c><label for=c>Case</label>",
      "<div tabindex=\"2\"><span aria-hidden=true>x</span></div><a href=/x/>lien</a>",
      // SVG inside buttons and links.
      "<button type=\"button\"><svg viewBox=\"0 0 24 24\" aria-hidden=\"true\"><path d=\"M0 0\"/><title>Fermer</title></svg></button>",
      "<a href=\"/\"><svg><use href=\"#i\"></use></svg></a>",
      // Template tags neutralised: dynamic values, attributes written by the template.
      "<img src=\"{{ url }}\" alt=\"{{ alt }}\" {% if x %}hidden{% endif %}><a href=\"{{ path('x') }}\">{{ 'x'|trans }}</a>",
      "<html lang=\"{{ lang }}\"><head><title>{% block title %}{% endblock %}</title></head><body></body></html>",
      "<?php echo $x; ?><div class=\"<?= $c ?>\"><?php if ($a): ?><p>a</p><?php endif; ?></div>",
      // Comments, doctype, processing instructions, bogus comments, stray '<'.
      "<!-- <img src=x> --><!----><!--->x<?xml version=\"1.0\"?><! bogus ><p>1 < 2 and a <3</p></ x>",
      // Formatting elements closed in order, markers.
      "<p><b><i>x</i></b> <a href=\"/\"><span>y</span></a></p><marquee><b>z</marquee>",
      // Elements after </body> and </html>.
      "<html><body><p>x</p></body></html>\n<div>après</div>",
      // Custom elements and components; to gumbo every unknown name is the same tag.
      "<my-header></my-header><fr-button label=\"x\"></fr-button><x-y/>",
      "<x-panel><p>un</p></b-card><div>deux</div>",
      // Iframes and noscript in the body.
      "<iframe src=\"https://www.youtube.com/embed/x\" title=\"Vidéo\"></iframe><noscript><img src=\"/p.gif\"></noscript>",
  };
  for (std::string page : pages) {
    CAPTURE(page);
    CHECK(built_in_one_pass(page));
    CHECK(pacte::test::markup_difference(parse_html(page), parse_html_with_gumbo(page)) == "");
  }
}

TEST_CASE("pages the one-pass builder leaves to gumbo are parsed by gumbo, to the same tree") {
  const char* pages[] = {
      "<b><p>misnested</b>formatting</p>",                   // the adoption agency
      "<a href=\"/1\">one<a href=\"/2\">two</a>",            // an <a> in an <a>
      "<table><tr><td>x</td></tr>stray text</table>",        // foster parenting
      "<table><div>x</div></table>",                         // foster parenting
      "<math><mi>x</mi></math>",                             // MathML
      "<template><p>x</p></template>",                       // template contents
      "<head><noscript><img src=\"/p.gif\"></noscript></head>",  // noscript in the head
      "<p>x<html lang=\"fr\">",                              // a second html with attributes
      "<svg><![CDATA[x]]></svg>",                            // CDATA
      "<p title=\"&eacute;t&eacute;\">x</p>",                // a reference it does not decode
      "<p title=\"&copy 2026\">x</p>",                        // a legacy reference without ';'
      "<div class=\"x\"",                                     // a tag cut by the end of the file
      "<p>x</p></p>",                                         // </p> with no <p>: gumbo adds one
      "<script><!-- document.write('<script></script>') --></script>",  // script escapes
      "<p><table><tr><td>x</table>",                          // a table in a p: by the doctype's mode
      "<button><button>x</button></button>",                  // a button in a button
      "<svg><foreignObject><div>x</div></foreignObject></svg>",  // an HTML integration point
      "<p>&#32;</p>",                                         // text blank once decoded
      "<img alt=\"un\" ALT=\"deux\" src=\"x.png\">",              // the same attribute twice
      "<p>\v</p>",                                           // a vertical tab: U+FFFD to gumbo
      "<img src=\"a.p\xef\xbf\xbf\xffng\">",                    // a value that is not UTF-8
  };
  for (std::string page : pages) {
    CAPTURE(page);
    CHECK_FALSE(built_in_one_pass(page));
    CHECK(pacte::test::markup_difference(parse_html(page), parse_html_with_gumbo(page)) == "");
  }
  const std::string nul("<p>a\0b</p>", 10);  // a NUL byte
  CHECK_FALSE(built_in_one_pass(nul));
  CHECK(pacte::test::markup_difference(parse_html(nul), parse_html_with_gumbo(nul)) == "");
}

TEST_CASE("a defect is reported the same whichever builder reads the page") {
  // The defects of a page the builder takes and of the same page made to need gumbo (a
  // misnested <b> at its end) are the same.
  std::string page =
      "<!DOCTYPE html>\n<html>\n<head><meta name=\"viewport\" content=\"user-scalable=no\"></head>\n<body>\n"
      "<img src=\"/logo.png\">\n<a href=\"/x\"></a>\n<form><input type=\"text\" name=\"q\"></form>\n"
      "<div tabindex=\"4\">x</div>\n<iframe src=\"/v\"></iframe>\n</body>\n</html>\n";
  REQUIRE(built_in_one_pass(page));
  std::string misnested = page + "<b><p>x</b></p>\n";
  REQUIRE_FALSE(built_in_one_pass(misnested));
  auto summary = [](const std::vector<A11yDefect>& defects) {
    std::string out;
    for (const auto& d : defects) out += d.check + "@" + std::to_string(d.evidence.line) + " ";
    return out;
  };
  CHECK(summary(check_template("index.html", page)) ==
        "html-lang@2 page-title@2 viewport-zoom@3 img-alt@5 link-name@6 form-label@7 tabindex-positive@8 frame-title@9 ");
  CHECK(summary(check_template("index.html", misnested)) == summary(check_template("index.html", page)));
}

TEST_CASE("every file of a corpus gives gumbo's tree (PACTE_HTML_CORPUS)") {
  const char* corpus = std::getenv("PACTE_HTML_CORPUS");
  if (!corpus) return;
  std::size_t files = 0, taken = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string page = bytes.str();
    // HAML, Slim and Svelte are translated into an HTML skeleton, which parse_html reads.
    std::string ext = entry.path().extension().string();
    if (ext == ".haml") page = haml_to_html(page).html;
    else if (ext == ".slim") page = slim_to_html(page).html;
    else if (ext == ".svelte") page = svelte_to_html(page).html;
    ++files;
    if (built_in_one_pass(page)) ++taken;
    CAPTURE(entry.path().string());
    CHECK(pacte::test::markup_difference(parse_html(page), parse_html_with_gumbo(page)) == "");
  }
  MESSAGE(files << " files, " << taken << " built in one pass, " << files - taken << " left to gumbo");
}
