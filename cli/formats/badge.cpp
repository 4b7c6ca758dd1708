// A shields-style SVG badge for a README.
#include <cmath>

#include <fmt/format.h>

#include "cli/formats/formats.hpp"
#include "cli/formats/view.hpp"

namespace pacte {

using namespace formats;

namespace {

/// Approximate advance of `s` in 11px Verdana, the badge font (close to shields' own table).
double text_width(std::string_view s) {
  double w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    if (c >= 0x80) w += 7.0;
    else if (c == ' ') w += 3.9;
    else if (c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' || c == ':' || c == '\'' || c == '|' || c == '!') w += 3.4;
    else if (c == 'f' || c == 't' || c == 'r' || c == '-' || c == '(' || c == ')') w += 4.6;
    else if (c == 'm' || c == 'w') w += 10.7;
    else if (c == 'M' || c == 'W') w += 11.0;
    else if (c >= 'A' && c <= 'Z') w += 7.6;
    else w += 7.0;
  }
  return w;
}


}  // namespace

std::string render_badge_svg(const json& report, Lang lang) {
  ReportView view = read_report(report);
  const std::string left = "pacte";
  std::string right = format_score(view.score, lang) + " " + verdict_label(view.verdict, lang);
  right = xml_clean(right);
  int lw = static_cast<int>(std::ceil(text_width(left))) + 12;
  int rw = static_cast<int>(std::ceil(text_width(right))) + 12;
  int width = lw + rw;
  std::string title = fmt::format("pacte{}{} {} \xE2\x80\x94 {}", label(L::colon, lang), label(L::score, lang), format_score(view.score, lang),
                                  verdict_label(view.verdict, lang));
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"20\" role=\"img\" aria-label=\"{1}\">"
      "<title>{1}</title>"
      "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
      "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
      "<clipPath id=\"r\"><rect width=\"{0}\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
      "<g clip-path=\"url(#r)\"><rect width=\"{2}\" height=\"20\" fill=\"#555\"/>"
      "<rect x=\"{2}\" width=\"{3}\" height=\"20\" fill=\"{4}\"/><rect width=\"{0}\" height=\"20\" fill=\"url(#s)\"/></g>"
      "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
      "<text x=\"{5}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">{6}</text><text x=\"{5}\" y=\"14\">{6}</text>"
      "<text x=\"{7}\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">{8}</text><text x=\"{7}\" y=\"14\">{8}</text>"
      "</g></svg>\n",
      width, xml_escape(title, true), lw, rw, verdict_colour(view.verdict), lw / 2.0, xml_escape(left), lw + rw / 2.0,
      xml_escape(right));
  return out;
}

}  // namespace pacte
