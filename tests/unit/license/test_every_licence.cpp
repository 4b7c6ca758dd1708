// Every licence of the SPDX list is known: its npm spdx-license-list text is identified as is
// and with the variants the SPDX matching guidelines allow, and never once modified in
// substance. The texts are read at test time (PACTE_LICENSE_CORPUS); none is committed.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "checks/license/license.hpp"
#include "checks/license/license_text.hpp"
#include "corpus.hpp"

using namespace pacte;
using namespace pacte::test;

namespace {

const std::vector<std::string> kGnu = {"GPL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0",
                                       "AGPL-1.0", "AGPL-3.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3"};

std::string title_of(const std::string& text) {
  std::size_t end = text.find("\n\n");
  std::string first = text.substr(0, end);
  return end != std::string::npos && first.size() < 60 && first.find('\n') == std::string::npos &&
                 first.find("opyright") == std::string::npos
             ? first
             : std::string();
}

}  // namespace

TEST_CASE("every SPDX licence text is identified, and never once modified") {
  if (!npm_text("MIT")) {
    MESSAGE("PACTE_LICENSE_CORPUS is not set: every-licence corpus skipped");
    return;
  }
  int texts = 0, plain = 0, variants = 0, variants_ok = 0, modified = 0, modified_ok = 0;
  std::vector<std::string> plain_failures, accepted_modified, variant_failures;
  for (const auto& id : known_licenses()) {
    const bool gnu = std::find(kGnu.begin(), kGnu.end(), id) != kGnu.end();
    const std::string key = gnu ? id + "-only" : id;
    auto text = npm_text(key);
    if (!text) continue;  // a Debian variant of a text the npm package words otherwise
    if (key == "LGPL-3.0-only") continue;  // the npm text is the LGPL followed by the GPL
    ++texts;
    LicenseMatch m = identify_license_text(*text);
    if (m.spdx == key) {
      ++plain;
    } else {
      plain_failures.push_back(key + ": " + m.spdx.value_or("null") + " " + m.note);
    }
    const std::pair<const char*, std::string> kept[] = {{"Markdown + CRLF", reflowed_markdown(*text)},
                                                        {"note above", with_note_above(*text)}};
    for (const auto& [how, v] : kept) {
      ++variants;
      LicenseMatch vm = identify_license_text(v);
      if (vm.spdx == key) {
        ++variants_ok;
      } else {
        variant_failures.push_back(key + " (" + how + "): " + vm.spdx.value_or("null") + ", closest " + vm.closest +
                                   ", " + vm.note);
      }
    }
    std::vector<std::string> bad = {
        with_added_clause(*text, "The Software shall not be used for evil."),
        with_appended(*text, "You may not use the Software for commercial purposes."),
        "This licence does not apply to commercial use.\n\n" + *text,
    };
    // A removed copyright line is no change (the guidelines make it omittable): only a removal
    // that changes the normalised words counts.
    // MakeIndex and mpi-permissive: the sentence removed is an author credit in the text's
    // optional header (before the grant), which the guidelines let a copy omit like a title.
    std::string removed = key == "MakeIndex" || key == "mpi-permissive" ? *text : with_removed_sentence(*text);
    auto words = [](const std::string& t) { return license_text::fingerprint(license_text::tokenize(t)); };
    if (words(removed) != words(*text)) bad.push_back(removed);
    const std::string title = title_of(*text);
    if (!title.empty()) bad.push_back("Acme Widgets Public Licence\n\n" + text->substr(title.size() + 2));
    for (std::size_t k = 0; k < bad.size(); ++k) {
      ++modified;
      LicenseMatch mm = identify_license_text(bad[k]);
      if (mm.spdx == key) {
        static const char* what[] = {"clause added", "clause appended", "clause above", "sentence removed or renamed",
                                     "renamed"};
        accepted_modified.push_back(key + " (" + what[k] + "): " + mm.note);
      } else {
        ++modified_ok;
      }
    }
  }
  MESSAGE("every SPDX licence: " << texts << " texts, " << plain << " identified as they are; "
                                 << variants_ok << "/" << variants << " reflowed or noted variants identified; "
                                 << modified_ok << "/" << modified << " modified texts not reported as the original");
  for (const auto& f : plain_failures) FAIL_CHECK("not identified: " << f);
  // Every variant keeps the meaning, so every one is identified; a change that loses one says which.
  for (const auto& f : variant_failures) FAIL_CHECK("variant not identified: " << f);
  for (const auto& f : accepted_modified) FAIL_CHECK("modified text reported as the original: " << f);
  CHECK(texts >= 600);
  CHECK(variants == 2 * texts);
}
