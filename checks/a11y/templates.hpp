// Static accessibility checks over page templates: HTML, server templates (Twig, Jinja/Django,
// ERB/EJS, PHP, Handlebars), JSX/TSX and Vue single-file components. Each defect names the
// file, the line, the RGAA 4.1 criterion and the WCAG 2.1 success criterion it breaks.
//
// Precision first: an element whose accessible name or attribute depends on something a static
// reading cannot see (an expression, spread props, a component) is never reported.
#pragma once
#include <string>
#include <string_view>
#include <vector>

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

/// The kind of markup a file holds, which decides how it is parsed.
enum class TemplateKind { html, jsx, vue, twig, jinja, erb, php, other };

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

/// Checks every template file of the snapshot (see `is_checked_template_path`), in path order.
/// Files over 2 MiB are skipped: they are generated output (gumbo parses about 6 MB/s).
std::vector<A11yDefect> check_templates(const Snapshot& snapshot);

}  // namespace pacte
