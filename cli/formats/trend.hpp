// Internal to the output formats: the `trend` array of a report (pacte audit --trend) read into
// typed points, and its renderings: a text table, a Markdown table and an inline SVG chart.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/base/text.hpp"

namespace pacte::formats {

/// One revision of the trend, as the report carries it.
struct TrendPoint {
  std::string date;      ///< YYYY-MM-DD, or "" when unknown.
  std::string revision;  ///< The tag, else the first 12 characters of the commit id, else "".
  std::optional<double> score;
  std::string verdict;  ///< "error" for a revision that could not be audited.
  std::vector<std::string> new_failures, fixed;
  std::string error;
};

/// The points of `report["trend"]`, oldest first; empty when the report has none.
std::vector<TrendPoint> read_trend(const nlohmann::json& report);

/// "+rule-a +rule-b −rule-c", or "no change", or the error of an `error` point.
std::string trend_changes(const TrendPoint& point, Lang lang);

/// The verdict of a point in words ("error" included).
std::string trend_verdict(const TrendPoint& point, Lang lang);

/// The Markdown trend section (a heading and a table); "" without a trend.
std::string trend_markdown(const nlohmann::json& report, Lang lang);

/// The HTML trend section: an inline SVG line chart of the score (no script; one point is a
/// dot, error points are marked on the axis) and the table of points; "" without a trend.
std::string trend_html(const nlohmann::json& report, Lang lang);

}  // namespace pacte::formats
