// pacte init --update's text edits: what is added reads back as the old document plus the new
// items, and every other line of the charter stays as the team wrote it.
#include <doctest/doctest.h>

#include "checks/a11y/statement.hpp"
#include "checks/base/yaml_json.hpp"
#include "checks/engine/charter.hpp"
#include "checks/init/charter_edit.hpp"
#include "checks/init/scaffold.hpp"
#include "checks/init/update.hpp"
#include "checks/trackers/signatures.hpp"

using namespace pacte;

namespace {

const ListItemText kMatomo{"{name: Matomo, purpose: audience}", "found in src/app.js:3"};

}  // namespace

TEST_CASE("a block list gets the item after its last item, comments and order kept") {
  std::string text =
      "# top\npacte: 1\nneutrality:\n  advertising: false  # no ads\n  trackers:\n    - name: Sentry   # errors\n"
      "      purpose: errors\n  # a comment after the list\n  data_sale: false\ncontinuity: {}\n";
  auto edited = append_list_items(text, "neutrality", "trackers", {kMatomo});
  REQUIRE(edited);
  CHECK(*edited ==
        "# top\npacte: 1\nneutrality:\n  advertising: false  # no ads\n  trackers:\n    - name: Sentry   # errors\n"
        "      purpose: errors\n    - {name: Matomo, purpose: audience}  # found in src/app.js:3\n  # a comment after the list\n"
        "  data_sale: false\ncontinuity: {}\n");
}

TEST_CASE("an empty flow list becomes a block list and keeps its comment") {
  auto edited = append_list_items("neutrality:\n  trackers: []   # none\n  advertising: false\n", "neutrality", "trackers", {kMatomo});
  REQUIRE(edited);
  CHECK(*edited == "neutrality:\n  trackers:   # none\n    - {name: Matomo, purpose: audience}  # found in src/app.js:3\n  advertising: false\n");
}

TEST_CASE("a flow list with items grows in place; the note goes above the key") {
  auto edited = append_list_items("equal_access:\n  languages: [fr, en]  # both\n", "equal_access", "languages", {{"de", "catalog de.json"}});
  REQUIRE(edited);
  CHECK(*edited == "equal_access:\n  # de: catalog de.json\n  languages: [fr, en, de]  # both\n");
}

TEST_CASE("a missing key is added at the end of its section, a missing section at the end of the file") {
  auto edited = append_list_items("neutrality:\n  advertising: false\n\nequal_access: {free_of_charge: true}\n", "neutrality", "trackers", {kMatomo});
  REQUIRE(edited);
  CHECK(*edited == "neutrality:\n  advertising: false\n  trackers:\n    - {name: Matomo, purpose: audience}  # found in src/app.js:3\n\nequal_access: {free_of_charge: true}\n");
  auto added = append_list_items("pacte: 1", "neutrality", "trackers", {kMatomo});
  REQUIRE(added);
  CHECK(*added == "pacte: 1\nneutrality:\n  trackers:\n    - {name: Matomo, purpose: audience}  # found in src/app.js:3\n");
}

TEST_CASE("shapes it does not edit are refused, never mangled") {
  CHECK_FALSE(append_list_items("neutrality: {trackers: []}\n", "neutrality", "trackers", {kMatomo}));
  CHECK_FALSE(append_list_items("neutrality:\n  trackers: none\n", "neutrality", "trackers", {kMatomo}));
  CHECK_FALSE(append_list_items("neutrality:\n  trackers: [a,\n    b]\n", "neutrality", "trackers", {kMatomo}));
  CHECK_THROWS_AS(append_list_items("neutrality: [\n", "neutrality", "trackers", {kMatomo}), InputError);
}

TEST_CASE("CRLF files keep their line endings") {
  auto edited = append_list_items("neutrality:\r\n  trackers:\r\n    - {name: Sentry}\r\n", "neutrality", "trackers", {kMatomo});
  REQUIRE(edited);
  CHECK(*edited == "neutrality:\r\n  trackers:\r\n    - {name: Sentry}\r\n    - {name: Matomo, purpose: audience}  # found in src/app.js:3\r\n");
}

TEST_CASE("maintainer suggestions are comments after the list: the document does not change") {
  std::string text = "continuity:\n  maintainers:\n    - name: Bob\n      email: bob@example.org\n  # end\nequal_access: {}\n";
  auto edited = insert_comments_after(text, "continuity", "maintainers", {"seen:", "- {name: Ann}"});
  REQUIRE(edited);
  CHECK(*edited == "continuity:\n  maintainers:\n    - name: Bob\n      email: bob@example.org\n    # seen:\n    # - {name: Ann}\n  # end\nequal_access: {}\n");
  CHECK(parse_yaml(*edited, "t").value == parse_yaml(text, "t").value);
}

TEST_CASE("the diff shows removed then added lines with their context, and nothing for equal texts") {
  CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
  CHECK(unified_diff("a\nb\nc\n", "a\nB\nc\n", "x", "y") == "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  CHECK(unified_diff("a\n", "a\nb\n", "x", "y") == "--- x\n+++ y\n@@ -1,1 +1,2 @@\n a\n+b\n");
}

TEST_CASE("declared tracker names match the detected tracker loosely, as the audit does") {
  auto signature = [](std::string id, std::string name, std::string vendor) {
    Signature sig;
    sig.id = std::move(id);
    sig.name = std::move(name);
    sig.vendor = std::move(vendor);
    return sig;
  };
  const Signature ga = signature("google-analytics", "Google Analytics", "Google");
  const Signature matomo = signature("matomo", "Matomo", "InnoCraft");
  CHECK(declared_name_matches("google analytics", ga));
  CHECK(declared_name_matches("Matomo (self-hosted)", matomo));
  CHECK_FALSE(declared_name_matches("Plausible", matomo));
  CHECK_FALSE(declared_name_matches("", matomo));
}

TEST_CASE("a scaffolded statement states the charter's status, and never invents one") {
  Charter with_status = load_charter(
      "pacte: 1\nservice: {name: Démo, operator: Ville}\nopenness: {license: MIT}\nneutrality: {advertising: false}\n"
      "continuity: {maintainers: [{name: Ana}]}\nequal_access:\n  languages: [fr]\n  accessibility: {status: none, audit_date: 2026-02-01}\n",
      "pacte.yml", 1782820800);
  for (Lang lang : {Lang::fr, Lang::en}) {
    ScaffoldFile file = scaffold_file(ScaffoldKind::statement, with_status, lang);
    StatementFacts facts = read_statement(file.default_path, file.text);
    CHECK(facts.status == "none");
    CHECK(facts.audit_date == "2026-02-01");
    CHECK(facts.missing.empty());
    CHECK_FALSE(file.to_fill.empty());
  }
  Charter empty;
  for (Lang lang : {Lang::fr, Lang::en}) {
    ScaffoldFile file = scaffold_file(ScaffoldKind::statement, empty, lang, "demo");
    StatementFacts facts = read_statement(file.default_path, file.text);
    CHECK(facts.found);
    CHECK(facts.status.empty());      // the choice is left to the team
    CHECK(facts.audit_date.empty());  // so is the audit date
    CHECK(file.text.find(lang == Lang::fr ? "[À compléter\u00A0: " : "[To fill in: ") != std::string::npos);
  }
}

TEST_CASE("every template compiles in and fills in both languages") {
  Charter empty;
  for (const auto& name : scaffold_kind_names())
    for (Lang lang : {Lang::fr, Lang::en}) {
      ScaffoldFile file = scaffold_file(*scaffold_kind(name), empty, lang, "demo");
      CHECK(file.text.find('{') == std::string::npos);  // no placeholder left unreplaced
      CHECK(file.text.find("demo") != std::string::npos);
    }
  CHECK(scaffold_file(ScaffoldKind::statement, empty, Lang::fr).default_path == "docs/accessibilite.md");
  CHECK(scaffold_file(ScaffoldKind::statement, empty, Lang::en).default_path == "docs/accessibility.md");
  CHECK_FALSE(scaffold_kind("readme"));
}
