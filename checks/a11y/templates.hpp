// Static accessibility checks over page templates: HTML, server templates (Twig, Jinja/Django,
// ERB/EJS, PHP, Handlebars), JSX/TSX, Vue and Svelte components, HAML and Slim (translated into
// an HTML skeleton first). Each defect names the
// file, the line, the RGAA 4.1 criterion and the WCAG 2.1 success criterion it breaks.
//
// Precision first: an element whose accessible name or attribute depends on something a static
// reading cannot see (an expression, spread props, a component) is never reported.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "checks/base/snapshot.hpp"
#include "checks/base/text.hpp"

namespace pacte {

/// One accessibility defect found in a template.
struct A11yDefect {
  /// The check that found it: "img-alt", "area-alt", "input-image-alt", "html-lang",
  /// "page-title", "form-label", "link-name", "button-name", "frame-title", "viewport-zoom",
  /// "tabindex-positive", "blink-marquee", "meta-refresh".
  std::string check;
  std::string rgaa;  // RGAA 4.1 criterion, e.g. "1.1"
  std::string wcag;  // WCAG 2.1 success criteria, e.g. "1.1.1"; several are joined by ", "
  Text message;
  Evidence evidence;  // path, 1-based line, the element's opening tag (at most 200 bytes)
};

/// What one file's content makes of it: a page or not, why it is left out, or its defects. Kept
/// in the result cache (BlobCache, kinds "a11y-page" and "a11y-page-forced").
struct PageOutcome {
  bool page = false;
  bool parsed = false;  // judged from its parsed tree, not by the markup scan alone
  std::string exclusion;
  std::vector<A11yDefect> defects;
};

/// A defect and a page's outcome as the result cache keeps them (CBOR through nlohmann).
void to_json(nlohmann::json& j, const A11yDefect& defect);
void from_json(const nlohmann::json& j, A11yDefect& defect);
void to_json(nlohmann::json& j, const PageOutcome& page);
void from_json(const nlohmann::json& j, PageOutcome& page);

/// The kind of markup a file holds, which decides how it is parsed.
enum class TemplateKind { html, jsx, vue, twig, jinja, erb, php, haml, slim, svelte, other };

/// The kind of a file from its path alone. `.js`/`.mjs`/`.cjs` files return `other` here (only
/// their content can tell whether they hold JSX); `.ts` is always `other` (TypeScript rejects
/// JSX outside `.tsx`).
TemplateKind template_kind(std::string_view path);

/// The kind of a file from its path and content: `.js`/`.mjs`/`.cjs` are `jsx` when the
/// tokenizer finds at least one complete JSX element in expression position.
TemplateKind template_kind(std::string_view path, std::string_view content);

/// A short name of the kind, for messages and tests: "html", "jsx", ...
std::string_view template_kind_name(TemplateKind kind);

/// The rule names of every check, in report order.
const std::vector<std::string>& a11y_check_names();

/// The markup a check judges: the start tags (`img`) and attribute names (`tabindex`) without
/// which it cannot fire. Throws std::out_of_range for a name not in `a11y_check_names`.
std::vector<std::string_view> a11y_check_markup(std::string_view check);

/// Whether `content` holds markup some check judges (see `a11y_check_markup`: tags and
/// attribute names matched case-insensitively, wherever they are written). A page without any
/// cannot have a defect: it is counted as checked without being parsed.
bool holds_checked_markup(std::string_view content);

/// Checks one template. `path` decides the parser (see `template_kind`) and goes into the
/// evidence. Never throws on malformed input.
std::vector<A11yDefect> check_template(std::string_view path, std::string_view content);

/// Whether `check_templates` reads this path: a template kind, not vendored or generated
/// (`node_modules/`, `vendor/`, `bower_components/`, `third_party/`, `dist/`, `build/`,
/// `public/build/`, `.next/`, `coverage/`), not minified (`*.min.*`), not a test, fixture or
/// story (`test/`, `tests/`, `__tests__/`, `spec/`, `fixtures/`, `__mocks__/`, `e2e/`, `cypress/`,
/// `*.test.*`, `*.spec.*`, `*.stories.*`): those hold deliberately broken or third-party markup
/// that the service does not serve.
bool is_checked_template_path(std::string_view path);

/// Why a template file is not judged as a web page, or "" when it is one. Reasons, which are
/// also the keys of `TemplateScan::left_out`:
/// - "test_or_fixture": tests, fixtures, mocks, stories;
/// - "vendored": third-party copies (`node_modules/`, `vendor/`, `public/lib/`, `assets/plugins/`,
///   a `jquery*` folder, a folder holding `bower.json` or `*.jquery.json`);
/// - "generated": build output and generated documentation (`dist/`, `build/`, `_site/`,
///   `htmlcov/`, `public/assets/`, a `<meta name="generator">` of a documentation tool);
/// - "minified": `*.min.*`;
/// - "pdf_template": HTML rendered to PDF (a `pdf` word in the path, a CSS `@page` rule,
///   wicked_pdf, wkhtmltopdf, WeasyPrint, PDFKit, openhtmltopdf);
/// - "email_template": e-mail bodies and layouts (`mailer`, `mail`, `email`, `courriel`,
///   `newsletter` in the path, MJML);
/// - "letter_template": postal letters (`letter`, `lettre`, `courrier`, `postal` in the path);
/// - "javadoc": `package.html`, `overview.html` beside sources, `javadoc/`, `apidocs/`,
///   `doc-files/`, and pages that say "Generated by javadoc";
/// - "licence_text": a licence published as static HTML (`LICENSE.html`, `licence-fr.htm`);
/// - "plugin_demo": demo and example pages (`demo/`, `demos/`, `example(s)/`, `sample(s)/`), and
///   HTML pages inside a third-party plugin folder.
/// Words are read from the folder names and the file name, split at `_`, `-`, `.` and case
/// changes. `content` may be empty: then only the path decides.
std::string page_exclusion(std::string_view path, std::string_view content = {});

/// What `scan_templates` found: the defects, how many pages were judged, and how many template
/// files were left out, by reason (see `page_exclusion`; also "too_large" for files over
/// 2 MiB and "charter_exclude" for files matched by the charter's globs).
struct TemplateScan {
  std::vector<A11yDefect> defects;
  std::size_t pages_checked = 0;
  /// Of `pages_checked`, those judged without being parsed: they hold no markup any check
  /// judges (`holds_checked_markup`). Not in the report: it tells how the work was saved.
  std::size_t pages_not_parsed = 0;
  std::map<std::string, std::size_t> left_out;
};

/// The team's adjustment of what counts as a page (`equal_access.accessibility.exclude`): a
/// file matching a glob is left out; a file matching a glob written `!glob` is judged as a page
/// whatever `page_exclusion` says (files over 2 MiB aside). Globs follow `glob_match`.
struct PageSelection {
  std::vector<std::string> exclude;
  std::vector<std::string> include;

  /// Splits charter globs into `exclude` and (`!`-prefixed) `include`.
  static PageSelection from_globs(const std::vector<std::string>& globs);
};

/// Pages judged ahead of `scan_templates`, from the content another check loads first (the
/// audit makes `observe` a Snapshot load observer before the tracker scan): on a tree larger
/// than the snapshot's content budget the page scan then inflates no file a second time. The
/// outcome is the one the scan would reach, and the scan takes the candidate pages chosen
/// here (the same selection must be given to both). Thread-safe.
class PageJudgements {
 public:
  PageJudgements(const Snapshot& snapshot, const PageSelection& selection);
  ~PageJudgements();
  PageJudgements(const PageJudgements&) = delete;
  PageJudgements& operator=(const PageJudgements&) = delete;

  /// Judges the file when it may be a page and is not judged yet.
  void observe(const FileEntry& entry, const FileContent& content);
  /// The outcome judged ahead for `entry`, handed over once.
  std::optional<PageOutcome> take(const FileEntry& entry);
  /// Judges nothing more and lets go of what was not taken (the scan is over).
  void close();

 private:
  friend TemplateScan scan_templates(const Snapshot&, const PageSelection&, PageJudgements*);
  struct State;
  std::unique_ptr<State> state_;
};

/// Checks every page of the snapshot, in path order. Only template files are counted: HTML,
/// server templates, JSX/TSX, Vue (and `.js` files that hold JSX). Files over 2 MiB are left
/// out: they are generated output. `ahead`, when given, holds pages already judged, and is
/// closed once the scan is over.
TemplateScan scan_templates(const Snapshot& snapshot, const PageSelection& selection = {},
                            PageJudgements* ahead = nullptr);

/// The defects of `scan_templates` with no charter adjustment.
std::vector<A11yDefect> check_templates(const Snapshot& snapshot);

}  // namespace pacte
