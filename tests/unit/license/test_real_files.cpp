// Shapes of real licence files that are the original licence: how projects actually ship them
// (Creative Commons' legal code with its wiki addresses, the Apache licence cut after its last
// section, curl's title with a two-line copyright, third-party notices labelled by file name, a
// copyright line reflowed into the grant). Each text is built at test time from the installed
// npm texts, with the variation written here; no third-party file is copied. Most shapes are
// also modified in substance once, and must then not be reported as the original.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>

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

TEST_CASE("real-file shapes: words of the licence that a reflowed copyright statement swallowed are the licence's") {
  auto fwlw = npm_text("fwlw");
  auto mulan = npm_text("MulanPSL-2.0");
  auto cecill = npm_text("CECILL-1.0");
  if (!fwlw || !mulan || !cecill) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: real-file shapes skipped");
    return;
  }
  // Each paragraph joined into one line: "Copyright (C) 1993,1995 by Donald Arseneau Vancouver,
  // Canada, ..." and "Copyright (c) [Year] [name of copyright holder] [Software Name] is
  // licensed under Mulan PSL v2." read as one copyright statement each, yet the words after
  // the holder are in the file, in the licence's order.
  CHECK(identify_license_text(reflowed_markdown(*fwlw)).spdx == "fwlw");
  CHECK(identify_license_text(reflowed_markdown(*mulan)).spdx == "MulanPSL-2.0");
  // Swallowed words are still compared: another version named there is another text.
  std::string other = *mulan;
  for (auto at = other.find("is licensed under Mulan PSL v2."); at != std::string::npos;
       at = other.find("is licensed under Mulan PSL v2.", at))
    other.replace(at, 31, "is licensed under Mulan PSL v3.");
  CHECK(identify_license_text(reflowed_markdown(other)).spdx != "MulanPSL-2.0");
  // The numbered items of a list joined into one line ("accompagnée: 1.<tab>d'un exemplaire du
  // Contrat, 2.<tab>d'un avertissement...") keep markers that are not words.
  CHECK(identify_license_text(reflowed_markdown(*cecill)).spdx == "CECILL-1.0");
  // Only the markers: an item removed from the joined list is still missing.
  CHECK(identify_license_text(reflowed_markdown(replaced(*cecill, "\t1.\td\u2019un exemplaire du Contrat,\n", ""))).spdx !=
        "CECILL-1.0");
}

TEST_CASE("real-file shapes: two licences in one Markdown file, each under a heading that repeats its title") {
  auto epl = npm_text("EPL-2.0");
  auto apache = npm_text("Apache-2.0");
  if (!epl || !apache) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: real-file shapes skipped");
    return;
  }
  // A note naming both licences (quoting the EPL's title), then each text indented as a
  // Markdown code block under a "## ..." heading; the EPL's first line, its title, set apart.
  auto indented = [](const std::string& text) {
    std::string out;
    std::size_t lines = 0;
    for (std::size_t b = 0; b <= text.size();) {
      std::size_t e = text.find('\n', b);
      if (e == std::string::npos) e = text.size();
      const std::string line = text.substr(b, e - b);
      out += (line.empty() ? "" : "    ") + line + "\n";
      ++lines;
      b = e + 1;
    }
    return std::pair{out, lines};
  };
  auto count_lines = [](const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); };
  const std::string epl_text = replaced(*epl, "Eclipse Public License - v 2.0\n", "Eclipse Public License - v 2.0\n\n");
  const auto [epl_block, epl_lines] = indented(epl_text);
  const std::string apache_block = indented(*apache).first;
  const std::string note =
      "This program and the accompanying materials are made available under the\n"
      "terms of the Eclipse Public License 2.0 which is available at\n"
      "https://www.eclipse.org/legal/epl-2.0, or the Apache License, Version 2.0\n"
      "which is available at https://www.apache.org/licenses/LICENSE-2.0.\n\n";
  const std::string epl_heading = "## Eclipse Public License - Version 2.0\n\n";
  const std::string apache_heading = "\n## Apache License - Version 2.0\n\n";
  const std::string file = note + epl_heading + epl_block + apache_heading + apache_block;
  LicenseMatch m = identify_license_text(file);
  CHECK_MESSAGE(m.spdx == "EPL-2.0", m.note);
  REQUIRE_MESSAGE(m.sections.size() == 2, m.note);
  const int epl_first = count_lines(note + epl_heading) + 1;
  CHECK(m.sections[0].spdx == "EPL-2.0");
  CHECK(m.sections[0].first_line == epl_first);
  CHECK(m.sections[0].last_line <= epl_first + static_cast<int>(epl_lines) - 1);
  CHECK(m.sections[0].last_line >= epl_first + static_cast<int>(epl_lines) - 3);
  CHECK(m.sections[1].spdx == "Apache-2.0");
  const int apache_heading_line = count_lines(note + epl_heading + epl_block) + 2;
  CHECK(m.sections[1].first_line >= apache_heading_line);
  CHECK(m.sections[1].first_line <= apache_heading_line + 2);
  CHECK(m.sections[1].last_line >= count_lines(file) - 1);
  CHECK_FALSE(m.sections[1].third_party);
  // Either text modified in substance is found, section by section.
  LicenseMatch bad = identify_license_text(
      replaced(file, "1. DEFINITIONS", "1. DEFINITIONS\n\n    The Program may not be used for commercial purposes."));
  CHECK(bad.spdx != "EPL-2.0");
  REQUIRE(bad.sections.size() == 2);
  CHECK(bad.sections[0].spdx != "EPL-2.0");
  CHECK(bad.sections[1].spdx == "Apache-2.0");
}
