#include "checks/engine/rules.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "checks/base/embedded.hpp"
#include "checks/base/stored_form.hpp"
#include "checks/base/vocabulary.hpp"
#include "checks/engine/evaluate.hpp"
#include "checks/base/schema.hpp"

namespace pacte {

const char* severity_name(Severity s) { return kSeverities[static_cast<std::size_t>(s)].data(); }

double severity_weight(Severity s) {
  switch (s) {
    case Severity::critical: return 10;
    case Severity::high: return 5;
    case Severity::medium: return 3;
    case Severity::low: return 1;
  }
  return 1;
}

const std::vector<std::string>& principles() {
  static const std::vector<std::string> p(std::begin(kPrinciples), std::end(kPrinciples));
  return p;
}

const Rule* RuleSet::find(const std::string& id) const {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

namespace {

Text text_of(const nlohmann::json& v) {
  Text t;
  if (v.is_object()) {
    t.en = v.value("en", "");
    t.fr = v.value("fr", "");
  }
  return t;
}

// The schema only lets the four severities through; anything else would read as the lowest.
Severity severity_of(const std::string& s) {
  return static_cast<Severity>(std::min<int>(severity_rank(s), static_cast<int>(Severity::low)));
}

// A reference title: `{en, fr}`, or one string that reads the same in both languages.
Text title_of(const nlohmann::json& v) {
  if (v.is_string()) return {v.get<std::string>(), ""};
  return text_of(v);
}

CheckSpec check_of(const nlohmann::json& v, const YamlDocument& doc, const std::string& ptr, const std::string& file,
                   const std::string& rule_id) {
  CheckSpec spec;
  spec.primitive = v["primitive"].get<std::string>();
  const Primitive* p = find_primitive(spec.primitive);
  if (!p) {
    std::vector<std::string> names;
    for (const auto& q : primitives()) names.push_back(q.name);
    std::string s = did_you_mean(spec.primitive, names);
    throw InputError(file, doc.position_of(ptr + "/primitive"),
                     "unknown check primitive '" + spec.primitive + "'" + (s.empty() ? "" : " (did you mean '" + s + "'?)") +
                         "; 'pacte rules --primitives' lists them");
  }
  for (const auto& [k, val] : v.items())
    if (k != "primitive") spec.params[k] = val;
  JsonSchema schema(p->params_schema);
  for (const auto& e : schema.validate(spec.params)) {
    std::string field = e.pointer.empty() ? "" : e.pointer.substr(1) + ": ";
    throw InputError(file, doc.position_of(ptr + e.pointer),
                     "rule " + rule_id + ": parameters of '" + spec.primitive + "': " + field + e.message);
  }
  if (p->validate)
    if (std::string err = p->validate(spec.params); !err.empty())
      throw InputError(file, doc.position_of(spec.params.contains("pattern") ? ptr + "/pattern" : ptr),
                       "rule " + rule_id + ": parameters of '" + spec.primitive + "': " + err);
  for (const auto& k : schema.unknown_keys(spec.params))
    throw InputError(file, doc.position_of(ptr + k),
                     "'" + spec.primitive + "' takes no parameter '" + k.substr(1) + "'");
  return spec;
}

}  // namespace

std::vector<Rule> parse_rule_module(std::string_view text, const std::string& display_path) {
  YamlDocument doc = parse_yaml(text, display_path);
  const JsonSchema& schema = builtin_schema("rules.schema.json");
  auto errors = schema.validate(doc.value);
  if (!errors.empty()) {
    const auto& e = errors.front();
    throw InputError(display_path, doc.position_of(e.pointer),
                     (e.pointer.empty() ? "" : e.pointer.substr(1) + ": ") + e.message);
  }
  if (auto unknown = schema.unknown_keys(doc.value); !unknown.empty())
    throw InputError(display_path, doc.position_of(unknown.front()),
                     "unknown key '" + unknown.front().substr(unknown.front().rfind('/') + 1) + "'");
  std::vector<Rule> out;
  const auto& rules = doc.value["rules"];
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    std::string ptr = "/rules/" + std::to_string(i);
    Rule rule;
    rule.id = r["id"].get<std::string>();
    rule.principle = r["principle"].get<std::string>();
    rule.severity = severity_of(r["severity"].get<std::string>());
    rule.title = text_of(r["title"]);
    rule.rationale = text_of(r["rationale"]);
    rule.remediation = text_of(r["remediation"]);
    if (r.contains("references"))
      for (const auto& ref : r["references"]) rule.references.push_back({title_of(ref["title"]), ref.value("url", "")});
    rule.check = check_of(r["check"], doc, ptr + "/check", display_path, rule.id);
    if (r.contains("when")) {
      if (r["when"].is_array()) {
        for (std::size_t k = 0; k < r["when"].size(); ++k)
          rule.when.push_back(check_of(r["when"][k], doc, ptr + "/when/" + std::to_string(k), display_path, rule.id));
      } else {
        rule.when.push_back(check_of(r["when"], doc, ptr + "/when", display_path, rule.id));
      }
    }
    if (r.contains("messages")) {
      if (r["messages"].contains("pass")) rule.pass_message = text_of(r["messages"]["pass"]);
      if (r["messages"].contains("fail")) rule.fail_message = text_of(r["messages"]["fail"]);
    }
    rule.module_path = display_path;
    rule.pos = doc.position_of(ptr);
    for (const auto& prev : out)
      if (prev.id == rule.id)
        throw InputError(display_path, rule.pos, "rule " + rule.id + " is defined twice (also at line " + std::to_string(prev.pos.line) + ")");
    out.push_back(std::move(rule));
  }
  return out;
}

namespace {

// The built-in rule modules (rules/*.yml, not the folders below), sorted by path.
std::vector<std::pair<std::string, std::string>> builtin_modules() {
  std::vector<std::pair<std::string, std::string>> modules;  // (display path, text)
  for (const auto& f : embedded_files()) {
    std::string p(f.path);
    if (p.rfind("rules/", 0) == 0 && p.find('/', 6) == std::string::npos && p.size() > 4 &&
        p.compare(p.size() - 4, 4, ".yml") == 0)
      modules.emplace_back(p, std::string(f.data));
  }
  std::sort(modules.begin(), modules.end());
  return modules;
}

nlohmann::json text_json(const Text& t) { return {{"en", t.en}, {"fr", t.fr}}; }

nlohmann::json check_json(const CheckSpec& c) { return {{"primitive", c.primitive}, {"params", c.params}}; }

}  // namespace

std::vector<Rule> parse_builtin_rules() {
  std::vector<Rule> out;
  for (const auto& [path, text] : builtin_modules())
    for (auto& rule : parse_rule_module(text, path)) {
      rule.builtin = true;
      out.push_back(std::move(rule));
    }
  return out;
}

std::string rules_to_msgpack(const std::vector<Rule>& rules) {
  nlohmann::json all = nlohmann::json::array();
  for (const Rule& r : rules) {
    nlohmann::json refs = nlohmann::json::array();
    for (const auto& ref : r.references) refs.push_back({{"title", text_json(ref.title)}, {"url", ref.url}});
    nlohmann::json when = nlohmann::json::array();
    for (const auto& w : r.when) when.push_back(check_json(w));
    all.push_back({{"id", r.id},
                   {"principle", r.principle},
                   {"severity", severity_name(r.severity)},
                   {"title", text_json(r.title)},
                   {"rationale", text_json(r.rationale)},
                   {"remediation", text_json(r.remediation)},
                   {"references", refs},
                   {"check", check_json(r.check)},
                   {"when", when},
                   {"pass_message", text_json(r.pass_message)},
                   {"fail_message", text_json(r.fail_message)},
                   {"module_path", r.module_path},
                   {"line", r.pos.line},
                   {"col", r.pos.col},
                   {"builtin", r.builtin}});
  }
  std::vector<std::uint8_t> bytes = nlohmann::json::to_msgpack(all);
  return std::string(bytes.begin(), bytes.end());
}

namespace {

// The fields of a stored rule, as rules_to_msgpack() writes them.
constexpr std::string_view kStoredRuleFields[] = {"id",           "principle",   "severity", "title", "rationale",
                                                  "remediation",  "references",  "check",    "when",  "pass_message",
                                                  "fail_message", "module_path", "line",     "col",   "builtin"};
// Their positions in kStoredRuleFields.
enum RuleField : int {
  f_id,
  f_principle,
  f_severity,
  f_title,
  f_rationale,
  f_remediation,
  f_references,
  f_check,
  f_when,
  f_pass_message,
  f_fail_message,
  f_module_path,
  f_line,
  f_col,
  f_builtin
};
static_assert(std::size(kStoredRuleFields) == f_builtin + 1 && kStoredRuleFields[f_title] == "title" &&
              kStoredRuleFields[f_check] == "check" && kStoredRuleFields[f_builtin] == "builtin");

// The rule's text at `field`, or null for a field that is not a text.
Text* rule_text(Rule& r, int field) {
  switch (field) {
    case f_title: return &r.title;
    case f_rationale: return &r.rationale;
    case f_remediation: return &r.remediation;
    case f_pass_message: return &r.pass_message;
    case f_fail_message: return &r.fail_message;
    default: return nullptr;
  }
}

// Reads the array rules_to_msgpack() wrote straight into the rules: texts, references and
// checks field by field, a check's parameters (any JSON) through a JsonValueBuilder. Every
// field of a rule must be there, once.
class StoredRules final : public StoredFormReader {
 public:
  std::vector<Rule> out;

  bool key(string_t& k) override {
    if (in_params_) {
      params_.key(std::move(k));
      return true;
    }
    if (frames_.empty()) return refuse("a key");
    Frame& f = frames_.back();
    if (f.kind == Kind::rule) {
      f.field = field_of(k, kStoredRuleFields, seen_);
      return f.field >= 0;
    }
    f.key = std::move(k);
    if (f.kind == Kind::check && f.key == "params") in_params_ = true;
    return true;
  }
  bool string(string_t& v) override {
    if (in_params_) return param(nlohmann::json(std::move(v)));
    if (frames_.empty()) return refuse("a string");
    Frame& f = frames_.back();
    Rule& r = out.back();
    if (f.kind == Kind::text && (f.key == "en" || f.key == "fr"))
      (f.key == "en" ? f.text->en : f.text->fr) = std::move(v);
    else if (f.kind == Kind::check && f.key == "primitive") f.check->primitive = std::move(v);
    else if (f.kind == Kind::reference && f.key == "url") r.references.back().url = std::move(v);
    else if (f.kind == Kind::rule && f.field == f_id) r.id = std::move(v);
    else if (f.kind == Kind::rule && f.field == f_principle) r.principle = std::move(v);
    else if (f.kind == Kind::rule && f.field == f_severity) r.severity = severity_of(v);
    else if (f.kind == Kind::rule && f.field == f_module_path) r.module_path = std::move(v);
    else return refuse("a string");
    return true;
  }
  bool number_unsigned(number_unsigned_t v) override {
    return in_params_ ? param(nlohmann::json(v)) : number(static_cast<std::int64_t>(v));
  }
  bool number_integer(number_integer_t v) override { return in_params_ ? param(nlohmann::json(v)) : number(v); }
  bool number_float(number_float_t v, const string_t&) override {
    return in_params_ ? param(nlohmann::json(v)) : refuse("a number");
  }
  bool boolean(bool v) override {
    if (in_params_) return param(nlohmann::json(v));
    if (frames_.empty() || frames_.back().kind != Kind::rule || frames_.back().field != f_builtin)
      return refuse("a boolean");
    out.back().builtin = v;
    return true;
  }
  bool null() override { return in_params_ ? param(nlohmann::json()) : refuse("a null"); }

 private:
  enum class Kind { rules, rule, text, references, reference, check, when };
  struct Frame {
    Kind kind;
    Text* text = nullptr;
    CheckSpec* check = nullptr;
    std::string key;  // the key of the value to come, in every frame but a rule's
    int field = -1;   // a rule's: the position of that key in kStoredRuleFields
  };

  bool number(std::int64_t v) {
    if (frames_.empty() || frames_.back().kind != Kind::rule) return refuse("a number");
    const int field = frames_.back().field;
    if (field != f_line && field != f_col) return refuse("a number");
    (field == f_line ? out.back().pos.line : out.back().pos.col) = static_cast<int>(v);
    return true;
  }
  // A check's parameters: each event goes to the builder until the value is whole.
  bool param(nlohmann::json v) {
    params_.value(std::move(v));
    return params_done();
  }
  bool params_done() {
    if (params_.done()) {
      frames_.back().check->params = params_.take();
      in_params_ = false;
    }
    return true;
  }
  bool enter(bool is_object, int) override {
    if (in_params_) {
      params_.start(is_object);
      return true;
    }
    if (frames_.empty()) {
      if (is_object) return false;
      frames_.push_back({Kind::rules});
      return true;
    }
    Frame& f = frames_.back();
    Rule* r = out.empty() ? nullptr : &out.back();
    if (f.kind == Kind::rules && is_object) {
      out.emplace_back();
      seen_ = 0;
      frames_.push_back({Kind::rule});
    } else if (f.kind == Kind::rule && is_object && rule_text(*r, f.field)) {
      frames_.push_back({Kind::text, rule_text(*r, f.field)});
    } else if (f.kind == Kind::rule && is_object && f.field == f_check) {
      frames_.push_back({Kind::check, nullptr, &r->check});
    } else if (f.kind == Kind::rule && !is_object && f.field == f_references) {
      frames_.push_back({Kind::references});
    } else if (f.kind == Kind::rule && !is_object && f.field == f_when) {
      frames_.push_back({Kind::when});
    } else if (f.kind == Kind::references && is_object) {
      r->references.emplace_back();
      frames_.push_back({Kind::reference});
    } else if (f.kind == Kind::reference && is_object && f.key == "title") {
      frames_.push_back({Kind::text, &r->references.back().title});
    } else if (f.kind == Kind::when && is_object) {
      r->when.emplace_back();
      frames_.push_back({Kind::check, nullptr, &r->when.back()});
    } else {
      return false;
    }
    return true;
  }
  bool leave(bool is_object, int) override {
    if (in_params_) {
      params_.end();
      return params_done();
    }
    if (frames_.empty()) return false;
    if (is_object && frames_.back().kind == Kind::rule && !has_every_field(seen_, kStoredRuleFields, "rule"))
      return false;
    frames_.pop_back();
    return true;
  }

  std::vector<Frame> frames_;
  JsonValueBuilder params_;
  bool in_params_ = false;
  std::uint32_t seen_ = 0;
};

}  // namespace

std::vector<Rule> rules_from_msgpack(std::string_view bytes) {
  StoredRules reader;
  reader.read(bytes, "the built-in rule modules");
  return std::move(reader.out);
}

RuleSet load_rules(const std::vector<std::string>& extra, bool no_default) {
  RuleSet set;
  std::vector<std::pair<std::string, std::string>> modules;  // (display path, text)
  if (!no_default) modules = builtin_modules();
  const std::size_t builtin_count = modules.size();  // the extra modules come after these
  // The built-in rules as the build stored them (validated then), in module order; parsed from
  // the YAML below when the build stored none.
  std::vector<Rule> stored;
  if (!no_default && !precompiled_data().rules.empty()) stored = rules_from_msgpack(precompiled_data().rules);
  std::size_t next_stored = 0;
  namespace fs = std::filesystem;
  auto read_file = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, {}, "cannot read the rule module");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  for (const auto& e : extra) {
    std::error_code ec;
    if (fs::is_directory(e, ec)) {
      std::vector<std::string> files;
      for (const auto& d : fs::directory_iterator(e, ec)) {
        auto ext = d.path().extension().string();
        if (d.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(d.path().string());
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) throw InputError(e, {}, "no rule module (*.yml) in this folder");
      for (const auto& f : files) modules.emplace_back(f, read_file(f));
    } else if (fs::exists(e, ec)) {
      modules.emplace_back(e, read_file(e));
    } else {
      throw InputError(e, {}, "no such rule module file or folder");
    }
  }
  std::map<std::string, std::pair<std::string, int>> seen;
  std::string all;
  std::size_t module_index = 0;
  for (const auto& [path, text] : modules) {
    const bool builtin = module_index++ < builtin_count;
    std::vector<Rule> module_rules;
    if (builtin && !stored.empty()) {
      while (next_stored < stored.size() && stored[next_stored].module_path == path)
        module_rules.push_back(std::move(stored[next_stored++]));
    } else {
      module_rules = parse_rule_module(text, path);
    }
    for (auto& rule : module_rules) {
      rule.builtin = builtin;
      auto it = seen.find(rule.id);
      if (it != seen.end())
        throw InputError(path, rule.pos,
                         "rule " + rule.id + " is already defined in " + it->second.first + ":" + std::to_string(it->second.second) +
                             "; give your rule another id");
      seen[rule.id] = {path, rule.pos.line};
      set.rules.push_back(std::move(rule));
    }
    set.sources.push_back(path);
    all += path + "\n" + text + "\n";
  }
  set.hash = fingerprint_of({all});
  return set;
}

}  // namespace pacte
