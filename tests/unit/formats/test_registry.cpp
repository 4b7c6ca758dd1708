// The format registry: every report and summary format renders, names and files are unique,
// and a report is put in either language from what it carries.
#include <doctest/doctest.h>

#include <set>

#include "cli/formats/formats.hpp"
#include "cli/formats/registry.hpp"
#include "tests/unit/formats/fixture.hpp"

using namespace pacte;
using pacte::test::sample_catalog;
using pacte::test::sample_report;
using pacte::test::with_catalogue;

namespace {

/// The sample report as `pacte audit --lang en` writes it: its catalogue and every message in
/// both languages.
json bilingual_report() {
  json report = with_catalogue(sample_report(), sample_catalog());
  for (auto& r : report["results"]) {
    std::string en = r["message"];
    r["messages"] = {{"en", en}, {"fr", "FR: " + en}};
  }
  return report;
}

const json& result_of(const json& report, std::string_view rule) {
  for (const auto& r : report["results"])
    if (r["rule"] == rule) return r;
  static const json none;
  FAIL("no result for " << rule);
  return none;
}

}  // namespace

TEST_CASE("registry: report format names and file extensions are unique, text first") {
  std::set<std::string> names, extensions;
  for (const auto& f : report_formats()) {
    CHECK(names.insert(std::string(f.name)).second);
    CHECK(extensions.insert(std::string(f.extension)).second);
    CHECK(f.extension.front() == '.');
    CHECK(find_report_format(f.name) == &f);
  }
  CHECK(report_format_names() == std::vector<std::string>{"text", "json", "sarif", "junit", "markdown", "html"});
  CHECK(find_report_format("pdf") == nullptr);
  CHECK(find_report_format("") == nullptr);
  CHECK(format_names_in_words(report_format_names()) == "text (default), json, sarif, junit, markdown or html");
  // pacte batch writes JSON and HTML anyway, and text is for a terminal.
  for (const char* name : {"text", "json", "html"}) CHECK_FALSE(find_report_format(name)->batch_extra);
  for (const char* name : {"sarif", "junit", "markdown"}) CHECK(find_report_format(name)->batch_extra);
}

TEST_CASE("registry: every report format renders the sample report in both languages") {
  json report = bilingual_report();
  for (const auto& f : report_formats())
    for (Lang lang : {Lang::en, Lang::fr}) {
      INFO(f.name);
      std::string out = render_report_in(f, report, lang);
      CHECK(out.size() > 100);
      CHECK(out.find("NEUT-AD-SDK") != std::string::npos);
      // The messages shown are those of the asked language (JSON carries both, in `messages`).
      if (f.name == "json") continue;
      bool fr_message = out.find("FR: Only one maintainer") != std::string::npos;
      CHECK(fr_message == (lang == Lang::fr));
    }
  // The JSON format is the report itself, in the asked language.
  json fr = json::parse(render_report_in(*find_report_format("json"), report, Lang::fr));
  CHECK(fr["lang"] == "fr");
  CHECK(result_of(fr, "CONT-MAINTAINERS")["message"] == "FR: Only one maintainer is declared.");
  // The text format is the one pacte audit prints, with colours only when asked.
  std::string plain = render_report_in(*find_report_format("text"), report, Lang::en, false);
  std::string coloured = render_report_in(*find_report_format("text"), report, Lang::en, true);
  CHECK(plain.find('\033') == std::string::npos);
  CHECK(coloured.find('\033') != std::string::npos);
  CHECK(plain == render_text(report_in_language(report, Lang::en), Lang::en, false));
}

TEST_CASE("registry: summary formats are json, csv and html, each with its own file") {
  CHECK(summary_format_names() == std::vector<std::string>{"json", "csv", "html"});
  std::set<std::string> files;
  for (const auto& f : summary_formats()) CHECK(files.insert(std::string(f.file_name)).second);
  CHECK(files == std::set<std::string>{"summary.json", "summary.csv", "index.html"});
  CHECK(find_summary_format("sarif") == nullptr);
  json summary = {{"pacte_batch", 1}, {"rows", json::array()}};
  CHECK(json::parse(find_summary_format("json")->render(summary, Lang::en)) == summary);
}

TEST_CASE("report_in_language: titles, remediations and messages come from the catalogue and messages") {
  json report = bilingual_report();
  json fr = report_in_language(report, Lang::fr);
  CHECK(fr["lang"] == "fr");
  const json& ad = result_of(fr, "NEUT-AD-SDK");
  CHECK(ad["title"] == "Pas de SDK publicitaire");
  CHECK(ad["remediation"] == "Corrigez.");
  CHECK(ad["message"] == "FR: Advertising SDK com.google.android.gms:play-services-ads (Google AdMob)");
  // A rule missing from the catalogue keeps its title; evidence and fingerprints are untouched.
  CHECK(result_of(fr, "EQ-PRICING")["title"] == "Pricing declared");
  CHECK(ad["evidence"] == result_of(report, "NEUT-AD-SDK")["evidence"]);
  CHECK(ad["fingerprint"] == result_of(report, "NEUT-AD-SDK")["fingerprint"]);

  // Back to English: the catalogue's English texts and the English messages.
  json en = report_in_language(fr, Lang::en);
  CHECK(result_of(en, "NEUT-AD-SDK")["title"] == "No advertising SDK");
  CHECK(result_of(en, "NEUT-AD-SDK")["message"] == result_of(report, "NEUT-AD-SDK")["message"]);
  CHECK(result_of(en, "NEUT-AD-SDK")["remediation"] == "Fix it.");

  // French falls back to English where a text has no French.
  json partial = bilingual_report();
  partial["rules"][2]["title"]["fr"] = "";
  partial["results"][0]["messages"]["fr"] = "";
  json partial_fr = report_in_language(partial, Lang::fr);
  const json& fallback = result_of(partial_fr, "NEUT-AD-SDK");
  CHECK(fallback["title"] == "No advertising SDK");
  CHECK(fallback["message"] == result_of(report, "NEUT-AD-SDK")["message"]);
}

TEST_CASE("report_in_language: a report without catalogue or messages keeps its texts; junk stays junk") {
  json old = sample_report();
  json fr = report_in_language(old, Lang::fr);
  fr.erase("lang");
  old.erase("lang");
  CHECK(fr == old);
  for (const json& junk : {json(), json::array(), json{{"results", "nope"}}, json{{"results", {1, nullptr}}, {"rules", 3}}})
    CHECK_NOTHROW(report_in_language(junk, Lang::fr));
}

TEST_CASE("SARIF: rules come from the report's catalogue, not from a side channel") {
  json report = sample_report();
  // Without a catalogue: only the rules the results name.
  json bare = json::parse(render_sarif(report, Lang::en));
  CHECK(bare["runs"][0]["tool"]["driver"]["rules"].size() == report["results"].size());
  // With it: a rule in force that no result names still gets a descriptor, in the asked language.
  json catalog = sample_catalog();
  catalog["rules"].push_back({{"id", "OPEN-EXTRA"}, {"principle", "openness"}, {"severity", "low"},
                              {"title", {{"en", "An extra rule"}, {"fr", "Une règle de plus"}}},
                              {"rationale", {{"en", "Because."}, {"fr", "Parce que."}}}});
  json sarif = json::parse(render_sarif(with_catalogue(report, catalog), Lang::fr));
  bool found = false;
  for (const auto& r : sarif["runs"][0]["tool"]["driver"]["rules"])
    if (r["id"] == "OPEN-EXTRA") {
      found = true;
      CHECK(r["shortDescription"]["text"] == "Une règle de plus.");
      CHECK(r["fullDescription"]["text"] == "Parce que.");
    }
  CHECK(found);
}
