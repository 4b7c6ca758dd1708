// Strictness of licence identification: a text that differs in substance from a licence
// (a clause before the grant or after the disclaimer, a renamed title) is never reported as that
// licence; versions and grants are read from the wording; exceptions and compound files are
// reported. Every text is built at test time from the installed npm and Debian texts.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <iterator>
#include <string>
#include <vector>

#include "checks/license/license.hpp"
#include "corpus.hpp"

using namespace pacte;
using namespace pacte::test;

namespace {

std::optional<std::string> debian(const std::string& file) {
  for (const auto& t : debian_corpus()) {
    if (t.source == "debian:" + file) return t.text;
  }
  return std::nullopt;
}

// The licence text from its first paragraph of 15 words or more (the grant): the title and
// copyright lines dropped.
std::string body_of(const std::string& text) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find("\n\n", at);
    std::string para = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    std::size_t words = 0;
    bool in = false;
    for (char c : para) {
      bool sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (!sp && !in) ++words;
      in = !sp;
    }
    if (words >= 15) return text.substr(at);
    if (end == std::string::npos) break;
    at = end + 2;
  }
  return text;
}

// The title: the text's first paragraph when it is short, else empty.
std::string title_of(const std::string& text) {
  std::size_t end = text.find("\n\n");
  std::string first = text.substr(0, end);
  return first.size() < 80 && first.find("Copyright") == std::string::npos ? first : std::string();
}

const std::vector<std::string> kPermissive = {"MIT", "ISC", "0BSD", "MIT-0", "BSD-2-Clause",
                                              "BSD-3-Clause"};

}  // namespace

TEST_CASE("a restrictive clause between the copyright line and the grant is part of the licence") {
  if (!npm_text("MIT")) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: skipped");
    return;
  }
  for (const auto& id : kPermissive) {
    auto text = npm_text(id);
    REQUIRE(text);
    const std::string body = body_of(*text);
    const std::string copyright = "Copyright (c) 2024 Association Exemple\n\n";
    const std::string clause = "This licence does not apply to commercial use.\n\n";
    // Without the clause: identified.
    CHECK_MESSAGE(identify_license_text(copyright + body).spdx == id, id);
    for (const std::string& modified :
         {copyright + clause + body, clause + copyright + body, title_of(*text) + "\n\n" + copyright + clause + body,
          copyright + "The software may only be used by non-profit organisations.\n\n" + body}) {
      LicenseMatch m = identify_license_text(modified);
      CHECK_MESSAGE(!m.spdx, id << ": " << m.note);
      CHECK_MESSAGE(m.closest == id, id << ": closest " << m.closest);
      CHECK_MESSAGE(!m.difference.empty(), id);
    }
  }
}

TEST_CASE("a renamed licence is not the original, even when only the title changed") {
  if (!npm_text("MIT")) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: skipped");
    return;
  }
  int renamed = 0;
  for (const std::string id : {"MIT", "ISC", "Apache-2.0", "MPL-2.0", "Zlib", "BSL-1.0", "Unlicense",
                               "EPL-2.0", "BSD-3-Clause-Clear", "PostgreSQL", "UPL-1.0", "0BSD"}) {
    auto text = npm_text(id);
    REQUIRE(text);
    const std::string title = title_of(*text);
    if (title.empty()) continue;
    std::string renamed_text = "Acme Widgets Public Licence\n\n" + text->substr(title.size() + 2);
    LicenseMatch m = identify_license_text(renamed_text);
    CHECK_MESSAGE(!m.spdx, id << " renamed: " << m.note);
    CHECK_MESSAGE(m.difference.find("Acme") != std::string::npos, id << ": " << m.difference);
    // The same text with its own title, or none, is identified.
    CHECK_MESSAGE(identify_license_text(*text).spdx == id, id);
    CHECK_MESSAGE(identify_license_text(text->substr(title.size() + 2)).spdx == id, id);
    ++renamed;
  }
  CHECK(renamed >= 8);
}

TEST_CASE("a sentence added after the disclaimer or before the licence is an addition") {
  auto mit = npm_text("MIT");
  if (!mit) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: skipped");
    return;
  }
  LicenseMatch m = identify_license_text(*mit + "\nYou may not use the Software to train models.\n");
  CHECK_FALSE(m.spdx);
  CHECK(m.closest == "MIT");
  CHECK(m.difference.find("train models") != std::string::npos);
  m = identify_license_text("Commercial use is prohibited.\n\n" + *mit);
  CHECK_FALSE(m.spdx);
  // A project note that is not a licence term is a note.
  m = identify_license_text(*mit + "\nNote: the files under assets/ come from the design team.\n");
  CHECK(m.spdx == "MIT");
}

TEST_CASE("-only and -or-later are read from the notice's own wording, with evidence") {
  auto gpl2 = debian("GPL-2");
  if (!gpl2) {
    MESSAGE("/usr/share/common-licenses/GPL-2 missing: skipped");
    return;
  }
  // A project that says version 2 only, and mentions a later version at someone's discretion.
  const std::string only_note =
      " Note that the only valid version of the GPL as far as this project\n"
      " is concerned is this particular version of the license (version 2).\n"
      " You might write in your copyright message: this file is licensed\n"
      " under the GPL v2, or a later version at the discretion of the maintainer.\n\n";
  LicenseMatch m = identify_license_text(only_note + *gpl2);
  CHECK(m.spdx == "GPL-2.0-only");
  CHECK(m.grant.find("only valid version") != std::string::npos);
  const std::string later_note =
      "This program is free software; you can redistribute it and/or modify it under the terms\n"
      "of the GNU General Public License as published by the Free Software Foundation; either\n"
      "version 2 of the License, or (at your option) any later version.\n\n";
  m = identify_license_text(later_note + *gpl2);
  CHECK(m.spdx == "GPL-2.0-or-later");
  CHECK(m.grant.find("any later version") != std::string::npos);
  m = identify_license_text(*gpl2);
  CHECK(m.spdx == "GPL-2.0-only");
  CHECK(m.grant.empty());
}

TEST_CASE("a file holding several licences is reported section by section") {
  auto gpl3 = debian("GPL-3");
  auto apache = debian("Apache-2.0");
  auto bsd = debian("BSD");
  if (!gpl3 || !apache || !bsd) {
    MESSAGE("/usr/share/common-licenses incomplete: skipped");
    return;
  }
  const std::string project =
      "Exemple is free software: you can redistribute it and/or modify it under the terms of\n"
      "the GNU General Public License as published by the Free Software Foundation, either\n"
      "version 3 of the License, or (at your option) any later version.\n\n";
  const std::string third = "\n\nThird-party components\n\nsrc/vendor/parser is distributed under these terms:\n\n";
  const std::string text = project + *gpl3 + third + *apache + "\n\nsrc/vendor/fmt:\n\n" + *bsd;
  LicenseMatch m = identify_license_text(text);
  CHECK(m.spdx == "GPL-3.0-or-later");
  REQUIRE(m.sections.size() == 3);
  CHECK(m.sections[0].spdx == "GPL-3.0-or-later");
  CHECK_FALSE(m.sections[0].third_party);
  CHECK(m.sections[1].spdx == "Apache-2.0");
  CHECK(m.sections[1].third_party);
  CHECK(m.sections[2].spdx == "BSD-3-Clause");
  CHECK(m.sections[2].third_party);
  CHECK(m.sections[0].first_line == 1);  // the notice above the text is part of it
  CHECK(m.sections[0].last_line < m.sections[1].first_line);
  CHECK(m.sections[1].last_line < m.sections[2].first_line);
  // The project's licence given only as a notice, then a third-party text.
  m = identify_license_text(project + third + *apache);
  CHECK(m.spdx == "GPL-3.0-or-later");
  REQUIRE(m.sections.size() == 2);
  CHECK(m.sections[0].kind == "notice");
  CHECK(m.sections[1].spdx == "Apache-2.0");
  CHECK(m.sections[1].third_party);
  // A modified third-party section is reported as such.
  std::string evil = *bsd;
  evil.insert(evil.find("THIS SOFTWARE IS PROVIDED"), "The software shall not be used for evil.\n\n");
  m = identify_license_text(project + *gpl3 + third + evil);
  REQUIRE(m.sections.size() >= 2);
  CHECK_FALSE(m.sections.back().spdx);
  CHECK(m.sections.back().closest == "BSD-3-Clause");
}

TEST_CASE("licence exceptions are reported with the licence") {
  auto apache = debian("Apache-2.0");
  auto gpl2 = debian("GPL-2");
  if (!apache || !gpl2) {
    MESSAGE("/usr/share/common-licenses incomplete: skipped");
    return;
  }
  LicenseMatch m = identify_license_text(
      *apache + "\n\n---- LLVM Exceptions to the Apache 2.0 License ----\n\n"
                "As an exception, if, as a result of your compiling your source code, portions\n"
                "of this Software are embedded into an Object form of such source code, you\n"
                "may redistribute such embedded portions in such Object form without complying\n"
                "with the conditions of Sections 4(a), 4(b) and 4(d) of the License.\n");
  CHECK(m.spdx == "Apache-2.0");
  CHECK(m.exception == "LLVM-exception");
  m = identify_license_text(
      *gpl2 + "\n\nLinking this library statically or dynamically with other modules is making a\n"
              "combined work based on this library. Thus, the terms and conditions of the GNU\n"
              "General Public License cover the whole combination.\n\n"
              "As a special exception, the copyright holders of this library give you permission\n"
              "to link this library with independent modules to produce an executable,\n"
              "regardless of the license terms of these independent modules.\n");
  CHECK(m.spdx == "GPL-2.0-only");
  CHECK(m.exception == "Classpath-exception-2.0");
  CHECK(identify_license_text(*apache).exception.empty());
}

TEST_CASE("licence notices and identifier lines are reported as notices") {
  LicenseMatch m = identify_license_text("SPDX-License-Identifier: MPL-2.0\n");
  CHECK(m.spdx == "MPL-2.0");
  CHECK(m.kind == "identifier");
  m = identify_license_text("// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception\n");
  CHECK(m.spdx == "Apache-2.0");
  CHECK(m.exception == "LLVM-exception");
  auto apache = debian("Apache-2.0");
  if (!apache) return;
  // The notice of the Apache licence's appendix, with a copyright line, is a notice.
  auto b = apache->find("Licensed under the Apache License");
  auto e = apache->find("limitations under the License.");
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  std::string notice = "Copyright 2024 Association Exemple\n\n" + apache->substr(b, e + 30 - b) + "\n";
  m = identify_license_text(notice);
  CHECK(m.spdx == "Apache-2.0");
  CHECK(m.kind == "notice");
  m = identify_license_text(*apache);
  CHECK(m.kind == "text");
}

TEST_CASE("debug: identify the file named by PACTE_LICENSE_PROBE") {
  const char* path = std::getenv("PACTE_LICENSE_PROBE");
  if (!path) return;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream read;
  read << in.rdbuf();
  const std::string text = read.str();
  LicenseMatch m = identify_license_text(text);
  MESSAGE(m.spdx.value_or("null") << " closest " << m.closest << " " << m.confidence << " kind " << m.kind
                                  << " exception " << m.exception << " grant [" << m.grant << "] note [" << m.note
                                  << "] difference [" << m.difference << "]");
  for (const auto& s : m.sections)
    MESSAGE("section " << s.spdx.value_or("null") << " closest " << s.closest << " " << s.kind << " lines "
                       << s.first_line << "-" << s.last_line << (s.third_party ? " third-party" : "") << " ["
                       << s.difference << "]");
}

TEST_CASE("the ISC licence with its holder named otherwise is ISC") {
  auto isc = npm_text("ISC");
  if (!isc) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: skipped");
    return;
  }
  std::string author = *isc;
  for (const std::string from : {"AND ISC DISCLAIMS", "SHALL ISC BE LIABLE"}) {
    auto at = author.find(from);
    REQUIRE(at != std::string::npos);
    std::string to = from;
    to.replace(to.find("ISC"), 3, "THE AUTHOR");
    author.replace(at, from.size(), to);
  }
  CHECK(identify_license_text(author).spdx == "ISC");
  // The holder slot takes a name, not a clause.
  std::string clause = *isc;
  clause.replace(clause.find("AND ISC DISCLAIMS"), 17, "AND ISC, EXCEPT FOR COMMERCIAL USERS, DISCLAIMS");
  CHECK_FALSE(identify_license_text(clause).spdx);
}
