#include "corpus.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "checks/license/license.hpp"

namespace pacte::test {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_paragraphs(const std::string& text) {
  std::vector<std::string> paras;
  std::string cur;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    bool blank = line.find_first_not_of(" \t") == std::string::npos;
    if (blank) {
      if (!cur.empty()) paras.push_back(cur);
      cur.clear();
    } else {
      cur += line + "\n";
    }
  }
  if (!cur.empty()) paras.push_back(cur);
  return paras;
}

std::string join_paragraphs(const std::vector<std::string>& paras) {
  std::string out;
  for (const auto& p : paras) out += p + "\n";
  return out;
}

bool starts_list_item(const std::string& line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string::npos) return false;
  std::string s = line.substr(i);
  if (s[0] == '(' || s[0] == '*' || s[0] == '-') return true;
  std::size_t k = 0;
  while (k < s.size() && (std::isdigit(static_cast<unsigned char>(s[k])) || s[k] == '.')) ++k;
  if (k > 0 && k < s.size() && (s[k] == ' ' || s[k] == ')')) return true;
  std::size_t r = 0;
  while (r < s.size() && r < 5 && std::isalpha(static_cast<unsigned char>(s[r]))) ++r;
  bool roman = r > 0 && s.find_first_not_of("ivxIVX") >= r;
  if ((r == 1 || roman) && r + 1 < s.size() && (s[r] == ')' || s[r] == '.') && s[r + 1] == ' ') return true;
  return false;
}

std::size_t word_count(const std::string& s);

// Index of a paragraph in the middle of the licence body (before any GNU/Apache appendix).
std::size_t middle_paragraph(const std::vector<std::string>& paras) {
  std::size_t end = paras.size();
  for (std::size_t i = 0; i < paras.size(); ++i) {
    std::string up = paras[i];
    for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (up.find("END OF TERMS AND CONDITIONS") != std::string::npos) {
      end = i;
      break;
    }
  }
  // After the first paragraph of the body proper (20 words or more), so that the change is
  // inside the licence and not a note above it.
  std::size_t first_long = 0;
  while (first_long < end && word_count(paras[first_long]) < 20) ++first_long;
  std::size_t pick = std::max(end / 2, first_long + 1);
  return std::min(pick, end > 0 ? end - 1 : 0);
}

std::size_t word_count(const std::string& s) {
  std::istringstream in(s);
  std::string w;
  std::size_t n = 0;
  while (in >> w) ++n;
  return n;
}

}  // namespace

bool debian_corpus_available() {
  return std::filesystem::is_regular_file("/usr/share/common-licenses/GPL-3") &&
         std::filesystem::is_regular_file("/usr/share/common-licenses/Apache-2.0");
}

bool npm_corpus_available() {
  const char* dir = std::getenv("PACTE_LICENSE_CORPUS");
  return dir && *dir;
}

std::vector<CorpusText> debian_corpus() {
  static const std::vector<std::pair<std::string, std::string>> files = {
      {"Apache-2.0", "Apache-2.0"}, {"Artistic", "Artistic-1.0-Perl"}, {"BSD", "BSD-3-Clause"},
      {"CC0-1.0", "CC0-1.0"}, {"GFDL-1.2", "GFDL-1.2-only"}, {"GFDL-1.3", "GFDL-1.3-only"},
      {"GPL-1", "GPL-1.0-only"}, {"GPL-2", "GPL-2.0-only"}, {"GPL-3", "GPL-3.0-only"},
      {"LGPL-2", "LGPL-2.0-only"}, {"LGPL-2.1", "LGPL-2.1-only"}, {"LGPL-3", "LGPL-3.0-only"},
      {"MPL-1.1", "MPL-1.1"}, {"MPL-2.0", "MPL-2.0"}};
  std::vector<CorpusText> out;
  for (const auto& [file, id] : files) {
    std::filesystem::path p = std::filesystem::path("/usr/share/common-licenses") / file;
    if (!std::filesystem::exists(p)) continue;
    out.push_back({"debian:" + file, id, slurp(p)});
  }
  return out;
}

static const nlohmann::json* npm_json() {
  static std::optional<nlohmann::json> doc;
  static bool loaded = false;
  if (!loaded) {
    loaded = true;
    const char* dir = std::getenv("PACTE_LICENSE_CORPUS");
    if (!dir || !*dir) return nullptr;
    std::filesystem::path p = std::filesystem::path(dir) / "spdx-full.json";
    if (!std::filesystem::exists(p))
      p = std::filesystem::path(dir) / "node_modules" / "spdx-license-list" / "spdx-full.json";
    if (!std::filesystem::exists(p))
      throw std::runtime_error(std::string("PACTE_LICENSE_CORPUS=") + dir +
                               ": no spdx-full.json there (npm install spdx-license-list)");
    doc = nlohmann::json::parse(slurp(p));
  }
  return doc ? &*doc : nullptr;
}

std::optional<std::string> npm_text(const std::string& id) {
  const auto* j = npm_json();
  if (!j || !j->contains(id)) return std::nullopt;
  return (*j)[id]["licenseText"].get<std::string>();
}

std::optional<std::vector<CorpusText>> npm_corpus() {
  const auto* j = npm_json();
  if (!j) return std::nullopt;
  static const std::vector<std::string> gnu = {"GPL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.0",
                                               "LGPL-2.1", "LGPL-3.0", "AGPL-1.0", "AGPL-3.0",
                                               "GFDL-1.1", "GFDL-1.2", "GFDL-1.3"};
  std::vector<CorpusText> out;
  std::vector<std::string> seen;
  for (const auto& id : identifiable_licenses()) {
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    bool is_gnu = std::find(gnu.begin(), gnu.end(), id) != gnu.end();
    std::string key = is_gnu ? id + "-only" : id;
    if (!j->contains(key)) continue;
    out.push_back({"npm:" + key, key, (*j)[key]["licenseText"].get<std::string>()});
  }
  return out;
}

std::string with_copyright(const std::string& text) {
  std::string s = text;
  static const std::vector<std::string> holes = {
      "<year>", "<YEAR>", "[yyyy]", "<copyright holders>", "<copyright holder>",
      "<COPYRIGHT HOLDER>", "<owner>", "<OWNER>", "<organization>", "<ORGANIZATION>",
      "[name of copyright owner]", "<name of author>"};
  for (const auto& h : holes) {
    const std::string by = h.find("ear") != std::string::npos || h == "[yyyy]" ? "2024" : "Association Exemple";
    for (std::size_t p = s.find(h); p != std::string::npos; p = s.find(h, p + by.size())) s.replace(p, h.size(), by);
  }
  return "Copyright (c) 2021-2024 Association Exemple <contact@example.org>\n\n" + s;
}

std::string reflowed_markdown(const std::string& text) {
  std::string out;
  bool first = true;
  for (const auto& para : split_paragraphs(text)) {
    std::istringstream in(para);
    std::string line, cur;
    auto flush = [&] {
      if (cur.empty()) return;
      out += (first ? "# " : "") + cur + "\r\n";
      first = false;
      cur.clear();
    };
    while (std::getline(in, line)) {
      std::size_t b = line.find_first_not_of(" \t");
      line = b == std::string::npos ? "" : line.substr(b);
      if (starts_list_item(line)) flush();
      if (!cur.empty()) cur += ' ';
      cur += line;
    }
    flush();
    out += "\r\n";
  }
  // Typographic quotes, as a Markdown renderer or a word processor would write them.
  std::string q;
  bool open = true;
  for (char c : out) {
    if (c == '"') {
      q += open ? "\u201c" : "\u201d";
      open = !open;
    } else if (c == '\'') {
      q += "\u2019";
    } else {
      q += c;
    }
  }
  return q;
}

std::string rewrapped(const std::string& text, std::size_t width) {
  std::string out;
  for (const auto& para : split_paragraphs(text)) {
    std::istringstream in(para);
    std::string line, cur;
    std::vector<std::string> items;
    while (std::getline(in, line)) {
      if (starts_list_item(line) && !cur.empty()) {
        items.push_back(cur);
        cur.clear();
      }
      cur += (cur.empty() ? "" : " ") + line;
    }
    if (!cur.empty()) items.push_back(cur);
    for (const auto& item : items) {
      std::istringstream words(item);
      std::string w, l;
      while (words >> w) {
        if (!l.empty() && l.size() + 1 + w.size() > width) {
          out += l + "\n";
          l.clear();
        }
        l += (l.empty() ? "" : " ") + w;
      }
      if (!l.empty()) out += l + "\n";
    }
    out += "\n";
  }
  return out;
}

std::string with_note_above(const std::string& text) {
  return "This project is free software, maintained by volunteers of Association Exemple.\n"
         "The licence below applies to every file in this repository unless a file says\n"
         "otherwise. Questions: team@example.org.\n\n" +
         text;
}

std::string with_added_clause(const std::string& text, const std::string& clause) {
  auto paras = split_paragraphs(text);
  std::size_t at = middle_paragraph(paras);
  paras.insert(paras.begin() + static_cast<std::ptrdiff_t>(at), clause + "\n");
  return join_paragraphs(paras);
}

std::string with_removed_sentence(const std::string& text) {
  auto paras = split_paragraphs(text);
  std::size_t mid = middle_paragraph(paras);
  // The nearest paragraph at or after the middle with a sentence of 6+ words to remove.
  for (std::size_t k = 0; k < paras.size(); ++k) {
    std::size_t i = (mid + k) % paras.size();
    std::string& p = paras[i];
    std::size_t start = 0;
    while (start < p.size()) {
      std::size_t end = p.find(". ", start);
      std::size_t end2 = p.find(".\n", start);
      end = std::min(end, end2);
      if (end == std::string::npos) break;
      std::string sentence = p.substr(start, end + 1 - start);
      if (word_count(sentence) >= 6 && (start > 0 || end + 2 < p.size())) {
        p.erase(start, end + 2 - start);
        return join_paragraphs(paras);
      }
      start = end + 2;
    }
    if (word_count(p) >= 6 && i > 0) {
      paras.erase(paras.begin() + static_cast<std::ptrdiff_t>(i));
      return join_paragraphs(paras);
    }
  }
  return text;
}

std::string with_appended(const std::string& text, const std::string& clause) {
  return text + "\n\n" + clause + "\n";
}

}  // namespace pacte::test
