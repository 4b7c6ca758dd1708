#include "checks/a11y/paths.hpp"

#include <algorithm>

#include "checks/base/text.hpp"

namespace pacte::a11y {

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  while (b <= path.size()) {
    auto e = path.find('/', b);
    if (e == std::string_view::npos) e = path.size();
    if (e > b) out.push_back(path.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

bool in_vendored_folder(std::string_view path) {
  static const std::vector<std::string_view> kFolders = {
      "node_modules", "vendor", "bower_components", "third_party", "third-party", "dist",
      "build", ".next", ".nuxt", "coverage", ".git", "Pods", "Carthage", ".dart_tool",
      "site-packages", "venv", ".venv", "__pycache__", "target", "out", ".svelte-kit",
      // Copies of consent managers: their translation files are theirs, not the service's.
      "tarteaucitron", "tarteaucitron.js", "orejime", "klaro", "cookieconsent"};
  auto segments = path_segments(path);
  if (!segments.empty()) segments.pop_back();
  for (auto seg : segments) {
    if (std::find(kFolders.begin(), kFolders.end(), seg) != kFolders.end()) return true;
  }
  return false;
}

bool is_test_path(std::string_view path) {
  static const std::vector<std::string_view> kFolders = {
      "test", "tests", "__tests__", "spec", "specs", "fixtures", "__fixtures__", "__mocks__",
      "e2e", "cypress", "testdata", "test-data", "__snapshots__", "stories", ".storybook"};
  auto segments = path_segments(path);
  if (segments.empty()) return false;
  std::string base = ascii_lower(segments.back());
  segments.pop_back();
  for (auto seg : segments) {
    std::string lower = ascii_lower(seg);
    if (std::find(kFolders.begin(), kFolders.end(), lower) != kFolders.end()) return true;
  }
  for (std::string_view marker : {".test.", ".spec.", ".stories.", ".story.", "_test.", "_spec."}) {
    if (base.find(marker) != std::string::npos) return true;
  }
  return false;
}

bool is_example_path(std::string_view path) {
  static const std::vector<std::string_view> kFolders = {"example", "examples", "sample", "samples"};
  auto segments = path_segments(path);
  if (!segments.empty()) segments.pop_back();
  for (auto seg : segments) {
    if (std::find(kFolders.begin(), kFolders.end(), ascii_lower(seg)) != kFolders.end()) return true;
  }
  return false;
}

namespace {

// Decodes one UTF-8 sequence at `i`; returns the code point, or -1 for an invalid byte.
long decode(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return -1;
  }
  long cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((c >> 6) != 2) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

const char* fold_latin1(long cp) {
  static const char* const kTable[64] = {
      // U+00C0 .. U+00FF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "x", "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y"};
  return kTable[cp - 0xC0];
}

}  // namespace

std::string fold_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    long cp = decode(s, i);
    if (cp < 0) {
      out += s[start];
      continue;
    }
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      out += fold_latin1(cp);
    } else if (cp >= 0x300 && cp <= 0x36F) {
      // combining marks (NFD accents): dropped
    } else if (cp == 0x152 || cp == 0x153) {
      out += "oe";
    } else if (cp == 0x178) {
      out += "y";
    } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x2BC || cp == 0xB4 || cp == 0x2032) {
      out += '\'';
    } else if (cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007 || cp == 0x2002 ||
               cp == 0x2003) {
      out += ' ';
    } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
      out += '-';
    } else if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB) {
      out += '"';
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace pacte::a11y
