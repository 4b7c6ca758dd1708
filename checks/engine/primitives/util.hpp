// Helpers shared by the files that define check primitives.
#pragma once
#include <re2/re2.h>

#include <functional>
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
std::vector<const FileEntry*> files_matching(const Snapshot& snap, const std::vector<std::string>& globs,
                                             const std::vector<std::string>& exclude = {}, bool icase = true);

/// Compiles a user-supplied pattern with RE2 (linear time, bounded memory). Throws
/// std::runtime_error with RE2's message when it does not compile.
std::unique_ptr<RE2> compile_pattern(const std::string& pattern, bool icase);

/// "Declare `field` in the charter", in both languages, pointing at the charter: `undeclared`
/// without a charter or when publiccode.yml cannot say the field, a failure otherwise.
CheckResult undeclared(const AuditContext& ctx, const std::string& field, const Text& what);

/// Evidence pointing at a charter field.
Evidence charter_evidence(const AuditContext& ctx, const std::string& field);

/// Reads the optional parameter `key` into `value`; `value` keeps its default (the member
/// initialiser of the parameter struct) when the rule does not set it.
template <class Value>
void read_optional(const nlohmann::json& params, const char* key, Value& value) {
  if (auto it = params.find(key); it != params.end() && !it->is_null()) it->get_to(value);
}

/// The run function of a primitive whose body takes typed parameters: the JSON parameters of
/// the rule (already checked against the schema at load time) are read into `Params` by its
/// `from_json`, the one place that knows their defaults.
template <class Params>
std::function<CheckResult(AuditContext&, const nlohmann::json&)> with_params(CheckResult (*body)(AuditContext&, const Params&)) {
  return [body](AuditContext& ctx, const nlohmann::json& params) { return body(ctx, params.get<Params>()); };
}

/// The run function of a primitive that takes no parameters.
std::function<CheckResult(AuditContext&, const nlohmann::json&)> without_params(CheckResult (*body)(AuditContext&));

/// The load-time validator of a primitive, from a check of its typed parameters.
template <class Params>
std::function<std::string(const nlohmann::json&)> validated_by(std::string (*check)(const Params&)) {
  return [check](const nlohmann::json& params) { return check(params.get<Params>()); };
}

/// The schema of a primitive that takes no parameters.
nlohmann::json no_params_schema();

/// Joins `items` with ", ".
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");

/// The value of a charter field rendered for a message.
std::string field_text(const nlohmann::json& v);

}  // namespace pacte
