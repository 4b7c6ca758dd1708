#include "checks/history/continuity.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "checks/base/text.hpp"

namespace pacte {

namespace {

std::string join(std::string_view dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  std::string out(dir);
  out += '/';
  out += name;
  return out;
}

bool is_yaml(std::string_view name) { return name.ends_with(".yml") || name.ends_with(".yaml"); }

// Folders whose manifests are not the project's own: vendored or generated code, test fixtures
// and corpora (sample projects a test suite audits or builds).
bool in_skipped_folder(std::string_view path) {
  static constexpr std::array<std::string_view, 23> kSkipped = {
      "node_modules", "bower_components", "jspm_packages", "vendor", "third_party", "third-party",
      "deps",         "_build",           "target",        "dist",   ".venv",       "venv",
      "site-packages", ".yarn",           ".git",          "fixtures", "fixture",   "__fixtures__",
      "test-fixtures", "testdata",        "examples",      "example", "corpus"};
  std::string_view dir = path_dirname(path);
  while (!dir.empty()) {
    std::string_view seg = path_basename(dir);
    for (auto s : kSkipped)
      if (seg == s) return true;
    dir = path_dirname(dir);
  }
  return false;
}

// ------------------------------------------------------------------------------ TOML, lightly
// Enough of TOML to see which tables a manifest has and whether they hold entries.
struct TomlScan {
  std::vector<std::string> tables;                          // every [table] and [[array]] header
  std::vector<std::pair<std::string, std::string>> keys;    // (table, key) of every key line
  std::vector<std::pair<std::string, std::string>> values;  // (table.key, raw value, multi-line arrays joined)
};

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::string unquote_key(std::string k) {
  k = trim(k);
  if (k.size() >= 2 && (k.front() == '"' || k.front() == '\'') && k.back() == k.front())
    return k.substr(1, k.size() - 2);
  return k;
}

TomlScan scan_toml(std::string_view text) {
  TomlScan out;
  std::string table;
  std::size_t pos = 0;
  std::string* open_value = nullptr;  // a multi-line array being read
  int depth = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string line = trim(text.substr(pos, eol - pos));
    pos = eol + 1;
    if (open_value) {
      *open_value += "\n" + line;
      for (char c : line) depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      if (depth <= 0) open_value = nullptr;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      bool array = line.starts_with("[[");
      std::size_t close = line.find(array ? "]]" : "]");
      table = trim(line.substr(array ? 2 : 1, close == std::string::npos ? std::string::npos : close - (array ? 2 : 1)));
      out.tables.push_back(table);
      continue;
    }
    std::size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = unquote_key(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    out.keys.emplace_back(table, key);
    out.values.emplace_back(table.empty() ? key : table + "." + key, value);
    depth = 0;
    for (char c : value) depth += c == '[' ? 1 : c == ']' ? -1 : 0;
    if (depth > 0) open_value = &out.values.back().second;
  }
  return out;
}

bool has_table(const TomlScan& t, std::string_view name) {
  for (const auto& s : t.tables)
    if (s == name || (s.size() > name.size() && s.starts_with(name) && s[name.size()] == '.')) return true;
  return false;
}

int keys_in(const TomlScan& t, std::string_view table, std::string_view except = {}) {
  int n = 0;
  for (const auto& [tab, key] : t.keys)
    if (tab == table && key != except) ++n;
  return n;
}

const std::string* value_of(const TomlScan& t, std::string_view dotted) {
  for (const auto& [k, v] : t.values)
    if (k == dotted) return &v;
  return nullptr;
}

// A TOML array value with at least one string in it.
bool non_empty_array(const std::string* v) {
  return v && v->find('[') != std::string::npos &&
         (v->find('"') != std::string::npos || v->find('\'') != std::string::npos);
}

// The quoted strings of a raw TOML array value: ["a", 'b'] -> {a, b}.
std::vector<std::string> toml_strings(const std::string* v) {
  std::vector<std::string> out;
  if (!v) return out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    char q = (*v)[i];
    if (q != '"' && q != '\'') continue;
    std::size_t end = v->find(q, i + 1);
    if (end == std::string::npos) break;
    out.push_back(v->substr(i + 1, end - i - 1));
    i = end;
  }
  return out;
}

// `member_dir` relative to `root_dir` (a proper ancestor, possibly the repository root).
std::string relative_to(std::string_view root_dir, std::string_view member_dir) {
  return std::string(root_dir.empty() ? member_dir : member_dir.substr(root_dir.size() + 1));
}

// Whether `rel` matches one of the workspace `patterns` ("packages/*", "./apps/**"), a
// pattern starting with '!' excluding.
bool matches_workspace(const std::vector<std::string>& patterns, const std::string& rel) {
  bool in = false;
  for (std::string p : patterns) {
    bool negate = !p.empty() && p[0] == '!';
    if (negate) p.erase(0, 1);
    if (p.starts_with("./")) p.erase(0, 2);
    while (!p.empty() && p.back() == '/') p.pop_back();
    if (glob_match(p, rel)) in = !negate;
  }
  return in;
}

// ------------------------------------------------------------------------------ lock lookup

struct Finder {
  const Snapshot& snap;

  const FileEntry* file(const std::string& path) const {
    const FileEntry* e = snap.find(path);
    return e && e->kind != EntryKind::submodule ? e : nullptr;
  }
  bool exists(std::string_view dir, std::string_view name) const { return file(join(dir, name)) != nullptr; }
  bool dir_exists(std::string_view dir) const {
    std::string prefix = std::string(dir) + "/";
    const auto& files = snap.files();
    auto it = std::lower_bound(files.begin(), files.end(), prefix,
                               [](const FileEntry& e, const std::string& p) { return e.path < p; });
    return it != files.end() && it->path.starts_with(prefix);
  }
  std::optional<std::string> read(std::string_view dir, std::string_view name) const {
    const FileEntry* e = file(join(dir, name));
    if (!e || e->kind != EntryKind::file) return std::nullopt;
    return snap.read(*e);
  }
  // The first of `locks` present in `dir`.
  std::optional<std::string> lock_in(std::string_view dir, const std::vector<std::string>& locks) const {
    for (const auto& l : locks)
      if (exists(dir, l)) return join(dir, l);
    return std::nullopt;
  }
};

void set_lock(PackageManifest& m, const std::optional<std::string>& lock) {
  if (lock) {
    m.has_lock = true;
    m.lock_path = *lock;
  }
}

// Looks for a lock next to the manifest, then in enclosing folders accepted by `is_root`.
template <typename IsRoot>
void find_lock(const Finder& f, PackageManifest& m, IsRoot is_root) {
  std::string_view dir = path_dirname(m.manifest_path);
  if (auto lock = f.lock_in(dir, m.accepted_locks)) return set_lock(m, lock);
  while (!dir.empty()) {
    dir = path_dirname(dir);
    if (is_root(dir)) {
      set_lock(m, f.lock_in(dir, m.accepted_locks));
      return;
    }
  }
}

PackageManifest manifest(std::string ecosystem, std::string path, std::vector<std::string> locks) {
  PackageManifest m;
  m.ecosystem = std::move(ecosystem);
  m.manifest_path = std::move(path);
  m.accepted_locks = std::move(locks);
  return m;
}

void not_required(PackageManifest& m, std::string note) {
  m.lock_required = false;
  m.note = std::move(note);
}

// ------------------------------------------------------------------------------ ecosystems

void npm(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  PackageManifest m = manifest("npm", e.path, {"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
                                    "bun.lockb", "bun.lock"});
  // A workspace root above lists this package in package.json "workspaces" (npm, yarn, bun)
  // or in pnpm-workspace.yaml "packages".
  const std::string_view member = path_dirname(e.path);
  auto is_workspace_root = [&](std::string_view dir) {
    std::string rel = relative_to(dir, member);
    std::vector<std::string> patterns;
    if (auto yaml = f.read(dir, "pnpm-workspace.yaml")) {
      bool in_packages = false;
      std::size_t pos = 0;
      while (pos < yaml->size()) {
        std::size_t eol = yaml->find('\n', pos);
        if (eol == std::string::npos) eol = yaml->size();
        std::string raw(std::string_view(*yaml).substr(pos, eol - pos));
        std::string line = trim(raw);
        pos = eol + 1;
        if (line.empty() || line[0] == '#') continue;
        if (!raw.empty() && raw[0] != ' ' && raw[0] != '-') {
          in_packages = line.starts_with("packages:");
          if (in_packages) {  // flow style: packages: ['apps/*']
            std::string rest = line.substr(9);
            for (auto& p : toml_strings(&rest)) patterns.push_back(p);
          }
        } else if (in_packages && line[0] == '-') {
          std::string item = trim(std::string_view(line).substr(1));
          if (item.size() >= 2 && (item[0] == '\'' || item[0] == '"')) item = item.substr(1, item.size() - 2);
          patterns.push_back(item);
        }
      }
    }
    if (auto text = f.read(dir, "package.json")) {
      auto j = nlohmann::json::parse(*text, nullptr, false);
      if (!j.is_discarded() && j.is_object() && j.contains("workspaces")) {
        const auto& w = j["workspaces"];
        const nlohmann::json* list = w.is_array() ? &w : (w.is_object() && w.contains("packages") ? &w["packages"] : nullptr);
        if (list && list->is_array())
          for (const auto& p : *list)
            if (p.is_string()) patterns.push_back(p.get<std::string>());
      }
    }
    return matches_workspace(patterns, rel);
  };
  find_lock(f, m, is_workspace_root);
  auto text = f.snap.read(e);
  if (!text) {
    not_required(m, "the manifest could not be read");
  } else {
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      not_required(m, "the manifest is not valid JSON");
    } else {
      bool deps = false;
      for (const char* key : {"dependencies", "devDependencies", "optionalDependencies"})
        if (j.contains(key) && j[key].is_object() && !j[key].empty()) deps = true;
      if (!deps) not_required(m, "no dependencies");
    }
  }
  out.push_back(std::move(m));
}

void cargo(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  auto text = f.snap.read(e);
  PackageManifest m = manifest("Cargo", e.path, {"Cargo.lock"});
  // Every package under a [workspace] root belongs to it (Cargo refuses to build one that
  // does not), unless the workspace excludes it.
  const std::string_view member = path_dirname(e.path);
  auto is_workspace_root = [&](std::string_view dir) {
    auto root = f.read(dir, "Cargo.toml");
    if (!root) return false;
    TomlScan ws = scan_toml(*root);
    if (!has_table(ws, "workspace")) return false;
    std::string rel = relative_to(dir, member);
    for (std::string ex : toml_strings(value_of(ws, "workspace.exclude"))) {
      while (!ex.empty() && ex.back() == '/') ex.pop_back();
      if (rel == ex || rel.starts_with(ex + "/")) return false;
    }
    return true;
  };
  find_lock(f, m, is_workspace_root);
  if (!text) {
    not_required(m, "the manifest could not be read");
    out.push_back(std::move(m));
    return;
  }
  TomlScan t = scan_toml(*text);
  if (!has_table(t, "package")) return;  // a virtual workspace: its members are listed
  // [dependencies] with entries, or [dependencies.serde]; also dev-, build- and target.*.
  bool deps = false;
  for (const auto& tab : t.tables) {
    std::string_view s = tab;
    if (s.starts_with("workspace")) continue;
    for (std::string_view kind : {"dependencies", "dev-dependencies", "build-dependencies"}) {
      std::string dotted = std::string(".").append(kind);
      if (s == kind || s.ends_with(dotted)) {
        if (keys_in(t, tab) > 0) deps = true;
      } else if (s.starts_with(std::string(kind) + ".") || s.find(dotted + ".") != std::string_view::npos) {
        deps = true;
      }
    }
  }
  std::string_view dir = path_dirname(e.path);
  bool binary = f.exists(dir, "src/main.rs") || f.dir_exists(join(dir, "src/bin")) ||
                std::any_of(t.tables.begin(), t.tables.end(), [](const std::string& s) { return s == "bin"; });
  if (!deps)
    not_required(m, "no dependencies");
  else if (!binary)
    not_required(m, "a library crate: Cargo.lock is optional");
  out.push_back(std::move(m));
}

void python(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  std::string_view dir = path_dirname(e.path);
  auto text = f.snap.read(e);
  TomlScan t = text ? scan_toml(*text) : TomlScan{};
  PackageManifest m = manifest("", e.path, {"poetry.lock", "uv.lock", "pdm.lock"});
  if (has_table(t, "tool.poetry"))
    m.ecosystem = "Poetry";
  else if (has_table(t, "tool.uv"))
    m.ecosystem = "uv";
  else if (has_table(t, "tool.pdm"))
    m.ecosystem = "PDM";
  else if (f.exists(dir, "uv.lock"))
    m.ecosystem = "uv";
  else if (f.exists(dir, "poetry.lock"))
    m.ecosystem = "Poetry";
  else if (f.exists(dir, "pdm.lock"))
    m.ecosystem = "PDM";
  else
    return;  // no lock-managing tool: pip and setuptools have no standard lock file
  // uv workspaces share the root's uv.lock.
  auto is_uv_root = [&](std::string_view d) {
    auto root = f.read(d, "pyproject.toml");
    return root && has_table(scan_toml(*root), "tool.uv.workspace");
  };
  find_lock(f, m, is_uv_root);
  bool deps = keys_in(t, "tool.poetry.dependencies", "python") > 0 ||
              non_empty_array(value_of(t, "project.dependencies")) || keys_in(t, "project.optional-dependencies") > 0 ||
              keys_in(t, "dependency-groups") > 0 || keys_in(t, "tool.pdm.dev-dependencies") > 0 ||
              non_empty_array(value_of(t, "tool.uv.dev-dependencies"));
  for (const auto& tab : t.tables)
    if (tab.starts_with("tool.poetry.group.") && tab.ends_with(".dependencies") && keys_in(t, tab) > 0) deps = true;
  if (!text)
    not_required(m, "the manifest could not be read");
  else if (!deps)
    not_required(m, "no dependencies");
  out.push_back(std::move(m));
}

void pipenv(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  PackageManifest m = manifest("Pipenv", e.path, {"Pipfile.lock"});
  find_lock(f, m, [](std::string_view) { return false; });
  auto text = f.snap.read(e);
  if (!text) {
    not_required(m, "the manifest could not be read");
  } else {
    TomlScan t = scan_toml(*text);
    if (keys_in(t, "packages") + keys_in(t, "dev-packages") == 0) not_required(m, "no dependencies");
  }
  out.push_back(std::move(m));
}

void bundler(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  bool gems_rb = path_basename(e.path) == "gems.rb";
  PackageManifest m = manifest("Bundler", e.path, {gems_rb ? "gems.locked" : "Gemfile.lock"});
  find_lock(f, m, [](std::string_view) { return false; });
  std::string_view dir = path_dirname(e.path);
  bool gemspec = false;
  std::string prefix = dir.empty() ? "" : std::string(dir) + "/";
  for (const auto& file : f.snap.files())
    if (file.path.starts_with(prefix) && file.path.ends_with(".gemspec") &&
        file.path.find('/', prefix.size()) == std::string::npos)
      gemspec = true;
  auto text = f.snap.read(e);
  if (!text)
    not_required(m, "the manifest could not be read");
  else if (text->find("gem ") == std::string::npos && text->find("gemspec") == std::string::npos)
    not_required(m, "no dependencies");
  else if (gemspec)
    not_required(m, "a gem (a .gemspec is next to it): the lock file is optional");
  out.push_back(std::move(m));
}

void composer(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  PackageManifest m = manifest("Composer", e.path, {"composer.lock"});
  find_lock(f, m, [](std::string_view) { return false; });
  auto text = f.snap.read(e);
  auto j = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
  if (!text || j.is_discarded() || !j.is_object()) {
    not_required(m, text ? "the manifest is not valid JSON" : "the manifest could not be read");
  } else {
    bool deps = false;
    for (const char* key : {"require", "require-dev"}) {
      if (!j.contains(key) || !j[key].is_object()) continue;
      for (auto it = j[key].begin(); it != j[key].end(); ++it)
        if (it.key() != "php" && !it.key().starts_with("ext-") && !it.key().starts_with("lib-")) deps = true;
    }
    std::string type = j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>() : "";
    if (!deps)
      not_required(m, "no dependencies");
    else if (!type.empty() && type != "project")
      not_required(m, "a Composer " + type + ": the lock file is optional");
  }
  out.push_back(std::move(m));
}

void gomod(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  PackageManifest m = manifest("Go modules", e.path, {"go.sum"});
  find_lock(f, m, [](std::string_view) { return false; });
  auto text = f.snap.read(e);
  bool requires_deps = false;
  if (text) {
    std::size_t pos = 0;
    bool in_block = false;
    while (pos < text->size()) {
      std::size_t eol = text->find('\n', pos);
      if (eol == std::string::npos) eol = text->size();
      std::string line = trim(std::string_view(*text).substr(pos, eol - pos));
      pos = eol + 1;
      if (in_block) {
        if (line.starts_with(")")) in_block = false;
        else if (!line.empty() && !line.starts_with("//")) requires_deps = true;
      } else if (line.starts_with("require")) {
        std::string rest = trim(std::string_view(line).substr(7));
        if (rest.starts_with("(")) {
          rest = trim(std::string_view(rest).substr(1));
          if (rest.starts_with(")")) continue;
          if (!rest.empty() && !rest.starts_with("//")) requires_deps = true;
          in_block = true;
        } else if (!rest.empty()) {
          requires_deps = true;
        }
      }
    }
  }
  if (!text)
    not_required(m, "the manifest could not be read");
  else if (!requires_deps)
    not_required(m, "no require directive");
  out.push_back(std::move(m));
}

void pub(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  PackageManifest m = manifest("Dart pub", e.path, {"pubspec.lock"});
  find_lock(f, m, [](std::string_view) { return false; });
  std::string_view dir = path_dirname(e.path);
  auto text = f.snap.read(e);
  if (!text) {
    not_required(m, "the manifest could not be read");
  } else {
    bool app = f.exists(dir, "lib/main.dart") || f.dir_exists(join(dir, "bin"));
    std::size_t p = text->find("publish_to:");
    if (p != std::string::npos && (p == 0 || (*text)[p - 1] == '\n')) {
      std::string v = trim(std::string_view(*text).substr(p + 11, text->find('\n', p) - p - 11));
      if (v == "none" || v == "'none'" || v == "\"none\"") app = true;
    }
    bool deps = text->find("\ndependencies:") != std::string::npos || text->starts_with("dependencies:") ||
                text->find("\ndev_dependencies:") != std::string::npos;
    if (!deps)
      not_required(m, "no dependencies");
    else if (!app)
      not_required(m, "a Dart package: pubspec.lock is for applications");
  }
  out.push_back(std::move(m));
}

void mix(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  PackageManifest m = manifest("Mix", e.path, {"mix.lock"});
  auto is_umbrella = [&](std::string_view dir) {
    auto root = f.read(dir, "mix.exs");
    return root && root->find("apps_path") != std::string::npos;
  };
  find_lock(f, m, is_umbrella);
  auto text = f.snap.read(e);
  if (!text)
    not_required(m, "the manifest could not be read");
  else if (text->find("{:") == std::string::npos)
    not_required(m, "no dependencies");
  out.push_back(std::move(m));
}

void nuget(const Finder& f, const FileEntry& e, std::vector<PackageManifest>& out) {
  auto text = f.snap.read(e);
  if (!text || text->find("PackageReference") == std::string::npos) return;
  PackageManifest m = manifest("NuGet", e.path, {"packages.lock.json"});
  find_lock(f, m, [](std::string_view) { return false; });
  std::string lower = ascii_lower(*text);
  std::size_t p = lower.find("<restorepackageswithlockfile>");
  bool opted_in = p != std::string::npos && lower.compare(p + 29, 4, "true") == 0;
  if (!opted_in) not_required(m, "NuGet lock files are opt-in (RestorePackagesWithLockFile)");
  out.push_back(std::move(m));
}

}  // namespace

std::vector<CiConfig> find_ci_configs(const Snapshot& snapshot) {
  std::vector<CiConfig> out;
  for (const FileEntry& e : snapshot.files()) {
    if (e.kind == EntryKind::submodule || (e.kind == EntryKind::file && e.size == 0)) continue;
    std::string_view p = e.path, dir = path_dirname(p), name = path_basename(p);
    const char* system = nullptr;
    if (dir == ".github/workflows" && is_yaml(name))
      system = "GitHub Actions";
    else if (p == ".gitlab-ci.yml" || p == ".gitlab-ci.yaml")
      system = "GitLab CI";
    else if (p == ".woodpecker.yml" || p == ".woodpecker.yaml" || (dir == ".woodpecker" && is_yaml(name)))
      system = "Woodpecker";
    else if (p == "Jenkinsfile" || (dir.empty() && name.starts_with("Jenkinsfile.")))
      system = "Jenkins";
    else if (p == ".circleci/config.yml" || p == ".circleci/config.yaml")
      system = "CircleCI";
    else if (p == ".travis.yml" || p == ".travis.yaml")
      system = "Travis CI";
    else if (p == "azure-pipelines.yml" || p == "azure-pipelines.yaml" || (dir == ".azure-pipelines" && is_yaml(name)))
      system = "Azure Pipelines";
    else if (p == ".drone.yml" || p == ".drone.yaml" || p == ".drone.jsonnet" || p == ".drone.star")
      system = "Drone";
    else if (p == "bitbucket-pipelines.yml")
      system = "Bitbucket Pipelines";
    else if ((dir == ".forgejo/workflows" || dir == ".gitea/workflows") && is_yaml(name))
      system = "Forgejo/Gitea Actions";
    else if (p == ".build.yml" || p == ".build.yaml" || (dir == ".builds" && is_yaml(name)))
      system = "Sourcehut";
    else if (p == "appveyor.yml" || p == ".appveyor.yml")
      system = "AppVeyor";
    else if (p == ".cirrus.yml" || p == ".cirrus.star")
      system = "Cirrus CI";
    else if (p == ".buildkite/pipeline.yml" || p == ".buildkite/pipeline.yaml" || p == ".buildkite/pipeline.json" ||
             p == "buildkite.yml" || p == "buildkite.yaml")
      system = "Buildkite";
    else if (p == ".ci/run" && e.kind == EntryKind::file && e.executable)
      // One executable entry point that any CI runner calls (the runner's own configuration
      // lives outside the repository).
      system = "CI entry point";
    if (system) out.push_back({system, e.path});
  }
  return out;
}

std::vector<PackageManifest> find_package_manifests(const Snapshot& snapshot, bool include_optional) {
  std::vector<PackageManifest> out;
  Finder f{snapshot};
  for (const FileEntry& e : snapshot.files()) {
    if (e.kind != EntryKind::file || in_skipped_folder(e.path)) continue;
    std::string_view name = path_basename(e.path);
    if (name == "package.json")
      npm(f, e, out);
    else if (name == "Cargo.toml")
      cargo(f, e, out);
    else if (name == "pyproject.toml")
      python(f, e, out);
    else if (name == "Pipfile")
      pipenv(f, e, out);
    else if (name == "Gemfile" || name == "gems.rb")
      bundler(f, e, out);
    else if (name == "composer.json")
      composer(f, e, out);
    else if (name == "go.mod")
      gomod(f, e, out);
    else if (name == "pubspec.yaml")
      pub(f, e, out);
    else if (name == "mix.exs")
      mix(f, e, out);
    else if (name.ends_with(".csproj") || name.ends_with(".fsproj") || name.ends_with(".vbproj"))
      nuget(f, e, out);
  }
  if (!include_optional)
    out.erase(std::remove_if(out.begin(), out.end(), [](const PackageManifest& m) { return !m.lock_required; }),
              out.end());
  return out;
}

}  // namespace pacte
