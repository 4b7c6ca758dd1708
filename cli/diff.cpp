// pacte diff OLD.json NEW.json: what got better, what got worse; exit 1 when worse.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/formats/formats.hpp"

namespace pacte::cli {

namespace {

struct DiffCommand {
  std::string old_report, new_report;
  std::string format = "text";
  std::string lang = "en";
};

int run_diff(const DiffCommand& cmd, std::ostream& out, std::ostream& err) {
  Lang lang;
  if (!parse_lang(cmd.lang, lang, err)) return 2;
  nlohmann::json a, b;
  if (!read_report_file(cmd.old_report, a, err) || !read_report_file(cmd.new_report, b, err)) return 2;
  ReportDiff d = diff_reports(a, b);
  if (cmd.format == "json") {
    out << diff_to_json(d).dump(2) << "\n";
  } else {
    const char* no_color = std::getenv("NO_COLOR");
    bool color = &out == &std::cout && ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
    out << render_diff(d, lang, color);
  }
  return diff_got_worse(d) ? 1 : 0;
}

}  // namespace

void add_diff_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<DiffCommand>();
  auto* diff = app.add_subcommand("diff", "Compare two JSON reports: score per principle, new and fixed findings");
  diff->add_option("old", cmd->old_report, "Earlier report (--format json)")->required();
  diff->add_option("new", cmd->new_report, "Later report (--format json)")->required();
  diff->add_option("--format", cmd->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  diff->add_option("--lang", cmd->lang, "Language: en or fr");
  diff->footer("Exit code 1 when something got worse (a new failure, a lower score, a worse verdict).\n"
               "Examples:\n  pacte diff main.json branch.json\n  pacte diff old.json new.json --format json");
  subs.push_back({diff, [cmd, &out, &err] { return run_diff(*cmd, out, err); }});
}

}  // namespace pacte::cli
