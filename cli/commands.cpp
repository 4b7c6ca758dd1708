// Parses the command line with CLI11 and dispatches to the subcommands.
#include "cli/commands.hpp"
#include "cli/batch.hpp"
#include "cli/init.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
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

bool finish_audit_options(AuditCommand& cmd, std::ostream& err) {
  if (!parse_lang(cmd.lang, cmd.audit.lang, err)) return false;
  cmd.audit.max_file_size = cmd.max_file_size_mb << 20;
  // A time limit is a number of seconds, 0 for none; "nan" and "inf" are not.
  if (!std::isfinite(cmd.timeout_seconds) || cmd.timeout_seconds < 0) {
    usage_error(err, "--timeout: give a number of seconds (0 for no limit)");
    return false;
  }
  // An output must never overwrite an input the same command reads.
  if (same_file(cmd.output, cmd.audit.charter_file)) {
    usage_error(err, cmd.output + ": --output names the --charter file; write the report elsewhere");
    return false;
  }
  if (same_file(cmd.output, cmd.baseline)) {
    usage_error(err, cmd.output + ": --output names the --baseline report; write the report elsewhere");
    return false;
  }
  if (same_file(cmd.badge, cmd.output) || same_file(cmd.badge, cmd.audit.charter_file) || same_file(cmd.badge, cmd.baseline)) {
    usage_error(err, cmd.badge + ": --badge names a file the command reads or writes already; give the badge its own file");
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

  // Every subcommand registers itself; keep this list in the order of `pacte --help`.
  std::vector<Subcommand> subs;
  add_audit_command(app, subs, out, err);
  add_validate_command(app, subs, out, err);
  add_explain_command(app, subs, out, err);
  add_rules_command(app, subs, out, err);
  add_diff_command(app, subs, out, err);
  add_render_command(app, subs, out, err);
  add_batch_command(app, subs, out, err);
  add_merge_command(app, subs, out, err);
  add_init_command(app, subs, out, err);
  add_completion_command(app, subs, out, err);  // hidden: completion, man
  // (more subcommands are added here, one line each)

  std::vector<std::string> argv_rev(args.rbegin(), args.rend());
  argv_rev.pop_back();  // program name
  try {
    app.parse(argv_rev);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
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
    for (auto& sub : subs)
      if (sub.app->parsed()) return sub.run();
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
