// The openness rules (rules/openness.yml), each judged on a tree that passes and on one that
// fails, with the evidence a reviewer would open.
#include <doctest/doctest.h>

#include "rule_harness.hpp"

using namespace pacte;
using test::contains;
using test::has_evidence;
using test::line_of;
using test::replaced;
using test::Scenario;

namespace {

// The charter of a small municipal service, licensed under MIT, with published data.
const std::string kCharter = R"(pacte: 1
service:
  name: Démarches en ligne de la Ville
  repository: https://git.example.org/ville/demarches.git
openness:
  license: MIT
  data_license: etalab-2.0
  open_data:
    - {name: Horaires des mairies annexes, url: https://data.example.org/horaires, license: ODbL-1.0}
neutrality:
  advertising: false
  data_sale: false
continuity:
  maintainers:
    - {name: Jeanne Martin, email: jeanne@example.org}
    - {name: Ali Benali, email: ali@example.org}
equal_access:
  free_of_charge: true
  languages: [fr]
)";

}  // namespace

PACTE_RULE_TEST("OPEN-CHARTER", "a pacte.yml passes; a publiccode.yml alone fails; no charter is undeclared") {
  Scenario with_charter;
  with_charter.charter(kCharter).file("README.md", "# Démarches\n");
  const RuleResult& pass = with_charter.builtin_rule("OPEN-CHARTER");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml"));

  Scenario publiccode_only;
  publiccode_only.file("publiccode.yml", "publiccodeYmlVersion: \"0.4\"\nname: Démarches en ligne\n"
                                         "url: https://git.example.org/ville/demarches.git\nlegal:\n  license: MIT\n");
  const RuleResult& publiccode = publiccode_only.builtin_rule("OPEN-CHARTER");
  CHECK(publiccode.status == Status::fail);
  CHECK(has_evidence(publiccode, "publiccode.yml"));

  Scenario nothing;
  nothing.file("README.md", "# Démarches\n");
  const RuleResult& none = nothing.builtin_rule("OPEN-CHARTER");
  CHECK(none.status == Status::undeclared);
  CHECK(contains(none.message.en, "pacte.yml"));
}

PACTE_RULE_TEST("OPEN-LICENSE-FILE", "the MIT text passes; a modified MIT text and no licence fail") {
  Scenario s;
  s.charter(kCharter).file("LICENSE", test::mit_text());
  const RuleResult& pass = s.builtin_rule("OPEN-LICENSE-FILE");
  CHECK(pass.status == Status::pass);
  REQUIRE(has_evidence(pass, "LICENSE"));
  CHECK(contains(pass.evidence.front().note, "MIT"));

  // The "JSON licence": MIT plus one clause, which makes it another, non-free licence.
  s.file("LICENSE", replaced(test::mit_text(), "The above copyright notice",
                             "The Software shall be used for Good, not Evil.\n\nThe above copyright notice"));
  const RuleResult& modified = s.builtin_rule("OPEN-LICENSE-FILE");
  CHECK(modified.status == Status::fail);
  REQUIRE(has_evidence(modified, "LICENSE"));
  CHECK(contains(modified.evidence.front().note, "MIT"));  // the closest licence, and how close

  Scenario unlicensed;
  unlicensed.charter(kCharter).file("README.md", "# Démarches\n");
  const RuleResult& none = unlicensed.builtin_rule("OPEN-LICENSE-FILE");
  CHECK(none.status == Status::fail);
  CHECK(none.evidence.empty());
}

PACTE_RULE_TEST("OPEN-LICENSE-DECLARED", "openness.license passes; a charter without it fails at the charter") {
  Scenario s;
  s.charter(kCharter);
  const RuleResult& pass = s.builtin_rule("OPEN-LICENSE-DECLARED");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "license: MIT")));

  // A pacte.yml must declare it (the charter schema requires it): a publiccode.yml may not.
  Scenario publiccode;
  publiccode.file("publiccode.yml", "publiccodeYmlVersion: \"0.4\"\nname: Démarches en ligne\n"
                                    "url: https://git.example.org/ville/demarches.git\n");
  const RuleResult& fail = publiccode.builtin_rule("OPEN-LICENSE-DECLARED");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "publiccode.yml"));
  CHECK(contains(fail.message.en, "openness.license"));
}

PACTE_RULE_TEST("OPEN-LICENSE-MATCH", "MIT declared over an MIT LICENSE passes; AGPL declared over it fails") {
  Scenario s;
  s.charter(kCharter).file("LICENSE", test::mit_text());
  const RuleResult& pass = s.builtin_rule("OPEN-LICENSE-MATCH");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "license: MIT")));
  CHECK(has_evidence(pass, "LICENSE"));

  std::string charter = replaced(kCharter, "license: MIT", "license: AGPL-3.0-or-later");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("OPEN-LICENSE-MATCH");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "license: AGPL-3.0-or-later")));
  CHECK(has_evidence(fail, "LICENSE"));
  CHECK(contains(fail.message.en, "AGPL-3.0-or-later"));
  CHECK(contains(fail.message.en, "MIT"));
}

PACTE_RULE_TEST("OPEN-LICENSE-FREE", "MIT passes; the Business Source License fails at the declaration") {
  Scenario s;
  s.charter(kCharter).file("LICENSE", test::mit_text());
  const RuleResult& pass = s.builtin_rule("OPEN-LICENSE-FREE");
  CHECK(pass.status == Status::pass);
  CHECK(contains(pass.message.en, "MIT"));

  Scenario busl;
  std::string charter = replaced(kCharter, "license: MIT", "license: BUSL-1.1");
  busl.charter(charter);
  const RuleResult& fail = busl.builtin_rule("OPEN-LICENSE-FREE");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "license: BUSL-1.1")));
  CHECK(contains(fail.message.en, "BUSL-1.1"));
}

PACTE_RULE_TEST("OPEN-LICENSE-FR-LIST", "MIT is on the CRPA list; GPL-2.0-only, although free, is not") {
  Scenario s;
  s.charter(kCharter).file("LICENSE", test::mit_text());
  CHECK(s.builtin_rule("OPEN-LICENSE-FR-LIST").status == Status::pass);

  Scenario gpl2;
  std::string charter = replaced(kCharter, "license: MIT", "license: GPL-2.0-only");
  gpl2.charter(charter);
  const RuleResult& fail = gpl2.builtin_rule("OPEN-LICENSE-FR-LIST");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "license: GPL-2.0-only")));
  CHECK(contains(fail.message.en, "GPL-2.0-only"));
  // The two rules judge different things: the same licence is free.
  CHECK(gpl2.builtin_rule("OPEN-LICENSE-FREE").status == Status::pass);
}

PACTE_RULE_TEST("OPEN-DATA-LICENSE", "etalab-2.0 and ODbL pass; a non-commercial dataset licence fails at its entry") {
  Scenario s;
  s.charter(kCharter);
  CHECK(s.builtin_rule("OPEN-DATA-LICENSE").status == Status::pass);

  std::string charter = replaced(kCharter, "license: ODbL-1.0}", "license: CC-BY-NC-4.0}");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("OPEN-DATA-LICENSE");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "Horaires des mairies annexes")));
  CHECK(contains(fail.message.en, "CC-BY-NC-4.0"));

  // A service that publishes no data has nothing to license.
  s.charter(replaced(kCharter,
                     "  data_license: etalab-2.0\n  open_data:\n"
                     "    - {name: Horaires des mairies annexes, url: https://data.example.org/horaires, license: ODbL-1.0}\n",
                     ""));
  CHECK(s.builtin_rule("OPEN-DATA-LICENSE").status == Status::skip);
}

PACTE_RULE_TEST("OPEN-README", "a README with an installation section passes; a one-line README fails") {
  const std::string readme = "# Démarches en ligne\n\nPrise de rendez-vous en mairie.\n\n## Installation\n\n"
                             "```\nnpm ci && npm run build\n```\n";
  Scenario s;
  s.charter(kCharter).file("README.md", readme);
  const RuleResult& pass = s.builtin_rule("OPEN-README");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "README.md", line_of(readme, "## Installation")));

  s.file("README.md", "# Démarches en ligne\n\nPrise de rendez-vous en mairie.\n");
  const RuleResult& fail = s.builtin_rule("OPEN-README");
  CHECK(fail.status == Status::fail);
  CHECK(contains(fail.message.en, "README"));
}

PACTE_RULE_TEST("OPEN-CONTRIBUTING", "a real CONTRIBUTING.md passes; a placeholder one, or none, fails") {
  const std::string guide =
      "# Contribuer\n\nSignalez un problème en ouvrant un ticket sur la forge. Pour proposer une modification, "
      "créez une branche, ajoutez un test, puis ouvrez une demande de fusion : deux mainteneurs la relisent "
      "avant de la fusionner.\n";
  Scenario s;
  s.charter(kCharter).file("CONTRIBUTING.md", guide);
  const RuleResult& pass = s.builtin_rule("OPEN-CONTRIBUTING");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "CONTRIBUTING.md"));

  s.file("CONTRIBUTING.md", "# Contribuer\n\nÀ venir.\n");
  const RuleResult& placeholder = s.builtin_rule("OPEN-CONTRIBUTING");
  CHECK(placeholder.status == Status::fail);
  CHECK(contains(placeholder.message.en, "CONTRIBUTING.md"));

  Scenario none;
  none.charter(kCharter).file("README.md", "# Démarches\n");
  CHECK(none.builtin_rule("OPEN-CONTRIBUTING").status == Status::fail);
}

// Fixed bug: any_of (checks/engine/primitives/general.cpp) drops the evidence of the checks that
// failed, so OPEN-CONTRIBUTING (and CONT-SECURITY-CONTACT) fail without pointing at the file a
// reviewer must open: file_exists gave {CONTRIBUTING.md, "fewer than 20 words"}.
PACTE_RULE_TEST("OPEN-CONTRIBUTING", "a placeholder CONTRIBUTING.md is the evidence of the failure") {
  Scenario s;
  s.charter(kCharter).file("CONTRIBUTING.md", "# Contribuer\n\nÀ venir.\n");
  const RuleResult& fail = s.builtin_rule("OPEN-CONTRIBUTING");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "CONTRIBUTING.md"));
}

PACTE_RULE_TEST("OPEN-PUBLIC-REPOSITORY", "an https URL passes; an ssh address nobody outside can clone fails") {
  Scenario s;
  s.charter(kCharter);
  const RuleResult& pass = s.builtin_rule("OPEN-PUBLIC-REPOSITORY");
  CHECK(pass.status == Status::pass);
  CHECK(has_evidence(pass, "pacte.yml", line_of(kCharter, "repository:")));

  std::string charter = replaced(kCharter, "https://git.example.org/ville/demarches.git", "git@git.example.org:ville/demarches.git");
  s.charter(charter);
  const RuleResult& fail = s.builtin_rule("OPEN-PUBLIC-REPOSITORY");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "pacte.yml", line_of(charter, "repository:")));
  CHECK(contains(fail.message.en, "git@git.example.org:ville/demarches.git"));
}

PACTE_RULE_TEST("OPEN-NO-BINARIES", "test fixtures and the Gradle wrapper pass; a committed DLL and ELF executable fail") {
  Scenario s;
  s.charter(kCharter)
      .file("src/convert.c", "int main(void) { return 0; }\n")
      .file("tools/deploy.sh", "#!/bin/sh\nrsync -a build/ serveur:/srv/demarches/\n", true)
      .file("gradle/wrapper/gradle-wrapper.jar", std::string("PK\x03\x04", 4) + "wrapper")
      .file("tests/fixtures/libsample.so", std::string("\x7F" "ELF\x02\x01\x01", 7));
  CHECK(s.builtin_rule("OPEN-NO-BINARIES").status == Status::pass);

  s.file("libs/pdfium.dll", std::string("MZ\x90\x00", 4) + "pdfium")
      .file("tools/convertisseur", std::string("\x7F" "ELF\x02\x01\x01\x00", 8) + "binary", true);
  const RuleResult& fail = s.builtin_rule("OPEN-NO-BINARIES");
  CHECK(fail.status == Status::fail);
  CHECK(has_evidence(fail, "libs/pdfium.dll"));
  CHECK(has_evidence(fail, "tools/convertisseur"));
  CHECK(fail.evidence.size() == 2);  // the shell script and the fixtures are not binaries
}
