// Parses the command line with CLI11 and dispatches to the subcommands.
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>

namespace pacte::cli {

int usage_error(std::ostream& err, const std::string& message) {
  err << "pacte: " << message << "\n";
  return 2;
}

bool parse_lang(const std::string& s, Lang& lang, std::ostream& err) {
  if (s == "en") lang = Lang::en;
  else if (s == "fr") lang = Lang::fr;
  else {
    err << "pacte: --lang: unknown language '" << s << "'; use en or fr\n";
    return false;
  }
  return true;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"pacte audits a digital public service against the Pacte service public citoyen:\n"
               "openness, neutrality, continuity and equal access. It reads the team's charter\n"
               "(pacte.yml) and the git repository, runs rule modules and writes a scored report.",
               "pacte"};
  app.set_version_flag("--version", std::string("pacte ") + pacte_version());
  app.require_subcommand(1);
  app.footer("Examples:\n  pacte audit                       audit the repository here\n"
             "  pacte audit ../service --format html --output report.html\n"
             "  pacte validate pacte.yml\n  pacte explain NEUT-AD-SDK --lang fr\n\n"
             "Exit codes: 0 passed the gate, 1 failed the gate, 2 nothing audited (bad input), 3 batch: some repositories failed.");

  AuditCommand audit_cmd;
  auto* audit = app.add_subcommand("audit", "Audit one repository and write a scored report");
  add_audit_options(*audit, audit_cmd, true);
  audit->footer("Examples:\n  pacte audit . --fail-on high\n  pacte audit /srv/mirrors/service.git --rev v2.0 --format json --output report.json\n"
                "  pacte audit --worktree --lang fr\n  pacte audit --format sarif --output pacte.sarif --baseline main-report.json");

  ValidateCommand validate_cmd;
  auto* validate = app.add_subcommand("validate", "Check a charter against the schema; errors at file:line:col");
  validate->add_option("charter", validate_cmd.charter, "Charter file (default: pacte.yml, .pacte.yml or .github/pacte.yml here)");
  validate->add_option("--lang", validate_cmd.lang, "Language of messages: en or fr");
  validate->footer("Examples:\n  pacte validate\n  pacte validate path/to/pacte.yml");

  ExplainCommand explain_cmd;
  auto* explain = app.add_subcommand("explain", "Why a rule exists, how it is checked, how to fix it");
  explain->add_option("rule", explain_cmd.rule, "Rule id, e.g. NEUT-AD-SDK")->required();
  explain->add_option("--lang", explain_cmd.lang, "Language: en or fr");
  explain->add_option("--rules", explain_cmd.rules, "Extra rule module file or folder (repeatable)");
  explain->add_flag("--no-default-rules", explain_cmd.no_default_rules, "Leave out the built-in rules");
  explain->footer("Examples:\n  pacte explain CONT-BUS-FACTOR\n  pacte explain NEUT-AD-SDK --lang fr");

  RulesCommand rules_cmd;
  auto* rules = app.add_subcommand("rules", "List the rules in force, by principle");
  rules->add_option("--format", rules_cmd.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  rules->add_option("--lang", rules_cmd.lang, "Language: en or fr");
  rules->add_option("--rules", rules_cmd.rules, "Extra rule module file or folder (repeatable)");
  rules->add_flag("--no-default-rules", rules_cmd.no_default_rules, "Leave out the built-in rules");
  rules->add_flag("--primitives", rules_cmd.primitives, "List the check primitives rule modules can use");
  rules->footer("Examples:\n  pacte rules\n  pacte rules --format json --rules my-rules/");

  std::vector<std::string> argv_rev(args.rbegin(), args.rend());
  argv_rev.pop_back();  // program name
  try {
    app.parse(argv_rev);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    if (auto* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front()) (void)sub;
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << "pacte " << pacte_version() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    std::ostringstream msg;
    msg << e.what();
    err << "pacte: " << msg.str() << "\n";
    err << "Run 'pacte --help' (or 'pacte COMMAND --help') for usage.\n";
    return 2;
  }
  try {
    if (audit->parsed()) return run_audit(audit_cmd, out, err);
    if (validate->parsed()) return run_validate(validate_cmd, out, err);
    if (explain->parsed()) return run_explain(explain_cmd, out, err);
    if (rules->parsed()) return run_rules(rules_cmd, out, err);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  return usage_error(err, "no command given; run 'pacte --help'");
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  return run(args, std::cout, std::cerr);
}

}  // namespace pacte::cli
