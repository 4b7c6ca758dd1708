// GitHub Actions workflow commands (annotations) for failing results.
#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

std::string github_annotations(const json& report, Lang lang, std::size_t max) {
  ReportView view = read_report(report);
  std::vector<const Finding*> failures = failures_by_severity(view);
  std::string out;
  std::size_t shown = 0;
  for (const Finding* f : failures) {
    if (shown == max) break;
    ++shown;
    int rank = severity_rank(f->severity);
    const char* command = rank <= 1 ? "error" : rank == 2 ? "warning" : "notice";
    std::string properties;
    const Evidence* where = nullptr;
    for (const auto& e : f->evidence)
      if (!e.path.empty()) {
        where = &e;
        break;
      }
    if (where) {
      properties += "file=" + gh_escape_property(where->path);
      if (where->line > 0) properties += fmt::format(",line={}", where->line);
    } else if (view.charter_source != "none" && !view.charter_path.empty()) {
      properties += "file=" + gh_escape_property(view.charter_path);
    }
    std::string title = fmt::format("{}{}{}", f->rule, label(L::colon, lang), f->title);
    if (f->is_new && *f->is_new) title += fmt::format(" ({})", label(L::new_finding, lang));
    properties += std::string(properties.empty() ? "" : ",") + "title=" + gh_escape_property(one_line(title));
    std::string data = f->message.empty() ? f->title : f->message;
    if (!f->remediation.empty()) data += fmt::format("\n{}{}{}", label(L::remediation, lang), label(L::colon, lang), f->remediation);
    out += fmt::format("::{} {}::{}\n", command, properties, gh_escape_data(data));
  }
  if (shown < failures.size())
    out += "::notice::" +
           gh_escape_data(fmt::format(fmt::runtime(label(L::findings_not_shown, lang)), failures.size() - shown)) + "\n";
  return out;
}

}  // namespace pacte
