// HAML, Slim and Svelte templates: translated into an HTML skeleton, then checked as pages.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "checks/a11y/skeleton.hpp"
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

}  // namespace

TEST_CASE("HAML, Slim and Svelte files are templates of their own kind") {
  CHECK(template_kind("app/views/users/show.html.haml") == TemplateKind::haml);
  CHECK(template_kind("app/views/layouts/_footer.haml") == TemplateKind::haml);
  CHECK(template_kind("app/views/home/index.html.slim") == TemplateKind::slim);
  CHECK(template_kind("src/routes/+page.svelte") == TemplateKind::svelte);
  CHECK(template_kind_name(TemplateKind::haml) == "haml");
  CHECK(is_checked_template_path("app/views/users/show.html.haml"));
  CHECK_FALSE(is_checked_template_path("spec/views/show.html.haml"));
}

TEST_CASE("HAML: an image without alt is reported at its line, with the HAML line as evidence") {
  std::string haml =
      "%section.logos\n"
      "  %h2 Partenaires\n"
      "  %img.close-icon{ src: image_url(\"close.svg\") }\n"
      "  %img{ src: \"a.png\", alt: \"\" }\n"
      "  %img(src=\"b.png\" alt=\"Logo\")\n"
      "  %img{ src: logo, alt: t('.logo') }\n";
  auto defects = check_template("app/views/home/index.html.haml", haml);
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].check == "img-alt");
  CHECK(defects[0].evidence.line == 3);
  CHECK(defects[0].evidence.snippet == "%img.close-icon{ src: image_url(\"close.svg\") }");
}

TEST_CASE("HAML: attribute hashes that may hold anything are not judged") {
  CHECK(count("a.html.haml", "%img{ src: x, **image_options }\n", "img-alt") == 0);
  CHECK(count("a.html.haml", "%img{ image_attributes }\n", "img-alt") == 0);
  CHECK(count("a.html.haml", "%img{ src: x,\n  alt: \"multi-line hash\" }\n", "img-alt") == 0);
  CHECK(count("a.html.haml", "%img{ src: x, aria: { hidden: true } }\n", "img-alt") == 0);
  CHECK(count("a.html.haml", "%img{ src: x, alt: nil }\n", "img-alt") == 1);
}

TEST_CASE("HAML: image_tag is an image; its alt comes from its options") {
  CHECK(count("a.html.haml", "= image_tag field.data.logo_url\n", "img-alt") == 1);
  CHECK(count("a.html.haml", "= image_tag \"icons/a.svg\", alt: ''\n", "img-alt") == 0);
  CHECK(count("a.html.haml", "= image_tag(\"icons/a.svg\", \"alt\" => t(\".a\"))\n", "img-alt") == 0);
  CHECK(count("a.html.haml", "= image_tag \"icons/a.svg\", options\n", "img-alt") == 0);
  CHECK(count("a.html.haml", "%p= image_tag logo\n", "img-alt") == 1);
}

TEST_CASE("HAML: Rails label helpers label fields; a bare field is reported") {
  // A form builder's label names an id the template does not show: fields with an id count
  // as labelled, those without one cannot be.
  CHECK(count("a.html.haml", "= form_for @user do |f|\n  = f.label :email\n  %input#user_email{ type: 'email' }\n",
              "form-label") == 0);
  CHECK(count("a.html.haml", "= form_for @user do |f|\n  = f.label :email\n  = f.email_field :email\n",
              "form-label") == 0);
  CHECK(count("a.html.haml", "= label_tag :field, \"Colonne\"\n%select#field{ name: :field }\n", "form-label") == 0);
  CHECK(count("a.html.haml", "= label_tag :other, \"Colonne\"\n%select#field{ name: :field }\n", "form-label") == 1);
  CHECK(count("a.html.haml", "= f.label :password do\n  Mot de passe\n  %input{ type: 'password' }\n",
              "form-label") == 0);
  CHECK(count("a.html.haml", "%input{ type: 'text', name: 'q' }\n", "form-label") == 1);
  CHECK(count("a.html.haml", "%input{ type: 'text', name: 'q', 'aria-label': 'Rechercher' }\n", "form-label") == 0);
  CHECK(count("a.html.haml", "%input{ type: 'text', name: 'q', aria: { label: t('.q') } }\n", "form-label") == 0);
}

TEST_CASE("HAML: links and buttons take their name from text, Ruby output or their content") {
  CHECK(count("a.html.haml", "%a{ href: root_path }\n  %img{ src: 'logo.png' }\n", "link-name") == 1);
  CHECK(count("a.html.haml", "%a{ href: root_path }= t('.home')\n", "link-name") == 0);
  CHECK(count("a.html.haml", "%a{ href: root_path } Accueil\n", "link-name") == 0);
  CHECK(count("a.html.haml", "%a{ href: root_path }\n  %span.icon\n", "link-name") == 1);
  CHECK(count("a.html.haml", "= link_to root_path, class: 'logo' do\n  = image_tag 'logo.png', alt: 'Accueil'\n",
              "link-name") == 0);
  CHECK(count("a.html.haml", "= link_to root_path do\n  %span.icon\n", "link-name") == 1);
  CHECK(count("a.html.haml", "%button.fr-btn{ type: 'submit' }\n", "button-name") == 1);
  CHECK(count("a.html.haml", "%button.fr-btn{ type: 'submit', title: 'Fermer' }\n", "button-name") == 0);
}

TEST_CASE("HAML: comments, filters and Ruby code are not markup; the layout keeps its page facts") {
  std::string layout =
      "!!! 5\n"
      "%html{ lang: \"fr\", class: yield(:root_class) }\n"
      "  %head\n"
      "    %title\n"
      "      = content_for?(:title) ? yield(:title) : APPLICATION_NAME\n"
      "    :javascript\n"
      "      var x = '<img src=a>';\n"
      "  %body\n"
      "    -# %img{ src: 'hidden.png' }\n"
      "    / %img{ src: 'commented.png' }\n"
      "    - if staging?\n"
      "      #beta\n"
      "        Env Test\n";
  CHECK(checks_of("app/views/layouts/application.html.haml", layout).empty());
  auto no_lang = check_template("a.html.haml", "!!!\n%html\n  %head\n    %title Démarches\n");
  REQUIRE(no_lang.size() == 1);
  CHECK(no_lang[0].check == "html-lang");
  CHECK(no_lang[0].evidence.line == 2);
  CHECK(no_lang[0].evidence.snippet == "%html");
  CHECK(count("a.html.haml", "!!!\n%html{ lang: I18n.locale }\n  %head\n    %title\n", "page-title") == 1);
}

TEST_CASE("Slim: elements, attributes and helpers are read like HAML's") {
  CHECK(count("a.slim", "section.logos\n  img.logo src=image_path('a.png')\n", "img-alt") == 1);
  CHECK(count("a.slim", "section.logos\n  img.logo src=image_path('a b.png') alt=\"\"\n", "img-alt") == 0);
  CHECK(count("a.slim", "img(src=\"a.png\" alt=t('.logo'))\n", "img-alt") == 0);
  CHECK(count("a.slim", "img*image_options\n", "img-alt") == 0);
  CHECK(count("a.slim", "= image_tag 'a.png'\n", "img-alt") == 1);
  CHECK(count("a.slim", "ul\n  li: a href=root_path\n    img src='a.png'\n", "link-name") == 1);
  CHECK(count("a.slim", "ul\n  li: a href=root_path Accueil\n", "link-name") == 0);
  CHECK(count("a.slim", "a href=root_path = t('.home')\n", "link-name") == 0);
  CHECK(count("a.slim", "= label_tag :q, 'Rechercher'\ninput#q type=\"text\" name=\"q\"\n", "form-label") == 0);
  CHECK(count("a.slim", "input#q type=\"text\" name=\"q\"\n", "form-label") == 1);
  CHECK(count("a.slim", "javascript:\n  document.write('<img src=a>')\n/ img src='b.png'\n", "img-alt") == 0);
  // Verbatim text is written as it is: inline HTML in it is markup.
  CHECK(count("a.slim", "p\n  | Du texte <img src=\"c.png\" alt=\"\">\n", "img-alt") == 0);
  auto inline_html = check_template("a.slim", "p\n  | Du texte <img src=\"c.png\">\n");
  REQUIRE(inline_html.size() == 1);
  CHECK(inline_html[0].evidence.line == 2);
  auto defects = check_template("app/views/home/index.html.slim", "div\n  p Bonjour\n  img src=logo\n");
  REQUIRE(defects.size() == 1);
  CHECK(defects[0].evidence.line == 3);
  CHECK(defects[0].evidence.snippet == "img src=logo");
}

TEST_CASE("Svelte: expressions and blocks are opaque, components are not judged") {
  std::string page =
      "<script>\n"
      "  import Button from '$lib/Button.svelte';\n"
      "  let src = '<img src=x>';\n"
      "</script>\n"
      "{#if user}\n"
      "  <img {src} alt={user.name}>\n"
      "  <img src=\"/logo.png\">\n"
      "{:else}\n"
      "  <a href=\"/login\">{$t('login')}</a>\n"
      "{/if}\n"
      "<a href=\"/home\"><img src=\"/home.svg\" /></a>\n"
      "<Button on:click={() => open = x > 1}></Button>\n"
      "<button on:click={close}></button>\n"
      "<input {...props}>\n"
      "<input bind:value={query} aria-label=\"Rechercher {scope}\">\n"
      "<input bind:value={other}>\n"
      "<style>\n  img { width: 1px }\n</style>\n";
  auto defects = check_template("src/routes/+page.svelte", page);
  std::vector<std::pair<std::string, int>> found;
  for (const auto& d : defects) found.emplace_back(d.check, d.evidence.line);
  std::vector<std::pair<std::string, int>> expected = {
      {"img-alt", 7}, {"link-name", 11}, {"img-alt", 11}, {"button-name", 13}, {"form-label", 16}};
  CHECK(found == expected);
  REQUIRE(!defects.empty());
  CHECK(defects[0].evidence.snippet == "<img src=\"/logo.png\">");
}

TEST_CASE("Svelte: a capitalised tag is a component even when it has a native element's name") {
  CHECK(count("a.svelte", "<Input bind:value={x} />\n", "form-label") == 0);
  CHECK(count("a.svelte", "<Image src={x} />\n", "img-alt") == 0);
  CHECK(count("a.svelte", "<label for=\"q\">Q</label><input id=\"q\">\n", "form-label") == 0);
  CHECK(count("a.svelte", "<label>Q <input bind:value={q}></label>\n", "form-label") == 0);
  CHECK(count("a.svelte", "<a href=\"/\">{@html logo}</a>\n", "link-name") == 0);
}

TEST_CASE("Ruby attribute hashes become HTML attributes") {
  using a11y::ruby_hash_attributes;
  CHECK(ruby_hash_attributes("alt: \"Logo\", :src => path") == " alt=\"Logo\" src=\"{{_}}\"");
  CHECK(ruby_hash_attributes("'aria-label' => t('.x'), disabled: true, hidden: false") ==
        " aria-label=\"{{_}}\" disabled");
  CHECK(ruby_hash_attributes("data: { turbo_method: :delete }, aria: { hidden: 'true' }") ==
        " data-turbo-method=\"delete\" aria-hidden=\"true\"");
  CHECK(ruby_hash_attributes("alt: \"Logo #{name}\"") == " alt=\"{{_}}\"");
  CHECK(ruby_hash_attributes("**opts") == " {{_}}");
}
