#include "checks/engine/gate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "checks/base/vocabulary.hpp"

namespace pacte {

bool gate_is_set(const Gate& gate) { return gate.fail_under >= 0 || gate.fail_on != "never"; }

bool passes_gate(const nlohmann::json& report, const Gate& gate, std::string& why) {
  Lang lang = report.value("lang", "en") == "fr" ? Lang::fr : Lang::en;
  std::vector<std::string> reasons;  // the score below the limit
  std::vector<std::string> rules;    // every rule that failed the gate, worst first
  if (gate.fail_under >= 0 && report["score"].is_number() && report["score"].get<double>() < gate.fail_under)
    reasons.push_back(fmt::format(fmt::runtime(label(L::gate_score_below, lang)), format_score(report["score"].get<double>(), lang),
                                  static_cast<int>(gate.fail_under)));
  if (gate.fail_on != "never") {
    // Every rule at or above the gate's severity that failed, or that could not be evaluated
    // (an error cannot pass a gate), worst first; failures known in a baseline do not count.
    int limit = severity_rank(gate.fail_on);
    struct Blocking {
      int rank;
      bool error;
      std::size_t index;
      std::string text;
    };
    std::vector<Blocking> blocking;
    std::size_t index = 0;
    for (const auto& r : report["results"]) {
      ++index;
      if (!r.is_object()) continue;
      std::string status = r.value("status", std::string());
      if (status != "fail" && status != "error") continue;
      if (status == "fail" && r.contains("new") && r["new"].is_boolean() && !r["new"].get<bool>()) continue;
      std::string severity = r.value("severity", std::string());
      int rank = severity_rank(severity);
      if (rank > limit) continue;
      L what = status == "error" ? L::gate_rule_error : L::gate_rule_failed;
      blocking.push_back({rank, status == "error", index,
                          fmt::format(fmt::runtime(label(what, lang)), r.value("rule", std::string()), severity_word(severity, lang))});
    }
    std::stable_sort(blocking.begin(), blocking.end(), [](const Blocking& a, const Blocking& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      return a.error < b.error;  // failures before rules that could not be evaluated
    });
    for (auto& b : blocking) rules.push_back(std::move(b.text));
  }
  if (reasons.empty() && rules.empty()) return true;
  if (!rules.empty()) {
    std::string list;
    for (const auto& r : rules) list += (list.empty() ? "" : ", ") + r;
    reasons.push_back(std::move(list));
  }
  std::string options, listed;
  if (gate.fail_under >= 0) options = fmt::format("--fail-under {}", static_cast<int>(gate.fail_under));
  if (gate.fail_on != "never") options += (options.empty() ? "" : ", ") + std::string("--fail-on ") + gate.fail_on;
  for (const auto& r : reasons) listed += (listed.empty() ? "" : "; ") + r;
  why = fmt::format(fmt::runtime(label(L::gate_failed, lang)), options, listed);
  return false;
}

}  // namespace pacte
