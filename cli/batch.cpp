// pacte batch: audit every repository of a LIST file or a folder, in parallel, and write one
// report per repository plus summary.csv, summary.json and index.html.
#include "cli/batch.hpp"
#include "checks/engine/facts.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <future>
#include <system_error>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "checks/base/input_file.hpp"
#include "checks/batch/output_lock.hpp"
#include "checks/batch/runner.hpp"
#include "checks/engine/facts.hpp"
#include "checks/batch/summary.hpp"
#include "cli/formats/formats.hpp"
#include "cli/formats/registry.hpp"

namespace pacte::cli {

namespace fs = std::filesystem;

std::vector<batch::SummaryRow> read_previous_run(const std::string& folder) {
  const std::string hint = "; --previous takes the --out folder of an earlier 'pacte batch' (it holds summary.json)";
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw std::runtime_error(folder + ": no such folder" + hint);
  fs::path file = fs::path(folder) / "summary.json";
  if (!fs::exists(fs::symlink_status(file, ec))) throw std::runtime_error(folder + ": not a pacte batch output (no summary.json)" + hint);
  std::vector<batch::SummaryRow> rows;
  try {
    nlohmann::json doc =
        nlohmann::json::parse(read_file_capped(file.string(), batch::kMaxReportBytes, "the summary", LinkPolicy::no_follow), nullptr, false);
    if (doc.is_discarded() || !batch::is_summary_json(doc))
      throw std::runtime_error("not a pacte batch summary (not valid JSON, or no \"pacte_batch\" and \"rows\")");
    rows = batch::rows_from_summary_json(doc);
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + ": " + e.what() + hint);
  }
  // An older summary does not list the failed rules: its reports, when still there, do.
  for (auto& row : rows) {
    if (row.failed_rules_known || !row.audited() || row.report.empty()) continue;
    fs::path report = fs::path(folder) / row.report;
    if (!fs::exists(fs::symlink_status(report, ec))) continue;
    try {
      nlohmann::json doc = nlohmann::json::parse(
          read_file_capped(report.string(), batch::kMaxReportBytes, "the report", LinkPolicy::no_follow), nullptr, false);
      if (auto from_report = batch::row_from_batch_report(doc, row.report)) {
        row.failed_rules = from_report->failed_rules;
        row.failed_rules_known = true;
      }
    } catch (const std::exception&) {
      // An unreadable report leaves the list unknown: the comparison says so for this row.
    }
  }
  return rows;
}

void add_batch_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<BatchCommand>();
  auto* sub = app.add_subcommand("batch", "Audit many repositories: a LIST file or every repository in a folder");
  sub->add_option("list", cmd->input, "LIST file (one repository per line) or folder of repositories")->required();
  sub->add_option("--out", cmd->out_dir, "Folder for the reports and summaries (default: pacte-reports)");
  sub->add_option("--shard", cmd->shard, "Audit only share I of N (1-based) of the list, e.g. 2/8");
  sub->add_flag("--resume", cmd->resume, "Skip repositories whose report in --out is still current (same commit, charter, rules)");
  sub->add_option("--cache", cmd->cache_dir,
                  "Cache folder (default: $PACTE_CACHE_DIR): results per file content and commit in DIR/results, shared by the jobs; "
                  "and bare mirrors of remote repositories (default: ~/.cache/pacte/mirrors)");
  sub->add_option("--retries", cmd->retries, "Network retries per remote repository (default 2)")->check(CLI::Range(0, 20));
  sub->add_option("--retry-wait", cmd->backoff_seconds, "Seconds before the first retry, doubled each time (default 1)")
      ->check(CLI::Range(0.0, 600.0));
  sub->add_option("--previous", cmd->previous,
                  "A previous run's --out folder: show each repository's change since then (score, verdict, new and fixed failures)");
  sub->add_option("--jobs,-j", cmd->jobs, "Repositories audited at once (default: the number of cores)")->check(CLI::NonNegativeNumber);
  add_audit_options(*sub, cmd->audit, false);
  sub->footer(
      "LIST syntax: one repository per line, '#' starts a comment:\n"
      "  LOCATION [charter=PATH] [rev=REV]\n"
      "LOCATION is a path (working copy or bare mirror, relative to the LIST file) or a git URL\n"
      "(https://, ssh://, git://, file://, user@host:path); URLs are mirrored into --cache.\n\n"
      "Writes, in --out: <name>-<hash>.json and .html per repository, summary.csv, summary.json,\n"
      "index.html. Exit codes: 0 all passed the gate, 1 some failed the gate, 2 nothing audited\n"
      "(bad input), 3 some repositories could not be audited.\n\n"
      "Examples:\n  pacte batch repos.txt --out reports --jobs 4 --fail-on critical\n"
      "  pacte batch /srv/mirrors --out reports --resume\n"
      "  pacte batch repos.txt --out reports-tue --previous reports-mon   # what changed since Monday\n"
      "  pacte batch repos.txt --shard 3/8 --out shard-3 && pacte merge shard-* --out reports");
  subs.push_back({sub, [cmd, &out, &err] { return run_batch(*cmd, out, err); }});
}

int run_batch(BatchCommand& cmd, std::ostream& out, std::ostream& err) {
  (void)out;
  AuditCommand& ac = cmd.audit;
  if (!ac.outputs.empty()) return usage_error(err, "batch: --output names one file; use --out DIR for the reports of a batch");
  if (ac.format.find(',') != std::string::npos)
    return usage_error(err, "batch: --format takes one format, written beside each repository's JSON and HTML reports");
  if (!ac.baseline.empty()) return usage_error(err, "batch: --baseline compares one repository; audit it with 'pacte audit'");
  if (!ac.badge.empty()) return usage_error(err, "batch: --badge names one file; audit the repository with 'pacte audit'");
  if (!finish_audit_options(ac, err)) return 2;
  const Lang lang = ac.audit.lang;
  // The built-in data is prepared on a thread while the list is read; a system that refuses
  // the thread only loses the head start (the data is built on first use).
  std::future<void> data_ready;
  try {
    data_ready = prepare_audit_data();
  } catch (const std::system_error&) {
  }

  // The previous run is read before anything is audited or written: a wrong folder costs
  // nothing, and --previous may name the --out folder itself (it is read before it is rewritten).
  std::optional<std::vector<batch::SummaryRow>> previous_rows;
  if (!cmd.previous.empty()) {
    try {
      previous_rows = read_previous_run(cmd.previous);
    } catch (const std::exception& e) {
      return usage_error(err, e.what());
    }
  }

  batch::Shard shard;
  if (!cmd.shard.empty()) {
    std::string why;
    if (!batch::parse_shard(cmd.shard, shard, why)) return usage_error(err, why);
  }

  RuleSet rules;
  std::vector<batch::BatchEntry> entries;
  std::vector<batch::UnreadableFolder> unreadable;
  try {
    rules = load_rules(ac.rules, ac.no_default_rules);
    if (rules.rules.empty()) return usage_error(err, "no rule in force: --no-default-rules needs --rules");
    std::error_code ec;
    if (fs::is_directory(cmd.input, ec)) {
      entries = batch::discover_repositories(cmd.input, &unreadable);
      if (entries.empty() && unreadable.empty())
        return usage_error(err, cmd.input + ": no repository found in this folder (working copies or bare repositories)");
    } else {
      // Capped while reading: /dev/zero or a runaway file is refused, not read into memory.
      std::string text = read_file_capped(cmd.input, batch::kMaxListBytes, "the LIST file");
      std::string list_dir = fs::absolute(cmd.input, ec).parent_path().string();
      entries = batch::parse_list(text, cmd.input, list_dir);
      if (entries.empty()) return usage_error(err, cmd.input + ": the list names no repository");
    }
  } catch (const InputError& e) {
    return usage_error(err, e.what());
  }

  // This shard's share, each list line once.
  std::vector<batch::BatchEntry> mine;
  std::set<std::string> seen;
  bool any_remote = false;
  for (auto& e : entries) {
    if (!shard.contains(e) || !seen.insert(e.key()).second) continue;
    any_remote = any_remote || e.remote;
    mine.push_back(std::move(e));
  }

  std::error_code ec;
  fs::create_directories(cmd.out_dir, ec);
  if (ec || !fs::is_directory(cmd.out_dir, ec))
    return usage_error(err, cmd.out_dir + ": cannot create the output folder; give a writable --out DIR");
  // One writer per output folder, for the whole run: a second batch into it is refused.
  std::optional<batch::OutputFolderLock> out_lock;
  try {
    out_lock.emplace(cmd.out_dir);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }

  batch::BatchOptions bo;
  bo.audit = ac.audit;
  bo.out_dir = cmd.out_dir;
  cmd.cache_dir = cache_dir_or_env(cmd.cache_dir);
  if (!cmd.cache_dir.empty()) {
    if (std::string problem = result_cache_problem(cmd.cache_dir); !problem.empty()) return usage_error(err, problem);
    bo.audit.result_cache_dir = cmd.cache_dir;
  }
  bo.cache_dir = cmd.cache_dir.empty() && any_remote ? default_cache_dir() : cmd.cache_dir;
  unsigned hw = std::thread::hardware_concurrency();
  bo.jobs = cmd.jobs > 0 ? static_cast<unsigned>(cmd.jobs) : (hw ? hw : 1);
  // Each job holds a whole audit in memory: more jobs than the machine can run only multiply
  // the memory. The cap is 4 per core (64 when the count of cores is unknown).
  const unsigned max_jobs = hw ? 4 * hw : 64;
  if (bo.jobs > max_jobs) {
    err << "pacte: warning: --jobs " << bo.jobs << " is more than 4 per core on this machine (" << (hw ? hw : 0)
        << " cores); running " << max_jobs << " jobs\n";
    bo.jobs = max_jobs;
  }
  bo.resume = cmd.resume;
  bo.timeout_seconds = ac.timeout_seconds;
  bo.retries = cmd.retries;
  bo.backoff = std::chrono::milliseconds(static_cast<long long>(cmd.backoff_seconds * 1000));
  bo.gate = ac.gate;
  bo.fail_under_given = ac.fail_under_given;
  bo.fail_on_given = ac.fail_on_given;
  // The extra per-repository file --format asks for, beside the JSON and HTML reports.
  const ReportFormat* extra = find_report_format(ac.format);
  if (extra && !extra->batch_extra) extra = nullptr;
  std::string out_dir = cmd.out_dir;
  bo.on_report = [lang, extra, out_dir](const batch::BatchEntry& entry, const nlohmann::json& report, bool fresh, bool retagged) {
    fs::path base = fs::path(out_dir) / entry.stem();
    std::ostringstream unused;
    std::error_code ec;
    if (fresh || retagged) write_output(base.string() + ".json", report.dump(2) + "\n", unused);
    if (fresh || !fs::exists(base.string() + ".html", ec)) write_output(base.string() + ".html", render_html(report, lang), unused);
    if (extra) {
      std::string file = base.string() + std::string(extra->extension);
      if (fresh || !fs::exists(file, ec)) write_output(file, render_report_in(*extra, report, lang), unused);
    }
  };

  bool tty = &err == &std::cerr && ::isatty(STDERR_FILENO);
  batch::Progress progress(err, tty, ac.quiet, mine.size(), lang);
  batch::BatchOutcome outcome = batch::run_batch(mine, rules, bo, progress);
  if (outcome.jobs_refused > 0) {
    unsigned asked = std::min<unsigned>(bo.jobs, static_cast<unsigned>(mine.size()));
    err << "pacte: warning: the system refused " << outcome.jobs_refused << " of " << asked
        << " worker threads; " << asked - outcome.jobs_refused << " jobs did the work\n";
  }
  // A folder that could not be listed is an error row: the repositories under it were not
  // audited, and the batch must not pass as if they did not exist.
  for (const auto& u : unreadable) {
    batch::BatchEntry where;
    where.location = u.path;
    if (!shard.contains(where)) continue;
    batch::SummaryRow row;
    row.location = u.path;
    row.error = u.path + ": cannot list this folder (" + u.reason +
                "); repositories under it were not audited (give pacte read access to it, or leave it out)";
    if (!ac.quiet) err << "pacte: " << row.error << "\n";
    outcome.rows.push_back(std::move(row));
  }

  batch::sort_and_dedupe(outcome.rows);
  auto counts = batch::count_rows(outcome.rows);
  try {
    std::ostringstream unused;
    fs::path o(cmd.out_dir);
    std::optional<batch::PreviousRun> previous;
    if (previous_rows) {
      // A shard compares with its own share of the previous run: the other shards' lines are not removed.
      std::vector<batch::SummaryRow> mine_before;
      for (const auto& r : *previous_rows) {
        batch::BatchEntry where;
        where.location = r.location;
        if (shard.contains(where)) mine_before.push_back(r);
      }
      previous = batch::compare_with_previous(outcome.rows, mine_before, cmd.previous);
    }
    nlohmann::json summary = batch::summary_document(outcome.rows, previous ? &*previous : nullptr);
    for (const auto& f : summary_formats()) write_output((o / f.file_name).string(), f.render(summary, lang), unused);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  if (!ac.quiet || counts.failed > 0) {
    const bool fr = lang == Lang::fr;
    err << "pacte batch" << (fr ? "\u00A0: " : ": ") << counts.total << Text{" repositories", " dépôts"}.in(lang);
    if (shard.count > 1)
      err << Text{" (shard ", " (part "}.in(lang) << shard.index << "/" << shard.count << Text{" of ", " de "}.in(lang) << entries.size() << ")";
    err << (fr ? "\u00A0: " : ": ") << counts.audited << Text{" audited", " audités"}.in(lang);
    if (cmd.resume) err << " (" << outcome.skipped << Text{" unchanged, not audited again)", " inchangés, pas audités de nouveau)"}.in(lang);
    err << ", " << counts.failed << Text{" could not be audited, ", " non audités, "}.in(lang) << counts.gate_failed
        << Text{" failed the gate; see ", " sous le seuil de publication\u00A0; voir "}.in(lang) << (fs::path(cmd.out_dir) / "index.html").string()
        << "\n";
  }
  if (counts.failed > 0) return 3;
  return counts.gate_failed > 0 ? 1 : 0;
}

}  // namespace pacte::cli
