// The packages of a monorepo, from its workspace manifests (package.json `workspaces`,
// pnpm-workspace.yaml, lerna.json, Cargo's `[workspace] members`), and which of them never reach
// the service's users: internal dashboards, scripts, end-to-end tests, storybooks, shared lint
// configurations. A tracker found only in those is tooling, reported apart like tests and docs.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "checks/base/snapshot.hpp"

namespace pacte {

/// One package of a workspace.
struct WorkspacePackage {
  std::string folder;    // repository-relative folder holding its manifest ("apps/web")
  std::string name;      // the name its manifest gives, or the folder's last segment
  std::string manifest;  // the workspace manifest that declares it ("pnpm-workspace.yaml")
  bool tooling = false;  // never shipped to users (see workspace_packages)
  std::string reason;    // why it is tooling: "folder tools/", "name eslint-config-acme"
};

/// Every package the workspace manifests of `snap` declare, in folder order. A package is
/// tooling when its folder (a segment such as tools/, scripts/, dashboards/, e2e-tests/,
/// storybook/, benchmarks/, xtask/) or its name (eslint-config-*, *-storybook, *e2e*) says so,
/// and no shipped package, nor the root package, needs it at run time (in `dependencies`, or a
/// Cargo `[dependencies]` path): a package that a shipped one depends on is shipped. Every other
/// package is shipped. Unreadable or malformed manifests declare nothing.
std::vector<WorkspacePackage> workspace_packages(const Snapshot& snap);

/// The tooling package of `packages` whose folder holds `path`, or nullptr (the innermost
/// package decides: a shipped package nested in a tooling folder is shipped).
const WorkspacePackage* tooling_package_of(const std::vector<WorkspacePackage>& packages, std::string_view path);

}  // namespace pacte
