// pacte validate: schema-check a charter, every error at file:line:col.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include <filesystem>
#include <fstream>

#include "checks/base/vocabulary.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/policy.hpp"
#include "checks/engine/rules.hpp"
#include "cli/commands.hpp"

namespace pacte::cli {

void add_validate_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<ValidateCommand>();
  auto* validate = app.add_subcommand("validate", "Check a charter against the schema; errors at file:line:col");
  validate->add_option("charter", cmd->charter, "Charter file (default: pacte.yml, .pacte.yml or .github/pacte.yml here)");
  validate->add_option("--lang", cmd->lang, "Language of messages: en or fr");
  validate->add_option("--rules", cmd->rules, "Extra rule module file or folder (repeatable): their rule ids may be waived");
  validate->add_flag("--strict", cmd->strict, "Warnings are errors (exit 2): an unknown key, a waiver of a rule that does not exist");
  validate->footer("Examples:\n  pacte validate\n  pacte validate path/to/pacte.yml\n  pacte validate --strict --rules local-rules.yml");
  subs.push_back({validate, [cmd, &out, &err] { return run_validate(*cmd, out, err); }});
}

int run_validate(const ValidateCommand& cmd, std::ostream& out, std::ostream& err) {
  Lang lang;
  if (!parse_lang(cmd.lang, lang, err)) return 2;
  std::string path = cmd.charter;
  if (path.empty()) {
    for (const auto& loc : charter_locations())
      if (std::filesystem::exists(loc)) {
        path = loc;
        break;
      }
    if (path.empty()) return usage_error(err, std::string(label(L::no_charter_here, lang)));
  }
  auto say = [lang](L id, const std::string& arg) { return fmt::format(fmt::runtime(label(id, lang)), arg); };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return usage_error(err, say(L::is_a_folder, path));
  std::ifstream in(path, std::ios::binary);
  if (!in) return usage_error(err, say(L::cannot_read_file, path));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string colon = lang == Lang::fr ? "\u00A0: " : ": ";
  try {
    Charter c = load_charter(text, path, audit_now(), lang);
    {
      // A waiver of a rule id that no rule in force has waives nothing (a typo, most often).
      const RuleSet rules = load_rules(cmd.rules, false);
      std::vector<std::string> rule_ids;
      for (const auto& rule : rules.rules) rule_ids.push_back(rule.id);
      warn_unknown_waivers(c, rule_ids, lang);
      // The policy: red lines (a critical rule disabled or re-graded), unknown rule ids.
      check_policy(c, rules, lang);
    }
    if (cmd.strict && !c.warnings.empty()) {
      for (const auto& w : c.warnings) err << w << "\n";
      err << "pacte: " << counted(c.warnings.size(), L::charter_one_error, L::charter_many_errors, lang) << " (--strict)\n";
      return 2;
    }
    for (const auto& w : c.warnings) err << label(L::warning, lang) << colon << w << "\n";
    out << say(L::valid_charter, path) << "\n";
    return 0;
  } catch (const CharterInvalid& e) {
    for (const auto& p : e.problems()) err << p << "\n";
    err << "pacte: " << counted(e.problems().size(), L::charter_one_error, L::charter_many_errors, lang) << "\n";
    return 2;
  } catch (const InputError& e) {
    return usage_error(err, e.what());
  }
}

}  // namespace pacte::cli
