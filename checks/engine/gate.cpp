#include "checks/engine/gate.hpp"

#include <vector>

namespace pacte {

bool passes_gate(const nlohmann::json& report, const Gate& gate, std::string& why) {
  if (gate.fail_under >= 0 && report["score"].get<double>() < gate.fail_under) {
    why = "score " + report["score"].dump() + " is below --fail-under " + std::to_string(static_cast<int>(gate.fail_under));
    return false;
  }
  if (gate.fail_on != "never") {
    static const std::vector<std::string> order = {"critical", "high", "medium", "low"};
    auto rank = [](const std::string& s) {
      for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i] == s) return static_cast<int>(i);
      return 4;
    };
    int limit = rank(gate.fail_on);
    for (const auto& r : report["results"]) {
      if (r.value("status", std::string()) != "fail") continue;
      if (r.contains("new") && !r["new"].get<bool>()) continue;  // known in the baseline
      if (rank(r["severity"].get<std::string>()) <= limit) {
        why = r["rule"].get<std::string>() + " (" + r["severity"].get<std::string>() + ") failed";
        return false;
      }
    }
  }
  return true;
}

}  // namespace pacte
