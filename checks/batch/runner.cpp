#include "checks/batch/runner.hpp"

#include <git2.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "checks/base/git.hpp"
#include "checks/base/input_file.hpp"
#include "checks/base/vocabulary.hpp"
#include "checks/batch/mirror.hpp"
#include "checks/engine/charter.hpp"
#include "checks/engine/policy.hpp"

namespace pacte::batch {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {


std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

std::string clock_text(double s) {
  if (s < 0) s = 0;
  auto total = static_cast<long long>(s + 0.5);
  char buf[32];
  if (total >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  else std::snprintf(buf, sizeof buf, "%lld:%02lld", total / 60, total % 60);
  return buf;
}

// The hash the report records for a charter read from a file (as run_audit computes it), or
// empty when the file cannot be read or is not a valid charter.
std::string charter_file_hash(const std::string& path) {
  try {
    std::string text = read_file_capped(path, kMaxCharterBytes, "the charter");
    Charter c = load_charter(text, path, audit_now());
    return fingerprint_of({c.doc.dump()});
  } catch (const std::exception&) {
    return {};
  }
}

// Serialises the work on one cache mirror (two list lines may name the same URL).
class MirrorLocks {
 public:
  std::mutex& get(const std::string& url) {
    std::lock_guard lock(mu_);
    return locks_[url];
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::mutex> locks_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Progress

Progress::Progress(std::ostream& err, bool tty, bool quiet, std::size_t total, Lang lang)
    : err_(err), tty_(tty), quiet_(quiet), lang_(lang), total_(total) {}

void Progress::started() {
  std::lock_guard lock(mu_);
  ++running_;
  if (tty_) draw_locked();
}

void Progress::finished(const SummaryRow& row, bool skipped, double seconds) {
  std::lock_guard lock(mu_);
  if (running_) --running_;
  ++done_;
  if (!row.audited()) ++failed_;
  if (skipped) ++skipped_;
  if (quiet_) return;
  std::string what = row.location;
  if (!row.rev.empty()) what += " @ " + row.rev;
  // The status word is padded to one width so that the locations line up in a log.
  auto head = [this](L word) { return fmt::format("{:<8}", label(word, lang_)); };
  std::string colon = lang_ == Lang::fr ? "\u00A0: " : ": ";
  std::string line;
  if (!row.audited()) line = head(L::progress_error) + what + colon + (lang_ == Lang::fr && !row.error_fr.empty() ? row.error_fr : row.error);
  else if (skipped) line = head(L::progress_up_to_date) + what + " (" + std::string(label(L::progress_current, lang_)) + ")";
  else
    line = head(L::progress_audited) + what + colon + format_score(row.score.value_or(0.0), lang_) + " " +
           verdict_label(row.verdict, lang_) + " (" + format_number(seconds, 1, lang_) + (lang_ == Lang::fr ? "\u00A0s)" : " s)");
  std::string counter = "[" + std::to_string(done_) + "/" + std::to_string(total_) + "] ";
  if (tty_) {
    // Only errors scroll up above the progress line; the rest shows in the counts.
    if (!row.audited()) err_ << "\r\x1b[K" << "pacte: " << counter << line << "\n";
    draw_locked();
  } else {
    err_ << "pacte: " << counter << line << "\n";
    err_.flush();
  }
}

void Progress::draw_locked() {
  if (quiet_) return;
  auto now = Clock::now();
  // At most ten redraws a second, but always the last one.
  if (done_ < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(done_ - skipped_) / elapsed : 0;
  std::string line = fmt::format(fmt::runtime(label(L::progress_line, lang_)), done_, total_, failed_, running_,
                                 format_number(rate, 2, lang_));
  if (done_ > skipped_ && done_ < total_ && rate > 0)
    line += fmt::format(fmt::runtime(label(L::progress_eta, lang_)), clock_text(static_cast<double>(total_ - done_) / rate));
  err_ << "\r\x1b[K" << line;
  err_.flush();
}

void Progress::close() {
  std::lock_guard lock(mu_);
  if (tty_ && !quiet_) {
    err_ << "\n";
    err_.flush();
  }
}

// ---------------------------------------------------------------------------------------------
// Resume

std::string resolve_commit(const std::string& path, const std::string& rev) {
  ensure_libgit2();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), 0, nullptr) != 0) return {};
  std::string out;
  git_object* obj = nullptr;
  if (revparse_single(&obj, repo, rev.c_str()) == 0) {
    git_object* commit = nullptr;
    if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0) {
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof hex, git_object_id(commit));
      out = hex;
      git_object_free(commit);
    }
    git_object_free(obj);
  }
  git_repository_free(repo);
  return out;
}

// Sets `report["batch"]["gate"]` to what `gate` (the options given, over the report's own
// policy) says of the report ("pass", "fail", or "none" when neither gives a gate); returns
// whether it changed.
bool tag_gate(nlohmann::json& report, const BatchOptions& options) {
  std::string why;
  const Gate gate = gate_with_policy(report, options.gate, options.fail_under_given, options.fail_on_given);
  // Without any gate, nothing was asked: "none", never a "pass" a reader could take for a
  // judgement of the repository.
  std::string verdict = !gate_is_set(gate) ? "none" : passes_gate(report, gate, why) ? "pass" : "fail";
  bool changed = !report["batch"].is_object() || report["batch"].value("gate", "") != verdict;
  report["batch"]["gate"] = verdict;
  return changed;
}

std::string detection_options_hash(const AuditOptions& options) {
  std::vector<std::string> parts = {"max_file_size=" + std::to_string(options.max_file_size),
                                    "max_evidence=" + std::to_string(options.evidence.max_evidence)};
  for (const auto& file : options.evidence.signature_files) {
    parts.push_back("signatures=" + file);
    // The content, so that an edited signature file makes every report stale. A file that
    // cannot be read now hashes as such: the audit reports it.
    try {
      parts.push_back(fingerprint_of({read_file_capped(file, 256ull << 20, "the signature file")}));
    } catch (const std::exception& e) {
      parts.push_back(std::string("unreadable: ") + e.what());
    }
  }
  const std::string& data = options.evidence.license_data_dir;
  parts.push_back("license_data=" + data);
  if (!data.empty()) {
    // The licence texts' names, sizes and times: a changed list-data release changes them.
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(data, ec), end;
    for (; !ec && it != end && files.size() < 100000; it.increment(ec)) {
      std::error_code e2;
      if (!it->is_regular_file(e2)) continue;
      auto size = it->file_size(e2);
      auto time = it->last_write_time(e2).time_since_epoch().count();
      files.push_back(fs::relative(it->path(), data, e2).string() + " " + std::to_string(size) + " " + std::to_string(time));
    }
    if (ec) files.push_back("unreadable: " + ec.message());
    std::sort(files.begin(), files.end());
    parts.insert(parts.end(), files.begin(), files.end());
  }
  return fingerprint_of(parts);
}

bool report_is_current(const nlohmann::json& report, const std::string& commit, const std::string& charter_file,
                       const std::string& rules_hash, const std::string& options_hash, Lang lang) {
  try {
    if (commit.empty() || !report.is_object()) return false;
    if (report.value("pacte_version", "") != pacte_version()) return false;
    if (report.value("lang", "") != (lang == Lang::fr ? "fr" : "en")) return false;
    if (report.value("rules_hash", "") != rules_hash) return false;
    const auto& repo = report.at("repository");
    if (!repo.at("commit").is_string() || repo["commit"].get<std::string>() != commit) return false;
    if (!report.contains("batch") || !report["batch"].is_object()) return false;
    // The charter: a file given now must be the file used then, with the same content; a
    // charter from the tree is the same since the commit is.
    const auto& tag = report["batch"];
    // The detection options: a report written before they were recorded is not current.
    if (!tag.contains("options_hash") || !tag["options_hash"].is_string() || tag["options_hash"].get<std::string>() != options_hash)
      return false;
    std::string used = tag.contains("charter_file") && tag["charter_file"].is_string() ? tag["charter_file"].get<std::string>() : "";
    if (used != charter_file) return false;
    if (!charter_file.empty()) {
      std::string h = charter_file_hash(charter_file);
      if (h.empty() || h != report.at("charter").value("hash", "")) return false;
    }
    return report.contains("results") && report["results"].is_array();
  } catch (const std::exception&) {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The pool

BatchOutcome run_batch(const std::vector<BatchEntry>& entries, const RuleSet& rules, const BatchOptions& options,
                       Progress& progress) {
  ensure_libgit2();  // before the workers start
  BatchOutcome outcome;
  outcome.rows.resize(entries.size());
  std::atomic<std::size_t> next{0};
  std::atomic<int> skipped{0};
  MirrorLocks mirror_locks;
  const std::string options_hash = detection_options_hash(options.audit);

  auto audit_one = [&](const BatchEntry& entry, bool& was_skipped) -> SummaryRow {
    const Deadline limit = Deadline::after(options.timeout_seconds);
    SummaryRow row;
    row.location = entry.location;
    row.charter = entry.charter;
    row.rev = entry.rev;

    AuditOptions opt = options.audit;
    opt.path = entry.target;
    if (!entry.rev.empty()) opt.rev = entry.rev;
    if (!entry.charter.empty()) {
      opt.charter_file = entry.charter;
      // A list line's charter is checked here, with a cap, before anything reads it whole:
      // `charter=/dev/zero` or a huge file is an error row, not a read without end.
      read_file_capped(entry.charter, kMaxCharterBytes, "the charter");
    }
    opt.deadline = limit;

    std::unique_lock<std::mutex> mirror_lock;
    if (entry.remote) {
      if (opt.worktree) {
        row.error = entry.location + ": a remote repository has no working tree; audit it without --worktree";
        return row;
      }
      mirror_lock = std::unique_lock<std::mutex>(mirror_locks.get(entry.location));
      MirrorOptions mo;
      mo.cache_dir = options.cache_dir;
      mo.retries = options.retries;
      mo.backoff = options.backoff;
      mo.deadline = limit;
      MirrorResult m = update_mirror(entry.target, mo);
      if (!m.error.empty()) {
        row.error = m.timed_out ? entry.location + ": timed out after " + seconds_text(options.timeout_seconds) +
                                      " (--timeout) while fetching"
                                : m.error;
        return row;
      }
      opt.path = m.path;
    }

    std::string report_path = (fs::path(options.out_dir) / (entry.stem() + ".json")).string();
    if (options.resume && !opt.worktree) {
      // The old report is read capped, never through a symbolic link; one that cannot be read
      // is audited again.
      std::string text;
      std::error_code exists_ec;
      if (fs::exists(fs::symlink_status(report_path, exists_ec))) {
        try {
          text = read_file_capped(report_path, kMaxReportBytes, "the earlier report", LinkPolicy::no_follow);
        } catch (const std::exception&) {
          text.clear();
        }
      }
      if (!text.empty()) {
        nlohmann::json old = nlohmann::json::parse(text, nullptr, false);
        if (!old.is_discarded() &&
            report_is_current(old, resolve_commit(opt.path, opt.rev), opt.charter_file, rules.hash, options_hash, opt.lang)) {
          bool retagged = tag_gate(old, options);
          if (options.on_report) options.on_report(entry, old, false, retagged);
          row = row_from_report(entry, old);
          was_skipped = true;
          return row;
        }
      }
    }

    if (limit.expired()) {
      row.error = entry.location + ": timed out after " + seconds_text(options.timeout_seconds) + " (--timeout) before the audit";
      return row;
    }
    nlohmann::json report;
    try {
      report = run_audit(opt, rules);
    } catch (const TimeLimitExceeded&) {
      row.error = entry.location + ": timed out after " + seconds_text(options.timeout_seconds) +
                  " (--timeout) during the audit; no report was written (raise --timeout)";
      return row;
    }
    if (mirror_lock) mirror_lock.unlock();
    report["batch"] = batch_tag(entry, "");
    report["batch"]["charter_file"] = opt.charter_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(opt.charter_file);
    report["batch"]["options_hash"] = options_hash;
    tag_gate(report, options);
    if (options.on_report) options.on_report(entry, report, true, true);
    row = row_from_report(entry, report);
    return row;
  };

  auto worker = [&] {
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= entries.size()) return;
      const BatchEntry& entry = entries[i];
      progress.started();
      auto t0 = Clock::now();
      bool was_skipped = false;
      SummaryRow row;
      try {
        row = audit_one(entry, was_skipped);
      } catch (const CharterInvalid& e) {
        row = SummaryRow{};
        std::string msg;
        for (const auto& p : e.problems()) msg += (msg.empty() ? "" : "; ") + p;
        row.error = "the charter is not valid: " + msg;
      } catch (const AuditError& e) {
        row = SummaryRow{};
        row.error = e.what();
        if (std::string fr = e.in(Lang::fr); fr != row.error) row.error_fr = fr;
      } catch (const std::exception& e) {
        row = SummaryRow{};
        row.error = e.what();
      }
      if (!row.error.empty()) {
        // An error row names the list line, whatever failed.
        row.location = entry.location;
        row.charter = entry.charter;
        row.rev = entry.rev;
        row.report.clear();
        row.gate.clear();
        if (row.error.find(entry.location) == std::string::npos)
          row.error = entry.location + ": " + row.error;
      }
      if (was_skipped) ++skipped;
      progress.finished(row, was_skipped, std::chrono::duration<double>(Clock::now() - t0).count());
      outcome.rows[i] = std::move(row);
    }
  };

  unsigned n = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(entries.size())));
  if (entries.empty()) n = 0;
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) {
    // A thread the system refuses (too many processes, no memory) is a job fewer, not an
    // abort: the workers that exist, this thread at least, share the whole list.
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {
      outcome.jobs_refused = n - t;
      break;
    }
  }
  if (n > 0) worker();
  for (auto& t : pool) t.join();
  progress.close();
  outcome.skipped = skipped.load();
  return outcome;
}

}  // namespace pacte::batch
