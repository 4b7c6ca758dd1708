// Shapes of real licence files that are the original licence: how projects actually ship them
// (Creative Commons' legal code with its wiki addresses, the Apache licence cut after its last
// section, curl's title with a two-line copyright, third-party notices labelled by file name, a
// copyright line reflowed into the grant). Each text is built at test time from the installed
// npm texts, with the variation written here; no third-party file is copied. Most shapes are
// also modified in substance once, and must then not be reported as the original.
#include <doctest/doctest.h>

#include <string>

#include "checks/license/license.hpp"
#include "corpus.hpp"

using namespace pacte;
using namespace pacte::test;

namespace {

/// `text` with `from` replaced by `to` once; fails the test when `from` is missing.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "the npm text no longer holds \"" << from << "\"");
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("real-file shapes: a Creative Commons 4.0 legal code with its wiki addresses is the original") {
  auto by = npm_text("CC-BY-4.0");
  if (!by) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: real-file shapes skipped");
    return;
  }
  // The legal code as creativecommons.org publishes it: each consideration ends with its wiki
  // address, and rules of equal signs frame the foreword.
  std::string text = replaced(*by, "considerations for licensors.",
                              "considerations for licensors:\nwiki.creativecommons.org/Considerations_for_licensors");
  text = replaced(text, "More considerations for the public.",
                  "More considerations for the public:\nwiki.creativecommons.org/Considerations_for_licensees\n\n"
                  "=======================================================================");
  LicenseMatch m = identify_license_text(text);
  CHECK_MESSAGE(m.spdx == "CC-BY-4.0", m.note);
  // The licence itself is not optional: a condition added to it is found.
  LicenseMatch bad = identify_license_text(
      replaced(text, "Section 2 \u2013 Scope.", "Section 2 \u2013 Scope.\n\nThe Licensed Material may not be used for commercial purposes."));
  CHECK(bad.spdx != "CC-BY-4.0");
  CHECK(bad.closest == "CC-BY-4.0");
}

TEST_CASE("real-file shapes: the Apache licence without its END OF TERMS line and appendix is the original") {
  auto apache = npm_text("Apache-2.0");
  if (!apache) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: real-file shapes skipped");
    return;
  }
  const auto end = apache->find("END OF TERMS AND CONDITIONS");
  REQUIRE(end != std::string::npos);
  const std::string cut = apache->substr(0, end);
  LicenseMatch m = identify_license_text(cut);
  CHECK_MESSAGE(m.spdx == "Apache-2.0", m.note);
  // The last section is required: without its last sentence the text is not the licence.
  const auto last = cut.rfind("However, in accepting such obligations");
  REQUIRE(last != std::string::npos);
  CHECK(identify_license_text(cut.substr(0, last)).spdx != "Apache-2.0");
}

TEST_CASE("real-file shapes: curl's title and a copyright line on two lines") {
  auto curl = npm_text("curl");
  if (!curl) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: real-file shapes skipped");
    return;
  }
  std::string text = replaced(*curl, "All rights reserved.\n", "");
  const auto copyright = text.find("Copyright (c)");
  REQUIRE(copyright != std::string::npos);
  const auto eol = text.find('\n', copyright);
  text.replace(copyright, eol - copyright, "Copyright (c) 1998 - 2024, Jane Doe, <jane@example.org>, and many\ncontributors, see the THANKS file.");
  LicenseMatch m = identify_license_text(text);
  CHECK_MESSAGE(m.spdx == "curl", m.note);
  // A title that names another licence is still a renamed licence.
  CHECK(identify_license_text(replaced(text, "COPYRIGHT AND PERMISSION NOTICE", "ACME PUBLIC LICENSE")).spdx != "curl");
}

TEST_CASE("real-file shapes: a project's licence, then the notices of files it incorporates, labelled by file name") {
  auto mit = npm_text("MIT");
  auto isc = npm_text("ISC");
  if (!mit || !isc) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: real-file shapes skipped");
    return;
  }
  const std::string text = *mit + "\n\nexemple incorporates two files by Jane Doe, which bear the following notices:\n\n"
                           "src/dtoa.c:\n" + *isc + "\n\ng_fmt.c:\n" + *isc;
  LicenseMatch m = identify_license_text(text);
  CHECK_MESSAGE(m.spdx == "MIT", m.note);
  REQUIRE(m.sections.size() == 3);
  CHECK(m.sections[1].spdx == "ISC");
  CHECK(m.sections[2].spdx == "ISC");
  CHECK(m.sections[2].third_party);
}

TEST_CASE("real-file shapes: a copyright line reflowed into the licence's first sentence") {
  auto kastrup = npm_text("Kastrup");
  auto borceux = npm_text("Borceux");
  if (!kastrup || !borceux) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: real-file shapes skipped");
    return;
  }
  // "Copyright(c) 2001 by David Kastrup Any use of the code is permitted...": the copyright
  // statement ends where the licence starts, not at the end of the joined line.
  CHECK(identify_license_text(reflowed_markdown(*kastrup)).spdx == "Kastrup");
  CHECK(identify_license_text(reflowed_markdown(*borceux)).spdx == "Borceux");
  // The words after the copyright line are still judged.
  CHECK(identify_license_text(reflowed_markdown(replaced(*kastrup, "is permitted", "is prohibited"))).spdx != "Kastrup");
}
