// Helpers shared by the files that define check primitives.
#pragma once
#include <re2/re2.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks/engine/evaluate.hpp"

namespace pacte {

/// Builds a params schema: an object with the given properties and required keys.
nlohmann::json params_schema(nlohmann::json properties, std::vector<std::string> required = {});

/// The schema fragment of a list of globs.
nlohmann::json globs_schema();

/// Entries of the snapshot matching any of `globs` and none of `exclude` (regular files only).
std::vector<const FileEntry*> files_matching(const Snapshot& snap, const nlohmann::json& globs,
                                             const nlohmann::json& exclude = nullptr, bool icase = true);

/// Compiles a user-supplied pattern with RE2 (linear time, bounded memory). Throws
/// std::runtime_error with RE2's message when it does not compile.
std::unique_ptr<RE2> compile_pattern(const std::string& pattern, bool icase);

/// "Declare `field` in the charter" failure, in both languages, pointing at the charter.
CheckResult undeclared(const AuditContext& ctx, const std::string& field, const Text& what);

/// Evidence pointing at a charter field.
Evidence charter_evidence(const AuditContext& ctx, const std::string& field);

/// Text from a string literal pair.
inline Text T(std::string en, std::string fr) { return Text{std::move(en), std::move(fr)}; }

/// Joins `items` with ", ".
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");

/// The value of a charter field rendered for a message.
std::string field_text(const nlohmann::json& v);

}  // namespace pacte
