// General check primitives every principle uses: files, contents, charter fields.
#include <algorithm>
#include <optional>

#include "checks/engine/charter.hpp"
#include "checks/engine/primitives/util.hpp"
#include "checks/base/schema.hpp"

namespace pacte {
namespace {

// ---------------------------------------------------------------- parameters
// Each primitive's parameters: a struct whose member initialisers are the defaults, beside
// the JSON Schema that checks them when a rule module is loaded, and the from_json that
// reads them.

nlohmann::json field_schema() {
  return {{"type", "string"}, {"pattern", "^[a-z_]+(\\.[a-z_0-9]+)*$"}, {"description", "a dotted charter field such as neutrality.advertising"}};
}

nlohmann::json text_schema() {
  return {{"type", "object"}, {"properties", {{"en", {{"type", "string"}}}, {"fr", {{"type", "string"}}}}}};
}

/// Parameters of file_exists.
struct FileExistsParams {
  /// Globs of the files looked for (required).
  std::vector<std::string> paths;
  /// Globs of files that do not count.
  std::vector<std::string> exclude;
  /// Whether the globs ignore case.
  bool icase = true;
  /// A file with fewer words does not count.
  std::size_t min_words = 0;
  static nlohmann::json schema() {
    return params_schema({{"paths", globs_schema()}, {"exclude", globs_schema()}, {"icase", {{"type", "boolean"}}},
                          {"min_words", {{"type", "integer"}, {"minimum", 0}}}},
                         {"paths"});
  }
};
void from_json(const nlohmann::json& j, FileExistsParams& p) {
  j.at("paths").get_to(p.paths);
  read_optional(j, "exclude", p.exclude);
  read_optional(j, "icase", p.icase);
  read_optional(j, "min_words", p.min_words);
}

/// Parameters of file_absent.
struct FileAbsentParams {
  /// Globs of the files that should not be there (required).
  std::vector<std::string> paths;
  /// Globs of files that may be there.
  std::vector<std::string> exclude;
  /// Whether the globs ignore case.
  bool icase = true;
  /// The evidence note of each file found.
  std::string note;
  static nlohmann::json schema() {
    return params_schema({{"paths", globs_schema()}, {"exclude", globs_schema()}, {"icase", {{"type", "boolean"}}}, {"note", {{"type", "string"}}}},
                         {"paths"});
  }
};
void from_json(const nlohmann::json& j, FileAbsentParams& p) {
  j.at("paths").get_to(p.paths);
  read_optional(j, "exclude", p.exclude);
  read_optional(j, "icase", p.icase);
  read_optional(j, "note", p.note);
}

/// Parameters of content_matches and content_absent.
struct ContentParams {
  /// Globs of the files read, case ignored (required).
  std::vector<std::string> paths;
  /// Globs of files not read.
  std::vector<std::string> exclude;
  /// The pattern, in RE2 syntax (required).
  std::string pattern;
  /// Whether the pattern ignores case.
  bool icase = false;
  static nlohmann::json schema() {
    return params_schema({{"paths", globs_schema()}, {"exclude", globs_schema()}, {"pattern", {{"type", "string"}, {"minLength", 1}}},
                          {"icase", {{"type", "boolean"}}}},
                         {"paths", "pattern"});
  }
};
void from_json(const nlohmann::json& j, ContentParams& p) {
  j.at("paths").get_to(p.paths);
  read_optional(j, "exclude", p.exclude);
  j.at("pattern").get_to(p.pattern);
  read_optional(j, "icase", p.icase);
}

/// Parameters every charter field primitive takes: the field, and how messages name it.
struct FieldParams {
  /// The dotted charter field, such as "neutrality.advertising" (required).
  std::string field;
  /// What the field declares, in words; the field itself unless the rule says.
  Text label;
  static nlohmann::json properties() { return {{"field", field_schema()}, {"label", text_schema()}}; }
  static nlohmann::json schema() { return params_schema(properties(), {"field"}); }
};
void from_json(const nlohmann::json& j, FieldParams& p) {
  j.at("field").get_to(p.field);
  p.label = {p.field, p.field};
  if (auto it = j.find("label"); it != j.end()) p.label = {it->value("en", p.field), it->value("fr", p.field)};
}

/// Parameters of charter_field_present.
struct FieldPresentParams : FieldParams {
  /// A list with fewer entries is not a declaration.
  std::size_t min_items = 1;
  static nlohmann::json schema() {
    auto props = properties();
    props["min_items"] = {{"type", "integer"}, {"minimum", 0}};
    return params_schema(props, {"field"});
  }
};
void from_json(const nlohmann::json& j, FieldPresentParams& p) {
  from_json(j, static_cast<FieldParams&>(p));
  read_optional(j, "min_items", p.min_items);
}

/// Parameters of charter_field_equals and charter_field_not.
struct FieldValueParams : FieldParams {
  /// The value compared with the field, any JSON value (required).
  nlohmann::json value;
  static nlohmann::json schema() {
    auto props = properties();
    props["value"] = nlohmann::json::object();
    return params_schema(props, {"field", "value"});
  }
};
void from_json(const nlohmann::json& j, FieldValueParams& p) {
  from_json(j, static_cast<FieldParams&>(p));
  p.value = j.at("value");
}

/// Parameters of charter_field_in.
struct FieldInParams : FieldParams {
  /// The values accepted (required).
  std::vector<nlohmann::json> values;
  static nlohmann::json schema() {
    auto props = properties();
    props["values"] = {{"type", "array"}, {"minItems", 1}};
    return params_schema(props, {"field", "values"});
  }
};
void from_json(const nlohmann::json& j, FieldInParams& p) {
  from_json(j, static_cast<FieldParams&>(p));
  j.at("values").get_to(p.values);
}

/// Parameters of charter_field_matches.
struct FieldMatchesParams : FieldParams {
  /// The pattern, in RE2 syntax, found anywhere in the value (required).
  std::string pattern;
  /// Whether the pattern ignores case.
  bool icase = true;
  /// What the value should be, in words (a message says the value is not that).
  Text expect{"the expected form", "la forme attendue"};
  static nlohmann::json schema() {
    auto props = properties();
    props["pattern"] = {{"type", "string"}};
    props["icase"] = {{"type", "boolean"}};
    props["expect"] = text_schema();
    return params_schema(props, {"field", "pattern"});
  }
};
void from_json(const nlohmann::json& j, FieldMatchesParams& p) {
  from_json(j, static_cast<FieldParams&>(p));
  j.at("pattern").get_to(p.pattern);
  read_optional(j, "icase", p.icase);
  if (auto it = j.find("expect"); it != j.end()) p.expect = {it->value("en", ""), it->value("fr", "")};
}

/// Parameters of charter_path_exists.
struct FieldPathParams : FieldParams {
  /// A file with fewer words says almost nothing.
  std::size_t min_words = 20;
  static nlohmann::json schema() {
    auto props = properties();
    props["min_words"] = {{"type", "integer"}, {"minimum", 0}};
    return params_schema(props, {"field"});
  }
};
void from_json(const nlohmann::json& j, FieldPathParams& p) {
  from_json(j, static_cast<FieldParams&>(p));
  read_optional(j, "min_words", p.min_words);
}

/// Parameters of any_of.
struct AnyOfParams {
  /// The checks tried in order, each a primitive name and its parameters (required).
  std::vector<nlohmann::json> checks;
  static nlohmann::json schema() {
    return params_schema({{"checks", {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "object"}}}}}}, {"checks"});
  }
};
void from_json(const nlohmann::json& j, AnyOfParams& p) { j.at("checks").get_to(p.checks); }

// ---------------------------------------------------------------- checks

template <class Params>
std::string validate_pattern(const Params& p) {
  try {
    compile_pattern(p.pattern, p.icase);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

// Whether a file's content says something: at least `min_words` words once Markdown/HTML
// punctuation is set aside.
std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in = false;
  for (unsigned char c : s) {
    bool w = std::isalnum(c) || c >= 0x80;
    if (w && !in) ++words;
    in = w;
  }
  return words;
}

CheckResult file_exists(AuditContext& ctx, const FileExistsParams& p) {
  auto files = files_matching(ctx.snapshot, p.paths, p.exclude, p.icase);
  std::size_t min_words = p.min_words;
  std::vector<Evidence> ev;
  std::vector<std::string> too_short, unread;
  for (const auto* f : files) {
    if (min_words > 0) {
      auto content = ctx.snapshot.read(*f);
      if (!content) {
        if (f->kind == EntryKind::file) unread.push_back(f->path);
        continue;
      }
      if (word_count(*content) < min_words) {
        too_short.push_back(f->path);
        continue;
      }
    }
    ev.push_back({f->path, 0, "", ""});
    if (ev.size() >= 5) break;
  }
  if (!ev.empty())
    return CheckResult::pass(Text{"found " + ev.front().path, "trouvé\u00a0: " + ev.front().path}, ev);
  if (!too_short.empty()) {
    std::vector<Evidence> sev;
    for (const auto& s : too_short) sev.push_back({s, 0, "", "fewer than " + std::to_string(min_words) + " words"});
    return CheckResult::fail(Text{too_short.front() + " exists but says almost nothing (fewer than " + std::to_string(min_words) + " words)",
                               too_short.front() + " existe mais ne dit presque rien (moins de " + std::to_string(min_words) + " mots)"},
                             sev);
  }
  if (!unread.empty()) {
    // The file exists but was never read (too large, out of memory): how much it says is unknown.
    std::string why;
    for (const auto& u : ctx.snapshot.unreadable())
      if (u.path == unread.front()) why = u.reason;
    return CheckResult::error(Text{unread.front() + " could not be read (" + why + "), so what it says is unknown",
                                   unread.front() + " n'a pas pu être lu (" + why + ")\u00a0; ce qu'il contient est inconnu"});
  }
  return CheckResult::fail(Text{"no file matches " + join(p.paths), "aucun fichier ne correspond à " + join(p.paths)});
}

CheckResult file_absent(AuditContext& ctx, const FileAbsentParams& p) {
  auto files = files_matching(ctx.snapshot, p.paths, p.exclude, p.icase);
  if (files.empty()) return CheckResult::pass(Text{"none found", "aucun fichier trouvé"});
  std::vector<Evidence> ev;
  for (const auto* f : files) ev.push_back({f->path, 0, "", p.note});
  return CheckResult::fail(Text{std::to_string(files.size()) + " file(s) found, first " + files.front()->path,
                             std::to_string(files.size()) + " fichier(s) trouvé(s), dont " + files.front()->path},
                           ev);
}

// Finds matches of the rule's pattern in the files it names. The regular files that could not
// be read (over the size limit, out of memory, a missing object) go to `unread` when given.
std::vector<Evidence> find_matches(AuditContext& ctx, const ContentParams& p, std::size_t limit,
                                   std::vector<const FileEntry*>* unread = nullptr) {
  auto re = compile_pattern(p.pattern, p.icase);
  auto files = files_matching(ctx.snapshot, p.paths, p.exclude, true);
  std::vector<Evidence> ev;
  for (const auto* f : files) {
    auto content = ctx.snapshot.read(*f);
    if (!content) {
      if (unread && f->kind == EntryKind::file) unread->push_back(f);
      continue;
    }
    re2::StringPiece input(*content), m;
    std::size_t pos = 0;
    while (pos <= content->size() && re->Match(input, pos, content->size(), RE2::UNANCHORED, &m, 1)) {
      std::size_t off = static_cast<std::size_t>(m.data() - content->data());
      ev.push_back({f->path, line_at(*content, off), line_snippet(*content, off), ""});
      if (ev.size() >= limit) return ev;
      pos = off + std::max<std::size_t>(m.size(), 1);
      // One match per line is enough evidence.
      auto nl = content->find('\n', off);
      if (nl == std::string::npos) break;
      pos = std::max(pos, nl + 1);
    }
  }
  return ev;
}

CheckResult content_matches(AuditContext& ctx, const ContentParams& p) {
  std::vector<const FileEntry*> unread;
  auto ev = find_matches(ctx, p, 5, &unread);
  if (!ev.empty()) return CheckResult::pass(Text{"found in " + ev.front().path, "trouvé dans " + ev.front().path}, ev);
  if (!unread.empty()) {
    // A file the rule names was never read (too large, out of memory, missing object): what it
    // says is unknown, so the rule is not judged on it.
    std::string why;
    for (const auto& u : ctx.snapshot.unreadable())
      if (u.path == unread.front()->path) why = u.reason;
    CheckResult r = CheckResult::error(
        Text{unread.front()->path + " could not be read (" + why + "), so what it says is unknown",
             unread.front()->path + " n'a pas pu être lu (" + why + ")\u00a0; ce qu'il contient est inconnu"});
    for (const auto* f : unread) r.evidence.push_back({f->path, 0, "", "not read: " + why, "non lu\u00a0: " + why});
    return r;
  }
  return CheckResult::fail(Text{"no file matching " + join(p.paths) + " says it",
                             "aucun fichier correspondant à " + join(p.paths) + " ne contient l'expression recherchée"});
}

CheckResult content_absent(AuditContext& ctx, const ContentParams& p) {
  auto ev = find_matches(ctx, p, ctx.options.max_evidence + 1000);
  if (ev.empty()) return CheckResult::pass(Text{"not found", "aucune occurrence trouvée"});
  return CheckResult::fail(Text{"found in " + ev.front().path + ":" + std::to_string(ev.front().line),
                             "trouvé dans " + ev.front().path + ":" + std::to_string(ev.front().line)},
                           ev);
}

CheckResult charter_present(AuditContext& ctx) {
  if (ctx.charter.source == "pacte") return CheckResult::pass(Text{"charter " + ctx.charter.path, "charte " + ctx.charter.path}, {{ctx.charter.path, 0, "", ""}});
  if (ctx.charter.source == "publiccode")
    return CheckResult::fail(Text{"only publiccode.yml: advertising, funding, trackers, accessibility and succession stay undeclared",
                               "seulement publiccode.yml\u00a0: la publicité, le financement, les traceurs, l'accessibilité et la succession restent non déclarés"},
                             {{ctx.charter.path, 0, "", ""}});
  return CheckResult::fail(Text{"no pacte.yml, .pacte.yml or .github/pacte.yml", "aucun fichier pacte.yml, .pacte.yml ni .github/pacte.yml"});
}

CheckResult charter_field_present(AuditContext& ctx, const FieldPresentParams& p) {
  const std::string& field = p.field;
  const nlohmann::json* v = ctx.charter.field(field);
  bool empty = !v || (v->is_string() && v->get<std::string>().find_first_not_of(" \t") == std::string::npos) ||
               (v->is_array() && v->size() < p.min_items) || (v->is_object() && v->empty());
  if (empty) {
    if (v && v->is_array() && !v->empty())
      return CheckResult::fail(Text{field + " lists " + std::to_string(v->size()) + ", at least " + std::to_string(p.min_items) + " expected",
                                 "le champ " + field + " compte " + std::to_string(v->size()) + " entrée(s), au moins " + std::to_string(p.min_items) + " attendue(s)"},
                               {charter_evidence(ctx, field)});
    return undeclared(ctx, field, p.label);
  }
  return CheckResult::pass(Text{field + " is declared", "le champ " + field + " est déclaré"}, {charter_evidence(ctx, field)});
}

CheckResult charter_field_equals(AuditContext& ctx, const FieldValueParams& p) {
  const std::string& field = p.field;
  const nlohmann::json* v = ctx.charter.field(field);
  if (!v) return undeclared(ctx, field, p.label);
  if (*v == p.value) return CheckResult::pass(Text{field + ": " + field_text(*v), field + "\u00a0: " + field_text(*v)}, {charter_evidence(ctx, field)});
  return CheckResult::fail(Text{ctx.charter.where(field) + ": " + field + " is " + field_text(*v) + ", expected " + field_text(p.value),
                             ctx.charter.where(field) + "\u00a0: " + field + " vaut " + field_text(*v) + ", valeur attendue\u00a0: " + field_text(p.value)},
                           {charter_evidence(ctx, field)});
}

CheckResult charter_field_not(AuditContext& ctx, const FieldValueParams& p) {
  const std::string& field = p.field;
  const nlohmann::json* v = ctx.charter.field(field);
  if (v && *v == p.value)
    return CheckResult::fail(Text{ctx.charter.where(field) + ": " + field + " is " + field_text(*v),
                               ctx.charter.where(field) + "\u00a0: " + field + " vaut " + field_text(*v)},
                             {charter_evidence(ctx, field)});
  if (!v) return CheckResult::pass(Text{field + " is not declared as " + field_text(p.value), "le champ " + field + " n'est pas déclaré, il ne vaut donc pas " + field_text(p.value)});
  return CheckResult::pass(Text{field + ": " + field_text(*v), field + "\u00a0: " + field_text(*v)}, {charter_evidence(ctx, field)});
}

CheckResult charter_field_matches(AuditContext& ctx, const FieldMatchesParams& p) {
  const std::string& field = p.field;
  const nlohmann::json* v = ctx.charter.field(field);
  if (!v || !v->is_string()) return undeclared(ctx, field, p.label);
  auto re = compile_pattern(p.pattern, p.icase);
  if (RE2::PartialMatch(v->get<std::string>(), *re))
    return CheckResult::pass(Text{field + ": " + v->get<std::string>(), field + "\u00a0: " + v->get<std::string>()}, {charter_evidence(ctx, field)});
  return CheckResult::fail(Text{ctx.charter.where(field) + ": '" + v->get<std::string>() + "' is not " + p.expect.en,
                             ctx.charter.where(field) + "\u00a0: «\u00a0" + v->get<std::string>() + "\u00a0» n'est pas " + p.expect.fr},
                           {charter_evidence(ctx, field)});
}

CheckResult charter_field_in(AuditContext& ctx, const FieldInParams& p) {
  const std::string& field = p.field;
  const nlohmann::json* v = ctx.charter.field(field);
  if (!v) return undeclared(ctx, field, p.label);
  for (const auto& allowed : p.values)
    if (*v == allowed) return CheckResult::pass(Text{field + ": " + field_text(*v), field + "\u00a0: " + field_text(*v)}, {charter_evidence(ctx, field)});
  std::vector<std::string> vals;
  for (const auto& a : p.values) vals.push_back(field_text(a));
  return CheckResult::fail(Text{field + " is " + field_text(*v) + ", expected one of " + join(vals),
                             field + " vaut " + field_text(*v) + ", valeur attendue parmi\u00a0: " + join(vals)},
                           {charter_evidence(ctx, field)});
}

CheckResult charter_path_exists(AuditContext& ctx, const FieldPathParams& p) {
  const std::string& field = p.field;
  const nlohmann::json* v = ctx.charter.field(field);
  if (!v || !v->is_string()) return undeclared(ctx, field, p.label);
  std::string path = v->get<std::string>();
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  const FileEntry* e = ctx.snapshot.find(path);
  Evidence cev = charter_evidence(ctx, field);
  if (!e) {
    // A folder is accepted when it holds files.
    bool folder = false;
    for (const auto& f : ctx.snapshot.files())
      if (f.path.rfind(path + "/", 0) == 0) {
        folder = true;
        break;
      }
    if (folder) return CheckResult::pass(Text{path + " (folder) exists", "le dossier " + path + " existe"}, {{path, 0, "", ""}});
    return CheckResult::fail(Text{ctx.charter.where(field) + " declares " + path + ", which is not in the repository",
                               ctx.charter.where(field) + " déclare " + path + ", qui est absent du dépôt"},
                             {cev});
  }
  if (e->kind != EntryKind::file)
    return CheckResult::fail(Text{path + " is a symbolic link or submodule; pacte does not follow it", path + " est un lien symbolique ou un sous-module\u00a0; pacte ne le suit pas"},
                             {{path, 0, "", ""}});
  auto content = ctx.snapshot.read(*e);
  if (!content) return CheckResult::error(Text{path + " cannot be read", path + " ne peut pas être lu"});
  std::size_t min_words = p.min_words;
  std::size_t words = word_count(*content);
  if (words < min_words)
    return CheckResult::fail(Text{path + " says almost nothing (" + std::to_string(words) + " words, at least " + std::to_string(min_words) + " expected)",
                               path + " ne dit presque rien (" + std::to_string(words) + " mots, au moins " + std::to_string(min_words) + " attendus)"},
                             {{path, 1, line_snippet(*content, 0), ""}});
  return CheckResult::pass(Text{path + " exists (" + std::to_string(words) + " words)", path + " existe (" + std::to_string(words) + " mots)"},
                           {{path, 0, "", ""}});
}

CheckResult charter_date_future(AuditContext& ctx, const FieldParams& p) {
  const std::string& field = p.field;
  const nlohmann::json* v = ctx.charter.field(field);
  if (!v || !v->is_string()) return undeclared(ctx, field, p.label);
  auto t = parse_date(v->get<std::string>());
  if (!t) return CheckResult::error(Text{field + " is not a date", "le champ " + field + " n'est pas une date"});
  if (*t + 86400 > ctx.now) return CheckResult::pass(Text{field + ": " + v->get<std::string>(), field + "\u00a0: " + v->get<std::string>()}, {charter_evidence(ctx, field)});
  return CheckResult::fail(Text{field + " (" + v->get<std::string>() + ") has passed", "la date indiquée dans " + field + " (" + v->get<std::string>() + ") est dépassée"},
                           {charter_evidence(ctx, field)});
}

CheckResult any_of(AuditContext& ctx, const AnyOfParams& p) {
  std::vector<std::string> reasons_en, reasons_fr;
  std::vector<Evidence> evidence;  // what each alternative that failed pointed at
  bool any_error = false, any_undeclared = false;
  for (const auto& c : p.checks) {
    const Primitive* prim = find_primitive(c["primitive"].get<std::string>());
    nlohmann::json params = c;
    params.erase("primitive");
    CheckResult r = prim->run(ctx, params);
    if (r.status == Status::pass) return r;
    if (r.status == Status::error) any_error = true;
    if (r.status == Status::undeclared) any_undeclared = true;
    reasons_en.push_back(r.message.en);
    reasons_fr.push_back(r.message.fr);
    for (auto& e : r.evidence) evidence.push_back(std::move(e));
  }
  if (any_error) return CheckResult::error(Text{join(reasons_en, "; "), join(reasons_fr, "\u00a0; ")});
  // An alternative that wanted a missing declaration could still have passed: the rule
  // cannot be judged without it.
  if (any_undeclared) return CheckResult::undeclared(Text{join(reasons_en, "; "), join(reasons_fr, "\u00a0; ")}, std::move(evidence));
  return CheckResult::fail(Text{join(reasons_en, "; "), join(reasons_fr, "\u00a0; ")}, std::move(evidence));
}

// The basis of any_of: that of its alternatives when they share one, else a cross-check
// (evidence on one side, a declaration on the other).
Basis any_of_basis(const nlohmann::json& params) {
  std::optional<Basis> common;
  if (!params.contains("checks") || !params["checks"].is_array()) return Basis::evidence;
  for (const auto& c : params["checks"]) {
    if (!c.is_object() || !c.contains("primitive") || !c["primitive"].is_string()) continue;
    nlohmann::json sub = c;
    sub.erase("primitive");
    Basis b = check_basis(CheckSpec{c["primitive"].get<std::string>(), sub});
    if (!common) common = b;
    else if (*common != b) return Basis::cross_check;
  }
  return common.value_or(Basis::evidence);
}

std::string validate_any_of(const AnyOfParams& p) {
  for (const auto& c : p.checks) {
    if (!c.is_object() || !c.contains("primitive") || !c["primitive"].is_string()) return "each check needs a 'primitive'";
    const Primitive* prim = find_primitive(c["primitive"].get<std::string>());
    if (!prim) return "unknown check primitive '" + c["primitive"].get<std::string>() + "'";
    nlohmann::json params = c;
    params.erase("primitive");
    JsonSchema schema(prim->params_schema);
    auto errs = schema.validate(params);
    if (!errs.empty()) return c["primitive"].get<std::string>() + ": " + errs.front().pointer + " " + errs.front().message;
    if (prim->validate)
      if (auto e = prim->validate(params); !e.empty()) return e;
  }
  return "";
}

}  // namespace

void register_general_primitives(std::vector<Primitive>& out) {
  out.push_back({
      .name = "file_exists",
      .description = Text{"A file matching one of the globs exists (and has at least min_words words).", "Un fichier correspondant à l'un des motifs existe."},
      .params_schema = FileExistsParams::schema(),
      .run = with_params(file_exists),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "file_absent",
      .description = Text{"No file matches the globs (each one found is evidence).", "Aucun fichier ne correspond aux motifs."},
      .params_schema = FileAbsentParams::schema(),
      .run = with_params(file_absent),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "content_matches",
      .description = Text{"Some file matching the globs contains the pattern (RE2 syntax).", "Un fichier correspondant aux motifs contient l'expression."},
      .params_schema = ContentParams::schema(),
      .run = with_params(content_matches),
      .validate = validated_by(validate_pattern<ContentParams>),
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "content_absent",
      .description = Text{"No file matching the globs contains the pattern (each match is evidence).", "Aucun fichier ne contient l'expression."},
      .params_schema = ContentParams::schema(),
      .run = with_params(content_absent),
      .validate = validated_by(validate_pattern<ContentParams>),
      .passes_on_absence = true,
      .basis = Basis::evidence,
  });
  out.push_back({
      .name = "charter_present",
      .description = Text{"A pacte charter is present.", "Une charte pacte est présente."},
      .params_schema = no_params_schema(),
      .run = without_params(charter_present),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "charter_field_present",
      .description = Text{"The charter declares the field (a list with at least min_items entries).", "La charte déclare le champ."},
      .params_schema = FieldPresentParams::schema(),
      .run = with_params(charter_field_present),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "charter_field_equals",
      .description = Text{"The charter field has the given value.", "Le champ de la charte a la valeur donnée."},
      .params_schema = FieldValueParams::schema(),
      .run = with_params(charter_field_equals),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "charter_field_in",
      .description = Text{"The charter field is one of the given values.", "Le champ de la charte est l'une des valeurs données."},
      .params_schema = FieldInParams::schema(),
      .run = with_params(charter_field_in),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "charter_field_not",
      .description = Text{"The charter field does not have the given value (absent passes).", "Le champ de la charte n'a pas la valeur donnée."},
      .params_schema = FieldValueParams::schema(),
      .run = with_params(charter_field_not),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "charter_field_matches",
      .description = Text{"The charter field is a string matching the pattern (RE2).", "Le champ de la charte correspond à l'expression."},
      .params_schema = FieldMatchesParams::schema(),
      .run = with_params(charter_field_matches),
      .validate = validated_by(validate_pattern<FieldMatchesParams>),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "charter_path_exists",
      .description = Text{"The path the charter declares exists in the repository and says something (min_words, default 20).", "Le chemin déclaré existe et contient du texte."},
      .params_schema = FieldPathParams::schema(),
      .run = with_params(charter_path_exists),
      .basis = Basis::cross_check,
  });
  out.push_back({
      .name = "charter_date_future",
      .description = Text{"The date the charter declares has not passed.", "La date déclarée n'est pas dépassée."},
      .params_schema = FieldParams::schema(),
      .run = with_params(charter_date_future),
      .basis = Basis::declaration,
  });
  out.push_back({
      .name = "any_of",
      .description = Text{"Passes when any of the listed checks passes.", "Réussit si l'un des contrôles réussit."},
      .params_schema = AnyOfParams::schema(),
      .run = with_params(any_of),
      .validate = validated_by(validate_any_of),
      .basis = Basis::evidence,
      .basis_of = any_of_basis,
  });
}

}  // namespace pacte
