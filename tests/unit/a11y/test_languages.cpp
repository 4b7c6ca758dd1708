#include <doctest/doctest.h>

#include <string>

#include "checks/a11y/languages.hpp"

using namespace pacte;

namespace {

std::string tags(const std::vector<LanguageEvidence>& found) {
  std::string out;
  for (const auto& l : found) out += (out.empty() ? "" : " ") + l.tag;
  return out;
}

const LanguageEvidence* find(const std::vector<LanguageEvidence>& found, std::string_view tag) {
  for (const auto& l : found) {
    if (l.tag == tag) return &l;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("normalize_bcp47") {
  CHECK(normalize_bcp47("fr") == "fr");
  CHECK(normalize_bcp47("FR") == "fr");
  CHECK(normalize_bcp47("fr_FR") == "fr-FR");
  CHECK(normalize_bcp47("pt_BR") == "pt-BR");
  CHECK(normalize_bcp47("pt-br") == "pt-BR");
  CHECK(normalize_bcp47("zh-hans") == "zh-Hans");
  CHECK(normalize_bcp47("zh_Hant_TW") == "zh-Hant-TW");
  CHECK(normalize_bcp47("es-419") == "es-419");
  CHECK(normalize_bcp47("fr_FR.UTF-8") == "fr-FR");
  CHECK(normalize_bcp47("sr@latin") == "sr-Latn");
  CHECK(normalize_bcp47("ca@valencia") == "ca");
  CHECK(normalize_bcp47("values-fr") == "fr");
  CHECK(normalize_bcp47("values-pt-rBR") == "pt-BR");
  CHECK(normalize_bcp47("values-b+sr+Latn") == "sr-Latn");
  CHECK(normalize_bcp47("values-fr-land") == "fr");
  CHECK(normalize_bcp47("values-iw") == "he");
  CHECK(normalize_bcp47("pt-BR.lproj") == "pt-BR");
  CHECK(normalize_bcp47("French.lproj") == "fr");
  CHECK(normalize_bcp47("ast") == "ast");
  CHECK(normalize_bcp47("fil") == "fil");
  for (const char* bad : {"common", "index", "app", "Base.lproj", "values-night", "values-v21",
                          "values", "translation", "en_common", "zz", "", "x", "dev", "js"}) {
    CAPTURE(bad);
    CHECK_FALSE(normalize_bcp47(bad).has_value());
  }
}

TEST_CASE("language_matches") {
  CHECK(language_matches("fr", "fr"));
  CHECK(language_matches("fr", "fr-FR"));
  CHECK(language_matches("FR", "fr_FR"));
  CHECK(language_matches("pt-BR", "pt"));
  CHECK(language_matches("zh-Hans", "zh-hans"));
  CHECK_FALSE(language_matches("pt-BR", "pt-PT"));
  CHECK_FALSE(language_matches("fr", "fy"));
  CHECK_FALSE(language_matches("en", "eo"));
  CHECK_FALSE(language_matches("", "fr"));
}

TEST_CASE("gettext and Django catalogs") {
  MemorySnapshot snap;
  snap.add("po/de.po", "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n");
  snap.add("po/messages.po", "msgid \"\"\nmsgstr \"\"\n\"Language: pt_BR\\n\"\n");
  snap.add("po/app.pot", "msgid \"\"\n");
  snap.add("app/locale/fr/LC_MESSAGES/django.po", "msgid \"\"\nmsgstr \"\"\n\"Language: \\n\"\n");
  snap.add("app/locale/fr/LC_MESSAGES/django.mo", "binary");
  snap.add("app/locale/es/LC_MESSAGES/djangojs.mo", "binary");
  auto found = detect_languages(snap);
  CHECK(tags(found) == "de es fr pt-BR");
  REQUIRE(find(found, "fr"));
  CHECK(find(found, "fr")->source == "django");
  CHECK(find(found, "fr")->path == "app/locale/fr/LC_MESSAGES/django.mo");
  CHECK(find(found, "de")->source == "gettext");
}

TEST_CASE("JSON catalogs count only inside an i18n folder") {
  MemorySnapshot snap;
  snap.add("package.json", "{\"dependencies\": {\"vue-i18n\": \"^9\"}}");
  snap.add("src/locales/fr.json", "{}");
  snap.add("src/locales/en-US.json", "{}");
  snap.add("public/locales/de/translation.json", "{}");
  snap.add("public/locales/de/common.json", "{}");
  snap.add("src/i18n/index.js", "export default {}");
  snap.add("src/i18n/es.js", "export default {}");
  snap.add("data/it.json", "{}");            // not an i18n folder
  snap.add("src/config/en.json", "{}");      // not an i18n folder
  snap.add("node_modules/x/locales/ja.json", "{}");
  snap.add("tests/fixtures/locales/ko.json", "{}");
  snap.add("src/locales/README.md", "");
  auto found = detect_languages(snap);
  CHECK(tags(found) == "de en-US es fr");
  CHECK(find(found, "fr")->source == "vue-i18n");
  CHECK(find(found, "de")->path == "public/locales/de/common.json");
}

TEST_CASE("Rails, Symfony, Laravel and XLIFF catalogs") {
  MemorySnapshot snap;
  snap.add("config/locales/fr.yml", "fr:\n");
  snap.add("config/locales/devise.nl.yml", "nl:\n");
  snap.add("config/locales/en/models.yml", "en:\n");
  snap.add("translations/messages.it.yaml", "a: b\n");
  snap.add("translations/validators+intl-icu.ca.xlf", "<xliff/>");
  snap.add("resources/lang/pl/auth.php", "<?php return [];");
  snap.add("src/locale/messages.ja.xlf", "<xliff/>");
  auto found = detect_languages(snap);
  CHECK(tags(found) == "ca en fr it ja nl pl");
  CHECK(find(found, "fr")->source == "rails");
  CHECK(find(found, "en")->source == "rails");
  CHECK(find(found, "it")->source == "symfony");
  CHECK(find(found, "pl")->source == "laravel");
  CHECK(find(found, "ja")->source == "xliff");
}

TEST_CASE("Android, iOS, Flutter and Java catalogs") {
  MemorySnapshot snap;
  snap.add("app/src/main/res/values/strings.xml", "<resources/>");
  snap.add("app/src/main/res/values-fr/strings.xml", "<resources/>");
  snap.add("app/src/main/res/values-pt-rBR/strings.xml", "<resources/>");
  snap.add("app/src/main/res/values-b+sr+Latn/strings.xml", "<resources/>");
  snap.add("app/src/main/res/values-night/strings.xml", "<resources/>");
  snap.add("app/src/main/res/values-v21/styles.xml", "<resources/>");
  snap.add("ios/App/de.lproj/Localizable.strings", "\"a\" = \"b\";");
  snap.add("ios/App/zh-Hans.lproj/Localizable.strings", "\"a\" = \"b\";");
  snap.add("ios/App/Base.lproj/Main.storyboard", "<x/>");
  // Xcode's generated, blank LaunchScreen.strings shows no language.
  snap.add("ios/Runner/it.lproj/LaunchScreen.strings", "\n");
  snap.add("lib/l10n/app_en.arb", "{\"@@locale\": \"en\"}");
  snap.add("lib/l10n/intl_messages.arb", "{\"@@locale\": \"es\"}");
  snap.add("lib/l10n/app_uk.arb", "{}");
  snap.add("src/main/resources/messages_nl.properties", "a=b");
  snap.add("src/main/resources/application_dev.properties", "a=b");
  auto found = detect_languages(snap);
  CHECK(tags(found) == "de en es fr nl pt-BR sr-Latn uk zh-Hans");
  CHECK(find(found, "fr")->source == "android");
  CHECK(find(found, "de")->source == "ios");
  CHECK(find(found, "en")->source == "flutter");
  CHECK(find(found, "uk")->source == "flutter");
  CHECK(find(found, "nl")->source == "java");
}

TEST_CASE("no catalogs, no languages") {
  MemorySnapshot snap;
  snap.add("README.md", "# Service\n");
  snap.add("src/index.js", "console.log('fr')");
  CHECK(detect_languages(snap).empty());
}

TEST_CASE("the main language from the pages' <html lang>: most pages win, computed values are no evidence") {
  MemorySnapshot snap;
  snap.add("templates/base.html", "<!DOCTYPE html>\n<html lang=\"fr\" data-fr-scheme=\"system\">\n<head><title>Accueil</title></head>\n</html>\n");
  snap.add("templates/erreur.html", "<!doctype html>\n<HTML LANG='fr-FR'>\n</HTML>\n");
  snap.add("templates/print.html", "<html lang=\"fr\"><body></body></html>\n");
  snap.add("app/layout.tsx", "export default function Layout({children}) {\n  return <html lang={locale}>{children}</html>;\n}\n");
  snap.add("templates/admin.html.twig", "<html lang=\"{{ app.request.locale }}\">\n</html>\n");
  snap.add("docs/demo/index.html", "<html lang=\"en\"></html>\n");        // a demo page: left out
  snap.add("node_modules/x/index.html", "<html lang=\"de\"></html>\n");  // vendored
  snap.add("README.md", "This is the repository of the service. It is written in Python and you run it with the tools of the team.\n");
  auto main = guess_main_language(snap);
  REQUIRE(main.has_value());
  CHECK(main->tag == "fr");
  CHECK(main->source == "html-lang");
  CHECK(main->path == "templates/base.html");
  CHECK(main->line == 2);
  CHECK(main->pages == 2);  // base.html and print.html; erreur.html says fr-FR
}

TEST_CASE("the main language from the README when no page says it, and none without evidence") {
  MemorySnapshot fr;
  fr.add("README.md", "# Rendez-vous\n\nCe service permet aux usagers de prendre rendez-vous avec la mairie. "
                      "Vous trouverez dans ce dépôt le code de l'application et la documentation pour les agents.\n");
  fr.add("app/layout.tsx", "export default function Layout() { return <html lang={lang}></html>; }\n");
  auto main = guess_main_language(fr);
  REQUIRE(main.has_value());
  CHECK(main->tag == "fr");
  CHECK(main->source == "readme");
  CHECK(main->path == "README.md");
  CHECK(main->line == 0);

  MemorySnapshot nothing;
  nothing.add("README.md", "# api\n\n`make run`\n");
  nothing.add("src/main.go", "package main\n");
  CHECK_FALSE(guess_main_language(nothing).has_value());
}

TEST_CASE("catalogs under examples/ or samples/ are models, not languages the project offers") {
  MemorySnapshot snap;
  snap.add("examples/app/locale/fr/LC_MESSAGES/django.po", "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n");
  snap.add("Samples/po/de.po", "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n");
  CHECK(detect_languages(snap).empty());
  snap.add("po/es.po", "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n");
  CHECK(tags(detect_languages(snap)) == "es");
}
