#include "checks/engine/policy.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "checks/base/schema.hpp"

namespace pacte {

namespace {

// "pacte.yml:12:5" for a place in the charter, or the charter path alone.
std::string place(const Charter& charter, SourcePos pos) {
  std::string at = InputError::format(charter.path, pos, "");
  at.resize(at.size() - 2);
  return at;
}

std::optional<Severity> severity_named(const std::string& name) {
  for (Severity s : {Severity::critical, Severity::high, Severity::medium, Severity::low})
    if (name == severity_name(s)) return s;
  return std::nullopt;
}

bool covers(const Waiver& w, const std::string& rule_id, const Evidence& e, const std::string& fingerprint) {
  if (!w.applies || !w.scoped() || w.rule != rule_id) return false;
  if (!w.finding.empty() && fingerprint.compare(0, w.finding.size(), w.finding) == 0) return true;
  return std::any_of(w.paths.begin(), w.paths.end(), [&](const std::string& g) { return glob_match(g, e.path); });
}

}  // namespace

void check_policy(Charter& charter, const RuleSet& rules, Lang lang) {
  std::vector<std::string> problems;
  std::vector<std::string> ids;
  for (const auto& rule : rules.rules) ids.push_back(rule.id);
  std::map<std::string, SourcePos> seen;
  for (const auto& entry : charter.policy.rules) {
    if (auto [it, fresh] = seen.emplace(entry.rule, entry.pos); !fresh) {
      problems.push_back(InputError::format(charter.path, entry.pos,
                                            Text{"policy.rules names " + entry.rule + " twice (first at " + place(charter, it->second) +
                                                     "); give one entry per rule",
                                                 "policy.rules nomme " + entry.rule + " deux fois (d'abord en " + place(charter, it->second) +
                                                     ")\u00A0; une seule entrée par règle"}
                                                .in(lang)));
      continue;
    }
    const Rule* rule = rules.find(entry.rule);
    if (!rule) {
      std::string closest = did_you_mean(entry.rule, ids);
      charter.warnings.push_back(InputError::format(
          charter.path, entry.pos,
          Text{"policy.rules names rule " + entry.rule + ", which no rule in force has: it changes nothing" +
                   (closest.empty() ? "" : "; did you mean " + closest + "?"),
               "policy.rules nomme la règle " + entry.rule + ", qu'aucune règle en vigueur ne porte\u00A0: elle ne change rien" +
                   (closest.empty() ? "" : "\u00A0; vouliez-vous dire " + closest + "\u00A0?")}
              .in(lang)));
      continue;
    }
    if (rule->severity != Severity::critical) continue;
    // The Pact's red lines (advertising, data sale...): a critical rule may be waived, with a
    // reason and an end date, but never switched off nor made to weigh less.
    if (entry.disable)
      problems.push_back(InputError::format(charter.path, entry.action_pos,
                                            Text{entry.rule + " is a critical rule (a red line of the Pact): it cannot be disabled; "
                                                 "waive it instead, with a reason and an end date (policy.waivers)",
                                                 entry.rule + " est une règle critique (une ligne rouge du Pacte)\u00A0: elle ne peut pas "
                                                 "être désactivée\u00A0; accordez plutôt une dérogation motivée et datée (policy.waivers)"}
                                                .in(lang)));
    else if (!entry.severity.empty() && entry.severity != "critical")
      problems.push_back(InputError::format(charter.path, entry.action_pos,
                                            Text{entry.rule + " is a critical rule (a red line of the Pact): it cannot be re-graded to " +
                                                     entry.severity + "; waive it instead, with a reason and an end date (policy.waivers)",
                                                 entry.rule + " est une règle critique (une ligne rouge du Pacte)\u00A0: elle ne peut pas être "
                                                     "reclassée en " + entry.severity +
                                                     "\u00A0; accordez plutôt une dérogation motivée et datée (policy.waivers)"}
                                                .in(lang)));
  }
  if (!problems.empty()) throw CharterInvalid(problems);
}

RuleSet apply_rule_policy(const RuleSet& rules, const Charter& charter) {
  RuleSet out;
  out.sources = rules.sources;
  out.hash = rules.hash;
  out.rules.reserve(rules.rules.size());
  for (const auto& rule : rules.rules) {
    auto entry = std::find_if(charter.policy.rules.begin(), charter.policy.rules.end(),
                              [&](const RulePolicy& p) { return p.rule == rule.id; });
    if (entry == charter.policy.rules.end()) {
      out.rules.push_back(rule);
      continue;
    }
    // check_policy has refused what the red lines forbid; this stays safe without it.
    if (entry->disable && rule.severity != Severity::critical) continue;
    Rule copy = rule;
    if (auto s = severity_named(entry->severity); s && (rule.severity != Severity::critical || *s == Severity::critical))
      copy.severity = *s;
    out.rules.push_back(std::move(copy));
  }
  return out;
}

void waive_findings(RuleResult& result, const Charter& charter) {
  if (result.status != Status::fail || result.evidence.empty()) return;
  const std::string& id = result.rule->id;
  bool any = std::any_of(charter.waivers.begin(), charter.waivers.end(),
                         [&](const Waiver& w) { return w.applies && w.scoped() && w.rule == id; });
  if (!any) return;
  std::vector<Evidence> kept;
  // Where the waived findings are ("path:line"), to tell whether the primitive's message
  // names one of them.
  std::vector<std::string> waived_at;
  auto location = [](const Evidence& e) { return e.line > 0 ? fmt::format("{}:{}", e.path, e.line) : e.path; };
  for (auto& e : result.evidence) {
    const std::string fp = finding_fingerprint(id, e);
    const Waiver* by = nullptr;
    for (const auto& w : charter.waivers)
      if (covers(w, id, e, fp)) {
        by = &w;
        break;
      }
    if (!by) {
      kept.push_back(std::move(e));
      continue;
    }
    ++result.findings_waived;
    waived_at.push_back(location(e));
    auto counted = std::find_if(result.scoped_waivers.begin(), result.scoped_waivers.end(), [&](const auto& p) { return p.first == by; });
    if (counted == result.scoped_waivers.end()) result.scoped_waivers.emplace_back(by, 1);
    else ++counted->second;
  }
  result.evidence = std::move(kept);
  if (result.findings_waived == 0) return;
  if (result.evidence.empty()) {
    result.status = Status::waived;
    result.waiver = result.scoped_waivers.front().first;
    return;
  }
  // A message that names a waived finding ("3 defects, first a.html:3: ...") would send the
  // reader to what the policy took out: it then names the first finding that remains.
  const bool names_waived = std::any_of(waived_at.begin(), waived_at.end(), [&](const std::string& at) {
    return result.message.en.find(at) != std::string::npos &&
           std::none_of(result.evidence.begin(), result.evidence.end(), [&](const Evidence& e) { return location(e) == at; });
  });
  if (names_waived) {
    const Evidence& first = result.evidence.front();
    const std::size_t left = result.evidence.size(), waived = result.findings_waived;
    const std::string& what_en = first.note.empty() ? first.snippet : first.note;
    const std::string& what_fr = first.note_in(Lang::fr).empty() ? first.snippet : first.note_in(Lang::fr);
    result.message.en = fmt::format("{} {} remaining after the charter's policy waived {}; first {}{}{}", left,
                                    left == 1 ? "finding" : "findings", waived, location(first), what_en.empty() ? "" : ": ", what_en);
    result.message.fr = fmt::format("{} {} après {} {} par une dérogation de la charte\u00A0; dont {}{}{}", left,
                                    left == 1 ? "constat restant" : "constats restants", waived,
                                    waived == 1 ? "constat couvert" : "constats couverts", location(first),
                                    what_fr.empty() ? "" : "\u00A0: ", what_fr);
    return;
  }
  // The primitive's message counted every finding: say how many of them the policy waived.
  const std::string n = std::to_string(result.findings_waived), left = std::to_string(result.evidence.size());
  result.message.en += " (" + n + " of these findings waived by the charter's policy, " + left + " remaining)";
  result.message.fr += " (dont " + n + (result.findings_waived == 1 ? " constat couvert" : " constats couverts") +
                       " par une dérogation de la charte\u00A0; " + left + (result.evidence.size() == 1 ? " restant)" : " restants)");
}

void warn_unused_waivers(Charter& charter, const std::vector<RuleResult>& results, Lang lang) {
  std::vector<std::string> found;
  for (const auto& w : charter.waivers) {
    if (!w.applies) continue;  // expired or without a reason: already said
    auto in_force = std::find_if(results.begin(), results.end(), [&](const RuleResult& r) { return r.rule->id == w.rule; });
    if (in_force == results.end()) continue;  // an unknown or disabled rule: said elsewhere
    bool used = std::any_of(results.begin(), results.end(), [&](const RuleResult& r) {
      return r.waiver == &w || std::any_of(r.scoped_waivers.begin(), r.scoped_waivers.end(), [&](const auto& p) { return p.first == &w; });
    });
    if (used) continue;
    // The rule did not fail (nothing to waive), or it failed with no finding under the scope.
    const bool failed = std::any_of(results.begin(), results.end(), [&](const RuleResult& r) {
      return r.rule->id == w.rule && (r.status == Status::fail || r.status == Status::waived);
    });
    Text why = failed && w.scoped() ? Text{"no finding of " + w.rule + " matched it", "aucun constat de " + w.rule + " n'y correspond"}
                                    : Text{w.rule + " did not fail", w.rule + " n'a pas échoué"};
    charter.warnings.push_back(InputError::format(charter.path, w.pos,
                                                  Text{"the waiver of " + w.rule + " matched nothing in this audit (" + why.en +
                                                           "): remove it, or check its paths",
                                                       "la dérogation à " + w.rule + " ne s'est appliquée à rien dans cet audit (" +
                                                           why.fr + ")\u00A0: retirez-la, ou vérifiez ses chemins"}
                                                      .in(lang)));
  }
}

nlohmann::json policy_report(const Charter& charter, const RuleSet& rules, const std::vector<RuleResult>& results) {
  nlohmann::json disabled = nlohmann::json::array(), regraded = nlohmann::json::array(), waivers = nlohmann::json::array();
  for (const auto& entry : charter.policy.rules) {
    const Rule* rule = rules.find(entry.rule);
    if (!rule) continue;  // an unknown rule id changes nothing (a charter warning says so)
    nlohmann::json j = {{"rule", entry.rule}, {"reason", to_valid_utf8(entry.reason)}, {"where", to_valid_utf8(place(charter, entry.pos))}};
    if (entry.disable) {
      j["severity"] = severity_name(rule->severity);
      disabled.push_back(std::move(j));
    } else if (!entry.severity.empty() && entry.severity != severity_name(rule->severity)) {
      j["from"] = severity_name(rule->severity);
      j["to"] = entry.severity;
      regraded.push_back(std::move(j));
    }
  }
  for (const auto& w : charter.waivers) {
    if (!w.in_policy) continue;
    std::size_t waived = 0;
    bool whole = false;
    for (const auto& r : results) {
      if (r.waiver == &w && !w.scoped()) whole = true;
      for (const auto& [by, count] : r.scoped_waivers)
        if (by == &w) waived += count;
    }
    nlohmann::json j = {{"rule", w.rule},
                        {"reason", to_valid_utf8(w.reason)},
                        {"until", w.until},
                        {"applies", w.applies},
                        {"where", to_valid_utf8(place(charter, w.pos))}};
    if (!w.paths.empty()) {
      nlohmann::json paths = nlohmann::json::array();
      for (const auto& p : w.paths) paths.push_back(to_valid_utf8(p));
      j["paths"] = paths;
    }
    if (!w.finding.empty()) j["finding"] = w.finding;
    if (!w.applies) j["not_applied"] = to_valid_utf8(w.not_applied);
    if (w.scoped()) j["findings_waived"] = waived;
    else j["rule_waived"] = whole;
    waivers.push_back(std::move(j));
  }
  nlohmann::json gate = nlohmann::json::object();
  if (charter.policy.fail_on) gate["fail_on"] = *charter.policy.fail_on;
  if (charter.policy.fail_under) gate["fail_under"] = *charter.policy.fail_under;
  return {{"disabled", disabled}, {"regraded", regraded}, {"waivers", waivers}, {"gate", gate}};
}

Gate gate_with_policy(const nlohmann::json& report, const Gate& command_line, bool fail_under_given, bool fail_on_given) {
  Gate gate;
  if (report.is_object() && report.contains("policy") && report["policy"].is_object()) {
    const nlohmann::json& g = report["policy"].value("gate", nlohmann::json::object());
    if (g.is_object()) {
      if (g.contains("fail_on") && g["fail_on"].is_string()) gate.fail_on = g["fail_on"].get<std::string>();
      if (g.contains("fail_under") && g["fail_under"].is_number()) gate.fail_under = g["fail_under"].get<double>();
    }
  }
  if (fail_under_given) gate.fail_under = command_line.fail_under;
  if (fail_on_given) gate.fail_on = command_line.fail_on;
  return gate;
}

}  // namespace pacte
