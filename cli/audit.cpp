// pacte audit: options, the gate (--fail-under, --fail-on), output and exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <new>
#include <algorithm>
#include <optional>
#include <thread>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "checks/base/output_file.hpp"
#include "checks/base/url.hpp"
#include "checks/batch/batch_list.hpp"
#include "checks/batch/mirror.hpp"
#include "checks/base/vocabulary.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/facts.hpp"
#include "checks/engine/gate.hpp"
#include "checks/engine/policy.hpp"
#include "checks/engine/trend.hpp"
#include "cli/commands.hpp"
#include "cli/formats/formats.hpp"
#include "cli/formats/registry.hpp"

namespace pacte::cli {

void add_audit_options(CLI::App& app, AuditCommand& cmd, bool with_path) {
  if (with_path)
    app.add_option("path", cmd.audit.path,
                   "Working copy, folder inside one, bare repository, or git URL (https://, ssh://, git://, file://, user@host:path) "
                   "mirrored into --cache (default: .)");
  app.add_option("--rev", cmd.audit.rev, "Commit to audit (default HEAD), read from the object database");
  app.add_option("--charter", cmd.audit.charter_file, "Charter file to use instead of the one in the tree");
  app.add_option("--rules", cmd.rules, "Extra rule module file or folder (repeatable)");
  app.add_flag("--no-default-rules", cmd.no_default_rules, "Leave out the built-in rule modules");
  {
    // The choices in braces, as CLI11's IsMember writes them (shell completion reads them);
    // the value itself may list several, which resolve_outputs checks.
    std::string choices;
    for (const auto& n : report_format_names()) choices += (choices.empty() ? "" : ",") + n;
    app.add_option("--format", cmd.format,
                   format_names_in_words(report_format_names()) + "; several separated by commas (json,sarif,html) with --output FORMAT=FILE or --output-dir")
        ->type_name("{" + choices + "}");
  }
  if (with_path) {
    app.add_option("--output,-o", cmd.outputs,
                   "Write the report to FILE (atomically) instead of standard output; FORMAT=FILE (repeatable) writes one file per format "
                   "in the same run")
        ->type_name("[FORMAT=]FILE");
    app.add_option("--output-dir", cmd.output_dir, "Write each --format to DIR/pacte-report.<ext> (created if missing)");
    app.add_option("--trend", cmd.trend,
                   "Also audit earlier revisions and show the score over time: tags (every tag reachable from --rev, oldest first, "
                   "at most 60), monthly (the end of each of the last 12 months), or N (N commits evenly spaced back from --rev); "
                   "older revisions are audited as of their commit date, each with its own charter")
        ->type_name("{tags,monthly,N}");
    app.add_option("--cache", cmd.cache_dir,
                   "Cache folder (default: $PACTE_CACHE_DIR): results per file content and commit in DIR/results, so a "
                   "re-audit reads only what changed; and bare mirrors for a URL (default: ~/.cache/pacte/mirrors, shared with batch)");
    app.add_option("--jobs,-j", cmd.jobs,
                   "Threads of the audit: the history is walked while the files are scanned, on N threads (default: the number of "
                   "cores; 1: one thread)")
        ->check(CLI::Range(1u, 256u));
  } else {
    app.add_option("--output,-o", cmd.outputs, "Not for a batch: use --out DIR");
  }
  app.add_option("--lang", cmd.lang, "Report language: en or fr");
  app.add_option("--fail-under", cmd.gate.fail_under, "Exit 1 when the score is below SCORE (default: the charter's policy.gate)")
      ->check(CLI::Range(0.0, 100.0))
      ->each([&cmd](const std::string&) { cmd.fail_under_given = true; });
  app.add_option("--fail-on", cmd.gate.fail_on,
                 "Exit 1 when a rule of this severity or worse fails: critical, high, medium, low, never (default: the charter's policy.gate, "
                 "else never)")
      ->check(CLI::IsMember({"critical", "high", "medium", "low", "never"}))
      ->each([&cmd](const std::string&) { cmd.fail_on_given = true; });
  app.add_option("--baseline", cmd.baseline, "Earlier JSON report: gate only on failures that are new since");
  app.add_option("--badge", cmd.badge, "Also write an SVG badge with the score and verdict to FILE");
  app.add_flag("--worktree", cmd.audit.worktree, "Audit the files on disk (uncommitted changes included), not a commit");
  app.add_flag("--quiet,-q", cmd.quiet, "Print nothing but errors; the exit code says the result");
  app.add_option("--signatures", cmd.audit.evidence.signature_files,
                 "Extra tracker signatures: pacte YAML or the Exodus Privacy JSON export (repeatable)");
  app.add_option("--license-data", cmd.audit.evidence.license_data_dir, "SPDX license-list-data folder for full-text licence matching");
  app.add_option("--max-file-size", cmd.max_file_size_mb,
                 "Largest file loaded whole, in MiB (default 16); larger files are scanned for trackers as they "
                 "stream, and reported as unread by the checks that need them whole")
      ->check(CLI::Range(1, 4096));
  app.add_option("--max-matches", cmd.audit.evidence.max_evidence, "Evidence kept per rule (default 50)")->check(CLI::Range(1, 100000));
  app.add_option("--timeout", cmd.timeout_seconds,
                 with_path ? "Stop the audit after SECONDS and exit 2 (default 0: no limit)"
                           : "Time limit per repository, in seconds, fetching included (default 0: no limit)");
}

void add_audit_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<AuditCommand>();
  auto* audit = app.add_subcommand("audit", "Audit one repository and write a scored report");
  add_audit_options(*audit, *cmd, true);
  audit->footer("Examples:\n  pacte audit . --fail-on high\n  pacte audit . --trend monthly --format html --output trend.html\n  pacte audit /srv/mirrors/service.git --rev v2.0 --format json --output report.json\n"
                "  pacte audit --worktree --lang fr\n  pacte audit --format sarif --output pacte.sarif --baseline main-report.json");
  subs.push_back({audit, [cmd, &out, &err] { return run_audit(*cmd, out, err); }});
}

int run_audit(AuditCommand& cmd, std::ostream& out, std::ostream& err) {
  if (!finish_audit_options(cmd, err)) return 2;
  // --cache DIR (or $PACTE_CACHE_DIR): URL mirrors and the result cache (DIR/results).
  cmd.cache_dir = cache_dir_or_env(cmd.cache_dir);
  if (!cmd.cache_dir.empty()) {
    if (std::string problem = result_cache_problem(cmd.cache_dir); !problem.empty()) return usage_error(err, problem);
    cmd.audit.result_cache_dir = cmd.cache_dir;
  }
  if (cmd.jobs == 0) cmd.jobs = std::max(1u, std::thread::hardware_concurrency());
  cmd.audit.jobs = cmd.jobs;
  const Lang lang = cmd.audit.lang;
  std::optional<TrendSpec> trend;
  if (!cmd.trend.empty()) {
    std::string why;
    trend = parse_trend_spec(cmd.trend, why);
    if (!trend) return usage_error(err, why);
    // Earlier revisions are commits: the files on disk have no history to go back through.
    if (cmd.audit.worktree)
      return usage_error(err, "--trend audits earlier commits and --worktree the files on disk: use one or the other");
  }
  // The tracker database builds on another core while the rules load and the tree is read.
  auto data_ready = prepare_audit_data();
  nlohmann::json baseline;
  if (!cmd.baseline.empty()) {
    std::ifstream in(cmd.baseline, std::ios::binary);
    if (!in) return usage_error(err, cmd.baseline + ": cannot read the baseline report");
    try {
      baseline = nlohmann::json::parse(in);
      // A pacte report: its version, and results that each name a rule and a status. Anything
      // else (a SARIF file, a batch summary, `{"results": 1}`) would gate on nothing.
      bool is_report = baseline.is_object() && baseline.contains("pacte_version") && baseline["pacte_version"].is_string() &&
                       baseline.contains("results") && baseline["results"].is_array();
      if (is_report)
        for (const auto& r : baseline["results"])
          is_report = is_report && r.is_object() && r.contains("rule") && r["rule"].is_string() && r.contains("status") &&
                      r["status"].is_string();
      if (!is_report) throw std::runtime_error("no pacte_version, or results that are not rule results");
    } catch (const std::exception& e) {
      return usage_error(err, cmd.baseline + ": not a pacte JSON report (" + std::string(e.what()) + "); make one with --format json");
    }
  }
  nlohmann::json report;
  RuleSet rules;
  // A URL is mirrored into the cache (as `pacte batch` does) and the mirror is audited: the
  // only network connection pacte makes, and only to the URL given. Credentials in the URL are
  // never printed nor kept in the report.
  std::string remote_url;
  if (batch::is_remote(cmd.audit.path)) {
    remote_url = redact_credentials(cmd.audit.path);
    if (cmd.audit.worktree) return usage_error(err, remote_url + ": a remote repository has no working tree; audit it without --worktree");
    batch::MirrorOptions mo;
    mo.cache_dir = cmd.cache_dir.empty() ? default_cache_dir() : cmd.cache_dir;
    mo.deadline = cmd.audit.deadline = Deadline::after(cmd.timeout_seconds);
    std::error_code ec;
    std::filesystem::create_directories(mo.cache_dir, ec);
    if (ec) return usage_error(err, mo.cache_dir + ": cannot create the mirror cache (" + ec.message() + "); give a writable --cache DIR");
    if (!cmd.quiet) err << "pacte: fetching " << remote_url << " into " << mo.cache_dir << "\n";
    batch::MirrorResult m = batch::update_mirror(cmd.audit.path, mo);
    if (!m.error.empty())
      return usage_error(err, m.timed_out ? remote_url + ": timed out after --timeout " + fmt::format("{:g}", cmd.timeout_seconds) +
                                                " s while fetching; nothing was audited"
                                          : m.error);
    cmd.audit.path = m.path;
    cmd.audit.source_url = remote_url;
  }
  try {
    rules = load_rules(cmd.rules, cmd.no_default_rules);
    if (rules.rules.empty()) return usage_error(err, "no rule in force: --no-default-rules needs --rules");
    // One time limit for the fetch and the audit together.
    if (remote_url.empty()) cmd.audit.deadline = Deadline::after(cmd.timeout_seconds);
    report = trend ? run_trend_audit(cmd.audit, rules, *trend) : run_audit(cmd.audit, rules);
  } catch (const TimeLimitExceeded& e) {
    return usage_error(err, cmd.audit.path + ": the audit did not finish within --timeout " + fmt::format("{:g}", e.seconds) +
                                " s; nothing was reported (raise --timeout)");
  } catch (const CharterInvalid& e) {
    for (const auto& p : e.problems()) err << p << "\n";
    err << "pacte: the charter is not valid; nothing was audited. Fix the errors above ('pacte validate' checks it).\n";
    return 2;
  } catch (const InputError& e) {
    return usage_error(err, e.what());
  } catch (const AuditError& e) {
    return usage_error(err, e.what());
  } catch (const std::bad_alloc&) {
    return usage_error(err, "out of memory while auditing " + cmd.audit.path +
                                "; nothing was reported (lower --max-file-size, or give the audit more memory)");
  }
  if (!baseline.is_null()) report = mark_new_findings(report, baseline);
  for (const auto& w : report["charter"]["warnings"])
    if (!cmd.quiet) err << "warning: " << w.get<std::string>() << "\n";
  for (const auto& e : report["charter"]["errors"])
    if (!cmd.quiet) err << "warning: " << e.get<std::string>() << "\n";
  // One run, every format asked for: each file is written whole (atomically), standard output
  // last so that a reader of the log sees it after the files exist.
  const ReportFormat* to_stdout = nullptr;
  try {
    if (!cmd.output_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(cmd.output_dir, ec);
      if (ec) return usage_error(err, cmd.output_dir + ": cannot create the --output-dir folder (" + ec.message() + ")");
    }
    for (const auto& t : cmd.targets) {
      if (t.path.empty()) {
        to_stdout = t.format;
        continue;
      }
      write_output(t.path, render_report_in(*t.format, report, lang, false), out);
    }
    if (!cmd.badge.empty()) write_output(cmd.badge, render_badge_svg(report, lang), out);
    if (to_stdout && !cmd.quiet) {
      const char* no_color = std::getenv("NO_COLOR");
      bool color = ::isatty(STDOUT_FILENO) && &out == &std::cout && !(no_color && *no_color);
      write_output("", render_report_in(*to_stdout, report, lang, color), out);
    }
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  // GitHub reads workflow commands from the job log; keep them out of a JSON/XML stream.
  if (const char* gha = std::getenv("GITHUB_ACTIONS"); gha && std::string(gha) == "true" && !cmd.quiet)
    (to_stdout && to_stdout->name != "text" ? err : out) << github_annotations(report, lang);
  std::string why;
  if (!passes_gate(report, gate_with_policy(report, cmd.gate, cmd.fail_under_given, cmd.fail_on_given), why)) {
    if (!cmd.quiet) err << "pacte: " << why << "\n";
    return 1;
  }
  return 0;
}

}  // namespace pacte::cli
