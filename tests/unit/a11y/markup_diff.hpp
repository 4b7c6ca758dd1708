// The first difference between two element trees, node by node: the one-pass builder's and
// gumbo's must be the same (test_html_tree.cpp, and fuzz_templates on every input).
#pragma once
#include <string>

#include "checks/a11y/markup.hpp"

namespace pacte::test {

using a11y::MarkupNode;
using a11y::MarkupTree;

// The first difference between two trees, "" when they are the same. Elements gumbo implies
// (html, head, body, tbody, tr, colgroup written nowhere) have no source offsets to compare.
inline std::string markup_difference(const MarkupNode& fast, const MarkupNode& gumbo, const std::string& where) {
  std::string here = where + "/" + gumbo.tag;
  if (fast.tag != gumbo.tag) return here + ": tag " + fast.tag + " vs " + gumbo.tag;
  if (fast.component != gumbo.component) return here + ": component";
  if (fast.tag_end > fast.offset && (fast.offset != gumbo.offset || fast.tag_end != gumbo.tag_end))
    return here + ": offsets " + std::to_string(fast.offset) + "-" + std::to_string(fast.tag_end) + " vs " +
           std::to_string(gumbo.offset) + "-" + std::to_string(gumbo.tag_end);
  if (fast.unknown_attrs != gumbo.unknown_attrs) return here + ": unknown_attrs";
  if (fast.has_text != gumbo.has_text) return here + ": has_text";
  if (fast.attrs.size() != gumbo.attrs.size()) return here + ": attribute count";
  for (std::size_t i = 0; i < fast.attrs.size(); ++i) {
    const auto& a = fast.attrs[i];
    const auto& b = gumbo.attrs[i];
    if (a.name != b.name || a.value != b.value || a.dynamic != b.dynamic)
      return here + ": attribute " + a.name + "=" + a.value + (a.dynamic ? " (dynamic)" : "") + " vs " + b.name +
             "=" + b.value + (b.dynamic ? " (dynamic)" : "");
  }
  if (fast.children.size() != gumbo.children.size())
    return here + ": " + std::to_string(fast.children.size()) + " children vs " + std::to_string(gumbo.children.size());
  for (std::size_t i = 0; i < fast.children.size(); ++i) {
    std::string d = markup_difference(fast.children[i], gumbo.children[i], here);
    if (!d.empty()) return d;
  }
  return "";
}

inline std::string markup_difference(const MarkupTree& fast, const MarkupTree& gumbo) {
  if (fast.html_tag != gumbo.html_tag || fast.html_offset != gumbo.html_offset) return "html tag";
  if (fast.html_unknown_attrs != gumbo.html_unknown_attrs) return "html unknown attributes";
  if (fast.html_attrs.size() != gumbo.html_attrs.size()) return "html attributes";
  if (fast.head_has_template != gumbo.head_has_template) return "head_has_template";
  if (fast.has_title != gumbo.has_title || fast.title_empty != gumbo.title_empty ||
      fast.title_offset != gumbo.title_offset)
    return "title";
  if (fast.roots.size() != gumbo.roots.size()) return "root count";
  for (std::size_t i = 0; i < fast.roots.size(); ++i) {
    std::string d = markup_difference(fast.roots[i], gumbo.roots[i], "");
    if (!d.empty()) return d;
  }
  return "";
}

}  // namespace pacte::test
