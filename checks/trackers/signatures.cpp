#include "checks/trackers/signatures.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/base/embedded.hpp"
#include "checks/base/stored_form.hpp"
#include "checks/base/text.hpp"
#include "checks/base/yaml_json.hpp"
#include "checks/trackers/matcher.hpp"

namespace pacte {

bool is_tracker_category(std::string_view category) {
  return std::find(std::begin(kTrackerCategories), std::end(kTrackerCategories), category) !=
         std::end(kTrackerCategories);
}

bool is_eu_country(std::string_view iso) {
  static constexpr std::string_view eea[] = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
                                             "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
                                             "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};
  return std::find(std::begin(eea), std::end(eea), iso) != std::end(eea);
}

std::size_t Signature::pattern_count() const {
  std::size_t n = domains.size() + snippets.size() + android_classes.size() + android_manifest.size() +
                  plist_keys.size() + files.size() + domain_regex.size() + snippet_regex.size() + class_regex.size() +
                  tarteaucitron.size() + tarteaucitron_user.size();
  for (const auto& [eco, list] : packages) n += list.size();
  return n;
}

// ------------------------------------------------------------------------------ matching

namespace {

std::string pep503(std::string_view s) {
  std::string out;
  bool sep = false;
  for (char c : s) {
    if (c == '-' || c == '_' || c == '.') {
      sep = true;
      continue;
    }
    if (sep && !out.empty()) out += '-';
    sep = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string swift_url(std::string_view url) {
  std::string s = ascii_lower(url);
  if (auto p = s.find("://"); p != std::string::npos) s.erase(0, p + 3);
  if (s.rfind("git@", 0) == 0) {  // git@github.com:owner/repo
    s.erase(0, 4);
    if (auto c = s.find(':'); c != std::string::npos) s[c] = '/';
  }
  if (auto at = s.find('@'); at != std::string::npos && at < s.find('/')) s.erase(0, at + 1);
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s.size() > 4 && s.compare(s.size() - 4, 4, ".git") == 0) s.resize(s.size() - 4);
  if (s.rfind("www.", 0) == 0) s.erase(0, 4);
  return s;
}

bool exact_or_prefix(std::string_view pattern, std::string_view name) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return name.size() >= pattern.size() && name.substr(0, pattern.size()) == pattern;
  }
  return pattern == name;
}

}  // namespace

namespace {

// Letters and digits only, lower case: "Google Analytics 4" -> "googleanalytics4".
std::string letters_and_digits(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

bool declared_name_matches(std::string_view declared, const Signature& sig) {
  std::string d = letters_and_digits(declared);
  if (d.empty()) return false;
  for (const std::string& cand : {sig.name, sig.id, sig.vendor + " " + sig.name}) {
    std::string c = letters_and_digits(cand);
    if (c == d) return true;
    if (d.size() >= 4 && c.size() >= 4 && (c.find(d) != std::string::npos || d.find(c) != std::string::npos)) return true;
  }
  return false;
}

bool package_matches(std::string_view ecosystem, std::string_view pattern, std::string_view name) {
  if (pattern.empty() || name.empty()) return false;
  if (ecosystem == "pypi") {
    bool star = pattern.back() == '*';
    std::string p = pep503(star ? pattern.substr(0, pattern.size() - 1) : pattern);
    std::string n = pep503(name);
    return star ? n.rfind(p, 0) == 0 : n == p;
  }
  if (ecosystem == "nuget" || ecosystem == "composer") {
    return exact_or_prefix(ascii_lower(pattern), ascii_lower(name));
  }
  if (ecosystem == "maven") {
    auto colon = name.find(':');
    std::string_view group = name.substr(0, colon);
    std::string_view artifact = colon == std::string_view::npos ? std::string_view{} : name.substr(colon + 1);
    auto pc = pattern.find(':');
    if (pc == std::string_view::npos) {
      return group == pattern || (group.size() > pattern.size() && group.substr(0, pattern.size()) == pattern &&
                                  group[pattern.size()] == '.');
    }
    return group == pattern.substr(0, pc) && exact_or_prefix(pattern.substr(pc + 1), artifact);
  }
  if (ecosystem == "cocoapods") {
    if (exact_or_prefix(pattern, name)) return true;
    return name.size() > pattern.size() && name.substr(0, pattern.size()) == pattern && name[pattern.size()] == '/';
  }
  if (ecosystem == "go") {
    return name == pattern || (name.size() > pattern.size() && name.substr(0, pattern.size()) == pattern &&
                               name[pattern.size()] == '/');
  }
  if (ecosystem == "swift") {
    std::string n = swift_url(name);
    std::string p = ascii_lower(pattern);
    if (!p.empty() && (p.back() == '/' || p.back() == '*')) {
      p.pop_back();
      return n.rfind(p + "/", 0) == 0 || n == p;
    }
    return n == swift_url(p);
  }
  return exact_or_prefix(pattern, name);  // npm, rubygems, pub
}

// ------------------------------------------------------------------------------ set

SignatureSet::SignatureSet() = default;
SignatureSet::~SignatureSet() = default;
SignatureSet::SignatureSet(const SignatureSet&) = default;
SignatureSet& SignatureSet::operator=(const SignatureSet&) = default;
SignatureSet::SignatureSet(SignatureSet&&) noexcept = default;
SignatureSet& SignatureSet::operator=(SignatureSet&&) noexcept = default;

const Signature* SignatureSet::find(std::string_view id) const {
  for (const auto& s : signatures_)
    if (s.id == id) return &s;
  return nullptr;
}

void SignatureSet::add(Signature sig) {
  if (const Signature* other = find(sig.id)) {
    throw SignatureError(fmt::format("{}:{}: signature id '{}' is already defined in {}:{}; give it another id",
                                     sig.source, sig.source_line, sig.id, other->source, other->source_line));
  }
  signatures_.push_back(std::move(sig));
  matcher_.reset();
}

const ContentMatcher& SignatureSet::matcher() const {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  if (!matcher_) matcher_ = std::make_shared<const ContentMatcher>(signatures_);
  return *matcher_;
}

SignatureSet SignatureSet::parse_builtin() {
  SignatureSet set;
  for (const auto& f : embedded_files()) {
    if (f.path.rfind("rules/signatures/", 0) == 0 && f.path.size() > 4 && f.path.substr(f.path.size() - 4) == ".yml") {
      set.load_yaml(f.data, std::string(f.path));
    }
  }
  return set;
}

const SignatureSet& SignatureSet::builtin() {
  static const SignatureSet cached = [] {
    const PrecompiledData& pre = precompiled_data();
    if (!pre.signatures.empty()) return from_msgpack(pre.signatures, pre.signature_database);
    SignatureSet set = parse_builtin();
    set.matcher();  // compiled once; copies share the database
    return set;
  }();
  return cached;
}

namespace {

nlohmann::json strings_json(const std::vector<std::string>& list) { return nlohmann::json(list); }

}  // namespace

// Every field of Signature is written here and read back in from_msgpack: a field left out
// would be lost for the built-in signatures (test_precompiled.cpp compares them field by field).
std::string SignatureSet::to_msgpack() const {
  nlohmann::json all = nlohmann::json::array();
  for (const Signature& s : signatures_) {
    nlohmann::json packages = nlohmann::json::object();
    for (const auto& [eco, list] : s.packages) packages[eco] = strings_json(list);
    all.push_back({{"id", s.id},
                   {"name", s.name},
                   {"vendor", s.vendor},
                   {"category", s.category},
                   {"country", s.country},
                   {"self_hostable", s.self_hostable},
                   {"eu", s.eu},
                   {"consent_exempt_possible", s.consent_exempt_possible},
                   {"source", s.source},
                   {"source_line", s.source_line},
                   {"packages", packages},
                   {"domains", strings_json(s.domains)},
                   {"snippets", strings_json(s.snippets)},
                   {"android_classes", strings_json(s.android_classes)},
                   {"android_manifest", strings_json(s.android_manifest)},
                   {"plist_keys", strings_json(s.plist_keys)},
                   {"files", strings_json(s.files)},
                   {"domain_regex", strings_json(s.domain_regex)},
                   {"snippet_regex", strings_json(s.snippet_regex)},
                   {"class_regex", strings_json(s.class_regex)},
                   {"tarteaucitron", strings_json(s.tarteaucitron)},
                   {"tarteaucitron_user", strings_json(s.tarteaucitron_user)}});
  }
  std::vector<std::uint8_t> bytes = nlohmann::json::to_msgpack(all);
  return std::string(bytes.begin(), bytes.end());
}

namespace {

// The fields of a stored signature: 6 texts, 3 flags, the source line, the packages, 11 lists.
constexpr std::string_view kStoredFields[] = {
    // texts
    "id", "name", "vendor", "category", "country", "source",
    // flags, the source line, the packages
    "self_hostable", "eu", "consent_exempt_possible", "source_line", "packages",
    // lists
    "domains", "snippets", "android_classes", "android_manifest", "plist_keys", "files", "domain_regex",
    "snippet_regex", "class_regex", "tarteaucitron", "tarteaucitron_user"};

// Reads the array to_msgpack() wrote, field by field into each Signature: no JSON tree between
// the bytes and the signatures. Every field must be there, once, as to_msgpack() writes it.
class StoredSignatures final : public StoredFormReader {
 public:
  std::vector<Signature> out;

  bool key(string_t& k) override {
    if (depth() == 2 && in_packages_) {
      list_ = &out.back().packages[k];
      return true;
    }
    if (depth() != 1) return refuse("a key");
    Signature& s = out.back();
    text_ = nullptr, list_ = nullptr, flag_ = nullptr, in_packages_ = false;
    std::string* texts[] = {&s.id, &s.name, &s.vendor, &s.category, &s.country, &s.source};
    bool* flags[] = {&s.self_hostable, &s.eu, &s.consent_exempt_possible};
    std::vector<std::string>* lists[] = {&s.domains,     &s.snippets,      &s.android_classes,   &s.android_manifest,
                                         &s.plist_keys,  &s.files,         &s.domain_regex,      &s.snippet_regex,
                                         &s.class_regex, &s.tarteaucitron, &s.tarteaucitron_user};
    const int f = field_of(k, kStoredFields, seen_);
    if (f < 0) return false;
    if (f < 6) text_ = texts[f];
    else if (f < 9) flag_ = flags[f - 6];
    else if (f == 9) line_ = true;
    else if (f == 10) in_packages_ = true;
    else list_ = lists[f - 11];
    return true;
  }
  bool string(string_t& v) override {
    if (depth() == 1 && text_) *text_ = std::move(v);
    else if ((depth() == 2 && !in_packages_ && list_) || (depth() == 3 && in_packages_ && list_))
      list_->push_back(std::move(v));
    else return refuse("a string");
    return true;
  }
  bool boolean(bool v) override {
    if (depth() != 1 || !flag_) return refuse("a boolean");
    *flag_ = v;
    return true;
  }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<std::int64_t>(v)); }
  bool number_integer(number_integer_t v) override { return number(v); }

 private:
  bool number(std::int64_t v) {
    if (depth() != 1 || !line_) return refuse("a number");
    out.back().source_line = static_cast<int>(v);
    line_ = false;
    return true;
  }
  bool enter(bool is_object, int at) override {
    if (at == 0) return !is_object;
    if (at == 1 && is_object) {
      out.emplace_back();
      seen_ = 0;
      return true;
    }
    if (at == 2) return is_object ? in_packages_ : list_ != nullptr;
    return at == 3 && !is_object && in_packages_;
  }
  bool leave(bool is_object, int at) override {
    if (at == 1 && is_object && !has_every_field(seen_, kStoredFields, "signature")) return false;
    if (at == 3 || (at == 2 && !in_packages_)) list_ = nullptr;
    return true;
  }
  std::uint32_t seen_ = 0;
  std::string* text_ = nullptr;
  std::vector<std::string>* list_ = nullptr;
  bool* flag_ = nullptr;
  bool line_ = false;
  bool in_packages_ = false;
};

}  // namespace

SignatureSet SignatureSet::from_msgpack(std::string_view bytes, std::string_view serialized_database) {
  StoredSignatures reader;
  try {
    reader.read(bytes, "the built-in tracker signatures");
  } catch (const std::runtime_error& e) {
    throw SignatureError(e.what());
  }
  SignatureSet set;
  set.signatures_ = std::move(reader.out);
  set.matcher_ = std::make_shared<const ContentMatcher>(set.signatures_, serialized_database);
  return set;
}

void SignatureSet::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SignatureError(fmt::format("{}: cannot read the signature file; check the path", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  load_text(ss.str(), path);
}

void SignatureSet::load_text(std::string_view text, const std::string& name) {
  std::size_t i = text.find_first_not_of(" \t\r\n");
  if (i != std::string_view::npos && text[i] == '{') {
    auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!doc.is_discarded() && doc.is_object() && doc.contains("trackers")) {
      load_exodus(text, name);
      return;
    }
  }
  load_yaml(text, name);
}

// ------------------------------------------------------------------------------ validation

namespace {

bool is_kebab(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

bool has_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

bool is_class_prefix(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '$';
  });
}

// Checks the tarteaucitron service keys and parameters of `s` (identifiers: letters, digits,
// `_`); returns "kind 'name': problem" for the first bad one, or empty.
std::string first_bad_consent_name(const Signature& s) {
  auto identifier = [](std::string_view n) {
    return n.size() >= 3 && std::all_of(n.begin(), n.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
           });
  };
  for (const auto& k : s.tarteaucitron)
    if (!identifier(k))
      return fmt::format("tarteaucitron service key '{}': write the key as tarteaucitron names it ('matomotm')", k);
  for (const auto& k : s.tarteaucitron_user)
    if (!identifier(k))
      return fmt::format("tarteaucitron parameter '{}': write the name of a tarteaucitron.user field ('matomoId')", k);
  return {};
}

// Checks every pattern of `s`; returns "kind 'pattern': problem" for the first bad one.
std::string first_bad_pattern(Signature& s) {
  for (auto& d : s.domains) {
    d = ascii_lower(d);
    if (d.empty() || has_space(d) || d.find('.') == std::string::npos || d.find("://") != std::string::npos ||
        d.front() == '.' || d.front() == '/')
      return fmt::format("domain '{}': write a host name such as 'cdn.example.com' (optionally with a path)", d);
  }
  for (const auto& p : s.snippets)
    if (p.size() < 3 || p.find('\n') != std::string::npos)
      return fmt::format("snippet '{}': a snippet is one line of at least 3 characters", p);
  for (const auto& p : s.android_classes)
    if (!is_class_prefix(p)) return fmt::format("android class prefix '{}': write a package such as 'com.example.ads'", p);
  for (const auto& p : s.android_manifest)
    if (p.size() < 6 || has_space(p)) return fmt::format("android manifest name '{}' is not a manifest name", p);
  for (const auto& p : s.plist_keys)
    if (p.size() < 4 || has_space(p)) return fmt::format("plist key '{}' is not a key name", p);
  for (const auto& [eco, list] : s.packages)
    for (const auto& p : list)
      if (p.empty() || has_space(p) || p == "*") return fmt::format("{} package '{}' is not a package name", eco, p);
  auto check = [&](const std::vector<std::string>& list, PatternKind kind, const char* what) -> std::string {
    for (const auto& p : list) {
      std::string err = check_pattern(p, kind, true);
      if (!err.empty()) return fmt::format("{} '{}' does not compile: {}", what, p, err);
    }
    return {};
  };
  if (auto e = first_bad_consent_name(s); !e.empty()) return e;
  if (auto e = check(s.domain_regex, PatternKind::domain, "domain regex"); !e.empty()) return e;
  if (auto e = check(s.snippet_regex, PatternKind::snippet, "snippet regex"); !e.empty()) return e;
  if (auto e = check(s.class_regex, PatternKind::android_class, "class regex"); !e.empty()) return e;
  for (const auto& p : s.snippets)
    if (auto e = check_pattern(p, PatternKind::snippet, false); !e.empty()) return fmt::format("snippet '{}': {}", p, e);
  return {};
}

// The JSON pointer of `key` (a member name or an index) under `parent`. Built with append:
// GCC 12 warns falsely on "literal" + std::string at -O3 (GCC bug 105651).
std::string child_pointer(std::string_view parent, std::string_view key) {
  return std::string(parent).append("/").append(json_pointer_escape(key));
}

}  // namespace

// ------------------------------------------------------------------------------ pacte YAML

void SignatureSet::load_yaml(std::string_view text, const std::string& name) {
  // parse_yaml applies the limits of every YAML file pacte reads (size, values, nesting, and the
  // text that aliases expand to) and reports syntax errors with line and column.
  YamlDocument doc;
  try {
    doc = parse_yaml(text, name);
  } catch (const InputError& e) {
    throw SignatureError(e.what());
  }
  const nlohmann::json& root = doc.value;
  auto at = [&](const std::string& pointer) {
    SourcePos pos = doc.position_of(pointer);
    return pos.line > 0 ? fmt::format("{}:{}:{}", name, pos.line, pos.col) : name;
  };
  if (!root.is_object() || !root.contains("signatures") || !root["signatures"].is_array()) {
    throw SignatureError(fmt::format(
        "{}: not a signature file: expected a 'signatures:' list (pacte YAML) or an Exodus Privacy JSON export "
        "with a 'trackers' object",
        name));
  }
  for (const auto& [key, value] : root.items()) {
    if (key != "signatures" && key != "format")
      throw SignatureError(fmt::format("{}: unknown top-level key '{}'; expected 'signatures'",
                                       at(child_pointer("", key)), key));
  }
  static const std::set<std::string> list_keys = {"npm",  "maven",   "cocoapods", "swift",         "pypi",
                                                  "rubygems", "composer", "go",   "pub",           "nuget",
                                                  "domains",  "snippets", "android_classes", "android_manifest",
                                                  "plist_keys", "files",  "domain_regex", "snippet_regex",
                                                  "class_regex", "tarteaucitron", "tarteaucitron_user"};
  const nlohmann::json& entries = root["signatures"];
  for (std::size_t index = 0; index < entries.size(); ++index) {
    const nlohmann::json& entry = entries[index];
    const std::string entry_ptr = child_pointer("/signatures", std::to_string(index));
    if (!entry.is_object())
      throw SignatureError(fmt::format("{}: each signature is a mapping with id, name, ...", at(entry_ptr)));
    Signature s;
    s.source = name;
    s.source_line = doc.position_of(entry_ptr).line;
    bool eu_given = false;
    // A text value: a string, or a number written without quotes (an id such as 360).
    auto scalar = [&](const std::string& key, const nlohmann::json& v, const std::string& ptr) -> std::string {
      if (v.is_string()) return v.get<std::string>();
      if (v.is_number_integer()) return v.dump();
      throw SignatureError(fmt::format("{}: '{}' must be a single text value", at(ptr), key));
    };
    auto boolean = [&](const std::string& key, const nlohmann::json& v, const std::string& ptr) -> bool {
      if (v.is_boolean()) return v.get<bool>();
      throw SignatureError(fmt::format("{}: '{}' must be true or false, not {}", at(ptr), key, v.dump()));
    };
    // The id first: the keys come in alphabetical order, and errors about them name the signature.
    if (entry.contains("id")) s.id = scalar("id", entry["id"], child_pointer(entry_ptr, "id"));
    for (const auto& [key, v] : entry.items()) {
      const std::string ptr = child_pointer(entry_ptr, key);
      if (key == "id") s.id = scalar(key, v, ptr);
      else if (key == "name") s.name = scalar(key, v, ptr);
      else if (key == "vendor") s.vendor = scalar(key, v, ptr);
      else if (key == "category") s.category = scalar(key, v, ptr);
      else if (key == "vendor_country") s.country = scalar(key, v, ptr);
      else if (key == "self_hostable") s.self_hostable = boolean(key, v, ptr);
      else if (key == "consent_exempt_possible") s.consent_exempt_possible = boolean(key, v, ptr);
      else if (key == "eu") s.eu = boolean(key, v, ptr), eu_given = true;
      else if (key == "website" || key == "notes") (void)scalar(key, v, ptr);
      else if (list_keys.count(key)) {
        if (!v.is_array()) throw SignatureError(fmt::format("{}: '{}' must be a list", at(ptr), key));
        std::vector<std::string> list;
        for (std::size_t i = 0; i < v.size(); ++i) list.push_back(scalar(key, v[i], child_pointer(ptr, std::to_string(i))));
        if (key == "domains") s.domains = std::move(list);
        else if (key == "snippets") s.snippets = std::move(list);
        else if (key == "android_classes") s.android_classes = std::move(list);
        else if (key == "android_manifest") s.android_manifest = std::move(list);
        else if (key == "plist_keys") s.plist_keys = std::move(list);
        else if (key == "files") s.files = std::move(list);
        else if (key == "domain_regex") s.domain_regex = std::move(list);
        else if (key == "snippet_regex") s.snippet_regex = std::move(list);
        else if (key == "class_regex") s.class_regex = std::move(list);
        else if (key == "tarteaucitron") s.tarteaucitron = std::move(list);
        else if (key == "tarteaucitron_user") s.tarteaucitron_user = std::move(list);
        else s.packages[key] = std::move(list);
      } else {
        throw SignatureError(fmt::format("{}: signature '{}': unknown key '{}' (a typo would silently drop "
                                         "patterns); the keys are listed in rules/signatures/README.md",
                                         at(ptr), s.id, key));
      }
    }
    auto where = [&] { return fmt::format("{}: signature '{}'", at(entry_ptr), s.id); };
    if (!is_kebab(s.id)) throw SignatureError(fmt::format("{}: 'id' must be kebab-case (a-z, 0-9, -)", where()));
    if (s.name.empty()) throw SignatureError(fmt::format("{}: 'name' is required", where()));
    if (s.vendor.empty()) s.vendor = s.name;
    if (!is_tracker_category(s.category))
      throw SignatureError(fmt::format("{}: category '{}' is not one of ads, ad-pixel, analytics, attribution, "
                                       "session-replay, support-chat, crash, social, data-broker",
                                       where(), s.category));
    if (!s.country.empty() &&
        (s.country.size() != 2 || !std::isupper(static_cast<unsigned char>(s.country[0])) ||
         !std::isupper(static_cast<unsigned char>(s.country[1]))))
      throw SignatureError(fmt::format("{}: vendor_country '{}' must be an ISO 3166 alpha-2 code (FR, US, ...)",
                                       where(), s.country));
    if (!eu_given) s.eu = is_eu_country(s.country);
    if (s.pattern_count() == 0) throw SignatureError(fmt::format("{}: no pattern: add packages, domains or snippets", where()));
    if (auto bad = first_bad_pattern(s); !bad.empty()) throw SignatureError(fmt::format("{}: {}", where(), bad));
    add(std::move(s));
  }
}

// ------------------------------------------------------------------------------ Exodus JSON

namespace {

// Exodus patterns are written with '.' meaning a package or host separator: it matches '.' and
// '/' (class paths as in dex files), not any character.
std::string exodus_regex(std::string_view re) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      out += c;
      out += re[++i];
    } else if (in_class) {
      out += c;
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < re.size() && re[i + 1] == ']') out += re[++i];
    } else if (c == '.') {
      out += "[./]";
    } else {
      out += c;
    }
  }
  return out;
}

std::string exodus_category(const nlohmann::json& cats) {
  std::set<std::string> have;
  if (cats.is_array())
    for (const auto& c : cats) {
      if (c.is_string()) have.insert(ascii_lower(c.get<std::string>()));
      else if (c.is_object() && c.contains("name") && c["name"].is_string())
        have.insert(ascii_lower(c["name"].get<std::string>()));
    }
  if (have.count("advertisement")) return "ads";
  if (have.count("profiling") || have.count("location")) return "data-broker";
  if (have.count("analytics")) return "analytics";
  if (have.count("crash reporting")) return "crash";
  if (have.count("identification")) return "social";
  return "analytics";
}

std::string json_string(const nlohmann::json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void SignatureSet::load_exodus(std::string_view text, const std::string& name) {
  auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  const auto& trackers = doc["trackers"];
  std::vector<std::pair<std::string, const nlohmann::json*>> items;
  if (trackers.is_object()) {
    for (auto it = trackers.begin(); it != trackers.end(); ++it) items.emplace_back(it.key(), &it.value());
  } else if (trackers.is_array()) {
    for (const auto& t : trackers) items.emplace_back("", &t);
  } else {
    throw SignatureError(fmt::format("{}: Exodus export: 'trackers' must be an object keyed by tracker id", name));
  }
  for (const auto& [key, tp] : items) {
    const nlohmann::json& t = *tp;
    if (!t.is_object()) throw SignatureError(fmt::format("{}: Exodus tracker '{}' is not an object", name, key));
    Signature s;
    s.source = name;
    std::string id = key;
    if (auto it = t.find("id"); it != t.end()) id = it->is_number() ? std::to_string(it->get<long long>()) : json_string(t, "id");
    s.id = std::string("exodus-").append(ascii_lower(id));
    std::replace_if(s.id.begin(), s.id.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '-');
    s.name = json_string(t, "name");
    if (s.name.empty()) throw SignatureError(fmt::format("{}: Exodus tracker '{}' has no name", name, key));
    s.vendor = s.name;
    s.category = exodus_category(t.value("categories", nlohmann::json::array()));
    std::string code = json_string(t, "code_signature");
    std::string net = json_string(t, "network_signature");
    if (!code.empty()) s.class_regex.push_back(exodus_regex(code));
    if (!net.empty()) s.domain_regex.push_back(exodus_regex(net));
    if (s.pattern_count() == 0) continue;  // Exodus lists a few trackers without signatures
    for (const auto& [re, original, what] :
         {std::tuple{s.class_regex.empty() ? std::string() : s.class_regex[0], code, "code_signature"},
          std::tuple{s.domain_regex.empty() ? std::string() : s.domain_regex[0], net, "network_signature"}}) {
      if (re.empty()) continue;
      std::string err = check_pattern(re, what[0] == 'c' ? PatternKind::android_class : PatternKind::domain, true);
      if (!err.empty())
        throw SignatureError(fmt::format("{}: Exodus tracker '{}' (id {}): {} '{}' does not compile: {}; fix or remove "
                                         "the tracker",
                                         name, s.name, id, what, original, err));
    }
    add(std::move(s));
  }
}

}  // namespace pacte
