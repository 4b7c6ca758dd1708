// The accessibility statement (déclaration d'accessibilité, loi 2005-102 art. 47, décret
// 2019-768): finding it in the repository and reading what it states.
#pragma once
#include <optional>
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
  /// The file the status was read from when the statement states none but a footer or layout
  /// shows it ("Accessibilité : partiellement conforme"); "" when the status is the statement's.
  std::string status_path;
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

/// The text of a statement as its users read it: the file itself, then the texts it brings in
/// from other files of the snapshot:
/// - local components it imports (`import Statement from '../components/Accessibilite'`,
///   `@/` and `~/` aliases, `next/dynamic` imports), Rails partials it renders
///   (`render 'shared/accessibilite'`) and Twig templates it includes, up to 3 levels deep;
/// - the translations of the keys it uses (Rails `t('.title')` with lazy lookup and
///   `t('a11y.title')`, i18next and vue-i18n `t('key')`/`$t('key')`/`i18nKey`, Twig
///   `'key'|trans`, Grails `<g:message code="key"/>`), looked up in the French catalogs
///   (Rails `config/locales/*.yml`, JSON or YAML catalogs in a translations folder, Java
///   `messages_fr.properties`), else in the default or any other catalog.
/// The file's own text comes first, so its lines keep their numbers.
std::string statement_text(const Snapshot& snapshot, std::string_view path);

/// Reads the statement at `path` (any file type) with `statement_text`. A status found in a
/// text brought in from another file has line 0. When `path` is a folder, its best candidate
/// (see `find_statement_candidates`) is read. A missing path gives `found == false`. When the
/// statement states no status (its text comes from a CMS, say) but a footer or layout shows
/// one (see `find_footer_status`), that status is taken, with `status_path` and `status_line`
/// naming the footer's line.
StatementFacts read_statement_file(const Snapshot& snapshot, std::string_view path);

/// An accessibility status shown in a footer or layout, as the DSFR footer shows it.
struct FooterStatus {
  std::string status;  // "full", "partial" or "none"
  std::string path;
  int line = 0;        // 1-based
};

/// The status a footer or layout template shows: a line "Accessibilité : partiellement
/// conforme" (or "Accessibility: non compliant", any status phrase right after the colon)
/// in a template or document whose name says footer, pied (de page) or layout, else in any
/// template holding a `<footer>` element or a DSFR `fr-footer` class. Markup and entities are
/// read as in statements (HTML, Vue, JSX/TSX, Twig, ...). Vendored folders and tests are
/// skipped. Footer-named files first, then layouts, then other pages, each in path order.
std::optional<FooterStatus> find_footer_status(const Snapshot& snapshot);

/// Files that may be the statement, best first: by name (accessibilite, accessibility,
/// declaration-accessibilite, a11y-statement, ..., case- and accent-insensitive, precomposed or
/// decomposed accents; `index`/`page` files take their folder's name) and by content (the
/// phrases "déclaration d'accessibilité", "accessibility statement", "état de conformité").
/// Reads documents (.md .markdown .mdx .txt .rst .adoc .html .htm) and templates in any
/// language (HAML, Slim, ERB, EJS, JSX/TSX, Vue, Svelte, Astro, PHP, Twig, Jinja, Nunjucks,
/// Liquid, Handlebars, Mustache, Pug, GSP, JSP, Razor, EEx/HEEx, FreeMarker); `.js` and `.ts`
/// files by name only. Vendored folders and tests are skipped. Texts are read with
/// `statement_text`. A file that states a status ranks first, then a file named as a statement,
/// then one that only mentions it (or follows the DSFR statement structure: "état de
/// conformité", "voies de recours", "établissement de cette déclaration", ...).
std::vector<std::string> find_statement_candidates(const Snapshot& snapshot);

}  // namespace pacte
