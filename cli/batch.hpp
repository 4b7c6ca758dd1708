// pacte batch and pacte merge: many repositories at once, and shard outputs joined into one
// summary. The work itself lives in checks/batch (pacte_batch); these files parse options,
// write the files and choose the exit code.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "checks/batch/summary.hpp"
#include "cli/commands.hpp"

namespace pacte::cli {

void add_batch_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);
void add_merge_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err);

/// Options of `pacte batch`.
struct BatchCommand {
  AuditCommand audit;            // every audit option applies to each repository
  std::string input;             // LIST file or folder of repositories
  std::string out_dir = "pacte-reports";
  std::string cache_dir;         // default: $XDG_CACHE_HOME/pacte/mirrors (or ~/.cache/...)
  std::string shard;             // "I/N", 1-based
  bool resume = false;
  int jobs = 0;                  // 0: the number of cores
  int retries = 2;
  double backoff_seconds = 1;
  std::string previous;          // a previous run's --out folder to compare with, or empty
};
int run_batch(BatchCommand& cmd, std::ostream& out, std::ostream& err);

/// The rows of a previous `pacte batch` (or `pacte merge --out`) run, read from the
/// `summary.json` of its output folder. A row of a summary that predates the list of failed
/// rules takes that list from its report in the folder when it is there. Throws
/// std::runtime_error naming the folder when it is missing or not a pacte batch output.
std::vector<batch::SummaryRow> read_previous_run(const std::string& folder);

/// Options of `pacte merge`.
struct MergeCommand {
  std::vector<std::string> inputs;  // summary.json files, batch reports, or shard folders
  std::string out_dir;              // write summary.csv, summary.json, index.html (+ reports) here
  std::string format = "json";      // otherwise: one summary in this format ...
  std::string output;               // ... to this file (or standard output)
  std::string lang = "en";
  std::string previous;             // a previous run's output folder to compare with, or empty
};
int run_merge(const MergeCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace pacte::cli
