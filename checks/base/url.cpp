#include "checks/base/url.hpp"

namespace pacte {

std::string redact_credentials(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t scheme_end = text.find("://", i);
    if (scheme_end == std::string_view::npos) break;
    std::size_t authority = scheme_end + 3;
    // The authority ends at the path, the query, the fragment, a space or a quote.
    std::size_t end = authority;
    while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' && text[end] != ' ' &&
           text[end] != '\t' && text[end] != '\n' && text[end] != '"' && text[end] != '\'' && text[end] != '>')
      ++end;
    std::size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
    out.append(text.substr(i, authority - i));
    if (at != std::string_view::npos && at >= authority && at < end) {
      out += "***";
      out.append(text.substr(at, end - at));
    } else {
      out.append(text.substr(authority, end - authority));
    }
    i = end;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace pacte
