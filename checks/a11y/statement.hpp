// The accessibility statement (déclaration d'accessibilité, loi 2005-102 art. 47, décret
// 2019-768): finding it in the repository and reading what it states.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

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
  /// The statement page fetches its text from a CMS or an API and renders it, and no
  /// statement text is in the repository: the elements that text holds are not in the
  /// repository. `text_source_line` is the 1-based line of the page where the fetch is seen;
  /// `held_outside` names the required elements only the live page can show ("standard",
  /// "audit_date", "contact", "recourse", "non_accessible_content"), which `missing` no longer
  /// lists. `missing` keeps "status" when no footer or layout shows one.
  bool text_outside = false;
  int text_source_line = 0;
  std::vector<std::string> held_outside;
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
/// naming the footer's line. A page whose text comes from a CMS is marked as such (see
/// `with_text_outside`).
StatementFacts read_statement_file(const Snapshot& snapshot, std::string_view path);

/// The word every statement and footer status holds ("accessibilité", "accessibility",
/// "inaccessible"): the audit has the snapshot note it in each file it loads
/// (`Snapshot::note_word`), and the statement search does not read again a file without it.
inline constexpr std::string_view kAccessibilityWord = "ccessib";

/// An accessibility status shown in a footer or layout, as the DSFR footer shows it.
struct FooterStatus {
  std::string status;  // "full", "partial" or "none"
  std::string path;
  int line = 0;        // 1-based
};

/// A footer status as the result cache keeps it (kind "a11y-footer-status", per blob and path).
void to_json(nlohmann::json& j, const FooterStatus& status);
void from_json(const nlohmann::json& j, FooterStatus& status);

/// What a candidate statement's own text says, before the texts it brings in are read: kept in
/// the result cache (kind "a11y-statement-own", per blob and path), so that the files that say
/// nothing of accessibility are not read again by a later audit.
struct OwnStatementText {
  bool mentions_accessibility = false;  // its folded text holds "accessib"
  bool phrase = false;  // it holds a statement phrase (computed when it is named as a
                        // statement or mentions accessibility; false otherwise)
};

void to_json(nlohmann::json& j, const OwnStatementText& said);
void from_json(const nlohmann::json& j, OwnStatementText& said);

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

/// Whether a statement page's content comes from a CMS or an API: the page fetches data
/// (`getStaticProps`, `getServerSideProps`, `useFetch`, `asyncData`, `fetch(`, axios, a CMS
/// client: Strapi, Contentful, Sanity, Prismic, Directus, GraphQL) and renders it from an
/// expression (`contenu={contenu}`, `dangerouslySetInnerHTML`, `v-html`, `{@html}`, a Markdown
/// component). Returns the 1-based line of the first fetch, or 0.
int fetched_content_line(std::string_view page_source);

/// `facts` completed for a page whose text lives in a CMS (see `fetched_content_line`): when
/// the page fetches its content and its text (with what it brings in) states none of the
/// standard, the audit date, a contact or the recourse, those elements move from `missing` to
/// `held_outside` and `text_outside` is set. Other facts are returned unchanged.
StatementFacts with_text_outside(const Snapshot& snapshot, StatementFacts facts);

/// The front ends of a repository that holds several web applications (a workspace): folders
/// whose `package.json` depends on a web framework (Vue, React DOM, Next.js, Nuxt, Svelte,
/// SvelteKit, Angular, Preact, Solid, Astro, Gatsby, Remix) and that hold a page entry
/// (`index.html`, `public/index.html`, `src/index.html`, `app.vue`) or a routes tree (`pages/`,
/// `app/`, `src/pages/`, `src/app/`, `src/routes/`). Storybooks, documentation, end-to-end
/// tests, examples and vendored folders are not front ends. Each root ends with '/' ("" for the
/// repository root), in path order. Empty when there are fewer than two.
std::vector<std::string> find_front_end_apps(const Snapshot& snapshot);

/// The statement of one front end of a workspace.
struct AppStatement {
  std::string app;        // its folder, without the trailing '/' ("." for the root)
  StatementFacts facts;   // its statement; `facts.found` is false when it has none
  /// The statement is not in the app's folder but outside every front end (a shared one).
  bool shared = false;
  /// When it has no statement: the line of its pages, or of a workspace package it uses, that
  /// links to an accessibility page (`href=".../accessibilite"`); empty path when none.
  std::string link_path;
  int link_line = 0;
};

/// One statement per front end when the repository holds several (`find_front_end_apps`): the
/// best candidate (see `find_statement_candidates`) inside the app's folder, else one outside
/// every front end; for an app with neither, the link its pages (or the workspace packages
/// named in its `package.json`) make to an accessibility page. Empty for a single front end.
std::vector<AppStatement> app_statements(const Snapshot& snapshot);

}  // namespace pacte
