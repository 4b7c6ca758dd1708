#include "checks/a11y/languages.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "checks/a11y/paths.hpp"
#include "checks/a11y/sources.hpp"
#include "checks/a11y/templates.hpp"
#include "checks/base/blob_cache.hpp"
#include "checks/base/text.hpp"

namespace pacte {
namespace {

// ISO 639-1 (every two-letter code), then the ISO 639-2/3 codes that translation catalogs
// commonly use for languages without a two-letter code.
constexpr std::string_view kIso639_1 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv "
    "cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr "
    "ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw "
    "ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
    "ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr "
    "ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi "
    "yo za zh zu";
constexpr std::string_view kIso639_3 =
    "ast ber brx ceb chr ckb crs doi dsb fil frp fur gcf gcr gsw haw hil hsb ilo kab kok lij "
    "mai mfe mni nap nds pcd rcf rif sah sat sco scn shi szl tzm vec yue zgh";

bool known_language(std::string_view code) {
  std::string_view list = code.size() == 2 ? kIso639_1 : code.size() == 3 ? kIso639_3 : "";
  for (std::size_t i = 0; i + code.size() <= list.size(); i += code.size() + 1) {
    if (list.substr(i, code.size()) == code) return true;
  }
  return false;
}

bool all_alpha(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}
bool all_digit(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}
std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
std::string title(std::string_view s) {
  std::string out = ascii_lower(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && ascii_lower(s.substr(s.size() - suffix.size())) == suffix;
}

std::vector<std::string_view> split_any(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || seps.find(s[i]) != std::string_view::npos) {
      out.push_back(s.substr(b, i - b));
      b = i + 1;
    }
  }
  return out;
}

std::string_view extension(std::string_view base) {
  auto dot = base.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? std::string_view() : base.substr(dot + 1);
}

std::string_view stem(std::string_view base) {
  auto dot = base.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? base : base.substr(0, dot);
}

// A tag from a file stem: the whole stem (`fr`, `pt_BR`), else its last dotted part
// (`messages.fr`, `devise.fr`).
std::optional<std::string> tag_from_stem(std::string_view s) {
  if (auto tag = normalize_bcp47(s)) return tag;
  auto dot = s.rfind('.');
  if (dot != std::string_view::npos) return normalize_bcp47(s.substr(dot + 1));
  return std::nullopt;
}

// A tag from the end of an underscore-separated stem: `app_pt_BR` -> pt-BR, `messages_fr` ->
// fr. With `need_base`, the stem itself (no prefix) does not count.
std::optional<std::string> tag_from_suffix(std::string_view s, bool need_base) {
  auto parts = split_any(s, "_");
  for (std::size_t i = need_base ? 1 : 0; i < parts.size(); ++i) {
    std::size_t offset = static_cast<std::size_t>(parts[i].data() - s.data());
    if (auto tag = normalize_bcp47(s.substr(offset))) return tag;
  }
  return std::nullopt;
}

// The value of a header or key in the first bytes of a catalog: `"Language: fr\n"` in a .po
// file, `"@@locale": "fr"` in an .arb file.
std::optional<std::string> value_after(std::string_view content, std::string_view key) {
  content = content.substr(0, 16384);
  auto p = content.find(key);
  if (p == std::string_view::npos) return std::nullopt;
  p += key.size();
  while (p < content.size() && (content[p] == ' ' || content[p] == ':' || content[p] == '"' ||
                                content[p] == '\t'))
    ++p;
  std::size_t e = p;
  while (e < content.size() && content[e] != '"' && content[e] != '\\' && content[e] != '\n' &&
         content[e] != ' ')
    ++e;
  if (e == p) return std::nullopt;
  return normalize_bcp47(content.substr(p, e - p));
}

const std::array<std::string_view, 12> kI18nFolders = {
    "locales", "locale", "i18n", "lang", "langs", "languages", "translations", "translation",
    "messages", "l10n", "intl", "lng"};

bool is_i18n_folder(std::string_view name) {
  std::string lower = ascii_lower(name);
  return std::find(kI18nFolders.begin(), kI18nFolders.end(), lower) != kI18nFolders.end();
}

struct Found {
  std::string tag;
  std::string source;
};

// The text of a default catalog, for the stop-word test.
std::string catalog_text(std::string_view ext, std::string_view content) {
  std::string out;
  if (ext == "properties") {
    for (const auto& [k, v] : a11y::parse_properties(content.substr(0, 65536))) out += v + "\n";
    return out;
  }
  // Android XML: the text between tags, apostrophes unescaped.
  bool in_tag = false;
  for (char c : content.substr(0, 65536)) {
    if (c == '<') in_tag = true;
    else if (c == '>') {
      in_tag = false;
      out += ' ';
    } else if (!in_tag && c != '\\') out += c;
  }
  return out;
}

class Detector {
 public:
  Detector(const Snapshot& snapshot, std::string_view default_language)
      : snapshot_(snapshot), default_language_(normalize_bcp47(default_language).value_or("")) {
    for (const auto& e : snapshot.files()) {
      std::string base = ascii_lower(path_basename(e.path));
      if (base.size() > 11 && base.compare(base.size() - 11, 11, ".properties") == 0) properties_.push_back(e.path);
    }
    if (auto pkg = snapshot.read("package.json")) {
      if (pkg->find("\"vue-i18n\"") != std::string::npos) js_source_ = "vue-i18n";
      else if (pkg->find("i18next\"") != std::string::npos) js_source_ = "i18next";
      else if (pkg->find("\"react-intl\"") != std::string::npos) js_source_ = "react-intl";
    }
  }

  std::optional<Found> examine(const FileEntry& entry) {
    const std::string& path = entry.path;
    auto segments = a11y::path_segments(path);
    if (segments.empty()) return std::nullopt;
    std::string_view base = segments.back();
    std::string ext = ascii_lower(extension(base));
    std::string_view name = stem(base);
    std::string_view parent = segments.size() >= 2 ? segments[segments.size() - 2] : "";
    std::string_view grandparent = segments.size() >= 3 ? segments[segments.size() - 3] : "";

    // gettext and Django.
    if (ext == "po" || ext == "mo") {
      bool lc = parent == "LC_MESSAGES";
      std::string source = lc && ascii_lower(name).rfind("django", 0) == 0 ? "django" : "gettext";
      if (ext == "po") {
        if (auto tag = header_value(entry, "language-po-header", "\"Language:")) return Found{*tag, source};
      }
      if (lc) {
        if (auto tag = normalize_bcp47(grandparent)) return Found{*tag, source};
        return std::nullopt;
      }
      if (auto tag = tag_from_stem(name)) return Found{*tag, source};
      if (auto tag = tag_from_suffix(name, true)) return Found{*tag, source};
      if (auto tag = normalize_bcp47(parent)) return Found{*tag, source};
      return std::nullopt;
    }
    // Android default resources: `res/values/strings.xml`.
    if (parent == "values" && grandparent == "res" && base == "strings.xml") return default_catalog(entry, "xml", "android");
    // Android resources.
    if (ascii_lower(parent).rfind("values-", 0) == 0 &&
        (base == "strings.xml" || base == "arrays.xml" || base == "plurals.xml")) {
      if (auto tag = normalize_bcp47(parent)) return Found{*tag, "android"};
      return std::nullopt;
    }
    // iOS / macOS bundles.
    if (ext == "strings" || ext == "stringsdict" || ext == "xib" || ext == "storyboard" ||
        ext == "plist" || ext == "md" || ext == "html") {
      for (auto seg : segments) {
        if (ends_with_icase(seg, ".lproj")) {
          if (auto tag = normalize_bcp47(seg)) return Found{*tag, "ios"};
          return std::nullopt;
        }
      }
    }
    // Flutter.
    if (ext == "arb") {
      if (auto tag = header_value(entry, "language-arb-locale", "\"@@locale\"")) return Found{*tag, "flutter"};
      if (auto tag = tag_from_suffix(name, false)) return Found{*tag, "flutter"};
      return std::nullopt;
    }
    // Java resource bundles.
    if (ext == "properties") {
      if (auto tag = tag_from_suffix(name, true)) return Found{*tag, "java"};
      if (is_default_bundle(path, name, parent)) return default_catalog(entry, "properties", "java");
    }
    // Rails.
    if (path.find("config/locales/") != std::string::npos &&
        (ext == "yml" || ext == "yaml" || ext == "rb")) {
      if (auto tag = tag_from_stem(name)) return Found{*tag, "rails"};
      if (!is_i18n_folder(parent)) {
        if (auto tag = normalize_bcp47(parent)) return Found{*tag, "rails"};
      }
      return std::nullopt;
    }
    // Catalogs inside a folder that says i18n.
    static const std::array<std::string_view, 14> kCatalogExtensions = {
        "json", "yml", "yaml", "js", "ts", "mjs", "cjs", "xlf", "xliff", "toml", "ftl", "php",
        "properties", "json5"};
    if (std::find(kCatalogExtensions.begin(), kCatalogExtensions.end(), ext) == kCatalogExtensions.end())
      return std::nullopt;
    std::size_t i18n_index = segments.size();
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
      if (is_i18n_folder(segments[i])) i18n_index = i;
    }
    if (i18n_index == segments.size()) return std::nullopt;
    std::string source = source_for(ext, segments, i18n_index);
    if (auto tag = tag_from_stem(name)) return Found{*tag, source};
    // `locales/fr/common.json`: the folder below the i18n folder names the language.
    for (std::size_t i = i18n_index + 1; i + 1 < segments.size(); ++i) {
      if (auto tag = normalize_bcp47(segments[i])) return Found{*tag, source};
    }
    return std::nullopt;
  }

 private:
  // The language tag a catalog states after `key` (value_after), kept per blob in the result
  // cache under `kind`: a gettext catalog is large, and read again only when it changed.
  std::optional<std::string> header_value(const FileEntry& entry, std::string_view kind, std::string_view key) const {
    return BlobCache::through<std::optional<std::string>>(snapshot_, kind, entry, [&]() -> std::optional<std::string> {
      auto content = snapshot_.read(entry);
      if (!content) return std::nullopt;
      return value_after(*content, key);
    });
  }

  // A bundle without a locale suffix whose siblings have one, or that is in an i18n folder,
  // or is named `messages*`: the default bundle.
  bool is_default_bundle(const std::string& path, std::string_view name, std::string_view parent) const {
    if (is_i18n_folder(parent) || ascii_lower(name).rfind("messages", 0) == 0) return true;
    std::string prefix = path.substr(0, path.size() - std::string_view(".properties").size()) + "_";
    return std::any_of(properties_.begin(), properties_.end(), [&](const std::string& p) {
      if (p.compare(0, prefix.size(), prefix) != 0) return false;
      std::string_view rest = std::string_view(p).substr(prefix.size());
      return normalize_bcp47(rest.substr(0, rest.size() - std::string_view(".properties").size())).has_value();
    });
  }

  // The language of a default catalog: from its text, else the declared main language.
  std::optional<Found> default_catalog(const FileEntry& entry, std::string_view ext, std::string source) {
    // The language its text shows, kept per blob and path (`ext` is the path's).
    auto shown = BlobCache::through<std::optional<std::string>>(
        snapshot_, "language-default-catalog", entry, [&]() -> std::optional<std::string> {
          auto content = snapshot_.read(entry);
          if (!content) return std::nullopt;
          return guess_language(catalog_text(ext, *content));
        });
    if (shown) return Found{*shown, source};
    if (!default_language_.empty()) return Found{default_language_, source};
    return std::nullopt;
  }

  std::string source_for(const std::string& ext, const std::vector<std::string_view>& segments,
                         std::size_t i18n_index) const {
    std::string folder = ascii_lower(segments[i18n_index]);
    bool symfony = folder == "translations" && i18n_index == 0;
    if (symfony && (ext == "yml" || ext == "yaml" || ext == "xlf" || ext == "xliff")) return "symfony";
    if (ext == "xlf" || ext == "xliff") return "xliff";
    if (ext == "ftl") return "fluent";
    if (ext == "php") return "laravel";
    if (ext == "yml" || ext == "yaml") return "yaml";
    if (ext == "properties") return "java";
    if (ext == "toml") return "toml";
    return js_source_;
  }

  const Snapshot& snapshot_;
  std::string default_language_;
  std::vector<std::string> properties_;
  std::string js_source_ = "json";
};

}  // namespace

std::optional<std::string> normalize_bcp47(std::string_view raw) {
  std::string_view s = raw;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty() || s.size() > 40) return std::nullopt;
  if (ends_with_icase(s, ".lproj")) s.remove_suffix(6);
  static const std::array<std::pair<std::string_view, std::string_view>, 9> kNames = {{
      {"english", "en"}, {"french", "fr"}, {"german", "de"}, {"spanish", "es"},
      {"italian", "it"}, {"japanese", "ja"}, {"dutch", "nl"}, {"portuguese", "pt"},
      {"chinese", "zh"}}};
  for (const auto& [n, code] : kNames) {
    if (ascii_lower(s) == n) return std::string(code);
  }
  bool android = false;
  if (ascii_lower(s.substr(0, 7)) == "values-") {
    android = true;
    s.remove_prefix(7);
  }
  std::string script;
  if (auto at = s.find('@'); at != std::string_view::npos) {
    std::string modifier = ascii_lower(s.substr(at + 1));
    if (modifier == "latin") script = "Latn";
    else if (modifier == "cyrillic") script = "Cyrl";
    s = s.substr(0, at);
  }
  if (auto dot = s.find('.'); dot != std::string_view::npos) s = s.substr(0, dot);  // encoding
  std::vector<std::string_view> parts;
  if (android && ascii_lower(s.substr(0, 2)) == "b+") parts = split_any(s.substr(2), "+");
  else parts = split_any(s, android ? "-" : "-_");
  if (parts.empty()) return std::nullopt;
  std::string lang = ascii_lower(parts[0]);
  if (lang == "iw") lang = "he";
  if (lang == "in") lang = "id";
  if (lang == "ji") lang = "yi";
  if (!all_alpha(lang) || !known_language(lang)) return std::nullopt;
  std::string region;
  std::vector<std::string> variants;
  bool b_plus = android && ascii_lower(s.substr(0, 2)) == "b+";
  for (std::size_t i = 1; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    if (android && !b_plus) {
      // Android qualifiers: only `rBR` is a region; `night`, `land`, `v21`... end the locale.
      if (p.size() == 3 && (p[0] == 'r' || p[0] == 'R') && all_alpha(p) && region.empty()) {
        region = upper(p.substr(1));
        continue;
      }
      break;
    }
    if (p.size() == 4 && all_alpha(p) && script.empty() && region.empty()) script = title(p);
    else if (p.size() == 2 && all_alpha(p) && region.empty()) region = upper(p);
    else if (p.size() == 3 && all_digit(p) && region.empty()) region = std::string(p);
    else if ((p.size() >= 5 && p.size() <= 8 && ascii_lower(p) == "valencia") ||
             (p.size() == 4 && std::isdigit(static_cast<unsigned char>(p[0])) != 0))
      variants.push_back(ascii_lower(p));
    else
      return std::nullopt;
  }
  std::string out = lang;
  if (!script.empty()) out += "-" + script;
  if (!region.empty()) out += "-" + region;
  for (const auto& v : variants) out += "-" + v;
  return out;
}

bool language_matches(std::string_view declared, std::string_view detected) {
  std::string a = ascii_lower(normalize_bcp47(declared).value_or(std::string(declared)));
  std::string b = ascii_lower(normalize_bcp47(detected).value_or(std::string(detected)));
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  return longer.compare(0, shorter.size(), shorter) == 0 && longer[shorter.size()] == '-';
}

std::optional<std::string> guess_language(std::string_view text) {
  static const std::array<std::string_view, 26> kFrench = {
      "le", "la", "les", "de", "des", "du", "et", "est", "pour", "vous", "votre", "vos", "une",
      "un", "avec", "sur", "dans", "pas", "ce", "cette", "qui", "que", "au", "aux", "par", "sont"};
  static const std::array<std::string_view, 24> kEnglish = {
      "the", "and", "of", "to", "is", "you", "your", "for", "with", "on", "in", "this", "that",
      "are", "not", "please", "an", "be", "from", "by", "was", "have", "it", "or"};
  std::size_t fr = 0, en = 0;
  std::string word;
  auto count = [&] {
    if (word.empty()) return;
    std::string lower = ascii_lower(word);
    if (std::find(kFrench.begin(), kFrench.end(), lower) != kFrench.end()) ++fr;
    if (std::find(kEnglish.begin(), kEnglish.end(), lower) != kEnglish.end()) ++en;
    word.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) word += c;
    else count();
  }
  count();
  if (fr >= 5 && fr >= 2 * en) return std::string("fr");
  if (en >= 5 && en >= 2 * fr) return std::string("en");
  return std::nullopt;
}

namespace {

// Whether a small file holds nothing but white space or a UTF-8 byte-order mark.
bool blank_file(const Snapshot& snapshot, const FileEntry& entry) {
  auto text = snapshot.read(entry);
  if (!text) return false;
  for (unsigned char c : *text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF) return false;
  }
  return true;
}

}  // namespace

namespace {

// The literal `lang` of the first `<html ...>` start tag of `content` (as written) and its
// 1-based line; nullopt when there is no such tag or its `lang` is computed
// (`lang={locale}`, `lang="{{ locale }}"`, `lang="<?= $lang ?>"`).
std::optional<std::pair<std::string, int>> html_lang_attribute(std::string_view content) {
  std::size_t at = 0;
  while ((at = content.find('<', at)) != std::string_view::npos) {
    std::size_t name_end = at + 5;
    if (name_end < content.size() && ascii_lower(content.substr(at + 1, 4)) == "html" &&
        (std::isspace(static_cast<unsigned char>(content[name_end])) || content[name_end] == '>')) {
      std::size_t close = content.find('>', name_end);
      std::string_view tag = content.substr(name_end, close == std::string_view::npos ? std::string_view::npos : close - name_end);
      std::string lowered = ascii_lower(tag);
      for (std::size_t p = lowered.find("lang"); p != std::string::npos; p = lowered.find("lang", p + 4)) {
        if (p == 0 || !std::isspace(static_cast<unsigned char>(lowered[p - 1]))) continue;
        std::size_t q = p + 4;
        while (q < tag.size() && tag[q] == ' ') ++q;
        if (q >= tag.size() || tag[q] != '=') continue;
        ++q;
        while (q < tag.size() && tag[q] == ' ') ++q;
        if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) return std::nullopt;
        std::size_t end = tag.find(tag[q], q + 1);
        if (end == std::string_view::npos) return std::nullopt;
        std::string_view value = tag.substr(q + 1, end - q - 1);
        if (value.find_first_of("{}<>$%()@#[]") != std::string_view::npos) return std::nullopt;
        int line = 1 + static_cast<int>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        return std::make_pair(std::string(value), line);
      }
      return std::nullopt;
    }
    ++at;
  }
  return std::nullopt;
}

}  // namespace

std::optional<MainLanguageGuess> guess_main_language(const Snapshot& snapshot) {
  std::map<std::string, MainLanguageGuess> by_tag;
  std::vector<std::string> order;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file || entry.size > (2u << 20)) continue;
    if (!is_checked_template_path(entry.path) || template_kind(entry.path) == TemplateKind::other) continue;
    // The page's literal `<html lang>` and its line, kept per blob and path (the exclusion
    // judges the path too).
    auto lang = BlobCache::through<std::optional<std::pair<std::string, int>>>(
        snapshot, "language-html-lang", entry, [&]() -> std::optional<std::pair<std::string, int>> {
          auto content = snapshot.read(entry);
          if (!content || !page_exclusion(entry.path, *content).empty()) return std::nullopt;
          return html_lang_attribute(*content);
        });
    if (!lang) continue;
    auto tag = normalize_bcp47(lang->first);
    if (!tag) continue;
    auto [it, fresh] = by_tag.try_emplace(*tag, MainLanguageGuess{*tag, to_valid_utf8(entry.path), lang->second, "html-lang", 0});
    if (fresh) order.push_back(*tag);
    ++it->second.pages;
  }
  const MainLanguageGuess* best = nullptr;
  for (const auto& tag : order)
    if (!best || by_tag[tag].pages > best->pages) best = &by_tag[tag];
  if (best) return *best;
  // No page says it: the README's words.
  std::vector<const FileEntry*> readmes;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file || entry.path.find('/') != std::string::npos) continue;
    if (ascii_lower(entry.path).rfind("readme", 0) == 0) readmes.push_back(&entry);
  }
  std::stable_sort(readmes.begin(), readmes.end(), [](const FileEntry* a, const FileEntry* b) {
    auto rank = [](const std::string& p) { std::string l = ascii_lower(p); return l == "readme.md" ? 0 : l == "readme" || l == "readme.rst" || l == "readme.txt" ? 1 : 2; };
    return rank(a->path) < rank(b->path);
  });
  for (const FileEntry* entry : readmes) {
    auto content = snapshot.read(*entry);
    if (!content) continue;
    if (auto tag = guess_language(*content)) return MainLanguageGuess{*tag, to_valid_utf8(entry->path), 0, "readme", 0};
  }
  return std::nullopt;
}

std::vector<LanguageEvidence> detect_languages(const Snapshot& snapshot, std::string_view default_language) {
  Detector detector(snapshot, default_language);
  std::map<std::string, LanguageEvidence> by_tag;
  for (const auto& entry : snapshot.files()) {
    if (entry.kind != EntryKind::file) continue;
    if (a11y::in_vendored_folder(entry.path) || a11y::is_test_path(entry.path) ||
        a11y::is_example_path(entry.path)) continue;
    // Blank (nothing but spaces, newlines or a byte-order mark): no translation in it, as in
    // Xcode's generated en.lproj/LaunchScreen.strings of an app offered in French only.
    if (entry.size <= 3 && blank_file(snapshot, entry)) continue;
    auto found = detector.examine(entry);
    if (!found) continue;
    by_tag.try_emplace(found->tag, LanguageEvidence{found->tag, to_valid_utf8(entry.path), found->source});
  }
  std::vector<LanguageEvidence> out;
  for (auto& [tag, evidence] : by_tag) out.push_back(std::move(evidence));
  return out;
}

}  // namespace pacte
