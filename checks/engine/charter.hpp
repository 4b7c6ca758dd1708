// The charter: what a team declares (pacte.yml, or publiccode.yml mapped onto it).
#pragma once
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checks/base/text.hpp"
#include "checks/base/yaml_json.hpp"

namespace pacte {

class Snapshot;

/// An accepted exception to a rule. It applies only with a reason and an `until` date that
/// has not passed; otherwise `not_applied` says why. A waiver of the top-level `waivers:` list
/// waives the whole rule; one of `policy.waivers` may be scoped to findings: those under
/// `paths` (globs relative to the repository root) or the one whose fingerprint starts with
/// `finding`.
struct Waiver {
  std::string rule;
  std::string reason;
  std::string until;
  SourcePos pos;
  bool applies = false;
  std::string not_applied;
  std::vector<std::string> paths;
  std::string finding;
  bool in_policy = false;  // declared under `policy.waivers`
  /// Whether the waiver removes some findings of a rule rather than waiving all of it.
  bool scoped() const { return !paths.empty() || !finding.empty(); }
};

/// One entry of `policy.rules`: a rule the team disables or re-grades, and why.
struct RulePolicy {
  std::string rule;
  bool disable = false;
  std::string severity;  // the new severity ("" when the rule is disabled)
  std::string reason;
  SourcePos pos;         // of the entry
  SourcePos action_pos;  // of `disable` or `severity`, where a refusal points
};

/// The `policy:` section of a charter (README, "The charter"); its waivers are kept with the
/// other waivers in `Charter::waivers`.
struct Policy {
  bool present = false;  // the charter has a `policy:` section
  std::vector<RulePolicy> rules;
  std::optional<std::string> fail_on;   // policy.gate.fail_on
  std::optional<double> fail_under;     // policy.gate.fail_under
};

/// A loaded charter. `doc` is always a JSON object in charter format 1 (empty when there is
/// no charter); publiccode.yml is mapped onto it.
struct Charter {
  std::string source = "none";  // "pacte" | "publiccode" | "none"
  std::string path;             // where it was read (repository-relative or as given)
  nlohmann::json doc = nlohmann::json::object();
  YamlDocument yaml;
  std::vector<std::string> errors;    // non-fatal problems (in a mapped publiccode.yml)
  std::vector<std::string> warnings;  // unknown keys, ignored waivers, unmapped fields
  std::vector<Waiver> waivers;  // `waivers:` then `policy.waivers:`, in charter order
  Policy policy;

  /// The value at a dotted path ("neutrality.advertising", "continuity.maintainers"), or
  /// nullptr when it is absent or null.
  const nlohmann::json* field(const std::string& dotted) const;
  /// "pacte.yml:12:3" for the field, or the charter path alone.
  std::string where(const std::string& dotted) const;
  SourcePos pos(const std::string& dotted) const;
};

/// A charter that cannot be used: every problem, each as "file:line:col: message".
class CharterInvalid : public std::runtime_error {
 public:
  explicit CharterInvalid(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

/// Parses and validates a pacte charter (format 1) read from `display_path`. `today` decides
/// which waivers have expired. Throws InputError (unreadable YAML) or CharterInvalid (schema,
/// dates, SPDX expressions, paths that leave the repository). Problems and warnings are
/// worded in `lang`.
Charter load_charter(std::string_view text, const std::string& display_path, std::time_t today, Lang lang = Lang::en);

/// Maps a publiccode.yml onto a charter (README, "The charter"). Problems in it are kept in
/// `errors` rather than thrown, since the file was not written for pacte.
Charter load_publiccode(std::string_view text, const std::string& display_path, Lang lang = Lang::en);

/// Whether a publiccode.yml can declare the charter field `field` (dotted path): the fields
/// load_publiccode fills (service name, repository, URL, operator, description, the licence,
/// maintenance, maintainers, languages). Any other field stays undeclared with publiccode.yml.
bool publiccode_declares(const std::string& field);

/// Where pacte looks for a charter in the audited tree, in order.
const std::vector<std::string>& charter_locations();

/// Finds and loads the charter of `snap` (pacte.yml, .pacte.yml, .github/pacte.yml, then
/// publiccode.yml), or returns a charter with source "none".
Charter find_charter(const Snapshot& snap, std::time_t today, Lang lang = Lang::en);

/// The largest charter pacte reads: the YAML file-size limit (4 MiB), enforced while reading, so
/// that a larger file (or /dev/zero) is refused before it fills memory.
inline constexpr std::size_t kCharterMaxBytes = YamlLimits{}.max_bytes;

/// Reads the charter file given with --charter, at most kCharterMaxBytes, checked while
/// reading. Throws InputError naming `path` when it is missing, a folder, unreadable or over the cap.
std::string read_charter_file(const std::string& path, Lang lang = Lang::en);

/// Adds to `charter.warnings` one warning per waiver naming a rule that `rule_ids` lacks: the
/// waiver's place in the charter and the closest rule id.
void warn_unknown_waivers(Charter& charter, const std::vector<std::string>& rule_ids, Lang lang = Lang::en);

/// Whether a charter path stays inside the repository (relative, no "..", no NUL).
bool path_stays_inside(const std::string& path);

/// Parses YYYY-MM-DD into a UTC time at midnight; nullopt when not a real calendar date.
std::optional<std::time_t> parse_date(const std::string& s);

}  // namespace pacte
