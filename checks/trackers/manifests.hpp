// Dependency manifests of every ecosystem pacte audits, parsed into one shape with the line
// each dependency is declared on and whether it is only used for development or tests.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace pacte {

/// One declared dependency.
struct Dependency {
  std::string ecosystem;  // "npm", "maven", "cocoapods", "swift", "pypi", "rubygems", "composer",
                          // "go", "pub", "nuget"
  std::string name;       // as the ecosystem spells it; maven: "group:artifact"; swift: the URL
  std::string version;    // as written, possibly empty or a reference ("${x}", "version.ref")
  std::string path;       // repository-relative path of the manifest
  int line = 0;           // 1-based line of the declaration
  bool dev = false;       // development, test or documentation dependency only
  std::string section;    // where it was declared: "devDependencies", "testImplementation", ...
  std::string snippet;    // the declaring line, trimmed, for evidence
};

/// True when `path` names a manifest that parse_manifest understands.
bool is_manifest(std::string_view path);

/// True when `path` names a lock file (its content is not scanned: the manifest says it all).
bool is_lock_file(std::string_view path);

/// Parses the manifest at `path` (its file name decides the format):
///   package.json (dependencies, optionalDependencies vs devDependencies; peerDependencies are
///     dev: the host application provides them), build.gradle / build.gradle.kts (string and
///     map notations; test*, androidTest*, debug*, testFixtures*, lint* configurations are dev),
///     gradle/libs.versions.toml ([libraries]), pom.xml (scope test = dev), Podfile (pods in
///     targets named *Tests are dev), Package.swift and project.pbxproj (package URLs),
///     requirements*.txt (requirements-dev / -test / docs are dev), pyproject.toml (PEP 621,
///     PEP 735 groups, Poetry), Pipfile, Gemfile and *.gemspec (development/test groups are
///     dev), composer.json (require vs require-dev), go.mod, pubspec.yaml (dependencies vs
///     dev_dependencies), *.csproj / *.fsproj / *.vbproj / Directory.Packages.props
///     (PackageReference, PackageVersion), packages.config.
/// Malformed content yields the dependencies that could be read, never an exception.
std::vector<Dependency> parse_manifest(std::string_view path, std::string_view content);

}  // namespace pacte
