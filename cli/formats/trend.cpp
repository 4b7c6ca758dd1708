#include "cli/formats/trend.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "checks/base/vocabulary.hpp"
#include "cli/formats/view.hpp"

namespace pacte::formats {

std::vector<TrendPoint> read_trend(const json& report) {
  std::vector<TrendPoint> out;
  if (!report.is_object() || !report.contains("trend") || !report["trend"].is_array()) return out;
  auto text = [](const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? to_valid_utf8(j[key].get<std::string>()) : std::string();
  };
  auto ids = [](const json& j, const char* key) {
    std::vector<std::string> v;
    if (j.contains(key) && j[key].is_array())
      for (const auto& id : j[key])
        if (id.is_string()) v.push_back(to_valid_utf8(id.get<std::string>()));
    return v;
  };
  for (const auto& p : report["trend"]) {
    if (!p.is_object()) continue;
    TrendPoint t;
    t.date = text(p, "date").substr(0, 10);
    t.revision = text(p, "tag");
    if (t.revision.empty()) t.revision = text(p, "commit").substr(0, 12);
    if (p.contains("score") && p["score"].is_number()) t.score = p["score"].get<double>();
    t.verdict = text(p, "verdict");
    t.new_failures = ids(p, "new_failures");
    t.fixed = ids(p, "fixed");
    t.error = text(p, "error");
    if (!t.error.empty()) t.verdict = "error";
    out.push_back(std::move(t));
  }
  return out;
}

std::string trend_changes(const TrendPoint& point, Lang lang) {
  if (!point.error.empty()) return point.error;
  std::string out;
  for (const auto& id : point.new_failures) out += (out.empty() ? "+" : " +") + id;
  for (const auto& id : point.fixed) out += (out.empty() ? "\xE2\x88\x92" : " \xE2\x88\x92") + id;  // U+2212 minus
  return out.empty() ? std::string(label(L::trend_no_change, lang)) : out;
}

std::string trend_verdict(const TrendPoint& point, Lang lang) {
  return point.verdict == "error" ? std::string(label(L::error_status, lang)) : verdict_label(point.verdict, lang);
}

std::string trend_markdown(const json& report, Lang lang) {
  const auto points = read_trend(report);
  if (points.empty()) return {};
  std::string out = fmt::format("### {}\n\n| {} | {} | {} | {} | {} |\n|---|---|---:|---|---|\n", label(L::trend_title, lang),
                                label(L::trend_date, lang), label(L::trend_revision, lang), label(L::score, lang),
                                label(L::verdict, lang), label(L::trend_changes, lang));
  for (const auto& p : points)
    out += fmt::format("| {} | {} | {} | {} | {} |\n", md_escape(p.date), p.revision.empty() ? "" : md_code(p.revision),
                       format_score(p.score, lang), md_escape(trend_verdict(p, lang)), md_escape(truncate_utf8(trend_changes(p, lang), 300)));
  return out + "\n";
}

std::string trend_html(const json& report, Lang lang) {
  const auto points = read_trend(report);
  if (points.empty()) return {};
  auto h = [](std::string_view s) { return html_escape(s); };
  const std::string_view colon = label(L::colon, lang);
  std::string out = fmt::format("<section aria-labelledby=\"h-trend\">\n<h2 id=\"h-trend\">{}</h2>\n", h(label(L::trend_title, lang)));
  // The chart: score 0–100 upwards, one slot per point, oldest on the left. A single point is
  // drawn in the middle; a flat line stays a line; error points are crosses on the axis.
  const double left = 44, right = 584, top = 12, bottom = 132;
  const double slot = points.size() > 1 ? (right - left) / static_cast<double>(points.size() - 1) : 0;
  auto x_of = [&](std::size_t i) { return points.size() > 1 ? left + slot * static_cast<double>(i) : (left + right) / 2; };
  auto y_of = [&](double score) { return bottom - (bottom - top) * std::clamp(score, 0.0, 100.0) / 100.0; };
  out += fmt::format(
      "<svg class=\"trend\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 600 160\" width=\"100%\" "
      "preserveAspectRatio=\"xMinYMin meet\"><title id=\"trend-title\">{}</title>",
      h(label(L::trend_chart, lang)));
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#6b6b6b\" stroke-width=\"1\"/>", left, bottom, right);
  for (int mark : {50, 80, 100})
    out += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#d0d0d0\" stroke-dasharray=\"3 3\"/>"
                       "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\" font-size=\"10\" fill=\"#3d3d3d\">{5}</text>",
                       left, y_of(mark), right, left - 6, y_of(mark) + 4, mark);
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" fill=\"#3d3d3d\">0</text>", left - 6, bottom + 4);
  // The line joins consecutive audited points; an error point breaks it.
  std::string path;
  bool pen_down = false;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!points[i].score) {
      pen_down = false;
      continue;
    }
    path += fmt::format("{}{:.1f} {:.1f} ", pen_down ? "L" : "M", x_of(i), y_of(*points[i].score));
    pen_down = true;
  }
  // A lone point has no line to draw: its dot says it all.
  if (path.find('L') != std::string::npos) out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#1d5fa8\" stroke-width=\"2\"/>", path);
  const std::size_t label_every = std::max<std::size_t>(1, (points.size() + 7) / 8);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto& p = points[i];
    const std::string tip = h(p.date + " " + p.revision).append(colon).append(h(p.score ? format_score(p.score, lang) : p.error));
    if (p.score)
      out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"#1d5fa8\"><title>{}</title></circle>", x_of(i), y_of(*p.score),
                         tip);
    else
      out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#b00020\">\xC3\x97<title>{}</title></text>",
                         x_of(i), bottom - 3, tip);
    if (i % label_every == 0 || i + 1 == points.size())
      out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9.5\" fill=\"#3d3d3d\">{}</text>", x_of(i),
                         bottom + 14, h(p.date));
  }
  out += "</svg>\n";
  // The same data as a table: readable without the chart, and by a screen reader.
  out += fmt::format(
      "<table>\n<caption class=\"muted\">{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
      "<th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
      h(label(L::trend_chart, lang)), h(label(L::trend_date, lang)), h(label(L::trend_revision, lang)), h(label(L::score, lang)),
      h(label(L::verdict, lang)), h(label(L::trend_changes, lang)));
  for (const auto& p : points)
    out += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n", h(p.date),
                       h(p.revision), h(format_score(p.score, lang)), h(trend_verdict(p, lang)), h(trend_changes(p, lang)));
  out += "</tbody>\n</table>\n</section>\n";
  return out;
}

}  // namespace pacte::formats
