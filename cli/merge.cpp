// pacte merge: joins the outputs of sharded batches (their summary.json files, their reports,
// or their folders) into the summary one batch over the whole list would have written.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "checks/base/input_file.hpp"
#include "checks/base/output_file.hpp"
#include "checks/batch/output_lock.hpp"
#include "checks/batch/runner.hpp"
#include "checks/batch/summary.hpp"
#include "cli/batch.hpp"
#include "cli/formats/registry.hpp"

namespace pacte::cli {

namespace fs = std::filesystem;

namespace {

struct SourcedRow {
  batch::SummaryRow row;
  fs::path folder;  // where the row's report files are
  std::string input;  // the file the row was read from, for messages
};

// Reads a JSON input with the size cap. `links`: a file named inside a folder (a shard's
// summary.json, its reports) is never read through a symbolic link.
nlohmann::json read_json(const fs::path& p, LinkPolicy links) {
  std::string text = read_file_capped(p.string(), batch::kMaxReportBytes, "the file", links);
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error(p.string() + ": not valid JSON; give summary.json files, batch reports or shard folders");
  return j;
}

// The row of a batch report, validated; nullopt when the document is not a batch report.
std::optional<batch::SummaryRow> valid_batch_report_row(const nlohmann::json& doc, const fs::path& file) {
  auto row = batch::row_from_batch_report(doc, file.filename().string());
  if (!row) return row;
  if (std::string why = batch::row_problem(*row); !why.empty()) throw std::runtime_error(file.string() + ": " + why);
  return row;
}

// The rows of one input: a summary.json, a report written by pacte batch, or a folder holding
// either (its summary.json when there is one, else every batch report in it). Every row is
// validated, and named by the file it comes from.
void collect(const fs::path& input, std::vector<SourcedRow>& rows, LinkPolicy links = LinkPolicy::follow) {
  std::error_code ec;
  if (links == LinkPolicy::follow && fs::is_directory(input, ec)) {
    if (fs::exists(fs::symlink_status(input / "summary.json", ec)))
      return collect(input / "summary.json", rows, LinkPolicy::no_follow);
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(input, ec)) {
      std::error_code e2;
      // A symbolic link in a shard folder is not followed: its files stay in the folder.
      if (e.path().extension() == ".json" && !e.is_symlink(e2) && e.is_regular_file(e2)) files.push_back(e.path());
    }
    if (ec) throw std::runtime_error(input.string() + ": cannot list the folder (" + ec.message() + ")");
    std::sort(files.begin(), files.end());
    std::size_t before = rows.size();
    for (const auto& f : files) {
      auto row = valid_batch_report_row(read_json(f, LinkPolicy::no_follow), f);
      if (row) rows.push_back({*row, input, f.string()});
    }
    if (rows.size() == before)
      throw std::runtime_error(input.string() + ": no summary.json and no report written by 'pacte batch' in this folder");
    return;
  }
  nlohmann::json doc = read_json(input, links);
  if (batch::is_summary_json(doc)) {
    std::vector<batch::SummaryRow> found;
    try {
      found = batch::rows_from_summary_json(doc);
    } catch (const std::exception& e) {
      throw std::runtime_error(input.string() + ": " + e.what());
    }
    for (auto& r : found) rows.push_back({std::move(r), input.parent_path(), input.string()});
    return;
  }
  auto row = valid_batch_report_row(doc, input);
  if (!row)
    throw std::runtime_error(input.string() +
                             ": neither a batch summary.json nor a report written by 'pacte batch' (reports of 'pacte audit' "
                             "do not say which list line they answer)");
  rows.push_back({*row, input.parent_path(), input.string()});
}

// Copies one report file from a shard folder into the merged folder: read capped, never
// through a symbolic link, written atomically. A missing source is skipped.
void copy_report_file(const fs::path& src, const fs::path& dst) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(src, ec))) return;
  if (fs::exists(dst, ec) && fs::equivalent(src, dst, ec)) return;
  if (fs::is_symlink(fs::symlink_status(dst, ec)))
    throw std::runtime_error(dst.string() + ": is a symbolic link; pacte merge does not write through one in --out");
  std::string data = read_file_capped(src.string(), batch::kMaxReportBytes, "the report", LinkPolicy::no_follow);
  std::ostringstream unused;
  write_output(dst.string(), data, unused);
}

}  // namespace

void add_merge_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<MergeCommand>();
  auto* sub = app.add_subcommand("merge", "Join the outputs of sharded batches into one summary");
  sub->add_option("inputs", cmd->inputs, "summary.json files, reports written by 'pacte batch', or shard output folders")
      ->required();
  sub->add_option("--out", cmd->out_dir, "Write summary.csv, summary.json and index.html here, and copy the reports in");
  sub->add_option("--format", cmd->format, "Without --out: " + format_names_in_words(summary_format_names()))
      ->check(CLI::IsMember(summary_format_names()));
  sub->add_option("--output,-o", cmd->output, "Without --out: write the summary to FILE instead of standard output");
  sub->add_option("--lang", cmd->lang, "Language of index.html: en or fr");
  sub->add_option("--previous", cmd->previous,
                  "A previous run's output folder: show each repository's change since then (score, verdict, new and fixed failures)");
  sub->footer(
      "Rows are sorted by location; a repository found in several inputs is kept once (an audited\n"
      "row wins over an error row; two audited rows with different results are refused). Every\n"
      "input is checked (format version, types, scores 0-100, words); report names are plain file\n"
      "names in their folder, symbolic links are not followed. Exit codes as for batch: 3 when a\n"
      "row has an error, 1 when a repository failed the gate, 0 otherwise, 2 on bad input.\n\n"
      "Example:\n  pacte merge shard-1 shard-2 shard-3 --out reports");
  subs.push_back({sub, [cmd, &out, &err] { return run_merge(*cmd, out, err); }});
}

int run_merge(const MergeCommand& cmd, std::ostream& out, std::ostream& err) {
  Lang lang;
  if (!parse_lang(cmd.lang, lang, err)) return 2;
  std::vector<SourcedRow> sourced;
  try {
    for (const auto& in : cmd.inputs) collect(fs::path(in), sourced);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  // One list line audited twice with different results (two shards of different runs, an
  // edited summary) is a conflict: no input silently wins over another.
  {
    std::map<std::string, const SourcedRow*> audited;
    for (const auto& s : sourced) {
      if (!s.row.audited()) continue;
      auto [it, fresh] = audited.emplace(s.row.sort_key(), &s);
      if (fresh) continue;
      const SourcedRow& first = *it->second;
      nlohmann::json a = batch::row_to_json(first.row), b = batch::row_to_json(s.row);
      a.erase("report");
      b.erase("report");
      if (a != b)
        return usage_error(err, "'" + s.row.location + "' has different results in " + first.input + " and in " + s.input +
                                    "; merge the outputs of one run only (re-run the batch for this repository)");
    }
  }

  // Where each kept row's report files are (the same dedupe as the rows themselves).
  std::vector<batch::SummaryRow> rows;
  std::map<std::string, fs::path> folder_of;
  for (auto& s : sourced) {
    if (s.row.audited() || !folder_of.count(s.row.sort_key())) folder_of[s.row.sort_key()] = s.folder;
    rows.push_back(std::move(s.row));
  }
  batch::sort_and_dedupe(rows);
  auto counts = batch::count_rows(rows);
  std::optional<batch::PreviousRun> previous;
  if (!cmd.previous.empty()) {
    try {
      previous = batch::compare_with_previous(rows, read_previous_run(cmd.previous), cmd.previous);
    } catch (const std::exception& e) {
      return usage_error(err, e.what());
    }
  }
  const batch::PreviousRun* compared = previous ? &*previous : nullptr;

  std::optional<batch::OutputFolderLock> out_lock;  // held while --out is written
  try {
    if (!cmd.out_dir.empty()) {
      std::error_code ec;
      fs::create_directories(cmd.out_dir, ec);
      if (ec) return usage_error(err, cmd.out_dir + ": cannot create the output folder; give a writable --out DIR");
      fs::path o(cmd.out_dir);
      out_lock.emplace(cmd.out_dir);
      for (const auto& r : rows) {
        // The report name was checked to be a plain file name (row_problem): every path
        // stays in its folder.
        if (r.report.empty() || !r.report.ends_with(".json")) continue;
        std::string stem = r.report.substr(0, r.report.size() - 5);
        fs::path from = folder_of[r.sort_key()];
        for (const auto& format : report_formats()) {
          std::string ext(format.extension);
          copy_report_file(from / (stem + ext), o / (stem + ext));
        }
      }
      std::ostringstream unused;
      nlohmann::json summary = batch::summary_document(rows, compared);
      for (const auto& f : summary_formats()) write_output((o / f.file_name).string(), f.render(summary, lang), unused);
      err << "pacte merge: " << counts.total << " repositories: " << counts.audited << " audited, " << counts.failed
          << " could not be audited, " << counts.gate_failed << " failed the gate; see " << (o / "index.html").string() << "\n";
    } else {
      const SummaryFormat* format = find_summary_format(cmd.format);
      if (!format)
        return usage_error(err, "--format: unknown format '" + cmd.format + "'; use " + format_names_in_words(summary_format_names()));
      write_output(cmd.output, format->render(batch::summary_document(rows, compared), lang), out);
    }
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  if (counts.failed > 0) return 3;
  return counts.gate_failed > 0 ? 1 : 0;
}

}  // namespace pacte::cli
