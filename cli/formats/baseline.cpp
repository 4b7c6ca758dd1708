// Baselines (which failures are new) and the diff of two reports.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

std::string str_in(const json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_failure(const json& r) { return r.is_object() && str_in(r, "status") == "fail"; }

std::set<std::string> failure_keys(const json& report) {
  std::set<std::string> keys;
  if (report.is_object() && report.contains("results") && report["results"].is_array())
    for (const auto& r : report["results"])
      if (is_failure(r)) keys.insert(finding_key(r));
  return keys;
}

DiffFinding diff_finding(const Finding& f) {
  DiffFinding d;
  d.rule = f.rule;
  d.principle = f.principle;
  d.severity = f.severity;
  d.title = f.title;
  d.message = f.message;
  for (const auto& e : f.evidence)
    if (!e.path.empty()) {
      d.location = evidence_location(e);
      break;
    }
  d.fingerprint = f.fingerprint;
  return d;
}

std::vector<const json*> raw_results(const json& report) {
  std::vector<const json*> out;
  if (report.is_object() && report.contains("results") && report["results"].is_array())
    for (const auto& r : report["results"])
      if (r.is_object()) out.push_back(&r);
  return out;
}

// Verdicts from best to worst. A charter-less audit (no-charter) ranks below any verdict of a
// chartered one that is not non-compliant: dropping the charter is worse, adopting it better.
int verdict_rank(std::string_view v) {
  if (v == "compliant") return 0;
  if (v == "conditional") return 1;
  if (v == "no-charter") return 2;
  if (v == "non-compliant") return 3;
  return -1;
}

constexpr double kEpsilon = 1e-9;

}  // namespace

std::string finding_key(const json& result) {
  std::string rule = str_in(result, "rule");
  std::string fingerprint = str_in(result, "fingerprint");
  if (!fingerprint.empty()) return rule + '\x1f' + fingerprint;
  // A report without fingerprints: the engine's recipe, rule + evidence paths + snippets.
  std::string key = rule + '\x1f' + "~";
  if (result.is_object() && result.contains("evidence") && result["evidence"].is_array())
    for (const auto& e : result["evidence"]) key += '\x1e' + str_in(e, "path") + '\x1d' + str_in(e, "snippet");
  return key;
}

json mark_new_findings(const json& report, const json& baseline) {
  json out = report;
  std::set<std::string> known = failure_keys(baseline);
  long long new_failures = 0, known_failures = 0;
  if (out.is_object() && out.contains("results") && out["results"].is_array())
    for (auto& r : out["results"]) {
      if (!is_failure(r)) continue;
      bool is_new = known.count(finding_key(r)) == 0;
      r["new"] = is_new;
      ++(is_new ? new_failures : known_failures);
    }
  if (out.is_object()) out["baseline"] = {{"new_failures", new_failures}, {"known_failures", known_failures}};
  return out;
}

std::optional<double> ScoreChange::delta() const {
  if (!before || !after) return std::nullopt;
  return *after - *before;
}

ReportDiff diff_reports(const json& old_report, const json& new_report) {
  ReportView before = read_report(old_report), after = read_report(new_report);
  ReportDiff d;
  d.score = {before.score, after.score};
  d.verdict_before = before.verdict;
  d.verdict_after = after.verdict;
  d.old_commit = before.commit;
  d.new_commit = after.commit;
  for (const auto& p : after.principles) {
    ScoreChange change{std::nullopt, p.score};
    for (const auto& q : before.principles)
      if (q.key == p.key) change.before = q.score;
    d.principles.emplace_back(p.key, change);
  }
  for (const auto& q : before.principles) {
    bool seen = std::any_of(d.principles.begin(), d.principles.end(), [&](const auto& x) { return x.first == q.key; });
    if (!seen) d.principles.emplace_back(q.key, ScoreChange{q.score, std::nullopt});
  }

  // Raw results and views are in the same order, objects only (read_report skips the rest).
  auto old_raw = raw_results(old_report), new_raw = raw_results(new_report);
  std::set<std::string> old_keys = failure_keys(old_report), new_keys = failure_keys(new_report);
  for (std::size_t i = 0; i < after.results.size() && i < new_raw.size(); ++i)
    if (after.results[i].status == "fail" && !old_keys.count(finding_key(*new_raw[i])))
      d.new_failures.push_back(diff_finding(after.results[i]));
  for (std::size_t i = 0; i < before.results.size() && i < old_raw.size(); ++i)
    if (before.results[i].status == "fail" && !new_keys.count(finding_key(*old_raw[i]))) {
      DiffFinding f = diff_finding(before.results[i]);
      for (const auto& r : after.results)
        if (r.rule == f.rule) {
          f.status_now = r.status;
          if (r.status != "fail") break;  // prefer a non-failing status of the same rule
        }
      d.fixed.push_back(std::move(f));
    }
  auto by_severity = [](const DiffFinding& a, const DiffFinding& b) { return severity_rank(a.severity) < severity_rank(b.severity); };
  std::stable_sort(d.new_failures.begin(), d.new_failures.end(), by_severity);
  std::stable_sort(d.fixed.begin(), d.fixed.end(), by_severity);
  return d;
}

bool diff_got_worse(const ReportDiff& d) {
  if (!d.new_failures.empty()) return true;
  auto lower = [](const ScoreChange& c) { return c.before && c.after && *c.after < *c.before - kEpsilon; };
  if (lower(d.score)) return true;
  for (const auto& [key, change] : d.principles)
    if (lower(change)) return true;
  int vb = verdict_rank(d.verdict_before), va = verdict_rank(d.verdict_after);
  return vb >= 0 && va >= 0 && va > vb;
}

json diff_to_json(const ReportDiff& d) {
  auto change_json = [](const ScoreChange& c) {
    json j;
    j["old"] = c.before ? json(*c.before) : json();
    j["new"] = c.after ? json(*c.after) : json();
    auto delta = c.delta();
    j["delta"] = delta ? json(std::round(*delta * 100.0) / 100.0) : json();
    return j;
  };
  auto finding_json = [](const DiffFinding& f) {
    json j = {{"rule", f.rule},       {"principle", f.principle}, {"severity", f.severity},
              {"title", f.title},     {"message", f.message},     {"location", f.location},
              {"fingerprint", f.fingerprint}};
    if (!f.status_now.empty()) j["status_now"] = f.status_now;
    return j;
  };
  json j;
  j["score"] = change_json(d.score);
  j["verdict"] = {{"old", d.verdict_before}, {"new", d.verdict_after}, {"changed", d.verdict_before != d.verdict_after}};
  j["principles"] = json::object();
  for (const auto& [key, change] : d.principles) j["principles"][key] = change_json(change);
  j["new_failures"] = json::array();
  for (const auto& f : d.new_failures) j["new_failures"].push_back(finding_json(f));
  j["fixed"] = json::array();
  for (const auto& f : d.fixed) j["fixed"].push_back(finding_json(f));
  j["old_commit"] = d.old_commit.empty() ? json() : json(d.old_commit);
  j["new_commit"] = d.new_commit.empty() ? json() : json(d.new_commit);
  j["got_worse"] = diff_got_worse(d);
  return j;
}

std::string render_diff(const ReportDiff& d, Lang lang, bool color) {
  auto paint = [&](std::string_view code, const std::string& s) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
  };
  auto change_text = [&](const ScoreChange& c) {
    std::string s = format_score(c.before, lang) + " \xE2\x86\x92 " + format_score(c.after, lang);
    if (auto delta = c.delta()) {
      std::string t = format_delta(*delta, lang);
      if (*delta > 0.05) t = paint("32", t);
      else if (*delta < -0.05) t = paint("31", t);
      s += " (" + t + ")";
    }
    return s;
  };
  // Terminal output: control characters from the reports are dropped.
  auto clean = [](std::string_view s) { return one_line(xml_clean(s)); };

  std::string out = paint("1", std::string(label(L::diff_title, lang))) + "\n\n";
  const std::string_view colon = label(L::colon, lang);
  out += fmt::format("{}{}{}\n", label(L::score, lang), colon, change_text(d.score));
  if (d.verdict_before == d.verdict_after)
    out += fmt::format("{}{}{} ({})\n", label(L::verdict, lang), colon, verdict_label(d.verdict_after, lang), label(L::diff_same, lang));
  else
    out += fmt::format("{}{}{} \xE2\x86\x92 {}\n", label(L::verdict, lang), colon, clean(verdict_label(d.verdict_before, lang)),
                       clean(verdict_label(d.verdict_after, lang)));
  out += fmt::format("\n{}{}\n", label(L::principles, lang), colon.substr(0, colon.size() - 1));
  auto columns = [](std::string_view s) {  // code points, for alignment
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  std::size_t width = 0;
  for (const auto& [key, change] : d.principles) width = std::max(width, columns(clean(principle_label(key, lang))));
  for (const auto& [key, change] : d.principles) {
    std::string name = clean(principle_label(key, lang));
    out += fmt::format("  {}{}  {}\n", name, std::string(width - columns(name), ' '), change_text(change));
  }
  auto list = [&](L title, const std::vector<DiffFinding>& items, std::string_view mark, std::string_view code) {
    out += fmt::format("\n{} ({}){}\n", label(title, lang), items.size(), colon.substr(0, colon.size() - 1));
    for (const auto& f : items) {
      std::string line = fmt::format("  {} [{}] {} {}", mark, severity_label(f.severity, lang), clean(f.rule), clean(f.title));
      if (!f.location.empty()) line += " \xE2\x80\x94 " + clean(f.location);
      if (!f.status_now.empty() && f.status_now != "pass")
        line += fmt::format(" ({} {})", label(L::diff_now, lang), ascii_lower(status_label(f.status_now, lang)));
      out += paint(code, line) + "\n";
    }
  };
  if (d.new_failures.empty() && d.fixed.empty()) {
    out.append("\n").append(label(L::diff_unchanged, lang)).append("\n");
  } else {
    list(L::diff_new, d.new_failures, "+", "31");
    list(L::diff_fixed, d.fixed, "-", "32");
  }
  out += '\n';
  out += (diff_got_worse(d) ? paint("31;1", std::string(label(L::diff_worse, lang)))
                                   : paint("32;1", std::string(label(L::diff_better, lang)))) +
         "\n";
  return out;
}

}  // namespace pacte
