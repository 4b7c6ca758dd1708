#include "cli/formats/view.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"

namespace pacte::formats {

namespace {

std::string str_of(const json& j, std::string_view key, std::string_view fallback = {}) {
  if (!j.is_object()) return std::string(fallback);
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string(fallback);
  if (it->is_string()) return to_valid_utf8(it->get_ref<const std::string&>());
  if (it->is_number() || it->is_boolean()) return it->dump();
  return std::string(fallback);
}

long long int_of(const json& j, std::string_view key, long long fallback = 0) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (it->is_number_integer() || it->is_number_unsigned()) return it->get<long long>();
  if (it->is_number_float()) {
    double d = it->get<double>();
    return std::isfinite(d) ? static_cast<long long>(d) : fallback;
  }
  return fallback;
}

std::optional<double> num_of(const json& j, std::string_view key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  double d = it->get<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

std::vector<std::string> strings_of(const json& j, std::string_view key) {
  std::vector<std::string> out;
  if (!j.is_object()) return out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(to_valid_utf8(v.get_ref<const std::string&>()));
    else if (v.is_object()) out.push_back(str_of(v, "message", v.dump(-1, ' ', false, json::error_handler_t::replace)));
  }
  return out;
}

const json& member(const json& j, std::string_view key) {
  static const json null_value;
  if (!j.is_object()) return null_value;
  auto it = j.find(key);
  return it == j.end() ? null_value : *it;
}

Finding read_finding(const json& r, std::size_t index) {
  Finding f;
  f.index = index;
  f.rule = str_of(r, "rule", "?");
  f.principle = str_of(r, "principle");
  f.severity = str_of(r, "severity", "medium");
  f.status = str_of(r, "status");
  f.basis = str_of(r, "basis");
  f.title = str_of(r, "title", f.rule);
  if (f.title.empty()) f.title = f.rule;
  f.message = str_of(r, "message");
  f.remediation = str_of(r, "remediation");
  f.fingerprint = str_of(r, "fingerprint");
  const json& refs = member(r, "references");
  if (refs.is_array())
    for (const auto& ref : refs) {
      if (!ref.is_object()) continue;
      f.references.push_back({str_of(ref, "title"), str_of(ref, "url")});
    }
  const json& ev = member(r, "evidence");
  if (ev.is_array())
    for (const auto& e : ev) {
      if (!e.is_object()) continue;
      Evidence x;
      x.path = str_of(e, "path");
      x.line = static_cast<int>(std::clamp<long long>(int_of(e, "line"), 0, 1LL << 30));
      x.snippet = str_of(e, "snippet");
      x.note = str_of(e, "note");
      f.evidence.push_back(std::move(x));
    }
  const json& is_new = member(r, "new");
  if (is_new.is_boolean()) f.is_new = is_new.get<bool>();
  const json& waiver = member(r, "waiver");
  if (waiver.is_object()) f.waiver = Waiver{str_of(waiver, "reason"), str_of(waiver, "until")};
  return f;
}

}  // namespace

std::string css_token(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else out += '_';
  }
  return out.empty() ? "none" : out;
}

const char* verdict_colour(std::string_view verdict) {
  if (verdict == "compliant") return "#2e7d32";
  if (verdict == "conditional") return "#b45309";
  if (verdict == "non-compliant") return "#c62828";
  if (verdict == "no-charter") return "#1565c0";
  return "#767676";
}

ReportView read_report(const json& report) {
  ReportView v;
  v.pacte_version = str_of(report, "pacte_version", "0.0.0");
  if (const json& policy = member(report, "policy"); policy.is_object()) v.policy = policy;
  v.generated_at = str_of(report, "generated_at");
  const json& repo = member(report, "repository");
  v.repo_path = str_of(repo, "path");
  v.repo_url = str_of(repo, "url");
  const json& forge = member(repo, "forge");
  v.forge.kind = str_of(forge, "kind");
  v.forge.web_url = str_of(forge, "url");
  if (!is_web_url(v.forge.web_url)) v.forge = {};
  const json& catalogue = member(report, "rules");
  if (catalogue.is_array())
    for (const auto& r : catalogue)
      if (r.is_object() && r.value("builtin", false) && member(r, "id").is_string()) v.builtin_rules.push_back(r["id"].get<std::string>());
  v.commit = str_of(repo, "commit");
  v.ref = str_of(repo, "ref");
  v.worktree = member(repo, "worktree").is_boolean() && member(repo, "worktree").get<bool>();
  const json& charter = member(report, "charter");
  v.charter_path = str_of(charter, "path");
  v.charter_source = str_of(charter, "source", "none");
  v.service_name = str_of(charter, "service_name");
  v.charter_errors = strings_of(charter, "errors");
  v.charter_warnings = strings_of(charter, "warnings");
  v.score = num_of(report, "score");
  v.evidence_score = num_of(report, "evidence_score");
  v.declaration_score = num_of(report, "declaration_score");
  v.verdict = str_of(report, "verdict");

  const json& principles = member(report, "principles");
  auto add_principle = [&](const std::string& key) {
    const json& p = member(principles, key);
    PrincipleSummary s;
    s.key = key;
    s.score = num_of(p, "score");
    s.passed = int_of(p, "passed");
    s.failed = int_of(p, "failed");
    s.skipped = int_of(p, "skipped");
    s.errors = int_of(p, "errors");
    s.waived = int_of(p, "waived");
    s.undeclared = int_of(p, "undeclared");
    s.evidence_score = num_of(p, "evidence_score");
    s.declaration_score = num_of(p, "declaration_score");
    v.principles.push_back(std::move(s));
  };
  for (auto key : kPrinciples) add_principle(std::string(key));
  if (principles.is_object())  // nlohmann orders object keys: deterministic.
    for (const auto& [key, value] : principles.items())
      if (std::find(std::begin(kPrinciples), std::end(kPrinciples), key) == std::end(kPrinciples))
        add_principle(to_valid_utf8(key));

  const json& results = member(report, "results");
  if (results.is_array())
    for (std::size_t i = 0; i < results.size(); ++i)
      if (results[i].is_object()) v.results.push_back(read_finding(results[i], i));

  v.facts = member(report, "facts");
  const json& history = member(v.facts, "history");
  if (history.is_object()) {
    v.has_history = true;
    const json& monthly = member(history, "monthly");
    if (monthly.is_array())
      for (const auto& m : monthly)
        if (m.is_object()) v.monthly.push_back({str_of(m, "month"), std::max(0LL, int_of(m, "commits"))});
  }
  const json& baseline = member(report, "baseline");
  if (baseline.is_object()) {
    v.new_failures = int_of(baseline, "new_failures");
    v.known_failures = int_of(baseline, "known_failures");
  }
  const json& stats = member(report, "stats");
  v.stats.files_scanned = int_of(stats, "files_scanned");
  v.stats.files_unreadable = int_of(stats, "files_unreadable");
  v.stats.commits_walked = int_of(stats, "commits_walked");
  v.stats.duration_ms = int_of(stats, "duration_ms");
  const json& unreadable = member(stats, "unreadable");
  if (unreadable.is_array())
    for (const auto& u : unreadable)
      if (u.is_object()) v.stats.unreadable.push_back({str_of(u, "path"), str_of(u, "reason")});
  v.stats.files_left_out = int_of(stats, "files_skipped_vendored");
  const json& scan = member(member(report, "facts"), "scan");
  if (v.stats.files_left_out == 0) v.stats.files_left_out = int_of(scan, "files_skipped_vendored");
  const json& examples = member(scan, "skipped_examples");
  if (examples.is_array())
    for (const auto& e : examples)
      if (e.is_string() && v.stats.left_out_examples.size() < 10) v.stats.left_out_examples.push_back(to_valid_utf8(e.get_ref<const std::string&>()));
  return v;
}

std::vector<std::string> policy_sentences(const ReportView& view, Lang lang) {
  std::vector<std::string> out;
  if (!view.policy.is_object()) return out;
  auto each = [&](std::string_view key) -> const json& { return member(view.policy, key); };
  for (const auto& d : each("disabled").is_array() ? each("disabled") : json::array())
    out.push_back(fmt::format(fmt::runtime(label(L::policy_disabled, lang)), str_of(d, "rule", "?"), one_line(str_of(d, "reason"))));
  for (const auto& r : each("regraded").is_array() ? each("regraded") : json::array())
    out.push_back(fmt::format(fmt::runtime(label(L::policy_regraded, lang)), str_of(r, "rule", "?"), severity_word(str_of(r, "from"), lang),
                              severity_word(str_of(r, "to"), lang), one_line(str_of(r, "reason"))));
  for (const auto& w : each("waivers").is_array() ? each("waivers") : json::array()) {
    // Whole-rule waivers show with their result; one that waived nothing is a charter warning.
    if (!w.is_object() || !w.contains("findings_waived") || !w["findings_waived"].is_number_integer() ||
        w["findings_waived"].get<long long>() <= 0)
      continue;
    std::string scope;
    const json& paths = member(w, "paths");
    if (paths.is_array())
      for (const auto& p : paths)
        if (p.is_string()) scope += (scope.empty() ? "" : ", ") + p.get<std::string>();
    if (std::string finding = str_of(w, "finding"); !finding.empty()) scope += (scope.empty() ? "" : ", ") + finding;
    const json& n = member(w, "findings_waived");
    out.push_back(fmt::format(fmt::runtime(label(L::policy_findings_waived, lang)), str_of(w, "rule", "?"),
                              n.is_number_integer() ? n.get<long long>() : 0, one_line(scope), str_of(w, "until"), one_line(str_of(w, "reason"))));
  }
  const json& gate = each("gate");
  if (gate.is_object() && !gate.empty()) {
    std::string parts;
    if (gate.contains("fail_on") && gate["fail_on"].is_string()) parts += "--fail-on " + gate["fail_on"].get<std::string>();
    if (gate.contains("fail_under") && gate["fail_under"].is_number())
      parts += (parts.empty() ? "" : ", ") + std::string("--fail-under ") + format_number(gate["fail_under"].get<double>(), 0, lang);
    if (!parts.empty()) out.push_back(fmt::format(fmt::runtime(label(L::policy_gate, lang)), parts));
  }
  return out;
}

std::string left_out_sentence(const ScanStats& stats, Lang lang) {
  if (stats.files_left_out <= 0) return {};
  std::string out = fmt::format(fmt::runtime(label(L::left_out_search, lang)), stats.files_left_out);
  std::string examples;
  for (const auto& e : stats.left_out_examples) {
    if (examples.size() >= 200) break;
    if (!examples.empty()) examples += ", ";
    examples += e;
  }
  if (!examples.empty()) out += " (" + examples + ")";
  return out;
}

std::string unreadable_sentence(const ScanStats& stats, Lang lang) {
  if (stats.files_unreadable <= 0) return {};
  return fmt::format(fmt::runtime(label(L::files_not_read_count, lang)), stats.files_unreadable);
}

std::vector<const Finding*> failures_by_severity(const ReportView& view) {
  std::vector<const Finding*> out;
  for (const auto& f : view.results)
    if (f.status == "fail") out.push_back(&f);
  std::stable_sort(out.begin(), out.end(), [](const Finding* a, const Finding* b) {
    int ra = severity_rank(a->severity), rb = severity_rank(b->severity);
    if (ra != rb) return ra < rb;
    bool na = a->is_new.value_or(false), nb = b->is_new.value_or(false);
    if (na != nb) return na;
    return a->index < b->index;
  });
  return out;
}

// ---- Escaping ----------------------------------------------------------------------------

namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string one_line(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool space = false;
  for (char c : in) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string md_escape(std::string_view in) {
  std::string s = one_line(xml_clean(in));
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '#':
      case '!': case '(': case ')': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '@': {
        out += '@';
        // A word joiner after '@' keeps "@team" from notifying anyone in a PR comment.
        unsigned char next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        if (ascii_alnum(next)) out += "\xE2\x81\xA0";
        break;
      }
      default:
        out += c;
    }
  }
  // A leading '-', '+' or digit followed by '.' could start a list; '=' a setext heading.
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) out.insert(out.begin(), '\\');
  return out;
}

std::string md_code(std::string_view in) {
  std::string s = one_line(xml_clean(in));
  if (s.empty()) return "` `";
  std::size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  // A space on each side when the content starts or ends with a backtick (CommonMark strips one).
  bool pad = s.front() == '`' || s.back() == '`' || s.front() == ' ';
  return fence + (pad ? " " : "") + s + (pad ? " " : "") + fence;
}

std::string uri_encode_path(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep && c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

bool is_web_url(std::string_view url) {
  auto starts = [&](std::string_view p) {
    return url.size() > p.size() && ascii_lower(url.substr(0, p.size())) == p;
  };
  if (!starts("https://") && !starts("http://")) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
  return true;
}

std::string gh_escape_data(std::string_view in) {
  std::string s = to_valid_utf8(in);
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string gh_escape_property(std::string_view in) {
  std::string s = gh_escape_data(in);
  std::string out;
  for (char c : s) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string truncate_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max >= 3 ? max - 3 : 0;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";
}

std::string rule_help_url(std::string_view rule_id) {
  for (char c : rule_id)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return {};
  return rule_id.empty() ? std::string() : std::string(kPacteInformationUri) + "/blob/main/docs/rules/" + std::string(rule_id) + ".md";
}

std::string rule_help_url(const ReportView& view, std::string_view rule_id) {
  bool builtin = std::find(view.builtin_rules.begin(), view.builtin_rules.end(), rule_id) != view.builtin_rules.end();
  return builtin ? rule_help_url(rule_id) : std::string();
}

std::string evidence_url(const ReportView& view, const Evidence& e) {
  if (e.path.empty() || view.commit.size() != 40 || view.worktree) return {};
  return forge_file_url(view.forge, view.commit, e.path, e.line);
}

std::string evidence_location(const Evidence& e) {
  if (e.path.empty()) return {};
  return e.line > 0 ? fmt::format("{}:{}", e.path, e.line) : e.path;
}

}  // namespace pacte::formats
