// Internal to the a11y module: a small element tree that the template checks run on, built
// from HTML and server templates (gumbo, after neutralising template tags) or from JSX/TSX and
// Vue single-file components (a tolerant tokenizer of our own).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pacte::a11y {

/// One attribute as written. `name` is canonical: lower-case, binding prefixes removed (`:alt`,
/// `v-bind:alt`, `[alt]`, `[attr.alt]` -> `alt`), JSX spellings mapped (`htmlFor` -> `for`).
/// `dynamic` means the value is an expression whose result a static check cannot know.
struct MarkupAttr {
  std::string name;
  std::string value;
  bool dynamic = false;
};

/// One element. Text and expression children are summarised in `has_text`.
struct MarkupNode {
  std::string tag;         // lower-case for HTML elements; as written for components
  bool component = false;  // a framework component or custom element: its output is unknown
  std::vector<MarkupAttr> attrs;
  bool unknown_attrs = false;  // spread props, `v-bind="obj"`, a template tag among attributes
  bool has_text = false;       // non-blank text or an expression among the direct children
  std::vector<MarkupNode> children;
  std::size_t offset = 0;      // byte offset of '<' in the source
  std::size_t tag_end = 0;     // byte offset just past the opening tag

  /// The attribute named `name` (canonical), or nullptr.
  const MarkupAttr* attr(std::string_view name) const;
};

/// The elements of one file, plus the document-level facts the page checks need.
struct MarkupTree {
  std::vector<MarkupNode> roots;
  bool html_tag = false;             // an explicit `<html>` start tag is in the source
  std::size_t html_offset = 0;       // where it is
  std::vector<MarkupAttr> html_attrs;  // the attributes of the document element
  bool html_unknown_attrs = false;   // the document element has attributes we cannot see
  bool head_has_template = false;    // a template tag before `<body>` may bring in the title
  bool has_title = false;            // a `<title>` element (HTML namespace) exists
  bool title_empty = true;           // every `<title>` is blank
  std::size_t title_offset = 0;
};

/// Replaces template tags (`{{ }}`, `{% %}`, `{# #}`, `<% %>`, `<?php ?>`) by filler bytes of the
/// same length, keeping newlines, so that offsets and lines survive: expressions and statements
/// become `_` (they may print text), comments become spaces. Returns the neutralised ranges.
std::vector<std::pair<std::size_t, std::size_t>> neutralise_template_tags(std::string& text);

/// A fast test of whether a source holds any of a given set of markup constructs, without
/// parsing it: start tags by name and attribute names, both matched case-insensitively. It
/// answers "could a check fire on this file?" and may say yes for a construct that only looks
/// like one (in a comment, a string, a longer attribute name), never no for a real one: every
/// tag or attribute a parser (gumbo, or the JSX and Vue tokenizer) sees is spelt in the bytes.
class MarkupPresence {
 public:
  /// `tags` are lower-case element names (`img`): `<img` matches when the name is not followed
  /// by another ASCII letter or digit (`<img>`, `<IMG `, `<img/`, but not `<imgs`). `words` are
  /// lower-case attribute names (`tabindex`) matched anywhere (`:tabIndex`, `[attr.tabindex]`).
  MarkupPresence(std::vector<std::string> tags, std::vector<std::string> words);

  /// Whether `source` holds at least one of the tags or words.
  bool found_in(std::string_view source) const;

 private:
  std::vector<std::string> tags_;
  std::vector<std::string> words_;
  std::size_t longest_tag_ = 0;
};

/// Parses HTML or a server template: template tags neutralised, then the tree built by
/// `build_html_tree`, or by gumbo when that gives up. The tree is the same either way.
MarkupTree parse_html(std::string_view source);

/// Parses HTML or a server template with gumbo alone (tests compare it with `parse_html`).
MarkupTree parse_html_with_gumbo(std::string_view source);

/// The byte ranges of neutralised template tags, as `neutralise_template_tags` returns them.
using TemplateRanges = std::vector<std::pair<std::size_t, std::size_t>>;

/// Builds in one pass the tree gumbo builds for `text` (template tags already neutralised,
/// their ranges in `ranges`), for pages written the common way. Returns false when the page
/// holds a construct whose tree it leaves to gumbo (html_tree.cpp lists them); `tree` is then
/// empty. `html_tag`, `html_offset` and `head_has_template` are left to the caller.
bool build_html_tree(std::string_view text, const TemplateRanges& ranges, MarkupTree& tree);

/// Adds an attribute to `node` as written (`raw_name`), under its canonical name (see
/// MarkupAttr); `jsx` maps the JSX spellings.
void add_markup_attr(MarkupNode& node, std::string_view raw_name, std::string value, bool dynamic, bool jsx);

/// Whether `offset` falls inside a neutralised template tag.
bool in_template_tag(const TemplateRanges& ranges, std::size_t offset);

/// Whether [begin, end) overlaps a neutralised template tag.
bool overlaps_template_tag(const TemplateRanges& ranges, std::size_t begin, std::size_t end);

/// Parses the JSX elements of a JavaScript/TypeScript file. `found` tells whether at least one
/// complete JSX element was seen.
MarkupTree parse_jsx(std::string_view source, bool* found = nullptr);

/// Parses the `<template>` block of a Vue single-file component (nothing for `lang="pug"`).
MarkupTree parse_vue(std::string_view source);

}  // namespace pacte::a11y
