// Rule modules: rules are data (YAML, validated against schemas/rules.schema.json), checks
// are code (primitives registered by name in checks/primitives_*.cpp).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checks/base/text.hpp"
#include "checks/base/yaml_json.hpp"

namespace pacte {

/// A rule's severity, most severe first, in the order of kSeverities (checks/base/vocabulary.hpp).
enum class Severity { critical, high, medium, low };
/// "critical", "high", "medium" or "low": the severity's name in rule modules and reports.
const char* severity_name(Severity s);
/// Score weight of a severity (critical 10, high 5, medium 3, low 1).
double severity_weight(Severity s);

/// A reference a rule rests on: a law, a standard criterion, a web page. A module may give
/// the title as one string (a law's name reads the same in both languages): then `title.fr`
/// is empty and `title.in(Lang::fr)` falls back to it.
struct Reference {
  Text title;
  std::string url;
};

/// A check to run: a primitive name and its parameters.
struct CheckSpec {
  std::string primitive;
  nlohmann::json params = nlohmann::json::object();
};

/// One rule, as a module declares it.
struct Rule {
  std::string id;
  std::string principle;  // openness | neutrality | continuity | equal_access
  Severity severity = Severity::medium;
  Text title, rationale, remediation;
  std::vector<Reference> references;
  CheckSpec check;
  std::vector<CheckSpec> when;  // conditions: the rule is skipped unless every one passes
  Text pass_message, fail_message;  // optional overrides of the primitive's own wording
  std::string module_path;          // where the rule was declared ("rules/neutrality.yml")
  SourcePos pos;
  bool builtin = false;  // from a module compiled into pacte (it then has a help page in docs/rules/)
};

/// Every rule in force, in module order.
struct RuleSet {
  std::vector<Rule> rules;
  std::vector<std::string> sources;  // module paths, for the report and the rule-set hash
  std::string hash;                  // identifies the rule set (for batch --resume)
  const Rule* find(const std::string& id) const;
};

/// Parses one rule module. Throws InputError naming `display_path` and line:col when the
/// module is malformed, a rule id repeats, a primitive is unknown, or its parameters are wrong.
std::vector<Rule> parse_rule_module(std::string_view text, const std::string& display_path);

/// The rules of the built-in modules (compiled in), parsed and validated from their YAML by
/// parse_rule_module, in module order and flagged `builtin`: what the build tool
/// (cmake/startgen.cpp) stores, and what the tests compare the stored form with.
std::vector<Rule> parse_builtin_rules();

/// Every field of every rule, in order, as MessagePack: the form the build stores.
std::string rules_to_msgpack(const std::vector<Rule>& rules);

/// The rules rules_to_msgpack() wrote, without validating them again (they were validated when
/// the build wrote them).
std::vector<Rule> rules_from_msgpack(std::string_view bytes);

/// The built-in modules (compiled in; their rules as the build stored them, see
/// PrecompiledData), unless `no_default`, plus each of `extra` (files, or
/// folders whose *.yml / *.yaml files are read in name order). A rule id defined twice is an
/// error naming both places. Throws InputError.
RuleSet load_rules(const std::vector<std::string>& extra, bool no_default);

/// The principles, in report order.
const std::vector<std::string>& principles();

}  // namespace pacte
