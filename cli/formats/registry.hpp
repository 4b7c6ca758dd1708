// The output formats, one table each: the report formats (`pacte audit --format`, `pacte
// render --format`, the extra file of `pacte batch`) and the batch summary formats (the files
// `pacte batch` and `pacte merge --out` write, `pacte merge --format`). Adding a format is
// adding one entry to its table; every command, option check and help text reads the table.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/base/text.hpp"

namespace pacte {

using nlohmann::json;

/// One way of writing a report document.
struct ReportFormat {
  /// The value of `--format`.
  std::string_view name;
  /// How the name of a file in this format ends (".sarif", ".junit.xml").
  std::string_view extension;
  /// Whether `pacte batch --format NAME` writes this format beside each repository's JSON and
  /// HTML reports (which it always writes): false for those two and for the terminal text.
  bool batch_extra;
  /// Renders a report already in `lang` (see `render_report_in`); `color` is for terminals.
  std::string (*render)(const json& report, Lang lang, bool color);
};

/// Every report format, the default (text) first.
std::span<const ReportFormat> report_formats();

/// The format called `name`, or nullptr.
const ReportFormat* find_report_format(std::string_view name);

/// The names of the report formats, in table order.
std::vector<std::string> report_format_names();

/// The report in `format` and `lang`: its texts are put in `lang` first (`report_in_language`).
std::string render_report_in(const ReportFormat& format, const json& report, Lang lang, bool color = false);

/// One file of a batch summary, written from the `summary.json` document.
struct SummaryFormat {
  /// The value of `pacte merge --format`.
  std::string_view name;
  /// The file `pacte batch` and `pacte merge --out` write in their output folder.
  std::string_view file_name;
  std::string (*render)(const json& summary, Lang lang);
};

/// Every summary format, the default (json) first.
std::span<const SummaryFormat> summary_formats();

/// The summary format called `name`, or nullptr.
const SummaryFormat* find_summary_format(std::string_view name);

/// The names of the summary formats, in table order.
std::vector<std::string> summary_format_names();

/// Names for a help text: "a, b or c", the first one followed by " (default)".
std::string format_names_in_words(const std::vector<std::string>& names);

}  // namespace pacte
