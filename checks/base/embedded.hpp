// Files compiled into the binary (rule modules, rule data, schemas).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

namespace pacte {

/// One file embedded at build time; `path` is relative to the source tree ("rules/openness.yml").
struct EmbeddedFile {
  std::string_view path;
  std::string_view data;
};

/// Every embedded file, in the order the build listed them.
const std::vector<EmbeddedFile>& embedded_files();

/// The contents of the embedded file at `path`, or nullopt.
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace pacte
