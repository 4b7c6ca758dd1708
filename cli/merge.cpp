// pacte merge: joins the outputs of sharded batches (their summary.json files, their reports,
// or their folders) into the summary one batch over the whole list would have written.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "checks/batch/summary.hpp"
#include "cli/batch.hpp"
#include "cli/formats/registry.hpp"

namespace pacte::cli {

namespace fs = std::filesystem;

namespace {

struct SourcedRow {
  batch::SummaryRow row;
  fs::path folder;  // where the row's report files are
};

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error(p.string() + ": cannot read the file");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error(p.string() + ": not valid JSON; give summary.json files, batch reports or shard folders");
  return j;
}

// The rows of one input: a summary.json, a report written by pacte batch, or a folder holding
// either (its summary.json when there is one, else every batch report in it).
void collect(const fs::path& input, std::vector<SourcedRow>& rows) {
  std::error_code ec;
  if (fs::is_directory(input, ec)) {
    if (fs::exists(input / "summary.json", ec)) return collect(input / "summary.json", rows);
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(input, ec))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::size_t before = rows.size();
    for (const auto& f : files) {
      auto row = batch::row_from_batch_report(read_json(f), f.filename().string());
      if (row) rows.push_back({*row, input});
    }
    if (rows.size() == before)
      throw std::runtime_error(input.string() + ": no summary.json and no report written by 'pacte batch' in this folder");
    return;
  }
  nlohmann::json doc = read_json(input);
  if (batch::is_summary_json(doc)) {
    for (auto& r : batch::rows_from_summary_json(doc)) rows.push_back({std::move(r), input.parent_path()});
    return;
  }
  auto row = batch::row_from_batch_report(doc, input.filename().string());
  if (!row)
    throw std::runtime_error(input.string() +
                             ": neither a batch summary.json nor a report written by 'pacte batch' (reports of 'pacte audit' "
                             "do not say which list line they answer)");
  rows.push_back({*row, input.parent_path()});
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
  sub->footer(
      "Rows are sorted by location; a repository found in several inputs is kept once (an audited\n"
      "row wins over an error row). Exit codes as for batch: 3 when a row has an error, 1 when a\n"
      "repository failed the gate, 0 otherwise, 2 on unreadable input.\n\n"
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

  // Where each kept row's report files are (the same dedupe as the rows themselves).
  std::vector<batch::SummaryRow> rows;
  std::map<std::string, fs::path> folder_of;
  for (auto& s : sourced) {
    if (s.row.audited() || !folder_of.count(s.row.sort_key())) folder_of[s.row.sort_key()] = s.folder;
    rows.push_back(std::move(s.row));
  }
  batch::sort_and_dedupe(rows);
  auto counts = batch::count_rows(rows);

  try {
    if (!cmd.out_dir.empty()) {
      std::error_code ec;
      fs::create_directories(cmd.out_dir, ec);
      if (ec) return usage_error(err, cmd.out_dir + ": cannot create the output folder; give a writable --out DIR");
      fs::path o(cmd.out_dir);
      for (const auto& r : rows) {
        if (r.report.empty() || !r.report.ends_with(".json")) continue;
        std::string stem = r.report.substr(0, r.report.size() - 5);
        fs::path from = folder_of[r.sort_key()];
        for (const auto& format : report_formats()) {
          std::string ext(format.extension);
          fs::path src = from / (stem + ext), dst = o / (stem + ext);
          if (!fs::exists(src, ec)) continue;
          if (fs::exists(dst, ec) && fs::equivalent(src, dst, ec)) continue;
          fs::path tmp = dst;
          tmp += ".tmp";
          fs::copy_file(src, tmp, fs::copy_options::overwrite_existing, ec);
          if (!ec) fs::rename(tmp, dst, ec);
          if (ec) return usage_error(err, dst.string() + ": cannot copy the report (" + ec.message() + ")");
        }
      }
      std::ostringstream unused;
      nlohmann::json summary = batch::summary_document(rows);
      for (const auto& f : summary_formats()) write_output((o / f.file_name).string(), f.render(summary, lang), unused);
      err << "pacte merge: " << counts.total << " repositories: " << counts.audited << " audited, " << counts.failed
          << " could not be audited, " << counts.gate_failed << " failed the gate; see " << (o / "index.html").string() << "\n";
    } else {
      const SummaryFormat* format = find_summary_format(cmd.format);
      if (!format)
        return usage_error(err, "--format: unknown format '" + cmd.format + "'; use " + format_names_in_words(summary_format_names()));
      write_output(cmd.output, format->render(batch::summary_document(rows), lang), out);
    }
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  if (counts.failed > 0) return 3;
  return counts.gate_failed > 0 ? 1 : 0;
}

}  // namespace pacte::cli
