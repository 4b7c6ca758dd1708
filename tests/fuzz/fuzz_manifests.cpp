// Fuzzes the dependency manifest parsers: the first byte picks a manifest name (which decides
// the format), the rest is the content. Malformed content never throws.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks/trackers/manifests.hpp"

namespace {
const char* const kManifests[] = {
    "package.json",           "app/build.gradle",      "build.gradle.kts",
    "gradle/libs.versions.toml", "pom.xml",            "ios/Podfile",
    "Package.swift",          "App.xcodeproj/project.pbxproj", "requirements.txt",
    "requirements-dev.txt",   "pyproject.toml",        "Pipfile",
    "Gemfile",                "x.gemspec",             "composer.json",
    "go.mod",                 "pubspec.yaml",          "App.csproj",
    "Directory.Packages.props", "packages.config",
};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t n = sizeof(kManifests) / sizeof(kManifests[0]);
  std::string_view path = kManifests[data[0] % n];
  std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);
  for (const auto& dep : pacte::parse_manifest(path, content)) {
    if (dep.line < 0) __builtin_trap();
  }
  return 0;
}
