#include "checks/engine/gate.hpp"

#include <fmt/format.h>

#include "checks/base/vocabulary.hpp"

namespace pacte {

bool passes_gate(const nlohmann::json& report, const Gate& gate, std::string& why) {
  Lang lang = report.value("lang", "en") == "fr" ? Lang::fr : Lang::en;
  if (gate.fail_under >= 0 && report["score"].get<double>() < gate.fail_under) {
    why = fmt::format(fmt::runtime(label(L::gate_score_below, lang)), format_score(report["score"].get<double>(), lang),
                      static_cast<int>(gate.fail_under));
    return false;
  }
  if (gate.fail_on != "never") {
    int limit = severity_rank(gate.fail_on);
    for (const auto& r : report["results"]) {
      if (r.value("status", std::string()) != "fail") continue;
      if (r.contains("new") && !r["new"].get<bool>()) continue;  // known in the baseline
      std::string severity = r["severity"].get<std::string>();
      if (severity_rank(severity) <= limit) {
        why = fmt::format(fmt::runtime(label(L::gate_rule_failed, lang)), r["rule"].get<std::string>(),
                          severity_word(severity, lang));
        return false;
      }
    }
  }
  return true;
}

}  // namespace pacte
