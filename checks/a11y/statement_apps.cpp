// Statements of workspaces with several front ends, and statements whose text lives in a CMS.
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "checks/a11y/paths.hpp"
#include "checks/a11y/statement.hpp"
#include "checks/base/text.hpp"

namespace pacte {
namespace {

int line_of(std::string_view s, std::size_t offset) {
  return static_cast<int>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(std::min(offset, s.size())), '\n')) + 1;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Whether a folder is a storybook, documentation, end-to-end tests, an example or a demo rather
// than a front end users reach.
bool not_a_front_end(std::string_view root) {
  static const std::set<std::string, std::less<>> kWords = {
      "docs", "doc", "documentation", "e2e", "e2e-tests", "examples", "example", "demo",
      "demos", "playground", "sandbox", "samples", "sample", "website-docs"};
  for (auto segment : a11y::path_segments(root)) {
    std::string lower = ascii_lower(segment);
    if (kWords.count(lower) > 0 || lower.find("storybook") != std::string::npos) return true;
  }
  return a11y::is_test_path(std::string(root) + "x") || a11y::in_vendored_folder(std::string(root) + "x");
}

// The dependency names of a package.json (dependencies, devDependencies, peerDependencies);
// nullopt when it is not a JSON object.
std::optional<std::set<std::string>> package_dependencies(std::string_view content, std::string* name) {
  auto doc = nlohmann::json::parse(content, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  if (name && doc.contains("name") && doc["name"].is_string()) *name = doc["name"].get<std::string>();
  std::set<std::string> out;
  for (const char* key : {"dependencies", "devDependencies", "peerDependencies"}) {
    if (!doc.contains(key) || !doc[key].is_object()) continue;
    for (const auto& [dep, version] : doc[key].items()) out.insert(dep);
  }
  return out;
}

bool uses_web_framework(const std::set<std::string>& deps) {
  for (const char* framework : {"vue", "react-dom", "next", "nuxt", "nuxt3", "svelte", "@sveltejs/kit",
                                "@angular/core", "preact", "solid-js", "astro", "gatsby", "@remix-run/react"}) {
    if (deps.count(framework) > 0) return true;
  }
  return false;
}

// A link to an accessibility page on the line holding `at`: an href, a router `to`, or a link
// object, whose target path ends in accessibilite or accessibility.
bool links_to_statement(std::string_view line) {
  static const RE2 kLink(R"((?i)(href|to|link|url|path)\W{0,6}[^\n]{0,120}/(accessibilite|accessibility|declaration-accessibilite|declaration-d-accessibilite)\b)");
  return RE2::PartialMatch(line, kLink);
}

}  // namespace

int fetched_content_line(std::string_view page) {
  static const RE2 kFetch(
      R"((getStaticProps|getServerSideProps|useFetch\s*\(|useAsyncData\s*\(|asyncData\s*\(|\$fetch\s*\(|\bfetch\s*\(|\baxios\b|[cC]ms[A-Z_.]|\bcms\b|CMS|[sS]trapi|[cC]ontentful|[sS]anity|[pP]rismic|[dD]irectus|graphql|gql`|useQuery\s*\())");
  static const RE2 kRender(
      R"((=\s*\{\s*(props\.|data\.|page\.)?(contenu|content|body|html|texte|markdown)\w*\s*\}|dangerouslySetInnerHTML|v-html|\{@html|<(React)?Markdown|innerHTML))");
  re2::StringPiece input(page.data(), page.size());
  re2::StringPiece match;
  if (!RE2::PartialMatch(input, kRender)) return 0;
  if (!kFetch.Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) return 0;
  return line_of(page, static_cast<std::size_t>(match.data() - page.data()));
}

StatementFacts with_text_outside(const Snapshot& snapshot, StatementFacts facts) {
  if (!facts.found || facts.path.empty()) return facts;
  if (!facts.standard.empty() || !facts.audit_date.empty() || facts.has_contact || facts.has_recourse) return facts;
  auto content = snapshot.read(facts.path);
  if (!content) return facts;
  int line = fetched_content_line(*content);
  if (line == 0) return facts;
  facts.text_outside = true;
  facts.text_source_line = line;
  std::vector<std::string> kept;
  for (auto& m : facts.missing) {
    if (m == "status") kept.push_back(std::move(m));
    else facts.held_outside.push_back(std::move(m));
  }
  facts.missing = std::move(kept);
  return facts;
}

std::vector<std::string> find_front_end_apps(const Snapshot& snapshot) {
  std::set<std::string> entries;  // folders holding a page entry or a routes tree
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file) continue;
    const std::string& p = entry.path;
    for (std::string_view marker : {"index.html", "public/index.html", "src/index.html", "app.vue", "src/app.html"}) {
      if (p.size() >= marker.size() && p.compare(p.size() - marker.size(), marker.size(), marker) == 0 &&
          (p.size() == marker.size() || p[p.size() - marker.size() - 1] == '/'))
        entries.insert(p.substr(0, p.size() - marker.size()));
    }
    for (std::string_view tree : {"pages/", "app/", "src/pages/", "src/app/", "src/routes/"}) {
      for (std::size_t at = p.find(tree); at != std::string::npos; at = p.find(tree, at + 1)) {
        if (at == 0 || p[at - 1] == '/') entries.insert(p.substr(0, at));
      }
    }
  }
  std::vector<std::string> apps;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file || path_basename(entry.path) != "package.json") continue;
    std::string root = entry.path.substr(0, entry.path.size() - std::string_view("package.json").size());
    if (not_a_front_end(root) || entries.count(root) == 0) continue;
    auto content = snapshot.read(entry);
    if (!content) continue;
    auto deps = package_dependencies(*content, nullptr);
    if (deps && uses_web_framework(*deps)) apps.push_back(root);
  }
  std::sort(apps.begin(), apps.end());
  // A front end inside another one (a nested example app) is not a front end of the workspace.
  std::vector<std::string> out;
  for (const auto& app : apps) {
    bool nested = std::any_of(apps.begin(), apps.end(), [&](const std::string& other) {
      return other != app && !other.empty() && starts_with(app, other);
    });
    if (!nested) out.push_back(app);
  }
  if (out.size() < 2) out.clear();
  return out;
}

std::vector<AppStatement> app_statements(const Snapshot& snapshot) {
  std::vector<AppStatement> out;
  auto apps = find_front_end_apps(snapshot);
  if (apps.empty()) return out;
  auto candidates = find_statement_candidates(snapshot);
  auto app_of = [&](std::string_view path) -> std::string {
    for (const auto& app : apps) {
      if (starts_with(path, app)) return app;
    }
    return "-";  // outside every front end
  };
  // Workspace packages by name, to follow an app's dependencies to the shared components.
  std::map<std::string, std::string> packages;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file || path_basename(entry.path) != "package.json") continue;
    if (a11y::in_vendored_folder(entry.path)) continue;
    auto content = snapshot.read(entry);
    std::string name;
    if (content && package_dependencies(*content, &name) && !name.empty())
      packages[name] = entry.path.substr(0, entry.path.size() - std::string_view("package.json").size());
  }
  std::optional<StatementFacts> shared;
  for (const auto& cand : candidates) {
    // Forge files (`.github/ISSUE_TEMPLATE/accessibility-report.md`) are not published pages.
    if (app_of(cand) != "-" || cand.front() == '.' || cand.find("/.") != std::string::npos) continue;
    StatementFacts f = read_statement_file(snapshot, cand);
    if (f.found) {
      shared = std::move(f);
      break;
    }
  }
  for (const auto& app : apps) {
    AppStatement as;
    as.app = app.empty() ? "." : app.substr(0, app.size() - 1);
    for (const auto& cand : candidates) {
      if (app_of(cand) != app) continue;
      StatementFacts f = read_statement_file(snapshot, cand);
      if (f.found) {
        as.facts = std::move(f);
        break;
      }
    }
    if (!as.facts.found && shared) {
      as.facts = *shared;
      as.shared = true;
    }
    if (!as.facts.found) {
      // The folders its pages come from: its own, then the workspace packages it depends on.
      std::vector<std::string> folders = {app};
      if (auto content = snapshot.read(app + "package.json")) {
        if (auto deps = package_dependencies(*content, nullptr)) {
          for (const auto& dep : *deps) {
            if (auto it = packages.find(dep); it != packages.end() && it->second != app) folders.push_back(it->second);
          }
        }
      }
      for (const auto& folder : folders) {
        for (const auto& entry : snapshot.files()) {
          if (entry.kind != EntryKind::file || entry.size > (1u << 20) || !starts_with(entry.path, folder)) continue;
          if (a11y::in_vendored_folder(entry.path) || a11y::is_test_path(entry.path)) continue;
          std::string base = ascii_lower(path_basename(entry.path));
          bool markup = false;
          for (std::string_view ext : {".vue", ".jsx", ".tsx", ".js", ".ts", ".svelte", ".html", ".astro", ".erb", ".haml", ".slim", ".twig", ".php"}) {
            if (base.size() > ext.size() && base.compare(base.size() - ext.size(), ext.size(), ext) == 0) markup = true;
          }
          if (!markup) continue;
          auto content = snapshot.read(entry);
          if (!content || content->find("/accessibilit") == std::string::npos) continue;
          std::size_t at = 0;
          while ((at = content->find("/accessibilit", at)) != std::string::npos) {
            std::size_t begin = content->rfind('\n', at);
            begin = begin == std::string::npos ? 0 : begin + 1;
            std::size_t end = content->find('\n', at);
            if (links_to_statement(std::string_view(*content).substr(begin, end == std::string::npos ? std::string::npos : end - begin))) {
              as.link_path = entry.path;
              as.link_line = line_of(*content, at);
              break;
            }
            ++at;
          }
          if (!as.link_path.empty()) break;
        }
        if (!as.link_path.empty()) break;
      }
    }
    out.push_back(std::move(as));
  }
  return out;
}

}  // namespace pacte
