// Internal to the a11y module: the texts a page brings in from other files (imported
// components, rendered partials, translation catalogs), and the catalog readers the language
// detector shares.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <optional>
#include <utility>
#include <vector>

#include "checks/base/snapshot.hpp"

namespace pacte::a11y {

/// The entries of a Java `.properties` file, in file order: `key=value`, `key: value` and
/// `key value` lines, `\` line continuations, `\uXXXX` escapes (decoded to UTF-8); `#` and `!`
/// comments are skipped.
std::vector<std::pair<std::string, std::string>> parse_properties(std::string_view content);

/// One translation catalog, flattened: dotted keys (relative to the locale root, e.g.
/// `pages.accessibilite.title`) and their texts, in key order.
struct TextCatalog {
  std::string path;
  std::string lang;       // BCP 47, "" for a default catalog whose language is not named
  std::string name_space; // i18next namespace (`locales/fr/common.json` -> "common"), or ""
  std::map<std::string, std::string> texts;
};

/// Reads the translation catalogs of a snapshot once, and gathers the texts a page shows.
class PageTextReader {
 public:
  explicit PageTextReader(const Snapshot& snapshot);
  ~PageTextReader();
  PageTextReader(const PageTextReader&) = delete;
  PageTextReader& operator=(const PageTextReader&) = delete;

  /// The file's content followed by the texts it brings in (see `statement_text`); nullopt
  /// when the file cannot be read.
  std::optional<std::string> text(std::string_view path);

 private:
  void append(std::string_view path, int depth, std::string& out);
  const std::vector<TextCatalog>& catalogs();
  std::string translations(std::string_view path, std::string_view content);

  const Snapshot& snapshot_;
  std::vector<std::string> visited_;
  std::unique_ptr<std::vector<TextCatalog>> catalogs_;
};

}  // namespace pacte::a11y
