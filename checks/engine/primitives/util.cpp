#include "checks/engine/primitives/util.hpp"

#include <stdexcept>

namespace pacte {

nlohmann::json params_schema(nlohmann::json properties, std::vector<std::string> required) {
  nlohmann::json s = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) s["required"] = required;
  return s;
}

nlohmann::json no_params_schema() { return params_schema(nlohmann::json::object()); }

std::function<CheckResult(AuditContext&, const nlohmann::json&)> without_params(CheckResult (*body)(AuditContext&)) {
  return [body](AuditContext& ctx, const nlohmann::json&) { return body(ctx); };
}

nlohmann::json globs_schema() {
  return {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}, {"minLength", 1}}},
          {"description", "a list of path globs such as [\"README*\", \"docs/**/*.md\"]"}};
}

std::vector<const FileEntry*> files_matching(const Snapshot& snap, const std::vector<std::string>& globs,
                                             const std::vector<std::string>& exclude, bool icase) {
  std::vector<const FileEntry*> out;
  std::vector<Glob> wanted, unwanted;
  for (const auto& g : globs) wanted.emplace_back(g, icase);
  for (const auto& g : exclude) unwanted.emplace_back(g, icase);
  auto any = [](const std::vector<Glob>& set, std::string_view path) {
    for (const auto& g : set)
      if (g.match(path)) return true;
    return false;
  };
  for (const auto& e : snap.files()) {
    if (e.kind != EntryKind::file) continue;
    if (any(wanted, e.path) && !any(unwanted, e.path)) out.push_back(&e);
  }
  return out;
}

std::unique_ptr<RE2> compile_pattern(const std::string& pattern, bool icase) {
  RE2::Options opt;
  opt.set_case_sensitive(!icase);
  opt.set_log_errors(false);
  opt.set_max_mem(8 << 20);
  auto re = std::make_unique<RE2>(pattern, opt);
  if (!re->ok()) throw std::runtime_error("pattern '" + pattern + "' does not compile: " + re->error());
  return re;
}

Evidence charter_evidence(const AuditContext& ctx, const std::string& field) {
  Evidence e;
  if (ctx.charter.source == "none") return e;
  e.path = ctx.charter.path;
  e.line = ctx.charter.pos(field).line;
  if (const auto* v = ctx.charter.field(field)) {
    auto dot = field.rfind('.');
    e.snippet = field.substr(dot == std::string::npos ? 0 : dot + 1) + ": " + field_text(*v);
    if (e.snippet.size() > 200) e.snippet.resize(200);
  }
  return e;
}

CheckResult undeclared(const AuditContext& ctx, const std::string& field, const Text& what) {
  if (ctx.charter.source == "none")
    return CheckResult::undeclared(Text{"no charter: declare " + what.en + " as '" + field + "' in pacte.yml ('pacte init' writes a draft)",
                               "pas de charte\u00a0: indiquez " + what.fr + " dans pacte.yml sous «\u00a0" + field +
                                   "\u00a0» («\u00a0pacte init\u00a0» en écrit un brouillon)"});
  std::vector<Evidence> ev;
  Evidence e;
  e.path = ctx.charter.path;
  ev.push_back(e);
  if (ctx.charter.source == "publiccode" && !publiccode_declares(field))
    return CheckResult::undeclared(Text{what.en + " is not declared: publiccode.yml cannot say it; add '" + field + "' to a pacte.yml",
                               "publiccode.yml ne permet pas d'indiquer " + what.fr + "\u00a0; ajoutez «\u00a0" + field +
                                   "\u00a0» dans un fichier pacte.yml"},
                             ev);
  // A pacte charter (or a publiccode.yml that could have said it): the team declares, and a
  // missing required declaration is a failure.
  return CheckResult::fail(Text{what.en + " is not declared: add '" + field + "' to " + ctx.charter.path,
                             "la charte ne précise pas " + what.fr + "\u00a0: ajoutez «\u00a0" + field + "\u00a0» dans " + ctx.charter.path},
                           ev);
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string field_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

}  // namespace pacte
