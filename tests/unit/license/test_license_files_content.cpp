// Licence files recognised by content, and headers reported as headers, not licences.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "checks/base/snapshot.hpp"
#include "checks/license/license.hpp"
#include "corpus.hpp"

using namespace pacte;
using namespace pacte::test;

TEST_CASE("a licence text under another name is found by content; a header template is a header") {
  std::optional<std::string> apache, gpl3;
  for (const auto& t : debian_corpus()) {
    if (t.source == "debian:Apache-2.0") apache = t.text;
    if (t.source == "debian:GPL-3") gpl3 = t.text;
  }
  if (!apache || !gpl3) {
    MESSAGE("/usr/share/common-licenses incomplete: skipped");
    return;
  }
  const auto b = apache->find("Licensed under the Apache License");
  const auto e = apache->find("limitations under the License.");
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string notice = "Copyright 2024 Association Exemple\n\n" + apache->substr(b, e + 30 - b) + "\n";
  MemorySnapshot snap;
  snap.add("gpl-3.0.txt", *gpl3)
      .add("NOTES.md", "# Notes\n\nNothing about licences here, only permission to park bikes.\n" + std::string(200, ' '))
      .add("README.md", *gpl3)  // a README quoting a licence is still the README
      .add("license-header.txt", notice)
      .add("LICENSE", notice);
  auto files = find_license_files(snap);
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{"LICENSE", "gpl-3.0.txt", "license-header.txt"});
  REQUIRE(files.size() == 3);
  // The short Apache-2.0 notice in a LICENSE file is the Apache licence, given as a notice.
  CHECK(files[0].match.spdx == "Apache-2.0");
  CHECK(files[0].match.kind == "notice");
  CHECK(files[1].match.spdx == "GPL-3.0-only");
  CHECK(files[1].match.kind == "text");
  // The header template names the licence but is not a licence file.
  CHECK_FALSE(files[2].match.spdx);
  CHECK(files[2].match.kind == "header");
  CHECK(files[2].match.closest == "Apache-2.0");
}
