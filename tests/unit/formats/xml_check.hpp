// A small XML 1.0 well-formedness checker for the tests (so that they need no xmllint): legal
// characters, matched tags, one root, quoted attributes without duplicates, and only the
// predefined or numeric entity references.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pacte::test {

/// "" when `doc` is well-formed XML, else what is wrong and at which byte offset.
inline std::string xml_problem(std::string_view doc) {
  std::size_t i = 0;
  auto fail = [&](const std::string& what) { return what + " at byte " + std::to_string(i); };
  // Characters: valid UTF-8 and legal in XML 1.0.
  for (std::size_t k = 0; k < doc.size();) {
    unsigned char c = static_cast<unsigned char>(doc[k]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || k + n > doc.size()) return "invalid UTF-8 at byte " + std::to_string(k);
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t j = 1; j < n; ++j) {
      unsigned char d = static_cast<unsigned char>(doc[k + j]);
      if ((d & 0xC0) != 0x80) return "invalid UTF-8 at byte " + std::to_string(k);
      cp = cp << 6 | (d & 0x3F);
    }
    bool legal = cp == 9 || cp == 10 || cp == 13 || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                 (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!legal) return "character U+" + std::to_string(static_cast<unsigned>(cp)) + " illegal in XML at byte " + std::to_string(k);
    k += n;
  }
  auto is_name_start = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || (c & 0x80); };
  auto is_name = [&](char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; };
  auto check_ref = [&](std::size_t& k) -> bool {  // doc[k] == '&'
    std::size_t semi = doc.find(';', k);
    if (semi == std::string_view::npos || semi - k > 12) return false;
    std::string_view ref = doc.substr(k + 1, semi - k - 1);
    bool ok = ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos";
    if (!ok && ref.size() > 1 && ref[0] == '#') {
      ok = true;
      bool hex = ref[1] == 'x';
      for (std::size_t j = hex ? 2 : 1; j < ref.size(); ++j) {
        char c = ref[j];
        bool digit = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
        ok = ok && digit;
      }
      ok = ok && ref.size() > (hex ? 2u : 1u);
    }
    k = semi + 1;
    return ok;
  };
  std::vector<std::string> stack;
  bool root_seen = false;
  while (i < doc.size()) {
    char c = doc[i];
    if (c == '&') {
      if (!check_ref(i)) return fail("bad entity reference");
      continue;
    }
    if (c != '<') {
      if (stack.empty() && c != ' ' && c != '\n' && c != '\r' && c != '\t') return fail("text outside the root element");
      ++i;
      continue;
    }
    if (doc.substr(i, 4) == "<!--") {
      std::size_t end = doc.find("-->", i + 4);
      if (end == std::string_view::npos) return fail("unclosed comment");
      i = end + 3;
      continue;
    }
    if (doc.substr(i, 9) == "<![CDATA[") {
      std::size_t end = doc.find("]]>", i);
      if (end == std::string_view::npos || stack.empty()) return fail("bad CDATA");
      i = end + 3;
      continue;
    }
    if (doc.substr(i, 2) == "<?" || doc.substr(i, 2) == "<!") {
      if (!stack.empty() && doc[i + 1] == '!') return fail("declaration inside an element");
      std::size_t end = doc.find('>', i);
      if (end == std::string_view::npos) return fail("unclosed declaration");
      i = end + 1;
      continue;
    }
    bool closing = i + 1 < doc.size() && doc[i + 1] == '/';
    std::size_t k = i + (closing ? 2 : 1);
    if (k >= doc.size() || !is_name_start(doc[k])) return fail("bad tag name");
    std::size_t start = k;
    while (k < doc.size() && is_name(doc[k])) ++k;
    std::string name(doc.substr(start, k - start));
    if (closing) {
      while (k < doc.size() && (doc[k] == ' ' || doc[k] == '\n' || doc[k] == '\t' || doc[k] == '\r')) ++k;
      if (k >= doc.size() || doc[k] != '>') return fail("bad closing tag");
      if (stack.empty() || stack.back() != name) return fail("closing </" + name + "> does not match");
      stack.pop_back();
      i = k + 1;
      continue;
    }
    std::set<std::string> attributes;
    bool self_closing = false;
    for (;;) {
      bool space = false;
      while (k < doc.size() && (doc[k] == ' ' || doc[k] == '\n' || doc[k] == '\t' || doc[k] == '\r')) ++k, space = true;
      if (k >= doc.size()) return fail("unclosed tag <" + name + ">");
      if (doc[k] == '>') break;
      if (doc.substr(k, 2) == "/>") {
        self_closing = true;
        ++k;
        break;
      }
      if (!space || !is_name_start(doc[k])) return fail("bad attribute in <" + name + ">");
      std::size_t a = k;
      while (k < doc.size() && is_name(doc[k])) ++k;
      std::string attribute(doc.substr(a, k - a));
      if (!attributes.insert(attribute).second) return fail("duplicate attribute " + attribute);
      if (k >= doc.size() || doc[k] != '=') return fail("attribute " + attribute + " without value");
      ++k;
      if (k >= doc.size() || (doc[k] != '"' && doc[k] != '\'')) return fail("unquoted attribute " + attribute);
      char quote = doc[k++];
      while (k < doc.size() && doc[k] != quote) {
        if (doc[k] == '<') return fail("'<' in attribute " + attribute);
        if (doc[k] == '&') {
          if (!check_ref(k)) return fail("bad entity in attribute " + attribute);
        } else {
          ++k;
        }
      }
      if (k >= doc.size()) return fail("unclosed attribute " + attribute);
      ++k;
    }
    if (stack.empty()) {
      if (root_seen) return fail("second root element <" + name + ">");
      root_seen = true;
    }
    if (!self_closing) stack.push_back(name);
    i = k + 1;
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  if (!root_seen) return "no root element";
  return {};
}

}  // namespace pacte::test
