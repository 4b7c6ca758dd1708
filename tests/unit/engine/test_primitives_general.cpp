// The general primitives (files, contents, charter fields), each judged directly on a scenario.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace pacte;
using pacte::test::Scenario;

namespace {
bool says(const RuleResult& r, const std::string& words) { return r.message.en.find(words) != std::string::npos; }
}  // namespace

// ---------------------------------------------------------------- files

TEST_CASE("file_exists passes when a file matches a glob, and fails naming the globs otherwise") {
  Scenario s;
  s.file("README.md", "# Service\n");
  const RuleResult& found = s.check("{primitive: file_exists, paths: [README*]}");
  CHECK(found.status == Status::pass);
  REQUIRE(found.evidence.size() == 1);
  CHECK(found.evidence[0].path == "README.md");

  const RuleResult& missing = s.check("{primitive: file_exists, paths: [CONTRIBUTING*]}");
  CHECK(missing.status == Status::fail);
  CHECK(missing.message.en == "no file matches CONTRIBUTING*");
}

TEST_CASE("file_exists: a file with fewer than min_words words does not count; exclude and icase apply") {
  Scenario s;
  s.file("README.md", "# Service\n");
  const RuleResult& short_file = s.check("{primitive: file_exists, paths: [README*], min_words: 5}");
  CHECK(short_file.status == Status::fail);
  CHECK(says(short_file, "README.md exists but says almost nothing (fewer than 5 words)"));
  CHECK(short_file.message.fr == "README.md existe mais ne dit presque rien (moins de 5 mots)");

  CHECK(s.check("{primitive: file_exists, paths: [readme.md]}").status == Status::pass);
  CHECK(s.check("{primitive: file_exists, paths: [readme.md], icase: false}").status == Status::fail);
  CHECK(s.check("{primitive: file_exists, paths: ['*.md'], exclude: [README.md]}").status == Status::fail);
}

TEST_CASE("file_absent passes when no file matches, and fails with each file found as evidence") {
  Scenario s;
  s.file("src/app.js", "run();\n");
  CHECK(s.check("{primitive: file_absent, paths: ['**/.env']}").status == Status::pass);
  s.file(".env", "SECRET=1\n").file("deploy/.env", "SECRET=2\n");
  const RuleResult& r = s.check("{primitive: file_absent, paths: ['**/.env'], note: a secrets file}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "2 file(s) found, first .env");
  REQUIRE(r.evidence.size() == 2);
  CHECK(r.evidence[1].path == "deploy/.env");
  CHECK(r.evidence[1].note == "a secrets file");
  CHECK(s.check("{primitive: file_absent, paths: ['**/.env'], exclude: ['**/.env', .env]}").status == Status::pass);
}

// ---------------------------------------------------------------- contents

TEST_CASE("content_matches passes with the line where the pattern is found, and fails otherwise") {
  Scenario s;
  s.file("README.md", "# Service\n\nContact: equipe@example.org\n");
  const RuleResult& found = s.check("{primitive: content_matches, paths: [README*], pattern: 'contact:', icase: true}");
  CHECK(found.status == Status::pass);
  REQUIRE(!found.evidence.empty());
  CHECK(found.evidence[0].line == 3);
  CHECK(found.evidence[0].snippet == "Contact: equipe@example.org");
  // The pattern is case-sensitive unless icase is set.
  CHECK(s.check("{primitive: content_matches, paths: [README*], pattern: 'contact:'}").status == Status::fail);
  const RuleResult& missing = s.check("{primitive: content_matches, paths: [README*], pattern: 'Licence'}");
  CHECK(missing.status == Status::fail);
  CHECK(missing.message.en == "no file matching README* says it");
}

TEST_CASE("content_absent passes when the pattern is nowhere, and fails with each match as evidence") {
  Scenario s;
  s.file("app.js", "console.log('hello');\n");
  CHECK(s.check("{primitive: content_absent, paths: ['**/*.js'], pattern: 'UA-[0-9]+'}").status == Status::pass);
  s.file("stats.js", "// analytics\nconst id = 'UA-1234-1';\n");
  const RuleResult& r = s.check("{primitive: content_absent, paths: ['**/*.js'], pattern: 'UA-[0-9]+'}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "found in stats.js:2");
  REQUIRE(r.evidence.size() == 1);
  CHECK(r.evidence[0].snippet == "const id = 'UA-1234-1';");
}

TEST_CASE("content_absent cannot pass when a file could not be read: it is an error") {
  Scenario s;
  s.file("app.js", "console.log('hello');\n");
  s.unreadable("vendor/analytics.js");
  const RuleResult& r = s.check("{primitive: content_absent, paths: ['**/*.js'], pattern: 'UA-[0-9]+'}");
  CHECK(r.status == Status::error);
  CHECK(says(r, "vendor/analytics.js"));
  CHECK(r.message.fr == "1 fichier(s) illisible(s) (dont vendor/analytics.js\u00a0; voir stats.unreadable)\u00a0: rien n'a été trouvé, "
                        "mais sans pouvoir le confirmer");
  // A primitive that passes on presence is not affected: what it found is there.
  s.file("README.md", "# Service\n");
  CHECK(s.check("{primitive: file_exists, paths: [README*]}").status == Status::pass);
}

TEST_CASE("a pattern that does not compile is refused when the rule module is loaded") {
  Scenario s;
  CHECK_THROWS_WITH_AS(s.check("{primitive: content_absent, paths: ['*'], pattern: '(unclosed'}"),
                       doctest::Contains("does not compile"), InputError);
}

// ---------------------------------------------------------------- the charter

TEST_CASE("charter_present passes with a pacte.yml, fails with only publiccode.yml, and is undeclared with none") {
  Scenario s;
  const RuleResult& none = s.check("{primitive: charter_present}");
  CHECK(none.status == Status::undeclared);
  CHECK(none.message.en == "no pacte.yml, .pacte.yml or .github/pacte.yml");
  s.file("publiccode.yml", "publiccodeYmlVersion: \"0.4\"\nname: Service\nurl: https://example.org/service.git\n");
  const RuleResult& publiccode = s.check("{primitive: charter_present}");
  CHECK(publiccode.status == Status::fail);
  CHECK(says(publiccode, "only publiccode.yml"));
  s.charter_with();
  const RuleResult& pacte = s.check("{primitive: charter_present}");
  CHECK(pacte.status == Status::pass);
  CHECK(pacte.message.en == "charter pacte.yml");
}

TEST_CASE("charter_field_present passes for a declared field, and fails for a missing one or a short list") {
  Scenario s;
  s.charter_with("continuity: {maintenance: internal}");
  CHECK(s.check("{primitive: charter_field_present, field: continuity.maintenance}").status == Status::pass);
  const RuleResult& missing = s.check("{primitive: charter_field_present, field: continuity.security_contact, label: {en: the security contact, fr: le contact de sécurité}}");
  CHECK(missing.status == Status::fail);
  CHECK(missing.message.en == "the security contact is not declared: add 'continuity.security_contact' to pacte.yml");
  CHECK(missing.message.fr == "la charte ne précise pas le contact de sécurité\u00a0: ajoutez «\u00a0continuity.security_contact\u00a0» dans pacte.yml");
  const RuleResult& short_list = s.check("{primitive: charter_field_present, field: continuity.maintainers, min_items: 2}");
  CHECK(short_list.status == Status::fail);
  CHECK(short_list.message.en == "continuity.maintainers lists 1, at least 2 expected");
}

TEST_CASE("charter_field_present without a charter is undeclared and says to write one") {
  Scenario s;
  const RuleResult& r = s.check("{primitive: charter_field_present, field: openness.license}");
  CHECK(r.status == Status::undeclared);
  CHECK(says(r, "no charter: declare openness.license"));
}

TEST_CASE("charter_field_equals passes for the expected value, and fails naming the declared one") {
  Scenario s;
  s.charter_with();
  CHECK(s.check("{primitive: charter_field_equals, field: neutrality.advertising, value: false}").status == Status::pass);
  const RuleResult& r = s.check("{primitive: charter_field_equals, field: neutrality.advertising, value: true}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "neutrality.advertising is false, expected true"));
  CHECK(s.check("{primitive: charter_field_equals, field: neutrality.data_sale, value: false}").status == Status::fail);
}

TEST_CASE("charter_field_in passes for one of the values, and fails listing them") {
  Scenario s;
  s.charter_with("equal_access: {accessibility: {status: partial}}");
  CHECK(s.check("{primitive: charter_field_in, field: equal_access.accessibility.status, values: [full, partial]}").status == Status::pass);
  const RuleResult& r = s.check("{primitive: charter_field_in, field: equal_access.accessibility.status, values: [full]}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "equal_access.accessibility.status is partial, expected one of full");
}

TEST_CASE("charter_field_not passes when the field is absent or different, and fails on the value") {
  Scenario s;
  s.charter_with();
  CHECK(s.check("{primitive: charter_field_not, field: neutrality.advertising, value: true}").status == Status::pass);
  CHECK(s.check("{primitive: charter_field_not, field: neutrality.data_sale, value: true}").status == Status::pass);
  const RuleResult& r = s.check("{primitive: charter_field_not, field: neutrality.advertising, value: false}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "neutrality.advertising is false"));
}

TEST_CASE("charter_field_matches passes when the value matches, and fails saying what was expected") {
  Scenario s;
  s.charter_with("service: {url: 'http://service.example.org'}");
  CHECK(s.check("{primitive: charter_field_matches, field: service.url, pattern: '^https?://'}").status == Status::pass);
  const RuleResult& r = s.check("{primitive: charter_field_matches, field: service.url, pattern: '^https://', expect: {en: an HTTPS address, fr: une adresse HTTPS}}");
  CHECK(r.status == Status::fail);
  CHECK(says(r, "'http://service.example.org' is not an HTTPS address"));
  CHECK(r.message.fr.find("\u00a0: «\u00a0http://service.example.org\u00a0» n'est pas une adresse HTTPS") != std::string::npos);
}

TEST_CASE("charter_path_exists passes for a declared file that says something, and fails otherwise") {
  Scenario s;
  s.charter_with("continuity: {succession_plan: docs/succession.md}");
  const RuleResult& absent = s.check("{primitive: charter_path_exists, field: continuity.succession_plan}");
  CHECK(absent.status == Status::fail);
  CHECK(says(absent, "declares docs/succession.md, which is not in the repository"));
  s.file("docs/succession.md", "# Plan de succession\n");
  const RuleResult& short_file = s.check("{primitive: charter_path_exists, field: continuity.succession_plan}");
  CHECK(short_file.status == Status::fail);
  CHECK(says(short_file, "3 words, at least 20 expected"));
  CHECK(s.check("{primitive: charter_path_exists, field: continuity.succession_plan, min_words: 3}").status == Status::pass);
}

TEST_CASE("charter_path_exists accepts a folder that holds files") {
  Scenario s;
  s.charter_with("continuity: {succession_plan: docs}");
  s.file("docs/a.md", "text");
  const RuleResult& r = s.check("{primitive: charter_path_exists, field: continuity.succession_plan}");
  CHECK(r.status == Status::pass);
  CHECK(r.message.en == "docs (folder) exists");
}

TEST_CASE("charter_date_future passes for a date to come, and fails once it has passed") {
  Scenario s;
  s.charter_with("continuity: {support_until: '2027-12-31'}").today("2026-06-01");
  CHECK(s.check("{primitive: charter_date_future, field: continuity.support_until}").status == Status::pass);
  s.today("2028-01-01");
  const RuleResult& r = s.check("{primitive: charter_date_future, field: continuity.support_until}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "continuity.support_until (2027-12-31) has passed");
}

// ---------------------------------------------------------------- combinations

TEST_CASE("any_of passes when one check passes, and fails with every reason otherwise") {
  Scenario s;
  s.file("CONTRIBUTING.md", "How to help.\n");
  CHECK(s.check("{primitive: any_of, checks: [{primitive: file_exists, paths: [README*]}, {primitive: file_exists, paths: [CONTRIBUTING*]}]}").status ==
        Status::pass);
  const RuleResult& r = s.check("{primitive: any_of, checks: [{primitive: file_exists, paths: [README*]}, {primitive: file_exists, paths: [docs/*]}]}");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "no file matches README*; no file matches docs/*");
}

TEST_CASE("any_of refuses an unknown primitive or wrong parameters when the module is loaded") {
  Scenario s;
  CHECK_THROWS_WITH_AS(s.check("{primitive: any_of, checks: [{primitive: file_exist, paths: [README*]}]}"),
                       doctest::Contains("unknown check primitive 'file_exist'"), InputError);
  CHECK_THROWS_AS(s.check("{primitive: any_of, checks: [{primitive: file_exists}]}"), InputError);
}

// ---------------------------------------------------------------- rule wording

TEST_CASE("a rule's own failure wording comes first, the primitive's details after a colon") {
  Scenario s;
  const RuleResult& r = s.rule_module(R"(pacte_rules: 1
module: test
rules:
  - id: TEST-README
    principle: openness
    severity: low
    title: {en: A README, fr: Un README}
    rationale: {en: People read it., fr: On le lit.}
    remediation: {en: Write one., fr: Écrivez-en un.}
    references: [{title: Test, url: "https://example.org"}]
    check: {primitive: file_exists, paths: [README*]}
    messages: {fail: {en: No README, fr: Pas de README}}
)");
  CHECK(r.status == Status::fail);
  CHECK(r.message.en == "No README: no file matches README*");
  CHECK(r.message.fr == "Pas de README\u00a0: aucun fichier ne correspond à README*");
}

TEST_CASE("a condition that does not hold makes the rule not applicable, in both languages") {
  Scenario s;
  const RuleResult& r = s.check("{primitive: file_exists, paths: [README*]}", "[{primitive: charter_present}]");
  CHECK(r.status == Status::skip);
  CHECK(r.message.en == "not applicable: no pacte.yml, .pacte.yml or .github/pacte.yml");
  CHECK(r.message.fr == "sans objet\u00a0: aucun fichier pacte.yml, .pacte.yml ni .github/pacte.yml");
}

// ---------------------------------------------------------------- the registry

TEST_CASE("every primitive is described in both languages and has a parameter schema") {
  CHECK(primitives().size() == 40);
  for (const auto& p : primitives()) {
    CHECK_MESSAGE(!p.description.en.empty(), p.name);
    CHECK_MESSAGE(!p.description.fr.empty(), p.name);
    CHECK_MESSAGE(p.params_schema.value("type", "") == "object", p.name);
    CHECK_MESSAGE(p.run, p.name);
    CHECK(find_primitive(p.name) == &p);
  }
}

TEST_CASE("every built-in rule reads its parameters: none fails to be evaluated on a bare tree") {
  Scenario s;
  s.file("README.md", "# Service\n");
  RuleSet builtin = load_rules({}, false);
  REQUIRE(!builtin.rules.empty());
  for (const auto& rule : builtin.rules) {
    const RuleResult& r = s.builtin_rule(rule.id);
    INFO(rule.id, ": ", r.message.en);
    CHECK(r.status != Status::error);
  }
}
