// Fuzzes the accessibility template checks: the first byte picks a template kind (by file
// name), the rest is the content. Never throws on malformed markup. Every input is also parsed
// as HTML both ways, by the one-pass builder (or gumbo when it gives up) and by gumbo alone:
// the two trees must be the same, node by node.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/a11y/markup.hpp"
#include "checks/a11y/templates.hpp"
#include "../unit/a11y/markup_diff.hpp"

namespace {
const char* const kTemplates[] = {
    "index.html", "App.jsx", "Page.tsx", "Comp.vue", "base.html.twig",
    "page.jinja", "show.html.erb", "index.php", "view.hbs", "main.js",
};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t n = sizeof(kTemplates) / sizeof(kTemplates[0]);
  std::string_view path = kTemplates[data[0] % n];
  std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);
  (void)pacte::template_kind(path, content);
  for (const auto& d : pacte::check_template(path, content)) {
    if (d.evidence.line < 0) __builtin_trap();
  }
  if (!pacte::test::markup_difference(pacte::a11y::parse_html(content), pacte::a11y::parse_html_with_gumbo(content)).empty())
    __builtin_trap();
  return 0;
}
