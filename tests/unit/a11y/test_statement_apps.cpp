// One statement per front end of a workspace, and statements whose text lives in a CMS.
#include <doctest/doctest.h>

#include <memory>

#include <algorithm>
#include <string>
#include <vector>

#include "checks/a11y/statement.hpp"

using namespace pacte;

namespace {

const char* kVueApp = R"({"name": "%s", "dependencies": {"vue": "^3.5.0", "shared": "workspace:*"}})";

std::string package(const char* name) {
  std::string out = kVueApp;
  out.replace(out.find("%s"), 2, name);
  return out;
}

// A workspace like a service's: a main site with a partial statement, a second app with its own
// (non conforme), a third whose shared footer links to the main site's statement, a storybook
// and a shared component package.
// A snapshot is not movable (it guards its reads with a mutex): it is handed out on the heap.
std::unique_ptr<MemorySnapshot> workspace(bool footer_link = true) {
  auto owned = std::make_unique<MemorySnapshot>();
  MemorySnapshot& snap = *owned;
  snap.add("package.json", R"({"name": "root", "devDependencies": {"prettier": "3"}})")
      .add("pnpm-workspace.yaml", "packages:\n  - www\n  - watermark\n  - tenant\n  - shared\n  - storybook\n")
      .add("www/package.json", package("www"))
      .add("www/index.html", "<!doctype html><html lang=\"fr\"><div id=\"app\"></div></html>\n")
      .add("www/src/views/AccessibilityView.vue",
           "<template>\n<h1>Déclaration d'accessibilité</h1>\n<p>Le site est en conformité partielle avec le RGAA 4.1.</p>\n"
           "<p>Audit réalisé le 12 mars 2024. Contact : accessibilite@example.gouv.fr. Défenseur des droits.</p>\n"
           "<h2>Contenus non accessibles</h2>\n</template>\n")
      .add("watermark/package.json", package("watermark"))
      .add("watermark/index.html", "<!doctype html><html lang=\"fr\"></html>\n")
      .add("watermark/src/views/AccessibilityPage.vue",
           "<template>\n<h1>Déclaration d'accessibilité</h1>\n<p>Le site est non conforme au RGAA 4.1.</p>\n</template>\n")
      .add("tenant/package.json", package("tenant"))
      .add("tenant/index.html", "<!doctype html><html lang=\"fr\"></html>\n")
      .add("tenant/src/App.vue", "<template><Footer /></template>\n")
      .add("shared/package.json", R"({"name": "shared", "peerDependencies": {"vue": "^3"}})")
      .add("shared/src/Footer.vue",
           footer_link ? "<template>\n<footer>\n  <a :href=\"`${MAIN_URL}/accessibilite`\">Accessibilité : partiellement conforme</a>\n</footer>\n</template>\n"
                       : "<template><footer>Mentions légales</footer></template>\n")
      .add("storybook/package.json", package("storybook"))
      .add("storybook/index.html", "<html></html>\n");
  return owned;
}

}  // namespace

TEST_CASE("front ends of a workspace: a web framework and a page entry; storybooks and libraries are not") {
  auto owned = workspace();
  MemorySnapshot& snap = *owned;
  CHECK(find_front_end_apps(snap) == std::vector<std::string>{"tenant/", "watermark/", "www/"});

  MemorySnapshot single;
  single.add("package.json", R"({"dependencies": {"react-dom": "18", "next": "14"}})")
      .add("pages/index.tsx", "export default () => <main/>;\n")
      .add("docs/package.json", R"({"dependencies": {"vue": "3"}})")
      .add("docs/index.html", "<html></html>\n");
  CHECK(find_front_end_apps(single).empty());  // one front end: the single-app reading applies
  CHECK(app_statements(single).empty());
}

TEST_CASE("each front end gets its own statement, or the link its pages make to one") {
  auto owned = workspace();
  MemorySnapshot& snap = *owned;
  snap.add(".github/ISSUE_TEMPLATE/accessibility-report.md",
           "# Signaler un problème d'accessibilité\n\nLe site est partiellement conforme au RGAA.\n");
  auto apps = app_statements(snap);
  REQUIRE(apps.size() == 3);
  CHECK(apps[0].app == "tenant");
  CHECK_FALSE(apps[0].facts.found);
  CHECK(apps[0].link_path == "shared/src/Footer.vue");
  CHECK(apps[0].link_line == 3);
  CHECK(apps[1].app == "watermark");
  CHECK(apps[1].facts.path == "watermark/src/views/AccessibilityPage.vue");
  CHECK(apps[1].facts.status == "none");
  CHECK(apps[2].app == "www");
  CHECK(apps[2].facts.path == "www/src/views/AccessibilityView.vue");
  CHECK(apps[2].facts.status == "partial");
  CHECK_FALSE(apps[2].shared);

  // Without the shared footer's link, the tenant app has nothing.
  auto unlinked_owned = workspace(false);
  MemorySnapshot& unlinked = *unlinked_owned;
  auto bare = app_statements(unlinked);
  REQUIRE(bare.size() == 3);
  CHECK_FALSE(bare[0].facts.found);
  CHECK(bare[0].link_path.empty());

  // A statement outside every front end serves the apps that have none of their own.
  auto with_shared_owned = workspace();
  MemorySnapshot& with_shared = *with_shared_owned;
  with_shared.add("docs/declaration-accessibilite.md",
                  "# Déclaration d'accessibilité\n\nLe service est partiellement conforme au RGAA 4.1.\n");
  auto shared = app_statements(with_shared);
  REQUIRE(shared.size() == 3);
  CHECK(shared[0].facts.path == "docs/declaration-accessibilite.md");
  CHECK(shared[0].shared);
  CHECK(shared[1].facts.path == "watermark/src/views/AccessibilityPage.vue");
}

TEST_CASE("a statement page that fetches its text from a CMS holds its elements outside the repository") {
  const char* page =
      "import { ConsulterContenu } from '~/client/components/features/Contenu/ConsulterContenu';\n"
      "export default function Accessibilite({ titre, contenu }) {\n"
      "  return <ConsulterContenu titre={titre} contenu={contenu} />;\n"
      "}\n"
      "export async function getStaticProps() {\n"
      "  const response = await dependencies.cmsDependencies.consulter('accessibilite');\n"
      "  return { props: response };\n"
      "}\n";
  CHECK(fetched_content_line(page) == 5);
  MemorySnapshot snap;
  snap.add("src/pages/accessibilite/index.page.tsx", page)
      .add("src/components/Footer.tsx",
           "export const Footer = () => (\n  <footer className=\"fr-footer\">\n    <a href=\"/accessibilite\">Accessibilité : partiellement conforme</a>\n  </footer>\n);\n");
  auto f = read_statement_file(snap, "src/pages/accessibilite/index.page.tsx");
  CHECK(f.found);
  CHECK(f.status == "partial");
  CHECK(f.status_path == "src/components/Footer.tsx");
  CHECK(f.text_outside);
  CHECK(f.text_source_line == 5);
  CHECK(f.missing.empty());
  CHECK(f.held_outside == std::vector<std::string>{"standard", "audit_date", "contact", "recourse", "non_accessible_content"});

  // Without the footer, the status is still asked of the repository.
  MemorySnapshot no_footer;
  no_footer.add("src/pages/accessibilite/index.page.tsx", page);
  auto g = read_statement_file(no_footer, "src/pages/accessibilite/index.page.tsx");
  CHECK(g.text_outside);
  CHECK(g.missing == std::vector<std::string>{"status"});
}

TEST_CASE("a statement written in the repository is not taken for CMS content") {
  // It fetches something (a contact form's endpoint) but states its elements itself.
  const char* page =
      "<template>\n<h1>Déclaration d'accessibilité</h1>\n<p>Partiellement conforme au RGAA 4.1, audit du 3 mars 2024.</p>\n"
      "<div v-html=\"notice\" />\n</template>\n<script setup>\nconst notice = await $fetch('/api/notice')\n</script>\n";
  MemorySnapshot snap;
  snap.add("pages/accessibilite.vue", page);
  auto f = read_statement_file(snap, "pages/accessibilite.vue");
  CHECK(f.found);
  CHECK_FALSE(f.text_outside);
  CHECK(f.held_outside.empty());
  CHECK(std::find(f.missing.begin(), f.missing.end(), "contact") != f.missing.end());
  // A page that renders no fetched content is not CMS content either.
  CHECK(fetched_content_line("const r = await fetch('/api');\nexport default () => <h1>Accessibilité</h1>;\n") == 0);
}
