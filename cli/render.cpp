// pacte render REPORT.json: a JSON report written again in any format and either language,
// without auditing again (the report carries its rule catalogue and both languages).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "checks/base/output_file.hpp"
#include "cli/commands.hpp"
#include "cli/formats/registry.hpp"

namespace pacte::cli {

namespace {

/// Options of `pacte render`.
struct RenderCommand {
  std::string report;
  std::string format = "text";
  std::string lang;  // empty: the report's own language
  std::string output;
};

int run_render(const RenderCommand& cmd, std::ostream& out, std::ostream& err) {
  nlohmann::json report;
  if (!read_report_file(cmd.report, report, err)) return 2;
  Lang lang = report.contains("lang") && report["lang"] == "fr" ? Lang::fr : Lang::en;
  if (!cmd.lang.empty() && !parse_lang(cmd.lang, lang, err)) return 2;
  const ReportFormat* format = find_report_format(cmd.format);
  if (!format) return usage_error(err, "--format: unknown format '" + cmd.format + "'; use " + format_names_in_words(report_format_names()));
  const char* no_color = std::getenv("NO_COLOR");
  bool color = cmd.output.empty() && &out == &std::cout && ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
  try {
    write_output(cmd.output, render_report_in(*format, report, lang, color), out);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  return 0;
}

}  // namespace

bool read_report_file(const std::string& path, nlohmann::json& report, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    usage_error(err, path + ": cannot read the report");
    return false;
  }
  try {
    report = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    usage_error(err, path + ": not JSON (" + std::string(e.what()) + "); give reports written with --format json");
    return false;
  }
  if (!report.is_object() || !report.contains("results") || !report["results"].is_array() || !report.contains("principles") ||
      !report["principles"].is_object()) {
    usage_error(err, path + ": not a pacte JSON report; give reports written with --format json");
    return false;
  }
  return true;
}

void add_render_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<RenderCommand>();
  auto* sub = app.add_subcommand("render", "Write a JSON report again, in another format or language");
  sub->add_option("report", cmd->report, "Report written with --format json")->required();
  sub->add_option("--format", cmd->format, format_names_in_words(report_format_names()))->check(CLI::IsMember(report_format_names()));
  sub->add_option("--lang", cmd->lang, "Report language: en or fr (default: the report's own)");
  sub->add_option("--output,-o", cmd->output, "Write to FILE (atomically) instead of standard output");
  sub->footer("The report carries its rule catalogue and its messages in both languages, so nothing is audited again.\n"
              "Examples:\n  pacte render report.json --format html --output report.html\n"
              "  pacte render rapport.json --lang en\n  pacte render report.json --format sarif --output pacte.sarif");
  subs.push_back({sub, [cmd, &out, &err] { return run_render(*cmd, out, err); }});
}

}  // namespace pacte::cli
