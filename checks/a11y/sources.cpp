#include "checks/a11y/sources.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "checks/a11y/languages.hpp"
#include "checks/a11y/paths.hpp"
#include "checks/base/text.hpp"
#include "checks/base/utf8.hpp"
#include "checks/base/yaml_json.hpp"

namespace pacte::a11y {
namespace {

constexpr int kMaxImportDepth = 3;                     // imports followed from the statement
constexpr std::size_t kMaxFollowed = 30;          // files brought in, at most
constexpr std::uint64_t kMaxFileSize = 1u << 20;  // larger files are not followed or parsed
constexpr std::size_t kMaxCatalogs = 400;


// `a/b/../c/./d` -> `a/c/d`; nullopt when it climbs above the root.
std::optional<std::string> normalise(std::string_view path) {
  std::vector<std::string_view> out;
  for (auto seg : path_segments(path)) {
    if (seg == ".") continue;
    if (seg == "..") {
      if (out.empty()) return std::nullopt;
      out.pop_back();
      continue;
    }
    out.push_back(seg);
  }
  std::string joined;
  for (auto seg : out) joined.append(joined.empty() ? "" : "/").append(seg);
  return joined;
}

bool has_extension(std::string_view path, std::initializer_list<std::string_view> exts) {
  std::string lower = ascii_lower(path_basename(path));
  return std::any_of(exts.begin(), exts.end(), [&](std::string_view e) {
    return lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0;
  });
}

bool followable(std::string_view path) {
  return has_extension(path, {".tsx", ".jsx", ".js", ".mjs", ".ts", ".vue", ".svelte", ".astro",
                              ".mdx", ".md", ".html", ".htm", ".haml", ".slim", ".erb", ".twig",
                              ".njk", ".liquid", ".hbs", ".gsp", ".jsp", ".php"});
}

void flatten(const nlohmann::json& value, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else if (value.is_array()) {
    std::size_t i = 0;
    for (const auto& v : value) flatten(v, prefix + "." + std::to_string(i++), out);
  } else if (value.is_string()) {
    out[prefix] = value.get<std::string>();
  }
}

const std::array<std::string_view, 12> kI18nFolders = {
    "locales", "locale", "i18n", "lang", "langs", "languages", "translations", "translation",
    "messages", "l10n", "intl", "lng"};

// The language a catalog's path names, and its i18next namespace.
bool catalog_identity(std::string_view path, std::string& lang, std::string& name_space) {
  auto segments = path_segments(path);
  if (segments.size() < 2) return false;
  std::string base(segments.back());
  std::string stem = base.substr(0, base.rfind('.'));
  std::size_t i18n = segments.size();
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    std::string lower = ascii_lower(segments[i]);
    if (std::find(kI18nFolders.begin(), kI18nFolders.end(), lower) != kI18nFolders.end()) i18n = i;
  }
  bool rails = path.find("config/locales/") != std::string_view::npos;
  bool properties = has_extension(path, {".properties"});
  if (i18n == segments.size() && !rails && !properties) return false;
  if (auto tag = normalize_bcp47(stem)) {
    lang = *tag;
    return true;
  }
  for (char sep : {'.', '_'}) {
    auto p = stem.find(sep);
    if (p != std::string::npos) {
      if (auto tag = normalize_bcp47(stem.substr(p + 1))) {
        lang = *tag;
        return true;
      }
    }
  }
  for (std::size_t i = i18n + 1; i + 1 < segments.size() && i18n < segments.size(); ++i) {
    if (auto tag = normalize_bcp47(segments[i])) {
      lang = *tag;
      name_space = stem;
      return true;
    }
  }
  lang.clear();  // a default catalog (`messages.properties`) or one keyed by locale inside
  return rails || i18n < segments.size() || (properties && ascii_lower(stem).rfind("messages", 0) == 0);
}

// Lower is better: French first, then a default catalog, then English, then the others.
int language_rank(const std::string& lang) {
  if (lang == "fr" || lang.rfind("fr-", 0) == 0) return 0;
  if (lang.empty()) return 1;
  if (lang == "en" || lang.rfind("en-", 0) == 0) return 2;
  return 3;
}

// The keys a view uses: `t('.title')`, `$t("a11y.status")`, `i18nKey="x"`, `'x'|trans`,
// `<g:message code="x"/>`.
std::vector<std::string> referenced_keys(std::string_view content, std::string& name_space) {
  static const RE2 kCall(R"((?:^|\W)t\s*\(?\s*['"`]([\w.:-]+)['"`])");
  static const RE2 kI18nKey(R"(i18nKey\s*=\s*\{?\s*['"`]([\w.:-]+)['"`])");
  static const RE2 kTwig(R"(['"]([\w.-]+)['"]\s*\|\s*trans\b)");
  static const RE2 kGrails(R"((?:<g:message\s+code|message\s*\(\s*code\s*:)\s*=?\s*['"]([\w.-]+)['"])");
  static const RE2 kNamespace(R"(useTranslation\(\s*\[?\s*['"]([\w-]+)['"])");
  std::vector<std::string> out;
  for (const RE2* re : {&kCall, &kI18nKey, &kTwig, &kGrails}) {
    re2::StringPiece input(content.data(), content.size());
    std::string key;
    while (RE2::FindAndConsume(&input, *re, &key)) {
      if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
    }
  }
  std::string ns;
  if (RE2::PartialMatch(re2::StringPiece(content.data(), content.size()), kNamespace, &ns)) name_space = ns;
  return out;
}

// The Rails lazy-lookup scope of a view: `app/views/pages/_statement.html.haml` ->
// `pages.statement`.
std::string lazy_scope(std::string_view path) {
  auto p = path.find("app/views/");
  std::string_view rel = p == std::string_view::npos ? path_basename(path) : path.substr(p + 10);
  std::string out;
  auto segments = path_segments(rel);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    std::string seg(segments[i]);
    if (i + 1 == segments.size()) {
      seg = seg.substr(0, seg.find('.'));
      if (!seg.empty() && seg[0] == '_') seg.erase(0, 1);
    }
    out += (out.empty() ? "" : ".") + seg;
  }
  return out;
}

// The texts under `key` in a catalog: the value itself, or every value of its subtree.
bool lookup(const TextCatalog& catalog, const std::string& key, std::string& out) {
  auto it = catalog.texts.lower_bound(key);
  bool found = false;
  for (; it != catalog.texts.end(); ++it) {
    const std::string& k = it->first;
    if (k.compare(0, key.size(), key) != 0) break;
    if (k.size() != key.size() && k[key.size()] != '.') continue;
    out += it->second;
    out += '\n';
    found = true;
  }
  return found;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_properties(std::string_view content) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  const std::size_t n = content.size();
  while (i < n) {
    // One logical line, continuations joined.
    std::string line;
    for (;;) {
      auto e = content.find('\n', i);
      if (e == std::string_view::npos) e = n;
      std::string_view raw = content.substr(i, e - i);
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      i = e + 1;
      if (!line.empty()) raw.remove_prefix(std::min(raw.size(), raw.find_first_not_of(" \t\f") == std::string_view::npos ? raw.size() : raw.find_first_not_of(" \t\f")));
      std::size_t backslashes = 0;
      while (backslashes < raw.size() && raw[raw.size() - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 1 && i <= n) {
        line.append(raw.substr(0, raw.size() - 1));
        continue;
      }
      line.append(raw);
      break;
    }
    std::size_t b = line.find_first_not_of(" \t\f");
    if (b == std::string::npos || line[b] == '#' || line[b] == '!') continue;
    std::string key, value;
    bool in_value = false;
    bool separated = false;
    for (std::size_t k = b; k < line.size(); ++k) {
      char c = line[k];
      std::string& target = in_value ? value : key;
      if (c == '\\' && k + 1 < line.size()) {
        char x = line[++k];
        if (x == 'u' && k + 4 < line.size()) {
          unsigned long cp = std::strtoul(line.substr(k + 1, 4).c_str(), nullptr, 16);
          append_utf8(target, static_cast<char32_t>(cp));
          k += 4;
        } else {
          target += x == 'n' ? '\n' : x == 't' ? '\t' : x;
        }
        continue;
      }
      if (!in_value) {
        if (c == '=' || c == ':' || c == ' ' || c == '\t') {
          in_value = true;
          separated = c == '=' || c == ':';
          continue;
        }
        key += c;
      } else {
        if (value.empty() && (c == ' ' || c == '\t' || ((c == '=' || c == ':') && !separated))) {
          if (c == '=' || c == ':') separated = true;
          continue;
        }
        value += c;
      }
    }
    if (!key.empty()) out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

PageTextReader::PageTextReader(const Snapshot& snapshot) : snapshot_(snapshot) {}
PageTextReader::~PageTextReader() = default;

std::optional<std::string> PageTextReader::text(std::string_view path) {
  visited_.clear();
  if (!snapshot_.find(path)) return std::nullopt;
  auto own = snapshot_.read(path);
  if (!own) return std::nullopt;
  std::string out;
  append(path, 0, out);
  return out;
}

const std::vector<TextCatalog>& PageTextReader::catalogs() {
  if (catalogs_) return *catalogs_;
  catalogs_ = std::make_unique<std::vector<TextCatalog>>();
  for (const auto& entry : snapshot_.files()) {
    if (catalogs_->size() >= kMaxCatalogs) break;
    if (entry.kind != EntryKind::file || entry.size > kMaxFileSize) continue;
    if (!has_extension(entry.path, {".yml", ".yaml", ".json", ".properties"})) continue;
    if (in_vendored_folder(entry.path) || is_test_path(entry.path)) continue;
    TextCatalog catalog;
    if (!catalog_identity(entry.path, catalog.lang, catalog.name_space)) continue;
    auto content = snapshot_.read(entry);
    if (!content) continue;
    catalog.path = entry.path;
    nlohmann::json value;
    if (has_extension(entry.path, {".properties"})) {
      for (auto& [k, v] : parse_properties(*content)) catalog.texts[k] = std::move(v);
      catalogs_->push_back(std::move(catalog));
      continue;
    }
    if (has_extension(entry.path, {".json"})) {
      value = nlohmann::json::parse(*content, nullptr, false);
      if (value.is_discarded()) continue;
    } else {
      try {
        value = parse_yaml(*content, entry.path).value;
      } catch (const std::exception&) {
        continue;  // not a catalog pacte can read: it brings no text
      }
    }
    if (!value.is_object()) continue;
    // `fr: {...}` (Rails, and some JSON catalogs): one catalog per locale root.
    bool keyed_by_locale = catalog.lang.empty() || value.size() == 1;
    if (keyed_by_locale) {
      bool all_locales = true;
      for (const auto& [k, v] : value.items()) {
        if (!normalize_bcp47(k).has_value() || !v.is_object()) all_locales = false;
      }
      if (all_locales && !value.empty()) {
        for (const auto& [k, v] : value.items()) {
          TextCatalog part{catalog.path, *normalize_bcp47(k), catalog.name_space, {}};
          flatten(v, "", part.texts);
          catalogs_->push_back(std::move(part));
        }
        continue;
      }
    }
    flatten(value, "", catalog.texts);
    catalogs_->push_back(std::move(catalog));
  }
  std::stable_sort(catalogs_->begin(), catalogs_->end(), [](const TextCatalog& a, const TextCatalog& b) {
    return language_rank(a.lang) < language_rank(b.lang);
  });
  return *catalogs_;
}

std::string PageTextReader::translations(std::string_view path, std::string_view content) {
  std::string name_space;
  auto keys = referenced_keys(content, name_space);
  if (keys.empty()) return {};
  const auto& all = catalogs();
  if (all.empty()) return {};
  std::string out;
  std::string scope = lazy_scope(path);
  std::string stem(path_basename(path).substr(0, path_basename(path).find('.')));
  if (!stem.empty() && stem[0] == '_') stem.erase(0, 1);
  for (const auto& raw : keys) {
    std::string key = raw;
    std::string ns = name_space;
    if (auto colon = key.find(':'); colon != std::string::npos) {
      ns = key.substr(0, colon);
      key = key.substr(colon + 1);
    }
    std::vector<std::string> tries;
    if (!key.empty() && key[0] == '.') {
      tries.push_back(scope + key);
    } else {
      tries.push_back(key);
    }
    bool found = false;
    for (int best = 0; best <= 3 && !found; ++best) {
      for (const auto& catalog : all) {
        if (language_rank(catalog.lang) != best) continue;
        if (!ns.empty() && !catalog.name_space.empty() && catalog.name_space != ns) continue;
        for (const auto& k : tries) {
          if (lookup(catalog, k, out)) found = true;
        }
        // i18next: `accessibility.title` may be `title` in the `accessibility` namespace.
        if (!found && !catalog.name_space.empty() && key.rfind(catalog.name_space + ".", 0) == 0) {
          if (lookup(catalog, key.substr(catalog.name_space.size() + 1), out)) found = true;
        }
        // A lazy key whose view moved: any `<stem><key>` (`accessibilite.title`).
        if (!found && key[0] == '.') {
          std::string tail = stem + key;
          for (const auto& [k, v] : catalog.texts) {
            if (k.size() >= tail.size() && k.compare(k.size() - tail.size(), tail.size(), tail) == 0 &&
                (k.size() == tail.size() || k[k.size() - tail.size() - 1] == '.')) {
              out += v;
              out += '\n';
              found = true;
            }
          }
        }
        if (found) break;
      }
    }
  }
  return out;
}

void PageTextReader::append(std::string_view path, int depth, std::string& out) {
  if (visited_.size() >= kMaxFollowed) return;
  if (std::find(visited_.begin(), visited_.end(), path) != visited_.end()) return;
  visited_.emplace_back(path);
  const FileEntry* entry = snapshot_.find(path);
  if (!entry || entry->size > kMaxFileSize) return;
  auto content = snapshot_.read(*entry);
  if (!content) return;
  out += *content;
  out += '\n';
  std::string tr = translations(path, *content);
  if (!tr.empty()) out += tr;
  if (depth >= kMaxImportDepth) return;

  std::string dir(path_dirname(path));
  std::vector<std::string> targets;
  auto add_candidates = [&](const std::string& base) {
    static const std::array<std::string_view, 15> kSuffixes = {
        "", ".tsx", ".jsx", ".ts", ".js", ".vue", ".svelte", ".astro", ".mdx", ".md",
        "/index.tsx", "/index.jsx", "/index.ts", "/index.js", "/index.vue"};
    for (auto suffix : kSuffixes) {
      std::string candidate = base + std::string(suffix);
      const FileEntry* e = snapshot_.find(candidate);
      if (e && e->kind == EntryKind::file && followable(candidate)) {
        targets.push_back(candidate);
        return;
      }
    }
  };
  // JavaScript imports.
  static const RE2 kImport(R"((?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"])");
  static const RE2 kDynamic(R"((?:import|require)\s*\(\s*['"]([^'"]+)['"])");
  for (const RE2* re : {&kImport, &kDynamic}) {
    re2::StringPiece input(*content);
    std::string spec;
    while (RE2::FindAndConsume(&input, *re, &spec)) {
      if (spec.empty() || has_extension(spec, {".css", ".scss", ".sass", ".less", ".svg", ".png", ".jpg", ".json"})) continue;
      if (spec[0] == '.') {
        if (auto p = normalise(dir + "/" + spec)) add_candidates(*p);
      } else if (spec.rfind("@/", 0) == 0 || spec.rfind("~/", 0) == 0) {
        add_candidates("src/" + spec.substr(2));
        add_candidates(spec.substr(2));
      } else if (spec.find('/') != std::string::npos && spec[0] != '@') {
        // A path from the project's base URL (`components/Accessibilite`).
        add_candidates(spec);
        add_candidates("src/" + spec);
      }
    }
  }
  // Rails partials and Twig includes.
  static const RE2 kRender(R"(render\s*\(?\s*(?:partial:\s*)?['"]([\w/.-]+)['"])");
  static const RE2 kInclude(R"((?:\{%\s*(?:include|embed)\s+|include\(\s*)['"]([^'"]+)['"])");
  {
    re2::StringPiece input(*content);
    std::string name;
    while (RE2::FindAndConsume(&input, kRender, &name)) {
      auto slash = name.rfind('/');
      std::string folder = slash == std::string::npos ? dir : "app/views/" + name.substr(0, slash);
      std::string prefix = folder + "/_" + (slash == std::string::npos ? name : name.substr(slash + 1)) + ".";
      for (const auto& e : snapshot_.files()) {
        if (e.kind == EntryKind::file && e.path.rfind(prefix, 0) == 0) {
          targets.push_back(e.path);
          break;
        }
      }
    }
  }
  {
    re2::StringPiece input(*content);
    std::string name;
    while (RE2::FindAndConsume(&input, kInclude, &name)) {
      for (const std::string& candidate : {"templates/" + name, dir + "/" + name, name}) {
        auto p = normalise(candidate);
        if (p && snapshot_.find(*p)) {
          targets.push_back(*p);
          break;
        }
      }
    }
  }
  for (const auto& t : targets) append(t, depth + 1, out);
}

}  // namespace pacte::a11y
