// The licence test corpus, built at test time from real licence texts on the machine:
// Debian's /usr/share/common-licenses, and the npm package spdx-license-list when the
// environment variable PACTE_LICENSE_CORPUS names its folder. No licence text is committed.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace pacte::test {

/// One real licence text and the SPDX id it must be identified as.
struct CorpusText {
  std::string source;    // "debian:GPL-3", "npm:MIT"
  std::string expected;  // "GPL-3.0-only", "MIT"
  std::string text;
};

/// The test suites that need a corpus. Their test cases are skipped when the corpus is missing,
/// and CTest runs each suite as an entry of its own that reports a skip (exit code 125) then.
inline constexpr const char* kDebianCorpusSuite = "debian-corpus";
inline constexpr const char* kNpmCorpusSuite = "npm-corpus";

/// Whether Debian's /usr/share/common-licenses holds the texts the Debian suite reads.
bool debian_corpus_available();

/// Whether PACTE_LICENSE_CORPUS names the npm spdx-license-list folder.
bool npm_corpus_available();

/// Debian's licence files that are SPDX licences (empty when the folder is missing).
std::vector<CorpusText> debian_corpus();

/// The npm spdx-license-list texts of every identifiable licence, or nullopt when
/// PACTE_LICENSE_CORPUS is not set. Throws when it is set but unusable.
std::optional<std::vector<CorpusText>> npm_corpus();

/// The texts of the npm package by SPDX id (all of them), or empty when not set.
std::optional<std::string> npm_text(const std::string& id);

// Variants of a licence text that must still be identified.
std::string with_copyright(const std::string& text);   // copyright line, holder filled in
std::string reflowed_markdown(const std::string& text); // paragraphs on one line, markdown, CRLF
std::string rewrapped(const std::string& text, std::size_t width);  // lines re-broken
std::string with_note_above(const std::string& text);   // a project's paragraph above

// Variants that must never be accepted as the original.
std::string with_added_clause(const std::string& text, const std::string& clause);
std::string with_removed_sentence(const std::string& text);
std::string with_appended(const std::string& text, const std::string& clause);

}  // namespace pacte::test
