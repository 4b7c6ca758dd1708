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

/// What every run would otherwise rebuild from the embedded files, built once by the build
/// tool cmake/startgen.cpp from the same files and with the same validation. Each view is
/// empty in that tool itself (which links a stand-in without data): the callers then parse
/// the embedded YAML.
struct PrecompiledData {
  std::string_view signatures;          // SignatureSet::to_msgpack() of the built-in signatures
  std::string_view signature_database;  // their pattern database, serialised for any x86-64
  std::string_view rules;               // rules_to_msgpack() of the built-in rule modules
};

/// The data the build precompiled (see PrecompiledData).
const PrecompiledData& precompiled_data();

}  // namespace pacte
