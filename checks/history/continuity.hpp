// Continuity evidence found in the files of a snapshot: can someone else rebuild the service?
// A CI configuration says how it is built and tested; a lock file per package manifest says
// exactly which dependencies it is built with.
#pragma once
#include <string>
#include <vector>

#include "checks/base/snapshot.hpp"

namespace pacte {

/// A continuous-integration configuration file. `system` is one of: "GitHub Actions",
/// "GitLab CI", "Woodpecker", "Jenkins", "CircleCI", "Travis CI", "Azure Pipelines", "Drone",
/// "Bitbucket Pipelines", "Forgejo/Gitea Actions", "Sourcehut", "AppVeyor", "Cirrus CI",
/// "Buildkite", "CI entry point" (an executable `.ci/run` that the runner calls).
struct CiConfig {
  std::string system;
  std::string path;
};

/// Every CI configuration of the snapshot, in path order. Empty files are ignored.
std::vector<CiConfig> find_ci_configs(const Snapshot& snapshot);

/// A package manifest and its lock file.
///
/// `lock_required` is false when the ecosystem's own guidance does not ask for a committed
/// lock file, and `note` then says why (a manifest without dependencies, a library crate, a
/// Dart package, a Ruby gem, a Composer package that is not a project, NuGet without
/// RestorePackagesWithLockFile, an unreadable manifest). Such manifests are listed only when
/// asked for.
struct PackageManifest {
  std::string ecosystem;                  // "npm", "Cargo", "Poetry", "uv", "PDM", "Pipenv",
                                          // "Bundler", "Composer", "Go modules", "Dart pub",
                                          // "Mix", "NuGet"
  std::string manifest_path;
  std::vector<std::string> accepted_locks;  // file names any of which is a valid lock
  bool has_lock = false;
  std::string lock_path;  // the lock found (possibly in a workspace root above)
  bool lock_required = true;
  std::string note;
};

/// The package manifests of the snapshot that need a lock file (`lock_required`), in path
/// order, each with the lock found or not: a rule fails on those without `has_lock`. With
/// `include_optional`, also the manifests whose ecosystem does not ask for a lock (see
/// `PackageManifest::note`), for reports that list the package managers in use.
/// Manifests and locks:
/// - package.json: package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lockb,
///   bun.lock, next to it or in an enclosing workspace root (a package.json with "workspaces",
///   or a pnpm-workspace.yaml). Needed when it declares dependencies, devDependencies or
///   optionalDependencies.
/// - Cargo.toml: Cargo.lock next to it or at the enclosing [workspace] root. Needed for a crate
///   with dependencies that builds a binary (src/main.rs, src/bin/, [[bin]]); optional for a
///   library crate, as Cargo's guidance has long said. A virtual workspace manifest is skipped.
/// - pyproject.toml managed by Poetry, uv or PDM ([tool.poetry], [tool.uv], [tool.pdm], or one of
///   their locks present): poetry.lock, uv.lock or pdm.lock. A plain pyproject.toml has no
///   standard lock and is not listed. Pipfile: Pipfile.lock.
/// - Gemfile / gems.rb: Gemfile.lock / gems.locked; optional next to a *.gemspec (a gem).
/// - composer.json: composer.lock; optional when "type" is set to something other than "project".
/// - go.mod: go.sum, when go.mod has a require directive.
/// - pubspec.yaml: pubspec.lock, for applications (publish_to: none, lib/main.dart or bin/).
/// - mix.exs: mix.lock, next to it or in an enclosing umbrella root.
/// - *.csproj / *.fsproj / *.vbproj with PackageReference: packages.lock.json, required only when
///   the project sets RestorePackagesWithLockFile.
/// Folders of vendored or generated code and test fixtures are skipped: node_modules,
/// bower_components, vendor, third_party, deps, _build, target, dist, .venv, venv, fixtures,
/// __fixtures__, testdata, examples, ...
std::vector<PackageManifest> find_package_manifests(const Snapshot& snapshot, bool include_optional = false);

}  // namespace pacte
