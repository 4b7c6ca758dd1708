// pacte scaffold: writes a template file (accessibility statement, security policy, contributing
// guide) into the repository, filled from the charter. The templates are built by checks/init
// (scaffold_file).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

#include "checks/base/output_file.hpp"
#include "checks/engine/charter.hpp"
#include "checks/init/scaffold.hpp"
#include "checks/init/source.hpp"
#include "cli/init.hpp"

namespace pacte::cli {

namespace fs = std::filesystem;

namespace {

/// Options of `pacte scaffold`.
struct ScaffoldCommand {
  std::string kind;
  std::string path = ".";
  std::string lang = "fr";
  std::string output;
  bool force = false;
};

int run_scaffold(const ScaffoldCommand& cmd, std::ostream& out, std::ostream& err) {
  Lang lang;
  if (!parse_lang(cmd.lang, lang, err)) return 2;
  auto kind = scaffold_kind(cmd.kind);
  if (!kind) return usage_error(err, "unknown file '" + cmd.kind + "'; use statement, security or contributing");
  std::unique_ptr<DraftSource> src;
  try {
    src = std::make_unique<DraftSource>(cmd.path, true);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  if (src->bare() && cmd.output.empty())
    return usage_error(err, Text{src->root() + ": a bare repository has no working tree to write into; give --output FILE",
                               src->root() + "\u00A0: un dépôt nu n'a pas d'arbre de travail où écrire\u00A0; donnez --output FICHIER"}.in(lang));
  // The charter on disk, when there is one: its values fill the template.
  Charter charter;
  std::string charter_path;
  for (const auto& loc : charter_locations()) {
    std::error_code ec;
    fs::path p = fs::path(src->root()) / loc;
    if (!src->bare() && fs::is_regular_file(p, ec)) {
      charter_path = p.string();
      break;
    }
  }
  try {
    if (!charter_path.empty()) charter = load_charter(read_charter_file(charter_path, lang), charter_path, audit_now(), lang);
  } catch (const CharterInvalid& e) {
    return charter_not_valid(err, e, charter_path, lang);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  ScaffoldFile file;
  try {
    file = scaffold_file(*kind, charter, lang, src->service_name());
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  std::string target = cmd.output.empty() ? (fs::path(src->root()) / file.default_path).string() : cmd.output;
  std::error_code ec;
  if (target != "-" && fs::exists(fs::symlink_status(target, ec)) && !cmd.force)
    return usage_error(err, Text{target + ": the file already exists; pacte scaffold does not overwrite it. Use --force to replace it",
                               target + "\u00A0: le fichier existe déjà\u00A0; pacte scaffold ne l'écrase pas. Utilisez --force pour le remplacer"}.in(lang));
  try {
    if (target != "-") {
      fs::path parent = fs::path(target).parent_path();
      if (!parent.empty()) fs::create_directories(parent);
    }
    write_output(target, file.text, out);
  } catch (const std::exception& e) {
    return usage_error(err, e.what());
  }
  std::ostream& msg = target == "-" ? err : out;
  if (target != "-") msg << Text{"Wrote ", "Écrit\u00A0: "}.in(lang) << target << "\n";
  msg << (charter_path.empty() ? Text{"No charter found: every value is a field to fill in.\n", "Aucune charte trouvée\u00A0: chaque valeur est un champ à compléter.\n"}.in(lang)
                               : Text{"Filled from ", "Rempli d'après "}.in(lang) + charter_path + "\n");
  if (!file.to_fill.empty()) {
    msg << Text{"Fields to fill in (marked [To fill in: ...]): ", "Champs à compléter (marqués [À compléter\u00A0: ...])\u00A0: "}.in(lang) << file.to_fill.size() << "\n";
    for (const auto& f : file.to_fill) msg << "  - " << f << "\n";
  }
  // The charter key that declares the file: pacte does not edit the charter for this, it says
  // what to write.
  std::string relative = target;
  if (target != "-") {
    fs::path rel = fs::path(target).lexically_proximate(src->root());
    if (!rel.empty() && rel.native().rfind("..", 0) != 0) relative = rel.generic_string();
  }
  if (*kind == ScaffoldKind::statement)
    msg << Text{"Next: fill in the fields, then declare the statement in the charter:\n",
                "Ensuite\u00A0: complétez les champs, puis déclarez la déclaration dans la charte\u00A0:\n"}.in(lang)
        << "  equal_access:\n    accessibility:\n      statement: " << relative << "\n"
        << Text{"  (and status: full, partial or none, as the statement says; audit_date: the audit's date)\n",
                "  (ainsi que status: full, partial ou none, comme l'indique la déclaration\u00A0; audit_date: la date de l'audit)\n"}.in(lang);
  else if (*kind == ScaffoldKind::contributing)
    msg << Text{"Next: fill in the fields, then declare the guide in the charter:\n", "Ensuite\u00A0: complétez les champs, puis déclarez le guide dans la charte\u00A0:\n"}.in(lang)
        << "  openness:\n    contributing: " << relative << "\n";
  else
    msg << Text{"Next: fill in the fields. SECURITY.md is found by name; you may also declare continuity.security_contact (an address or a form) in the charter.\n",
                "Ensuite\u00A0: complétez les champs. SECURITY.md est trouvé par son nom\u00A0; vous pouvez aussi déclarer continuity.security_contact (une adresse ou un formulaire) dans la charte.\n"}.in(lang);
  return 0;
}

}  // namespace

void add_scaffold_command(CLI::App& app, std::vector<Subcommand>& subs, std::ostream& out, std::ostream& err) {
  auto cmd = std::make_shared<ScaffoldCommand>();
  auto* sc = app.add_subcommand("scaffold", "Write a template file (accessibility statement, security policy, contributing guide) filled from the charter");
  sc->add_option("file", cmd->kind, "What to write: statement, security or contributing")->required()->check(CLI::IsMember(scaffold_kind_names()));
  sc->add_option("path", cmd->path, "Working copy or folder to write into (default: .)");
  sc->add_option("--lang", cmd->lang, "Language of the file and messages: fr (default) or en")->check(CLI::IsMember({"en", "fr"}));
  sc->add_option("--output,-o", cmd->output, "Write to FILE instead of the default path; - prints it");
  sc->add_flag("--force", cmd->force, "Overwrite the file if it exists");
  sc->footer(
      "Default paths: statement -> docs/accessibilite.md (fr) or docs/accessibility.md (en);\n"
      "security -> SECURITY.md; contributing -> CONTRIBUTING.md. Values come from the charter\n"
      "(service name, operator, contacts, security contact, accessibility status, standard and\n"
      "audit date, maintainers); what it does not say is a field marked [To fill in: ...]\n"
      "(in French with --lang fr), never an invented value. An existing file is never\n"
      "overwritten without --force (exit 2).\n\n"
      "Examples:\n"
      "  pacte scaffold statement             accessibility statement, French RGAA model\n"
      "  pacte scaffold security --lang en    SECURITY.md in English\n"
      "  pacte scaffold contributing ../service --output docs/CONTRIBUTING.md");
  subs.push_back({sc, [cmd, &out, &err] { return run_scaffold(*cmd, out, err); }});
}

}  // namespace pacte::cli
