#include "checks/trackers/detect.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "checks/base/blob_cache.hpp"
#include "checks/base/parallel.hpp"
#include "checks/base/source_text.hpp"
#include "checks/base/text.hpp"
#include "checks/base/text_windows.hpp"
#include "checks/trackers/matcher.hpp"
#include "checks/trackers/workspaces.hpp"

namespace pacte {

namespace {


std::string_view extension(std::string_view path) {
  std::string_view b = path_basename(path);
  auto dot = b.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? std::string_view{} : b.substr(dot + 1);
}

// Splits `path` into its folder segments (not the file name).
std::vector<std::string_view> folders(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  for (std::size_t slash; (slash = path.find('/', pos)) != std::string_view::npos; pos = slash + 1)
    out.push_back(path.substr(pos, slash - pos));
  return out;
}

bool is_vendored_folder(std::string_view seg) {
  static const std::set<std::string, std::less<>> names = {
      "node_modules", "bower_components", "jspm_packages", "vendor",   "Pods",        "Carthage", "dist",
      "build",        ".next",            ".nuxt",         ".svelte-kit", ".output",  "coverage", "__pycache__",
      ".venv",        "venv",             "site-packages", ".gradle",  ".yarn",       ".pnpm-store", ".dart_tool",
      "DerivedData",  ".git",             ".cache",        ".parcel-cache", ".angular", ".turbo", "web_modules",
      // Copies of consent managers: their code names every service they can block (seen on a
      // French public service: tarteaucitron's services list read as a dozen ad pixels, NEUT-AD-SDK
      // failing as critical). The service's own use shows in its configuration, outside them.
      "tarteaucitron", "tarteaucitron.js", "orejime", "klaro", "cookieconsent",
      // Generated sites and documentation: an old build of a Jekyll site or a storybook.
      "_site", "storybook-static"};
  return names.count(seg) > 0;
}

// A web-asset folder (public/, static/, www/...) directly followed by a folder of third-party
// copies (lib/, vendors/...): `public/lib/leaflet/` holds a library and its example pages, not
// the service's code. `plugins/` is left out: teams keep their own plugins there.
bool is_third_party_copy(std::string_view asset, std::string_view below) {
  static const std::set<std::string, std::less<>> assets = {"public", "static", "assets", "www", "web",
                                                            "webapp", "wwwroot", "htdocs"};
  static const std::set<std::string, std::less<>> copies = {"lib", "libs", "vendors", "bower", "webjars",
                                                            "external", "externals", "thirdparty", "third_party"};
  return assets.count(asset) > 0 && copies.count(below) > 0;
}

bool is_minified_name(std::string_view b) {
  return b.ends_with(".min.js") || b.ends_with(".min.mjs") || b.ends_with(".min.css") || b.ends_with("-min.js") ||
         b.ends_with(".map") || b.ends_with(".bundle.js") || b.ends_with(".chunk.js");
}

bool is_test_folder(std::string_view seg) {
  static const std::set<std::string, std::less<>> names = {
      "test",     "tests",       "__tests__", "__test__",  "spec",     "specs",   "fixtures", "__fixtures__",
      "__mocks__", "androidTest", "testFixtures", "e2e",   "cypress",  "testdata", "test-data", "testing",
      "unitTest", "integrationTest", "playwright"};
  return names.count(seg) > 0 || (seg.size() > 5 && seg.ends_with("Tests"));
}

bool is_test_file(std::string_view b) {
  if (b.find(".test.") != std::string_view::npos || b.find(".spec.") != std::string_view::npos ||
      b.find(".stories.") != std::string_view::npos || b.find(".cy.") != std::string_view::npos)
    return true;
  std::string_view stem = b.substr(0, b.rfind('.'));
  return stem.ends_with("_test") || stem.ends_with("_spec") || b.starts_with("test_") ||
         ((stem.ends_with("Test") || stem.ends_with("Tests") || stem.ends_with("Spec")) && stem.size() > 4 &&
          std::isupper(static_cast<unsigned char>(stem.front())));
}

bool is_docs_folder(std::string_view seg) {
  static const std::set<std::string, std::less<>> names = {"docs",    "doc",  "documentation", "examples",
                                                           "samples", "wiki", "man",           "demo",
                                                           "demos"};
  return names.count(seg) > 0;
}

// --------------------------------------------------------------- file types for the content pass

// What a file may hold decides which pattern kinds apply to it; comments are told apart by the
// lexers of checks/base/source_text, by language family.

enum Type : unsigned {
  t_none = 0,
  t_web = 1 << 0,     // JS, TS, templates, HTML
  t_jvm = 1 << 1,     // Java, Kotlin, smali, ProGuard rules
  t_xml = 1 << 2,     // Android XML, layouts
  t_plist = 1 << 3,   // Info.plist
  t_text = 1 << 4,    // configuration, other code, docs
};

unsigned file_type(std::string_view path) {
  std::string_view b = path_basename(path);
  std::string ext = ascii_lower(extension(path));
  static const std::set<std::string, std::less<>> web = {"js",  "mjs", "cjs",  "jsx", "ts",   "tsx",  "mts", "cts",
                                                         "vue", "svelte", "astro", "html", "htm", "xhtml", "shtml",
                                                         "ejs", "hbs", "handlebars", "mustache", "pug", "jade",
                                                         "liquid", "njk", "cshtml", "vbhtml", "razor", "gohtml",
                                                         "tmpl", "tpl"};
  // Server-side and client-side template languages: markup around code, read like HTML.
  static const std::set<std::string, std::less<>> templates = {
      "gsp",  "jsp",  "jspx", "jspf", "tag",  "haml", "slim", "erb",  "rhtml", "eex",  "heex",  "leex",
      "ftl",  "ftlh", "vm",   "latte", "mako", "cfm", "cfc",  "mjml", "nunjucks", "gotmpl", "jinja", "jinja2",
      "j2",   "twig"};
  static const std::set<std::string, std::less<>> hash_code = {"py",   "rb",  "yml",  "yaml",
                                                               "toml", "conf", "cfg", "ini", "env",  "properties",
                                                               "sh",   "bash", "htaccess", "gemspec", "rake", "pro"};
  static const std::set<std::string, std::less<>> clike = {"php", "phtml", "go", "cs", "dart", "swift", "m", "mm",
                                                           "h",   "scala", "groovy", "css", "scss", "less", "twig",
                                                           "jinja", "jinja2", "j2", "json", "java", "kt", "kts"};
  if (b == "_headers" || b == "_redirects" || b == "Caddyfile" || b == ".htaccess" || b.starts_with(".env") ||
      b.starts_with("nginx") || b == "Procfile")
    return t_text;
  if (ext.empty()) return t_none;
  if (web.count(ext) || templates.count(ext)) return t_web;
  if (ext == "java" || ext == "kt" || ext == "kts" || ext == "scala" || ext == "groovy") return t_jvm;
  if (ext == "smali") return t_jvm;
  if (ext == "pro" || (b.starts_with("proguard") && (ext == "txt" || ext == "cfg"))) return t_jvm;
  if (ext == "xml") return t_xml;
  if (ext == "plist") return t_plist;
  if (ext == "php" || ext == "phtml") return t_web;
  if (hash_code.count(ext)) return t_text;
  if (clike.count(ext)) return t_text;
  if (ext == "md" || ext == "markdown" || ext == "rst" || ext == "adoc" || ext == "txt") return t_text;
  return t_none;
}

bool kind_applies(PatternKind kind, unsigned type) {
  switch (kind) {
    case PatternKind::domain: return true;
    case PatternKind::snippet: return (type & (t_web | t_jvm | t_text | t_plist)) != 0;
    case PatternKind::android_class: return (type & (t_jvm | t_xml | t_text)) != 0 && !(type & t_plist);
    case PatternKind::android_manifest: return (type & t_xml) != 0;
    case PatternKind::plist: return (type & t_plist) != 0;
  }
  return false;
}

// Distinct signatures from which a configuration or data file counts as a reference list.
constexpr std::size_t kListThreshold = 10;

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool host_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// Whether the match [from, to) of pattern `p` stands on its own (not part of a longer name).
bool at_boundaries(const PatternInfo& p, std::string_view data, std::size_t from, std::size_t to) {
  char before = from > 0 ? data[from - 1] : '\n';
  char after = to < data.size() ? data[to] : '\n';
  char first = data[from];
  char last = data[to - 1];
  switch (p.kind) {
    case PatternKind::domain: {
      if (host_char(first) && host_char(before)) return false;
      if (before == '@') {
        // user@host in a URL (a Sentry DSN) counts; an e-mail address does not.
        std::size_t ls = data.rfind('\n', from);
        ls = ls == std::string_view::npos ? 0 : ls + 1;
        std::string_view head = data.substr(ls, from - ls);
        auto scheme = head.rfind("://");
        if (scheme == std::string_view::npos) return false;
        for (std::size_t i = scheme; i < head.size(); ++i)
          if (std::isspace(static_cast<unsigned char>(head[i])) || head[i] == '"' || head[i] == '\'') return false;
      }
      if (p.regex) return true;
      if (host_char(last) && host_char(after)) return false;
      // A longer host name (example.com.evil.net) is another host; a dot ending a sentence is not.
      if (after == '.' && p.text.find('/') == std::string::npos && to + 1 < data.size() &&
          std::isalnum(static_cast<unsigned char>(data[to + 1])))
        return false;
      return true;
    }
    case PatternKind::snippet:
      if (ident_char(first) && ident_char(before)) return false;
      if (ident_char(last) && ident_char(after)) return false;
      return true;
    case PatternKind::android_class:
    case PatternKind::android_manifest:
      if (ident_char(first) && (ident_char(before) || before == '.')) {
        // A type descriptor (Lcom/foo/Bar; in smali) starts with 'L'.
        bool descriptor = before == 'L' && (from < 2 || !ident_char(data[from - 2])) &&
                          data.substr(from, to - from).find('/') != std::string_view::npos;
        if (!descriptor) return false;
      }
      if (!p.regex && ident_char(last) && ident_char(after)) return false;
      return true;
    case PatternKind::plist:
      return !(ident_char(before) || ident_char(after));
  }
  return true;
}

bool csp_line(std::string_view line) {
  std::string l = ascii_lower(line);
  for (std::string_view marker : {"content-security-policy", "script-src", "connect-src", "img-src", "default-src",
                                  "frame-src", "scriptsrc", "connectsrc", "imgsrc", "defaultsrc", "framesrc"})
    if (l.find(marker) != std::string::npos) return true;
  return false;
}

std::string context_name(PathContext c) {
  switch (c) {
    case PathContext::code: return "code";
    case PathContext::test: return "test";
    case PathContext::docs: return "docs";
    case PathContext::vendored: return "vendored";
  }
  return "code";
}

std::string matched_text(std::string_view data, std::size_t from, std::size_t to) {
  return to_valid_utf8(data.substr(from, std::min<std::size_t>(to - from, 120)));
}

}  // namespace

PathContext classify_path(std::string_view path, bool txt_is_docs) {
  std::string_view b = path_basename(path);
  auto segs = folders(path);
  for (auto s : segs)
    if (is_vendored_folder(s)) return PathContext::vendored;
  for (std::size_t i = 0; i + 1 < segs.size(); ++i)
    if (is_third_party_copy(segs[i], segs[i + 1])) return PathContext::vendored;
  if (is_minified_name(b)) return PathContext::vendored;
  for (auto s : segs)
    if (is_test_folder(s)) return PathContext::test;
  if (is_test_file(b)) return PathContext::test;
  // Below a source root, folder names are package names (org/example, com/acme/docs).
  for (auto s : segs) {
    if (s == "src" || s == "java" || s == "kotlin" || s == "lib" || s == "app") break;
    if (is_docs_folder(s)) return PathContext::docs;
  }
  std::string ext = ascii_lower(extension(b));
  if (ext == "md" || ext == "markdown" || ext == "rst" || ext == "adoc" || (txt_is_docs && ext == "txt"))
    return PathContext::docs;
  return PathContext::code;
}

// --------------------------------------------------------------- content pass

namespace {

std::vector<TrackerHit> scan_patterns(const SignatureSet& set, std::string_view path, std::string_view data);

re2::StringPiece piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

// One service key or parameter found in a file: where the name starts, and the hit's kind.
struct ConsentName {
  std::size_t offset;
  std::string name;
  bool service;  // a service key pushed to tarteaucitron.job; else a tarteaucitron.user parameter
};

// Every call whose first argument is a quoted name, `f('name',` (the parameters some sites pass
// to a tarteaucitron wrapper): a word character or '$', spaces, '(', spaces, a quote, a letter
// and 2 to 60 letters, digits or '_', a quote, spaces, ','. Matched by hand at each '(' rather
// than by a regular expression run over every web file, which was a tenth of an audit's CPU on
// template trees; two such calls cannot overlap, so each '(' is judged alone.
void collect_quoted_calls(std::string_view data, std::vector<ConsentName>& found) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto name_char = [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '_'; };
  auto quote = [](char c) { return c == '\'' || c == '"' || c == '`'; };
  const std::size_t n = data.size();
  for (std::size_t open = data.find('('); open != std::string_view::npos; open = data.find('(', open + 1)) {
    std::size_t b = open;
    while (b > 0 && space(data[b - 1])) --b;
    if (b == 0 || !(name_char(data[b - 1]) || data[b - 1] == '$')) continue;
    std::size_t i = open + 1;
    while (i < n && space(data[i])) ++i;
    if (i >= n || !quote(data[i])) continue;
    std::size_t from = ++i;
    if (i >= n || !letter(data[i])) continue;
    while (i < n && name_char(data[i])) ++i;
    std::size_t length = i - from;
    if (length < 3 || length > 61 || i >= n || !quote(data[i])) continue;
    ++i;
    while (i < n && space(data[i])) ++i;
    if (i >= n || data[i] != ',') continue;
    found.push_back({from, std::string(data.substr(from, length)), false});
  }
}

// Services enabled by name through the tarteaucitron consent manager, and the parameters they
// read. Only the calls and assignments themselves count, with the name as a string literal:
//   tarteaucitron.job.push('matomotm')       (tarteaucitron.job = tarteaucitron.job || []).push('gtag')
//   tarteaucitron.user.matomoId = 12;        tarteaucitron.user['gtagUa'] = 'G-XXXX';
//   cookies.addUser('matomotmUrl', url)      (a wrapper: a call whose first argument is the name)
// A bare 'gtag' elsewhere in the code is not a use of the service.
std::vector<TrackerHit> scan_consent_manager(const SignatureSet& set, std::string_view path, std::string_view data,
                                             unsigned type) {
  std::vector<TrackerHit> out;
  if (!(type & (t_web | t_text))) return out;
  static const RE2 push_re(
      R"(tarteaucitron\s*\.\s*job(?:\s*=\s*(?:[\w$]+\.)*tarteaucitron\.job\s*\|\|\s*\[\s*\]\s*\))?\s*\??\.\s*push\s*\(\s*['"`]([A-Za-z0-9_]+)['"`]\s*\))");
  static const RE2 user_re(R"(tarteaucitron\s*\.\s*user\s*(?:\.\s*([A-Za-z0-9_]+)|\[\s*['"`]([A-Za-z0-9_]+)['"`]\s*\])\s*=[^=])");
  std::vector<ConsentName> found;
  auto collect = [&](const RE2& re, bool service, bool two_groups) {
    re2::StringPiece input = piece(data);
    re2::StringPiece a, b;
    while (two_groups ? RE2::FindAndConsume(&input, re, &a, &b) : RE2::FindAndConsume(&input, re, &a)) {
      re2::StringPiece name = a.empty() ? b : a;
      if (name.empty()) continue;
      found.push_back({static_cast<std::size_t>(name.data() - data.data()), std::string(name.data(), name.size()), service});
      a = b = re2::StringPiece();
    }
  };
  if (find_bytes(data, "tarteaucitron") != std::string_view::npos) {
    collect(push_re, true, false);
    collect(user_re, false, true);
  }
  if (type & t_web) collect_quoted_calls(data, found);
  if (found.empty()) return out;

  std::unordered_map<std::string, std::size_t> services, params;  // name -> signature index
  const auto& sigs = set.signatures();
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    for (const auto& k : sigs[i].tarteaucitron) services.emplace(k, i);
    for (const auto& k : sigs[i].tarteaucitron_user) params.emplace(k, i);
  }
  std::sort(found.begin(), found.end(), [](const ConsentName& x, const ConsentName& y) { return x.offset < y.offset; });
  PathContext ctx = classify_path(path);
  std::vector<TextRegion> regions;
  std::set<std::pair<std::size_t, int>> seen;  // (signature, line)
  for (const auto& f : found) {
    const auto& table = f.service ? services : params;
    auto it = table.find(f.name);
    if (it == table.end()) continue;
    int line = line_at(data, f.offset);
    if (!seen.insert({it->second, line}).second) continue;
    TrackerHit h;
    h.signature_id = sigs[it->second].id;
    h.kind = f.service ? "consent-service" : "consent-parameter";
    h.evidence.path = to_valid_utf8(path);
    h.evidence.line = line;
    h.evidence.snippet = source_line_snippet(data, f.offset);
    h.evidence.note = f.service ? fmt::format("tarteaucitron service \"{}\" enabled", f.name)
                                : fmt::format("tarteaucitron parameter \"{}\" set", f.name);
    h.context = context_name(ctx);
    if (ctx == PathContext::code) {
      if (regions.empty()) regions = lex_regions(data, lex_family_for(path), found.back().offset);
      RegionKind region = region_at(regions, f.offset);
      if (region == RegionKind::comment || region == RegionKind::markup_comment) {
        h.context = "comment";
        h.evidence.note += " (inside a comment)";
      }
    }
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace

std::vector<TrackerHit> scan_content(const SignatureSet& set, std::string_view path, std::string_view data) {
  std::vector<TrackerHit> out = scan_patterns(set, path, data);
  if (data.empty()) return out;
  std::vector<TrackerHit> consent = scan_consent_manager(set, path, data, file_type(path));
  out.insert(out.end(), std::make_move_iterator(consent.begin()), std::make_move_iterator(consent.end()));
  return out;
}

namespace {

// The signature patterns of the multi-pattern database over one file's content.
std::vector<TrackerHit> scan_patterns(const SignatureSet& set, std::string_view path, std::string_view data) {
  std::vector<TrackerHit> out;
  unsigned type = file_type(path);
  if (type == t_none || data.empty()) return out;
  const ContentMatcher& m = set.matcher();
  std::vector<ContentMatcher::Match> raw;
  m.scan(data, raw);
  if (raw.empty()) return out;
  const auto& pats = m.patterns();

  // Literal matches start at end - length; keep those standing on their own and of a kind this
  // file can hold.
  struct Cand {
    std::uint32_t pattern;
    std::size_t from, to;
  };
  std::vector<Cand> cands;
  for (const auto& r : raw) {
    const PatternInfo& p = pats[r.pattern];
    if (!kind_applies(p.kind, type)) continue;
    std::size_t from = p.regex ? r.from : r.to - p.text.size();
    if (r.to <= from || !at_boundaries(p, data, from, r.to)) continue;
    cands.push_back({r.pattern, from, r.to});
  }
  // A match inside a longer match of another signature belongs to the longer one
  // (com.google.android.gms.ads inside com.google.android.gms.ads.identifier).
  std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    return a.from != b.from ? a.from < b.from : a.to > b.to;
  });
  std::vector<Cand> kept;
  for (const auto& c : cands) {
    bool inside = false;
    for (const auto& k : kept)
      if (k.from <= c.from && c.to <= k.to && pats[k.pattern].signature != pats[c.pattern].signature &&
          (k.to - k.from) > (c.to - c.from)) {
        inside = true;
        break;
      }
    if (!inside) kept.push_back(c);
  }

  PathContext ctx = classify_path(path);
  std::string context = context_name(ctx);
  // Only a file with a match is lexed, and only up to its last match: the regions say whether
  // a match sits in a comment (line, block, trailing, markup or template comment).
  std::vector<TextRegion> regions;
  if (ctx == PathContext::code && !kept.empty()) {
    std::size_t last = 0;
    for (const auto& c : kept) last = std::max(last, c.from);
    regions = lex_regions(data, lex_family_for(path), last);
  }
  // Lines counted incrementally: matches are sorted by offset.
  int line = 1;
  std::size_t counted = 0, line_start = 0;
  std::set<std::pair<std::uint32_t, int>> seen;  // (signature, line)
  for (const auto& c : kept) {
    const char* base = data.data();
    while (counted < c.from) {
      const void* nl = std::memchr(base + counted, '\n', c.from - counted);
      if (!nl) {
        counted = c.from;
        break;
      }
      counted = static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
      ++line;
      line_start = counted;
    }
    const PatternInfo& p = pats[c.pattern];
    if (!seen.insert({p.signature, line}).second) continue;
    TrackerHit h;
    h.kind = std::string(pattern_kind_name(p.kind));
    std::size_t le = data.find('\n', c.from);
    std::string_view whole = data.substr(line_start, (le == std::string_view::npos ? data.size() : le) - line_start);
    if (p.kind == PatternKind::domain && csp_line(whole)) h.kind = "csp";
    // A manifest entry removed by the manifest merger (tools:node="remove") declares the opposite.
    if (p.kind == PatternKind::android_manifest && whole.find("tools:node=\"remove\"") != std::string_view::npos) continue;
    h.evidence.path = to_valid_utf8(path);
    h.evidence.line = line;
    h.evidence.snippet = source_line_snippet(data, c.from);
    h.evidence.note = fmt::format("{} \"{}\"", h.kind, matched_text(data, c.from, c.to));
    h.context = context;
    RegionKind region = region_at(regions, c.from);
    if (region == RegionKind::comment || region == RegionKind::markup_comment) {
      h.context = "comment";
      h.evidence.note += region == RegionKind::markup_comment ? " (inside an HTML/XML comment)" : " (inside a comment)";
    }
    h.signature_id = std::to_string(p.signature);  // replaced by the id below
    out.push_back(std::move(h));
  }
  // A data file naming many different trackers is a reference list (a block list, this very
  // signature list), not a use of them.
  if ((type & t_text) && !(type & (t_web | t_jvm | t_xml | t_plist))) {
    std::set<std::string> distinct;
    for (const auto& h : out) distinct.insert(h.signature_id);
    if (distinct.size() >= kListThreshold)
      for (auto& h : out)
        if (h.context == "code") {
          h.context = "docs";
          h.evidence.note += fmt::format(" (a list naming {} trackers)", distinct.size());
        }
  }
  const auto& sigs = set.signatures();
  for (auto& h : out) h.signature_id = sigs[std::stoul(h.signature_id)].id;
  return out;
}

}  // namespace

// --------------------------------------------------------------- ads.txt

std::vector<TrackerHit> scan_ads_txt(std::string_view path, std::string_view content) {
  std::vector<TrackerHit> out;
  PathContext ctx = classify_path(path, false);
  int n = 0;
  std::size_t pos = 0;
  while (pos <= content.size()) {
    std::size_t nl = content.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? content.size() : nl;
    std::string_view raw = content.substr(pos, end - pos);
    ++n;
    std::string_view line = raw.substr(0, raw.find('#'));
    std::vector<std::string> fields;
    std::size_t f = 0;
    while (true) {
      std::size_t comma = line.find(',', f);
      std::string_view field = line.substr(f, comma == std::string_view::npos ? std::string_view::npos : comma - f);
      while (!field.empty() && std::isspace(static_cast<unsigned char>(field.front()))) field.remove_prefix(1);
      while (!field.empty() && std::isspace(static_cast<unsigned char>(field.back()))) field.remove_suffix(1);
      fields.emplace_back(field);
      if (comma == std::string_view::npos) break;
      f = comma + 1;
    }
    if (fields.size() >= 3 && line.find('=') == std::string_view::npos) {
      std::string domain = ascii_lower(fields[0]);
      std::string relation = ascii_lower(fields[2]);
      bool placeholder = domain == "placeholder.example.com" || ascii_lower(fields[1]) == "placeholder";
      bool seller = (relation == "direct" || relation == "reseller") && !domain.empty() &&
                    domain.find('.') != std::string::npos && !fields[1].empty();
      if (seller && !placeholder) {
        TrackerHit h;
        h.signature_id = "ads-txt";
        h.kind = "ads.txt";
        h.evidence.path = to_valid_utf8(path);
        h.evidence.line = n;
        h.evidence.snippet = line_snippet(content, pos);
        h.evidence.note = fmt::format("authorised seller {} ({}, {})", domain, fields[1], fields[2]);
        h.context = context_name(ctx);
        out.push_back(std::move(h));
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

// --------------------------------------------------------------- dependencies

std::vector<TrackerHit> match_dependencies(const SignatureSet& set, const std::vector<Dependency>& deps) {
  std::vector<TrackerHit> out;
  const auto& sigs = set.signatures();
  for (const auto& d : deps) {
    for (const auto& s : sigs) {
      auto it = s.packages.find(d.ecosystem);
      if (it == s.packages.end()) continue;
      for (const auto& p : it->second) {
        if (!package_matches(d.ecosystem, p, d.name)) continue;
        TrackerHit h;
        h.signature_id = s.id;
        h.kind = "dependency";
        h.evidence.path = to_valid_utf8(d.path);
        h.evidence.line = d.line;
        h.evidence.snippet = d.snippet;
        h.evidence.note = fmt::format("{} dependency {}{}{} ({})", d.ecosystem, d.name, d.version.empty() ? "" : " ",
                                      d.version, d.section);
        h.dev = d.dev;
        h.context = context_name(classify_path(d.path, false));
        if (h.context == "vendored") h.context = "code";
        out.push_back(std::move(h));
        break;
      }
    }
  }
  return out;
}

// --------------------------------------------------------------- the whole snapshot

namespace {

// Resolves `libs.x.y` references of Gradle files against the version catalogs: each reference
// becomes a Maven dependency at the line that uses it, and a catalog entry only used from test
// configurations is marked dev.
void resolve_catalog_refs(std::vector<Dependency>& deps) {
  std::map<std::string, std::size_t> accessor;  // "libs.play.services.ads" -> index in deps
  for (std::size_t i = 0; i < deps.size(); ++i) {
    const Dependency& d = deps[i];
    if (d.ecosystem != "maven" || !d.section.starts_with("libraries.")) continue;
    std::string_view b = path_basename(d.path);
    std::string prefix(b.substr(0, b.find(".versions.toml")));
    std::string alias = d.section.substr(10);
    std::replace_if(alias.begin(), alias.end(), [](char c) { return c == '-' || c == '_'; }, '.');
    accessor[ascii_lower(prefix + "." + alias)] = i;
  }
  std::map<std::size_t, std::pair<int, int>> uses;  // catalog entry -> (refs, dev refs)
  std::vector<Dependency> resolved;
  for (auto& d : deps) {
    if (d.ecosystem != "gradle-catalog") continue;
    std::string key = ascii_lower(d.name);
    auto it = accessor.find(key);
    if (it == accessor.end()) continue;
    const Dependency& target = deps[it->second];
    Dependency r = d;
    r.ecosystem = "maven";
    r.version = target.version;
    r.section = d.section + " " + d.name;
    r.name = target.name;
    resolved.push_back(std::move(r));
    auto& u = uses[it->second];
    ++u.first;
    if (d.dev) ++u.second;
  }
  for (const auto& [i, u] : uses)
    if (u.first > 0 && u.first == u.second) deps[i].dev = true;
  deps.erase(std::remove_if(deps.begin(), deps.end(), [](const Dependency& d) { return d.ecosystem == "gradle-catalog"; }),
             deps.end());
  deps.insert(deps.end(), resolved.begin(), resolved.end());
}

bool is_js_like(std::string_view path) {
  static const std::set<std::string, std::less<>> exts = {"js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts",
                                                          "vue", "svelte", "astro"};
  return exts.count(ascii_lower(extension(path))) > 0;
}

// Imports of `name` ('name', "name", `name/sub`) in JS-like sources.
void find_imports(std::string_view path, std::string_view data, const std::string& name, const std::string& sig_id,
                  std::vector<TrackerHit>& out) {
  PathContext ctx = classify_path(path);
  for (std::size_t pos = data.find(name); pos != std::string_view::npos; pos = data.find(name, pos + 1)) {
    if (pos == 0) continue;
    char q = data[pos - 1];
    std::size_t end = pos + name.size();
    if (q != '\'' && q != '"' && q != '`') continue;
    if (end >= data.size() || (data[end] != q && data[end] != '/')) continue;
    TrackerHit h;
    h.signature_id = sig_id;
    h.kind = "import";
    h.evidence.path = to_valid_utf8(path);
    h.evidence.line = line_at(data, pos);
    h.evidence.snippet = source_line_snippet(data, pos);
    h.evidence.note = fmt::format("import of the npm package {}", name);
    h.context = context_name(ctx);
    if (ctx == PathContext::code) {
      RegionKind region = region_at(lex_regions(data, lex_family_for(path), pos), pos);
      if (region == RegionKind::comment || region == RegionKind::markup_comment) h.context = "comment";
    }
    out.push_back(std::move(h));
    return;  // one import per file is evidence enough
  }
}

void note_skipped(TrackerScanStats& stats, std::string_view path, std::uint64_t size) {
  ++stats.files_skipped_vendored;
  stats.bytes_skipped += size;
  if (stats.skipped_examples.size() >= 10) return;
  // Name the vendored folder rather than each file in it.
  std::string example(path);
  auto segs = folders(path);
  std::size_t len = 0;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    len += segs[i].size() + 1;
    bool copy = i + 1 < segs.size() && is_third_party_copy(segs[i], segs[i + 1]);
    if (copy) len += segs[i + 1].size() + 1;
    if (copy || is_vendored_folder(segs[i])) {
      example = std::string(path.substr(0, len));
      break;
    }
  }
  example = to_valid_utf8(example);
  if (std::find(stats.skipped_examples.begin(), stats.skipped_examples.end(), example) == stats.skipped_examples.end())
    stats.skipped_examples.push_back(example);
}

// Minified or generated: more than 1000 bytes per line on average. Stops counting lines as soon
// as there are enough, so ordinary files cost a few memchr calls.
bool looks_minified(std::string_view data) {
  if (data.size() < 4096) return false;
  std::size_t needed = data.size() / 1000, lines = 1;
  const char* p = data.data();
  const char* end = p + data.size();
  while (lines <= needed) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (!nl) return true;
    ++lines;
    p = static_cast<const char*>(nl) + 1;
  }
  return false;
}

bool looks_binary(std::string_view data) {
  return std::memchr(data.data(), '\0', std::min<std::size_t>(data.size(), 8000)) != nullptr;
}

// The hits of a file's text: its seller lines for ads.txt, else the signatures' patterns; a
// hit in a UTF-16 file says so.
std::vector<TrackerHit> scan_text(const SignatureSet& set, std::string_view path, std::string_view text, bool ads_txt,
                                  TextEncoding encoding) {
  if (ads_txt) return scan_ads_txt(path, text);
  std::vector<TrackerHit> hits = scan_content(set, path, text);
  if (encoding == TextEncoding::utf16le || encoding == TextEncoding::utf16be)
    for (auto& h : hits) h.evidence.note += fmt::format(" (file encoded in {})", encoding_name(encoding));
  return hits;
}

// A file over --max-file-size, scanned as it streams, in windows of whole lines
// (text_windows.hpp): memory stays that of a window whatever the file's size, and the hits are
// those of a whole-file scan, with two limits. A hit in the lines two windows share is kept
// once. The comment lexer starts afresh at each window: a match inside a block comment opened
// more than a window (8 MiB) earlier counts as code.
ContentScan scan_streamed(const Snapshot& snap, const SignatureSet& set, const FileEntry& e, bool ads_txt) {
  ContentScan out;
  std::set<std::tuple<std::string, std::string, int>> seen;  // (signature, kind, line)
  bool binary = false;
  TextEncoding encoding = TextEncoding::utf8;
  auto end = for_each_text_window(
      snap, e,
      [&](std::string_view text, int first_line, bool first) {
        if (first && looks_binary(text)) {
          binary = true;
          return false;
        }
        if (first && !ads_txt && looks_minified(text)) {
          out.minified = true;
          return false;
        }
        // The encoding is known from the first window on.
        for (auto& h : scan_text(set, e.path, text, ads_txt, encoding)) {
          h.evidence.line += first_line - 1;
          if (seen.emplace(h.signature_id, h.kind, h.evidence.line).second) out.hits.push_back(std::move(h));
        }
        return true;
      },
      {}, &encoding);
  if (end == Snapshot::StreamEnd::unreadable || binary) return ContentScan{};
  out.size = e.size;
  if (out.minified) return out;
  out.scanned = true;
  return out;
}

// Imports of npm devDependencies in a file over --max-file-size, as it streams.
void find_imports_streamed(const Snapshot& snap, const FileEntry& e,
                           const std::vector<std::pair<std::string, std::string>>& dev_npm,
                           std::vector<TrackerHit>& out) {
  std::set<std::tuple<std::string, int, std::string>> seen;  // (signature, line, note: the package)
  for_each_text_window(snap, e, [&](std::string_view text, int first_line, bool) {
    std::vector<TrackerHit> found;
    for (const auto& [name, id] : dev_npm) find_imports(e.path, text, name, id, found);
    for (auto& h : found) {
      h.evidence.line += first_line - 1;
      if (seen.emplace(h.signature_id, h.evidence.line, h.evidence.note).second) out.push_back(std::move(h));
    }
    return true;
  });
}

// Hits in shipped code that lie in a monorepo package never shipped to users (an internal
// dashboard, end-to-end tests, a storybook) are tooling: reported apart, like tests.
void mark_tooling(std::vector<TrackerHit>& hits, const std::vector<WorkspacePackage>& packages) {
  if (packages.empty()) return;
  for (auto& h : hits) {
    if (h.context != "code") continue;
    const WorkspacePackage* pkg = tooling_package_of(packages, h.evidence.path);
    if (!pkg) continue;
    h.context = "tooling";
    h.evidence.note += " (workspace package " + pkg->folder + ", not shipped: " + pkg->reason + ")";
  }
}

}  // namespace

void to_json(nlohmann::json& j, const TrackerHit& h) {
  to_cache_array(j, h.signature_id, h.kind, h.evidence, h.dev, h.context);
}

void from_json(const nlohmann::json& j, TrackerHit& h) { from_cache_array(j, h.signature_id, h.kind, h.evidence, h.dev, h.context); }

void to_json(nlohmann::json& j, const ContentScan& s) { to_cache_array(j, s.scanned, s.minified, s.size, s.hits); }

void from_json(const nlohmann::json& j, ContentScan& s) { from_cache_array(j, s.scanned, s.minified, s.size, s.hits); }

std::vector<TrackerDetection> detect_trackers(const Snapshot& snap, const SignatureSet& set, TrackerScanStats& stats,
                                              int max_hits_per_file) {
  const auto& sigs = set.signatures();
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < sigs.size(); ++i) index[sigs[i].id] = i;
  std::vector<std::vector<TrackerHit>> by_sig(sigs.size());
  auto keep = [&](std::vector<TrackerHit>&& hits) {
    std::map<std::pair<std::size_t, std::string>, int> per_file;
    for (auto& h : hits) {
      auto it = index.find(h.signature_id);
      if (it == index.end()) continue;
      if (++per_file[{it->second, h.evidence.path}] > max_hits_per_file) continue;
      by_sig[it->second].push_back(std::move(h));
    }
  };

  const std::vector<WorkspacePackage> packages = workspace_packages(snap);

  // Pass 1: manifests, parsed rather than grepped.
  std::vector<Dependency> deps;
  std::vector<const FileEntry*> content_files;
  for (const auto& e : snap.files()) {
    if (e.kind != EntryKind::file) continue;
    PathContext ctx = classify_path(e.path);
    if (ctx == PathContext::vendored) {
      if (is_manifest(e.path) || file_type(e.path) != t_none || is_lock_file(e.path)) note_skipped(stats, e.path, e.size);
      continue;
    }
    if (is_lock_file(e.path)) {
      note_skipped(stats, e.path, e.size);
      continue;
    }
    if (is_manifest(e.path)) {
      auto content = snap.read(e);
      if (!content) continue;
      ++stats.files_scanned;
      ++stats.manifests_parsed;
      stats.bytes_scanned += content->size();
      auto d = parse_manifest(e.path, *content);
      deps.insert(deps.end(), std::make_move_iterator(d.begin()), std::make_move_iterator(d.end()));
      continue;
    }
    content_files.push_back(&e);
  }
  resolve_catalog_refs(deps);
  stats.dependencies = deps.size();
  auto dep_hits = match_dependencies(set, deps);
  // npm devDependencies are often bundled into the shipped front end: look for their imports.
  std::vector<std::pair<std::string, std::string>> dev_npm;  // package, signature id
  for (const auto& h : dep_hits) {
    if (!h.dev) continue;
    for (const auto& d : deps)
      if (d.ecosystem == "npm" && d.path == h.evidence.path && d.line == h.evidence.line) dev_npm.emplace_back(d.name, h.signature_id);
  }
  keep(std::move(dep_hits));

  // Pass 2: one multi-pattern pass over each source, template and configuration file, on the
  // snapshot's threads (the matcher has a scratch space per thread). What a file's content
  // yields is kept per blob (BlobCache) for the other revisions of a trend. Each file's outcome
  // has its own slot, and they are gathered in the order of the files: the result is the same
  // with any number of threads.
  struct FileOutcome {
    bool considered = false;  // a file type the scan reads
    bool ads_txt = false;
    ContentScan scanned;
    std::vector<TrackerHit> imports;  // imports of npm devDependencies
  };
  std::vector<FileOutcome> outcomes(content_files.size());
  parallel_for(content_files.size(), snap.jobs(), [&](std::size_t i) {
    const FileEntry* e = content_files[i];
    FileOutcome& outcome = outcomes[i];
    std::string_view b = path_basename(e->path);
    const bool ads_txt = b == "ads.txt" || b == "app-ads.txt";
    if (!ads_txt && file_type(e->path) == t_none) return;
    outcome.considered = true;
    outcome.ads_txt = ads_txt;
    const bool streamed = e->size > snap.max_file_size();
    outcome.scanned = BlobCache::through<ContentScan>(snap, "trackers", *e, [&] {
      if (streamed) return scan_streamed(snap, set, *e, ads_txt);
      ContentScan out;
      auto content = snap.content(*e);
      if (!content) return out;
      // A byte-order mark says how to read the file (a UTF-16 page is not binary); without one,
      // the bytes are matched as they are. Line breaks are kept, so lines stay the file's own.
      std::string decoded;
      TextEncoding encoding = TextEncoding::utf8;
      std::string_view text = decode_source(content->bytes(), decoded, false, &encoding);
      if (looks_binary(text)) return out;
      out.size = content->bytes().size();
      if (!ads_txt && looks_minified(text)) {
        out.minified = true;
        return out;
      }
      out.scanned = true;
      out.hits = scan_text(set, e->path, text, ads_txt, encoding);
      return out;
    });
    if (outcome.scanned.minified || !outcome.scanned.scanned || ads_txt) return;
    if (dev_npm.empty() || !is_js_like(e->path)) return;
    if (streamed) {
      find_imports_streamed(snap, *e, dev_npm, outcome.imports);
    } else {
      auto content = snap.content(*e);
      if (!content) return;
      std::string decoded;
      std::string_view text = decode_source(content->bytes(), decoded, false, nullptr);
      for (const auto& [name, id] : dev_npm) find_imports(e->path, text, name, id, outcome.imports);
    }
  });
  for (std::size_t i = 0; i < content_files.size(); ++i) {
    FileOutcome& outcome = outcomes[i];
    if (!outcome.considered) continue;
    const FileEntry* e = content_files[i];
    if (outcome.scanned.minified) {
      note_skipped(stats, e->path, outcome.scanned.size);
      continue;
    }
    if (!outcome.scanned.scanned) continue;
    ++stats.files_scanned;
    stats.bytes_scanned += outcome.scanned.size;
    keep(std::move(outcome.scanned.hits));
    if (outcome.ads_txt) continue;
    keep(std::move(outcome.imports));
  }

  std::vector<TrackerDetection> out;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    auto& hits = by_sig[i];
    if (hits.empty()) continue;
    mark_tooling(hits, packages);
    std::stable_sort(hits.begin(), hits.end(), [](const TrackerHit& a, const TrackerHit& b) {
      return std::tie(a.evidence.path, a.evidence.line) < std::tie(b.evidence.path, b.evidence.line);
    });
    TrackerDetection d;
    d.signature = &sigs[i];
    d.only_dev_or_test = std::none_of(hits.begin(), hits.end(), [](const TrackerHit& h) { return h.context == "code" && !h.dev; });
    d.hits = std::move(hits);
    out.push_back(std::move(d));
  }
  return out;
}

// --------------------------------------------------------------- output

nlohmann::json trackers_to_json(const std::vector<TrackerDetection>& detections) {
  nlohmann::json out = nlohmann::json::array();
  static const std::vector<std::string> strength = {"code", "test", "tooling", "docs", "comment"};
  for (const auto& d : detections) {
    const Signature& s = *d.signature;
    nlohmann::json ev = nlohmann::json::array();
    std::size_t best = strength.size();
    for (const auto& h : d.hits) {
      nlohmann::json e = {{"path", h.evidence.path}, {"line", h.evidence.line}, {"snippet", h.evidence.snippet},
                          {"kind", h.kind},          {"context", h.context},    {"dev", h.dev},
                          {"note", h.evidence.note}};
      ev.push_back(std::move(e));
      std::string c = h.context == "code" && h.dev ? "test" : h.context;
      auto it = std::find(strength.begin(), strength.end(), c);
      best = std::min(best, static_cast<std::size_t>(it - strength.begin()));
    }
    out.push_back({{"id", s.id},
                   {"name", s.name},
                   {"category", s.category},
                   {"vendor", s.vendor},
                   {"vendor_country", s.country.empty() ? nlohmann::json() : nlohmann::json(s.country)},
                   {"eu", s.eu},
                   {"self_hostable", s.self_hostable},
                   {"consent_exempt_possible", s.consent_exempt_possible},
                   {"context", best < strength.size() ? strength[best] : "code"},
                   {"only_dev_or_test", d.only_dev_or_test},
                   {"evidence", std::move(ev)}});
  }
  return out;
}

std::vector<std::string> content_patterns_as_ere(const SignatureSet& set) {
  std::vector<std::string> out;
  for (const auto& p : set.matcher().patterns()) {
    if (p.regex) {
      out.push_back(p.text);
      continue;
    }
    std::string e;
    for (char c : p.text) {
      if (std::strchr(".[]()*+?{}|^$\\", c)) e += '\\';
      e += c;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace pacte
