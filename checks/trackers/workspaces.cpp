#include "checks/trackers/workspaces.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "checks/base/text.hpp"
#include "checks/base/yaml_json.hpp"

namespace pacte {

namespace {

// What one package manifest says: its name and what it needs at run time.
struct PackageInfo {
  std::string name;
  std::vector<std::string> runtime_deps;  // npm `dependencies`/`optionalDependencies`, Cargo `[dependencies]`
};

std::vector<std::string> split_segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= path.size()) {
    std::size_t e = path.find('/', b);
    if (e == std::string_view::npos) e = path.size();
    if (e > b) out.emplace_back(path.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// Whether the folder segments from `f` match the pattern segments from `p`: `**` matches any
// number of segments, the others are shell patterns for one segment (`*`, `?`, `[...]`).
bool glob_segments(const std::vector<std::string>& pat, std::size_t p, const std::vector<std::string>& folder,
                   std::size_t f) {
  if (p == pat.size()) return f == folder.size();
  if (pat[p] == "**") {
    for (std::size_t k = f; k <= folder.size(); ++k)
      if (glob_segments(pat, p + 1, folder, k)) return true;
    return false;
  }
  if (f == folder.size()) return false;
  if (::fnmatch(pat[p].c_str(), folder[f].c_str(), FNM_PERIOD) != 0) return false;
  return glob_segments(pat, p + 1, folder, f + 1);
}

// Whether the workspace pattern `pattern` ("packages/*", "./apps/**", "www") designates `folder`.
bool workspace_pattern_matches(std::string pattern, std::string_view folder) {
  while (pattern.starts_with("./")) pattern.erase(0, 2);
  while (!pattern.empty() && pattern.back() == '/') pattern.pop_back();
  if (pattern.ends_with("/package.json")) pattern.resize(pattern.size() - 13);
  if (pattern.empty() || pattern == ".") return false;
  return glob_segments(split_segments(pattern), 0, split_segments(folder), 0);
}

std::vector<std::string> string_list(const nlohmann::json& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const auto& x : v)
    if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

std::optional<nlohmann::json> read_json(const Snapshot& snap, std::string_view path) {
  auto text = snap.read(path);
  if (!text) return std::nullopt;
  auto doc = nlohmann::json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

PackageInfo npm_info(const nlohmann::json& doc) {
  PackageInfo info;
  if (doc.contains("name") && doc["name"].is_string()) info.name = doc["name"].get<std::string>();
  for (const char* section : {"dependencies", "optionalDependencies"}) {
    auto it = doc.find(section);
    if (it == doc.end() || !it->is_object()) continue;
    for (const auto& [dep, version] : it->items()) info.runtime_deps.push_back(dep);
  }
  return info;
}

// The quoted strings of a TOML array that may span lines, from `from` (just after `[`).
std::vector<std::string> toml_strings(std::string_view text, std::size_t from) {
  std::vector<std::string> out;
  std::size_t end = text.find(']', from);
  if (end == std::string_view::npos) return out;
  std::string_view body = text.substr(from, end - from);
  for (std::size_t q = body.find('"'); q != std::string_view::npos; q = body.find('"', q + 1)) {
    std::size_t close = body.find('"', q + 1);
    if (close == std::string_view::npos) break;
    out.emplace_back(body.substr(q + 1, close - q - 1));
    q = close;
  }
  return out;
}

// The lines of the TOML table `[table]` of `text`, up to the next table.
std::string_view toml_table(std::string_view text, std::string_view table) {
  std::string header = "[" + std::string(table) + "]";
  std::size_t pos = 0;
  while ((pos = text.find(header, pos)) != std::string_view::npos) {
    if (pos == 0 || text[pos - 1] == '\n') break;
    pos += header.size();
  }
  if (pos == std::string_view::npos) return {};
  std::size_t start = pos + header.size();
  std::size_t next = text.find("\n[", start);
  return text.substr(start, next == std::string_view::npos ? std::string_view::npos : next + 1 - start);
}

PackageInfo cargo_info(std::string_view text) {
  PackageInfo info;
  std::string_view package = toml_table(text, "package");
  if (auto n = package.find("\nname"); n != std::string_view::npos) {
    std::size_t q = package.find('"', n), close = q == std::string_view::npos ? q : package.find('"', q + 1);
    if (close != std::string_view::npos) info.name = std::string(package.substr(q + 1, close - q - 1));
  }
  std::string_view deps = toml_table(text, "dependencies");
  std::size_t b = 0;
  while (b < deps.size()) {
    std::size_t e = deps.find('\n', b);
    if (e == std::string_view::npos) e = deps.size();
    std::string_view line = deps.substr(b, e - b);
    b = e + 1;
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || line.starts_with("#")) continue;
    std::string key(line.substr(0, eq));
    key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == ' ' || c == '\t' || c == '"'; }), key.end());
    if (!key.empty()) info.runtime_deps.push_back(key);
  }
  return info;
}

// Why the folder or the name of a package says it is a tool, or empty.
std::string tooling_signal(std::string_view folder, std::string_view name) {
  static const std::set<std::string, std::less<>> folders = {
      "tools",     "tooling",    "scripts",    "script",   "dashboards", "dashboard", "devtools", "dev-tools",
      "e2e",       "cypress",    "playwright", "storybook", ".storybook", "benchmarks", "benchmark", "bench",
      "xtask",     "internal-tools"};
  for (const auto& seg : split_segments(folder)) {
    std::string lower = ascii_lower(seg);
    if (folders.count(lower) || lower.starts_with("e2e-") || lower.ends_with("-e2e"))
      return "folder " + lower + "/";
  }
  std::string n = ascii_lower(name);
  for (std::string_view marker : {"eslint-config", "eslint-plugin", "prettier-config", "tsconfig", "storybook", "e2e"})
    if (n.find(marker) != std::string::npos) return "name " + std::string(name);
  if (n == "xtask") return "name xtask";
  return {};
}

}  // namespace

std::vector<WorkspacePackage> workspace_packages(const Snapshot& snap) {
  // The patterns of every workspace manifest at the root, by manifest.
  std::vector<std::pair<std::string, std::vector<std::string>>> npm_patterns;  // (manifest, patterns)
  std::vector<std::string> cargo_patterns;
  PackageInfo root;
  if (auto doc = read_json(snap, "package.json")) {
    root = npm_info(*doc);
    if (auto it = doc->find("workspaces"); it != doc->end()) {
      auto list = it->is_object() ? string_list(it->value("packages", nlohmann::json::array())) : string_list(*it);
      if (!list.empty()) npm_patterns.emplace_back("package.json", std::move(list));
    }
  }
  if (auto text = snap.read("pnpm-workspace.yaml")) {
    try {
      YamlDocument doc = parse_yaml(*text, "pnpm-workspace.yaml");
      if (doc.value.is_object() && doc.value.contains("packages"))
        npm_patterns.emplace_back("pnpm-workspace.yaml", string_list(doc.value["packages"]));
    } catch (const std::exception&) {
      // A malformed workspace file declares nothing; the audit goes on.
    }
  }
  if (auto doc = read_json(snap, "lerna.json")) {
    auto list = doc->contains("packages") ? string_list((*doc)["packages"]) : std::vector<std::string>{"packages/*"};
    npm_patterns.emplace_back("lerna.json", std::move(list));
  }
  if (auto text = snap.read("Cargo.toml")) {
    std::string_view ws = toml_table(*text, "workspace");
    if (auto m = ws.find("members"); m != std::string_view::npos)
      if (auto open = ws.find('[', m); open != std::string_view::npos) cargo_patterns = toml_strings(ws, open + 1);
  }
  if (npm_patterns.empty() && cargo_patterns.empty()) return {};

  std::vector<WorkspacePackage> out;
  std::vector<PackageInfo> infos;
  for (const auto& e : snap.files()) {
    if (e.kind != EntryKind::file) continue;
    std::string_view base = path_basename(e.path);
    bool npm = base == "package.json", cargo = base == "Cargo.toml";
    if (!npm && !cargo) continue;
    std::string folder(path_dirname(e.path));
    if (folder.empty() || folder.find("node_modules") != std::string::npos) continue;
    const std::string* manifest = nullptr;
    if (npm) {
      for (const auto& [m, patterns] : npm_patterns) {
        bool in = false;
        for (const auto& p : patterns) {
          if (p.starts_with("!")) {
            if (workspace_pattern_matches(p.substr(1), folder)) in = false;
          } else if (workspace_pattern_matches(p, folder)) {
            in = true;
          }
        }
        if (in) {
          manifest = &m;
          break;
        }
      }
    } else {
      static const std::string cargo_manifest = "Cargo.toml";
      for (const auto& p : cargo_patterns)
        if (workspace_pattern_matches(p, folder)) manifest = &cargo_manifest;
    }
    if (!manifest) continue;
    PackageInfo info;
    if (npm) {
      auto doc = read_json(snap, e.path);
      if (doc) info = npm_info(*doc);
    } else if (auto text = snap.read(e)) {
      info = cargo_info(*text);
    }
    WorkspacePackage pkg;
    pkg.folder = folder;
    pkg.name = info.name.empty() ? std::string(path_basename(folder)) : info.name;
    pkg.manifest = *manifest;
    pkg.reason = tooling_signal(folder, pkg.name);
    pkg.tooling = !pkg.reason.empty();
    out.push_back(std::move(pkg));
    infos.push_back(std::move(info));
  }

  // What shipped packages need at run time is shipped, up to a fixed point.
  std::set<std::string> needed(root.runtime_deps.begin(), root.runtime_deps.end());
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!out[i].tooling) needed.insert(infos[i].runtime_deps.begin(), infos[i].runtime_deps.end());
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (!out[i].tooling || !needed.count(out[i].name)) continue;
      out[i].tooling = false;
      out[i].reason.clear();
      needed.insert(infos[i].runtime_deps.begin(), infos[i].runtime_deps.end());
      changed = true;
    }
  }
  return out;
}

const WorkspacePackage* tooling_package_of(const std::vector<WorkspacePackage>& packages, std::string_view path) {
  const WorkspacePackage* inner = nullptr;
  for (const auto& p : packages) {
    if (path.size() <= p.folder.size() || path.compare(0, p.folder.size(), p.folder) != 0 || path[p.folder.size()] != '/')
      continue;
    if (!inner || p.folder.size() > inner->folder.size()) inner = &p;
  }
  return inner && inner->tooling ? inner : nullptr;
}

}  // namespace pacte
