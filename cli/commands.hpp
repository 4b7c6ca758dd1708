// The pacte command line: one file per subcommand (options struct + run_<command>), no
// audit logic here. Every command writes to the streams it is given, so tests can drive it.
#pragma once
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "checks/base/output_file.hpp"
#include "checks/engine/audit.hpp"
#include "checks/engine/gate.hpp"
#include "cli/formats/registry.hpp"

namespace CLI {
class App;
}

namespace pacte::cli {

/// A subcommand: its CLI11 app and what runs when it was chosen (returns the exit code).
struct Subcommand {
  CLI::App* app;
  std::function<int()> run;
};

/// Each subcommand file registers itself with one of these (called by `run`). `out` and
/// `err` are the streams the command writes to.
void add_audit_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);
void add_validate_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);
void add_explain_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);
void add_rules_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);
void add_diff_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);
void add_render_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);
// Further subcommands (batch, merge, init) register the same way, from their own files.

/// Entry point: parses `argv` and runs the chosen subcommand; returns the exit code.
int run(int argc, char** argv);
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Options of `pacte audit` (also applied to each repository by `pacte batch`).
struct AuditCommand {
  AuditOptions audit;
  std::vector<std::string> rules;
  bool no_default_rules = false;
  /// `--format`: one format name, or several separated by commas ("json,sarif,html").
  std::string format = "text";
  /// `--output`, repeatable: FILE (for the one `--format`) or FORMAT=FILE.
  std::vector<std::string> outputs;
  /// `--output-dir DIR`: each `--format` without its own FILE goes to DIR/pacte-report.<ext>.
  std::string output_dir;
  /// Where each format goes, resolved by `finish_audit_options`: an empty path is standard
  /// output (at most one target has it).
  struct Target {
    const ReportFormat* format;
    std::string path;
  };
  std::vector<Target> targets;
  std::string lang = "en";
  Gate gate;
  /// Set by the parser when --fail-under and --fail-on were given: they then take the place of
  /// the charter's `policy.gate` defaults.
  bool fail_under_given = false, fail_on_given = false;
  std::string baseline;
  std::string badge;
  bool quiet = false;
  std::uint64_t max_file_size_mb = 16;
  double timeout_seconds = 0;
  /// `--jobs N` of `pacte audit`: threads of the audit (0: the number of cores). A batch job
  /// audits with one thread: `pacte batch --jobs` already runs one audit per core.
  unsigned jobs = 0;
  /// `--cache DIR` of `pacte audit URL`: where the bare mirror is kept (default_cache_dir()).
  std::string cache_dir;
  /// `--trend tags|monthly|N` of `pacte audit`: also audit earlier revisions (empty: none).
  std::string trend;
};

void add_audit_options(CLI::App& app, AuditCommand& cmd, bool with_path);
int run_audit(AuditCommand& cmd, std::ostream& out, std::ostream& err);

/// The folder of bare mirrors of remote repositories (`pacte audit URL`, `pacte batch`):
/// $XDG_CACHE_HOME/pacte/mirrors, else ~/.cache/pacte/mirrors, else a temporary folder.
std::string default_cache_dir();

/// The `--cache DIR` given, else $PACTE_CACHE_DIR, else empty (no result cache; URL mirrors
/// then go to default_cache_dir()).
std::string cache_dir_or_env(const std::string& given);

/// Creates DIR/results (the result cache of `--cache DIR`) and checks that it can be written;
/// returns an error message naming DIR, empty when it can.
std::string result_cache_problem(const std::string& dir);

/// Resolves --lang; returns false (and writes a message) on an unknown language.
bool parse_lang(const std::string& s, Lang& lang, std::ostream& err);

/// Turns the options of `audit` (and `batch`) into `cmd.audit`: the language, the size limit
/// and where each format goes (`cmd.targets`). Returns false (and writes a message) when one
/// is not valid, or when an output would overwrite an input or another output.
bool finish_audit_options(AuditCommand& cmd, std::ostream& err);

/// The part of `finish_audit_options` that fills `cmd.targets` from `--format`, `--output`
/// and `--output-dir`.
bool resolve_outputs(AuditCommand& cmd, std::ostream& err);

/// The rule catalogue as JSON (what `pacte rules --format json` prints).
nlohmann::json rules_catalog(const RuleSet& rules);

/// Reads a JSON report written by `pacte audit --format json` (or `pacte batch`) from `path`.
/// Returns false, after an error naming the file, when it cannot be read, is not JSON or is not
/// a pacte report.
bool read_report_file(const std::string& path, nlohmann::json& report, std::ostream& err);

/// Prints an error in the standard shape ("pacte: ...") and returns exit code 2.
int usage_error(std::ostream& err, const std::string& message);

/// For a command that edits or fills from a charter that does not validate: prints each of its
/// problems (file:line:col), says nothing was written, and returns exit code 2.
int charter_not_valid(std::ostream& err, const CharterInvalid& e, const std::string& charter_path, Lang lang);

/// Subcommands.
struct ValidateCommand {
  std::string charter;
  std::string lang = "en";
  std::vector<std::string> rules;  // --rules: extra rule modules, for the waivers' rule ids
  bool strict = false;             // --strict: warnings (an unknown waiver rule...) are errors
};
int run_validate(const ValidateCommand& cmd, std::ostream& out, std::ostream& err);

struct ExplainCommand {
  std::string rule;
  std::string lang = "en";
  std::vector<std::string> rules;
  bool no_default_rules = false;
};
int run_explain(const ExplainCommand& cmd, std::ostream& out, std::ostream& err);

struct RulesCommand {
  std::string format = "text";
  std::string lang = "en";
  std::vector<std::string> rules;
  bool no_default_rules = false;
  bool primitives = false;
  /// `--docs DIR`: write one help page per rule (DIR/<ID>.md, both languages) and DIR/README.md.
  std::string docs_dir;
};
int run_rules(const RulesCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace pacte::cli
