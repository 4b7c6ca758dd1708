// The default text report: a one-screen summary, then failures with evidence and remediation.
#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

namespace {

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const { return on ? fmt::format("\033[{}m{}\033[0m", code, s) : s; }
};

const char* tx(Lang lang, const char* en, const char* fr) { return lang == Lang::fr ? fr : en; }

// Text from the audited repository, the charter or a rule pack, made safe for a terminal or a
// CI log: control characters (a newline or an escape sequence in a file name) are shown as \xNN.
std::string clean(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

std::string principle_label(const std::string& p, Lang lang) {
  if (p == "openness") return tx(lang, "Openness", "Ouverture");
  if (p == "neutrality") return tx(lang, "Neutrality", "Neutralité");
  if (p == "continuity") return tx(lang, "Continuity", "Continuité");
  if (p == "equal_access") return tx(lang, "Equal access", "Égalité d'accès");
  return p;
}

std::string verdict_label(const std::string& v, Lang lang) {
  if (v == "compliant") return tx(lang, "compliant", "conforme");
  if (v == "conditional") return tx(lang, "conditional", "conditionnel");
  return tx(lang, "non-compliant", "non conforme");
}

const char* severity_color(const std::string& s) {
  if (s == "critical") return "1;31";
  if (s == "high") return "31";
  if (s == "medium") return "33";
  return "36";
}

void print_result(std::string& o, const nlohmann::json& r, Lang lang, const Style& st, bool with_remediation) {
  std::string sev = r["severity"].get<std::string>();
  o += fmt::format("  {} {}  {}\n", st(severity_color(sev), "[" + sev + "]"), st("1", r["rule"].get<std::string>()),
                   clean(r["title"].get<std::string>()));
  if (r.contains("new") && r["new"].get<bool>()) o += "    " + st("1;35", tx(lang, "NEW since the baseline", "NOUVEAU depuis la référence")) + "\n";
  o += "    " + clean(r["message"].get<std::string>()) + "\n";
  for (const auto& e : r["evidence"]) {
    std::string where = clean(e["path"].get<std::string>());
    if (e["line"].is_number()) where += ":" + std::to_string(e["line"].get<int>());
    o += "      " + st("2", where);
    if (e.contains("snippet")) o += "  " + clean(e["snippet"].get<std::string>());
    if (e.contains("note")) o += "  (" + clean(e["note"].get<std::string>()) + ")";
    o += "\n";
  }
  if (with_remediation && !r["remediation"].get<std::string>().empty())
    o += "    " + st("32", std::string("→ ") + clean(r["remediation"].get<std::string>())) + "\n";
}

}  // namespace

std::string render_text(const nlohmann::json& report, Lang lang, bool color) {
  Style st{color};
  std::string o;
  const auto& repo = report["repository"];
  std::string commit = repo["commit"].is_string() ? repo["commit"].get<std::string>().substr(0, 12) : tx(lang, "working tree", "arbre de travail");
  o += fmt::format("pacte {} — {} {} ({})\n", report["pacte_version"].get<std::string>(), tx(lang, "audit of", "audit de"),
                   clean(repo["path"].get<std::string>()), commit);
  const auto& ch = report["charter"];
  o += fmt::format("{}: {}\n", tx(lang, "Charter", "Charte"),
                   ch["source"] == "none" ? std::string(tx(lang, "none found (evidence only)", "aucune (preuves seules)"))
                                          : clean(ch["path"].get<std::string>()) + " (" + ch["source"].get<std::string>() + ")");
  std::string verdict = report["verdict"].get<std::string>();
  const char* vcolor = verdict == "compliant" ? "1;32" : verdict == "conditional" ? "1;33" : "1;31";
  o += "\n" + st("1", fmt::format("{} {:.1f}/100", tx(lang, "Score", "Score"), report["score"].get<double>())) + "  " +
       st(vcolor, verdict_label(verdict, lang)) + "\n";
  for (const auto& [name, p] : report["principles"].items()) {
    std::string score = p["score"].is_number() ? fmt::format("{:5.1f}", p["score"].get<double>()) : "  n/a";
    o += fmt::format("  {:<16} {}   {} {:>2}  {} {:>2}", principle_label(name, lang), score, tx(lang, "passed", "réussis"),
                     p["passed"].get<int>(), tx(lang, "failed", "échoués"), p["failed"].get<int>());
    if (p["errors"].get<int>() > 0) o += fmt::format("  {} {}", tx(lang, "errors", "erreurs"), p["errors"].get<int>());
    if (p["waived"].get<int>() > 0) o += fmt::format("  {} {}", tx(lang, "waived", "dérogations"), p["waived"].get<int>());
    if (p["skipped"].get<int>() > 0) o += fmt::format("  {} {}", tx(lang, "skipped", "sans objet"), p["skipped"].get<int>());
    o += "\n";
  }
  static const std::vector<std::string> order = {"critical", "high", "medium", "low"};
  std::vector<const nlohmann::json*> failures, errors, waived;
  for (const auto& sev : order)
    for (const auto& r : report["results"]) {
      if (r["severity"] != sev) continue;
      if (r["status"] == "fail") failures.push_back(&r);
      else if (r["status"] == "error") errors.push_back(&r);
      else if (r["status"] == "waived") waived.push_back(&r);
    }
  if (!failures.empty()) {
    o += "\n" + st("1", fmt::format("{} ({})", tx(lang, "Failures", "Échecs"), failures.size())) + "\n";
    for (const auto* r : failures) print_result(o, *r, lang, st, true);
  }
  if (!errors.empty()) {
    o += "\n" + st("1", fmt::format("{} ({})", tx(lang, "Could not be evaluated (not counted in the score)", "Non évaluées (hors score)"), errors.size())) + "\n";
    for (const auto* r : errors) print_result(o, *r, lang, st, false);
  }
  if (!waived.empty()) {
    o += "\n" + st("1", fmt::format("{} ({})", tx(lang, "Waived", "Dérogations"), waived.size())) + "\n";
    for (const auto* r : waived)
      o += fmt::format("  {}  {} ({} {})\n", r->at("rule").get<std::string>(), clean(r->at("waiver")["reason"].get<std::string>()),
                       tx(lang, "until", "jusqu'au"), r->at("waiver")["until"].get<std::string>());
  }
  const auto& stats = report["stats"];
  if (stats["files_unreadable"].get<int>() > 0) {
    o += "\n" + st("33", fmt::format("{}: {}", tx(lang, "Files not read", "Fichiers non lus"), stats["files_unreadable"].get<int>())) + "\n";
    int shown = 0;
    for (const auto& u : stats["unreadable"]) {
      if (++shown > 10) break;
      o += "  " + clean(u["path"].get<std::string>()) + ": " + clean(u["reason"].get<std::string>()) + "\n";
    }
  }
  o += "\n" + st("2", fmt::format("{} {} {}, {} {}, {} ms", tx(lang, "Read", "Lu"), stats["files_scanned"].get<int>(),
                                  tx(lang, "files", "fichiers"), stats["commits_walked"].get<int>(), tx(lang, "commits", "commits"),
                                  stats["duration_ms"].get<int>())) + "\n";
  return o;
}

}  // namespace pacte
