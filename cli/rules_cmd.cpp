// pacte rules (the rules in force, by principle) and pacte explain RULE-ID.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <fmt/format.h>

#include "checks/base/output_file.hpp"
#include "checks/base/schema.hpp"
#include "checks/base/vocabulary.hpp"
#include "cli/commands.hpp"

namespace pacte::cli {

namespace {
nlohmann::json text_json(const Text& t) { return {{"en", t.en}, {"fr", t.fr}}; }

nlohmann::json check_json(const CheckSpec& c) {
  nlohmann::json j = c.params;
  j["primitive"] = c.primitive;
  return j;
}

/// A rule's help page in one language: what `pacte explain` prints, as Markdown.
std::string rule_page_section(const Rule& r, Lang lang, int level) {
  const std::string hashes(static_cast<std::size_t>(level), '#');
  const std::string colon(label(L::colon, lang));
  std::string md;
  md += fmt::format("{} {} — {}\n\n", hashes, r.id, typeset(r.title.in(lang), lang));
  md += fmt::format("{}{}{}  \n{}{}{}  \n{}{}{}\n\n", label(L::principle, lang), colon, principle_label(r.principle, lang), label(L::severity, lang),
                    colon, severity_label(severity_name(r.severity), lang), label(L::basis, lang), colon,
                    basis_label(basis_name(rule_basis(r)), lang));
  md += fmt::format("{}# {}\n\n{}\n\n", hashes, label(L::explain_why, lang), typeset(r.rationale.in(lang), lang));
  const Primitive* p = find_primitive(r.check.primitive);
  md += fmt::format("{}# {}\n\n{}\n\n", hashes, label(L::explain_how_checked, lang),
                    p ? typeset(p->description.in(lang), lang) : r.check.primitive);
  md += fmt::format("```\n{} {}\n", r.check.primitive, r.check.params.dump());
  for (const auto& w : r.when) md += fmt::format("{}{}{} {}\n", label(L::explain_only_when, lang), colon, w.primitive, w.params.dump());
  md += "```\n\n";
  md += fmt::format("{}# {}\n\n{}\n\n", hashes, label(L::explain_how_to_fix, lang), typeset(r.remediation.in(lang), lang));
  if (!r.references.empty()) {
    md += fmt::format("{}# {}\n\n", hashes, label(L::references, lang));
    for (const auto& ref : r.references) {
      std::string title = typeset(ref.title.in(lang), lang);
      md += ref.url.empty() ? fmt::format("- {}\n", title) : fmt::format("- [{}](<{}>)\n", title, ref.url);
    }
    md += "\n";
  }
  md += fmt::format("{} `{}`, {} {}\n", label(L::defined_in, lang), r.module_path, lang == Lang::fr ? "ligne" : "line", r.pos.line);
  return md;
}

/// Writes DIR/<ID>.md for every rule and DIR/README.md, the index by principle.
int write_rule_docs(const RuleSet& rules, const std::string& dir, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return usage_error(err, dir + ": cannot create the folder (" + ec.message() + ")");
  const std::string generated =
      "<!-- Written by `pacte rules --docs docs/rules` from the rule modules: edit the module, not this page. -->\n\n";
  std::string index = "# pacte rules\n\n" + generated +
                      "One page per rule, in English and in French: the text `pacte explain RULE-ID` prints.\n"
                      "Une page par règle, en anglais et en français\u00A0: le texte qu'affiche `pacte explain RULE-ID --lang fr`.\n";
  try {
    for (const auto& p : principles()) {
      index += fmt::format("\n## {} / {}\n\n| rule | severity | basis | title | titre |\n|---|---|---|---|---|\n", principle_label(p, Lang::en),
                           principle_label(p, Lang::fr));
      for (const auto& r : rules.rules) {
        if (r.principle != p) continue;
        std::string page = generated + rule_page_section(r, Lang::en, 1) + "\n---\n\n" + rule_page_section(r, Lang::fr, 2);
        write_output((std::filesystem::path(dir) / (r.id + ".md")).string(), page, out);
        index += fmt::format("| [{}]({}.md) | {} | {} | {} | {} |\n", r.id, r.id, severity_name(r.severity), basis_name(rule_basis(r)),
                             typeset(r.title.in(Lang::en), Lang::en),
                             typeset(r.title.in(Lang::fr), Lang::fr));
      }
    }
    write_output((std::filesystem::path(dir) / "README.md").string(), index, out);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  return 0;
}
}  // namespace

void add_explain_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<ExplainCommand>();
  auto* explain = app.add_subcommand("explain", "Why a rule exists, how it is checked, how to fix it");
  explain->add_option("rule", cmd->rule, "Rule id, e.g. NEUT-AD-SDK")->required();
  explain->add_option("--lang", cmd->lang, "Language: en or fr");
  explain->add_option("--rules", cmd->rules, "Extra rule module file or folder (repeatable)");
  explain->add_flag("--no-default-rules", cmd->no_default_rules, "Leave out the built-in rules");
  explain->footer("Examples:\n  pacte explain CONT-BUS-FACTOR\n  pacte explain NEUT-AD-SDK --lang fr");
  subs.push_back({explain, [cmd, &out, &err] { return run_explain(*cmd, out, err); }});
}

void add_rules_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<RulesCommand>();
  auto* rules = app.add_subcommand("rules", "List the rules in force, by principle");
  rules->add_option("--format", cmd->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  rules->add_option("--lang", cmd->lang, "Language: en or fr");
  rules->add_option("--rules", cmd->rules, "Extra rule module file or folder (repeatable)");
  rules->add_flag("--no-default-rules", cmd->no_default_rules, "Leave out the built-in rules");
  rules->add_flag("--primitives", cmd->primitives, "List the check primitives rule modules can use");
  rules->add_option("--docs", cmd->docs_dir,
                    "Write a help page per rule (DIR/<ID>.md, English and French, the text of 'pacte explain') and DIR/README.md");
  rules->footer("Examples:\n  pacte rules\n  pacte rules --format json --rules my-rules/\n  pacte rules --docs docs/rules");
  subs.push_back({rules, [cmd, &out, &err] { return run_rules(*cmd, out, err); }});
}

nlohmann::json rules_catalog(const RuleSet& rules) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : rules.rules) {
    // The entry a report carries, plus how the rule is checked and where it is declared.
    nlohmann::json entry = rule_catalogue_entry(r);
    nlohmann::json when = nlohmann::json::array();
    for (const auto& w : r.when) when.push_back(check_json(w));
    entry["check"] = r.check.primitive;
    entry["params"] = check_json(r.check);
    entry["when"] = when;
    entry["module"] = r.module_path;
    arr.push_back(std::move(entry));
  }
  return {{"rules", arr}, {"modules", rules.sources}, {"rules_hash", rules.hash}};
}

int run_rules(const RulesCommand& cmd, std::ostream& out, std::ostream& err) {
  Lang lang;
  if (!parse_lang(cmd.lang, lang, err)) return 2;
  if (cmd.primitives) {
    if (cmd.format == "json") {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& p : primitives())
        arr.push_back({{"name", p.name},
                       {"description", text_json(p.description)},
                       {"basis", p.basis_of ? nlohmann::json("derived") : nlohmann::json(basis_name(p.basis))},
                       {"params", p.params_schema}});
      out << nlohmann::json{{"primitives", arr}}.dump(2) << "\n";
      return 0;
    }
    for (const auto& p : primitives()) {
      std::string basis = p.basis_of ? std::string(lang == Lang::fr ? "selon les contrôles" : "from its checks") : basis_word(basis_name(p.basis), lang);
      out << fmt::format("{:<28} {:<13} {}\n", p.name, basis, p.description.in(lang));
      if (p.params_schema.contains("properties"))
        for (const auto& [k, v] : p.params_schema["properties"].items()) out << fmt::format("    {:<14} {}\n", k, v.contains("type") ? v["type"].dump() : "any");
    }
    return 0;
  }
  RuleSet rules;
  try {
    rules = load_rules(cmd.rules, cmd.no_default_rules);
  } catch (const InputError& e) {
    return usage_error(err, e.what());
  }
  if (!cmd.docs_dir.empty()) return write_rule_docs(rules, cmd.docs_dir, out, err);
  if (cmd.format == "json") {
    out << rules_catalog(rules).dump(2) << "\n";
    return 0;
  }
  for (const auto& p : principles()) {
    out << principle_label(p, lang) << "\n";
    for (const auto& r : rules.rules)
      if (r.principle == p)
        out << fmt::format("  {:<26} {:<9} {:<12} {}\n", r.id, severity_word(severity_name(r.severity), lang),
                           basis_word(basis_name(rule_basis(r)), lang), typeset(r.title.in(lang), lang));
  }
  out << "\n" << fmt::format(fmt::runtime(label(L::rules_in_force, lang)), rules.rules.size()) << "\n";
  return 0;
}

int run_explain(const ExplainCommand& cmd, std::ostream& out, std::ostream& err) {
  Lang lang;
  if (!parse_lang(cmd.lang, lang, err)) return 2;
  RuleSet rules;
  try {
    rules = load_rules(cmd.rules, cmd.no_default_rules);
  } catch (const InputError& e) {
    return usage_error(err, e.what());
  }
  const Rule* r = rules.find(cmd.rule);
  if (!r) {
    std::vector<std::string> ids;
    for (const auto& x : rules.rules) ids.push_back(x.id);
    std::string s = did_you_mean(cmd.rule, ids);
    std::string hint = s.empty() ? "" : fmt::format(fmt::runtime(label(L::did_you_mean, lang)), s);
    return usage_error(err, fmt::format(fmt::runtime(label(L::unknown_rule, lang)), cmd.rule, hint));
  }
  // "Label: " with the colon French typography wants.
  auto field = [lang](L id) { return std::string(label(id, lang)) + (lang == Lang::fr ? "\u00A0: " : ": "); };
  out << r->id << " — " << typeset(r->title.in(lang), lang) << "\n";
  out << field(L::principle) << principle_label(r->principle, lang) << "    " << field(L::severity)
      << severity_label(severity_name(r->severity), lang) << "\n";
  out << field(L::basis) << basis_label(basis_name(rule_basis(*r)), lang) << "\n\n";
  out << label(L::explain_why, lang) << "\n  " << typeset(r->rationale.in(lang), lang) << "\n\n";
  const Primitive* p = find_primitive(r->check.primitive);
  out << label(L::explain_how_checked, lang) << "\n  " << (p ? typeset(p->description.in(lang), lang) : r->check.primitive) << "\n";
  out << "  " << r->check.primitive << " " << r->check.params.dump() << "\n";
  for (const auto& w : r->when)
    out << "  " << label(L::explain_only_when, lang) << (lang == Lang::fr ? "\u00A0: " : ": ") << w.primitive << " " << w.params.dump() << "\n";
  out << "\n" << label(L::explain_how_to_fix, lang) << "\n  " << typeset(r->remediation.in(lang), lang) << "\n";
  if (!r->references.empty()) {
    out << "\n" << label(L::references, lang) << "\n";
    for (const auto& ref : r->references)
      out << "  - " << typeset(ref.title.in(lang), lang) << (ref.url.empty() ? "" : " <" + ref.url + ">") << "\n";
  }
  out << "\n" << label(L::defined_in, lang) << " " << r->module_path << ":" << r->pos.line << "\n";
  return 0;
}

}  // namespace pacte::cli
