// Parses the command line with CLI11 and dispatches to the subcommands.
#include "cli/commands.hpp"
#include "cli/batch.hpp"
#include "cli/init.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace pacte::cli {

int usage_error(std::ostream& err, const std::string& message) {
  err << "pacte: " << message << "\n";
  return 2;
}

int charter_not_valid(std::ostream& err, const CharterInvalid& e, const std::string& charter_path, Lang lang) {
  for (const auto& p : e.problems()) err << p << "\n";
  return usage_error(err, Text{charter_path + ": the charter is not valid; fix it first (nothing was written)",
                               charter_path + "\u00A0: la charte n'est pas valide\u00A0; corrigez-la d'abord (rien n'a été écrit)"}
                              .in(lang));
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

std::string default_cache_dir() {
  namespace fs = std::filesystem;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return (fs::path(x) / "pacte" / "mirrors").string();
  if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".cache" / "pacte" / "mirrors").string();
  return (fs::temp_directory_path() / "pacte-mirrors").string();
}

std::string cache_dir_or_env(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("PACTE_CACHE_DIR"); env && *env) return env;
  return {};
}

std::string result_cache_problem(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path results = fs::path(dir) / "results";
  fs::create_directories(results, ec);
  if (ec) return dir + ": cannot create the cache folder " + results.string() + " (" + ec.message() + "); give a writable --cache DIR";
  if (::access(results.c_str(), W_OK | X_OK) != 0)
    return dir + ": the cache folder " + results.string() + " is not writable; give a writable --cache DIR";
  return {};
}

bool finish_audit_options(AuditCommand& cmd, std::ostream& err) {
  if (!parse_lang(cmd.lang, cmd.audit.lang, err)) return false;
  cmd.audit.max_file_size = cmd.max_file_size_mb << 20;
  // A time limit is a number of seconds, 0 for none; "nan" and "inf" are not.
  if (!std::isfinite(cmd.timeout_seconds) || cmd.timeout_seconds < 0) {
    usage_error(err, "--timeout: give a number of seconds (0 for no limit)");
    return false;
  }
  return resolve_outputs(cmd, err);
}

namespace {

/// Whether two paths name the same file: the same existing file, or the same path once made
/// absolute and normalised (for files not written yet).
bool same_target(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  if (same_file(a, b)) return true;
  // Devices, pipes and /dev/stdout are written through: two outputs may share one.
  for (const auto& p : {a, b}) {
    std::error_code ec;
    auto st = std::filesystem::status(p, ec);
    if (!ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) return false;
  }
  std::error_code ec1, ec2;
  auto ca = std::filesystem::weakly_canonical(std::filesystem::absolute(a, ec1), ec1);
  auto cb = std::filesystem::weakly_canonical(std::filesystem::absolute(b, ec2), ec2);
  return !ec1 && !ec2 && ca == cb;
}

}  // namespace

bool resolve_outputs(AuditCommand& cmd, std::ostream& err) {
  cmd.targets.clear();
  // The formats asked for, in order, each once.
  std::vector<const ReportFormat*> wanted;
  std::string list = cmd.format;
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t comma = list.find(',', start);
    std::string name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? list.size() + 1 : comma + 1;
    const ReportFormat* f = find_report_format(name);
    if (!f) {
      usage_error(err, "--format: unknown format '" + name + "'; use " + format_names_in_words(report_format_names()) +
                           ", or several separated by commas");
      return false;
    }
    if (std::find(wanted.begin(), wanted.end(), f) == wanted.end()) wanted.push_back(f);
  }
  // --output FORMAT=FILE names its format; a plain --output FILE takes the one --format.
  std::vector<std::string> plain;
  for (const auto& o : cmd.outputs) {
    auto eq = o.find('=');
    const ReportFormat* f = eq == std::string::npos ? nullptr : find_report_format(std::string_view(o).substr(0, eq));
    if (!f) {
      plain.push_back(o);
      continue;
    }
    if (eq + 1 == o.size()) {
      usage_error(err, "--output " + o + ": give a file after '='");
      return false;
    }
    for (const auto& t : cmd.targets)
      if (t.format == f) {
        usage_error(err, "--output " + o + ": the " + std::string(f->name) + " report has a file already");
        return false;
      }
    cmd.targets.push_back({f, o.substr(eq + 1)});
  }
  std::vector<const ReportFormat*> rest;
  for (const auto* f : wanted)
    if (std::none_of(cmd.targets.begin(), cmd.targets.end(), [&](const auto& t) { return t.format == f; })) rest.push_back(f);
  if (plain.size() > 1 || (plain.size() == 1 && rest.size() != 1)) {
    usage_error(err, "--output FILE takes the one --format; with several formats, write --output FORMAT=FILE for each, or --output-dir DIR");
    return false;
  }
  if (!cmd.output_dir.empty()) {
    if (!plain.empty()) {
      usage_error(err, "--output FILE and --output-dir DIR: choose one; --output FORMAT=FILE may go with --output-dir");
      return false;
    }
    for (const auto* f : rest) cmd.targets.push_back({f, (std::filesystem::path(cmd.output_dir) / std::string("pacte-report").append(f->extension)).string()});
  } else if (plain.size() == 1) {
    cmd.targets.push_back({rest.front(), plain.front()});
  } else if (rest.size() > 1) {
    usage_error(err, "--format " + cmd.format + ": only one report can go to standard output; write --output FORMAT=FILE for the others, or --output-dir DIR");
    return false;
  } else if (rest.size() == 1) {
    cmd.targets.push_back({rest.front(), ""});  // standard output
  }
  // An output must never overwrite an input the same command reads, nor another output.
  for (std::size_t i = 0; i < cmd.targets.size(); ++i) {
    const std::string& path = cmd.targets[i].path;
    if (path.empty()) continue;
    if (same_target(path, cmd.audit.charter_file)) {
      usage_error(err, path + ": --output names the --charter file; write the report elsewhere");
      return false;
    }
    if (same_target(path, cmd.baseline)) {
      usage_error(err, path + ": --output names the --baseline report; write the report elsewhere");
      return false;
    }
    for (std::size_t j = 0; j < i; ++j)
      if (same_target(path, cmd.targets[j].path)) {
        usage_error(err, path + ": two reports would be written to this file; give each format its own file");
        return false;
      }
  }
  bool badge_clash = same_target(cmd.badge, cmd.audit.charter_file) || same_target(cmd.badge, cmd.baseline);
  for (const auto& t : cmd.targets) badge_clash = badge_clash || same_target(cmd.badge, t.path);
  if (badge_clash) {
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
  add_scaffold_command(app, subs, out, err);
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
