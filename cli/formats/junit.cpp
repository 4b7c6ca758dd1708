// JUnit XML for GitLab test reports and Jenkins.
#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

struct Suite {
  std::string key;
  std::vector<const Finding*> cases;
  int failures = 0, errors = 0, skipped = 0;
};

std::string failure_body(const Finding& f, Lang lang) {
  std::string body = f.message.empty() ? f.title : f.message;
  const std::string_view colon = label(L::colon, lang);
  if (!f.evidence.empty()) body += fmt::format("\n\n{}{}", label(L::evidence, lang), colon.substr(0, colon.size() - 1));
  for (const auto& e : f.evidence) {
    std::string loc = evidence_location(e);
    body += "\n  " + (loc.empty() ? std::string("-") : loc);
    if (!e.snippet.empty()) body.append(colon).append(truncate_utf8(one_line(e.snippet), 300));
    if (!e.note.empty()) body += " (" + e.note + ")";
  }
  if (!f.remediation.empty()) body += fmt::format("\n\n{}{}{}", label(L::remediation, lang), colon, f.remediation);
  for (const auto& r : f.references) body += fmt::format("\n- {} {}", r.title, r.url);
  if (f.is_new) body += fmt::format("\n\n[{}]", label(*f.is_new ? L::new_finding : L::known_finding, lang));
  return body;
}

}  // namespace

std::string render_junit(const json& report, Lang lang) {
  ReportView view = read_report(report);
  std::vector<Suite> suites;
  for (const auto& p : view.principles) suites.push_back({p.key, {}, 0, 0, 0});
  for (const auto& f : view.results) {
    Suite* suite = nullptr;
    for (auto& s : suites)
      if (s.key == f.principle) suite = &s;
    if (!suite) {
      suites.push_back({f.principle, {}, 0, 0, 0});
      suite = &suites.back();
    }
    suite->cases.push_back(&f);
    if (f.status == "fail") ++suite->failures;
    else if (f.status == "error") ++suite->errors;
    else if (f.status == "skip" || f.status == "waived" || f.status == "undeclared") ++suite->skipped;
  }

  std::size_t tests = 0;
  int failures = 0, errors = 0, skipped = 0;
  for (const auto& s : suites) {
    tests += s.cases.size();
    failures += s.failures;
    errors += s.errors;
    skipped += s.skipped;
  }

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">\n",
                     xml_escape(fmt::format("pacte {} {} ({}{}{} \xE2\x80\x94 {})", view.pacte_version,
                                            label(L::report_title, lang), label(L::score, lang), label(L::colon, lang),
                                            format_score(view.score, lang), verdict_label(view.verdict, lang)),
                                true),
                     tests, failures, errors, skipped);
  for (const auto& s : suites) {
    if (s.cases.empty()) continue;
    std::optional<double> score;
    for (const auto& p : view.principles)
      if (p.key == s.key) score = p.score;
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">\n",
        xml_escape("pacte." + s.key, true), s.cases.size(), s.failures, s.errors, s.skipped);
    out += "    <properties>\n";
    out += fmt::format("      <property name=\"principle\" value=\"{}\"/>\n", xml_escape(principle_label(s.key, lang), true));
    out += fmt::format("      <property name=\"score\" value=\"{}\"/>\n", xml_escape(format_score(score, Lang::en), true));
    // What the audit could not read weakens every principle; what the tracker search left out
    // weakens neutrality.
    if (std::string note = unreadable_sentence(view.stats, lang); !note.empty())
      out += fmt::format("      <property name=\"files_not_read\" value=\"{}\"/>\n", xml_escape(note, true));
    if (std::string note = left_out_sentence(view.stats, lang); !note.empty() && s.key == "neutrality")
      out += fmt::format("      <property name=\"files_left_out\" value=\"{}\"/>\n", xml_escape(note, true));
    out += "    </properties>\n";
    for (const Finding* f : s.cases) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", xml_escape("pacte." + s.key, true),
                         xml_escape(fmt::format("{}{}{}", f->rule, label(L::colon, lang), f->title), true));
      std::string message = one_line(f->message.empty() ? f->title : f->message);
      if (f->status == "fail") {
        out += fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                           xml_escape(truncate_utf8(message, 1000), true), xml_escape(f->severity, true),
                           xml_escape(failure_body(*f, lang)));
      } else if (f->status == "error") {
        out += fmt::format(">\n      <error message=\"{}\" type=\"error\">{}</error>\n    </testcase>\n",
                           xml_escape(truncate_utf8(message, 1000), true), xml_escape(f->message));
      } else if (f->status == "waived") {
        std::string why = std::string(label(L::waived_status, lang));
        if (f->waiver) {
          why.append(label(L::colon, lang)).append(one_line(f->waiver->reason));
          if (!f->waiver->until.empty()) why += fmt::format(" ({} {})", label(L::waiver_until, lang), f->waiver->until);
        }
        out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml_escape(truncate_utf8(why, 1000), true));
      } else if (f->status == "undeclared") {
        // Skipped, saying why: no charter declares what the rule judges.
        std::string why = std::string(label(L::undeclared_status, lang)).append(label(L::colon, lang)).append(message);
        out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml_escape(truncate_utf8(why, 1000), true));
      } else if (f->status == "skip") {
        out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml_escape(truncate_utf8(message, 1000), true));
      } else {
        out += "/>\n";
      }
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace pacte
