// pacte scaffold: the files a team most often lacks (an accessibility statement, a security
// policy, a contributing guide), written from templates compiled into the binary
// (rules/templates/<kind>.<lang>.md) and filled from the charter. What the charter does not
// say is a marked field ("[À compléter : ...]", "[To fill in: ...]"), never an invented value.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/base/text.hpp"

namespace pacte {

struct Charter;

/// The files `pacte scaffold` writes.
enum class ScaffoldKind { statement, security, contributing };

/// The kind named `name` ("statement", "security", "contributing"), or nullopt.
std::optional<ScaffoldKind> scaffold_kind(std::string_view name);

/// The names of every kind, in order.
const std::vector<std::string>& scaffold_kind_names();

/// A filled template.
struct ScaffoldFile {
  std::string text;          // the file's contents (Markdown)
  std::string default_path;  // where it goes by default, relative to the repository root
  std::string charter_key;   // the charter key that declares it ("openness.contributing"), or ""
  /// The fields left to the team, in the order they appear (each once).
  std::vector<std::string> to_fill;
};

/// The marker of a field pacte does not know: "[À compléter : what]" or "[To fill in: what]".
std::string fill_in_marker(std::string_view what, Lang lang);

/// Fills the template of `kind` in `lang` from `charter` (an empty charter is fine: every
/// field is then a marker). `service_name` stands in when the charter names no service.
/// Throws std::runtime_error if the embedded template is missing or malformed (a build error).
ScaffoldFile scaffold_file(ScaffoldKind kind, const Charter& charter, Lang lang, const std::string& service_name = "");

}  // namespace pacte
