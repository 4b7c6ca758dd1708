// Language catalogs of real layouts: Android resources, Java/Grails bundles (the default bundle
// is a language too), iOS and Flutter. The fixtures are written for these tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "checks/a11y/languages.hpp"

using namespace pacte;

namespace {

const LanguageEvidence* find_tag(const std::vector<LanguageEvidence>& found, std::string_view tag) {
  auto it = std::find_if(found.begin(), found.end(), [&](const LanguageEvidence& l) { return l.tag == tag; });
  return it == found.end() ? nullptr : &*it;
}

const char* kAndroidFrench =
    "<resources>\n"
    "  <string name=\"app_name\">Mes démarches</string>\n"
    "  <string name=\"intro\">Bienvenue sur le service de la ville, pour toutes vos démarches.</string>\n"
    "  <string name=\"aide\">Vous pouvez nous écrire avec le formulaire de contact.</string>\n"
    "  <string name=\"rdv\">Prenez rendez-vous dans une mairie de votre choix et au moment qui vous convient.</string>\n"
    "</resources>\n";

const char* kAndroidEnglish =
    "<resources>\n"
    "  <string name=\"intro\">Welcome to the city service, for all of your requests.</string>\n"
    "  <string name=\"aide\">You can write to us with the contact form.</string>\n"
    "  <string name=\"rdv\">Book an appointment in the town hall of your choice and at a time that suits you.</string>\n"
    "</resources>\n";

}  // namespace

TEST_CASE("Android: res/values is the default language, detected from its text") {
  MemorySnapshot snap;
  snap.add("app/src/main/res/values/strings.xml", kAndroidFrench);
  snap.add("app/src/main/res/values-en/strings.xml", kAndroidEnglish);
  snap.add("app/src/main/res/values-b+sr+Latn/strings.xml", "<resources/>");
  snap.add("app/src/main/res/values/colors.xml", "<resources><color name=\"bleu\">#000091</color></resources>");
  auto found = detect_languages(snap);
  REQUIRE(find_tag(found, "fr") != nullptr);
  CHECK(find_tag(found, "fr")->path == "app/src/main/res/values/strings.xml");
  CHECK(find_tag(found, "fr")->source == "android");
  CHECK(find_tag(found, "en") != nullptr);
  CHECK(find_tag(found, "sr-Latn") != nullptr);
  CHECK(found.size() == 3);
}

TEST_CASE("a default catalog whose text tells no language takes the declared main language") {
  MemorySnapshot snap;
  snap.add("app/src/main/res/values/strings.xml", "<resources><string name=\"ok\">OK</string></resources>");
  CHECK(detect_languages(snap).empty());
  auto found = detect_languages(snap, "fr");
  REQUIRE(found.size() == 1);
  CHECK(found[0].tag == "fr");
}

TEST_CASE("Java and Grails bundles: messages.properties is the default bundle") {
  MemorySnapshot snap;
  snap.add("grails-app/i18n/messages.properties",
           "accueil.titre=Bienvenue sur le portail des agents\n"
           "accueil.texte=Vous pouvez d\\u00e9poser une demande et suivre son traitement dans votre espace.\n"
           "erreur=Le champ est obligatoire pour cette demande\n");
  snap.add("grails-app/i18n/messages_en.properties", "accueil.titre=Welcome\n");
  snap.add("grails-app/i18n/messages_pt_BR.properties", "accueil.titre=Bem-vindo\n");
  snap.add("src/main/resources/application.properties", "server.port=8080\nspring.profiles.active=dev\n");
  auto found = detect_languages(snap);
  REQUIRE(find_tag(found, "fr") != nullptr);
  CHECK(find_tag(found, "fr")->path == "grails-app/i18n/messages.properties");
  CHECK(find_tag(found, "fr")->source == "java");
  CHECK(find_tag(found, "en") != nullptr);
  CHECK(find_tag(found, "pt-BR") != nullptr);
  CHECK(found.size() == 3);  // application.properties is configuration, not a catalog
}

TEST_CASE("a Java bundle with suffixed siblings outside an i18n folder is a default bundle") {
  MemorySnapshot snap;
  snap.add("src/main/resources/labels.properties",
           "title=Please enter your details\nhelp=You can change them later from your account and the settings page.\n"
           "ok=This is the form of the service\n");
  snap.add("src/main/resources/labels_fr.properties", "title=Saisissez vos informations\n");
  auto found = detect_languages(snap);
  CHECK(find_tag(found, "en") != nullptr);
  CHECK(find_tag(found, "fr") != nullptr);
}

TEST_CASE("iOS lproj bundles, Flutter arb files and Rails locales are still read") {
  MemorySnapshot snap;
  snap.add("ios/App/fr.lproj/Localizable.strings", "\"ok\" = \"D'accord\";\n");
  snap.add("lib/l10n/app_de.arb", "{\"@@locale\": \"de\"}\n");
  snap.add("config/locales/es.yml", "es:\n  hola: Hola\n");
  auto found = detect_languages(snap);
  CHECK(find_tag(found, "fr") != nullptr);
  CHECK(find_tag(found, "de") != nullptr);
  CHECK(find_tag(found, "es") != nullptr);
}

TEST_CASE("guess_language: a simple stop-word test") {
  CHECK(guess_language("Vous pouvez déposer une demande et suivre le traitement de votre dossier.") == "fr");
  CHECK(guess_language("You can submit a request and follow the progress of your file on this page.") == "en");
  CHECK_FALSE(guess_language("OK Annuler").has_value());
}
