#include "cli/formats/registry.hpp"

#include <algorithm>
#include <map>

#include "cli/formats/formats.hpp"

namespace pacte {

namespace {

// clang-format off
constexpr ReportFormat kReportFormats[] = {
  {"text", ".txt", false, [](const json& r, Lang l, bool color) { return render_text(r, l, color); }},
  {"json", ".json", false, [](const json& r, Lang, bool) { return r.dump(2) + "\n"; }},
  {"sarif", ".sarif", true, [](const json& r, Lang l, bool) { return render_sarif(r, l); }},
  {"junit", ".junit.xml", true, [](const json& r, Lang l, bool) { return render_junit(r, l); }},
  {"markdown", ".md", true, [](const json& r, Lang l, bool) { return render_markdown(r, l); }},
  {"html", ".html", false, [](const json& r, Lang l, bool) { return render_html(r, l); }},
};

constexpr SummaryFormat kSummaryFormats[] = {
  {"json", "summary.json", [](const json& s, Lang) { return s.dump(2) + "\n"; }},
  {"csv", "summary.csv", [](const json& s, Lang) { return render_summary_csv(s); }},
  {"html", "index.html", [](const json& s, Lang l) { return render_index_html(s, l); }},
};
// clang-format on

/// `{"en": ..., "fr": ...}` in `lang`, French falling back to English; empty when absent.
std::string in_language(const json& texts, Lang lang) {
  if (!texts.is_object()) return {};
  for (const char* key : {lang == Lang::fr ? "fr" : "en", "en"}) {
    auto it = texts.find(key);
    if (it != texts.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) return it->get<std::string>();
  }
  return {};
}

}  // namespace

std::span<const ReportFormat> report_formats() { return kReportFormats; }

const ReportFormat* find_report_format(std::string_view name) {
  for (const auto& f : kReportFormats)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> report_format_names() {
  std::vector<std::string> names;
  for (const auto& f : kReportFormats) names.emplace_back(f.name);
  return names;
}

std::string render_report_in(const ReportFormat& format, const json& report, Lang lang, bool color) {
  return format.render(report_in_language(report, lang), lang, color);
}

std::span<const SummaryFormat> summary_formats() { return kSummaryFormats; }

const SummaryFormat* find_summary_format(std::string_view name) {
  for (const auto& f : kSummaryFormats)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> summary_format_names() {
  std::vector<std::string> names;
  for (const auto& f : kSummaryFormats) names.emplace_back(f.name);
  return names;
}

std::string format_names_in_words(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
    if (i == 0) out += " (default)";
  }
  return out;
}

json report_in_language(const json& report, Lang lang) {
  if (!report.is_object()) return report;
  json out = report;
  out["lang"] = lang == Lang::fr ? "fr" : "en";
  std::map<std::string, const json*> catalogue;
  if (auto rules = report.find("rules"); rules != report.end() && rules->is_array())
    for (const auto& rule : *rules)
      if (rule.is_object() && rule.contains("id") && rule["id"].is_string()) catalogue.emplace(rule["id"].get<std::string>(), &rule);
  auto results = out.find("results");
  if (results == out.end() || !results->is_array()) return out;
  for (auto& result : *results) {
    if (!result.is_object()) continue;
    if (auto messages = result.find("messages"); messages != result.end()) {
      std::string message = in_language(*messages, lang);
      if (!message.empty()) result["message"] = message;
    }
    if (auto evidence = result.find("evidence"); evidence != result.end() && evidence->is_array())
      for (auto& e : *evidence)
        if (e.is_object())
          if (auto notes = e.find("notes"); notes != e.end() && notes->is_object()) {
            std::string note = in_language(*notes, lang);
            if (!note.empty()) e["note"] = note;
          }
    auto rule_id = result.find("rule");
    if (rule_id == result.end() || !rule_id->is_string()) continue;
    auto rule = catalogue.find(rule_id->get<std::string>());
    if (rule == catalogue.end()) continue;
    for (const char* key : {"title", "remediation"}) {
      auto texts = rule->second->find(key);
      if (texts == rule->second->end() || !texts->is_object()) continue;
      result[key] = in_language(*texts, lang);
    }
    // Reference titles, when the catalogue has them in both languages.
    auto refs = rule->second->find("references");
    if (refs != rule->second->end() && refs->is_array()) {
      json translated = json::array();
      for (const auto& ref : *refs) {
        if (!ref.is_object()) continue;
        json r = ref;
        if (auto t = ref.find("title"); t != ref.end() && t->is_object()) r["title"] = in_language(*t, lang);
        translated.push_back(std::move(r));
      }
      result["references"] = std::move(translated);
    }
  }
  return out;
}

}  // namespace pacte
