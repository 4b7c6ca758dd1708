// The accessibility statement (déclaration d'accessibilité, loi 2005-102 art. 47, décret
// 2019-768): finding it in the repository and reading what it states.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "checks/base/snapshot.hpp"

namespace pacte {

/// What an accessibility statement says. `missing` names the required elements it lacks, in
/// this order: "status", "standard", "audit_date", "contact", "recourse", and
/// "non_accessible_content" when the status is partial or none but no non-accessible content
/// is listed.
struct StatementFacts {
  std::string path;
  bool found = false;   // the file talks about accessibility
  std::string status;   // "full", "partial", "none", or "" when no explicit status is stated
  int status_line = 0;  // 1-based line of the status statement
  std::string standard;    // "RGAA 4.1", "WCAG 2.1 AA", "RGAA", "EN 301 549", or ""
  std::string audit_date;  // ISO ("2026-03-01", "2026-03") when parsed, else as written
  bool has_contact = false;   // an address or form for feedback
  bool has_recourse = false;  // the Défenseur des droits
  bool has_non_accessible_content = false;
  std::vector<std::string> missing;
};

/// Reads a statement in Markdown, plain text, HTML or a page component (JSX/TSX, Vue, PHP,
/// Twig): markup is stripped, accents, case, typographic apostrophes and hyphens are folded.
/// The status is the first explicit status statement; a template that still lists every
/// choice ("totalement / partiellement / non conforme") and a negated one ("n'est pas
/// totalement conforme") are not statements of status.
StatementFacts read_statement(std::string_view path, std::string_view content);

/// Files that may be the statement, best first: by name (accessibilite, accessibility,
/// declaration-accessibilite, a11y-statement, ..., case- and accent-insensitive, precomposed or
/// decomposed accents; `index`/`page` files take their folder's name) and by content (the
/// phrases "déclaration d'accessibilité", "accessibility statement", "état de conformité").
/// Reads .md .markdown .mdx .txt .rst .adoc .html .htm .tsx .jsx .vue .svelte .astro .php .twig
/// .erb .njk files, skipping vendored folders and tests. A file that states a status ranks
/// first, then a file named as a statement, then one that only mentions it.
std::vector<std::string> find_statement_candidates(const Snapshot& snapshot);

}  // namespace pacte
