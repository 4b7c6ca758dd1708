// The charter draft built from a snapshot's evidence: what it fills in, what it leaves to the
// team, and that it always validates.
#include <doctest/doctest.h>

#include "checks/engine/charter.hpp"
#include "checks/engine/evaluate.hpp"
#include "checks/init/draft.hpp"
#include "fixture.hpp"

using namespace pacte;
using namespace pacte::init_test;

namespace {

std::string common_license(const std::string& name) { return file_text("/usr/share/common-licenses/" + name); }

// Builds the draft of `snap` (no history) and checks that it is a valid charter.
struct Drafted {
  CharterDraft draft;
  Charter charter;
};
Drafted draft_of(const MemorySnapshot& snap, Lang lang = Lang::en, std::string name = "my-service") {
  Charter none;
  AuditContext ctx(snap, none, kNow);
  DraftOptions opt;
  opt.lang = lang;
  opt.service_name = std::move(name);
  opt.source_label = "test";
  Drafted d;
  d.draft = draft_charter(ctx, opt);
  INFO(d.draft.text);
  try {
    d.charter = load_charter(d.draft.text, "pacte.yml", kNow);
  } catch (const CharterInvalid& e) {
    for (const auto& p : e.problems()) MESSAGE(p);
    FAIL("the draft does not validate");
  }
  CHECK(d.charter.warnings.empty());
  return d;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("an empty folder gives a valid draft of placeholders and TODOs, and declares nothing else") {
  MemorySnapshot snap;
  auto d = draft_of(snap);
  const auto& doc = d.charter.doc;
  CHECK(doc["service"]["name"] == "my-service");
  CHECK(doc["openness"]["license"] == "LicenseRef-TODO");
  CHECK(doc["neutrality"]["advertising"] == true);  // the placeholder that can never pass
  CHECK(doc["continuity"]["maintainers"] == nlohmann::json::array({{{"name", "TODO"}}}));
  CHECK(doc["equal_access"]["languages"] == nlohmann::json::array({"und"}));
  // Nothing the team has not declared is asserted: the optional keys are all commented out.
  CHECK_FALSE(doc["neutrality"].contains("data_sale"));
  CHECK_FALSE(doc["neutrality"].contains("sponsored_ranking"));
  CHECK_FALSE(doc["neutrality"].contains("trackers"));
  CHECK_FALSE(doc["equal_access"].contains("free_of_charge"));
  CHECK_FALSE(doc["equal_access"].contains("accessibility"));
  CHECK_FALSE(doc.contains("waivers"));
  CHECK(d.draft.placeholders ==
        std::vector<std::string>{"openness.license", "neutrality.advertising", "continuity.maintainers", "equal_access.languages"});
  CHECK(has(d.draft.todo, "neutrality.data_sale"));
  CHECK(has(d.draft.todo, "equal_access.offline_channel"));
  CHECK(contains(d.draft.text, "# data_sale: false"));
  CHECK(contains(d.draft.text, "TODO (placeholder)"));
}

TEST_CASE("every commented-out declaration, once uncommented, still validates") {
  MemorySnapshot snap;
  auto d = draft_of(snap);
  // Uncomment every "# key: value" and "# - {...}" line; explanations ("# Some words...") stay.
  auto is_declaration = [](const std::string& rest) {
    if (rest.rfind("- {", 0) == 0 || rest.rfind("- name:", 0) == 0) return true;
    std::size_t i = 0;
    while (i < rest.size() && (std::islower(static_cast<unsigned char>(rest[i])) || rest[i] == '_')) ++i;
    return i > 0 && i < rest.size() && rest[i] == ':' && (i + 1 == rest.size() || rest[i + 1] == ' ');
  };
  std::istringstream in(d.draft.text);
  std::string line, text;
  int uncommented = 0;
  while (std::getline(in, line)) {
    auto hash = line.find_first_not_of(' ');
    if (hash != std::string::npos && line.compare(hash, 2, "# ") == 0 && is_declaration(line.substr(hash + 2))) {
      line = line.substr(0, hash) + line.substr(hash + 2);
      ++uncommented;
    }
    text += line + "\n";
  }
  CHECK(uncommented > 20);
  INFO(text);
  // The examples are placeholders too; what matters is that they are well-formed declarations.
  CHECK_NOTHROW(load_charter(text, "pacte.yml", kNow));
}

TEST_CASE("the licence comes from the licence file; GNU texts with 'or later' give -or-later") {
  SUBCASE("Apache-2.0") {
    auto d = draft_of(MemorySnapshot().add("LICENSE", common_license("Apache-2.0")));
    CHECK(d.charter.doc["openness"]["license"] == "Apache-2.0");
    CHECK(contains(d.draft.text, "detected in LICENSE"));
    CHECK(has(d.draft.inferred, "openness.license"));
  }
  SUBCASE("GPL-3.0-or-later") {
    std::string notice = "This program is free software: you can redistribute it and/or modify it under the terms of the GNU "
                         "General Public License as published by the Free Software Foundation, either version 3 of the License, "
                         "or (at your option) any later version.\n\n";
    auto d = draft_of(MemorySnapshot().add("COPYING", notice + common_license("GPL-3")));
    CHECK(d.charter.doc["openness"]["license"] == "GPL-3.0-or-later");
  }
  SUBCASE("a modified licence is not taken for the original") {
    std::string mit = "MIT License\n\nCopyright (c) 2026 Team\n\nPermission is hereby granted, free of charge, to any person obtaining a copy "
                      "of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, "
                      "including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies "
                      "of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\n"
                      "The Software shall not be used for evil.\n\n"
                      "The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\n"
                      "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE "
                      "WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR "
                      "COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR "
                      "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";
    auto d = draft_of(MemorySnapshot().add("LICENSE", mit));
    CHECK(d.charter.doc["openness"]["license"] == "LicenseRef-TODO");
    CHECK(contains(d.draft.text, "closest to MIT"));
  }
}

TEST_CASE("detected trackers are pre-listed with their category and the file that shows them") {
  MemorySnapshot snap;
  snap.add("package.json", R"({"name": "svc", "dependencies": {"@amplitude/analytics-browser": "^2.0.0"}})")
      .add("src/index.html",
           "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<title>t</title>\n"
           "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-TEST123\"></script>\n"
           "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n"
           "gtag('config', 'G-TEST123');</script>\n</head><body></body></html>\n");
  auto d = draft_of(snap);
  const auto& trackers = d.charter.doc["neutrality"]["trackers"];
  REQUIRE(trackers.is_array());
  std::vector<std::string> names;
  for (const auto& t : trackers) {
    names.push_back(t["name"]);
    CHECK(t["purpose"] == "audience");
    CHECK_FALSE(t.contains("consent"));  // the team says how consent works
  }
  CHECK(names.size() == 2);
  CHECK(contains(d.draft.text, "# analytics (Google), found in src/index.html:5"));
  CHECK(contains(d.draft.text, "found in package.json"));
  CHECK(has(d.draft.inferred, "neutrality.trackers"));
}

TEST_CASE("trackers only in tests are mentioned, not listed") {
  auto d = draft_of(MemorySnapshot().add("tests/fixture.html", "<script>gtag('config', 'G-X');</script>\n"));
  CHECK_FALSE(d.charter.doc["neutrality"].contains("trackers"));
  CHECK(contains(d.draft.text, "appears only in tests"));
}

TEST_CASE("languages come from translation catalogs, the statement from the repository") {
  MemorySnapshot snap;
  snap.add("src/locales/fr/common.json", "{\"hello\": \"Bonjour\"}")
      .add("src/locales/en/common.json", "{\"hello\": \"Hello\"}")
      .add("docs/accessibilite.md",
           "# Déclaration d'accessibilité\n\nLe service est partiellement conforme avec le RGAA 4.1.\n\n"
           "Audit réalisé le 2026-03-01.\n\nContact : a11y@example.org. Recours : Défenseur des droits.\n"
           "Contenus non accessibles : les cartes.\n");
  auto d = draft_of(snap);
  CHECK(d.charter.doc["equal_access"]["languages"] == nlohmann::json::array({"en", "fr"}));
  const auto& a = d.charter.doc["equal_access"]["accessibility"];
  CHECK(a["statement"] == "docs/accessibilite.md");
  CHECK(a["status"] == "partial");
  CHECK(a["audit_date"] == "2026-03-01");
  CHECK(contains(d.draft.text, "catalogs src/locales/en/common.json"));
}

TEST_CASE("publiccode.yml fills what it can say, and awkward names are quoted safely") {
  std::string pc =
      "publiccodeYmlVersion: \"0.4\"\n"
      "name: \"Zoé: l'appli #1 \\\"officielle\\\"\"\n"
      "url: https://git.example.org/zoe.git\n"
      "landingURL: https://zoe.example.org\n"
      "legal:\n  license: EUPL-1.2\n  mainCopyrightOwner: \"Mairie de Saint-Étienne, service numérique\"\n"
      "maintenance:\n  type: internal\n  contacts:\n    - {name: \"Ali: Benali\", email: ali@example.org}\n"
      "localisation:\n  availableLanguages: [fr, en, \"no\"]\n"
      "description:\n  fr:\n    shortDescription: \"Prendre rendez-vous # vite\"\n";
  auto d = draft_of(MemorySnapshot().add("publiccode.yml", pc));
  const auto& doc = d.charter.doc;
  CHECK(doc["service"]["name"] == "Zoé: l'appli #1 \"officielle\"");
  CHECK(doc["service"]["repository"] == "https://git.example.org/zoe.git");
  CHECK(doc["service"]["url"] == "https://zoe.example.org");
  CHECK(doc["service"]["operator"] == "Mairie de Saint-Étienne, service numérique");
  CHECK(doc["service"]["description"] == "Prendre rendez-vous # vite");
  CHECK(doc["openness"]["license"] == "EUPL-1.2");
  CHECK(doc["continuity"]["maintenance"] == "internal");
  CHECK(doc["continuity"]["maintainers"][0] == nlohmann::json{{"name", "Ali: Benali"}, {"email", "ali@example.org"}});
  CHECK(doc["equal_access"]["languages"] == nlohmann::json::array({"fr", "en", "no"}));
  // What publiccode.yml cannot say stays undeclared.
  CHECK(doc["neutrality"]["advertising"] == true);
  CHECK(has(d.draft.placeholders, "neutrality.advertising"));
}

TEST_CASE("the licence publiccode.yml declares is kept, with a note when the file disagrees") {
  auto d = draft_of(MemorySnapshot()
                        .add("publiccode.yml", "name: x\nlegal:\n  license: MIT\n")
                        .add("LICENSE", common_license("Apache-2.0")));
  CHECK(d.charter.doc["openness"]["license"] == "MIT");
  CHECK(contains(d.draft.text, "but LICENSE is Apache-2.0"));
}

TEST_CASE("--lang fr writes the comments in French") {
  auto d = draft_of(MemorySnapshot(), Lang::fr);
  CHECK(contains(d.draft.text, "TODO (valeur d'attente)"));
  CHECK(contains(d.draft.text, "brouillon rédigé par `pacte init`"));
  // French typography in the comments: a non-breaking space before ':' and ';', never a plain one.
  CHECK(contains(d.draft.text, "Charte pacte (format 1)\u00A0: "));
  CHECK_FALSE(contains(d.draft.text, " : "));
  CHECK_FALSE(contains(d.draft.text, " ; "));
  CHECK_FALSE(contains(d.draft.text, "placeholder"));
}

TEST_CASE("the service name from the folder is quoted when it must be") {
  auto d = draft_of(MemorySnapshot(), Lang::en, "2026");
  CHECK(d.charter.doc["service"]["name"] == "2026");
  auto e = draft_of(MemorySnapshot(), Lang::en, "true");
  CHECK(e.charter.doc["service"]["name"] == "true");
}

TEST_CASE("contributing guide and candidate documents are found") {
  auto d = draft_of(MemorySnapshot()
                        .add("CONTRIBUTING.md", "How to contribute")
                        .add("docs/continuity.md", "Who takes over")
                        .add("SECURITY.md", "Report to security@example.org"));
  CHECK(d.charter.doc["openness"]["contributing"] == "CONTRIBUTING.md");
  CHECK_FALSE(d.charter.doc["continuity"].contains("succession_plan"));  // a hint, not a declaration
  CHECK(contains(d.draft.text, "# succession_plan: docs/continuity.md"));
  CHECK(contains(d.draft.text, "SECURITY.md found"));
}

TEST_CASE("without catalogs, the main language is drafted from the pages' <html lang>, saying where it came from") {
  MemorySnapshot snap;
  snap.add("templates/base.html", "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><title>Accueil</title></head>\n</html>\n")
      .add("templates/contact.html", "<html lang=\"fr\"><head><title>Contact</title></head></html>\n")
      .add("README.md", "This is the code of the service, with the tools of the team and the scripts to run it.\n");
  auto d = draft_of(snap);
  CHECK(d.charter.doc["equal_access"]["languages"] == nlohmann::json::array({"fr"}));
  CHECK(contains(d.draft.text, "the <html lang> of the pages (templates/base.html:2 and 1 more)"));
  CHECK(has(d.draft.inferred, "equal_access.languages"));
  CHECK_FALSE(has(d.draft.placeholders, "equal_access.languages"));

  auto fr = draft_of(snap, Lang::fr);
  CHECK(contains(fr.draft.text, "le <html lang> des pages (templates/base.html:2 et 1 autre(s))"));
}

TEST_CASE("without catalogs or pages, the main language is drafted from the README's words; with no evidence it stays undetermined") {
  MemorySnapshot snap;
  snap.add("README.md", "# Rendez-vous en mairie\n\nCe service permet aux usagers de prendre rendez-vous avec les agents de la mairie, "
                        "pour une carte d'identité ou un passeport. Le code est publié sous licence libre.\n");
  auto d = draft_of(snap);
  CHECK(d.charter.doc["equal_access"]["languages"] == nlohmann::json::array({"fr"}));
  CHECK(contains(d.draft.text, "the words of README.md: check it is the language users get"));
  CHECK(has(d.draft.inferred, "equal_access.languages"));

  MemorySnapshot bare;
  bare.add("README.md", "# api\n\n`make run`\n");
  auto none = draft_of(bare);
  CHECK(none.charter.doc["equal_access"]["languages"] == nlohmann::json::array({"und"}));
  CHECK(has(none.draft.placeholders, "equal_access.languages"));
}

TEST_CASE("a status only the footer shows is drafted, saying it comes from the footer") {
  MemorySnapshot snap;
  snap.add("pages/accessibilite.vue", "<template>\n  <h1>Déclaration d'accessibilité</h1>\n  <div v-html=\"page.body\" />\n</template>\n")
      .add("components/TheFooter.vue",
           "<template>\n  <footer class=\"fr-footer\">\n    <a href=\"/accessibilite\">Accessibilité : non conforme</a>\n  </footer>\n</template>\n");
  auto d = draft_of(snap);
  const auto& a = d.charter.doc["equal_access"]["accessibility"];
  CHECK(a["statement"] == "pages/accessibilite.vue");
  CHECK(a["status"] == "none");
  CHECK(contains(d.draft.text, "as the footer components/TheFooter.vue:3 shows (the statement gives none)"));
}
