#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "checks/a11y/templates.hpp"

using namespace pacte;

namespace {

std::vector<std::string> checks_of(std::string_view path, std::string_view content) {
  std::vector<std::string> out;
  for (const auto& d : check_template(path, content)) out.push_back(d.check);
  return out;
}

int count(std::string_view path, std::string_view content, std::string_view check) {
  auto all = checks_of(path, content);
  return static_cast<int>(std::count(all.begin(), all.end(), check));
}

const A11yDefect* first(const std::vector<A11yDefect>& defects, std::string_view check) {
  for (const auto& d : defects) {
    if (d.check == check) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("template kinds are decided from the path, and from content for .js") {
  CHECK(template_kind("index.html") == TemplateKind::html);
  CHECK(template_kind("site/page.HTM") == TemplateKind::html);
  CHECK(template_kind("app/templates/base.html") == TemplateKind::jinja);
  CHECK(template_kind("app/templates/partials/nav.html") == TemplateKind::jinja);
  CHECK(template_kind("roles/web/templates/nginx.conf.j2") == TemplateKind::jinja);
  CHECK(template_kind("templates/base.html.twig") == TemplateKind::twig);
  CHECK(template_kind("app/views/layouts/application.html.erb") == TemplateKind::erb);
  CHECK(template_kind("views/index.ejs") == TemplateKind::erb);
  CHECK(template_kind("src/App.tsx") == TemplateKind::jsx);
  CHECK(template_kind("src/Nav.jsx") == TemplateKind::jsx);
  CHECK(template_kind("src/components/Header.vue") == TemplateKind::vue);
  CHECK(template_kind("public/index.php") == TemplateKind::php);
  CHECK(template_kind("src/main/webapp/WEB-INF/jsp/demande.jsp") == TemplateKind::erb);
  CHECK(template_kind("grails-app/views/layouts/main.gsp") == TemplateKind::erb);
  CHECK(template_kind("src/util.ts") == TemplateKind::other);
  CHECK(template_kind("src/App.js") == TemplateKind::other);
  CHECK(template_kind("README.md") == TemplateKind::other);

  CHECK(template_kind("src/App.js", "export default () => <div className=\"a\">Hi</div>;") ==
        TemplateKind::jsx);
  CHECK(template_kind("src/math.js", "if (a < b && c > d) { x = a<b; }") == TemplateKind::other);
  CHECK(template_kind("src/re.js", "const r = /<div>/g; const s = '<img src=x>';") ==
        TemplateKind::other);
  CHECK(template_kind("src/generic.ts", "const a = <string>b; return <div>x</div>;") ==
        TemplateKind::other);
}

TEST_CASE("templates to check: vendored, minified and test files are skipped") {
  CHECK(is_checked_template_path("src/App.tsx"));
  CHECK(is_checked_template_path("app/templates/base.html"));
  CHECK(is_checked_template_path("src/App.js"));
  CHECK_FALSE(is_checked_template_path("node_modules/pkg/index.html"));
  CHECK_FALSE(is_checked_template_path("vendor/bootstrap/docs/index.html"));
  CHECK_FALSE(is_checked_template_path("dist/index.html"));
  CHECK_FALSE(is_checked_template_path("static/app.min.js"));
  CHECK_FALSE(is_checked_template_path("src/__tests__/App.test.tsx"));
  CHECK_FALSE(is_checked_template_path("src/Button.stories.tsx"));
  CHECK_FALSE(is_checked_template_path("tests/fixtures/bad.html"));
  CHECK_FALSE(is_checked_template_path("src/style.css"));
}

// ------------------------------------------------------------------------------------- images

TEST_CASE("img-alt: an image without alt is reported with file, line and references") {
  std::string html = "<div>\n  <p>Hello</p>\n  <img src=\"logo.png\" class=\"logo\">\n</div>";
  auto defects = check_template("web/index.html", html);
  REQUIRE(defects.size() == 1);
  const auto& d = defects[0];
  CHECK(d.check == "img-alt");
  CHECK(d.rgaa == "1.1");
  CHECK(d.wcag == "1.1.1");
  CHECK(d.evidence.path == "web/index.html");
  CHECK(d.evidence.line == 3);
  CHECK(d.evidence.snippet == "<img src=\"logo.png\" class=\"logo\">");
  CHECK_FALSE(d.message.en.empty());
  CHECK(d.message.fr.find("alternative textuelle") != std::string::npos);
}

TEST_CASE("img-alt: empty alt, presentation role, aria-hidden and aria-label are correct") {
  CHECK(count("a.html", "<img src=a.png alt=\"\">", "img-alt") == 0);
  CHECK(count("a.html", "<img src=a.png alt>", "img-alt") == 0);
  CHECK(count("a.html", "<img src=a.png alt=\"Logo\">", "img-alt") == 0);
  CHECK(count("a.html", "<img src=a.png role=\"presentation\">", "img-alt") == 0);
  CHECK(count("a.html", "<img src=a.png aria-hidden=\"true\">", "img-alt") == 0);
  CHECK(count("a.html", "<img src=a.png aria-label=\"Logo\">", "img-alt") == 0);
  CHECK(count("a.html", "<img src=a.png aria-hidden=\"false\">", "img-alt") == 1);
  CHECK(count("a.html", "<IMG SRC=a.png>", "img-alt") == 1);
  // Text that looks like markup is not an element.
  CHECK(count("a.html", "<!-- <img src=a.png> --><p>&lt;img src=x&gt;</p>", "img-alt") == 0);
  CHECK(count("a.html", "<script>var s = '<img src=x>';</script>", "img-alt") == 0);
}

TEST_CASE("img-alt in JSX: alt={expr} is present, spread props are unknown, components skipped") {
  CHECK(count("A.tsx", "const A = () => <img src={logo} />;", "img-alt") == 1);
  CHECK(count("A.tsx", "const A = () => <img src={logo} alt={t('logo')} />;", "img-alt") == 0);
  CHECK(count("A.tsx", "const A = () => <img src={logo} alt=\"\" />;", "img-alt") == 0);
  CHECK(count("A.tsx", "const A = (p) => <img {...p} />;", "img-alt") == 0);
  CHECK(count("A.tsx", "const A = () => <Image src={logo} />;", "img-alt") == 0);
  CHECK(count("A.tsx", "const A = () => <motion.img src={logo} />;", "img-alt") == 0);
  // Comparisons and generics are not elements.
  CHECK(count("A.tsx", "function f<T>(a: T[]) { return a.length < img; }", "img-alt") == 0);
  // Elements inside expressions, maps and template literals are found.
  std::string nested = R"(export function List({items}: Props) {
  return (
    <ul>
      {items.map((i) => (
        <li key={i.id}>{i.ok ? <img src={i.src} /> : null}</li>
      ))}
    </ul>
  );
})";
  auto defects = check_template("src/List.tsx", nested);
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "img-alt");
  CHECK(defects[0].evidence.line == 5);
}

TEST_CASE("img-alt in Vue: :alt and v-bind:alt are present; only the template block is read") {
  std::string bad = "<template>\n  <div>\n    <img :src=\"logo\">\n  </div>\n</template>\n"
                    "<script>\nexport default { template: '<img src=x>' }\n</script>\n";
  auto defects = check_template("src/Logo.vue", bad);
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].evidence.line == 3);
  CHECK(count("L.vue", "<template><img :src=\"logo\" :alt=\"label\"></template>", "img-alt") == 0);
  CHECK(count("L.vue", "<template><img :src=\"logo\" v-bind:alt=\"label\"/></template>", "img-alt") == 0);
  CHECK(count("L.vue", "<template><img v-bind=\"attrs\"></template>", "img-alt") == 0);
  CHECK(count("L.vue", "<template lang=\"pug\">img(src='x')</template>", "img-alt") == 0);
}

TEST_CASE("img-alt in server templates: an expression as alt value is present") {
  CHECK(count("templates/a.html", "<img src=\"{{ url }}\">", "img-alt") == 1);
  CHECK(count("templates/a.html", "<img src=\"{{ url }}\" alt=\"{{ title }}\">", "img-alt") == 0);
  CHECK(count("t.html.twig", "<img src=\"{{ asset('a.png') }}\" alt=\"{{ 'logo'|trans }}\">", "img-alt") == 0);
  CHECK(count("v.html.erb", "<img src=\"<%= url %>\" alt=\"<%= t('.logo') %>\">", "img-alt") == 0);
  CHECK(count("v.html.erb", "<img src=\"<%= url %>\">", "img-alt") == 1);
  // A template tag among the attributes may print alt: not reported.
  CHECK(count("t.j2", "<img src=\"a.png\" {{ attrs }}>", "img-alt") == 0);
  CHECK(count("t.twig", "<img src=\"a.png\" {% if alt %}alt=\"{{ alt }}\"{% endif %}>", "img-alt") == 0);
  CHECK(count("p.php", "<img src=\"<?php echo $u; ?>\" alt=\"<?= $a ?>\">", "img-alt") == 0);
  // A template comment is not an expression.
  CHECK(count("t.j2", "{# <img src=x> #}<p>ok</p>", "img-alt") == 0);
}

TEST_CASE("area-alt and input-image-alt") {
  CHECK(count("a.html", "<map name=m><area shape=rect href=\"/a\"></map>", "area-alt") == 1);
  CHECK(count("a.html", "<map name=m><area shape=rect href=\"/a\" alt=\"Paris\"></map>", "area-alt") == 0);
  CHECK(count("a.html", "<map name=m><area shape=rect></map>", "area-alt") == 0);
  CHECK(count("a.html", "<input type=\"image\" src=\"go.png\">", "input-image-alt") == 1);
  CHECK(count("a.html", "<input type=\"IMAGE\" src=\"go.png\" alt=\"Search\">", "input-image-alt") == 0);
  CHECK(count("a.html", "<input type=\"submit\" value=\"Go\">", "input-image-alt") == 0);
  CHECK(count("a.html", "<input type=\"image\" src=\"go.png\" alt=\"Search\">", "form-label") == 0);
}

// --------------------------------------------------------------------------------- page checks

TEST_CASE("html-lang and page-title are checked on full documents only") {
  std::string full = "<!DOCTYPE html>\n<html>\n<head><title>Accueil</title></head><body></body></html>";
  auto defects = check_template("index.html", full);
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "html-lang");
  CHECK(defects[0].rgaa == "8.3");
  CHECK(defects[0].wcag == "3.1.1");
  CHECK(defects[0].evidence.line == 2);
  CHECK(defects[0].evidence.snippet == "<html>");

  CHECK(checks_of("index.html", "<html lang=\"fr\"><head><title>Accueil</title></head></html>").empty());
  CHECK(count("index.html", "<html lang=\"\"><title>x</title></html>", "html-lang") == 1);
  CHECK(count("index.xhtml", "<html xml:lang=\"fr\"><title>x</title></html>", "html-lang") == 0);
  CHECK(count("templates/base.html", "<html lang=\"{{ LANGUAGE_CODE }}\"><title>x</title></html>", "html-lang") == 0);
  // A fragment has no <html> (gumbo would add one): neither lang nor title is asked.
  CHECK(checks_of("templates/partial.html", "<nav><a href=\"/\">Accueil</a></nav>").empty());
  CHECK(checks_of("index.html", "<!-- <html> --><p>fragment</p>").empty());

  CHECK(count("index.html", "<html lang=fr><head></head><body>x</body></html>", "page-title") == 1);
  CHECK(count("index.html", "<html lang=fr><head><title>  </title></head></html>", "page-title") == 1);
  CHECK(count("index.html", "<html lang=fr><head><title>Démarches</title></head></html>", "page-title") == 0);
  // An SVG <title> is not the page title.
  CHECK(count("index.html", "<html lang=fr><body><svg><title>Icon</title></svg></body></html>", "page-title") == 1);
  // A block or an include in the head may bring the title: not reported.
  CHECK(count("templates/base.html",
              "<html lang=\"fr\"><head><title>{% block title %}{% endblock %}</title></head></html>",
              "page-title") == 0);
  CHECK(count("templates/base.html",
              "<html lang=\"fr\"><head>{% include 'head.html' %}</head><body></body></html>",
              "page-title") == 0);
  CHECK(count("layout.html.erb",
              "<html lang=\"<%= I18n.locale %>\"><head><title><%= yield(:title) %></title></head></html>",
              "page-title") == 0);
  // JSX root layouts: lang is checked, the title comes from code.
  CHECK(count("app/layout.tsx", "export default function L({children}) { return <html><body>{children}</body></html>; }",
              "html-lang") == 1);
  CHECK(checks_of("app/layout.tsx", "export default function L({children}) { return <html lang=\"fr\"><body>{children}</body></html>; }")
            .empty());
}

// ---------------------------------------------------------------------------------- form labels

TEST_CASE("form-label: fields without a label are reported") {
  auto defects = check_template("f.html", "<form>\n<input type=\"text\" name=\"q\" placeholder=\"Search\">\n</form>");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "form-label");
  CHECK(defects[0].rgaa == "11.1");
  CHECK(defects[0].wcag == "1.3.1, 4.1.2");
  CHECK(defects[0].evidence.line == 2);
  CHECK(defects[0].message.en.find("placeholder is not a label") != std::string::npos);
  CHECK(count("f.html", "<input name=q>", "form-label") == 1);
  CHECK(count("f.html", "<select name=s><option>a</option></select>", "form-label") == 1);
  CHECK(count("f.html", "<textarea name=t></textarea>", "form-label") == 1);
  CHECK(count("f.html", "<label for=\"other\">Name</label><input id=\"q\">", "form-label") == 1);
  CHECK(count("f.html", "<input aria-label=\"\">", "form-label") == 1);
}

TEST_CASE("form-label: labelled fields and non-fields are not reported") {
  CHECK(count("f.html", "<label for=\"q\">Search</label><input id=\"q\" name=\"q\">", "form-label") == 0);
  CHECK(count("f.html", "<input id=\"q\"><label for=\"q\">After</label>", "form-label") == 0);
  CHECK(count("f.html", "<label>Name <input name=n></label>", "form-label") == 0);
  CHECK(count("f.html", "<label>Pays <span><select name=c></select></span></label>", "form-label") == 0);
  CHECK(count("f.html", "<input aria-label=\"Search\">", "form-label") == 0);
  CHECK(count("f.html", "<span id=l>Search</span><input aria-labelledby=\"l\">", "form-label") == 0);
  CHECK(count("f.html", "<input title=\"Search\">", "form-label") == 0);
  for (const char* type : {"hidden", "submit", "button", "reset", "image"}) {
    CHECK(count("f.html", std::string("<input type=\"") + type + "\" alt=x>", "form-label") == 0);
  }
  CHECK(count("templates/f.html", "<input type=\"{{ field.type }}\" name=\"q\">", "form-label") == 0);
  CHECK(count("templates/f.html", "<label for=\"{{ field.id }}\">x</label><input id=\"id_q\">", "form-label") == 0);
  CHECK(count("t.twig", "<input {{ form_widget_attributes }}>", "form-label") == 0);
}

TEST_CASE("form-label in JSX and Vue") {
  CHECK(count("F.tsx", "const F = () => <><label htmlFor=\"q\">Q</label><input id=\"q\" /></>;", "form-label") == 0);
  CHECK(count("F.tsx", "const F = () => <><label htmlFor=\"x\">Q</label><input id=\"q\" /></>;", "form-label") == 1);
  CHECK(count("F.tsx", "const F = () => <input id=\"q\" />;", "form-label") == 1);
  CHECK(count("F.tsx", "const F = () => <label>Q <input /></label>;", "form-label") == 0);
  CHECK(count("F.tsx", "const F = ({id}) => <><label htmlFor={id}>Q</label><input id={id} /></>;", "form-label") == 0);
  CHECK(count("F.tsx", "const F = (p) => <input {...p} />;", "form-label") == 0);
  CHECK(count("F.tsx", "const F = () => <FormControl><FormLabel>Q</FormLabel><input /></FormControl>;", "form-label") == 0);
  CHECK(count("F.tsx", "const F = () => <Field label=\"Q\"><input /></Field>;", "form-label") == 0);
  CHECK(count("F.tsx", "const F = () => <Input />;", "form-label") == 0);
  CHECK(count("F.vue", "<template><input v-model=\"q\"></template>", "form-label") == 1);
  CHECK(count("F.vue", "<template><label for=\"q\">Q</label><input id=\"q\" v-model=\"q\"></template>", "form-label") == 0);
  CHECK(count("F.vue", "<template><input :aria-label=\"t('q')\" v-model=\"q\"></template>", "form-label") == 0);
  // Vue self-closing fields do not swallow what follows.
  CHECK(count("F.vue", "<template><div><textarea v-model=\"a\" aria-label=\"A\"/><img src=x></div></template>", "img-alt") == 1);
}

// --------------------------------------------------------------------------- links and buttons

TEST_CASE("link-name: links without accessible name are reported") {
  auto defects = check_template("n.html", "<nav>\n<a href=\"/\"><img src=\"home.png\"></a>\n</nav>");
  auto* d = first(defects, "link-name");
  REQUIRE(d);
  CHECK(d->rgaa == "6.2");
  CHECK(d->wcag == "2.4.4");
  CHECK(d->evidence.line == 2);
  CHECK(d->message.en.find("only content is an image") != std::string::npos);
  CHECK(count("n.html", "<a href=\"/\"></a>", "link-name") == 1);
  CHECK(count("n.html", "<a href=\"/\"><img src=h.png alt=\"\"></a>", "link-name") == 1);
  CHECK(count("n.html", "<a href=\"/\"><span aria-hidden=\"true\">→</span></a>", "link-name") == 1);
  CHECK(count("n.html", "<a href=\"/\"><svg><use href=\"#home\"/></svg></a>", "link-name") == 1);
  CHECK(count("n.html", "<a href=\"/\" aria-label=\"\"> </a>", "link-name") == 1);
}

TEST_CASE("link-name: named links are not reported") {
  CHECK(count("n.html", "<a href=\"/\">Accueil</a>", "link-name") == 0);
  CHECK(count("n.html", "<a href=\"/\"><img src=h.png alt=\"Accueil\"></a>", "link-name") == 0);
  CHECK(count("n.html", "<a href=\"/\" aria-label=\"Accueil\"><i class=icon></i></a>", "link-name") == 0);
  CHECK(count("n.html", "<a href=\"/\" title=\"Accueil\"></a>", "link-name") == 0);
  CHECK(count("n.html", "<a href=\"/\"><svg><title>Accueil</title></svg></a>", "link-name") == 0);
  CHECK(count("n.html", "<a href=\"/\"><span class=\"sr-only\">Accueil</span><i></i></a>", "link-name") == 0);
  CHECK(count("n.html", "<a name=\"top\"></a>", "link-name") == 0);  // an anchor, not a link
  CHECK(count("n.html", "<a href=\"/\" aria-hidden=\"true\" tabindex=\"-1\"></a>", "link-name") == 0);
  CHECK(count("templates/n.html", "<a href=\"{{ url }}\">{{ _('Home') }}</a>", "link-name") == 0);
  CHECK(count("n.html.erb", "<a href=\"/\"><%= t('.home') %></a>", "link-name") == 0);
  CHECK(count("n.twig", "<a href=\"{{ path('home') }}\">{% trans %}Home{% endtrans %}</a>", "link-name") == 0);
  CHECK(count("N.tsx", "const N = () => <a href=\"/\">{t('home')}</a>;", "link-name") == 0);
  CHECK(count("N.tsx", "const N = () => <a href=\"/\"><HomeIcon /></a>;", "link-name") == 0);
  CHECK(count("N.tsx", "const N = () => <a href=\"/\">{/* todo */}</a>;", "link-name") == 1);
  CHECK(count("N.tsx", "const N = () => <a href=\"/\" dangerouslySetInnerHTML={{__html: h}} />;", "link-name") == 0);
  CHECK(count("N.vue", "<template><a :href=\"u\">{{ $t('home') }}</a></template>", "link-name") == 0);
  CHECK(count("N.vue", "<template><a :href=\"u\" v-html=\"label\"></a></template>", "link-name") == 0);
  CHECK(count("N.vue", "<template><a :href=\"u\"><slot /></a></template>", "link-name") == 0);
  CHECK(count("N.vue", "<template><a :href=\"u\"></a></template>", "link-name") == 1);
}

TEST_CASE("button-name") {
  auto defects = check_template("b.html", "<button type=\"button\"><i class=\"fa fa-close\"></i></button>");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "button-name");
  CHECK(defects[0].rgaa == "11.9");
  CHECK(defects[0].wcag == "4.1.2");
  CHECK(count("b.html", "<button><img src=x.png alt=\"\"></button>", "button-name") == 1);
  CHECK(count("B.tsx", "const B = () => <button onClick={close}><svg viewBox=\"0 0 1 1\" /></button>;", "button-name") == 1);
  CHECK(count("b.html", "<button>Fermer</button>", "button-name") == 0);
  CHECK(count("b.html", "<button aria-label=\"Fermer\"><i></i></button>", "button-name") == 0);
  CHECK(count("b.html", "<button><img src=x.png alt=\"Fermer\"></button>", "button-name") == 0);
  CHECK(count("B.tsx", "const B = () => <button onClick={close}>{label}</button>;", "button-name") == 0);
  CHECK(count("B.tsx", "const B = () => <button aria-label={t('close')}><X /></button>;", "button-name") == 0);
  CHECK(count("B.vue", "<template><button @click=\"x\">{{ label }}</button></template>", "button-name") == 0);
  CHECK(count("B.vue", "<template><button @click=\"x\"><Icon name=\"x\"/></button></template>", "button-name") == 0);
}

// ------------------------------------------------------------------------- frames, meta, others

TEST_CASE("frame-title") {
  auto defects = check_template("f.html", "<iframe src=\"https://example.org/map\"></iframe>");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "frame-title");
  CHECK(defects[0].rgaa == "2.1");
  CHECK(defects[0].wcag == "4.1.2");
  CHECK(count("f.html", "<iframe src=x title=\"\"></iframe>", "frame-title") == 1);
  CHECK(count("f.html", "<iframe src=x title=\"Carte\"></iframe>", "frame-title") == 0);
  CHECK(count("f.html", "<iframe src=x aria-hidden=\"true\"></iframe>", "frame-title") == 0);
  CHECK(count("F.tsx", "const F = () => <iframe src={u} title={t('map')} />;", "frame-title") == 0);
  CHECK(count("F.tsx", "const F = () => <iframe src={u} />;", "frame-title") == 1);
}

TEST_CASE("viewport-zoom") {
  auto defects = check_template("i.html", "<meta name=\"viewport\" content=\"width=device-width, user-scalable=no\">");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "viewport-zoom");
  CHECK(defects[0].rgaa == "10.4");
  CHECK(defects[0].wcag == "1.4.4");
  CHECK(count("i.html", "<meta name=viewport content=\"width=device-width,user-scalable=0\">", "viewport-zoom") == 1);
  CHECK(count("i.html", "<meta name=viewport content=\"width=device-width, maximum-scale=1\">", "viewport-zoom") == 1);
  CHECK(count("i.html", "<meta name=viewport content=\"width=device-width; maximum-scale=1.5\">", "viewport-zoom") == 1);
  CHECK(count("i.html", "<meta name=viewport content=\"width=device-width, initial-scale=1\">", "viewport-zoom") == 0);
  CHECK(count("i.html", "<meta name=viewport content=\"width=device-width, maximum-scale=5, user-scalable=yes\">", "viewport-zoom") == 0);
  CHECK(count("i.html", "<meta name=viewport content=\"width=device-width, minimum-scale=1\">", "viewport-zoom") == 0);
  CHECK(count("i.html", "<meta name=description content=\"user-scalable=no\">", "viewport-zoom") == 0);
}

TEST_CASE("tabindex-positive") {
  auto defects = check_template("t.html", "<div tabindex=\"3\">x</div>");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "tabindex-positive");
  CHECK(defects[0].rgaa == "12.8");
  CHECK(defects[0].wcag == "2.4.3");
  CHECK(count("T.tsx", "const T = () => <div tabIndex={1}>x</div>;", "tabindex-positive") == 1);
  CHECK(count("t.html", "<div tabindex=\"0\">x</div><div tabindex=\"-1\">y</div>", "tabindex-positive") == 0);
  CHECK(count("T.tsx", "const T = () => <div tabIndex={i}>x</div>;", "tabindex-positive") == 0);
  CHECK(count("T.tsx", "const T = () => <Tab tabIndex={2}>x</Tab>;", "tabindex-positive") == 0);
}

TEST_CASE("blink-marquee") {
  auto defects = check_template("m.html", "<p><marquee>Soldes</marquee></p>");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "blink-marquee");
  CHECK(defects[0].rgaa == "13.8");
  CHECK(defects[0].wcag == "2.2.2");
  CHECK(count("m.html", "<blink>New</blink>", "blink-marquee") == 1);
  CHECK(count("m.html", "<p class=\"marquee blink\">New</p>", "blink-marquee") == 0);
}

TEST_CASE("meta-refresh") {
  auto defects = check_template("r.html", "<meta http-equiv=\"refresh\" content=\"30\">");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "meta-refresh");
  CHECK(defects[0].rgaa == "13.1");
  CHECK(defects[0].wcag == "2.2.1");
  CHECK(count("r.html", "<meta http-equiv=\"Refresh\" content=\"5; url=/new\">", "meta-refresh") == 1);
  CHECK(count("r.html", "<meta http-equiv=\"refresh\" content=\"0; url=/new\">", "meta-refresh") == 0);
  CHECK(count("r.html", "<meta http-equiv=\"content-type\" content=\"text/html\">", "meta-refresh") == 0);
}

// ---------------------------------------------------------------------------------- robustness

TEST_CASE("malformed and hostile input never throws and never reports correct elements") {
  CHECK_NOTHROW(check_template("a.html", ""));
  CHECK_NOTHROW(check_template("a.html", "<<<<img <a href <input"));
  CHECK_NOTHROW(check_template("a.tsx", "<<<<img <a href <input {{{{ ((( `${"));
  CHECK_NOTHROW(check_template("a.vue", "<template><img alt=\"x"));
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  CHECK_NOTHROW(check_template("deep.html", deep + "<img>"));
  std::string jsx_deep = "const a = (";
  for (int i = 0; i < 5000; ++i) jsx_deep += "<div>";
  CHECK_NOTHROW(check_template("deep.tsx", jsx_deep));
  std::string many = "x = (";
  for (int i = 0; i < 20000; ++i) many += "(<a ";
  CHECK_NOTHROW(check_template("many.tsx", many));
  // Non-ASCII paths and content stay valid UTF-8 in evidence.
  auto defects = check_template("pages/Accessibilité.html", "<img src=\"é.png\" data-x=\"\xff\">");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].evidence.path == "pages/Accessibilité.html");
}

TEST_CASE("check_templates walks the snapshot in path order and skips vendored files") {
  MemorySnapshot snap;
  snap.add("src/App.tsx", "export const App = () => <main><img src={a} /></main>;\n");
  snap.add("node_modules/lib/index.html", "<img src=x>");
  snap.add("templates/base.html", "<html lang=\"fr\"><head><title>{% block t %}{% endblock %}</title></head>"
                                  "<body><img src=\"x.png\"></body></html>");
  snap.add("src/util.js", "export const lt = (a, b) => a < b;");
  snap.add("src/__tests__/bad.test.tsx", "const x = <img src={a} />;");
  auto defects = check_templates(snap);
  REQUIRE(defects.size() == 2);
  CHECK(defects[0].evidence.path == "src/App.tsx");
  CHECK(defects[1].evidence.path == "templates/base.html");
}

TEST_CASE("JSP and GSP pages are checked; a GSP view decorated by a layout is not a full document") {
  // A JSP form: the directive and the comment are blanked, the unlabelled field is reported.
  std::string_view jsp =
      "<%@ page contentType=\"text/html;charset=UTF-8\" %>\n"
      "<%-- <img src=\"old.png\"> --%>\n"
      "<form><label for=\"nir\">NIR</label><input id=\"nir\" name=\"nir\">\n"
      "<input type=\"text\" name=\"telephone\"/></form>\n";
  auto defects = check_template("src/main/webapp/WEB-INF/jsp/demande.jsp", jsp);
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "form-label");
  CHECK(defects[0].evidence.line == 4);
  // A Grails view with <meta name="layout">: SiteMesh's layout writes <html lang> and <title>.
  std::string_view view = "<html>\n<head><meta name=\"layout\" content=\"main\"/></head>\n<body><p>x</p></body>\n</html>\n";
  CHECK(checks_of("grails-app/views/accessibilite/index.gsp", view).empty());
  // The same page without a layout is a full document without a language.
  CHECK(count("grails-app/views/accessibilite/index.gsp", "<html>\n<head><title>T</title></head>\n</html>\n", "html-lang") == 1);
}

TEST_CASE("hidden buttons and links, and a head filled at build time, are not defects") {
  // A submit button kept only for the Enter key, hidden from everyone: nothing to name.
  CHECK(count("src/Step1.tsx", "const A = () => <button style={{ display: \"none\" }} type=\"submit\" />;", "button-name") == 0);
  CHECK(count("a.html", "<button hidden></button>", "button-name") == 0);
  CHECK(count("a.html", "<a href=\"#\" style=\"display:none\"></a>", "link-name") == 0);
  CHECK(count("m.html.twig", "<button class=\"fr-hidden\" data-fr-opened=\"false\" aria-controls=\"m\"></button>", "button-name") == 0);
  CHECK(count("m.html.twig", "<button class=\"btn d-none\"></button>", "button-name") == 0);
  CHECK(count("m.html.twig", "<button class=\"btn d-none d-md-block\"></button>", "button-name") == 1);
  CHECK(count("m.html.twig", "<button class=\"fr-hidden fr-unhidden-lg\"></button>", "button-name") == 1);
  // Visible ones are still reported.
  CHECK(count("src/Step1.tsx", "const A = () => <button style={{ color: \"red\" }} type=\"submit\" />;", "button-name") == 1);
  CHECK(count("a.html", "<a href=\"#\"></a>", "link-name") == 1);
  // Vite replaces %VITE_HEAD% (or any %NAME%) at build time, possibly with the <title>.
  CHECK(count("web/index.html", "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n%VITE_HEAD%\n</head>\n<body></body>\n</html>\n", "page-title") == 0);
  // SvelteKit's app.html brings each page's <title> in through %sveltekit.head%.
  CHECK(count("src/app.html", "<!doctype html>\n<html lang=\"fr\">\n<head>\n%sveltekit.head%\n</head>\n<body>%sveltekit.body%</body>\n</html>\n", "page-title") == 0);
  CHECK(count("src/app.html", "<!doctype html>\n<html lang=\"fr\">\n<head>\n</head>\n<body>%sveltekit.body%</body>\n</html>\n", "page-title") == 1);
  CHECK(count("web/index.html", "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><style>a{width:100%}</style></head>\n<body></body>\n</html>\n", "page-title") == 1);
}

TEST_CASE("pages judged while another check has them loaded are not read again, and judged the same") {
  // A tree larger than the content budget (here 0: nothing is kept): the tracker scan reads
  // every file first; the page scan then takes the pages judged as they were loaded.
  auto tree = [] {
    auto snap = std::make_unique<MemorySnapshot>();
    snap->add("templates/index.html", "<!DOCTYPE html>\n<html><head><title>A</title></head><body>\n<img src=\"a.png\">\n</body></html>\n");
    snap->add("templates/form.html.twig", "<form><input type=\"text\" name=\"q\"></form>\n");
    snap->add("src/App.jsx", "export const App = () => <a href=\"/x\"></a>;\n");
    snap->add("src/util.js", "export const x = 1;\n");
    snap->add("README.md", "# Service\n");
    snap->set_content_budget(0);
    return snap;
  };
  auto summary = [](const TemplateScan& scan) {
    std::string out = std::to_string(scan.pages_checked) + " pages:";
    for (const auto& d : scan.defects) out += " " + d.check + "@" + d.evidence.path + ":" + std::to_string(d.evidence.line);
    return out;
  };
  auto alone = tree();
  const std::string expected = summary(scan_templates(*alone));
  CHECK(expected == "3 pages: link-name@src/App.jsx:1 form-label@templates/form.html.twig:1 html-lang@templates/index.html:2 img-alt@templates/index.html:3");

  auto snap = tree();
  PageJudgements ahead(*snap, {});
  snap->add_load_observer([&](const FileEntry& e, const FileContent& c) { ahead.observe(e, c); });
  for (const auto& entry : snap->files()) (void)snap->content(entry);  // the first check's pass
  CHECK(snap->loads() == 5);
  CHECK(summary(scan_templates(*snap, {}, &ahead)) == expected);
  CHECK(snap->loads() == 5);  // no page read a second time
  CHECK_FALSE(ahead.take(*snap->find("templates/index.html")));  // handed over once, then closed
}
