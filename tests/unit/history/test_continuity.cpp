// Continuity evidence in the files of a snapshot: CI configurations and lock files.
#include <doctest/doctest.h>

#include <map>

#include "checks/base/snapshot.hpp"
#include "checks/history/continuity.hpp"

using namespace pacte;

namespace {

std::map<std::string, std::string> ci_by_path(const Snapshot& s) {
  std::map<std::string, std::string> out;
  for (const auto& c : find_ci_configs(s)) out[c.path] = c.system;
  return out;
}

std::map<std::string, PackageManifest> manifests(const Snapshot& s) {
  std::map<std::string, PackageManifest> out;
  for (auto& m : find_package_manifests(s, true)) out[m.manifest_path] = m;
  return out;
}

}  // namespace

TEST_CASE("find_ci_configs recognises the common CI systems") {
  MemorySnapshot s;
  s.add(".github/workflows/ci.yml", "on: push\n")
      .add(".github/workflows/release.yaml", "on: tag\n")
      .add(".github/workflows/README.md", "not a workflow")
      .add(".github/dependabot.yml", "version: 2\n")
      .add(".gitlab-ci.yml", "test: {script: make}\n")
      .add(".woodpecker/build.yaml", "steps: []\n")
      .add(".woodpecker.yml", "steps: []\n")
      .add("Jenkinsfile", "pipeline {}\n")
      .add(".circleci/config.yml", "version: 2.1\n")
      .add(".travis.yml", "language: c\n")
      .add("azure-pipelines.yml", "jobs: []\n")
      .add(".drone.yml", "kind: pipeline\n")
      .add("bitbucket-pipelines.yml", "pipelines: {}\n")
      .add(".forgejo/workflows/test.yml", "on: push\n")
      .add(".gitea/workflows/test.yaml", "on: push\n")
      .add(".build.yml", "image: alpine\n")
      .add(".builds/debian.yml", "image: debian\n")
      .add("docs/.gitlab-ci.yml", "nested: not read by GitLab\n")
      .add(".github/workflows/sub/x.yml", "not read by GitHub\n")
      .add(".github/workflows/empty.yml", "");
  auto ci = ci_by_path(s);
  CHECK(ci[".github/workflows/ci.yml"] == "GitHub Actions");
  CHECK(ci[".github/workflows/release.yaml"] == "GitHub Actions");
  CHECK(ci[".gitlab-ci.yml"] == "GitLab CI");
  CHECK(ci[".woodpecker/build.yaml"] == "Woodpecker");
  CHECK(ci[".woodpecker.yml"] == "Woodpecker");
  CHECK(ci["Jenkinsfile"] == "Jenkins");
  CHECK(ci[".circleci/config.yml"] == "CircleCI");
  CHECK(ci[".travis.yml"] == "Travis CI");
  CHECK(ci["azure-pipelines.yml"] == "Azure Pipelines");
  CHECK(ci[".drone.yml"] == "Drone");
  CHECK(ci["bitbucket-pipelines.yml"] == "Bitbucket Pipelines");
  CHECK(ci[".forgejo/workflows/test.yml"] == "Forgejo/Gitea Actions");
  CHECK(ci[".gitea/workflows/test.yaml"] == "Forgejo/Gitea Actions");
  CHECK(ci[".build.yml"] == "Sourcehut");
  CHECK(ci[".builds/debian.yml"] == "Sourcehut");
  CHECK(ci.size() == 15);  // not: README.md, dependabot.yml, nested files, the empty workflow
}

TEST_CASE("find_ci_configs: an executable .ci/run is a CI entry point, Buildkite's other layouts count") {
  MemorySnapshot s;
  s.add(".ci/run", "#!/bin/sh\nexec make check\n", true)
      .add(".buildkite/pipeline.json", "{\"steps\": []}\n")
      .add("buildkite.yml", "steps: []\n");
  auto ci = ci_by_path(s);
  CHECK(ci[".ci/run"] == "CI entry point");
  CHECK(ci[".buildkite/pipeline.json"] == "Buildkite");
  CHECK(ci["buildkite.yml"] == "Buildkite");
  CHECK(ci.size() == 3);

  MemorySnapshot not_run;  // a script nobody can execute is not an entry point
  not_run.add(".ci/run", "make check\n").add(".ci/README", "how our CI works\n");
  CHECK(find_ci_configs(not_run).empty());
}

TEST_CASE("find_ci_configs finds nothing in a project without CI") {
  MemorySnapshot s;
  s.add("README.md", "# hi\n").add("Makefile", "all:\n");
  CHECK(find_ci_configs(s).empty());
}

TEST_CASE("npm: a package.json with dependencies needs a lock, here or at the workspace root") {
  MemorySnapshot s;
  s.add("package.json", R"({"name": "root", "private": true, "workspaces": ["packages/*"],
                            "devDependencies": {"eslint": "^9"}})")
      .add("yarn.lock", "# yarn lockfile v1\n")
      .add("packages/web/package.json", R"({"name": "web", "dependencies": {"vue": "^3"}})")
      .add("tools/script/package.json", R"({"name": "script", "dependencies": {"left-pad": "1"}})")
      .add("docs/package.json", R"({"name": "docs", "private": true})")
      .add("node_modules/vue/package.json", R"({"name": "vue", "dependencies": {"x": "1"}})")
      .add("test/fixtures/app/package.json", R"({"dependencies": {"x": "1"}})")
      .add("tests/corpus/next-app/tree/package.json", R"({"dependencies": {"next": "14"}})")
      .add("broken/package.json", "{ not json");
  auto m = manifests(s);
  REQUIRE(m.size() == 5);
  CHECK(m["package.json"].has_lock);
  CHECK(m["package.json"].lock_path == "yarn.lock");
  CHECK(m["package.json"].lock_required);
  CHECK(m["packages/web/package.json"].has_lock);  // workspace member: the root lock
  CHECK(m["packages/web/package.json"].lock_path == "yarn.lock");
  CHECK(m["tools/script/package.json"].lock_required);
  CHECK_FALSE(m["tools/script/package.json"].has_lock);  // not a workspace member
  CHECK(m["tools/script/package.json"].ecosystem == "npm");
  CHECK_FALSE(m["docs/package.json"].lock_required);  // no dependencies
  CHECK(m["docs/package.json"].note == "no dependencies");
  CHECK_FALSE(m["broken/package.json"].lock_required);
  CHECK(m.count("node_modules/vue/package.json") == 0);
  CHECK(m.count("test/fixtures/app/package.json") == 0);
  CHECK(m.count("tests/corpus/next-app/tree/package.json") == 0);  // a test corpus's sample project
}

TEST_CASE("npm: every lock format is accepted, and pnpm workspaces share the root lock") {
  for (const char* lock : {"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb"}) {
    MemorySnapshot s;
    s.add("package.json", R"({"dependencies": {"a": "1"}})").add(lock, "x");
    auto m = find_package_manifests(s);
    REQUIRE(m.size() == 1);
    CHECK(m[0].has_lock);
    CHECK(m[0].lock_path == lock);
  }
  MemorySnapshot s;
  s.add("pnpm-workspace.yaml", "packages: ['apps/*']\n")
      .add("pnpm-lock.yaml", "lockfileVersion: 9\n")
      .add("apps/front/package.json", R"({"dependencies": {"svelte": "5"}})");
  auto m = manifests(s);
  CHECK(m["apps/front/package.json"].has_lock);
  CHECK(m["apps/front/package.json"].lock_path == "pnpm-lock.yaml");
}

TEST_CASE("Cargo: binaries need Cargo.lock, libraries do not, workspace members share the root lock") {
  MemorySnapshot s;
  s.add("Cargo.toml", "[workspace]\nmembers = [\"server\", \"core\"]\nexclude = [\"cli\"]\n")
      .add("Cargo.lock", "version = 3\n")
      .add("server/Cargo.toml", "[package]\nname = \"server\"\n\n[dependencies]\naxum = \"0.7\"\n")
      .add("server/src/main.rs", "fn main() {}\n")
      .add("core/Cargo.toml", "[package]\nname = \"core\"\n[dependencies.serde]\nversion = \"1\"\n")
      .add("core/src/lib.rs", "")
      .add("cli/Cargo.toml", "[package]\nname = \"cli\"\n[[bin]]\nname = \"x\"\n[target.'cfg(unix)'.dependencies]\nlibc = \"0.2\"\n")
      .add("nodeps/Cargo.toml", "[package]\nname = \"nodeps\"\n[dependencies]\n")
      .add("nodeps/src/main.rs", "fn main() {}\n")
      .add("target/debug/build/x/Cargo.toml", "[package]\n[dependencies]\na = \"1\"\n");
  auto m = manifests(s);
  CHECK(m.count("Cargo.toml") == 0);  // virtual workspace manifest
  CHECK(m["server/Cargo.toml"].lock_required);
  CHECK(m["server/Cargo.toml"].has_lock);
  CHECK(m["server/Cargo.toml"].lock_path == "Cargo.lock");
  CHECK_FALSE(m["core/Cargo.toml"].lock_required);  // library crate
  CHECK(m["cli/Cargo.toml"].lock_required);          // [[bin]] + target dependencies
  CHECK_FALSE(m["cli/Cargo.toml"].has_lock);          // excluded from the workspace
  CHECK_FALSE(m["nodeps/Cargo.toml"].lock_required);
  CHECK(m.count("target/debug/build/x/Cargo.toml") == 0);
}

TEST_CASE("Python: Poetry, uv and PDM projects need their lock; plain pyproject and Pipfile") {
  MemorySnapshot s;
  s.add("poetry/pyproject.toml", "[tool.poetry]\nname = \"x\"\n[tool.poetry.dependencies]\npython = \"^3.11\"\ndjango = \"^5\"\n")
      .add("poetry/poetry.lock", "x")
      .add("poetry-py-only/pyproject.toml", "[tool.poetry]\nname = \"x\"\n[tool.poetry.dependencies]\npython = \"^3.11\"\n")
      .add("uv/pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\n  \"fastapi>=0.110\",\n]\n[tool.uv]\n")
      .add("uv-lock-only/pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"flask\"]\n")
      .add("uv-lock-only/uv.lock", "version = 1\n")
      .add("pdm/pyproject.toml", "[project]\ndependencies = ['httpx']\n[tool.pdm]\n")
      .add("plain/pyproject.toml", "[project]\ndependencies = [\"requests\"]\n")
      .add("pipenv/Pipfile", "[packages]\nrequests = \"*\"\n")
      .add("pipenv/Pipfile.lock", "{}");
  auto m = manifests(s);
  CHECK(m["poetry/pyproject.toml"].ecosystem == "Poetry");
  CHECK(m["poetry/pyproject.toml"].has_lock);
  CHECK(m["poetry/pyproject.toml"].lock_required);
  CHECK_FALSE(m["poetry-py-only/pyproject.toml"].lock_required);
  CHECK(m["uv/pyproject.toml"].ecosystem == "uv");
  CHECK(m["uv/pyproject.toml"].lock_required);
  CHECK_FALSE(m["uv/pyproject.toml"].has_lock);
  CHECK(m["uv-lock-only/pyproject.toml"].ecosystem == "uv");
  CHECK(m["uv-lock-only/pyproject.toml"].has_lock);
  CHECK(m["pdm/pyproject.toml"].ecosystem == "PDM");
  CHECK_FALSE(m["pdm/pyproject.toml"].has_lock);
  CHECK(m["pdm/pyproject.toml"].lock_required);
  CHECK(m.count("plain/pyproject.toml") == 0);
  CHECK(m["pipenv/Pipfile"].has_lock);
  CHECK(m["pipenv/Pipfile"].lock_required);
}

TEST_CASE("Ruby, PHP, Go, Dart, Elixir and .NET manifests") {
  MemorySnapshot s;
  s.add("app/Gemfile", "source 'https://rubygems.org'\ngem 'rails'\n")
      .add("gem/Gemfile", "source 'https://rubygems.org'\ngemspec\n")
      .add("gem/mygem.gemspec", "Gem::Specification.new\n")
      .add("php/composer.json", R"({"type": "project", "require": {"php": ">=8.2", "symfony/console": "^7"}})")
      .add("php-lib/composer.json", R"({"type": "library", "require": {"psr/log": "^3"}})")
      .add("php-ext/composer.json", R"({"require": {"php": ">=8.2", "ext-json": "*"}})")
      .add("go/go.mod", "module example.org/x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0\n)\n")
      .add("go/go.sum", "x")
      .add("go-nodeps/go.mod", "module example.org/y\n\ngo 1.22\n")
      .add("go-missing/go.mod", "module example.org/z\nrequire github.com/a/b v1.0.0\n")
      .add("flutter/pubspec.yaml", "name: app\npublish_to: 'none'\ndependencies:\n  http: ^1.0.0\n")
      .add("dartlib/pubspec.yaml", "name: lib\ndependencies:\n  meta: ^1.0.0\n")
      .add("elixir/mix.exs", "defp deps do\n  [{:phoenix, \"~> 1.7\"}]\nend\n")
      .add("umbrella/mix.exs", "def project, do: [apps_path: \"apps\"]\n")
      .add("umbrella/mix.lock", "%{}\n")
      .add("umbrella/apps/web/mix.exs", "defp deps, do: [{:plug, \"~> 1.0\"}]\n")
      .add("dotnet/App.csproj", "<Project><ItemGroup><PackageReference Include=\"Serilog\" /></ItemGroup></Project>")
      .add("dotnet-locked/App.csproj",
           "<Project><PropertyGroup><RestorePackagesWithLockFile>true</RestorePackagesWithLockFile></PropertyGroup>"
           "<ItemGroup><PackageReference Include=\"Serilog\" /></ItemGroup></Project>")
      .add("vendor/x/Gemfile", "gem 'x'\n")
      .add("deps/phoenix/mix.exs", "defp deps do [{:plug, \"1\"}] end\n");
  auto m = manifests(s);
  CHECK(m["app/Gemfile"].ecosystem == "Bundler");
  CHECK(m["app/Gemfile"].lock_required);
  CHECK_FALSE(m["app/Gemfile"].has_lock);
  CHECK(m["app/Gemfile"].accepted_locks == std::vector<std::string>{"Gemfile.lock"});
  CHECK_FALSE(m["gem/Gemfile"].lock_required);
  CHECK(m["php/composer.json"].lock_required);
  CHECK_FALSE(m["php-lib/composer.json"].lock_required);
  CHECK_FALSE(m["php-ext/composer.json"].lock_required);  // only the platform
  CHECK(m["go/go.mod"].has_lock);
  CHECK(m["go/go.mod"].lock_path == "go/go.sum");
  CHECK_FALSE(m["go-nodeps/go.mod"].lock_required);
  CHECK(m["go-missing/go.mod"].lock_required);
  CHECK_FALSE(m["go-missing/go.mod"].has_lock);
  CHECK(m["flutter/pubspec.yaml"].lock_required);
  CHECK_FALSE(m["dartlib/pubspec.yaml"].lock_required);
  CHECK(m["elixir/mix.exs"].lock_required);
  CHECK_FALSE(m["elixir/mix.exs"].has_lock);
  CHECK(m["umbrella/apps/web/mix.exs"].has_lock);
  CHECK(m["umbrella/apps/web/mix.exs"].lock_path == "umbrella/mix.lock");
  CHECK_FALSE(m["dotnet/App.csproj"].lock_required);
  CHECK(m["dotnet-locked/App.csproj"].lock_required);
  CHECK_FALSE(m["dotnet-locked/App.csproj"].has_lock);
  CHECK(m.count("vendor/x/Gemfile") == 0);
  CHECK(m.count("deps/phoenix/mix.exs") == 0);
}

TEST_CASE("find_package_manifests lists only what needs a lock unless asked for all") {
  MemorySnapshot s;
  s.add("lib/Cargo.toml", "[package]\nname = \"lib\"\n[dependencies]\nserde = \"1\"\n")
      .add("lib/src/lib.rs", "")
      .add("web/package.json", R"({"dependencies": {"vue": "3"}})");
  auto needed = find_package_manifests(s);
  REQUIRE(needed.size() == 1);
  CHECK(needed[0].manifest_path == "web/package.json");
  auto all = find_package_manifests(s, true);
  REQUIRE(all.size() == 2);
  CHECK(all[0].manifest_path == "lib/Cargo.toml");
  CHECK_FALSE(all[0].lock_required);
  CHECK(all[0].note == "a library crate: Cargo.lock is optional");
}

TEST_CASE("find_package_manifests lists manifests in path order and nothing for an empty tree") {
  MemorySnapshot empty;
  CHECK(find_package_manifests(empty).empty());
  MemorySnapshot s;
  s.add("b/package.json", R"({"dependencies": {"a": "1"}})").add("a/go.mod", "module x\nrequire y v1\n");
  auto m = find_package_manifests(s);
  REQUIRE(m.size() == 2);
  CHECK(m[0].manifest_path == "a/go.mod");
  CHECK(m[1].manifest_path == "b/package.json");
}
