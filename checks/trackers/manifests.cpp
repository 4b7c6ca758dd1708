#include "checks/trackers/manifests.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "checks/base/text.hpp"

namespace pacte {

namespace {


std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Calls fn(line_number, line) for each line (without '\n' or '\r').
template <typename Fn>
void for_each_line(std::string_view content, Fn fn) {
  int n = 0;
  std::size_t pos = 0;
  while (pos <= content.size()) {
    std::size_t nl = content.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? content.size() : nl;
    std::string_view line = content.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(++n, line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
}

re2::StringPiece sp(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

Dependency dep(std::string eco, std::string name, std::string version, std::string_view path, int line, bool dev,
               std::string section) {
  Dependency d;
  d.ecosystem = std::move(eco);
  d.name = std::move(name);
  d.version = std::move(version);
  d.path = std::string(path);
  d.line = line;
  d.dev = dev;
  d.section = std::move(section);
  return d;
}

// Words that mark a development-only group, file or configuration.
bool is_dev_word(std::string_view w) {
  static const std::set<std::string, std::less<>> words = {"dev",  "develop", "development", "test", "tests",
                                                           "testing", "docs", "doc",        "lint", "typing",
                                                           "ci",   "bench",   "benchmark",   "check", "style"};
  return words.count(ascii_lower(w)) > 0;
}

// ------------------------------------------------------------------ JSON with line numbers

struct JsonKey {
  std::string section, key, value;
  int line = 0;
};

// Keys of the objects one level below the root ({"section": {"key": value}}), with lines.
std::vector<JsonKey> json_section_keys(std::string_view s) {
  std::vector<JsonKey> out;
  if (!nlohmann::json::accept(s.begin(), s.end())) return out;
  struct Level {
    char type;
    std::string key;
  };
  std::vector<Level> stack;
  std::string last_key;
  int line = 1;
  auto read_string = [&](std::size_t& i) {
    std::string str;
    ++i;  // opening quote
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\' && i + 1 < s.size()) {
        str += s[i + 1];
        i += 2;
        continue;
      }
      if (s[i] == '\n') ++line;
      str += s[i++];
    }
    ++i;  // closing quote
    return str;
  };
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == '{' || c == '[') {
      stack.push_back({c, last_key});
      last_key.clear();
      ++i;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++i;
    } else if (c == '"') {
      int at = line;
      std::string str = read_string(i);
      std::size_t j = i;
      while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) {
        if (s[j] == '\n') ++line;
        ++j;
      }
      i = j;
      if (j < s.size() && s[j] == ':' && !stack.empty() && stack.back().type == '{') {
        last_key = str;
        ++i;
        if (stack.size() == 2) {
          JsonKey k{stack[1].key, str, "", at};
          std::size_t v = i;
          while (v < s.size() && (s[v] == ' ' || s[v] == '\t')) ++v;
          if (v < s.size() && s[v] == '"') {
            std::size_t vv = v;
            int saved = line;
            k.value = read_string(vv);
            line = saved;
          }
          out.push_back(std::move(k));
        }
      }
    } else {
      ++i;
    }
  }
  return out;
}

std::vector<Dependency> parse_package_json(std::string_view path, std::string_view content) {
  std::vector<Dependency> out;
  for (auto& k : json_section_keys(content)) {
    const std::string& s = k.section;
    if (s == "dependencies" || s == "optionalDependencies" || s == "peerDependencies" || s == "bundledDependencies" ||
        s == "devDependencies")
      out.push_back(dep("npm", k.key, k.value, path, k.line, s == "devDependencies", s));
  }
  return out;
}

std::vector<Dependency> parse_composer_json(std::string_view path, std::string_view content) {
  std::vector<Dependency> out;
  for (auto& k : json_section_keys(content)) {
    if (k.section != "require" && k.section != "require-dev") continue;
    std::string_view n = k.key;
    if (n == "php" || n.starts_with("ext-") || n.starts_with("lib-") || n.starts_with("composer-") ||
        n.find('/') == std::string_view::npos)
      continue;
    out.push_back(dep("composer", k.key, k.value, path, k.line, k.section == "require-dev", k.section));
  }
  return out;
}

// ------------------------------------------------------------------ Gradle

bool gradle_dev_configuration(std::string_view conf) {
  std::string c = ascii_lower(conf);
  return c.starts_with("test") || c.starts_with("androidtest") || c.starts_with("debug") ||
         c.starts_with("lint") || c.find("test") != std::string::npos;
}

bool gradle_dependency_configuration(std::string_view c) {
  static const std::set<std::string, std::less<>> exact = {"implementation", "api", "compile", "compileOnly",
                                                           "runtimeOnly",    "kapt", "ksp", "annotationProcessor",
                                                           "classpath",      "runtime", "provided", "wearApp",
                                                           "coreLibraryDesugaring"};
  if (exact.count(c)) return true;
  for (std::string_view suffix : {"Implementation", "Api", "CompileOnly", "RuntimeOnly", "Compile", "AnnotationProcessor"})
    if (c.ends_with(suffix) && c.size() > suffix.size()) return true;
  return c.starts_with("kapt") || c.starts_with("ksp");
}

std::vector<Dependency> parse_gradle(std::string_view path, std::string_view content) {
  static const RE2 str_re(
      R"re(^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\(|\s)\s*(?:(?:platform|enforcedPlatform)\s*\(\s*)?["']([^"'\s:$]+):([^"'\s:]+)(?::([^"'\s]*))?["'])re");
  static const RE2 map_re(
      R"re(^\s*([A-Za-z][A-Za-z0-9_]*)\s*\(?\s*group\s*[:=]\s*["']([^"']+)["']\s*,\s*name\s*[:=]\s*["']([^"']+)["'](?:\s*,\s*version\s*[:=]\s*["']([^"']*)["'])?)re");
  static const RE2 catalog_re(R"re(^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\(|\s)\s*(?:(?:platform|enforcedPlatform)\s*\(\s*)?(libs\.[A-Za-z0-9_.]+))re");
  std::vector<Dependency> out;
  bool in_block_comment = false;
  for_each_line(content, [&](int n, std::string_view line) {
    std::string_view t = trim(line);
    if (in_block_comment) {
      if (t.find("*/") != std::string_view::npos) in_block_comment = false;
      return;
    }
    if (t.starts_with("/*")) {
      if (t.find("*/") == std::string_view::npos) in_block_comment = true;
      return;
    }
    if (t.starts_with("//")) return;
    std::string conf, g, a, v;
    if (RE2::PartialMatch(sp(line), str_re, &conf, &g, &a, &v) || RE2::PartialMatch(sp(line), map_re, &conf, &g, &a, &v)) {
      if (gradle_dependency_configuration(conf))
        out.push_back(dep("maven", g + ":" + a, v, path, n, gradle_dev_configuration(conf), conf));
    } else if (std::string ref; RE2::PartialMatch(sp(line), catalog_re, &conf, &ref)) {
      if (gradle_dependency_configuration(conf)) {
        if (ref.ends_with(".get")) ref.resize(ref.size() - 4);
        out.push_back(dep("gradle-catalog", ref, "", path, n, gradle_dev_configuration(conf), conf));
      }
    }
  });
  return out;
}

std::vector<Dependency> parse_version_catalog(std::string_view path, std::string_view content) {
  static const RE2 key_re(R"re(^\s*"?([A-Za-z0-9_.-]+)"?\s*=\s*(.*)$)re");
  static const RE2 str_re(R"re(^["']([^"'\s:]+):([^"'\s:]+)(?::([^"'\s]*))?["'])re");
  static const RE2 module_re(R"re(\bmodule\s*=\s*["']([^"'\s:]+):([^"'\s:]+)["'])re");
  static const RE2 group_re(R"re(\bgroup\s*=\s*["']([^"']+)["'])re");
  static const RE2 name_re(R"re(\bname\s*=\s*["']([^"']+)["'])re");
  static const RE2 version_re(R"re(\bversion(?:\.ref)?\s*=\s*["']([^"']+)["'])re");
  std::vector<Dependency> out;
  std::string section;
  for_each_line(content, [&](int n, std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') return;
    if (t.front() == '[') {
      section = std::string(trim(t.substr(1, t.find(']') - 1)));
      return;
    }
    if (section != "libraries") return;
    std::string alias, rest, g, a, v;
    if (!RE2::FullMatch(sp(t), key_re, &alias, &rest)) return;
    if (RE2::PartialMatch(rest, str_re, &g, &a, &v) || RE2::PartialMatch(rest, module_re, &g, &a) ||
        (RE2::PartialMatch(rest, group_re, &g) && RE2::PartialMatch(rest, name_re, &a))) {
      if (v.empty()) RE2::PartialMatch(rest, version_re, &v);
      // The alias rides in `section` so that detect can resolve `libs.<alias>` references.
      out.push_back(dep("maven", g + ":" + a, v, path, n, false, "libraries." + alias));
    }
  });
  return out;
}

// ------------------------------------------------------------------ XML (Maven, NuGet)

// `s` with <!-- comments --> blanked (newlines kept, so offsets and lines do not move).
std::string blank_xml_comments(std::string_view s) {
  std::string out(s);
  std::size_t pos = 0;
  while ((pos = out.find("<!--", pos)) != std::string::npos) {
    std::size_t end = out.find("-->", pos + 4);
    end = end == std::string::npos ? out.size() : end + 3;
    for (std::size_t i = pos; i < end; ++i)
      if (out[i] != '\n') out[i] = ' ';
    pos = end;
  }
  return out;
}

std::string xml_child(std::string_view block, std::string_view tag, std::size_t* at = nullptr) {
  std::string open = std::string("<").append(tag).append(">");
  std::string close = std::string("</").append(tag).append(">");
  auto b = block.find(open);
  if (b == std::string_view::npos) return {};
  auto e = block.find(close, b);
  if (e == std::string_view::npos) return {};
  if (at) *at = b;
  return std::string(trim(block.substr(b + open.size(), e - b - open.size())));
}

std::vector<Dependency> parse_pom(std::string_view path, std::string_view raw) {
  std::vector<Dependency> out;
  std::string content = blank_xml_comments(raw);
  std::string_view s = content;
  std::size_t pos = 0;
  while ((pos = s.find("<dependency>", pos)) != std::string_view::npos) {
    std::size_t end = s.find("</dependency>", pos);
    if (end == std::string_view::npos) break;
    std::string block(s.substr(pos, end - pos));
    // Exclusions name other artifacts: they are not dependencies.
    for (std::size_t x; (x = block.find("<exclusions>")) != std::string::npos;) {
      std::size_t xe = block.find("</exclusions>", x);
      xe = xe == std::string::npos ? block.size() : xe + 13;
      for (std::size_t i = x; i < xe; ++i)
        if (block[i] != '\n') block[i] = ' ';
    }
    std::size_t at = 0;
    std::string g = xml_child(block, "groupId");
    std::string a = xml_child(block, "artifactId", &at);
    if (!g.empty() && !a.empty()) {
      std::string scope = xml_child(block, "scope");
      out.push_back(dep("maven", g + ":" + a, xml_child(block, "version"), path, line_at(s, pos + at),
                        scope == "test", scope.empty() ? "compile" : scope));
    }
    pos = end;
  }
  return out;
}

bool dotnet_test_project(std::string_view path) {
  std::string_view b = path_basename(path);
  std::string stem(b.substr(0, b.rfind('.')));
  std::string lower = ascii_lower(stem);
  return lower.ends_with("tests") || lower.ends_with("test") || lower.ends_with(".specs");
}

std::vector<Dependency> parse_msbuild(std::string_view path, std::string_view raw) {
  static const RE2 ref_re(R"re(<(PackageReference|PackageVersion|GlobalPackageReference)\b[^>]*?\b(?:Include|Update)\s*=\s*"([^"]+)")re");
  static const RE2 version_re(R"re(\bVersion\s*=\s*"([^"]*)")re");
  static const RE2 private_re(R"re(\bPrivateAssets\s*=\s*"[Aa]ll")re");
  std::vector<Dependency> out;
  std::string content = blank_xml_comments(raw);
  bool test_project = dotnet_test_project(path) || content.find("<IsTestProject>true") != std::string::npos;
  for_each_line(content, [&](int n, std::string_view line) {
    std::string kind, name, version;
    if (!RE2::PartialMatch(sp(line), ref_re, &kind, &name)) return;
    RE2::PartialMatch(sp(line), version_re, &version);
    bool dev = test_project || RE2::PartialMatch(sp(line), private_re);
    out.push_back(dep("nuget", name, version, path, n, dev, kind));
  });
  return out;
}

std::vector<Dependency> parse_packages_config(std::string_view path, std::string_view raw) {
  static const RE2 pkg_re(R"re(<package\b[^>]*?\bid\s*=\s*"([^"]+)")re");
  static const RE2 version_re(R"re(\bversion\s*=\s*"([^"]*)")re");
  static const RE2 dev_re(R"re(\bdevelopmentDependency\s*=\s*"true")re");
  std::vector<Dependency> out;
  std::string content = blank_xml_comments(raw);
  bool test_project = path.find("Test") != std::string_view::npos;
  for_each_line(content, [&](int n, std::string_view line) {
    std::string name, version;
    if (!RE2::PartialMatch(sp(line), pkg_re, &name)) return;
    RE2::PartialMatch(sp(line), version_re, &version);
    out.push_back(dep("nuget", name, version, path, n, test_project || RE2::PartialMatch(sp(line), dev_re), "packages"));
  });
  return out;
}

// ------------------------------------------------------------------ Apple

std::vector<Dependency> parse_podfile(std::string_view path, std::string_view content) {
  static const RE2 pod_re(R"re(^\s*pod\s+['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?)re");
  static const RE2 target_re(R"re(^\s*(?:abstract_)?target\s+['":]?([A-Za-z0-9_.\- ]+?)['"]?\s+do\b)re");
  static const RE2 do_re(R"re(\bdo(\s*\|[^|]*\|)?\s*$)re");
  static const RE2 end_re(R"re(^\s*end\b)re");
  std::vector<Dependency> out;
  std::vector<std::string> stack;  // target names ("" for other blocks)
  for_each_line(content, [&](int n, std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') return;
    std::string name, version, target;
    if (RE2::PartialMatch(sp(line), target_re, &target)) {
      stack.push_back(target);
    } else if (RE2::PartialMatch(sp(line), do_re)) {
      stack.push_back("");
    } else if (RE2::PartialMatch(sp(line), end_re)) {
      if (!stack.empty()) stack.pop_back();
    } else if (RE2::PartialMatch(sp(line), pod_re, &name, &version)) {
      bool dev = std::any_of(stack.begin(), stack.end(), [](const std::string& s) {
        std::string l = ascii_lower(s);
        return l.ends_with("tests") || l.ends_with("test") || l.ends_with("uitests");
      });
      std::string section = "pod";
      for (auto it = stack.rbegin(); it != stack.rend(); ++it)
        if (!it->empty()) {
          section = "target " + *it;
          break;
        }
      out.push_back(dep("cocoapods", name, version, path, n, dev, section));
    }
  });
  return out;
}

std::vector<Dependency> parse_package_swift(std::string_view path, std::string_view content) {
  static const RE2 url_re(R"re(\burl\s*:\s*"([^"]+)")re");
  std::vector<Dependency> out;
  std::size_t pos = 0;
  while ((pos = content.find(".package(", pos)) != std::string_view::npos) {
    // The arguments of this .package( call, up to its closing parenthesis.
    std::size_t depth = 0, end = pos + 8;
    for (; end < content.size(); ++end) {
      if (content[end] == '(') ++depth;
      else if (content[end] == ')' && --depth == 0) break;
    }
    std::string_view args = content.substr(pos, end - pos);
    re2::StringPiece m;
    std::string url;
    static const RE2 url_capture(R"re((\burl\s*:\s*"[^"]+"))re");
    if (RE2::PartialMatch(sp(args), url_capture, &m) && RE2::PartialMatch(m, url_re, &url)) {
      std::size_t at = static_cast<std::size_t>(m.data() - content.data());
      bool line_comment = false;
      std::size_t ls = content.rfind('\n', pos);
      std::string_view before = content.substr(ls == std::string_view::npos ? 0 : ls + 1, pos - (ls == std::string_view::npos ? 0 : ls + 1));
      line_comment = before.find("//") != std::string_view::npos;
      if (!line_comment) out.push_back(dep("swift", url, "", path, line_at(content, at), false, "package"));
    }
    pos = end;
  }
  return out;
}

std::vector<Dependency> parse_pbxproj(std::string_view path, std::string_view content) {
  static const RE2 url_re(R"re(\brepositoryURL\s*=\s*"([^"]+)")re");
  std::vector<Dependency> out;
  for_each_line(content, [&](int n, std::string_view line) {
    std::string url;
    if (RE2::PartialMatch(sp(line), url_re, &url)) out.push_back(dep("swift", url, "", path, n, false, "XCRemoteSwiftPackageReference"));
  });
  return out;
}

// ------------------------------------------------------------------ Python

// The distribution name and version constraint of a PEP 508 requirement, or false.
bool pep508(std::string_view req, std::string& name, std::string& version) {
  static const RE2 re(R"re(^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;#]*))re");
  return RE2::PartialMatch(sp(req), re, &name, &version) && (version = std::string(trim(version)), true);
}

bool requirements_file_is_dev(std::string_view path) {
  std::string p = ascii_lower(path);
  std::string word;
  for (char c : p) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else {
      if (is_dev_word(word)) return true;
      word.clear();
    }
  }
  return is_dev_word(word);
}

std::vector<Dependency> parse_requirements(std::string_view path, std::string_view content) {
  std::vector<Dependency> out;
  bool dev = requirements_file_is_dev(path);
  for_each_line(content, [&](int n, std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#' || t.front() == '-' || t.find("://") != std::string_view::npos) return;
    if (auto h = t.find(" #"); h != std::string_view::npos) t = trim(t.substr(0, h));
    std::string name, version;
    if (pep508(t, name, version)) out.push_back(dep("pypi", name, version, path, n, dev, "requirements"));
  });
  return out;
}

// Quoted strings of a TOML line outside comments; sets `closed` when a ']' ends the array.
std::vector<std::string> toml_array_strings(std::string_view line, int& depth, bool& closed) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '#') break;
    if (c == '"' || c == '\'') {
      std::size_t e = line.find(c, i + 1);
      if (e == std::string_view::npos) break;
      out.emplace_back(line.substr(i + 1, e - i - 1));
      i = e;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (--depth <= 0) {
        closed = true;
        break;
      }
    }
  }
  return out;
}

std::vector<Dependency> parse_pyproject(std::string_view path, std::string_view content, bool pipfile) {
  static const RE2 key_re(R"re(^\s*["']?([A-Za-z0-9_.-]+)["']?\s*=\s*(.*)$)re");
  std::vector<Dependency> out;
  std::string table;
  // Inside a multi-line array of requirement strings.
  bool in_array = false;
  int depth = 0;
  bool array_dev = false;
  std::string array_section;
  auto take = [&](int n, const std::vector<std::string>& reqs) {
    for (const auto& r : reqs) {
      std::string name, version;
      if (pep508(r, name, version)) out.push_back(dep("pypi", name, version, path, n, array_dev, array_section));
    }
  };
  for_each_line(content, [&](int n, std::string_view line) {
    std::string_view t = trim(line);
    if (in_array) {
      bool closed = false;
      take(n, toml_array_strings(t, depth, closed));
      if (closed) in_array = false;
      return;
    }
    if (t.empty() || t.front() == '#') return;
    if (t.front() == '[') {
      std::string_view h = t;
      while (!h.empty() && h.front() == '[') h.remove_prefix(1);
      table = std::string(trim(h.substr(0, h.find(']'))));
      return;
    }
    std::string key, rest;
    if (!RE2::FullMatch(sp(t), key_re, &key, &rest)) return;
    std::string_view r = trim(rest);
    auto start_array = [&](bool dev, std::string section) {
      if (r.empty() || r.front() != '[') return;
      array_dev = dev;
      array_section = std::move(section);
      depth = 0;
      bool closed = false;
      take(n, toml_array_strings(r, depth, closed));
      in_array = !closed;
    };
    if (pipfile) {
      if (table == "packages" || table == "dev-packages")
        out.push_back(dep("pypi", key, std::string(r), path, n, table == "dev-packages", table));
      return;
    }
    if (table == "project" && key == "dependencies") {
      start_array(false, "project.dependencies");
    } else if (table == "project.optional-dependencies") {
      start_array(is_dev_word(key), "optional-dependencies." + key);
    } else if (table == "dependency-groups" || key == "dev-dependencies" || table == "tool.pdm.dev-dependencies") {
      start_array(true, table + "." + key);
    } else if (table == "tool.poetry.dependencies" || table == "tool.poetry.dev-dependencies" ||
               (table.starts_with("tool.poetry.group.") && table.ends_with(".dependencies"))) {
      if (key == "python") return;
      bool dev = table == "tool.poetry.dev-dependencies" ||
                 (table.starts_with("tool.poetry.group.") && table != "tool.poetry.group.main.dependencies");
      out.push_back(dep("pypi", key, std::string(r), path, n, dev, table));
    }
  });
  return out;
}

// ------------------------------------------------------------------ Ruby

std::vector<Dependency> parse_gemfile(std::string_view path, std::string_view content) {
  static const RE2 gem_re(R"re(^\s*gem\s*\(?\s*['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?)re");
  static const RE2 group_re(R"re(^\s*group\s*\(?\s*(.+?)\)?\s+do\b)re");
  static const RE2 inline_group_re(R"re((?:\bgroup:|:group\s*=>)\s*(\[[^\]]*\]|:\w+|['"]\w+['"]))re");
  static const RE2 do_re(R"re(\bdo(\s*\|[^|]*\|)?\s*$)re");
  static const RE2 open_re(R"re(^\s*(if|unless|case|begin|while|until)\b)re");
  static const RE2 end_re(R"re(^\s*end\b)re");
  auto groups_are_dev = [](std::string_view list) {
    static const RE2 sym_re(R"re(:?['"]?(\w+)['"]?)re");
    re2::StringPiece in = sp(list);
    std::string g;
    bool any = false;
    while (RE2::FindAndConsume(&in, sym_re, &g)) {
      any = true;
      if (g != "development" && g != "test" && g != "ci" && g != "lint") return false;
    }
    return any;
  };
  std::vector<Dependency> out;
  std::vector<int> stack;  // 1 = dev group, 0 = other block
  for_each_line(content, [&](int n, std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') return;
    std::string groups, name, version;
    if (RE2::PartialMatch(sp(line), group_re, &groups)) {
      stack.push_back(groups_are_dev(groups) ? 1 : 0);
    } else if (RE2::PartialMatch(sp(line), gem_re, &name, &version)) {
      bool dev = std::find(stack.begin(), stack.end(), 1) != stack.end();
      std::string inline_groups;
      if (RE2::PartialMatch(sp(line), inline_group_re, &inline_groups)) dev = dev || groups_are_dev(inline_groups);
      out.push_back(dep("rubygems", name, version, path, n, dev, dev ? "group development/test" : "default"));
      if (RE2::PartialMatch(sp(line), do_re)) stack.push_back(0);
    } else if (RE2::PartialMatch(sp(line), do_re) || RE2::PartialMatch(sp(line), open_re)) {
      stack.push_back(0);
    } else if (RE2::PartialMatch(sp(line), end_re)) {
      if (!stack.empty()) stack.pop_back();
    }
  });
  return out;
}

std::vector<Dependency> parse_gemspec(std::string_view path, std::string_view content) {
  static const RE2 re(R"re(\.add_(runtime_|development_)?dependency\s*\(?\s*['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?)re");
  std::vector<Dependency> out;
  for_each_line(content, [&](int n, std::string_view line) {
    std::string kind, name, version;
    if (trim(line).substr(0, 1) == "#") return;
    if (RE2::PartialMatch(sp(line), re, &kind, &name, &version))
      out.push_back(dep("rubygems", name, version, path, n, kind == "development_", "add_" + kind + "dependency"));
  });
  return out;
}

// ------------------------------------------------------------------ Go, Dart

std::vector<Dependency> parse_go_mod(std::string_view path, std::string_view content) {
  static const RE2 single_re(R"re(^\s*require\s+(\S+)\s+(\S+))re");
  static const RE2 block_re(R"re(^\s*(\S+)\s+(v\S+))re");
  std::vector<Dependency> out;
  bool in_block = false;
  for_each_line(content, [&](int n, std::string_view line) {
    std::string_view t = trim(line);
    if (t.starts_with("//")) return;
    std::string mod, version;
    if (in_block) {
      if (t.starts_with(")")) {
        in_block = false;
        return;
      }
      if (RE2::PartialMatch(sp(t), block_re, &mod, &version))
        out.push_back(dep("go", mod, version, path, n, false, t.find("// indirect") != std::string_view::npos ? "indirect" : "require"));
    } else if (t.starts_with("require") && t.find('(') != std::string_view::npos) {
      in_block = true;
    } else if (RE2::PartialMatch(sp(t), single_re, &mod, &version) && mod != "(") {
      out.push_back(dep("go", mod, version, path, n, false, "require"));
    }
  });
  return out;
}

std::vector<Dependency> parse_pubspec(std::string_view path, std::string_view content) {
  std::vector<Dependency> out;
  // A pubspec is a few kilobytes. Aliases to one long scalar would copy it into every
  // dependency (gigabytes from a small file): long names and versions are not read.
  constexpr std::size_t max_content = 1u << 20, max_scalar = 256;
  if (content.size() > max_content) return out;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(content));
  } catch (const YAML::Exception&) {
    return out;
  }
  if (!root.IsMap()) return out;
  for (const char* section : {"dependencies", "dev_dependencies"}) {
    const YAML::Node deps = root[section];
    if (!deps || !deps.IsMap()) continue;
    for (const auto& kv : deps) {
      if (!kv.first.IsScalar() || kv.first.Scalar().size() > max_scalar) continue;
      std::string name = kv.first.Scalar();
      if (name == "flutter" || name == "flutter_test" || name.empty()) continue;
      std::string version = kv.second.IsScalar() && kv.second.Scalar().size() <= max_scalar ? kv.second.Scalar() : "";
      out.push_back(dep("pub", name, version, path, kv.first.Mark().line + 1, std::string_view(section) == "dev_dependencies",
                        section));
    }
  }
  return out;
}

enum class Format {
  none, package_json, composer_json, gradle, catalog, pom, msbuild, packages_config, podfile, package_swift, pbxproj,
  requirements, pyproject, pipfile, gemfile, gemspec, go_mod, pubspec
};

Format format_of(std::string_view path) {
  std::string_view b = path_basename(path);
  if (b == "package.json") return Format::package_json;
  if (b == "composer.json") return Format::composer_json;
  if (b == "build.gradle" || b == "build.gradle.kts" || (b.ends_with(".gradle") && !b.starts_with("settings")) ||
      (b.ends_with(".gradle.kts") && !b.starts_with("settings")))
    return Format::gradle;
  if (b.ends_with(".versions.toml")) return Format::catalog;
  if (b == "pom.xml") return Format::pom;
  if (b.ends_with(".csproj") || b.ends_with(".fsproj") || b.ends_with(".vbproj") || b == "Directory.Packages.props" ||
      b == "Directory.Build.props")
    return Format::msbuild;
  if (b == "packages.config") return Format::packages_config;
  if (b == "Podfile") return Format::podfile;
  if (b == "Package.swift") return Format::package_swift;
  if (b == "project.pbxproj") return Format::pbxproj;
  if (b.ends_with(".txt") &&
      (b.find("requirements") != std::string_view::npos || path.find("requirements/") != std::string_view::npos))
    return Format::requirements;
  if (b == "pyproject.toml") return Format::pyproject;
  if (b == "Pipfile") return Format::pipfile;
  if (b == "Gemfile" || b == "gems.rb") return Format::gemfile;
  if (b.ends_with(".gemspec")) return Format::gemspec;
  if (b == "go.mod") return Format::go_mod;
  if (b == "pubspec.yaml") return Format::pubspec;
  return Format::none;
}

}  // namespace

bool is_manifest(std::string_view path) { return format_of(path) != Format::none; }

bool is_lock_file(std::string_view path) {
  static const std::set<std::string, std::less<>> locks = {
      "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",      "pnpm-lock.yaml", "bun.lockb",
      "composer.lock",     "Gemfile.lock",        "gems.locked",    "Podfile.lock",   "Package.resolved",
      "poetry.lock",       "Pipfile.lock",        "pdm.lock",       "uv.lock",        "go.sum",
      "pubspec.lock",      "packages.lock.json",  "gradle.lockfile", "Cargo.lock",    "mix.lock",
      "Cartfile.resolved", "flake.lock",          "shrinkwrap.yaml", "deno.lock"};
  return locks.count(path_basename(path)) > 0;
}

namespace {
std::vector<Dependency> parse_by_format(std::string_view path, std::string_view content) {
  switch (format_of(path)) {
    case Format::package_json: return parse_package_json(path, content);
    case Format::composer_json: return parse_composer_json(path, content);
    case Format::gradle: return parse_gradle(path, content);
    case Format::catalog: return parse_version_catalog(path, content);
    case Format::pom: return parse_pom(path, content);
    case Format::msbuild: return parse_msbuild(path, content);
    case Format::packages_config: return parse_packages_config(path, content);
    case Format::podfile: return parse_podfile(path, content);
    case Format::package_swift: return parse_package_swift(path, content);
    case Format::pbxproj: return parse_pbxproj(path, content);
    case Format::requirements: return parse_requirements(path, content);
    case Format::pyproject: return parse_pyproject(path, content, false);
    case Format::pipfile: return parse_pyproject(path, content, true);
    case Format::gemfile: return parse_gemfile(path, content);
    case Format::gemspec: return parse_gemspec(path, content);
    case Format::go_mod: return parse_go_mod(path, content);
    case Format::pubspec: return parse_pubspec(path, content);
    case Format::none: break;
  }
  return {};
}
}  // namespace

std::vector<Dependency> parse_manifest(std::string_view path, std::string_view content) {
  std::vector<Dependency> deps = parse_by_format(path, content);
  if (deps.empty()) return deps;
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < content.size(); ++i)
    if (content[i] == '\n') starts.push_back(i + 1);
  for (auto& d : deps)
    if (d.line >= 1 && static_cast<std::size_t>(d.line) <= starts.size())
      d.snippet = line_snippet(content, starts[static_cast<std::size_t>(d.line - 1)]);
  return deps;
}

}  // namespace pacte
